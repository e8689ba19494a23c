import { defineFunction, type FunctionManifestInput } from '@backbone/shared/core';
import { environments, loadManifests, resources, synth, withBundles, type Synthesized } from './synth-helpers';

// A function with a secret and a bucket prefix, as the billing and knowledge functions will have.
const webhookInput: FunctionManifestInput = {
  name: 'billing-webhook',
  description: 'A test function that reads a secret and writes under a bucket prefix.',
  trigger: { kind: 'http', routes: [{ method: 'POST', path: '/v1/billing/webhook', access: 'public' }] },
  secrets: [{ env: 'STRIPE_WEBHOOK_SECRETS', secret: 'stripe-webhook-secrets' }],
  touches: { buckets: [{ bucket: 'subscription-archives', prefix: 'archives/', access: 'write' }] },
};
const webhook = defineFunction(webhookInput);

let s: Synthesized;
let bundled: (name: string) => string;
const manifests = loadManifests();
withBundles(manifests, (bundles) => {
  bundled = bundles;
  s = synth(environments[0]!, [...manifests, webhook], (name) =>
    bundles(name === 'billing-webhook' ? 'health-api' : name),
  );
});

describe('bind calls', () => {
  it('creates the secret with 90-day rotation announced on the rotation topic', () => {
    const secret = resources(s, 'google_secret_manager_secret').find((x) => x.secret_id === 'stripe-webhook-secrets')!;
    expect(secret).toMatchObject({
      secret_id: 'stripe-webhook-secrets',
      rotation: { rotation_period: '7776000s' },
    });
    expect(JSON.stringify(secret.topics)).toContain('topic-secret-rotation');
  });

  it('grants the secret to that function only and hands it over as an env var', () => {
    const grants = resources(s, 'google_secret_manager_secret_iam_member').filter((g) =>
      String(g.secret_id).includes('stripe-webhook-secrets'),
    );
    expect(grants).toHaveLength(1);
    expect(grants[0]).toMatchObject({ role: 'roles/secretmanager.secretAccessor' });
    expect(String(grants[0]!.member)).toContain('fn-billing-webhook_fn_sa');
    const fn = resources(s, 'google_cloudfunctions2_function').find((f) => f.name === 'billing-webhook')!;
    const config = fn.service_config as { secret_environment_variables: { key: string; version: string }[] };
    expect(config.secret_environment_variables).toEqual([
      expect.objectContaining({ key: 'STRIPE_WEBHOOK_SECRETS', version: 'latest' }),
    ]);
  });

  it('grants the bucket under its prefix only (IAM condition) and passes the bucket name', () => {
    const grant = resources(s, 'google_storage_bucket_iam_member').find((r) =>
      (r.condition as { title: string }).title.startsWith('billing-webhook-'),
    )!;
    expect(grant.role).toBe('roles/storage.objectAdmin');
    expect((grant.condition as { expression: string }).expression).toMatch(
      /resource\.name\.startsWith\("projects\/_\/buckets\/.*\/objects\/archives\/"\)/,
    );
    const fn = resources(s, 'google_cloudfunctions2_function').find((f) => f.name === 'billing-webhook')!;
    expect(
      (fn.service_config as { environment_variables: Record<string, string> }).environment_variables
        .BUCKET_SUBSCRIPTION_ARCHIVES,
    ).toBeTruthy();
  });

  it('refuses a manifest naming a bucket the stack does not have', () => {
    const bad = defineFunction({
      ...webhookInput,
      name: 'bad-bucket',
      touches: { buckets: [{ bucket: 'no-such-bucket', prefix: '', access: 'read' }] },
    });
    expect(() => synth(environments[0]!, [bad], () => bundled('health-api'))).toThrow(
      /bucket 'no-such-bucket', which the stack does not declare/,
    );
  });
});
