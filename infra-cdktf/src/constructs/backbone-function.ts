import { Construct } from 'constructs';
import { TerraformAsset, AssetType } from 'cdktf';
import { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import { CloudRunServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-service-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { SecretManagerSecret } from '@cdktf/provider-google/lib/secret-manager-secret';
import { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { StorageBucketObject } from '@cdktf/provider-google/lib/storage-bucket-object';
import { entryPointOf, type FunctionManifest } from '@backbone/shared/core';
import type { Environment } from '../../environments';
import { labelsFor } from '../labels';
import { rolesFor } from '../manifest-iam';

/** What every function construct needs from the stack around it. */
export interface SharedInfra {
  env: Environment;
  sourceBucket: StorageBucket;
  topics: Map<string, PubsubTopic>;
  secrets: Map<string, SecretManagerSecret>;
  buckets: Map<string, StorageBucket>;
  /** Cloud KMS keys in the `backbone` key ring, by name. */
  keys: Map<string, KmsCryptoKey>;
  /** Where `npm run build` left the function's bundle. */
  bundleDir(name: string): string;
  /** The project number: part of every function's deterministic Cloud Run URL. */
  projectNumber: string;
  /** The Cloud Run functions runtime (`nodejs24`), the Node major the repository pins. */
  nodeRuntime: string;
}

/** The function's Cloud Run URL (deterministic): the audience its callers' OIDC tokens name. */
export function functionUrl(shared: SharedInfra, name: string): string {
  return `https://${name}-${shared.projectNumber}.${shared.env.region}.run.app`;
}

export interface BackboneFunctionProps {
  manifest: FunctionManifest;
  shared: SharedInfra;
  /** ALLOW_INTERNAL_AND_GCLB for HTTP functions behind the load balancer, ALLOW_INTERNAL_ONLY otherwise. */
  ingress: 'ALLOW_INTERNAL_AND_GCLB' | 'ALLOW_INTERNAL_ONLY';
  /** Service accounts whose OIDC tokens the function accepts (its scheduler, platform services). */
  serviceCallers?: string[];
}

/** The environment's platform services that call this function's service routes. */
export function platformCallersOf(env: Environment, name: string): Environment['platformServices'] {
  return env.platformServices.filter((s) => s.calls.includes(name));
}

/** `fn-<name>`, kept within the 30 characters a service account id may have. */
export function serviceAccountId(prefix: string, name: string): string {
  const id = `${prefix}-${name}`;
  return id.length <= 30 ? id : `${id.slice(0, 25)}-${hash(name).slice(0, 4)}`;
}
function hash(s: string): string {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(36);
}

/**
 * One function as Cloud Functions 2nd gen runs it: its bundle zipped into the source bucket,
 * its own service account, and exactly the roles its manifest implies, each granted by a bind
 * call that also hands the function what it needs to use the grant (an env var, a secret).
 * The trigger constructs add who may invoke it.
 */
export class BackboneFunction extends Construct {
  readonly serviceAccount: ServiceAccount;
  readonly fn: Cloudfunctions2Function;
  private readonly env: Record<string, string> = {};
  private readonly secretEnv: { key: string; projectId: string; secret: string; version: string }[] = [];
  private readonly bucketBindings = new Map<string, number>();

  constructor(
    scope: Construct,
    id: string,
    private readonly props: BackboneFunctionProps,
  ) {
    super(scope, id);
    const { manifest, shared } = props;
    const env = shared.env;
    this.serviceAccount = new ServiceAccount(this, 'sa', {
      accountId: serviceAccountId('fn', manifest.name),
      displayName: `Backbone ${manifest.name}`,
      description: `Runs the ${manifest.name} function; holds only what its manifest declares.`,
    });
    for (const binding of rolesFor(manifest, env)) {
      switch (binding.scope.kind) {
        case 'project':
          this.bindProjectRole(binding.role);
          break;
        case 'topic':
          this.bindTopic(binding.scope.topic);
          break;
        case 'secret': {
          const declared = manifest.secrets.find((s) => s.secret === (binding.scope as { secret: string }).secret)!;
          this.bindSecret(declared.secret, declared.env, binding.role, declared.versions);
          break;
        }
        case 'bucket':
          this.bindBucket(binding.scope.bucket, binding.scope.prefix, binding.role);
          break;
        case 'key':
          this.bindKey(binding.scope.key, binding.role);
          break;
        case 'self':
          new ServiceAccountIamMember(this, 'signs-as-itself', {
            serviceAccountId: this.serviceAccount.name,
            role: binding.role,
            member: this.serviceAccount.member,
          });
          break;
      }
    }

    const asset = new TerraformAsset(this, 'bundle', {
      path: shared.bundleDir(manifest.name),
      type: AssetType.ARCHIVE,
    });
    const object = new StorageBucketObject(this, 'source', {
      bucket: shared.sourceBucket.name,
      name: `${manifest.name}/${asset.assetHash}.zip`,
      source: asset.path,
    });
    const defaults = Object.fromEntries(
      Object.entries(manifest.env).flatMap(([k, v]) => (v.default !== undefined ? [[k, v.default]] : [])),
    );
    const callers = platformCallersOf(env, manifest.name);
    // The embedder the environment chose, for the functions that embed.
    if (manifest.env.EMBEDDER) this.env.EMBEDDER = env.embedder;
    // Genesis: where to ask for certifications, and where it calls back (the agents route on the domain).
    if (manifest.env.GENESIS_URL) this.env.GENESIS_URL = env.genesisUrl;
    if (manifest.env.GENESIS_CALLBACK_URL) this.env.GENESIS_CALLBACK_URL = `https://${env.domain}/v1/genesis/callbacks`;
    // Links handed to customers (archive downloads) point at the load balancer's domain.
    if (manifest.env.PUBLIC_BASE_URL) this.env.PUBLIC_BASE_URL = `https://${env.domain}`;
    this.fn = new Cloudfunctions2Function(this, 'function', {
      name: manifest.name,
      location: env.region,
      description: manifest.description.slice(0, 500),
      labels: { ...labelsFor(env, manifest.name), function: manifest.name },
      buildConfig: {
        runtime: shared.nodeRuntime,
        entryPoint: entryPointOf(manifest.name),
        source: { storageSource: { bucket: shared.sourceBucket.name, object: object.name } },
      },
      serviceConfig: {
        availableMemory: manifest.runtime.memory,
        availableCpu: String(manifest.runtime.cpu),
        timeoutSeconds: manifest.runtime.timeoutSeconds,
        minInstanceCount: manifest.runtime.minInstances,
        maxInstanceCount: manifest.runtime.maxInstances,
        maxInstanceRequestConcurrency: manifest.runtime.concurrency,
        serviceAccountEmail: this.serviceAccount.email,
        ingressSettings: props.ingress,
        allTrafficOnLatestRevision: true,
        environmentVariables: {
          ...defaults,
          ...this.env,
          GOOGLE_CLOUD_PROJECT: env.projectId,
          BACKBONE_ENV: env.name,
          AUTH_AUDIENCES: [
            functionUrl(shared, manifest.name),
            `https://${env.region}-${env.projectId}.cloudfunctions.net/${manifest.name}`,
          ].join(','),
          AUTH_SERVICE_ACCOUNTS: [...(props.serviceCallers ?? []), ...callers.map((c) => c.serviceAccount)].join(','),
          AUTH_SERVICE_ROLES: callers
            .filter((c) => c.roles.length > 0)
            .map((c) => `${c.serviceAccount}=${c.roles.join('+')}`)
            .join(','),
          LOG_LEVEL: env.name === 'prod' ? 'INFO' : 'DEBUG',
          ...(manifest.runtime.nodeOptions ? { NODE_OPTIONS: manifest.runtime.nodeOptions } : {}),
        },
        secretEnvironmentVariables: this.secretEnv,
      },
    });
  }

  /** Lets `member` invoke the function (the Cloud Run service behind it). */
  allowInvoker(id: string, member: string): void {
    new CloudRunServiceIamMember(this, id, {
      location: this.props.shared.env.region,
      service: this.fn.serviceConfig.service,
      role: 'roles/run.invoker',
      member,
    });
  }

  private bindProjectRole(role: string): void {
    new ProjectIamMember(this, `role-${role.replace(/\W/g, '-')}`, {
      project: this.props.shared.env.projectId,
      role,
      member: this.serviceAccount.member,
    });
  }

  private bindTopic(topicName: string): void {
    const topic = this.props.shared.topics.get(topicName);
    if (!topic)
      throw new Error(`${this.props.manifest.name} publishes to '${topicName}', which the stack does not declare`);
    new PubsubTopicIamMember(this, `publish-${topicName}`, {
      topic: topic.name,
      role: 'roles/pubsub.publisher',
      member: this.serviceAccount.member,
    });
  }

  private bindSecret(secretId: string, envName: string, role: string, versions: 'latest' | 'all-enabled'): void {
    const secret = this.props.shared.secrets.get(secretId);
    if (!secret)
      throw new Error(`${this.props.manifest.name} needs secret '${secretId}', which the stack does not declare`);
    const viewer = role === 'roles/secretmanager.viewer';
    new SecretManagerSecretIamMember(this, `secret-${secretId}${viewer ? '-viewer' : ''}`, {
      secretId: secret.id,
      role,
      member: this.serviceAccount.member,
    });
    if (viewer) return;
    if (versions === 'all-enabled') {
      // The function lists and reads the enabled versions itself: it gets the secret's name.
      this.env[envName] = secret.id;
      return;
    }
    this.secretEnv.push({
      key: envName,
      projectId: this.props.shared.env.projectId,
      secret: secret.secretId,
      version: 'latest',
    });
  }

  private bindKey(keyName: string, role: string): void {
    const key = this.props.shared.keys.get(keyName);
    if (!key)
      throw new Error(`${this.props.manifest.name} uses KMS key '${keyName}', which the stack does not declare`);
    new KmsCryptoKeyIamMember(this, `key-${keyName}`, {
      cryptoKeyId: key.id,
      role,
      member: this.serviceAccount.member,
    });
    this.env[`KMS_KEY_${keyName.toUpperCase().replace(/-/g, '_')}`] = key.id;
  }

  private bindBucket(bucketKey: string, prefix: string, role: string): void {
    const bucket = this.props.shared.buckets.get(bucketKey);
    if (!bucket)
      throw new Error(`${this.props.manifest.name} uses bucket '${bucketKey}', which the stack does not declare`);
    // A second prefix of the same bucket is a binding of its own (its own condition).
    const n = (this.bucketBindings.get(bucketKey) ?? 0) + 1;
    this.bucketBindings.set(bucketKey, n);
    new StorageBucketIamMember(this, n === 1 ? `bucket-${bucketKey}` : `bucket-${bucketKey}-${n}`, {
      bucket: bucket.name,
      role,
      member: this.serviceAccount.member,
      // Only its prefix: an IAM condition on the object name, and, for objects.list (checked on the
      // bucket, not an object), on the prefix the listing asks for.
      condition: {
        title: `${this.props.manifest.name}-${bucketKey}-prefix${n === 1 ? '' : `-${n}`}`,
        expression: [
          `resource.name.startsWith("projects/_/buckets/${bucket.name}/objects/${prefix}")`,
          `(resource.type == "storage.googleapis.com/Bucket" && api.getAttribute("storage.googleapis.com/objectListPrefix", "").startsWith("${prefix}"))`,
        ].join(' || '),
      },
    });
    this.env[`BUCKET_${bucketKey.toUpperCase().replace(/-/g, '_')}`] = bucket.name;
  }
}
