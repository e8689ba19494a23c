import { z } from 'zod';
import type { StoredStep } from './step';

export const ACTIVITY_TYPES = ['run.started', 'run.succeeded', 'run.failed', 'budget.threshold_crossed'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/**
 * One line of a tenant's activity feed (000#25): what happened, never what a step said (the feed
 * is for dashboards; the text stays in the run, read under audit).
 */
export interface ActivityItem {
  /** Unique in the tenant's feed; derived from what caused it, so a retry writes the same item. */
  id: string;
  tenant: string;
  type: ActivityType;
  /** When the feed recorded it (the commit time in Firestore): the feed's order. */
  at: Date;
  agentId?: string;
  runId?: string;
  details: Record<string, string | number | boolean | null>;
}

/** An item before the store gives it its place in the feed. */
export type NewActivityItem = Omit<ActivityItem, 'at'>;

/** The feed items a stored step adds: a run's start and its end. */
export function activityForStep(step: StoredStep): NewActivityItem | undefined {
  const type =
    step.kind === 'input'
      ? 'run.started'
      : step.kind === 'final_answer'
        ? step.outcome === 'error'
          ? 'run.failed'
          : 'run.succeeded'
        : undefined;
  if (!type) return undefined;
  return {
    id: `${step.agentId}~${step.runId}~${step.step}`,
    tenant: step.tenant,
    type,
    agentId: step.agentId,
    runId: step.runId,
    details: { agentVersion: step.agentVersion, step: step.step, occurredAt: step.endedAt.toISOString() },
  };
}

/**
 * A place in a feed: the item's commit time to the nanosecond and its id (ties broken by id).
 * Opaque to clients (base64url JSON); the same value is the stream's event id for Last-Event-ID.
 */
export interface FeedPosition {
  seconds: number;
  nanos: number;
  id: string;
}

const PositionSchema = z.tuple([
  z.number().int().min(0),
  z.number().int().min(0).max(999_999_999),
  z.string().max(400),
]);

export function encodePosition(p: FeedPosition): string {
  return Buffer.from(JSON.stringify([p.seconds, p.nanos, p.id])).toString('base64url');
}

/** The position a cursor names, or undefined when it is not one of ours. */
export function decodePosition(cursor: string): FeedPosition | undefined {
  if (cursor.length > 800 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    const parsed = PositionSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? { seconds: parsed.data[0], nanos: parsed.data[1], id: parsed.data[2] } : undefined;
  } catch {
    return undefined;
  }
}

/** Compares feed positions: commit time, then id. */
export function comparePositions(a: FeedPosition, b: FeedPosition): number {
  return a.seconds - b.seconds || a.nanos - b.nanos || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
