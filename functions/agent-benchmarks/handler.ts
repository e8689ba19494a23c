import { createScheduledHandler, type Clock } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { computeBenchmarks, type BenchmarkDeps } from './compute';

/** One firing: the benchmarks recomputed from scratch (a retry computes the same). */
export function makeHandler(deps: BenchmarkDeps & { clock: Clock }, security: HttpSecurity = {}) {
  return createScheduledHandler(deps, security, async (tick) => {
    const result = await computeBenchmarks({ ...deps, logger: tick.log }, deps.clock.now());
    tick.log.info('peer benchmarks computed', result);
    return result;
  });
}
