import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import path from 'node:path';
import { Construct } from 'constructs';
import { Aspects, GcsBackend, TerraformOutput, TerraformStack } from 'cdktf';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { PubsubSubscription } from '@cdktf/provider-google/lib/pubsub-subscription';
import { PubsubSubscriptionIamMember } from '@cdktf/provider-google/lib/pubsub-subscription-iam-member';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret';
import type { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import type { FunctionManifest } from '@backbone/shared/core';
import type { Environment } from '../environments';
import { BackbonePolicyAspect } from './aspects/policy-aspects';
import { bucketPlan } from './bucket-plan';
import type { SharedInfra } from './constructs/backbone-function';
import { ArmorPolicy, ExternalLoadBalancer } from './constructs/edge-security';
import { FirestoreData } from './constructs/firestore-data';
import { HttpFunction } from './constructs/http-function';
import { LifecycleBucket } from './constructs/lifecycle-bucket';
import { PubSubFunction } from './constructs/pubsub-function';
import { ScheduledFunction } from './constructs/scheduled-function';
import { labelsFor } from './labels';
import { assertDeployable, pinnedNodeRuntime } from './node-runtime';

const REQUIRED_APIS = [
  'cloudfunctions.googleapis.com',
  'run.googleapis.com',
  'cloudbuild.googleapis.com',
  'artifactregistry.googleapis.com',
  'pubsub.googleapis.com',
  'cloudscheduler.googleapis.com',
  'firestore.googleapis.com',
  'secretmanager.googleapis.com',
  'compute.googleapis.com',
  'iam.googleapis.com',
  'storage.googleapis.com',
  // Cloud Trace: every function exports its OpenTelemetry spans there.
  'cloudtrace.googleapis.com',
  // Firebase Auth (Identity Toolkit): portal sign-in, ID-token revocation checks, the members API.
  'identitytoolkit.googleapis.com',
];

/**
 * Topics only people read: a worker-published dead-letter topic and Secret Manager's rotation
 * notices (a Stripe signing secret is rotated in Stripe's dashboard). Each gets an inbox
 * subscription operators pull from (`gcloud pubsub subscriptions pull <topic>-inbox`).
 */
export const OPERATOR_INBOX_TOPICS = ['secret-rotation'];

/** Secrets rotate every 90 days (000#48); the first rotation date is fixed so synthesis is deterministic. */
const ROTATION_PERIOD = `${90 * 86_400}s`;
const FIRST_ROTATION = '2027-01-01T00:00:00Z';

export interface BackboneStackProps {
  env: Environment;
  manifests: FunctionManifest[];
  bundleDir(name: string): string;
  /** firestore.indexes.json */
  indexFile: string;
  /** Defaults to the Node major pinned in package.json; refused once Google has decommissioned it. */
  nodeRuntime?: string;
}

/** Everything one environment needs, built from the function manifests. */
export class BackboneStack extends TerraformStack {
  readonly functions = new Map<string, HttpFunction | PubSubFunction | ScheduledFunction>();

  constructor(scope: Construct, id: string, props: BackboneStackProps) {
    super(scope, id);
    const { env, manifests } = props;
    new GoogleProvider(this, 'google', {
      project: env.projectId,
      region: env.region,
      defaultLabels: labelsFor(env, 'backbone'),
    });
    new GcsBackend(this, { bucket: env.stateBucket, prefix: `backbone/${env.name}` });
    const project = new DataGoogleProject(this, 'project', { projectId: env.projectId });
    const pubsubAgent = `service-${project.number}@gcp-sa-pubsub.iam.gserviceaccount.com`;
    const apis = [
      ...REQUIRED_APIS,
      ...(env.embedder === 'vertex' ? ['aiplatform.googleapis.com'] : []),
      // Firebase Cloud Messaging, when a function pushes to devices (notifications).
      ...(manifests.some((m) => m.touches.messaging === 'send') ? ['fcm.googleapis.com'] : []),
      // Cloud KMS, when a function wraps data keys (archives); IAM Credentials, when one signs URLs.
      ...(manifests.some((m) => m.touches.keys.length > 0) ? ['cloudkms.googleapis.com'] : []),
      ...(manifests.some((m) => m.touches.signsUrls) ? ['iamcredentials.googleapis.com'] : []),
    ];
    for (const api of apis)
      new ProjectService(this, `api-${api.split('.')[0]}`, { service: api, disableOnDestroy: false });

    new FirestoreData(this, 'firestore', { env, indexFile: props.indexFile });

    const buckets = new Map<string, StorageBucket>();
    for (const plan of bucketPlan(env)) {
      buckets.set(
        plan.key,
        new LifecycleBucket(this, `bucket-${plan.key}`, { env, location: env.region, ...plan.props }).bucket,
      );
    }

    const topicNames = new Set<string>(['secret-rotation']);
    for (const m of manifests) {
      m.touches.publishes.forEach((t) => topicNames.add(t));
      if (m.trigger.kind === 'pubsub') {
        topicNames.add(m.trigger.topic);
        topicNames.add(`${m.name}-dead-letter`);
      }
    }
    const topics = new Map<string, PubsubTopic>();
    for (const name of [...topicNames].sort()) {
      topics.set(
        name,
        new PubsubTopic(this, `topic-${name}`, {
          name,
          labels: labelsFor(env, name),
          messageRetentionDuration: '604800s',
        }),
      );
    }

    for (const name of OPERATOR_INBOX_TOPICS) {
      const topic = topics.get(name);
      if (!topic) continue; // a stack without the function that publishes it
      new PubsubSubscription(this, `inbox-${name}`, {
        name: `${name}-inbox`,
        topic: topic.id,
        labels: labelsFor(env, name),
        messageRetentionDuration: '604800s',
        expirationPolicy: { ttl: '' },
      });
    }
    for (const service of env.platformServices) {
      for (const name of service.publishes) {
        const topic = topics.get(name);
        if (!topic) continue;
        new PubsubTopicIamMember(this, `platform-${service.name}-${name}-publisher`, {
          topic: topic.name,
          role: 'roles/pubsub.publisher',
          member: `serviceAccount:${service.serviceAccount}`,
        });
      }
      for (const name of service.subscribes) {
        const topic = topics.get(name);
        if (!topic) continue; // a partial stack; the wiring contract test checks every declared topic exists
        const sub = new PubsubSubscription(this, `platform-${service.name}-${name}`, {
          name: `${name}-${service.name}`,
          topic: topic.id,
          labels: labelsFor(env, name),
          ackDeadlineSeconds: 60,
          messageRetentionDuration: '604800s',
          expirationPolicy: { ttl: '' },
        });
        new PubsubSubscriptionIamMember(this, `platform-${service.name}-${name}-subscriber`, {
          subscription: sub.name,
          role: 'roles/pubsub.subscriber',
          member: `serviceAccount:${service.serviceAccount}`,
        });
      }
    }

    const secrets = new Map<string, SecretManagerSecret>();
    const rotation = topics.get('secret-rotation')!;
    new PubsubTopicIamMember(this, 'secret-rotation-publisher', {
      topic: rotation.name,
      role: 'roles/pubsub.publisher',
      member: `serviceAccount:service-${project.number}@gcp-sa-secretmanager.iam.gserviceaccount.com`,
    });
    for (const secretId of [...new Set(manifests.flatMap((m) => m.secrets.map((s) => s.secret)))].sort()) {
      secrets.set(
        secretId,
        new SecretManagerSecret(this, `secret-${secretId}`, {
          secretId,
          labels: labelsFor(env, secretId),
          replication: { auto: {} },
          rotation: { rotationPeriod: ROTATION_PERIOD, nextRotationTime: FIRST_ROTATION },
          topics: [{ name: rotation.id }],
        }),
      );
    }

    // One key ring; each key a function names, rotated every 90 days, never destroyed by Terraform
    // (an archive's data key is unwrappable only while its key version lives).
    const keys = new Map<string, KmsCryptoKey>();
    const keyNames = [...new Set(manifests.flatMap((m) => m.touches.keys.map((k) => k.key)))].sort();
    if (keyNames.length > 0) {
      const ring = new KmsKeyRing(this, 'key-ring', { name: 'backbone', location: env.region });
      for (const name of keyNames)
        keys.set(
          name,
          new KmsCryptoKey(this, `key-${name}`, {
            name,
            keyRing: ring.id,
            purpose: 'ENCRYPT_DECRYPT',
            rotationPeriod: '7776000s',
            labels: labelsFor(env, name),
            lifecycle: { preventDestroy: true },
          }),
        );
    }

    const shared: SharedInfra = {
      env,
      keys,
      sourceBucket: buckets.get('function-sources')!,
      topics,
      secrets,
      buckets,
      bundleDir: props.bundleDir,
      projectNumber: project.number,
      nodeRuntime: props.nodeRuntime ?? pinnedNodeRuntime(),
    };
    assertDeployable(shared.nodeRuntime, new Date());
    const armor = new ArmorPolicy(this, 'armor', env);
    for (const manifest of manifests) {
      const id = `fn-${manifest.name}`;
      if (manifest.trigger.kind === 'http') {
        this.functions.set(
          manifest.name,
          new HttpFunction(this, id, {
            manifest: manifest as HttpFunctionManifest,
            shared,
            securityPolicyId: armor.policy.id,
          }),
        );
      } else if (manifest.trigger.kind === 'pubsub') {
        this.functions.set(
          manifest.name,
          new PubSubFunction(this, id, {
            manifest: manifest as PubSubManifest,
            shared,
            pubsubServiceAgent: pubsubAgent,
          }),
        );
      } else {
        this.functions.set(
          manifest.name,
          new ScheduledFunction(this, id, { manifest: manifest as ScheduledManifest, shared }),
        );
      }
    }

    const http = manifests.filter((m) => m.trigger.kind === 'http');
    if (http.length > 0) {
      const backendOf = (name: string) => (this.functions.get(name) as HttpFunction).backend.id;
      const edge = new ExternalLoadBalancer(this, 'edge', {
        env,
        defaultBackendId: backendOf(http[0]!.name),
        routes: http.map((m) => ({ matches: lbRouteMatches(m), backendId: backendOf(m.name) })),
      });
      new TerraformOutput(this, 'edge-ip', { value: edge.address.address });
    }
    Aspects.of(this).add(new BackbonePolicyAspect());
  }
}

type HttpFunctionManifest = FunctionManifest & { trigger: { kind: 'http' } };
type PubSubManifest = FunctionManifest & { trigger: { kind: 'pubsub' } };
type ScheduledManifest = FunctionManifest & { trigger: { kind: 'schedule' } };

/** How the URL map recognizes one route: its exact path, or a path template for `:param` segments. */
export type RouteMatch = { fullPathMatch: string } | { pathTemplateMatch: string };

/**
 * URL map matches of an HTTP function's routes. GCP path rules allow `*` only at the end, so a
 * parameterized route (`/v1/api-keys/:id/rotate`) is a route rule with `pathTemplateMatch`
 * (`/v1/api-keys/{id}/rotate`, one segment per variable); a literal path is a full-path match.
 */
export function lbRouteMatches(manifest: FunctionManifest): RouteMatch[] {
  if (manifest.trigger.kind !== 'http') return [];
  const paths = [...new Set(manifest.trigger.routes.map((r) => r.path))].sort();
  return paths.map((p) =>
    p.includes('/:') ? { pathTemplateMatch: p.replace(/\/:([A-Za-z][A-Za-z0-9_]*)/g, '/{$1}') } : { fullPathMatch: p },
  );
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
