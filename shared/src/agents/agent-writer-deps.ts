import type { Firestore } from '@google-cloud/firestore';
import { FirestoreAuditLog } from '../audit/firestore-audit-log';
import type { Clock } from '../core/ports/clock';
import type { EventPublisher } from '../core/ports/event-publisher';
import type { Logger } from '../core/logging/logger';
import { FirestoreAgentStore } from './firestore-agent-store';
import { SHIPPED_LIFECYCLES } from './lifecycle';
import type { AgentWriterDeps } from './suspend';

/** What a function that changes agents on its own runs on in production: Firestore, the shipped lifecycle, the audit log. */
export function agentWriterDeps(
  db: Firestore,
  runtime: { publisher: EventPublisher; clock: Clock; source: string; logger: Logger },
): AgentWriterDeps {
  return {
    store: new FirestoreAgentStore(db),
    lifecycles: SHIPPED_LIFECYCLES,
    audit: new FirestoreAuditLog(db),
    ...runtime,
  };
}
