import { createHttpHandler, respond, type Logger, type Route } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { sealHead, type CheckpointDeps } from './service';

export function makeHandler(deps: CheckpointDeps & { logger: Logger }, security: HttpSecurity = {}) {
  const routes: Route[] = [
    {
      method: 'POST',
      path: '/',
      handle: async (ctx) => respond.json(await sealHead(deps, ctx.log)),
    },
  ];
  return createHttpHandler({ routes, logger: deps.logger, maxBodyBytes: 4 * 1024, ...security });
}
