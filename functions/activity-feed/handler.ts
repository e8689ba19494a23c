import { createHttpHandler, respond, routesFrom, ValidationError, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import {
  authorizeRead,
  decodePosition,
  tenantFor,
  usageOf,
  type ActivityFeed,
  type UsageAccessDeps,
} from '@backbone/shared/runlogs';
import { activityStream, itemView, type StreamTimings } from './event-stream';
import { routes } from './routes';

export interface ActivityFeedDeps extends UsageAccessDeps {
  feed: ActivityFeed;
  timings: StreamTimings;
  logger: Logger;
}

const position = (cursor: string, where: string) => {
  const decoded = decodePosition(cursor);
  if (!decoded) throw new ValidationError('Not a cursor of this feed.', [{ path: where, message: 'unknown cursor' }]);
  return decoded;
};

export function makeHandler(deps: ActivityFeedDeps, security: HttpSecurity = {}) {
  return createHttpHandler({
    routes: routesFrom(routes, {
      'GET /v1/activity': async (ctx, { query }) => {
        const tenant = tenantFor(ctx.caller, query.tenant);
        const before = query.cursor ? position(query.cursor, 'query.cursor') : undefined;
        await authorizeRead(deps, ctx.caller, usageOf(tenant));
        const items = (await deps.feed.page(tenant, query.limit, before)).map(itemView);
        return respond.json({
          tenant,
          items,
          nextCursor: items.length === query.limit ? items.at(-1)!.cursor : null,
        });
      },
      'GET /v1/stream/activity': async (ctx, { query, headers }) => {
        const tenant = tenantFor(ctx.caller, query.tenant);
        const lastEventId = headers['last-event-id'];
        const resumed = lastEventId ? position(lastEventId, 'header.last-event-id') : undefined;
        await authorizeRead(deps, ctx.caller, usageOf(tenant));
        // A new client follows what comes next: the page route gives it what came before.
        const after = resumed ?? (await deps.feed.page(tenant, 1))[0]?.position;
        return activityStream(deps.feed, tenant, after, deps.timings);
      },
    }),
    logger: deps.logger,
    ...security,
  });
}
