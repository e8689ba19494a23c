import {
  createHttpHandler,
  DecisionRequestSchema,
  parseWith,
  type HttpSecurity,
  respond,
  type Logger,
  type Route,
} from '@backbone/shared';
import { DecideBatchSchema } from './schema';
import { decideAll, type PepDeps } from './service';

export function makeHandler(deps: PepDeps & { logger: Logger }, security: HttpSecurity = {}) {
  const routes: Route[] = [
    {
      method: 'POST',
      path: '/v1/pep/decide',
      handle: async (ctx) => {
        const request = parseWith(DecisionRequestSchema, ctx.body, 'body');
        const [decision] = await decideAll(deps, [request]);
        return respond.json(decision);
      },
    },
    {
      method: 'POST',
      path: '/v1/pep/decide-batch',
      handle: async (ctx) => {
        const { requests } = parseWith(DecideBatchSchema, ctx.body, 'body');
        return respond.json({ decisions: await decideAll(deps, requests) });
      },
    },
  ];
  return createHttpHandler({ routes, logger: deps.logger, maxBodyBytes: 256 * 1024, ...security });
}
