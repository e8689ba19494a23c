import { createHmac } from 'node:crypto';
import { declaredRoutes } from '@backbone/shared/gcp';
import { ingestSteps, type Budget, type StepInput } from '@backbone/shared/runlogs';
import {
  captureLogs,
  invokeHttp,
  ManualClock,
  MemoryBudgetStore,
  MemoryRunLogs,
  RecordingEventPublisher,
  StaticAuthenticator,
} from '@backbone/shared/testing';
import { signWebhook, WebhookBudgetNotifier } from '../adapters/webhook-budget-notifier';
import manifest from '../function';
import { makeHandler } from '../handler';
import { MAX_ATTEMPTS } from '../sweep';
import { RecordingBudgetNotifier } from './recording-notifier';

let callNo = 0;
/** A model call costing `costMicros`, ended on `day`. */
const spend = (tenant: string, costMicros: number, day = '2026-12-03'): StepInput => ({
  tenant,
  agentId: 'support',
  agentVersion: '1.0.0',
  runId: `run-${++callNo}`,
  step: 1,
  kind: 'model_call',
  model: {
    provider: 'vertex-ai',
    model: 'gemini-2.5-pro',
    temperature: 0,
    tokensIn: 1,
    tokensOut: 1,
    finishReason: 'STOP',
    latencyMs: 1,
    costMicros,
  },
  startedAt: `${day}T08:00:00.000Z`,
  endedAt: `${day}T08:00:01.000Z`,
});

function setup(notifier = new RecordingBudgetNotifier()) {
  const logs = new MemoryRunLogs();
  const budgets = new MemoryBudgetStore(logs);
  const clock = new ManualClock(new Date('2026-12-03T10:00:00Z'));
  const captured = captureLogs('budget-alerts');
  const publisher = new RecordingEventPublisher();
  const handler = makeHandler(
    { budgets, stats: logs, notifier, publisher, source: 'backbone/budget-alerts', clock, logger: captured.logger },
    {
      declared: declaredRoutes(manifest),
      authenticator: new StaticAuthenticator({
        scheduler: { kind: 'service', email: 'scheduler@example.iam.gserviceaccount.com', subject: 'scheduler' },
      }),
    },
  );
  const fire = async (headers: Record<string, string> = {}) => {
    const res = await invokeHttp(handler, {
      method: 'POST',
      path: '/',
      headers: { authorization: 'Bearer scheduler', ...headers },
    });
    return { ...res, json: () => res.json() as Record<string, number> };
  };
  return { logs, budgets, clock, notifier, publisher, fire, captured };
}

const budget = (extra: Partial<Budget> = {}): Budget => ({
  monthlyLimitMicros: 10_000,
  thresholds: [60, 80, 95],
  channel: { kind: 'feed' },
  ...extra,
});

describe('budget-alerts (000#26)', () => {
  it('alerts once per threshold per month, in the feed, whatever the firings and retries', async () => {
    const { logs, budgets, clock, fire } = setup();
    await budgets.put('acme', budget());
    await budgets.put('globex', budget({ thresholds: [50] }));
    await ingestSteps(logs, [spend('acme', 5_000), spend('acme', 1_500), spend('globex', 4_000)]);
    expect((await fire()).json()).toMatchObject({ budgets: 2, alerted: 1 });
    expect((await fire()).json()).toMatchObject({ alerted: 0 });
    await ingestSteps(logs, [spend('acme', 3_100)]); // 9,600 of 10,000: 80% and 95% at once
    await Promise.all([fire(), fire()]);
    expect((await budgets.alerts('acme', '2026-12')).map((a) => [a.threshold, a.spentMicros])).toEqual([
      [60, 6_500],
      [80, 9_600],
      [95, 9_600],
    ]);
    expect(await budgets.alerts('globex', '2026-12')).toEqual([]);
    const feed = (await logs.page('acme', 50)).filter((e) => e.type === 'budget.threshold_crossed');
    expect(feed.map((e) => e.details.threshold)).toEqual([95, 80, 60]);
    // A new month starts from nothing.
    clock.set(new Date('2027-01-02T00:05:00Z'));
    expect((await fire()).json()).toMatchObject({ alerted: 0 });
    await ingestSteps(logs, [spend('acme', 6_000, '2027-01-02')]);
    expect((await fire()).json()).toMatchObject({ alerted: 1 });
    expect((await budgets.alerts('acme', '2027-01')).map((a) => a.threshold)).toEqual([60]);
  });

  it('delivers to the webhook until it answers, once delivered never again, and gives up after an hour', async () => {
    const notifier = new RecordingBudgetNotifier(2);
    const { logs, budgets, fire } = setup(notifier);
    await budgets.put('acme', budget({ channel: { kind: 'webhook', url: 'https://hooks.acme.example/budget' } }));
    await ingestSteps(logs, [spend('acme', 7_000)]);
    await fire();
    await fire();
    expect(notifier.sent).toEqual([]);
    await fire();
    await fire();
    expect(notifier.sent.map((s) => [s.url, s.alert.threshold])).toEqual([['https://hooks.acme.example/budget', 60]]);
    expect(await budgets.alerts('acme', '2026-12')).toMatchObject([{ delivery: 'delivered', attempts: 3 }]);

    notifier.failures = 1_000;
    await ingestSteps(logs, [spend('acme', 1_500)]);
    for (let i = 0; i < MAX_ATTEMPTS + 3; i++) await fire();
    expect(await budgets.alerts('acme', '2026-12')).toMatchObject([
      { threshold: 60, delivery: 'delivered' },
      { threshold: 80, delivery: 'failed', attempts: MAX_ATTEMPTS },
    ]);
  });

  it("tells the tenant's billing admins (tenant-notices) once per threshold; a failed publish waits for the next sweep", async () => {
    const { logs, budgets, publisher, fire } = setup();
    await budgets.put('acme', budget());
    await ingestSteps(logs, [spend('acme', 6_500)]);
    publisher.failNext();
    expect((await fire()).json()).toMatchObject({ alerted: 0 });
    expect(await budgets.alerts('acme', '2026-12')).toEqual([]);
    expect((await fire()).json()).toMatchObject({ alerted: 1 });
    await fire();
    expect(publisher.published.map((p) => [p.topic, p.event.id, p.event.tenant, p.event.data])).toEqual([
      [
        'tenant-notices',
        'notice.budget_threshold:acme:2026-12~60',
        'acme',
        { tenant: 'acme', period: '2026-12', thresholdPercent: 60, spentMicros: 6_500, limitMicros: 10_000 },
      ],
    ]);
  });

  it('refuses a malformed schedule time with a 400', async () => {
    const { fire } = setup();
    expect((await fire({ 'x-cloudscheduler-scheduletime': 'yesterday' })).status).toBe(400);
  });
});

describe('WebhookBudgetNotifier', () => {
  const alert = {
    id: '2026-12~80',
    tenant: 'acme',
    period: '2026-12',
    threshold: 80,
    spentMicros: 8_000,
    limitMicros: 10_000,
    crossedAt: new Date('2026-12-03T10:00:00Z'),
  };

  it.each([
    'http://hooks.acme.example/x',
    'https://localhost/x',
    'https://127.0.0.1/x',
    'https://[::1]/x',
    'https://10.0.0.8/x',
    'https://metadata.google.internal/computeMetadata/v1/',
    'https://169.254.169.254/latest',
  ])('refuses %s without sending', async (url) => {
    await expect(new WebhookBudgetNotifier('s'.repeat(32), 1000).send(url, alert)).rejects.toThrow();
  });

  it('signs the timestamped body with HMAC-SHA256', () => {
    const body = '{"id":"acme:2026-12~80"}';
    const expected = createHmac('sha256', 'whsec-test-secret-0001').update(`1796300000.${body}`).digest('hex');
    expect(signWebhook('whsec-test-secret-0001', body, 1796300000)).toBe(`t=1796300000,v1=${expected}`);
  });
});
