import type { FunctionManifest } from '@backbone/shared/core';
import { DEFAULT_POLICY_SET, PolicyEngine } from '@backbone/shared/policy';
import { collectionsOf } from '../src/manifest-iam';

/** Written here, not imported: a route a portal user may call makes the function verify ID tokens. */
const takesPortalUsers = (m: FunctionManifest) =>
  m.trigger.kind === 'http' && m.trigger.routes.some((r) => [r.access ?? 'public'].flat().includes('user'));
import { environments, loadManifests, withBundles, resources, synth, type Synthesized } from './synth-helpers';

/**
 * The production contract the emulators cannot check: what a function reads, someone writes;
 * what is published, someone receives; a service route has callers; what a caller is allowed
 * to reach, the policies do not refuse; a Google API a function uses is enabled and granted.
 */
const manifests = loadManifests();
/** An environment that selects the Vertex AI embedder. */
const vertexStaging = { ...environments.find((e) => e.name === 'staging')!, embedder: 'vertex' as const };
const withVertex = [
  ...environments.map((e) => [e.name, e] as const),
  ['staging with Vertex AI', vertexStaging] as const,
];
const byEnv = new Map<string, Synthesized>();
withBundles(manifests, (bundles) => {
  for (const env of environments) byEnv.set(env.name, synth(env, manifests, bundles));
  byEnv.set('staging with Vertex AI', synth(vertexStaging, manifests, bundles));
});

/** Collections read with no function writing them, and who writes them instead (documented). */
const WRITTEN_OUTSIDE_FUNCTIONS: Record<string, string> = {
  policy_sets: 'optional: without a published set the shipped default policies apply (publishing a set has no API yet)',
};

const serviceRoutesOf = (m: FunctionManifest) =>
  m.trigger.kind === 'http'
    ? m.trigger.routes.filter((r) => (typeof r.access === 'string' ? [r.access] : r.access).includes('service'))
    : [];

describe('the wiring contract', () => {
  it('every collection a function reads has a production writer', () => {
    const written = new Set(manifests.flatMap((m) => collectionsOf(m).write));
    const orphans = manifests.flatMap((m) =>
      collectionsOf(m)
        .read.filter((c) => !written.has(c) && !WRITTEN_OUTSIDE_FUNCTIONS[c])
        .map((c) => `${m.name} reads ${c}`),
    );
    expect(orphans).toEqual([]);
  });

  it.each(environments.map((e) => e.name))(
    'every env var a manifest declares without a default is set in %s',
    (name) => {
      const functions = new Map(
        resources(byEnv.get(name)!, 'google_cloudfunctions2_function').map((f) => [
          String(f.name),
          (f.service_config as { environment_variables: Record<string, string> }).environment_variables,
        ]),
      );
      const unset = manifests.flatMap((m) =>
        Object.entries(m.env)
          .filter(([key, v]) => v.default === undefined && !functions.get(m.name)?.[key])
          .map(([key]) => `${m.name}: ${key}`),
      );
      expect(unset).toEqual([]);
      expect(functions.get('agent-certification')).toMatchObject({
        GENESIS_URL: expect.stringMatching(/^https:\/\/genesis\./),
        GENESIS_CALLBACK_URL: expect.stringMatching(/^https:\/\/api\..*\/v1\/genesis\/callbacks$/),
      });
    },
  );

  it.each(environments.map((e) => e.name))('every topic has a subscriber in %s', (name) => {
    const s = byEnv.get(name)!;
    const subscribed = new Set(
      resources(s, 'google_pubsub_subscription').map((sub) => String(sub.topic).match(/topic-([a-z0-9-]+)\./)?.[1]),
    );
    const topics = resources(s, 'google_pubsub_topic').map((t) => String(t.name));
    expect(topics.filter((t) => !subscribed.has(t))).toEqual([]);
    const env = environments.find((e) => e.name === name)!;
    const unknown = env.platformServices.flatMap((p) =>
      [...p.subscribes, ...p.publishes].filter((t) => !topics.includes(t)),
    );
    expect(unknown).toEqual([]);
    // A platform service that publishes may: roles/pubsub.publisher on each of its topics.
    const granted = resources(s, 'google_pubsub_topic_iam_member')
      .filter((m) => m.role === 'roles/pubsub.publisher')
      .map((m) => `${String(m.topic).match(/topic-([a-z0-9-]+)\./)?.[1]} ${String(m.member)}`);
    for (const p of env.platformServices)
      for (const t of p.publishes) expect(granted).toContain(`${t} serviceAccount:${p.serviceAccount}`);
  });

  it.each(environments.map((e) => e.name))('every service route has configured callers in %s', (name) => {
    const env = environments.find((e) => e.name === name)!;
    const s = byEnv.get(name)!;
    const accepted = new Map(
      resources(s, 'google_cloudfunctions2_function').map((f) => [
        String(f.name),
        String(
          (f.service_config as { environment_variables: Record<string, string> }).environment_variables
            .AUTH_SERVICE_ACCOUNTS,
        ),
      ]),
    );
    const missing = manifests
      .filter((m) => serviceRoutesOf(m).length > 0)
      .filter(
        (m) =>
          !env.platformServices.some(
            (p) => p.calls.includes(m.name) && accepted.get(m.name)!.includes(p.serviceAccount),
          ),
      )
      .map((m) => m.name);
    expect(missing).toEqual([]);
    // And a platform service is only declared where it can call something.
    const pointless = env.platformServices.flatMap((p) =>
      p.calls
        .filter((fn) => !manifests.some((m) => m.name === fn && serviceRoutesOf(m).length > 0))
        .map((fn) => `${p.name} -> ${fn}`),
    );
    expect(pointless).toEqual([]);
  });

  /**
   * What the policy-checked service routes ask the Gatekeeper (read from their handlers), so a
   * caller's roles can be checked against the real policies.
   */
  const GATEKEPT_SERVICE_ROUTES: Record<string, { action: 'view' | 'update'; component: string }[]> = {
    'billing-api': [
      { action: 'view', component: 'subscriptions' },
      { action: 'update', component: 'subscriptions' },
    ],
    'scraping-api': [
      { action: 'view', component: 'knowledge' },
      { action: 'update', component: 'knowledge' },
    ],
    'constitutional-query': [{ action: 'update', component: 'knowledge' }],
  };

  it.each(environments.map((e) => e.name))(
    'no service access a manifest grants is always refused by policy in %s',
    (name) => {
      const env = environments.find((e) => e.name === name)!;
      const engine = PolicyEngine.load(DEFAULT_POLICY_SET);
      const refused: string[] = [];
      for (const [fn, checks] of Object.entries(GATEKEPT_SERVICE_ROUTES)) {
        const callers = env.platformServices.filter((p) => p.calls.includes(fn));
        for (const check of checks) {
          const allowed = callers.some(
            (p) =>
              engine.decide({
                principal: { type: 'Service', id: p.serviceAccount, roles: p.roles },
                action: check.action,
                resource: { type: 'Component', id: check.component },
                context: {},
              }).decision === 'allow',
          );
          if (!allowed) refused.push(`${fn}: ${check.action} ${check.component}`);
        }
      }
      expect(refused).toEqual([]);
    },
  );

  it.each(withVertex)('every Google API a function uses is enabled, and its role granted, in %s', (name, env) => {
    const s = byEnv.get(name)!;
    const enabled = new Set(resources(s, 'google_project_service').map((r) => String(r.service)));
    const needs = new Set<string>(['cloudfunctions.googleapis.com', 'run.googleapis.com', 'cloudbuild.googleapis.com']);
    for (const m of manifests) {
      if (collectionsOf(m).read.length + collectionsOf(m).write.length > 0) needs.add('firestore.googleapis.com');
      if (m.touches.publishes.length > 0 || m.trigger.kind === 'pubsub') needs.add('pubsub.googleapis.com');
      if (m.secrets.length > 0) needs.add('secretmanager.googleapis.com');
      if (m.touches.buckets.length > 0) needs.add('storage.googleapis.com');
      if (m.trigger.kind === 'schedule') needs.add('cloudscheduler.googleapis.com');
      if (m.env.EMBEDDER && env.embedder === 'vertex') needs.add('aiplatform.googleapis.com');
      if (m.touches.users === 'manage' || takesPortalUsers(m)) needs.add('identitytoolkit.googleapis.com');
    }
    expect([...needs].filter((api) => !enabled.has(api))).toEqual([]);
    const members = resources(s, 'google_project_iam_member');
    for (const m of manifests.filter((x) => x.touches.users === 'manage' || takesPortalUsers(x))) {
      // Setting claims needs the admin role; checking a token for revocation reads the user.
      const role = m.touches.users === 'manage' ? 'roles/firebaseauth.admin' : 'roles/firebaseauth.viewer';
      const granted = members.filter((r) => r.role === role && String(r.member).includes(`fn-${m.name}_fn_sa_`));
      expect({ fn: m.name, role, granted: granted.length }).toEqual({ fn: m.name, role, granted: 1 });
    }
    if (env.embedder === 'vertex') {
      for (const m of manifests.filter((x) => x.env.EMBEDDER)) {
        const granted = resources(s, 'google_project_iam_member').filter(
          (r) => r.role === 'roles/aiplatform.user' && String(r.member).includes(`fn-${m.name}_fn_sa_`),
        );
        expect({ fn: m.name, granted: granted.length }).toEqual({ fn: m.name, granted: 1 });
      }
    }
  });

  it('lets a function that lists a bucket prefix list it (objects.list checks the bucket, not an object)', () => {
    const grants = resources(byEnv.get('prod')!, 'google_storage_bucket_iam_member');
    for (const g of grants) {
      const expression = String((g.condition as { expression: string }).expression);
      expect(expression).toContain('storage.googleapis.com/objectListPrefix');
    }
  });
});
