import { createHttpHandler, respond, routesFrom, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { approvalView, decideApproval, readApproval, requireStaff, type InboxDeps } from './approval-inbox';
import { routes } from './routes';

export function makeHandler(deps: InboxDeps & { logger: Logger }, security: HttpSecurity = {}) {
  return createHttpHandler({
    routes: routesFrom(routes, {
      'GET /v1/approvals': async (ctx, { query }) => {
        requireStaff(ctx.caller);
        const approvals = await deps.approvals.list(query.status, query.limit);
        return respond.json({ approvals: approvals.map(approvalView) });
      },
      'GET /v1/approvals/:id': async (ctx, { params }) =>
        respond.json(approvalView(await readApproval(deps, ctx.caller, params.id))),
      'POST /v1/approvals/:id/decision': async (ctx, { params, body }) =>
        respond.json(approvalView(await decideApproval(deps, ctx.caller, params.id, body.verdict, body.note))),
    }),
    logger: deps.logger,
    ...security,
  });
}
