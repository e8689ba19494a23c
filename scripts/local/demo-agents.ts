import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { userToken } from './dev-identity';

const DIR = path.join(__dirname, 'demo-agents');

/**
 * The demo agents, made as a tenant makes them: acme's owner imports the YAML files through the
 * agents API; invoice-helper is submitted, certified by Genesis (the local stand-in, through
 * agent-certification and the signed callback) and deployed by the owner; the others stay drafts.
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
  await waitForStatus(agentsUrl, owner, 'invoice-helper', ['certified', 'deployed']);
  await step(owner, 'invoice-helper', { event: 'deploy' });
}

/** Polls an agent until Genesis has answered (a verdict comes back within seconds locally). */
export async function waitForStatus(
  agentsUrl: string,
  token: string,
  agent: string,
  statuses: string[],
  timeoutMs = 30_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${agentsUrl}/v1/tenants/acme/agents/${agent}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const status = ((await res.json()) as { agent?: { status: string } }).agent?.status ?? 'unknown';
    if (statuses.includes(status)) return status;
    if (Date.now() > deadline) throw new Error(`${agent} is still ${status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
