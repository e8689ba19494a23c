import { createScheduledHandler, type Clock } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { sweepBudgets, type SweepDeps } from './sweep';

/** One firing: every budget swept; a retry of it alerts nothing twice (alerts are recorded once by id). */
export function makeHandler(deps: SweepDeps & { clock: Clock }, security: HttpSecurity = {}) {
  return createScheduledHandler(deps, security, async (tick) => {
    const counts = await sweepBudgets({ ...deps, logger: tick.log }, deps.clock.now());
    if (counts.alerted + counts.delivered + counts.failed > 0) tick.log.info('budgets swept', counts);
    return counts;
  });
}
