import { z } from 'zod';
import { AppError } from '../core/errors/app-errors';
import { ACTIONS, ALL_ROLES, inheritedRoles, PLATFORM_ROLES, rolesOfPortal, type Role } from '../core/auth/roles';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cedar = require('@cedar-policy/cedar-wasm/nodejs') as typeof import('@cedar-policy/cedar-wasm/nodejs');

const NS = 'Backbone';

export const DecisionRequestSchema = z
  .object({
    principal: z.discriminatedUnion('type', [
      z.object({
        type: z.literal('User'),
        id: z.string().min(1).max(128),
        portal: z.enum(['CP', 'PP']),
        tenant: z.string().min(1).max(128),
        roles: z
          .array(z.enum(ALL_ROLES as [string, ...string[]]))
          .max(ALL_ROLES.length)
          .default([]),
      }),
      z.object({
        type: z.literal('Service'),
        id: z.string().min(1).max(128),
        roles: z
          .array(z.enum(PLATFORM_ROLES as [string, ...string[]]))
          .max(PLATFORM_ROLES.length)
          .default([]),
      }),
    ]),
    action: z.enum(ACTIONS),
    resource: z.discriminatedUnion('type', [
      z.object({ type: z.literal('Component'), id: z.string().min(1).max(64) }),
      z.object({
        type: z.literal('Agent'),
        id: z.string().min(1).max(128),
        tenant: z.string().min(1),
        /** From the registry, never from a caller: `unknown` when it holds no such agent. */
        status: z.string().min(1).max(32),
        certified: z.boolean(),
      }),
      z.object({
        type: z.literal('CustomerData'),
        id: z.string().min(1).max(128),
        tenant: z.string().min(1),
      }),
      z.object({ type: z.literal('ApiKey'), id: z.string().min(1).max(128), tenant: z.string().min(1) }),
      z.object({
        type: z.literal('Subscription'),
        id: z.string().min(1).max(128),
        tenant: z.string().min(1),
      }),
      z.object({ type: z.literal('Usage'), id: z.string().min(1).max(128), tenant: z.string().min(1) }),
      z.object({ type: z.literal('Workspace'), id: z.string().min(1).max(128), tenant: z.string().min(1) }),
      z.object({
        type: z.literal('Member'),
        id: z.string().min(1).max(128),
        tenant: z.string().min(1),
        portal: z.enum(['CP', 'PP']),
      }),
      z.object({ type: z.literal('McpServer'), id: z.string().min(1).max(256), production: z.boolean() }),
      z.object({ type: z.literal('ExternalHost'), id: z.string().min(1).max(256), production: z.boolean() }),
    ]),
    context: z
      .object({
        trial: z
          .object({
            expired: z.boolean(),
            actionsToday: z.number().int().nonnegative(),
            actionsPerDay: z.number().int().nonnegative(),
            spendCents: z.number().int().nonnegative(),
            budgetCapCents: z.number().int().nonnegative(),
          })
          .strict()
          .optional(),
        allowListed: z.boolean().optional(),
      })
      .strict()
      .default({}),
  })
  .strict();
export type DecisionRequest = z.infer<typeof DecisionRequestSchema>;
export type DecisionRequestInput = z.input<typeof DecisionRequestSchema>;

export interface Decision {
  decision: 'allow' | 'deny';
  /** Ids of the policies that determined it: permits for allow, forbids for an explicit deny, none for deny by default. */
  reasons: string[];
  /** What must hold along with an allow: `approval` when only an approved request lets it through. */
  obligations: string[];
  policyVersion: string;
}

/** The obligation of an allow that stands only once a human approved it (000#54). */
export const APPROVAL_OBLIGATION = 'approval';

export class PolicySetInvalidError extends AppError {
  constructor(problems: string[]) {
    super('REQ-001', `The policy set is not valid:\n  - ${problems.join('\n  - ')}`, {
      extensions: { problems },
    });
  }
}

export interface PolicySetSource {
  version: string;
  schema: string;
  /** File name -> Cedar text. */
  files: Record<string, string>;
}

/**
 * Every policy keyed by its `@id("...")` annotation, so decisions name policies, not positions.
 * A policy without an id, or two with one id, make the set invalid.
 */
function splitById(files: Record<string, string>): Record<string, string> {
  const policies: Record<string, string> = {};
  const problems: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const parts = cedar.policySetTextToParts(text);
    if (parts.type === 'failure') {
      problems.push(...parts.errors.map((e) => `${file}: ${e.message}`));
      continue;
    }
    for (const policy of parts.policies) {
      const id = /@id\(\s*"([^"]+)"\s*\)/.exec(policy)?.[1];
      if (!id) problems.push(`${file}: a policy has no @id: ${policy.slice(0, 80)}`);
      else if (policies[id]) problems.push(`${file}: @id("${id}") is used twice`);
      else policies[id] = policy;
    }
  }
  if (problems.length > 0) throw new PolicySetInvalidError(problems);
  return policies;
}

const uid = (type: string, id: string) => ({ type: `${NS}::${type}`, id });
const ROLE_ENTITY = new Map(
  ALL_ROLES.map((role) => [
    role,
    { uid: uid('Role', role), attrs: {}, parents: inheritedRoles(role).map((p) => uid('Role', p)) },
  ]),
);

/** The role entities a principal reaches through inheritance: the smallest slice Cedar needs. */
function roleEntities(roles: readonly Role[]) {
  const seen = new Set<Role>();
  const visit = (role: Role): void => {
    if (seen.has(role)) return;
    seen.add(role);
    for (const parent of inheritedRoles(role)) visit(parent);
  };
  roles.forEach(visit);
  return [...seen].map((role) => ROLE_ENTITY.get(role)!);
}

/**
 * The roles that count for a principal: a claim naming another portal's role (a Customer Portal
 * user "holding" platform_governor) is ignored, whatever wrote it.
 */
function effectiveRoles(principal: DecisionRequest['principal']): Role[] {
  const allowed: readonly string[] = principal.type === 'User' ? rolesOfPortal(principal.portal) : PLATFORM_ROLES;
  return principal.roles.filter((r): r is Role => allowed.includes(r));
}

/** The entities Cedar needs for one request: principal, its roles' closure, tenant links, resource. */
export function entitySlice(request: DecisionRequest): import('@cedar-policy/cedar-wasm/nodejs').EntityJson[] {
  const { principal, resource } = request;
  const roles = effectiveRoles(principal);
  const entities: import('@cedar-policy/cedar-wasm/nodejs').EntityJson[] = roleEntities(roles);
  if (principal.type === 'User') {
    entities.push({
      uid: uid('User', principal.id),
      attrs: { portal: principal.portal, tenant: principal.tenant },
      parents: [...roles.map((r) => uid('Role', r)), uid('Tenant', principal.tenant)],
    });
  } else {
    entities.push({
      uid: uid('Service', principal.id),
      attrs: {},
      parents: roles.map((r) => uid('Role', r)),
    });
  }
  if (resource.type === 'Agent') {
    entities.push({
      uid: uid('Agent', resource.id),
      attrs: { tenant: resource.tenant, status: resource.status, certified: resource.certified },
      parents: [uid('Tenant', resource.tenant)],
    });
  } else if (
    resource.type === 'CustomerData' ||
    resource.type === 'ApiKey' ||
    resource.type === 'Subscription' ||
    resource.type === 'Usage' ||
    resource.type === 'Workspace'
  ) {
    entities.push({
      uid: uid(resource.type, resource.id),
      attrs: { tenant: resource.tenant },
      parents: [uid('Tenant', resource.tenant)],
    });
  } else if (resource.type === 'Member') {
    entities.push({
      uid: uid('Member', resource.id),
      attrs: { tenant: resource.tenant, portal: resource.portal },
      parents: [uid('Tenant', resource.tenant)],
    });
  } else if (resource.type === 'McpServer' || resource.type === 'ExternalHost') {
    entities.push({
      uid: uid(resource.type, resource.id),
      attrs: { production: resource.production },
      parents: [],
    });
  }
  return entities;
}

let loadedSets = 0;

/**
 * A validated, pre-parsed Cedar policy set. Deny by default: a request no permit matches is
 * denied, and any matching forbid wins over every permit (Cedar's semantics).
 *
 * @example
 * const engine = PolicyEngine.load(DEFAULT_POLICY_SET);
 * engine.decide({ principal: { type: 'User', id: 'u1', portal: 'PP', tenant: 'platform', roles: ['auditor'] }, action: 'view', resource: { type: 'Component', id: 'agents' }, context: {} });
 */
export class PolicyEngine {
  private constructor(
    readonly version: string,
    /** The forbids marked `@constitutional("true")`: an agent's action they deny is a violation (000#55). */
    readonly constitutional: ReadonlySet<string>,
    private readonly policySetId: string,
    /** The permits marked `@approval("...")`: what they alone allow waits for a human (000#54). */
    readonly needsApproval: ReadonlySet<string> = new Set(),
  ) {}

  /** Parses and validates against the schema; throws PolicySetInvalidError listing every problem. */
  static load(source: PolicySetSource): PolicyEngine {
    const staticPolicies = splitById(source.files);
    const validation = cedar.validate({
      schema: source.schema,
      policies: { staticPolicies },
      validationSettings: { mode: 'strict' },
    });
    if (validation.type === 'failure') throw new PolicySetInvalidError(validation.errors.map((e) => e.message));
    if (validation.validationErrors.length > 0) {
      throw new PolicySetInvalidError(validation.validationErrors.map((e) => `${e.policyId}: ${e.error.message}`));
    }
    const policySetId = `${source.version}#${++loadedSets}`;
    const parsed = cedar.preparsePolicySet(policySetId, { staticPolicies });
    if (parsed.type === 'failure') throw new PolicySetInvalidError(parsed.errors.map((e) => e.message));
    const constitutional = Object.entries(staticPolicies)
      .filter(([, text]) => /@constitutional\(\s*"true"\s*\)/.test(text) && /^\s*(?:@[^\n]*\n\s*)*forbid\b/.test(text))
      .map(([id]) => id);
    const needsApproval = Object.entries(staticPolicies)
      .filter(([, text]) => /@approval\(\s*"[a-z_]+"\s*\)/.test(text) && /^\s*(?:@[^\n]*\n\s*)*permit\b/.test(text))
      .map(([id]) => id);
    return new PolicyEngine(source.version, new Set(constitutional), policySetId, new Set(needsApproval));
  }

  decide(request: DecisionRequest): Decision {
    const { principal, resource } = request;
    const entities = entitySlice(request);
    const answer = cedar.statefulIsAuthorized({
      principal: uid(principal.type, principal.id),
      action: uid('Action', request.action),
      resource: uid(resource.type, resource.id),
      context: request.context as Record<string, import('@cedar-policy/cedar-wasm/nodejs').CedarValueJson>,
      preparsedPolicySetId: this.policySetId,
      entities,
    });
    if (answer.type === 'failure')
      throw new Error(`Cedar could not decide: ${answer.errors.map((e) => e.message).join('; ')}`);
    const reasons = answer.response.diagnostics.reason.slice().sort();
    // Allowed only by permits that need an approval: the caller must hold an approved request.
    const approval =
      answer.response.decision === 'allow' && reasons.length > 0 && reasons.every((r) => this.needsApproval.has(r));
    return {
      decision: answer.response.decision,
      reasons,
      obligations: approval ? [APPROVAL_OBLIGATION] : [],
      policyVersion: this.version,
    };
  }
}
