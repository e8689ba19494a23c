import { createHttpHandler, type ApiKeys, type Clock, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { Gatekeeper, type PolicyHolder } from '@backbone/shared/policy';
import { type AuditLog } from '@backbone/shared/audit';
import { type RegistryStore, type TrialStore } from '@backbone/shared/governance';
import { apiKeyRoutes } from './api-key-routes';
import { auditRoutes } from './audit-routes';
import { memberRoutes } from './member-routes';
import type { MembershipStore, UserDirectory } from './members/ports';
import { TenantMembers } from './members/service';

import { registryRoutes } from './registry-routes';
import { trialRoutes } from './trial-routes';

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
  const routes = [
    ...registryRoutes({ registry: deps.registry, gate, clock: deps.clock }),
    ...apiKeyRoutes({ apiKeys: deps.apiKeys, gate }),
    ...trialRoutes({ trials: deps.trials, gate, clock: deps.clock }),
    ...auditRoutes({ audit: deps.audit, gate }),
    ...memberRoutes({ members: new TenantMembers(deps), gate }),
  ];
  return createHttpHandler({ routes, logger: deps.logger, maxBodyBytes: 64 * 1024, ...security });
}
