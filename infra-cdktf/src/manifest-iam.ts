import { accessList, HTTP_SECURITY_COLLECTIONS, type FunctionManifest } from '@backbone/shared/core';

/** One role a function's service account holds, and on what. */
export interface RoleBinding {
  role: string;
  scope:
    | { kind: 'project' }
    | { kind: 'topic'; topic: string }
    | { kind: 'secret'; secret: string }
    | { kind: 'bucket'; bucket: string; prefix: string }
    | { kind: 'key'; key: string }
    | { kind: 'self' };
  why: string;
}

/** The collections a function touches: its manifest's, plus what authentication and rate limiting use. */
export function collectionsOf(manifest: FunctionManifest): { read: string[]; write: string[] } {
  const { read, write } = manifest.touches.collections;
  if (manifest.trigger.kind === 'pubsub') return { read, write };
  return {
    read: [...new Set([...read, ...HTTP_SECURITY_COLLECTIONS.read])],
    write: [...new Set([...write, ...HTTP_SECURITY_COLLECTIONS.write])],
  };
}

/**
 * The roles a manifest implies, and nothing more. Firestore has no IAM scope narrower than the
 * project (collections are not IAM resources), so Firestore access is the one project-level
 * role: `datastore.viewer` for a function that only reads, `datastore.user` for one that writes.
 */
export function rolesFor(manifest: FunctionManifest, env?: { embedder: 'hashing' | 'vertex' }): RoleBinding[] {
  // Every function's spans go to Cloud Trace (OpenTelemetry exporter, started by its bootstrap).
  const roles: RoleBinding[] = [
    { role: 'roles/cloudtrace.agent', scope: { kind: 'project' }, why: 'writes its spans to Cloud Trace' },
  ];
  if (manifest.env.EMBEDDER && env?.embedder === 'vertex')
    roles.push({
      role: 'roles/aiplatform.user',
      scope: { kind: 'project' },
      why: 'embeds text with Vertex AI (EMBEDDER=vertex)',
    });
  if (manifest.touches.messaging === 'send')
    roles.push({
      role: 'roles/firebasecloudmessaging.admin',
      scope: { kind: 'project' },
      why: 'sends push notifications through FCM (no narrower IAM scope exists for it)',
    });
  const auth = authRoleOf(manifest);
  if (auth) roles.push({ role: auth.role, scope: { kind: 'project' }, why: auth.why });
  const { publishes, buckets } = manifest.touches;
  const collections = collectionsOf(manifest);
  if (collections.write.length > 0) {
    roles.push({
      role: 'roles/datastore.user',
      scope: { kind: 'project' },
      why: `writes ${collections.write.join(', ')}`,
    });
  } else if (collections.read.length > 0) {
    roles.push({
      role: 'roles/datastore.viewer',
      scope: { kind: 'project' },
      why: `reads ${collections.read.join(', ')}`,
    });
  }
  for (const topic of publishes)
    roles.push({
      role: 'roles/pubsub.publisher',
      scope: { kind: 'topic', topic },
      why: `publishes to ${topic}`,
    });
  for (const b of buckets) {
    roles.push({
      role: b.access === 'write' ? 'roles/storage.objectAdmin' : 'roles/storage.objectViewer',
      scope: { kind: 'bucket', bucket: b.bucket, prefix: b.prefix },
      why: `${b.access}s ${b.bucket}/${b.prefix}`,
    });
  }
  for (const k of manifest.touches.keys)
    roles.push({
      role: KEY_ROLES[k.access],
      scope: { kind: 'key', key: k.key },
      why: `${k.access === 'encrypt' ? 'wraps' : k.access === 'decrypt' ? 'unwraps' : 'wraps and unwraps'} data keys with ${k.key}`,
    });
  if (manifest.touches.signsUrls)
    roles.push({
      role: 'roles/iam.serviceAccountTokenCreator',
      scope: { kind: 'self' },
      why: 'signs V4 signed URLs as itself (IAM signBlob), on no other account',
    });
  for (const s of manifest.secrets.filter((x) => x.versions === 'all-enabled'))
    roles.push({
      role: 'roles/secretmanager.viewer',
      scope: { kind: 'secret', secret: s.secret },
      why: `lists the enabled versions of ${s.secret} (rotation overlap)`,
    });
  for (const s of manifest.secrets)
    roles.push({
      role: 'roles/secretmanager.secretAccessor',
      scope: { kind: 'secret', secret: s.secret },
      why: `reads secret ${s.secret} as ${s.env}`,
    });
  return roles;
}

const KEY_ROLES = {
  encrypt: 'roles/cloudkms.cryptoKeyEncrypter',
  decrypt: 'roles/cloudkms.cryptoKeyDecrypter',
  'encrypt-decrypt': 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
} as const;

/** Whether a function takes Firebase Auth ID tokens (a route open to portal users). */
export function acceptsUsers(manifest: FunctionManifest): boolean {
  return manifest.trigger.kind === 'http' && manifest.trigger.routes.some((r) => accessList(r.access).includes('user'));
}

/**
 * Firebase Auth has no narrower scope than the project. Checking an ID token for revocation
 * (verifyIdToken with checkRevoked) reads the user record, so every function that takes portal
 * users needs the viewer role; one that sets claims needs the admin role.
 */
function authRoleOf(manifest: FunctionManifest): { role: string; why: string } | undefined {
  if (manifest.touches.users === 'manage')
    return {
      role: 'roles/firebaseauth.admin',
      why: 'creates portal users, sets their claims and revokes sessions',
    };
  if (acceptsUsers(manifest))
    return {
      role: 'roles/firebaseauth.viewer',
      why: 'checks portal ID tokens for revocation (reads the user)',
    };
  return undefined;
}

/** Who may invoke a function, by trigger. */
export function invokerOf(manifest: FunctionManifest): string {
  switch (manifest.trigger.kind) {
    case 'http':
      return 'the external load balancer only (ingress: internal and Cloud Load Balancing)';
    case 'pubsub':
      return `the push identity of its subscription to ${manifest.trigger.topic} (OIDC)`;
    case 'schedule':
      return 'the Cloud Scheduler job identity (OIDC)';
  }
}
