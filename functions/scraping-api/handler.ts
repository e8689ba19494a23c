import {
  createHttpHandler,
  NotFoundError,
  respond,
  routesFrom,
  type EventPublisher,
  type IdGenerator,
} from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { Gatekeeper, type GatedFunctionDeps } from '@backbone/shared/policy';
import { startRun, type ScrapeStore } from '@backbone/shared/scraping';
import { routes } from './routes';

export interface ScrapingApiDeps extends GatedFunctionDeps {
  store: ScrapeStore;
  publisher: EventPublisher;
  ids: IdGenerator;
}

const KNOWLEDGE = { type: 'Component', id: 'knowledge' } as const;

/** Operators (Industry Managers and up, by policy) start runs; auditors and up follow them. */
export function makeHandler(deps: ScrapingApiDeps, security: HttpSecurity = {}) {
  const gate = new Gatekeeper(deps);
  return createHttpHandler({
    routes: routesFrom(routes, {
      'POST /v1/scraping/runs': async (ctx, { body }) => {
        const { sourceId } = body;
        // Permission first: a caller who may not run scrapes learns nothing about which sources exist.
        const started = await gate.run(ctx.caller, 'update', KNOWLEDGE, async () => {
          if (sourceId && !(await deps.store.source(sourceId)))
            throw new NotFoundError(`No knowledge source ${sourceId}.`);
          const result = await startRun(deps, {
            runId: `operator-${deps.ids.next()}`,
            trigger: 'operator',
            requestedBy: ctx.caller.kind === 'user' ? `user:${ctx.caller.uid}` : 'service',
            now: deps.clock.now(),
            ...(sourceId ? { sourceId } : {}),
            source: deps.source,
          });
          return { result, details: { runId: result.runId, sourceId: sourceId ?? 'all due' } };
        });
        return respond.json(started, 202, { Location: `/v1/scraping/runs/${started.runId}` });
      },
      'GET /v1/scraping/runs/:id': async (ctx, { params }) => {
        const found = await gate.run(ctx.caller, 'view', KNOWLEDGE, async () => ({
          result: await deps.store.run(params.id),
        }));
        if (!found) throw new NotFoundError(`No scrape run ${params.id}.`);
        return respond.json({ ...found.run, sources: found.sources });
      },
      'GET /v1/scraping/sources': async (ctx, { query }) => {
        const sources = await gate.run(ctx.caller, 'view', KNOWLEDGE, async () => ({
          result: await deps.store.listSources(query),
        }));
        return respond.json({ sources });
      },
      'PUT /v1/scraping/sources/:id': async (ctx, { params, body }) => {
        const { id } = params;
        const saved = await gate.run(ctx.caller, 'update', KNOWLEDGE, async () => {
          const existing = await deps.store.source(id);
          // A new URL is a new page: its fetch state starts over.
          const keep = existing && existing.url === body.url ? existing : undefined;
          const source = {
            ...(keep ?? { status: 'never' as const, version: existing?.version ?? 0 }),
            ...body,
            id,
          };
          await deps.store.putSource(source);
          return { result: { source, created: !existing }, details: { sourceId: id, url: body.url } };
        });
        return respond.json(saved.source, saved.created ? 201 : 200);
      },
    }),
    logger: deps.logger,
    maxBodyBytes: 4 * 1024,
    ...security,
  });
}
