import { createHttpHandler, routesFrom, type ApiKeys, type Clock, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { Gatekeeper, type PolicyHolder } from '@backbone/shared/policy';
import { type AuditLog } from '@backbone/shared/audit';
import { type RegistryStore, type TrialStore } from '@backbone/shared/governance';
import { apiKeyHandlers } from './api-key-handlers';
import { auditHandlers } from './audit-handlers';
import { memberHandlers } from './member-handlers';
import type { MembershipStore, UserDirectory } from './members/ports';
import { TenantMembers } from './members/service';
import { registryHandlers } from './registry-handlers';
import { routes } from './routes';
import { trialHandlers } from './trial-handlers';

export interface GovernanceDeps {
  holder: PolicyHolder;
  registry: RegistryStore;
  trials: TrialStore;
  apiKeys: ApiKeys;
  audit: AuditLog;
  directory: UserDirectory;
  memberships: MembershipStore;
  clock: Clock;
  source: string;
  logger: Logger;
}

export function makeHandler(deps: GovernanceDeps, security: HttpSecurity = {}) {
  const gate = new Gatekeeper(deps);
  return createHttpHandler({
    routes: routesFrom(routes, {
      ...registryHandlers({ registry: deps.registry, gate, clock: deps.clock }),
      ...apiKeyHandlers({ apiKeys: deps.apiKeys, gate }),
      ...trialHandlers({ trials: deps.trials, gate, clock: deps.clock }),
      ...auditHandlers({ audit: deps.audit, gate }),
      ...memberHandlers({ members: new TenantMembers(deps), gate }),
    }),
    logger: deps.logger,
    maxBodyBytes: 64 * 1024,
    ...security,
  });
}
