import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { userToken } from './dev-identity';

const DIR = path.join(__dirname, 'demo-agents');

/**
 * The demo agents, made as a tenant makes them: acme's owner imports the YAML files through the
 * agents API; then invoice-helper is submitted, certified by a platform admin and deployed by the
 * owner, and contract-reviewer is left submitted, waiting for its certification.
 */
export async function seedDemoAgents(agentsUrl: string): Promise<void> {
  const owner = await userToken('owner@acme.demo');
  const admin = await userToken('admin@platform.demo');
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
  await step(admin, 'invoice-helper', { event: 'certify', reason: 'Demo certification' });
  await step(owner, 'invoice-helper', { event: 'deploy' });
  await step(owner, 'contract-reviewer', { event: 'submit', version: '0.9.0' });
}
