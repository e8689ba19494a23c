// The examples `npm start` prints, each one call through the typed client generated from the
// function's OpenAPI document (contractClient: every answer is also checked against its route's
// contract), run by `npm run try -- <name>` against the running suite.
import type { RouteContracts } from '@backbone/shared/core';
import { contractClient } from '@backbone/shared/testing';
import type { paths as AgentsPaths } from '../../openapi/agents';
import type { paths as RunLogsPaths } from '../../openapi/run-logs';
import type { paths as RunStatsPaths } from '../../openapi/run-stats';
import type { paths as ActivityPaths } from '../../openapi/activity-feed';
import type { paths as ApprovalsPaths } from '../../openapi/approvals';
import { routes as approvalsRoutes } from '../../functions/approvals/routes';
import type { paths as ConstitutionPaths } from '../../openapi/constitutional-query';
import type { paths as GovernancePaths } from '../../openapi/governance-api';
import type { paths as HealthPaths } from '../../openapi/health-api';
import type { paths as PepPaths } from '../../openapi/pep-check';
import type { paths as ScrapingPaths } from '../../openapi/scraping-api';
import type { paths as WorkspacesPaths } from '../../openapi/workspaces';
import { routes as workspacesRoutes } from '../../functions/workspaces/routes';
import { listTarGz } from './demo-workspaces';
import { routes as agentsRoutes } from '../../functions/agents/routes';
import { routes as runLogsRoutes } from '../../functions/run-logs/routes';
import { routes as runStatsRoutes } from '../../functions/run-stats/routes';
import { routes as activityRoutes } from '../../functions/activity-feed/routes';
import { DEMO_RUN } from './demo-run';
import { routes as constitutionRoutes } from '../../functions/constitutional-query/routes';
import { routes as governanceRoutes } from '../../functions/governance-api/routes';
import { routes as healthRoutes } from '../../functions/health-api/routes';
import { routes as pepRoutes } from '../../functions/pep-check/routes';
import { routes as scrapingRoutes } from '../../functions/scraping-api/routes';

/** How an example reaches the suite: a function's base URL, and tokens of demo users and services. */
export interface SuiteAccess {
  url(fn: string): string;
  user(email: string): Promise<string>;
  service(fn: string): string;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The typed client of a function's contract, signed in as the demo user `email`. */
async function signedInClient<Paths extends object>(
  suite: SuiteAccess,
  name: string,
  routes: RouteContracts,
  email: string,
) {
  return contractClient<Paths>(routes, { base: suite.url(name) }, bearer(await suite.user(email)));
}

export const EXAMPLES: Record<string, { what: string; run(suite: SuiteAccess): Promise<unknown> }> = {
  health: {
    what: "the platform's status (public)",
    run: async (suite) =>
      (await contractClient<HealthPaths>(healthRoutes, { base: suite.url('health-api') }).GET('/v1/health/summary'))
        .data,
  },
  pep: {
    what: 'a PEP decision: may an auditor view the agents component?',
    run: (suite) =>
      decide(suite, {
        principal: { type: 'User', id: 'u1', portal: 'PP', tenant: 'platform', roles: ['auditor'] },
        action: 'view',
        resource: { type: 'Component', id: 'agents' },
      }),
  },
  ask: {
    what: 'a constitutional query, as the acme owner',
    run: async (suite) => {
      const query = await signedInClient<ConstitutionPaths>(
        suite,
        'constitutional-query',
        constitutionRoutes,
        'owner@acme.demo',
      );
      const { data, error } = await query.POST('/v1/constitutional/query', {
        body: { question: 'Can a trial be extended?', topK: 3 },
      });
      return data ?? error;
    },
  },
  'failing-sources': {
    what: 'the knowledge sources whose last scrape failed, as a platform admin',
    run: async (suite) => {
      const scraping = await signedInClient<ScrapingPaths>(
        suite,
        'scraping-api',
        scrapingRoutes,
        'admin@platform.demo',
      );
      const { data, error } = await scraping.GET('/v1/scraping/sources', {
        params: { query: { status: 'failing' } },
      });
      return data ?? error;
    },
  },
  members: {
    what: "acme's members and their roles, as the acme owner",
    run: async (suite) => {
      const governance = await signedInClient<GovernancePaths>(
        suite,
        'governance-api',
        governanceRoutes,
        'owner@acme.demo',
      );
      const { data, error } = await governance.GET('/v1/tenants/{tenant}/members', {
        params: { path: { tenant: 'acme' } },
      });
      return data ?? error;
    },
  },
  agents: {
    what: "acme's agents and where each stands in its lifecycle, as the acme owner",
    run: async (suite) => {
      const { data, error } = await (
        await signedInClient<AgentsPaths>(suite, 'agents', agentsRoutes, 'owner@acme.demo')
      ).GET('/v1/tenants/{tenant}/agents', {
        params: { path: { tenant: 'acme' }, query: {} },
      });
      return data
        ? data.agents.map((a) => ({
            id: a.id,
            status: a.status,
            specialty: a.specialty,
            allowedEvents: a.allowedEvents,
          }))
        : error;
    },
  },
  'submit-agent': {
    what: "submit acme's contract-reviewer to Genesis and wait for its verdict (npm run genesis -- reject|timeout to change it)",
    run: async (suite) => {
      const submitted = await agentStep(suite, 'owner@acme.demo', 'contract-reviewer', {
        event: 'submit',
        version: '0.9.0',
      });
      const agents = await signedInClient<AgentsPaths>(suite, 'agents', agentsRoutes, 'owner@acme.demo');
      for (let i = 0; i < 40; i++) {
        const { data } = await agents.GET('/v1/tenants/{tenant}/agents/{agent}', {
          params: { path: { tenant: 'acme', agent: 'contract-reviewer' } },
        });
        if (data && data.agent.status !== 'submitted')
          return {
            submitted,
            verdict: { status: data.agent.status, note: data.agent.note, certification: data.agent.certification },
          };
        await new Promise((r) => setTimeout(r, 250));
      }
      return { submitted, verdict: 'no verdict within 10 s (Genesis in timeout mode?)' };
    },
  },
  'suspend-agent': {
    what: "suspend acme's deployed invoice-helper after a customer complaint, as a platform admin",
    run: (suite) =>
      agentStep(suite, 'admin@platform.demo', 'invoice-helper', {
        event: 'suspend',
        trigger: 'customer_complaint',
        reason: 'Promised a refund it may not promise',
      }),
  },
  'run-agent': {
    what: "a PEP decision: may acme's owner run invoice-helper? (denied once a suspension is 5 s old: the PEP trusts what it read for 5 s)",
    run: (suite) =>
      decide(suite, {
        principal: { type: 'User', id: 'owner-acme-demo', portal: 'CP', tenant: 'acme', roles: ['tenant_admin'] },
        action: 'run',
        resource: { type: 'Agent', id: 'invoice-helper', tenant: 'acme' },
      }),
  },
  'read-run': {
    what: "the demo run's steps, masked, read under audit: as acme's owner (everything), then as the auditor (metadata only)",
    run: async (suite) => {
      const read = async (email: string) => {
        const client = await signedInClient<RunLogsPaths>(suite, 'run-logs', runLogsRoutes, email);
        const { data, error } = await client.GET('/v1/tenants/{tenant}/agents/{agent}/runs/{run}/steps', {
          params: { path: { tenant: DEMO_RUN.tenant, agent: DEMO_RUN.agent, run: DEMO_RUN.run } },
        });
        return data ?? error;
      };
      return { owner: await read('owner@acme.demo'), auditor: await read('auditor@platform.demo') };
    },
  },
  stats: {
    what: "acme's run stats for the last 30 days (invocations, outcomes, tokens, cost, PEP denials, compliance), as its owner",
    run: async (suite) => {
      const { data, error } = await (
        await signedInClient<RunStatsPaths>(suite, 'run-stats', runStatsRoutes, 'owner@acme.demo')
      ).GET('/v1/stats', {
        params: { query: {} },
      });
      return data ?? error;
    },
  },
  'agent-health': {
    what: "invoice-helper's health score and its percentile among agents of its specialty",
    run: async (suite) => {
      const { data, error } = await (
        await signedInClient<RunStatsPaths>(suite, 'run-stats', runStatsRoutes, 'owner@acme.demo')
      ).GET('/v1/tenants/{tenant}/agents/{agent}/health', {
        params: { path: { tenant: DEMO_RUN.tenant, agent: DEMO_RUN.agent } },
      });
      return data ?? error;
    },
  },
  costs: {
    what: "acme's costs per agent and model this month, and its budget with the alerts it sent",
    run: async (suite) => {
      const client = await signedInClient<RunStatsPaths>(suite, 'run-stats', runStatsRoutes, 'owner@acme.demo');
      const from = `${new Date().toISOString().slice(0, 7)}-01`;
      const costs = await client.GET('/v1/tenants/{tenant}/costs', {
        params: { path: { tenant: DEMO_RUN.tenant }, query: { from } },
      });
      const budget = await client.GET('/v1/tenants/{tenant}/budget', { params: { path: { tenant: DEMO_RUN.tenant } } });
      return { costs: costs.data ?? costs.error, budget: budget.data ?? budget.error };
    },
  },
  activity: {
    what: "acme's activity feed, newest first (first page), as its owner",
    run: async (suite) => {
      const client = await signedInClient<ActivityPaths>(suite, 'activity-feed', activityRoutes, 'owner@acme.demo');
      const { data, error } = await client.GET('/v1/activity', { params: { query: { limit: 10 } } });
      return data ?? error;
    },
  },
  'follow-activity': {
    what: "follows acme's live activity stream (Server-Sent Events) for 20 s; replay the demo run meanwhile to see it",
    run: async (suite) => {
      const res = await fetch(`${suite.url('activity-feed')}/v1/stream/activity`, {
        headers: bearer(await suite.user('owner@acme.demo')),
        signal: AbortSignal.timeout(20_000),
      });
      const events: string[] = [];
      try {
        const decoder = new TextDecoder();
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          const text = decoder.decode(chunk, { stream: true });
          process.stdout.write(text);
          events.push(...text.split('\n').filter((l) => l.startsWith('event: ')));
        }
      } catch {
        // The 20 s are up.
      }
      return { status: res.status, events };
    },
  },
  workspace: {
    what: "globex's support agent's workspace: its state files, globex's usage and its plan's quota, as globex's owner",
    run: async (suite) => {
      const { data, error } = await (
        await signedInClient<WorkspacesPaths>(suite, 'workspaces', workspacesRoutes, 'owner@globex.demo')
      ).GET('/v1/tenants/{tenant}/agents/{agent}/workspace', {
        params: { path: { tenant: 'globex', agent: 'support' }, query: {} },
      });
      return data ?? error;
    },
  },
  archives: {
    what: "globex's workspace archives (after `npm run stripe:send -- customer.subscription.deleted globex`), with their download links",
    run: async (suite) => {
      const { data, error } = await (
        await signedInClient<WorkspacesPaths>(suite, 'workspaces', workspacesRoutes, 'owner@globex.demo')
      ).GET('/v1/tenants/{tenant}/archives', { params: { path: { tenant: 'globex' } } });
      return data ?? error;
    },
  },
  'download-archive': {
    what: "follows globex's newest archive link: the decrypted tar.gz, listed with each file's size and SHA-256",
    run: async (suite) => {
      const { data, error } = await (
        await signedInClient<WorkspacesPaths>(suite, 'workspaces', workspacesRoutes, 'owner@globex.demo')
      ).GET('/v1/tenants/{tenant}/archives', { params: { path: { tenant: 'globex' } } });
      const link = data?.archives.find((a) => a.download)?.download;
      if (!link) return error ?? 'no archive yet: npm run stripe:send -- customer.subscription.deleted globex';
      const res = await fetch(link.url);
      if (!res.ok) return { status: res.status, body: await res.text() };
      return {
        contentType: res.headers.get('content-type'),
        files: await listTarGz(Buffer.from(await res.arrayBuffer())),
      };
    },
  },
  'ask-delete': {
    what: "acme's owner asks to delete customer record customer-42: the PEP answers approval_required (000#54) and opens a request",
    run: (suite) => decide(suite, DEMO_DELETE),
  },
  approvals: {
    what: "the Platform Governor's inbox: pending approval requests with their approver and deadline",
    run: async (suite) => {
      const { data, error } = await (
        await signedInClient<ApprovalsPaths>(suite, 'approvals', approvalsRoutes, 'governor@platform.demo')
      ).GET('/v1/approvals', {
        params: { query: {} },
      });
      return data ?? error;
    },
  },
  approve: {
    what: "the Governor approves the pending delete request, then the PEP's answer to the same ask is allow",
    run: async (suite) => {
      const asked = (await decide(suite, DEMO_DELETE)) as { approvalId?: string };
      if (!asked.approvalId) return asked;
      const { data, error } = await (
        await signedInClient<ApprovalsPaths>(suite, 'approvals', approvalsRoutes, 'governor@platform.demo')
      ).POST('/v1/approvals/{id}/decision', {
        params: { path: { id: asked.approvalId } },
        body: { verdict: 'approve', note: 'Customer asked for erasure (ticket 4711).' },
      });
      return { verdict: data ?? error, pepNow: await decide(suite, DEMO_DELETE) };
    },
  },
  'reinstate-agent': {
    what: 'reinstate invoice-helper, as a platform admin',
    run: (suite) =>
      agentStep(suite, 'admin@platform.demo', 'invoice-helper', { event: 'reinstate', reason: 'Instructions fixed' }),
  },
};

/** One PEP decision, asked as a platform service would (the PEP admits service identities only). */
async function decide(
  suite: SuiteAccess,
  body: PepPaths['/v1/pep/decide']['post']['requestBody']['content']['application/json'],
) {
  const pep = contractClient<PepPaths>(pepRoutes, { base: suite.url('pep-check') }, bearer(suite.service('pep-check')));
  const { data, error } = await pep.POST('/v1/pep/decide', { body });
  return data ?? error;
}

/** The demo action that needs a human: acme's owner deleting a customer record. */
const DEMO_DELETE: PepPaths['/v1/pep/decide']['post']['requestBody']['content']['application/json'] = {
  principal: { type: 'User', id: 'owner-acme-demo', portal: 'CP', tenant: 'acme', roles: ['tenant_admin'] },
  action: 'delete',
  resource: { type: 'CustomerData', id: 'customer-42', tenant: 'acme' },
};

async function agentStep(
  suite: SuiteAccess,
  email: string,
  agent: string,
  body: AgentsPaths['/v1/tenants/{tenant}/agents/{agent}/lifecycle']['post']['requestBody']['content']['application/json'],
) {
  const { data, error } = await (
    await signedInClient<AgentsPaths>(suite, 'agents', agentsRoutes, email)
  ).POST('/v1/tenants/{tenant}/agents/{agent}/lifecycle', {
    params: { path: { tenant: 'acme', agent } },
    body,
  });
  return data ? { id: data.id, status: data.status, note: data.note, allowedEvents: data.allowedEvents } : error;
}
