import {
  createHttpHandler,
  parseWith,
  respond,
  type Clock,
  type EventPublisher,
  type Logger,
  type Route,
} from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { startRun, type ScrapeStore } from '@backbone/shared/scraping';
import { ScheduleTimeHeaderSchema } from './schema';

export function makeHandler(
  deps: { store: ScrapeStore; publisher: EventPublisher; clock: Clock; source: string; logger: Logger },
  security: HttpSecurity = {},
) {
  const routes: Route[] = [
    {
      method: 'POST',
      path: '/',
      handle: async (ctx) => {
        const scheduled = parseWith(
          ScheduleTimeHeaderSchema,
          ctx.headers['x-cloudscheduler-scheduletime'],
          'X-CloudScheduler-ScheduleTime header',
        );
        const at = scheduled ? new Date(scheduled) : deps.clock.now();
        const result = await startRun(deps, {
          runId: `scheduled-${at.toISOString().replace(/[-:.]/g, '')}`,
          trigger: 'schedule',
          requestedBy: 'cloud-scheduler',
          now: deps.clock.now(),
          source: deps.source,
        });
        return respond.json(result);
      },
    },
  ];
  return createHttpHandler({ routes, logger: deps.logger, maxBodyBytes: 4 * 1024, ...security });
}
