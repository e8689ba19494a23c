import { createHttpHandler, respond, routesFrom } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { Gatekeeper, type GatedFunctionDeps } from '@backbone/shared/policy';
import { routes } from './routes';
import { WorkspaceService, type WorkspaceDeps } from './service';

export type WorkspacesDeps = Omit<WorkspaceDeps, 'gate'> & GatedFunctionDeps;

export function makeHandler(deps: WorkspacesDeps, security: HttpSecurity = {}) {
  const service = new WorkspaceService({ ...deps, gate: new Gatekeeper(deps) });
  return createHttpHandler({
    routes: routesFrom(routes, {
      'GET /v1/tenants/:tenant/agents/:agent/workspace': async (ctx, { params, query }) =>
        respond.json(await service.list(ctx.caller, params.tenant, params.agent, query)),
      'POST /v1/tenants/:tenant/agents/:agent/workspace/uploads': async (ctx, { params, body }) =>
        respond.json(await service.upload(ctx.caller, params.tenant, params.agent, body)),
      'POST /v1/tenants/:tenant/agents/:agent/workspace/downloads': async (ctx, { params, body }) =>
        respond.json(await service.download(ctx.caller, params.tenant, params.agent, body.path)),
      'GET /v1/tenants/:tenant/archives': async (ctx, { params }) =>
        respond.json(await service.archivesOf(ctx.caller, params.tenant)),
      'POST /v1/tenants/:tenant/archives/:archive/restore': async (ctx, { params }) =>
        respond.json(await service.restore(ctx.caller, params.tenant, params.archive)),
      'GET /v1/archives/:archive/download': async (_ctx, { params, query }) => {
        const { fileName, stream } = await service.openDownload(params.archive, query.exp, query.sig);
        return {
          status: 200,
          contentType: 'application/gzip',
          headers: { 'Content-Disposition': `attachment; filename="${fileName}"`, 'Cache-Control': 'no-store' },
          stream: async (out) => {
            for await (const chunk of stream) {
              if (out.closed.aborted) break;
              out.write(chunk as Buffer);
            }
          },
        };
      },
    }),
    logger: deps.logger,
    ...security,
  });
}
