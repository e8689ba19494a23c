import { ServiceDefinitionSchema, type ServiceDefinitionInput, type ServiceState } from '@backbone/shared/health';
import { classify, toSample, type CheckResult } from '../check';
import { evaluateRound } from '../evaluate-round';
import { platformStatus } from '../status';

const thresholds = { downAfter: 3, degradedAfter: 2, recoverAfter: 2 };
const service = (input: Partial<ServiceDefinitionInput> & { id: string }) =>
  ServiceDefinitionSchema.parse({ name: input.id, url: `http://127.0.0.1/${input.id}`, ...input });
const ok: CheckResult = { ok: true, slow: false, errorClass: 'none', httpStatus: 200, latencyMs: 20 };
const slow: CheckResult = { ...ok, slow: true, latencyMs: 1500 };
const fail: CheckResult = {
  ok: false,
  slow: false,
  errorClass: 'timeout',
  httpStatus: null,
  latencyMs: 2000,
};

/** Runs rounds over the same services, carrying state like the store would. */
function simulate(services: ReturnType<typeof service>[], rounds: CheckResult[][]) {
  let previous = new Map<string, ServiceState>();
  return rounds.map((checks, n) => {
    const evaluation = evaluateRound({
      round: `r${n}`,
      at: new Date(Date.UTC(2026, 0, 1, 0, n)),
      durationMs: 5,
      services,
      checks,
      previous,
      thresholds,
      source: 'test',
    });
    previous = new Map(previous);
    for (const change of evaluation.changes) previous.set(change.state.serviceId, change.state);
    return evaluation;
  });
}
const statusesOf = (evaluations: ReturnType<typeof simulate>, id: string) =>
  evaluations.map((e) => e.snapshot.services.find((s) => s.id === id)!.status);

describe('classify', () => {
  const svc = service({ id: 'a', expectedStatus: [200, 204], degradedAfterMs: 500 });
  it.each([
    ['a timeout', { httpStatus: null, latencyMs: 2000, failure: 'timeout' as const }, false, 'timeout'],
    ['a refused connection', { httpStatus: null, latencyMs: 1, failure: 'connection' as const }, false, 'connection'],
    ['an unexpected status', { httpStatus: 500, latencyMs: 10 }, false, 'http_status'],
    ['an expected status', { httpStatus: 204, latencyMs: 10 }, true, 'none'],
  ])('reads %s', (_what, seen, expectedOk, errorClass) => {
    const result = classify(svc, seen);
    expect(result.ok).toBe(expectedOk);
    expect(result.errorClass).toBe(errorClass);
  });
  it('marks a slow success as slow', () => {
    expect(classify(svc, { httpStatus: 200, latencyMs: 800 }).slow).toBe(true);
  });
  it.each([
    [{ contains: 'READY' }, 'state: READY', true],
    [{ contains: 'READY' }, '<html>garbage', false],
    [{ jsonField: 'status', equals: 'ok' }, '{"status":"ok"}', true],
    [{ jsonField: 'checks.db', equals: true }, '{"checks":{"db":true}}', true],
    [{ jsonField: 'status', equals: 'ok' }, '{"status":"failing"}', false],
    [{ jsonField: 'status', equals: 'ok' }, 'not json', false],
  ])('body condition %j on %s -> %s', (bodyCondition, body, expected) => {
    const result = classify(service({ id: 'b', bodyCondition }), { httpStatus: 200, latencyMs: 5, body });
    expect(result.ok).toBe(expected);
    if (!expected) expect(result.errorClass).toBe('body_mismatch');
  });
});

describe('evaluateRound', () => {
  const a = service({ id: 'a' });

  it('does not flap on one failed check', () => {
    const rounds = simulate([a], [[ok], [fail], [ok], [ok]]);
    expect(statusesOf(rounds, 'a')).toEqual(['up', 'up', 'up', 'up']);
    expect(rounds.flatMap((r) => r.changes.flatMap((c) => c.events))).toHaveLength(1); // unknown -> up only
  });

  it('goes degraded after two failures, down after three, and opens one incident', () => {
    const rounds = simulate([a], [[ok], [fail], [fail], [fail], [fail]]);
    expect(statusesOf(rounds, 'a')).toEqual(['up', 'up', 'degraded', 'down', 'down']);
    const opened = rounds
      .flatMap((r) => r.changes.flatMap((c) => c.events))
      .filter((e) => e.type === 'health.incident_opened');
    expect(opened).toHaveLength(1);
    expect(opened[0]!.subject).toBe('a');
    expect(rounds[3]!.changes[0]!.incident).toMatchObject({
      status: 'open',
      serviceId: 'a',
      cause: 'timeout',
      severity: 'major',
    });
  });

  it('needs two healthy checks to recover, then resolves the incident', () => {
    const rounds = simulate([a], [[fail], [fail], [fail], [ok], [ok], [ok]]);
    expect(statusesOf(rounds, 'a')).toEqual(['unknown', 'degraded', 'down', 'down', 'up', 'up']);
    const resolved = rounds[4]!.changes[0]!;
    expect(resolved.incident).toMatchObject({ status: 'resolved', id: 'inc-a-r2' });
    expect(resolved.events.map((e) => e.type)).toEqual(['health.service_status_changed', 'health.incident_resolved']);
  });

  it('reports sustained slowness as degraded without an incident', () => {
    const rounds = simulate([a], [[ok], [slow], [slow], [ok], [ok]]);
    expect(statusesOf(rounds, 'a')).toEqual(['up', 'up', 'degraded', 'degraded', 'up']);
    expect(rounds.some((r) => r.changes.some((c) => c.incident))).toBe(false);
  });

  it('writes nothing for a service in a steady state', () => {
    const rounds = simulate([a], [[ok], [ok], [ok], [ok]]);
    expect(rounds.map((r) => r.changes.length)).toEqual([1, 0, 0, 0]);
  });

  it('reports a dependant of a down service as impacted, with one incident on the root cause', () => {
    const db = service({ id: 'db', criticality: 'critical' });
    const api = service({ id: 'api', dependsOn: ['db'] });
    const web = service({ id: 'web', dependsOn: ['api'] });
    const rounds = simulate(
      [db, api, web],
      [
        [ok, ok, ok],
        [fail, fail, fail],
        [fail, fail, fail],
        [fail, fail, fail],
      ],
    );
    const last = rounds[3]!;
    expect(statusesOf(rounds, 'db')[3]).toBe('down');
    expect(statusesOf(rounds, 'api')[3]).toBe('impacted');
    expect(statusesOf(rounds, 'web')[3]).toBe('impacted');
    expect(last.snapshot.services.find((s) => s.id === 'web')!.impactedBy).toEqual(['db']);
    const incidents = rounds.flatMap((r) => r.changes.flatMap((c) => (c.incident ? [c.incident] : [])));
    expect(incidents.map((i) => i.serviceId)).toEqual(['db']);
    expect(incidents[0]!.impacted).toEqual(['api', 'web']);
    expect(incidents[0]!.severity).toBe('critical');
    expect(last.snapshot.status).toBe('major_outage');
  });

  it('publishes an incident update when more services become impacted later', () => {
    const db = service({ id: 'db' });
    const api = service({ id: 'api', dependsOn: ['db'] });
    const rounds = simulate(
      [db, api],
      [
        [ok, ok],
        [fail, ok],
        [fail, ok],
        [fail, fail],
        [fail, fail],
      ],
    );
    const types = rounds.flatMap((r) =>
      r.changes.flatMap((c) => c.events.filter((e) => e.subject === 'db').map((e) => e.type)),
    );
    expect(types).toContain('health.incident_opened');
    const updated = rounds
      .flatMap((r) => r.changes.flatMap((c) => c.events))
      .find((e) => e.type === 'health.incident_updated');
    expect(updated?.data).toMatchObject({ serviceId: 'db', impacted: ['api'] });
  });

  it('survives a dependency cycle', () => {
    const x = service({ id: 'x', dependsOn: ['y'] });
    const y = service({ id: 'y', dependsOn: ['x'] });
    const rounds = simulate(
      [x, y],
      [
        [fail, fail],
        [fail, fail],
        [fail, fail],
      ],
    );
    expect(rounds[2]!.snapshot.services.map((s) => s.status)).toEqual(['down', 'down']);
  });

  it('gives events ids derived from the round, so a re-run round repeats ids', () => {
    const first = simulate([a], [[ok]])[0]!;
    const again = simulate([a], [[ok]])[0]!;
    expect(first.changes[0]!.events[0]!.id).toBe(again.changes[0]!.events[0]!.id);
    expect(first.changes[0]!.events[0]!.id).toBe('r0:a:health.service_status_changed');
  });

  it('stamps samples with their expiry (the retention limit)', () => {
    const sample = toSample('a', ok, 'r0', new Date('2026-01-01T00:00:00Z'), 7);
    expect(sample.expireAt.toISOString()).toBe('2026-01-08T00:00:00.000Z');
  });
});

describe('platformStatus', () => {
  it.each([
    [[{ status: 'up', criticality: 'high' }], 'operational'],
    [[{ status: 'degraded', criticality: 'critical' }], 'degraded'],
    [[{ status: 'down', criticality: 'low' }], 'partial_outage'],
    [[{ status: 'impacted', criticality: 'critical' }], 'major_outage'],
  ] as const)('%j -> %s', (services, expected) => {
    expect(platformStatus([...services])).toBe(expected);
  });
});
