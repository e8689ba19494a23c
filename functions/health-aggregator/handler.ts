import { createScheduledHandler, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { runRound, type AggregatorDeps } from './service';

export function makeHandler(deps: Omit<AggregatorDeps, 'log'> & { logger: Logger }, security: HttpSecurity = {}) {
  return createScheduledHandler(deps, security, (tick) => runRound({ ...deps, log: tick.log }, tick.roundId));
}
