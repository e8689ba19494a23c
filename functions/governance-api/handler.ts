import { createHttpHandler, routesFrom, type ApiKeys } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { Gatekeeper, type GatedFunctionDeps } from '@backbone/shared/policy';
import { apiKeyHandlers } from './api-key-handlers';
import { auditHandlers } from './audit-handlers';
import { memberHandlers } from './member-handlers';
import { registryHandlers } from './registry-handlers';
import { trialHandlers } from './trial-handlers';
import { type RegistryStore, type TrialStore } from '@backbone/shared/governance';
import type { MembershipStore, UserDirectory } from './members/ports';
import { TenantMembers } from './members/service';
import { routes } from './routes';

export interface GovernanceDeps extends GatedFunctionDeps {
  registry: RegistryStore;
  trials: TrialStore;
  apiKeys: ApiKeys;
  directory: UserDirectory;
  memberships: MembershipStore;
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
