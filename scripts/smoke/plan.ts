import type { FunctionManifest } from '@backbone/shared/core';
import type { Environment } from '../../infra-cdktf/environments';

/** One smoke check: a real request through the load balancer, or a gcloud command for the rest. */
export type SmokeCheck =
  | {
      kind: 'http';
      fn: string;
      method: string;
      path: string;
      /** The platform service whose identity signs the call (its OIDC token names the function's URL). */
      as?: string;
      body?: unknown;
      expectStatus: number;
    }
  | { kind: 'gcloud'; fn: string; args: string[]; what: string };

/** The one real call per HTTP function, chosen so that it changes nothing. */
const HTTP_CALLS: Record<string, Omit<Extract<SmokeCheck, { kind: 'http' }>, 'kind' | 'fn' | 'as'> & { as?: string }> =
  {
    'health-api': { method: 'GET', path: '/v1/health/summary', expectStatus: 200 },
    'pep-check': {
      method: 'POST',
      path: '/v1/pep/decide',
      as: 'agent-runtime',
      body: {
        principal: { type: 'User', id: 'smoke-test', portal: 'PP', tenant: 'platform', roles: ['auditor'] },
        action: 'view',
        resource: { type: 'Component', id: 'health' },
      },
      expectStatus: 200,
    },
    'constitutional-query': {
      method: 'POST',
      path: '/v1/constitutional/query',
      as: 'agent-runtime',
      body: { question: 'May an agent act without a human approval?' },
      expectStatus: 200,
    },
    'governance-api': { method: 'GET', path: '/v1/mcp-servers', as: 'agent-runtime', expectStatus: 200 },
    agents: { method: 'GET', path: '/v1/agent-specialties', as: 'agent-runtime', expectStatus: 200 },
    'billing-api': {
      method: 'GET',
      path: '/v1/billing/dead-letters',
      as: 'platform-operations',
      expectStatus: 200,
    },
    'scraping-api': {
      method: 'GET',
      path: '/v1/scraping/sources',
      as: 'platform-operations',
      expectStatus: 200,
    },
    // Unsigned: the webhook is reachable and refuses it (400 WEBHOOK-001), writing nothing.
    'stripe-webhook': { method: 'POST', path: '/v1/billing/stripe/webhook', body: {}, expectStatus: 400 },
    // The platform tenant's usage figures: two sum aggregations, nothing written.
    'run-stats': { method: 'GET', path: '/v1/stats?tenant=platform', as: 'platform-operations', expectStatus: 200 },
    // Portal users only: without a Firebase ID token it answers 401, reading nothing.
    'activity-feed': { method: 'GET', path: '/v1/activity', expectStatus: 401 },
    approvals: { method: 'GET', path: '/v1/approvals', expectStatus: 401 },
    // A forged archive link: refused by its signature before anything is read.
    workspaces: {
      method: 'GET',
      path: `/v1/archives/arc_smoke/download?exp=4102444800&sig=${'0'.repeat(64)}`,
      expectStatus: 401,
    },
    // An empty batch is refused by validation: the route is up, and nothing is written.
    'run-logs': {
      method: 'POST',
      path: '/v1/runs/steps:batch',
      as: 'agent-runtime',
      body: { steps: [] },
      expectStatus: 400,
    },
  };

/** Every function gets a check: HTTP ones a call, scheduled ones a run of their job, Pub/Sub ones their subscription. */
export function smokePlan(manifests: FunctionManifest[], env: Environment): SmokeCheck[] {
  return manifests.map((m): SmokeCheck => {
    if (m.trigger.kind === 'schedule')
      return {
        kind: 'gcloud',
        fn: m.name,
        what: 'runs its Cloud Scheduler job now (a retried round is skipped by the function)',
        args: ['scheduler', 'jobs', 'run', m.name, `--location=${env.region}`, `--project=${env.projectId}`],
      };
    if (m.trigger.kind === 'pubsub')
      return {
        kind: 'gcloud',
        fn: m.name,
        what: 'its push subscription exists, with its dead-letter policy',
        args: ['pubsub', 'subscriptions', 'describe', `${m.name}-push`, `--project=${env.projectId}`],
      };
    const call = HTTP_CALLS[m.name];
    if (!call) throw new Error(`smoke: no smoke call declared for HTTP function ${m.name}`);
    return { kind: 'http', fn: m.name, ...call };
  });
}
