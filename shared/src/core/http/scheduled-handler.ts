import { z } from 'zod';
import type { Logger } from '../logging/logger';
import type { Clock } from '../ports/clock';
import { createHttpHandler, type HttpHandlerOptions } from './http-handler';
import { defineRoutes, routesFrom } from './route-contract';
import { respond } from './types';

/** Cloud Scheduler's `X-CloudScheduler-ScheduleTime` (RFC 3339); absent when someone else calls. */
export const ScheduleTimeHeaderSchema = z.iso.datetime({ offset: true }).optional();

/** The one route of every scheduled job, for its OpenAPI document. */
export const SCHEDULED_ROUTES = defineRoutes({
  'POST /': {
    summary: "One firing of the job (Cloud Scheduler's identity); its retries share the schedule time.",
    access: 'service',
    headers: z.object({ 'x-cloudscheduler-scheduletime': ScheduleTimeHeaderSchema }),
    responses: { 200: z.record(z.string(), z.unknown()).describe("The firing's report.") },
  },
});

/** One firing of a scheduled job. */
export interface ScheduledTick {
  /** The time the job was scheduled for (its retries share it), else now. */
  scheduledAt: Date;
  /** `scheduledAt` as a compact id (`20261203T140000000Z`): the same for every retry of one firing. */
  roundId: string;
  log: Logger;
}

/** The round id of a firing: Cloud Scheduler's schedule time when it sent one, else now. */
export function roundIdFor(scheduledAt: Date): string {
  return scheduledAt.toISOString().replace(/[-:.]/g, '');
}

/**
 * A scheduled job's HTTP handler: one `POST /` (the scheduler's), the schedule time read and
 * validated once, `run`'s result answered as JSON; security comes from the manifest like any route.
 */
export function createScheduledHandler(
  deps: { logger: Logger; clock: Clock },
  security: Omit<HttpHandlerOptions, 'routes' | 'maxBodyBytes' | 'logger'>,
  run: (tick: ScheduledTick) => Promise<unknown>,
) {
  const { clock } = deps;
  return createHttpHandler({
    ...security,
    logger: deps.logger,
    maxBodyBytes: 4 * 1024,
    // The route's contract is the one its OpenAPI document describes: the header is validated there.
    routes: routesFrom(SCHEDULED_ROUTES, {
      'POST /': async (ctx, { headers }) => {
        const header = headers['x-cloudscheduler-scheduletime'];
        const scheduledAt = header ? new Date(header) : clock.now();
        return respond.json(await run({ scheduledAt, roundId: roundIdFor(scheduledAt), log: ctx.log }));
      },
    }),
  });
}
