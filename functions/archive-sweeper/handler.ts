import { createScheduledHandler, type Clock } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { sweepArchives, type SweepDeps } from './sweep';

/** One firing: every expired archive deleted; a retry or an overlapping firing deletes nothing twice. */
export function makeHandler(deps: SweepDeps & { clock: Clock }, security: HttpSecurity = {}) {
  return createScheduledHandler(deps, security, async (tick) => {
    const counts = await sweepArchives({ ...deps, logger: tick.log }, deps.clock.now());
    if (counts.deleted > 0) tick.log.info('archives swept', counts);
    return counts;
  });
}
