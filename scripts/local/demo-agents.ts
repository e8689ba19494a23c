import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { userToken } from './dev-identity';

const DIR = path.join(__dirname, 'demo-agents');

/**
 * The demo agents, made as a tenant makes them: acme's owner imports the YAML files through the
 * agents API; invoice-helper is submitted, certified by Genesis (the local stand-in, through
 * agent-certification and the signed callback) and deployed by the owner; the others stay drafts.
 * support-triage is also put on the marketplace, where a growth checkout provisions it from.
 */
export async function seedDemoAgents(agentsUrl: string): Promise<void> {
  const owner = await userToken('owner@acme.demo');
  const call = async (token: string, method: string, route: string, body: object) => {
    const res = await fetch(`${agentsUrl}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok && res.status !== 409) throw new Error(`${method} ${route}: ${res.status} ${await res.text()}`);
  };
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .map((name) => ({ name, content: readFileSync(path.join(DIR, name), 'utf8') }));
  await call(owner, 'POST', '/v1/tenants/acme/agents:import', { files });
  // A restart finds them where the last run left them: each step is refused (409) once taken.
  const step = (token: string, agent: string, body: object) =>
    call(token, 'POST', `/v1/tenants/acme/agents/${agent}/lifecycle`, body);
  await step(owner, 'invoice-helper', { event: 'submit', version: '1.0.0' });
  await waitForStatus(agentsUrl, owner, 'acme', 'invoice-helper', ['certified', 'deployed']);
  await step(owner, 'invoice-helper', { event: 'deploy' });
  // A refused deploy (a go-live check) answers 409 like a repeat: the status tells them apart.
  await waitForStatus(agentsUrl, owner, 'acme', 'invoice-helper', ['deployed'], 5_000);

  // The marketplace: support-triage, curated by a platform admin (an Industry Manager and more),
  // certified and deployed in the platform tenant; a growth checkout provisions it (DEMO_PLAN_AGENTS).
  const admin = await userToken('admin@platform.demo');
  const triage = files.filter((f) => f.name === 'support-triage.yaml');
  await call(admin, 'POST', '/v1/tenants/platform/agents:import', { files: triage });
  await call(admin, 'POST', '/v1/tenants/platform/agents/support-triage/lifecycle', {
    event: 'submit',
    version: '2.1.0',
  });
  await waitForStatus(agentsUrl, admin, 'platform', 'support-triage', ['certified', 'deployed']);
  await call(admin, 'POST', '/v1/tenants/platform/agents/support-triage/lifecycle', { event: 'deploy' });
  await waitForStatus(agentsUrl, admin, 'platform', 'support-triage', ['deployed'], 5_000);
}

/** The marketplace agents each demo price provisions (agent-provisioner's PLAN_AGENTS). */
export const DEMO_PLAN_AGENTS = { price_growth: ['support-triage'], price_starter: [] };

/** Polls an agent until Genesis has answered (a verdict comes back within seconds locally). */
export async function waitForStatus(
  agentsUrl: string,
  token: string,
  tenant: string,
  agent: string,
  statuses: string[],
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${agentsUrl}/v1/tenants/${tenant}/agents/${agent}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const status = ((await res.json()) as { agent?: { status: string } }).agent?.status ?? 'unknown';
    if (statuses.includes(status)) return status;
    if (Date.now() > deadline) throw new Error(`${agent} is still ${status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
