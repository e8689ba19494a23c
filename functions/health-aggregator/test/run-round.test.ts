import { ServiceDefinitionSchema } from '@backbone/shared/health';
import { captureLogs, ManualClock, MemoryHealthStore, RecordingEventPublisher } from '@backbone/shared/testing';
import { ScriptedHealthProber } from './scripted-health-prober';
import { runRound, slowestFirst, type AggregatorDeps } from '../service';

function setup() {
  const store = new MemoryHealthStore();
  const prober = new ScriptedHealthProber();
  const publisher = new RecordingEventPublisher();
  const clock = new ManualClock(new Date('2026-11-23T10:00:00Z'));
  const deps: AggregatorDeps = {
    store,
    prober,
    publisher,
    clock,
    log: captureLogs().logger,
    thresholds: { downAfter: 3, degradedAfter: 2, recoverAfter: 2 },
    poolSize: 4,
    retentionDays: 7,
    leaseMs: 120_000,
    source: 'backbone/health-aggregator',
  };
  for (const id of ['api', 'db', 'web'])
    void store.putService(ServiceDefinitionSchema.parse({ id, name: id, url: `http://127.0.0.1/${id}` }));
  prober.set('db', { httpStatus: null, latencyMs: 2000, failure: 'timeout' });
  return { store, prober, publisher, clock, deps };
}

describe('runRound', () => {
  it('keeps events in the outbox through a broker outage and publishes them, in order, next round', async () => {
    const { store, publisher, deps } = setup();
    await runRound(deps, 'r1');
    await runRound(deps, 'r2');
    publisher.failNext(1);
    const third = await runRound(deps, 'r3');
    expect(third).toMatchObject({ skipped: false, published: 0 });
    expect(store.outbox.map((e) => e.event.type)).toEqual(['health.service_status_changed', 'health.incident_opened']);
    expect(store.snapshot?.round).toBe('r3');

    const fourth = await runRound(deps, 'r4');
    expect(fourth).toMatchObject({ published: 2 });
    expect(store.outbox).toHaveLength(0);
    const dbEvents = publisher.published.filter((p) => p.event.subject === 'db').map((p) => p.event.type);
    expect(dbEvents.slice(-2)).toEqual(['health.service_status_changed', 'health.incident_opened']);
  });

  it('after a crash mid-commit, releases its lease and the next firing runs; nothing is applied twice', async () => {
    const { store, publisher, deps } = setup();
    await runRound(deps, 'r1');
    await runRound(deps, 'r2');
    store.failNextApply();
    await expect(runRound(deps, 'r3')).rejects.toThrow('crash while committing');
    expect(await runRound(deps, 'r3')).toMatchObject({ skipped: false });
    expect([...store.incidents.values()].map((i) => i.serviceId)).toEqual(['db']);
    expect(publisher.types().filter((t) => t === 'health.incident_opened')).toHaveLength(1);
  });

  it('skips a round that completed and one that overlaps a running round', async () => {
    const { store, deps, clock } = setup();
    await runRound(deps, 'r1');
    expect(await runRound(deps, 'r1')).toEqual({ round: 'r1', skipped: true });
    await store.beginRound('r2', 120_000, clock.now());
    expect(await runRound(deps, 'r3')).toEqual({ round: 'r3', skipped: true });
  });

  it('checks the slowest services of the last round first', async () => {
    const { prober, deps } = setup();
    prober.set('web', { httpStatus: 200, latencyMs: 900 });
    await runRound(deps, 'r1');
    prober.asked.length = 0;
    await runRound(deps, 'r2');
    expect(prober.asked).toEqual(['db', 'web', 'api']);
  });

  it('puts services never seen before ahead of known ones', () => {
    const services = ['a', 'b'].map((id) => ServiceDefinitionSchema.parse({ id, name: id, url: 'http://x.test/' }));
    const last = {
      status: 'operational' as const,
      round: 'r',
      at: new Date(),
      durationMs: 1,
      services: [
        {
          id: 'a',
          name: 'a',
          criticality: 'high' as const,
          status: 'up' as const,
          since: new Date(),
          latencyMs: 5,
          httpStatus: 200,
          errorClass: 'none' as const,
          impactedBy: [],
        },
      ],
    };
    expect(slowestFirst(services, last).map((s) => s.id)).toEqual(['b', 'a']);
  });
});
