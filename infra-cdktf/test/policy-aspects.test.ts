import { Aspects, TerraformStack, Testing } from 'cdktf';
import type { Construct } from 'constructs';
import { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { PubsubSubscription } from '@cdktf/provider-google/lib/pubsub-subscription';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { BackbonePolicyAspect } from '../src/aspects/policy-aspects';

const labels = { service: 'backbone', environment: 'dev', 'cost-centre': 'x' };
const okBucket = {
  name: 'b',
  location: 'EU',
  uniformBucketLevelAccess: true,
  publicAccessPrevention: 'enforced',
  labels,
};

function synthWith(add: (stack: Construct) => void): string {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'policy');
  new GoogleProvider(stack, 'google', { project: 'p' });
  add(stack);
  Aspects.of(stack).add(new BackbonePolicyAspect());
  return Testing.synth(stack);
}

describe('BackbonePolicyAspect fails synthesis on', () => {
  it.each<[string, (s: Construct) => void, RegExp]>([
    [
      'a primitive role',
      (s) => new ProjectIamMember(s, 'r', { project: 'p', role: 'roles/editor', member: 'user:a@b.io' }),
      /primitive role roles\/editor/,
    ],
    [
      'a public bucket',
      (s) =>
        new StorageBucketIamMember(s, 'r', {
          bucket: 'b',
          role: 'roles/storage.objectViewer',
          member: 'allUsers',
        }),
      /public bucket/,
    ],
    [
      'a bucket without uniform access',
      (s) => new StorageBucket(s, 'b', { ...okBucket, uniformBucketLevelAccess: false }),
      /uniform bucket-level access/,
    ],
    [
      'a bucket without public access prevention',
      (s) => new StorageBucket(s, 'b', { ...okBucket, publicAccessPrevention: 'inherited' }),
      /public access prevention/,
    ],
    [
      'a push subscription without a dead-letter topic',
      (s) =>
        new PubsubSubscription(s, 's', {
          name: 's',
          topic: 't',
          labels,
          pushConfig: { pushEndpoint: 'https://x.test/' },
        }),
      /without a dead-letter topic/,
    ],
    [
      'a function open to the internet',
      (s) =>
        new Cloudfunctions2Function(s, 'f', {
          name: 'f',
          location: 'l',
          labels,
          serviceConfig: { ingressSettings: 'ALLOW_ALL' },
        }),
      /reachable without the load balancer/,
    ],
    [
      'an unlabeled resource',
      (s) => new PubsubTopic(s, 't', { name: 't', labels: { service: 'backbone' } }),
      /unlabeled \(missing environment, cost-centre\)/,
    ],
  ])('%s', (_what, add, message) => {
    expect(() => synthWith(add)).toThrow(message);
  });

  it('lets compliant resources through', () => {
    expect(() =>
      synthWith((s) => {
        new StorageBucket(s, 'b', okBucket);
        new PubsubTopic(s, 't', { name: 't', labels });
        new ProjectIamMember(s, 'r', {
          project: 'p',
          role: 'roles/datastore.user',
          member: 'serviceAccount:x@p.iam.gserviceaccount.com',
        });
      }),
    ).not.toThrow();
  });
});
