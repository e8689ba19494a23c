import { createScheduledHandler, type Clock, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';

/** One firing: every retry of it carries the same round id, so the work is idempotent on it. */
export function makeHandler(deps: { clock: Clock; logger: Logger }, security: HttpSecurity = {}) {
  return createScheduledHandler({
    ...security,
    logger: deps.logger,
    clock: deps.clock,
    run: async (tick) => {
      tick.log.info('agent-benchmarks fired', { roundId: tick.roundId });
      return { roundId: tick.roundId };
    },
  });
}
