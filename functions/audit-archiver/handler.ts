import { createScheduledHandler, type Clock } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { archiveAudit, type ArchiveAuditDeps } from './service';

/** One firing: the oldest eligible records archived; a retry repeats nothing already removed. */
export function makeHandler(deps: ArchiveAuditDeps & { clock: Clock }, security: HttpSecurity = {}) {
  return createScheduledHandler(deps, security, async (tick) =>
    archiveAudit({ ...deps, logger: tick.log }, deps.clock.now()),
  );
}
