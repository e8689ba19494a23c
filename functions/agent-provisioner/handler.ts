import { consume, type FailureRecorder } from '@backbone/shared/core';
import manifest from './function';
import { consumedEvents } from './schema';
import { deprovision, provision, type ProvisionerDeps } from './service';

export function makeHandler(deps: ProvisionerDeps & { failures: FailureRecorder }) {
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    if (event.type === 'provisioning.requested') {
      const provisioned = await provision(deps, event.data, ctx.log);
      ctx.log.info('agents provisioned', { tenant: event.data.tenantId, agents: provisioned });
    } else {
      const retired = await deprovision(deps, event.data, ctx.log);
      ctx.log.info('provisioned agents retired', { tenant: event.data.tenantId, agents: retired });
    }
  });
}
