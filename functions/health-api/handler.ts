import { createHttpHandler, NotFoundError, respond, routesFrom } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { Gatekeeper, type GatedFunctionDeps } from '@backbone/shared/policy';
import { windowStats } from './service';
import { hoursBetween, type HealthStore } from '@backbone/shared/health';
import { renderMetrics } from './metrics';
import { routes } from './routes';
import { renderIncidentPage, renderStatusPage } from './status-page';
import { historyOf } from './history-svg';

const HISTORY_READ_MS = 5 * 60_000;

export interface HealthApiDeps extends GatedFunctionDeps {
  store: HealthStore;
}

const HEALTH_COMPONENT = { type: 'Component', id: 'health' } as const;

const MAX_SAMPLES_RETURNED = 1_500;
const HISTORY_CACHE_MS = 30_000;

export function makeHandler(deps: HealthApiDeps, security: HttpSecurity = {}) {
  const { store, clock } = deps;
  const gate = new Gatekeeper(deps);
  // One answer per service and window for 30 s: the public history costs a bounded number of reads.
  const historyCache = new Map<string, { at: number; body: unknown }>();
  const openIncidents = () => store.listIncidents({ status: 'open', limit: 100 });
  // The bars change by the hour: each instance reads the histories (8 days of hourly documents a
  // service) at most every 5 minutes, however often the public page is loaded.
  let historyRead: { at: number; ids: string; value: Map<string, ReturnType<typeof historyOf>> } | undefined;
  const histories = async (ids: string[], now: Date) => {
    const key = ids.join(',');
    if (historyRead && historyRead.ids === key && now.getTime() - historyRead.at < HISTORY_READ_MS)
      return historyRead.value;
    const hours = hoursBetween(new Date(now.getTime() - 7 * 86_400_000), now);
    const found = await store.history(ids, hours);
    const value = new Map(
      ids.map((id) => [
        id,
        historyOf(
          hours,
          found.filter((h) => h.serviceId === id),
        ),
      ]),
    );
    historyRead = { at: now.getTime(), ids: key, value };
    return value;
  };
  return createHttpHandler({
    routes: routesFrom(routes, {
      'PUT /v1/health/services/:id': async (ctx, { params, body }) => {
        const service = { id: params.id, ...body };
        const existed = await gate.run(ctx.caller, 'update', HEALTH_COMPONENT, async () => {
          const before = await store.getService(params.id);
          await store.putService(service);
          return { result: before !== undefined, details: { serviceId: params.id, url: service.url } };
        });
        return respond.json({ service }, existed ? 200 : 201);
      },
      'DELETE /v1/health/services/:id': async (ctx, { params }) => {
        const removed = await gate.run(ctx.caller, 'delete', HEALTH_COMPONENT, async () => ({
          result: await store.deleteService(params.id),
          details: { serviceId: params.id },
        }));
        if (!removed) throw new NotFoundError(`No service '${params.id}' is registered.`);
        return { status: 204 };
      },
      'GET /v1/health/summary': async () => {
        const [snapshot, incidents] = await Promise.all([store.getSnapshot(), openIncidents()]);
        return respond.json(
          {
            status: snapshot?.status ?? 'unknown',
            round: snapshot?.round ?? null,
            updatedAt: snapshot?.at.toISOString() ?? null,
            services: snapshot?.services ?? [],
            openIncidents: incidents,
          },
          200,
          { 'Cache-Control': 'public, max-age=15' },
        );
      },
      'GET /v1/health/services/:id': async (_ctx, { params, query }) => {
        const { id } = params;
        const { window } = query;
        const now = clock.now();
        const key = `${id}:${window.text}`;
        const cached = historyCache.get(key);
        if (cached && now.getTime() - cached.at < HISTORY_CACHE_MS)
          return respond.json(cached.body, 200, { 'Cache-Control': 'public, max-age=30' });
        const service = await store.getService(id);
        if (!service) throw new NotFoundError(`No service '${id}' is registered.`);
        const [samples, snapshot, incidents] = await Promise.all([
          store.samplesSince(id, new Date(now.getTime() - window.ms)),
          store.getSnapshot(),
          store.listIncidents({ serviceId: id, limit: 20 }),
        ]);
        const current = snapshot?.services.find((s) => s.id === id);
        const body = {
          service: {
            id: service.id,
            name: service.name,
            criticality: service.criticality,
            dependsOn: service.dependsOn,
          },
          status: current?.status ?? 'unknown',
          window: window.text,
          ...windowStats(samples),
          incidents,
          // Newest last; a long window is cut to the newest samples (the stats cover them all).
          recentSamples: samples.slice(-MAX_SAMPLES_RETURNED).map((s) => ({
            at: s.at,
            ok: s.ok,
            slow: s.slow,
            httpStatus: s.httpStatus,
            latencyMs: s.latencyMs,
            errorClass: s.errorClass,
          })),
        };
        historyCache.set(key, { at: now.getTime(), body });
        return respond.json(body, 200, { 'Cache-Control': 'public, max-age=30' });
      },
      'GET /metrics': async () => {
        const [snapshot, incidents] = await Promise.all([store.getSnapshot(), openIncidents()]);
        const { body, contentType } = await renderMetrics(snapshot, incidents);
        return respond.text(body, contentType);
      },
      'GET /status': async () => {
        const [snapshot, incidents] = await Promise.all([store.getSnapshot(), openIncidents()]);
        const now = clock.now();
        const ids = (snapshot?.services ?? []).map((s) => s.id);
        return respond.html(renderStatusPage(snapshot, incidents, now, await histories(ids, now)));
      },
      'GET /status/incidents/:id': async (_ctx, { params }) => {
        const incident = await store.getIncident(params.id);
        if (!incident) throw new NotFoundError(`No incident ${params.id}.`);
        const now = clock.now();
        return respond.html(
          renderIncidentPage(incident, now, (await histories([incident.serviceId], now)).get(incident.serviceId)),
        );
      },
    }),
    logger: deps.logger,
    maxBodyBytes: 1024,
    ...security,
  });
}
