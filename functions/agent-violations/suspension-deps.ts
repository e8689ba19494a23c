import type { Clock, EventPublisher, Logger } from '@backbone/shared/core';
import type { AuditLog } from '@backbone/shared/audit';
import type { AgentStore, LifecycleDefinitions } from '@backbone/shared/agents';

export interface SuspensionDeps {
  store: AgentStore;
  lifecycles: LifecycleDefinitions;
  audit: AuditLog;
  publisher: EventPublisher;
  clock: Clock;
  source: string;
  logger: Logger;
}
