// The agents function over in-memory doubles, for its unit tests: one place that wires it.
import { type Caller } from '@backbone/shared/core';
import { declaredRoutes } from '@backbone/shared/gcp';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import { signGenesis } from '@backbone/shared/agents';
import { SHIPPED_LIFECYCLES, type AgentStore, type LifecycleDefinitions } from '@backbone/shared/agents';
import {
  captureLogs,
  invokeHttp,
  ManualClock,
  MemoryAgentStore,
  MemoryAuditLog,
  MemoryIdempotentResponses,
  MemoryRegistryStore,
  RecordingEventPublisher,
  StaticAuthenticator,
  staffUser,
  tenantUser,
} from '@backbone/shared/testing';
import manifest from '../function';
import { makeHandler } from '../handler';

/** The secret the tests sign Genesis callbacks with. */
export const GENESIS_TEST_SECRET = 'whsec_genesis_test_0123456789';

export const callers: Record<string, Caller> = {
  acmeAdmin: tenantUser('acme-admin', 'acme', ['tenant_admin']),
  acme: tenantUser('acme-user', 'acme'),
  globexAdmin: tenantUser('globex-admin', 'globex', ['tenant_admin']),
  auditor: staffUser('aud', ['auditor']),
  industry: staffUser('im', ['industry_manager']),
  admin: staffUser('adm', ['platform_admin']),
  governor: staffUser('gov', ['platform_governor']),
  runtime: { kind: 'service', email: 'agent-runtime@platform.iam.gserviceaccount.com', subject: 'rt' },
  genesis: {
    kind: 'service',
    email: 'genesis@platform.iam.gserviceaccount.com',
    subject: 'g',
    roles: ['industry_manager'],
  },
};

/** The handler and its doubles; `as(who, method, path, body)` calls it with `who`'s bearer token. */
export function agentsHarness(options: { store?: AgentStore; lifecycles?: LifecycleDefinitions; now?: Date } = {}) {
  const clock = new ManualClock(options.now ?? new Date('2026-12-07T10:00:00Z'));
  const store = options.store ?? new MemoryAgentStore();
  const audit = new MemoryAuditLog();
  // The demo MCP servers are registered, allow-listed globally and up unless a test says otherwise.
  const registry = new MemoryRegistryStore();
  for (const id of ['github', 'stripe-docs'])
    registry.servers.set(id, {
      id,
      name: id,
      url: `https://${id}.mcp.example`,
      description: '',
      production: true,
      createdAt: new Date(0),
      updatedAt: new Date(0),
      updatedBy: 'test',
    });
  registry.lists.set('global', { hosts: [], mcpServers: ['github', 'stripe-docs'] });
  const probe = { down: new Set<string>(), reachable: async (url: string) => !probe.down.has(url) };
  const publisher = new RecordingEventPublisher();
  const handler = makeHandler(
    {
      store,
      registry,
      probe,
      genesisSecrets: [GENESIS_TEST_SECRET],
      holder: new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
      audit,
      lifecycles: options.lifecycles ?? SHIPPED_LIFECYCLES,
      publisher,
      clock,
      source: 'backbone/agents',
      logger: captureLogs().logger,
    },
    {
      declared: declaredRoutes(manifest),
      authenticator: new StaticAuthenticator(callers),
      idempotency: new MemoryIdempotentResponses(),
    },
  );
  const as = async (who: string | undefined, method: string, path: string, body?: unknown, headers = {}) => {
    const res = await invokeHttp(handler, {
      method,
      path,
      headers: { ...(who ? { authorization: `Bearer ${who}` } : {}), ...headers },
      ...(body !== undefined ? { body: body as object } : {}),
    });
    // JSON answers are read loosely in assertions.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { ...res, json: () => res.json() as any };
  };
  /** A Genesis callback as Genesis sends it: the raw body signed (with another secret or time when a test says). */
  const genesis = async (body: object, options: { secret?: string; at?: number; raw?: string } = {}) => {
    const payload = options.raw ?? JSON.stringify(body);
    const res = await invokeHttp(handler, {
      method: 'POST',
      path: '/v1/genesis/callbacks',
      headers: {
        'content-type': 'application/json',
        'genesis-signature': signGenesis(options.secret ?? GENESIS_TEST_SECRET, payload, options.at),
      },
      body: payload,
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { ...res, json: () => res.json() as any };
  };
  return { handler, clock, store, audit, publisher, registry, probe, as, genesis };
}

export const AGENTS = '/v1/tenants/acme/agents';
export const BOT = `${AGENTS}/bot`;
type Harness = ReturnType<typeof agentsHarness>;

/** acme's `bot` created with version 1.0.0 and submitted for certification: the submit's answer. */
export async function submittedBot(h: Harness, agentSpec: object = spec()) {
  await h.as('acme', 'POST', AGENTS, {
    id: 'bot',
    name: 'Bot',
    specialty: 'sales',
    version: { version: '1.0.0', spec: agentSpec },
  });
  return h.as('acme', 'POST', `${BOT}/lifecycle`, { event: 'submit', version: '1.0.0' });
}

export const spec = (instructions = 'Answer billing questions politely.') => ({
  model: { provider: 'vertex-ai', name: 'gemini-2.5-pro', temperature: 0 },
  instructions,
  tools: [{ name: 'lookup_invoice' }],
  mcpServers: ['github'],
});

export const invoiceAgentYaml = (
  version = '1.0.0',
  temperature = 0,
) => `# The platform's agent file, as kept in backend/config/agents/
id: invoice-helper
name: Invoice Helper
specialty: Accounting
description: Explains invoices to customers.
version: ${version}
changelog: First release
model:
  provider: vertex-ai
  name: gemini-2.5-pro
  temperature: ${temperature}
instructions: |
  You explain invoices. Never promise refunds.
tools:
  - name: lookup_invoice
    description: Reads one invoice.
mcpServers: [stripe-docs]
integrations:
  - name: stripe
    credentialExpiresAt: 2027-06-30T00:00:00Z
`;
