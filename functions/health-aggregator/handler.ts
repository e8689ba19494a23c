import { createHttpHandler, parseWith, respond, type Logger, type Route } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { ScheduleTimeHeaderSchema } from './schema';
import { runRound, type AggregatorDeps } from './service';

/** The round id: Cloud Scheduler's schedule time when it sent one (its retries share it), else now. */
export function roundIdFor(scheduleTime: string | undefined, now: Date): string {
  const at = scheduleTime ? new Date(scheduleTime) : now;
  return at.toISOString().replace(/[-:.]/g, '');
}

export function makeHandler(
  deps: Omit<AggregatorDeps, 'log'> & { logger: Logger },
  security: HttpSecurity = {},
) {
  const routes: Route[] = [
    {
      method: 'POST',
      path: '/',
      handle: async (ctx) => {
        const scheduleTime = parseWith(
          ScheduleTimeHeaderSchema,
          ctx.headers['x-cloudscheduler-scheduletime'],
          'X-CloudScheduler-ScheduleTime header',
        );
        const report = await runRound({ ...deps, log: ctx.log }, roundIdFor(scheduleTime, deps.clock.now()));
        return respond.json(report);
      },
    },
  ];
  return createHttpHandler({ routes, logger: deps.logger, maxBodyBytes: 4 * 1024, ...security });
}
