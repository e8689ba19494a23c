// The round: probe every enabled service, evaluate, commit, publish. Runs once per firing (a lease).
import {
  mapWithConcurrency,
  publishInKeyOrder,
  type Clock,
  type EventPublisher,
  type Logger,
} from '@backbone/shared/core';
import {
  healthEvents,
  type HealthStore,
  type PlatformSnapshot,
  type PlatformStatus,
  type ServiceDefinition,
} from '@backbone/shared/health';
import { classify, toSample } from './check';
import { evaluateRound } from './evaluate-round';
import type { HealthProber } from './health-prober';
import type { Thresholds } from './status';

export interface AggregatorDeps {
  store: HealthStore;
  prober: HealthProber;
  publisher: EventPublisher;
  clock: Clock;
  log: Logger;
  thresholds: Thresholds;
  poolSize: number;
  retentionDays: number;
  leaseMs: number;
  source: string;
}

export type RoundReport =
  | { round: string; skipped: true }
  | {
      round: string;
      skipped: false;
      status: PlatformStatus;
      services: number;
      changed: number;
      published: number;
      durationMs: number;
      /** Where the time went: reading the registry, checking (samples written meanwhile), committing. */
      phasesMs: { prepare: number; check: number; commit: number };
    };

/**
 * Runs one aggregation round end to end. Safe to retry: a round that completed is skipped.
 * Events go through the outbox: if the broker is down they stay there and the next round
 * publishes them first, in order; the round itself still completes.
 */
export async function runRound(deps: AggregatorDeps, round: string): Promise<RoundReport> {
  const started = deps.clock.now();
  if (!(await deps.store.beginRound(round, deps.leaseMs, started))) {
    deps.log.info('round skipped: already done or another round holds the lease', { round });
    return { round, skipped: true };
  }
  try {
    // Earlier rounds' leftovers go out first, while the registry is read and the checks run; this
    // round publishes only after them, so a service's events stay in order.
    const leftovers = publishPending(deps);
    const [registry, last] = await Promise.all([deps.store.listServices(), deps.store.getSnapshot()]);
    const services = slowestFirst(
      registry.filter((s) => s.enabled),
      last,
    );
    // States are needed only after the checks: read them while checking. Samples are written
    // as checks finish, so storing them overlaps the checking instead of following it.
    const previousRead = deps.store.getStates();
    const samples = deps.store.sampleWriter();
    const checking = deps.clock.now();
    const checks = await mapWithConcurrency(services, deps.poolSize, async (service) => {
      const check = classify(service, await deps.prober.probe(service));
      samples.add(toSample(service.id, check, round, deps.clock.now(), deps.retentionDays));
      return check;
    });
    const [previous] = await Promise.all([previousRead, samples.close()]);
    const at = deps.clock.now();
    const since = (from: Date, to: Date) => to.getTime() - from.getTime();
    const evaluation = evaluateRound({
      round,
      at,
      durationMs: at.getTime() - started.getTime(),
      services,
      checks,
      previous,
      thresholds: deps.thresholds,
      source: deps.source,
    });
    const leftoversPublished = await leftovers;
    // What this round commits is published from memory as each commit lands, while the rest
    // commit: reading it back from the outbox cost a query and a thousand document reads in a
    // first round. A crash before the removal leaves it to the next round (consumers dedupe by id).
    const publishing: Promise<PublishOutcome>[] = [];
    await deps.store.applyChanges(evaluation.changes, healthEvents.name, (entries) =>
      publishing.push(publishInKeyOrder(deps.publisher, entries)),
    );
    const published = leftoversPublished + (await removePublished(deps, publishing)).sent;
    await deps.store.completeRound(evaluation.snapshot);
    const durationMs = deps.clock.now().getTime() - started.getTime();
    const report = {
      round,
      skipped: false as const,
      status: evaluation.snapshot.status,
      services: services.length,
      changed: evaluation.changes.length,
      published,
      durationMs,
      phasesMs: {
        prepare: since(started, checking),
        check: since(checking, at),
        commit: durationMs - since(started, at),
      },
    };
    deps.log.info('round completed', report);
    return report;
  } catch (error) {
    // Let the next firing run instead of waiting for the lease to expire.
    await deps.store.releaseRound(round).catch(() => undefined);
    throw error;
  }
}

/**
 * Longest checks first (by last round's latency; new services first of all): with a bounded
 * pool, a timeout started last would otherwise hold the round open while the pool sits idle.
 */
export function slowestFirst(services: ServiceDefinition[], last: PlatformSnapshot | undefined): ServiceDefinition[] {
  const latency = new Map(last?.services.map((s) => [s.id, s.latencyMs]));
  return [...services].sort(
    (a, b) => (latency.get(b.id) ?? Infinity) - (latency.get(a.id) ?? Infinity) || a.id.localeCompare(b.id),
  );
}

type PublishOutcome = Awaited<ReturnType<typeof publishInKeyOrder>>;

/** The stored outbox flushed as far as the broker allows, 500 at a time; a broker outage is logged, not fatal. */
async function publishPending(deps: AggregatorDeps): Promise<number> {
  let total = 0;
  for (;;) {
    const entries = await deps.store.pendingOutbox(500).catch((error: unknown) => {
      deps.log.warn('reading the health outbox failed; the next round tries again', { error });
      return [];
    });
    if (entries.length === 0) return total;
    const { sent, removed } = await removePublished(deps, [publishInKeyOrder(deps.publisher, entries)]);
    total += sent;
    if (sent < entries.length || !removed) return total;
  }
}

/**
 * Removes from the outbox what the broker accepted, before any failure is reported; what a failed
 * key held back stays there for the next round.
 */
async function removePublished(
  deps: AggregatorDeps,
  publishing: Promise<PublishOutcome>[],
): Promise<{ sent: number; removed: boolean }> {
  const outcomes = await Promise.all(publishing);
  const sent = outcomes.flatMap((o) => o.sent);
  const failure = outcomes.find((o) => o.failure !== undefined)?.failure;
  if (failure !== undefined)
    deps.log.warn('publishing health events failed; they stay in the outbox for the next round', { error: failure });
  try {
    await deps.store.removeFromOutbox(sent);
    return { sent: sent.length, removed: true };
  } catch (error) {
    deps.log.warn('removing published health events from the outbox failed; the next round sends them again', {
      error,
    });
    return { sent: sent.length, removed: false };
  }
}
