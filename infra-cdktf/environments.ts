import { z } from 'zod';

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
  /** Service accounts of platform services allowed on service routes (the PEP), besides Backbone's own. */
  serviceCallers: z.array(z.email()).default([]),
});
export type Environment = z.infer<typeof EnvironmentSchema>;

export const environments: Environment[] = z.array(EnvironmentSchema).parse([
  {
    name: 'dev',
    projectId: 'backbone-dev',
    region: 'asia-south1',
    firestoreLocation: 'asia-south1',
    costCentre: 'platform-dev',
    domain: 'api.dev.backbone.example.com',
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
    region: 'asia-south1',
    firestoreLocation: 'asia-south1',
    costCentre: 'platform-staging',
    domain: 'api.staging.backbone.example.com',
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
    region: 'asia-south1',
    firestoreLocation: 'asia-south1',
    costCentre: 'platform',
    domain: 'api.backbone.example.com',
    stateBucket: 'backbone-prod-tfstate',
    lockAuditRetention: true,
    backupRetentionDays: 7,
    rateLimitPerIpPerMinute: 300,
    rateLimitPerApiKeyPerMinute: 1000,
    deletionProtection: true,
  },
]);
