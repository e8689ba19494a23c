import { tenantNotices } from '@backbone/shared/approvals';
import { captureLogs, MemoryFailureRecorder, pubsubCloudEvent } from '@backbone/shared/testing';
import { approvalsHarness, HOUR, T0 } from '../../approvals/test/harness';
import { makeHandler } from '../handler';

const TOKEN = (who: string) => `fcm-token-${'x'.repeat(20)}-${who}`;

/** The approvals harness's users register their phones through `PUT /v1/devices`; customer-notices reads them. */
async function setup() {
  const h = approvalsHarness();
  for (const who of ['owner', 'billing', 'member', 'rival', 'governor'])
    expect(
      (await h.call(who, 'PUT', `/v1/devices/install-${who}`, { token: TOKEN(who), platform: 'ios' })).status,
    ).toBe(200);
  const failures = new MemoryFailureRecorder();
  const handler = makeHandler({
    devices: h.devices,
    preferences: h.preferences,
    push: h.push,
    email: h.email,
    failures,
    clock: h.clock,
    logger: captureLogs('customer-notices').logger,
  });
  const tokens = () => h.push.sent.map((m) => m.token.split('-').at(-1)).sort();
  return { h, failures, handler, tokens };
}

const invoiceReady = tenantNotices.event('notice.invoice_ready', {
  id: 'notice.invoice_ready:in_1',
  source: 'backbone/tenant-subscriptions',
  subject: 'in_1',
  time: T0,
  tenant: 'acme',
  data: { tenant: 'acme', invoiceId: 'in_1', number: 'ACME-0042', amountPaid: 4900, currency: 'usd' },
});

describe('customer notices (000#18, 000#38)', () => {
  it("reaches the tenant's billing admins (and its admin, who holds that role), no member, no other tenant, once", async () => {
    const { h, failures, handler, tokens } = await setup();
    await handler(pubsubCloudEvent(invoiceReady));
    expect(tokens()).toEqual(['billing', 'owner']);
    expect(h.push.sent[0]).toMatchObject({
      title: 'Invoice ready',
      body: 'Invoice ACME-0042 is ready in the Customer Portal.',
      collapseKey: 'in_1',
      data: { type: 'notice.invoice_ready', ref: 'in_1' },
    });
    expect(h.push.sent[0]!.expiresAt.getTime()).toBe(T0.getTime() + 24 * HOUR);
    // No amount on a lock screen.
    expect(JSON.stringify(h.push.sent)).not.toContain('4900');
    // Redelivered: nothing twice.
    await handler(pubsubCloudEvent(invoiceReady, 'again'));
    expect(h.push.sent).toHaveLength(2);
    expect(failures.letters.size).toBe(0);
  });

  it('sends an incident to tenant admins only, and its resolution as its own notice', async () => {
    const { h, handler, tokens } = await setup();
    const incident = (state: 'opened' | 'resolved') =>
      tenantNotices.event('notice.incident', {
        id: `notice.incident:inc-7:${state}:acme`,
        source: 'backbone/incident-tickets',
        subject: 'inc-7',
        time: T0,
        tenant: 'acme',
        data: { tenant: 'acme', incidentId: 'inc-7', state, severity: 'major' },
      });
    await handler(pubsubCloudEvent(incident('opened')));
    await handler(pubsubCloudEvent(incident('resolved')));
    expect(tokens()).toEqual(['owner', 'owner']);
    expect(h.push.sent.map((m) => m.title)).toEqual(['Service incident', 'Incident resolved']);
  });

  it('follows each person’s channels and language: German e-mail and push, quiet hours silent', async () => {
    const { h, handler } = await setup();
    expect(
      (
        await h.call('billing', 'PUT', '/v1/notification-preferences', {
          channels: { push: true, email: true },
          language: 'de',
          quietHours: { from: '08:00', to: '12:00', timeZone: 'UTC' },
        })
      ).status,
    ).toBe(200);
    await handler(
      pubsubCloudEvent(
        tenantNotices.event('notice.budget_threshold', {
          id: 'notice.budget_threshold:acme:2026-12~80',
          source: 'backbone/budget-alerts',
          subject: 'acme',
          time: T0,
          tenant: 'acme',
          data: { tenant: 'acme', period: '2026-12', thresholdPercent: 80, spentMicros: 8e6, limitMicros: 10e6 },
        }),
      ),
    );
    const german = h.push.sent.find((m) => m.token === TOKEN('billing'))!;
    expect(german).toMatchObject({ title: 'Budget bei 80 %', silent: true });
    expect(h.push.sent.find((m) => m.token === TOKEN('owner'))).toMatchObject({
      title: 'Budget at 80%',
      silent: false,
    });
    expect(h.email.sent).toEqual([
      expect.objectContaining({
        to: 'billing@acme.test',
        subject: 'Budget bei 80 %',
        idempotencyKey: 'notice.budget_threshold:acme:2026-12~80:billing-acme',
      }),
    ]);
  });

  it('retries what FCM could not reach (Pub/Sub backoff) and sends only that on redelivery', async () => {
    const { h, handler, tokens } = await setup();
    h.push.answers.set(TOKEN('billing'), 'retry');
    await expect(handler(pubsubCloudEvent(invoiceReady))).rejects.toThrow(/retried/);
    expect(tokens()).toEqual(['owner']);
    h.push.answers.delete(TOKEN('billing'));
    await handler(pubsubCloudEvent(invoiceReady, 'again'));
    expect(tokens()).toEqual(['billing', 'owner']);
  });

  it.each([
    [
      'a tenant id with a path',
      { tenant: '../globex', invoiceId: 'in_1', number: null, amountPaid: 1, currency: 'usd' },
    ],
    ['a NUL in the tenant', { tenant: 'acme\u0000', invoiceId: 'in_1', number: null, amountPaid: 1, currency: 'usd' }],
    ['no tenant', { invoiceId: 'in_1', number: null, amountPaid: 1, currency: 'usd' }],
    ['a wrong type', { tenant: 'acme', invoiceId: 42, number: null, amountPaid: 1, currency: 'usd' }],
  ])('dead-letters %s and sends nothing', async (_, data) => {
    const { h, failures, handler } = await setup();
    await handler(pubsubCloudEvent({ ...invoiceReady, id: 'evt-bad', data }));
    expect(h.push.sent).toHaveLength(0);
    expect([...failures.letters.values()].map((l) => l.function)).toEqual(['customer-notices']);
  });
});
