import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Testing } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import { CloudSchedulerJob } from '@cdktf/provider-google/lib/cloud-scheduler-job';
import { ComputeSecurityPolicy } from '@cdktf/provider-google/lib/compute-security-policy';
import { FirestoreDatabase } from '@cdktf/provider-google/lib/firestore-database';
import { FirestoreBackupSchedule } from '@cdktf/provider-google/lib/firestore-backup-schedule';
import { PubsubSubscription } from '@cdktf/provider-google/lib/pubsub-subscription';
import type { FunctionManifest } from '@backbone/shared/core';
import { ROOT } from '../../scripts/local/manifests';
import { LABELABLE_TYPES, REQUIRED_LABELS } from '../src/aspects/policy-aspects';
import { renderInfraDocs } from '../src/infra-docs';
import { prometheusConfig } from '../src/prometheus-config';
import { rolesFor } from '../src/manifest-iam';
import { pathMatcherProblems, serviceFor, type UrlMapPathMatcher } from './url-map-grammar';
import { environments, loadManifests, resources, synth, withBundles, type Synthesized } from './synth-helpers';

Testing.setupJest();

const manifests = loadManifests();
const byEnv = new Map<string, Synthesized>();

withBundles(manifests, (bundles) => {
  for (const env of environments) byEnv.set(env.name, synth(env, manifests, bundles));
});

const prod = () => byEnv.get('prod')!;

describe.each(environments.map((e) => e.name))('the %s stack', (name) => {
  const s = () => byEnv.get(name)!;

  it('has exactly one function per manifest, and no function without a manifest', () => {
    const deployed = resources(s(), 'google_cloudfunctions2_function')
      .map((f) => f.name)
      .sort();
    expect(deployed).toEqual(manifests.map((m) => m.name).sort());
  });

  it('gives every trigger its wiring', () => {
    for (const m of manifests) {
      if (m.trigger.kind === 'schedule') {
        expect(s().json).toHaveResourceWithProperties(CloudSchedulerJob, {
          name: m.name,
          schedule: m.trigger.cron,
          time_zone: m.trigger.timeZone,
          http_target: expect.objectContaining({ http_method: 'POST', oidc_token: expect.anything() }),
        });
      }
      if (m.trigger.kind === 'pubsub') {
        expect(s().json).toHaveResourceWithProperties(PubsubSubscription, {
          name: `${m.name}-push`,
          enable_message_ordering: m.trigger.ordering,
          dead_letter_policy: expect.objectContaining({
            max_delivery_attempts: m.trigger.maxDeliveryAttempts,
          }),
          push_config: expect.objectContaining({ oidc_token: expect.anything() }),
        });
      }
      const ingress = m.trigger.kind === 'http' ? 'ALLOW_INTERNAL_AND_GCLB' : 'ALLOW_INTERNAL_ONLY';
      expect(s().json).toHaveResourceWithProperties(Cloudfunctions2Function, {
        name: m.name,
        service_config: expect.objectContaining({ ingress_settings: ingress }),
      });
    }
  });

  it('labels every labelable resource for cost attribution', () => {
    for (const type of LABELABLE_TYPES) {
      for (const r of resources(s(), type)) {
        const labels = r.labels as Record<string, string>;
        for (const l of REQUIRED_LABELS) expect(labels[l]).toBeTruthy();
        expect(labels.environment).toBe(name);
      }
    }
  });

  it('deploys every function on the runtime of the pinned Node, never a decommissioned one', () => {
    const runtimes = resources(s(), 'google_cloudfunctions2_function').map(
      (f) => (f.build_config as { runtime: string }).runtime,
    );
    expect(new Set(runtimes)).toEqual(new Set([`nodejs${process.versions.node.split('.')[0]}`]));
    expect(s().json).not.toMatch(/nodejs20/);
  });

  it('stores its state in its own GCS prefix', () => {
    expect(s().tf.terraform.backend).toEqual({
      gcs: { bucket: `backbone-${name}-tfstate`, prefix: `backbone/${name}` },
    });
  });
});

describe('IAM', () => {
  const membersOf = (s: Synthesized, type: string, saFragment: string) =>
    resources(s, type).filter((r) => String(r.member).includes(saFragment));

  it('grants each function exactly the project roles its manifest implies', () => {
    for (const m of manifests) {
      const saRef = `google_service_account.fn-${m.name}_fn_sa_`;
      const granted = membersOf(prod(), 'google_project_iam_member', saRef)
        .map((r) => r.role)
        .sort();
      const expected = rolesFor(m)
        .filter((r) => r.scope.kind === 'project')
        .map((r) => r.role)
        .sort();
      expect(granted).toEqual(expected);
    }
  });

  it('grants publishing on the declared topics only', () => {
    const publishers = resources(prod(), 'google_pubsub_topic_iam_member').filter((r) =>
      String(r.member).includes('_fn_sa_'),
    );
    const expected = manifests.flatMap((m) => m.touches.publishes.map((t) => `${m.name}->${t}`)).sort();
    const actual = publishers
      .map(
        (r) => `${String(r.member).match(/fn-([a-z-]+)_fn_sa/)![1]}->${String(r.topic).match(/topic-([a-z-]+)\./)![1]}`,
      )
      .sort();
    expect(actual).toEqual(expected);
  });

  it('lets only the scheduler identity invoke a scheduled function, and only the push identity a Pub/Sub one', () => {
    const invokers = resources(prod(), 'google_cloud_run_service_iam_member');
    for (const m of manifests) {
      const mine = invokers
        .filter((r) => String(r.service).includes(`fn-${m.name}_fn_function`))
        .map((r) => String(r.member));
      expect(mine).toHaveLength(1);
      if (m.trigger.kind === 'schedule') expect(mine[0]).toContain('_scheduler-sa_');
      if (m.trigger.kind === 'pubsub') expect(mine[0]).toContain('_push-sa_');
      if (m.trigger.kind === 'http') expect(mine[0]).toBe('allUsers');
    }
  });

  it("has each function accept OIDC tokens for its own URL, and a scheduled one its scheduler's identity", () => {
    const functions = resources(prod(), 'google_cloudfunctions2_function') as {
      name: string;
      service_config: { environment_variables: Record<string, string> };
    }[];
    const jobs = resources(prod(), 'google_cloud_scheduler_job') as {
      name: string;
      http_target: { uri: string; oidc_token: { audience: string; service_account_email: string } };
    }[];
    for (const fn of functions) {
      const vars = fn.service_config.environment_variables;
      const audiences = vars.AUTH_AUDIENCES!.split(',');
      expect(audiences[0]).toMatch(new RegExp(`^https://${fn.name}-\\$\\{.+\\}\\.asia-south1\\.run\\.app$`));
      expect(vars.AUTH_LOCAL_OIDC_PUBLIC_KEY).toBeUndefined();
      const job = jobs.find((j) => j.name === fn.name);
      if (job) {
        expect(job.http_target.oidc_token.audience).toBe(audiences[0]);
        expect(vars.AUTH_SERVICE_ACCOUNTS).toBe(`sched-${fn.name}@backbone-prod.iam.gserviceaccount.com`);
      }
    }
    expect(jobs.length).toBeGreaterThan(0);
  });

  it('has a current Prometheus config whose token health-api accepts, sent where the load balancer routes /metrics', () => {
    for (const env of environments) {
      const committed = readFileSync(path.join(ROOT, 'infra-cdktf', 'prometheus', `${env.name}.yml`), 'utf8');
      expect(committed).toBe(prometheusConfig(env));
      const synthesized = byEnv.get(env.name)!;
      const health = (
        resources(synthesized, 'google_cloudfunctions2_function') as {
          name: string;
          service_config: { environment_variables: Record<string, string> };
        }[]
      ).find((f) => f.name === 'health-api')!.service_config.environment_variables;
      const audience = committed.match(/--audiences=(\S+)/)![1]!;
      const identity = committed.match(/--impersonate-service-account=(\S+)/)![1]!;
      expect(health.AUTH_AUDIENCES!.split(',')).toContain(audience);
      expect(health.AUTH_SERVICE_ACCOUNTS!.split(',')).toContain(identity);
      expect(committed).toContain(`targets: ['${env.domain}']`);
      expect(JSON.stringify(resources(synthesized, 'google_compute_url_map'))).toContain(
        '"full_path_match":"/metrics"',
      );
    }
  });

  it("deploys a manifest's heap sizing as NODE_OPTIONS, and nothing where the manifest sets none", () => {
    const functions = resources(prod(), 'google_cloudfunctions2_function') as {
      name: string;
      service_config: { environment_variables: Record<string, string> };
    }[];
    const options = Object.fromEntries(
      functions.map((f) => [f.name, f.service_config.environment_variables.NODE_OPTIONS]),
    );
    expect(options['health-aggregator']).toMatch(/^--max-semi-space-size=\d+ --max-old-space-size=\d+$/);
    expect(options['pep-check']).toBeUndefined();
  });

  it('lets the webhook list and read every enabled signing-secret version, and names the secret to it', () => {
    const grants = resources(prod(), 'google_secret_manager_secret_iam_member').filter((g) =>
      String(g.secret_id).includes('secret-stripe-webhook-secret'),
    );
    expect(grants.map((g) => g.role).sort()).toEqual([
      'roles/secretmanager.secretAccessor',
      'roles/secretmanager.viewer',
    ]);
    expect(grants.every((g) => String(g.member).includes('fn-stripe-webhook_fn_sa'))).toBe(true);
    const fn = resources(prod(), 'google_cloudfunctions2_function').find((f) => f.name === 'stripe-webhook')!;
    const vars = (fn.service_config as { environment_variables: Record<string, string> }).environment_variables;
    expect(vars.STRIPE_WEBHOOK_SECRET_NAME).toMatch(/google_secret_manager_secret\.secret-stripe-webhook-secret\.id/);
  });

  it('keeps the generated IAM and bucket docs current (npm run infra:docs)', () => {
    const committed = readFileSync(path.join(ROOT, 'infra-cdktf', 'IAM.md'), 'utf8');
    expect(committed).toBe(
      renderInfraDocs(
        manifests,
        environments.find((e) => e.name === 'prod')!,
      ),
    );
  });
});

describe('storage', () => {
  it('enforces uniform access and public access prevention on every bucket', () => {
    const buckets = resources(prod(), 'google_storage_bucket');
    expect(buckets).toHaveLength(5);
    for (const b of buckets)
      expect([b.uniform_bucket_level_access, b.public_access_prevention]).toEqual([true, 'enforced']);
  });

  it('tiers the audit archive and locks its 7-year retention in prod only', () => {
    const archive = (s: Synthesized) =>
      resources(s, 'google_storage_bucket').find((b) => String(b.name).endsWith('-audit-archive'))!;
    expect(archive(prod()).retention_policy).toEqual({ retention_period: 7 * 365 * 86_400, is_locked: true });
    expect((archive(byEnv.get('dev')!).retention_policy as { is_locked: boolean }).is_locked).toBe(false);
    const classes = (archive(prod()).lifecycle_rule as { action: { storage_class?: string } }[]).map(
      (r) => r.action.storage_class,
    );
    expect(classes).toEqual(['NEARLINE', 'COLDLINE']);
  });

  it('versions agent workspaces and deletes cancelled-subscription archives after 30 days', () => {
    const named = (suffix: string) =>
      resources(prod(), 'google_storage_bucket').find((b) => String(b.name).endsWith(suffix))!;
    expect(named('-agent-workspaces').versioning).toEqual({ enabled: true });
    expect(named('-subscription-archives').lifecycle_rule).toEqual([
      { action: { type: 'Delete' }, condition: { age: 30 } },
    ]);
  });

  it("lets only the workspace functions into agents' workspaces, each within tenants/ (no other identity reads a tenant's prefix)", () => {
    const workspaceBucket = resources(prod(), 'google_storage_bucket').find((b) =>
      String(b.name).endsWith('-agent-workspaces'),
    )!;
    const bindings = resources(prod(), 'google_storage_bucket_iam_member').filter((r) =>
      String(r.bucket).includes('bucket-agent-workspaces'),
    );
    expect(bindings.map((r) => String(r.member).match(/fn-([a-z-]+)_fn_sa/)![1]).sort()).toEqual([
      'archive-sweeper',
      'workspace-archiver',
      'workspaces',
    ]);
    for (const r of bindings) expect((r.condition as { expression: string }).expression).toContain('/objects/tenants/');
    expect(workspaceBucket.uniform_bucket_level_access).toBe(true);
  });

  it('wraps archive keys with a rotated KMS key only the archiver may encrypt and the workspaces API decrypt with', () => {
    const [key] = resources(prod(), 'google_kms_crypto_key');
    expect(key).toMatchObject({ name: 'archive-keys', purpose: 'ENCRYPT_DECRYPT', rotation_period: '7776000s' });
    expect(key!.lifecycle).toMatchObject({ prevent_destroy: true });
    const grants = resources(prod(), 'google_kms_crypto_key_iam_member').map(
      (r) => `${String(r.member).match(/fn-([a-z-]+)_fn_sa/)![1]}:${r.role}`,
    );
    expect(grants.sort()).toEqual([
      'workspace-archiver:roles/cloudkms.cryptoKeyEncrypter',
      'workspaces:roles/cloudkms.cryptoKeyDecrypter',
    ]);
    // Besides the Pub/Sub service agent minting push tokens, only workspaces may sign, and only as itself.
    const signers = resources(prod(), 'google_service_account_iam_member').filter(
      (r) => !String(r.member).includes('gcp-sa-pubsub'),
    );
    expect(signers.map((r) => [r.role, r.member, r.service_account_id])).toEqual([
      [
        'roles/iam.serviceAccountTokenCreator',
        expect.stringMatching(/fn-workspaces_fn_sa_\w+\.member/),
        expect.stringMatching(/fn-workspaces_fn_sa_\w+\.name/),
      ],
    ]);
    const apis = resources(prod(), 'google_project_service').map((r) => r.service);
    expect(apis).toEqual(expect.arrayContaining(['cloudkms.googleapis.com', 'iamcredentials.googleapis.com']));
  });

  it('uploads each function bundle to the source bucket under its content hash', () => {
    const objects = resources(prod(), 'google_storage_bucket_object').map((o) => String(o.name));
    expect(objects).toHaveLength(manifests.length);
    for (const m of manifests)
      expect(objects.some((o) => new RegExp(`^${m.name}/[0-9A-F]+\\.zip$`, 'i').test(o))).toBe(true);
  });
});

describe('data', () => {
  it('runs Firestore with point-in-time recovery and a daily backup kept 7 days', () => {
    expect(prod().json).toHaveResourceWithProperties(FirestoreDatabase, {
      point_in_time_recovery_enablement: 'POINT_IN_TIME_RECOVERY_ENABLED',
      delete_protection_state: 'DELETE_PROTECTION_ENABLED',
    });
    expect(prod().json).toHaveResourceWithProperties(FirestoreBackupSchedule, {
      retention: `${7 * 86_400}s`,
      daily_recurrence: {},
    });
  });

  it('lets the restore drill restore backups and own drill-* scratch databases, and nothing else', () => {
    const grants = resources(prod(), 'google_project_iam_member').filter((r) =>
      String(r.member).includes('restore-drill'),
    );
    expect(
      grants
        .map((r) => [r.role, (r.condition as { expression?: string } | undefined)?.expression ?? null])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ).toEqual([
      ['roles/datastore.backupsViewer', null],
      ['roles/datastore.owner', 'resource.name.startsWith("projects/backbone-prod/databases/drill-")'],
      ['roles/datastore.restoreAdmin', null],
    ]);
  });

  it('declares every index and TTL policy of firestore.indexes.json', () => {
    const file = JSON.parse(readFileSync(path.join(ROOT, 'firestore.indexes.json'), 'utf8'));
    expect(resources(prod(), 'google_firestore_index')).toHaveLength(file.indexes.length);
    expect(
      resources(prod(), 'google_firestore_field')
        .map((f) => `${f.collection}.${f.field}`)
        .sort(),
    ).toEqual(
      (file.fieldOverrides as { collectionGroup: string; fieldPath: string }[])
        .map((f) => `${f.collectionGroup}.${f.fieldPath}`)
        .sort(),
    );
    const fields = resources(prod(), 'google_firestore_field');
    expect(fields.filter((f) => f.ttl_config).map((f) => f.collection)).toEqual(
      (file.fieldOverrides as { collectionGroup: string; ttl?: boolean }[])
        .filter((f) => f.ttl)
        .map((f) => f.collectionGroup)
        .sort(),
    );
    // Unindexed fields of the audit intake and tiles, of the steps' free text and of the outboxes'
    // event envelopes: no index entries to write or hot-spot; the rollups' day also indexed at
    // collection-group scope.
    expect(
      fields
        .filter((f) => !f.ttl_config)
        .map((f) => [`${f.collection}.${f.field}`, f.index_config])
        .sort(),
    ).toEqual([
      ['agent_outbox.event', {}],
      ['audit_intake.receivedAt', {}],
      ['audit_intake.record', {}],
      ['audit_log.entries', {}],
      ['audit_log.intakeIds', {}],
      ['billing_outbox.event', {}],
      ['health_history.s', {}],
      ['health_outbox.entries', {}],
      [
        'run_rollups.day',
        {
          indexes: [
            { order: 'ASCENDING', query_scope: 'COLLECTION' },
            { order: 'DESCENDING', query_scope: 'COLLECTION' },
            { order: 'ASCENDING', query_scope: 'COLLECTION_GROUP' },
          ],
        },
      ],
      ['run_rollups.models', {}],
      ['steps.endedAt', {}],
      ['steps.payload', {}],
      ['steps.startedAt', {}],
      ['steps.text', {}],
    ]);
  });

  it('creates every topic the manifests name, with a dead-letter topic per Pub/Sub function', () => {
    const topics = resources(prod(), 'google_pubsub_topic')
      .map((t) => t.name)
      .sort();
    const named = manifests.flatMap((m) => [
      ...m.touches.publishes,
      ...(m.trigger.kind === 'pubsub' ? [m.trigger.topic, `${m.name}-dead-letter`] : []),
    ]);
    expect(topics).toEqual([...new Set([...named, 'secret-rotation'])].sort());
    expect(topics).toEqual(expect.arrayContaining(['health-events', 'scrape-requests', 'knowledge-events']));
  });
});

describe('edge', () => {
  it('puts Cloud Armor with the OWASP rules, a per-IP ban, an API-key throttle and adaptive protection in front', () => {
    const policy = resources(prod(), 'google_compute_security_policy')[0]!;
    const rules = policy.rule as {
      action: string;
      match: { expr?: { expression: string } };
      rate_limit_options?: { enforce_on_key?: string; enforce_on_key_name?: string };
    }[];
    const waf = rules
      .filter((r) => r.match.expr?.expression.startsWith('evaluatePreconfiguredWaf'))
      .map((r) => r.match.expr!.expression.match(/'([a-z]+)-v33/)![1]);
    expect(waf).toEqual(['sqli', 'xss', 'lfi', 'rfi', 'rce', 'scannerdetection', 'protocolattack']);
    expect(rules.find((r) => r.action === 'rate_based_ban')?.rate_limit_options?.enforce_on_key).toBe('IP');
    // An API key is throttled alike however it is presented: X-Api-Key or Authorization: Bearer bb_...
    const throttles = rules.filter((r) => r.action === 'throttle');
    expect(throttles.map((r) => [r.match.expr?.expression, r.rate_limit_options])).toEqual([
      [
        "has(request.headers['x-api-key'])",
        expect.objectContaining({ enforce_on_key: 'HTTP_HEADER', enforce_on_key_name: 'x-api-key' }),
      ],
      [
        "has(request.headers['authorization']) && request.headers['authorization'].startsWith('Bearer bb_')",
        expect.objectContaining({ enforce_on_key: 'HTTP_HEADER', enforce_on_key_name: 'authorization' }),
      ],
    ]);
    const thresholds = throttles.map(
      (r) => (r.rate_limit_options as { rate_limit_threshold: unknown }).rate_limit_threshold,
    );
    expect(thresholds[0]).toEqual(thresholds[1]);
    expect(prod().json).toHaveResourceWithProperties(ComputeSecurityPolicy, {
      adaptive_protection_config: {
        layer_7_ddos_defense_config: { enable: true, rule_visibility: 'STANDARD' },
      },
    });
  });

  it("lets Stripe's published webhook addresses through before the WAF and the per-IP ban", () => {
    const rules = resources(prod(), 'google_compute_security_policy')[0]!.rule as {
      priority: number;
      action: string;
      match: { expr?: { expression: string }; config?: { src_ip_ranges: string[] } };
    }[];
    // Written out here (docs.stripe.com/ips, webhook notifications), not imported.
    const stripe = ['3.18.12.63', '3.130.192.231', '13.235.14.237', '54.187.216.72', '35.157.207.129'];
    const firstGuard = Math.min(...rules.filter((r) => r.action !== 'allow' || r.match.expr).map((r) => r.priority));
    const allowed = rules
      .filter((r) => r.action === 'allow' && r.priority < firstGuard)
      .flatMap((r) => r.match.config?.src_ip_ranges ?? []);
    for (const ip of stripe) expect(allowed).toContain(`${ip}/32`);
    for (const r of rules) expect((r.match.config?.src_ip_ranges ?? []).length).toBeLessThanOrEqual(10);
  });

  it('has a URL map GCP accepts, routing every route of every HTTP function to its backend', () => {
    const urlMap = resources(prod(), 'google_compute_url_map')[0]!;
    const matcher = (urlMap.path_matcher as UrlMapPathMatcher[])[0]!;
    expect(pathMatcherProblems(matcher)).toEqual([]);
    const http = manifests.filter(
      (m): m is FunctionManifest & { trigger: { kind: 'http' } } => m.trigger.kind === 'http',
    );
    for (const m of http) {
      for (const route of m.trigger.routes) {
        // A concrete request path: every :param filled with a plausible id.
        // (Only whole segments are parameters: `agents:import` is a literal segment.)
        const concrete = route.path.replace(/\/:[^/]+/g, '/id_42');
        expect({ path: route.path, service: serviceFor(matcher, concrete) }).toEqual({
          path: route.path,
          service: expect.stringContaining(`google_compute_backend_service.fn-${m.name}_backend_`),
        });
      }
    }
    for (const backend of resources(prod(), 'google_compute_backend_service'))
      expect(String(backend.security_policy)).toContain('google_compute_security_policy');
  });
});
