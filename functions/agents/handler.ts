import {
  createHttpHandler,
  MalformedJsonError,
  parseWith,
  respond,
  routesFrom,
  type EventPublisher,
} from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { Gatekeeper, type GatedFunctionDeps } from '@backbone/shared/policy';
import {
  GENESIS_SIGNATURE_HEADER,
  GenesisCallbackSchema,
  verifyGenesisSignature,
  resolveSpecialty,
  SPECIALTIES,
  type AgentRecord,
  type AgentStore,
  type LifecycleDefinitions,
} from '@backbone/shared/agents';
import { parseAgentFile } from './agent-file';
import type { McpProbe } from './readiness';
import { type RegistryStore } from '@backbone/shared/governance';
import { routes } from './routes';
import { applyGenesisCallback } from './genesis-callbacks';
import { AgentRuns } from './runs';
import { AgentRegistry } from './service';

export interface AgentsDeps extends GatedFunctionDeps {
  store: AgentStore;
  registry: Pick<RegistryStore, 'allowLists' | 'mcpServer'>;
  probe: McpProbe;
  /** The secrets Genesis may sign callbacks with (one, or two during a rotation). */
  genesisSecrets: readonly string[];
  lifecycles: LifecycleDefinitions;
  publisher: EventPublisher;
}

export function makeHandler(deps: AgentsDeps, security: HttpSecurity = {}) {
  const gated = { ...deps, gate: new Gatekeeper(deps) };
  const registry = new AgentRegistry(gated);
  const runs = new AgentRuns(gated);
  const out = (agent: AgentRecord) => ({
    ...agent,
    allowedEvents: deps.lifecycles.allowedFrom(agent.lifecycle, agent.status),
  });
  const path = (agent: AgentRecord) => `/v1/tenants/${agent.tenant}/agents/${agent.id}`;
  return createHttpHandler({
    routes: routesFrom(routes, {
      'GET /v1/agent-specialties': async (_ctx, { query: { q } }) => {
        const match = q ? resolveSpecialty(q) : undefined;
        const ids = match ? ('id' in match ? [match.id] : match.suggestions) : SPECIALTIES.map((s) => s.id);
        return respond.json({ specialties: SPECIALTIES.filter((s) => (ids as string[]).includes(s.id)) });
      },
      'GET /v1/tenants/:tenant/agents': async (ctx, { params: { tenant }, query: { after, limit, ...filter } }) => {
        const page = await registry.list(ctx.caller, tenant, filter, { ...(after ? { after } : {}), limit });
        return respond.json({ agents: page.agents.map(out), ...(page.next ? { next: page.next } : {}) });
      },
      'POST /v1/tenants/:tenant/agents': async (ctx, { params: { tenant }, body }) => {
        const agent = await registry.create(ctx.caller, tenant, body);
        return respond.json(out(agent), 201, { Location: path(agent) });
      },
      'POST /v1/tenants/:tenant/agents:import': async (ctx, { params: { tenant }, body: { files } }) => {
        // Every file is checked before anything is written: one bad file imports nothing.
        const parsed = files.map((f) => ({ name: f.name, agent: parseAgentFile(f.name, f.content) }));
        return respond.json({ imported: await registry.import(ctx.caller, tenant, parsed) });
      },
      'GET /v1/tenants/:tenant/agents/:agent': async (ctx, { params: { tenant, agent } }) => {
        const found = await registry.read(ctx.caller, tenant, agent);
        return respond.json({
          agent: out(found.agent),
          versions: found.versions.map(({ spec: _spec, ...summary }) => summary),
        });
      },
      'DELETE /v1/tenants/:tenant/agents/:agent': async (ctx, { params: { tenant, agent } }) => {
        await registry.remove(ctx.caller, tenant, agent);
        return { status: 204 };
      },
      'POST /v1/tenants/:tenant/agents/:agent/versions': async (ctx, { params: { tenant, agent }, body }) => {
        const done = await registry.addVersion(ctx.caller, tenant, agent, body);
        return respond.json(
          out(done.agent),
          done.added ? 201 : 200,
          done.added ? { Location: `${path(done.agent)}/versions/${body.version}` } : {},
        );
      },
      'GET /v1/tenants/:tenant/agents/:agent/versions/:version': async (ctx, { params: { tenant, agent, version } }) =>
        respond.json(await registry.version(ctx.caller, tenant, agent, version)),
      'GET /v1/tenants/:tenant/agents/:agent/readiness': async (ctx, { params: { tenant, agent } }) =>
        respond.json(await registry.readiness(ctx.caller, tenant, agent)),
      'POST /v1/tenants/:tenant/agents/:agent/versions/:version/certification': async (
        ctx,
        { params: { tenant, agent, version } },
      ) => respond.json(out(await registry.requestCertification(ctx.caller, tenant, agent, version)), 202),
      'POST /v1/tenants/:tenant/agents/:agent/upgrade': async (
        ctx,
        { params: { tenant, agent }, body: { version } },
      ) => {
        const started = await runs.startUpgrade(ctx.caller, tenant, agent, version);
        return respond.json({ progress: started.progress, agent: out(started.agent) }, 202);
      },
      'POST /v1/tenants/:tenant/agents/:agent/runs': async (ctx, { params: { tenant, agent }, body: { runId } }) =>
        respond.json(await runs.registerRun(ctx.caller, tenant, agent, runId), 201),
      'POST /v1/tenants/:tenant/agents/:agent/runs/:run/heartbeat': async (_ctx, { params: { tenant, agent, run } }) =>
        respond.json(await runs.heartbeat(tenant, agent, run)),
      'DELETE /v1/tenants/:tenant/agents/:agent/runs/:run': async (
        _ctx,
        { params: { tenant, agent, run }, query: { outcome } },
      ) => {
        await runs.finishRun(tenant, agent, run, outcome);
        return { status: 204 };
      },
      'DELETE /v1/tenants/:tenant/agents/:agent/handoff-escalation': async (
        ctx,
        { params: { tenant, agent }, query: { reason } },
      ) => respond.json(out(await registry.clearHandoffEscalation(ctx.caller, tenant, agent, reason))),
      'POST /v1/genesis/callbacks': async (ctx) => {
        verifyGenesisSignature(deps.genesisSecrets, ctx.rawBody, ctx.headers[GENESIS_SIGNATURE_HEADER]);
        let body: unknown;
        try {
          body = JSON.parse(ctx.rawBody.toString('utf8'));
        } catch (error) {
          throw new MalformedJsonError(error);
        }
        const callback = parseWith(GenesisCallbackSchema, body, 'body');
        return respond.json({ received: true, outcome: await applyGenesisCallback(gated, callback) });
      },
      'POST /v1/tenants/:tenant/agents/:agent/lifecycle': async (ctx, { params: { tenant, agent }, body }) =>
        respond.json(out(await registry.transition(ctx.caller, tenant, agent, body))),
    }),
    logger: deps.logger,
    maxBodyBytes: 1024 * 1024,
    ...security,
  });
}
