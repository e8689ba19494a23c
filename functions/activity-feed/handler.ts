import { createHttpHandler, respond, routesFrom, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { routes } from './routes';

export function makeHandler(deps: { source: string; logger: Logger }, security: HttpSecurity = {}) {
  return createHttpHandler({
    // One handler per declared route: a missing or an extra one is a type error.
    routes: routesFrom(routes, {
      'GET /v1/activity-feed/status': async (ctx) => respond.json({ service: deps.source, caller: ctx.caller.kind }),
    }),
    logger: deps.logger,
    ...security,
  });
}
