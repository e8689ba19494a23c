import type { OutboxEntry } from '../core/events/outbox';
import type { EventPublisher } from '../core/ports/event-publisher';
import type { AgentVersion } from './agent-spec';
import type { AgentRecord } from './agent-record';

/**
 * One change to an agent, computed from what is stored now: the record to write (or `null` to
 * delete the agent and its versions), a version to add, and the events that announce it. Plans
 * are pure: the store may run one again when a concurrent change made it retry.
 */
export interface AgentChange {
  record: AgentRecord | null;
  newVersion?: AgentVersion;
  events: OutboxEntry[];
}

export type AgentPlan = (current: AgentRecord | undefined, existing: AgentVersion | undefined) => AgentChange | null;

export interface AgentFilter {
  status?: string;
  specialty?: string;
}

/** The agent registry (004§2.1): records, immutable versions, and an outbox for their events. */
export interface AgentStore extends AgentRunStore {
  get(tenant: string, id: string): Promise<AgentRecord | undefined>;
  /** In id order, `limit` at a time; `next` is the cursor of the following page. */
  list(
    tenant: string,
    filter: AgentFilter,
    page: { after?: string; limit: number },
  ): Promise<{ agents: AgentRecord[]; next: string | null }>;
  versions(tenant: string, id: string): Promise<AgentVersion[]>;
  /**
   * Reads the agent (and `version`, when named), runs `plan`, and writes what it returns with its
   * events in the outbox, atomically. `null` from the plan changes nothing. Errors thrown by the
   * plan abort the change and reach the caller.
   */
  apply(tenant: string, id: string, version: string | undefined, plan: AgentPlan): Promise<AgentRecord | undefined>;
  /** Outbox entries the broker has: removed. */
  removeFromOutbox(eventIds: string[]): Promise<void>;
  /**
   * Publishes, in order per agent, what a crash or a broker outage left in the outbox for over
   * 30 s, and removes it; resolves with how many were published (the outbox sweeper's call).
   */
  drainOutbox(publisher: EventPublisher, now: Date): Promise<number>;
}

/** A run the agent runtime registered: pinned to the version it started on, alive while its lease holds. */
export interface AgentRun {
  runId: string;
  version: string;
  startedAt: Date;
  leaseExpiresAt: Date;
}

export type RunOutcome = 'succeeded' | 'failed';

/** Checks the agent a run asks for and answers the version the run is pinned to (or throws). */
export type RunAdmission = (agent: AgentRecord | undefined) => string;

/** The agent runtime's runs of one agent (000#15), beside its record. */
export interface AgentRunStore {
  /**
   * Registers a run (or renews the lease of one registered before, keeping its version): in one
   * transaction with a read of the agent, which `admit` checks and which pins the version.
   */
  registerRun(
    tenant: string,
    id: string,
    runId: string,
    now: Date,
    leaseMs: number,
    admit: RunAdmission,
  ): Promise<AgentRun>;
  /** Extends a live lease; undefined when the run is unknown or its lease already ran out. */
  heartbeat(tenant: string, id: string, runId: string, now: Date, leaseMs: number): Promise<AgentRun | undefined>;
  /**
   * Ends a run with its outcome (kept a week for the error-rate trigger, then TTL-deleted); false
   * when it was not registered or has ended already.
   */
  finishRun(tenant: string, id: string, runId: string, outcome: RunOutcome, at: Date): Promise<boolean>;
  /** How many runs ended since `since`, and how many of them failed. */
  runOutcomes(tenant: string, id: string, since: Date): Promise<{ ended: number; failed: number }>;
  /** Whether any run's lease still holds. */
  hasActiveRuns(tenant: string, id: string, now: Date): Promise<boolean>;
  /** Records a constitutional violation by the agent (000#55) once per decision; false when seen before. */
  recordViolation(tenant: string, id: string, decisionId: string, at: Date, policies: string[]): Promise<boolean>;
  /** How many violations the agent committed since `since`. */
  violationsSince(tenant: string, id: string, since: Date): Promise<number>;
  /** The agents with an upgrade in progress (marked beside them while `upgrade` is set). */
  upgradesInProgress(limit: number): Promise<{ tenant: string; id: string }[]>;
}

/** At most this many versions per agent: deleting an agent removes them in one transaction. */
export const MAX_VERSIONS = 200;
