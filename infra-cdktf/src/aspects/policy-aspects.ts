import type { IConstruct } from 'constructs';
import { TerraformResource, type IAspect } from 'cdktf';

/** The resource's configuration as it will be synthesized (snake_case keys). */
function configOf(resource: TerraformResource): Record<string, unknown> {
  const tf = resource.toTerraform() as { resource: Record<string, Record<string, Record<string, unknown>>> };
  return Object.values(tf.resource[resource.terraformResourceType] ?? {})[0] ?? {};
}
const first = (v: unknown): Record<string, unknown> | undefined =>
  (Array.isArray(v) ? v[0] : v) as Record<string, unknown> | undefined;

export class PolicyViolationError extends Error {}

function fail(resource: TerraformResource, rule: string): never {
  throw new PolicyViolationError(`${resource.node.path} (${resource.terraformResourceType}): ${rule}`);
}

const PRIMITIVE_ROLES = new Set(['roles/owner', 'roles/editor', 'roles/viewer']);
const PUBLIC_MEMBERS = new Set(['allUsers', 'allAuthenticatedUsers']);

/** Resource types that take labels; each must carry the cost-attribution labels (000#50). */
export const LABELABLE_TYPES = new Set([
  'google_storage_bucket',
  'google_pubsub_topic',
  'google_pubsub_subscription',
  'google_cloudfunctions2_function',
  'google_secret_manager_secret',
  'google_compute_global_address',
  'google_compute_global_forwarding_rule',
]);
export const REQUIRED_LABELS = ['service', 'environment', 'cost-centre'];

/**
 * Fails synthesis on what must never be deployed: primitive roles, public or non-uniform
 * buckets, push subscriptions without a dead-letter topic, functions reachable without the load
 * balancer, and labelable resources without cost labels.
 */
export class BackbonePolicyAspect implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof TerraformResource)) return;
    const type = node.terraformResourceType;
    const config = configOf(node);

    if (/_iam_(member|binding)$/.test(type)) {
      if (PRIMITIVE_ROLES.has(String(config.role))) fail(node, `primitive role ${config.role}`);
      const members = [config.member, ...((config.members as unknown[]) ?? [])].filter(Boolean).map(String);
      if (type.startsWith('google_storage_bucket') && members.some((m) => PUBLIC_MEMBERS.has(m)))
        fail(node, 'a public bucket');
      if (type.startsWith('google_project_') && members.some((m) => PUBLIC_MEMBERS.has(m)))
        fail(node, 'a project role for the public');
    }
    if (type === 'google_storage_bucket') {
      if (config.uniform_bucket_level_access !== true) fail(node, 'a bucket without uniform bucket-level access');
      if (config.public_access_prevention !== 'enforced') fail(node, 'a bucket without public access prevention');
    }
    if (type === 'google_pubsub_subscription' && config.push_config && !config.dead_letter_policy) {
      fail(node, 'a push subscription without a dead-letter topic');
    }
    if (type === 'google_cloudfunctions2_function') {
      const ingress = first(config.service_config)?.ingress_settings;
      if (ingress !== 'ALLOW_INTERNAL_AND_GCLB' && ingress !== 'ALLOW_INTERNAL_ONLY')
        fail(node, `a function reachable without the load balancer (ingress ${String(ingress)})`);
    }
    if (LABELABLE_TYPES.has(type)) {
      const labels = (config.labels ?? {}) as Record<string, unknown>;
      const missing = REQUIRED_LABELS.filter((l) => !labels[l]);
      if (missing.length > 0) fail(node, `unlabeled (missing ${missing.join(', ')})`);
    }
  }
}
