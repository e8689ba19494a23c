import http from 'node:http';
import type { Firestore } from '@google-cloud/firestore';
import { type FunctionManifest } from '@backbone/shared/core';
import { GLOBAL_SCOPE, TRIAL_LIMITS, type McpServerInput } from '@backbone/shared/governance';
import { FirestoreRegistryStore } from '@backbone/shared/governance/gcp';
import { ServiceDefinitionSchema, type ServiceDefinition } from '@backbone/shared/health';
import { FirestoreHealthStore } from '@backbone/shared/health/gcp';
import platform from '../../functions/health-aggregator/platform-services.json';
import { registryEntry } from '../../functions/health-api/service';

type PlatformEntry = (typeof platform.services)[number] & { url?: string };

/** The registry: the platform's services from the committed config, plus Backbone's own HTTP functions. */
export function registryFor(
  baseUrl: string,
  manifests: FunctionManifest[],
  urls: Record<string, string>,
): ServiceDefinition[] {
  const platformServices = (platform.services as PlatformEntry[]).map(({ port, path, ...rest }) =>
    ServiceDefinitionSchema.parse({ ...rest, url: rest.url ?? `${baseUrl}:${port}${path}` }),
  );
  const own = manifests
    // Pub/Sub functions answer /health too (the server guard), so every local function is watched.
    .filter((m) => urls[m.name])
    .map((m) =>
      ServiceDefinitionSchema.parse({
        id: `backbone-${m.name}`,
        name: `Backbone ${m.name}`,
        url: `${urls[m.name]}/health`,
        criticality: 'high',
      }),
    );
  return [...platformServices, ...own];
}

export async function seedRegistry(db: Firestore, services: ServiceDefinition[]): Promise<void> {
  const store = new FirestoreHealthStore(db);
  // Through the admin route's own validation (`PUT /v1/health/services/{id}`).
  for (const { id, ...definition } of services) await store.putService(registryEntry(id, definition));
}

/** Demo tenants and their subscriptions, so incidents have customers to ticket. */
export async function seedTenants(db: Firestore): Promise<void> {
  const tenants = [
    {
      id: 'acme',
      name: 'Acme Retail',
      plan: 'growth',
      services: ['agent-runtime', 'billing', 'ai-explorer'],
    },
    {
      id: 'globex',
      name: 'Globex Finance',
      plan: 'trial',
      services: ['agent-runtime', 'industry-knowledge'],
      status: 'trialing',
    },
    { id: 'initech', name: 'Initech', plan: 'starter', services: ['workflow', 'notifications'] },
  ];
  const now = new Date();
  for (const t of tenants) {
    const trial =
      t.status === 'trialing'
        ? { trial: { startedAt: now, endsAt: new Date(now.getTime() + TRIAL_LIMITS.days * 86_400_000) } }
        : {};
    await db
      .collection('tenants')
      .doc(t.id)
      .set({ name: t.name, plan: t.plan, ...trial });
    await db
      .collection('subscriptions')
      .doc(`sub_${t.id}`)
      .set({ tenantId: t.id, plan: t.plan, status: t.status ?? 'active', services: t.services });
  }
}

/** A global allow-list, a tenant's own, and registered MCP servers (one production, one sandbox). */
export async function seedGovernance(db: Firestore): Promise<void> {
  const registry = new FirestoreRegistryStore(db);
  const change = { by: 'seed', at: new Date() };
  await registry.putAllowList(
    GLOBAL_SCOPE,
    { hosts: [{ host: 'api.openweathermap.org', sandbox: false }], mcpServers: ['docs-search'] },
    change,
  );
  await registry.putAllowList(
    'globex',
    { hosts: [{ host: 'sandbox.bank.example', sandbox: true }], mcpServers: ['erp-sandbox'] },
    change,
  );
  const servers: [string, McpServerInput][] = [
    [
      'docs-search',
      {
        name: 'Docs search',
        // A demo platform service stands in for it, so go-live checks find it reachable.
        url: 'http://127.0.0.1:8001/mcp',
        description: 'Platform documentation search',
        production: true,
      },
    ],
    [
      'erp-sandbox',
      {
        name: 'ERP sandbox',
        url: 'https://sandbox.erp.example/mcp',
        description: 'Sandbox ERP for trials',
        production: false,
      },
    ],
  ];
  for (const [id, input] of servers) {
    if (!(await registry.mcpServer(id))) await registry.createMcpServer(id, input, change);
  }
}

/**
 * Stand-ins for the 13 platform services on their ports, so the demo has something to watch:
 * most answer at once, AI Explorer is slow, Analytics fails every other minute.
 */
export async function startDemoPlatform(): Promise<{ close(): Promise<void> }> {
  const servers: http.Server[] = [];
  for (const entry of platform.services) {
    const server = http.createServer((_req, res) => {
      const answer = (status: number) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: status === 200 ? 'ok' : 'failing', service: entry.id }));
      };
      if (entry.id === 'ai-explorer') setTimeout(() => answer(200), 1_200);
      else if (entry.id === 'analytics' && new Date().getMinutes() % 2 === 1) answer(503);
      else answer(200);
    });
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(entry.port, '127.0.0.1', resolve));
    servers.push(server);
  }
  return {
    close: async () => {
      await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    },
  };
}
