import { z } from 'zod';
import { PLATFORM_ROLES, type PlatformRole } from '@backbone/shared/core';

/** One environment's settings; every environment is checked against this at synth time. */
export const EnvironmentSchema = z.object({
  name: z.enum(['dev', 'staging', 'prod']),
  projectId: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, 'a Google Cloud project id'),
  region: z.string().regex(/^[a-z]+-[a-z]+\d$/),
  /** Firestore location: a region or a multi-region (nam5, eur3). */
  firestoreLocation: z.string().min(3),
  /** Cost attribution (000#50): every labelable resource carries it. */
  costCentre: z.string().regex(/^[a-z0-9_-]{1,63}$/),
  /** Host name the external load balancer serves (managed certificate). */
  domain: z.string().regex(/^(?:[a-z0-9-]+\.)+[a-z]{2,}$/),
  /** Genesis, the certification service agent-certification asks (000#2); it calls back on the domain. */
  genesisUrl: z.url({ protocol: /^https$/ }),
  /** GCS bucket holding Terraform state, created beforehand (bootstrap). */
  stateBucket: z.string().min(3),
  /** Locks the audit archive's 7-year retention policy: irreversible, prod only. */
  lockAuditRetention: z.boolean(),
  /** Firestore backups kept for this many days (000#49: daily, 7 days). */
  backupRetentionDays: z.number().int().min(1).max(98),
  /** Requests per minute per client IP before Cloud Armor bans it. */
  rateLimitPerIpPerMinute: z.number().int().min(10),
  /** Requests per minute per API key before Cloud Armor throttles it. */
  rateLimitPerApiKeyPerMinute: z.number().int().min(10),
  deletionProtection: z.boolean(),
  /**
   * The platform's own services that call Backbone's `service` routes: their identities, the
   * functions each calls (its OIDC token is accepted only there) and the Platform Portal roles the
   * policies decide its requests by.
   */
  platformServices: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z][a-z0-9-]*$/),
        serviceAccount: z.email(),
        calls: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).min(1),
        roles: z.array(z.enum(PLATFORM_ROLES as [PlatformRole, ...PlatformRole[]])).default([]),
        why: z.string().min(10),
        /** Topics it consumes: the stack gives it a pull subscription on each. */
        subscribes: z.array(z.string()).default([]),
        /** Topics it publishes to: the stack grants it roles/pubsub.publisher on each. */
        publishes: z.array(z.string()).default([]),
      }),
    )
    .min(1),
  /**
   * Where the platform services' requests come from (their Cloud NAT egress ranges): trusted before
   * the WAF and the per-IP ban, so a burst of PEP checks is never banned as an attacker's. Their
   * OIDC tokens are still verified by every function.
   */
  serviceEgressRanges: z
    .array(z.string().regex(/^[0-9a-fA-F.:]+\/\d{1,3}$/))
    .max(10)
    .default([]),
  /** `vertex`: Vertex AI embeddings (the stack enables the API and grants the embedding functions). */
  embedder: z.enum(['hashing', 'vertex']).default('hashing'),
});
export type Environment = z.infer<typeof EnvironmentSchema>;

/**
 * The platform services of an environment (they live in the platform's own project, whose id
 * the environment shares): the agent runtime asks the PEP and the constitution and lists MCP
 * servers; monitoring scrapes the health metrics; operations automation runs scrapes, uploads
 * knowledge, replays Stripe dead letters and exports daily costs.
 */
function platformServicesOf(projectId: string) {
  const sa = (name: string) => `${name}@${projectId}.iam.gserviceaccount.com`;
  return [
    {
      name: 'agent-runtime',
      serviceAccount: sa('agent-runtime'),
      calls: ['pep-check', 'constitutional-query', 'governance-api', 'agents', 'run-logs', 'workspaces'],
      roles: [],
      why: 'Agents ask the PEP before every action, query the constitution, list MCP servers, read their own registry record and spec, and read and write their workspace state.',
      // It provisions the agents a checkout asks for, drops its cached constitutional answers, and
      // starts, stops and upgrades agents as their lifecycle changes.
      subscribes: ['agent-provisioning', 'cache-invalidations', 'agent-events'],
      // Its agents' step records, the Pub/Sub way (the HTTP batch is run-logs').
      publishes: ['run-steps'],
    },
    {
      name: 'platform-monitoring',
      serviceAccount: sa('platform-monitoring'),
      calls: ['health-api'],
      roles: [],
      why: 'Managed Prometheus scrapes GET /metrics.',
    },
    {
      name: 'platform-operations',
      serviceAccount: sa('platform-operations'),
      calls: ['billing-api', 'scraping-api', 'constitutional-query', 'run-stats'],
      roles: ['finance_analyst', 'industry_manager'] as PlatformRole[],
      why: "Operations automation replays Stripe dead letters, runs scrapes, uploads knowledge documents and loads each day's cost attribution rows into BigQuery.",
    },
  ];
}

export const environments: Environment[] = z.array(EnvironmentSchema).parse([
  {
    name: 'dev',
    projectId: 'backbone-dev',
    platformServices: platformServicesOf('backbone-dev'),
    region: 'asia-south1',
    firestoreLocation: 'asia-south1',
    costCentre: 'platform-dev',
    domain: 'api.dev.backbone.example.com',
    genesisUrl: 'https://genesis.dev.backbone.example.com',
    stateBucket: 'backbone-dev-tfstate',
    lockAuditRetention: false,
    backupRetentionDays: 7,
    rateLimitPerIpPerMinute: 600,
    rateLimitPerApiKeyPerMinute: 1200,
    deletionProtection: false,
  },
  {
    name: 'staging',
    projectId: 'backbone-staging',
    platformServices: platformServicesOf('backbone-staging'),
    region: 'asia-south1',
    firestoreLocation: 'asia-south1',
    costCentre: 'platform-staging',
    domain: 'api.staging.backbone.example.com',
    genesisUrl: 'https://genesis.staging.backbone.example.com',
    stateBucket: 'backbone-staging-tfstate',
    lockAuditRetention: false,
    backupRetentionDays: 7,
    rateLimitPerIpPerMinute: 600,
    rateLimitPerApiKeyPerMinute: 1200,
    deletionProtection: true,
  },
  {
    name: 'prod',
    projectId: 'backbone-prod',
    platformServices: platformServicesOf('backbone-prod'),
    region: 'asia-south1',
    firestoreLocation: 'asia-south1',
    costCentre: 'platform',
    domain: 'api.backbone.example.com',
    genesisUrl: 'https://genesis.backbone.example.com',
    stateBucket: 'backbone-prod-tfstate',
    lockAuditRetention: true,
    backupRetentionDays: 7,
    rateLimitPerIpPerMinute: 300,
    rateLimitPerApiKeyPerMinute: 1000,
    deletionProtection: true,
  },
]);
