import { AppError } from '../core/errors/app-errors';

/** The statuses of the shipped lifecycle (000#56), in the order an agent usually meets them. */
export const AGENT_STATUSES = [
  'draft',
  'submitted',
  'certified',
  'rejected',
  'blocked',
  'deployed',
  'suspended',
  'retired',
] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

export const LIFECYCLE_EVENTS = [
  'submit',
  'certify',
  'reject',
  'override',
  'block',
  'deploy',
  'suspend',
  'reinstate',
  'retire',
] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

/**
 * A versioned lifecycle definition: which events move an agent from which status to which. An
 * agent keeps the definition it started on; a new definition applies to agents created after it,
 * so changing the pipeline never strands an agent halfway through the old one.
 */
export interface LifecycleDefinition {
  version: number;
  initial: string;
  transitions: Partial<Record<LifecycleEvent, { from: readonly string[]; to: string }>>;
}

/**
 * v1: draft → submitted → certified | rejected → deployed ⇄ suspended → retired. After the third
 * rejection (000#17) only the Platform Governor moves a rejected agent: override to certified, or
 * block it for good (a blocked agent is never resubmitted).
 */
export const AGENT_LIFECYCLE_V1: LifecycleDefinition = {
  version: 1,
  initial: 'draft',
  transitions: {
    submit: { from: ['draft', 'rejected'], to: 'submitted' },
    certify: { from: ['submitted'], to: 'certified' },
    reject: { from: ['submitted'], to: 'rejected' },
    override: { from: ['rejected'], to: 'certified' },
    block: { from: ['rejected'], to: 'blocked' },
    deploy: { from: ['certified'], to: 'deployed' },
    suspend: { from: ['deployed'], to: 'suspended' },
    reinstate: { from: ['suspended'], to: 'deployed' },
    retire: {
      from: ['draft', 'submitted', 'certified', 'rejected', 'deployed', 'suspended'],
      to: 'retired',
    },
  },
};

/** An event the agent's lifecycle does not allow from where it stands: 409 AGENT-003, nothing changed. */
export class AgentStateError extends AppError {
  constructor(detail: string, extensions: Record<string, unknown> = {}) {
    super('AGENT-003', detail, { extensions });
  }
}

/** Every definition an agent may still be on, and the one new agents start on. */
export class LifecycleDefinitions {
  private readonly byVersion: Map<number, LifecycleDefinition>;

  constructor(
    definitions: readonly LifecycleDefinition[],
    readonly current: number = Math.max(...definitions.map((d) => d.version)),
  ) {
    this.byVersion = new Map(definitions.map((d) => [d.version, d]));
    if (!this.byVersion.has(current)) throw new Error(`lifecycle v${current} is not defined`);
  }

  /** The definition an agent runs on; a missing one is a deployment error (definitions are never removed while used). */
  of(version: number): LifecycleDefinition {
    const definition = this.byVersion.get(version);
    if (!definition) throw new Error(`lifecycle v${version} is not defined here; definitions in use must stay`);
    return definition;
  }

  get initial(): { lifecycle: number; status: string } {
    return { lifecycle: this.current, status: this.of(this.current).initial };
  }

  /** Where `event` takes an agent at `status` on definition `version`, or AgentStateError. */
  next(version: number, status: string, event: LifecycleEvent): string {
    const transition = this.of(version).transitions[event];
    if (!transition || !transition.from.includes(status))
      throw new AgentStateError(`An agent that is ${status} cannot ${event} (lifecycle v${version}).`, {
        agentStatus: status,
        event,
        lifecycle: version,
        allowed: this.allowedFrom(version, status),
      });
    return transition.to;
  }

  /** The events allowed from a status, for the problem answer and the API. */
  allowedFrom(version: number, status: string): LifecycleEvent[] {
    const { transitions } = this.of(version);
    return LIFECYCLE_EVENTS.filter((e) => transitions[e]?.from.includes(status));
  }
}

export const SHIPPED_LIFECYCLES = new LifecycleDefinitions([AGENT_LIFECYCLE_V1]);
