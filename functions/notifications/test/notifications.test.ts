/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are read loosely in assertions */
import { toFcm } from '@backbone/shared/approvals/gcp';
import { approvalsHarness, HOUR, T0 } from '../../approvals/test/harness';

const TOKEN = (n: number) => `fcm-token-${'x'.repeat(20)}-${n}`;

describe('approval pushes (000#4, 000#34)', () => {
  it("reaches the approver role's devices once per step, expiring with the deadline, nothing else's", async () => {
    const h = approvalsHarness();
    expect(
      (await h.call('governor', 'PUT', '/v1/devices/install-gov-1', { token: TOKEN(1), platform: 'ios' })).json(),
    ).toMatchObject({
      roles: expect.arrayContaining(['platform_governor', 'deputy_governor', 'auditor']),
    });
    await h.call('deputy', 'PUT', '/v1/devices/install-dep-1', { token: TOKEN(2), platform: 'android' });
    await h.call('auditor', 'PUT', '/v1/devices/install-aud-1', { token: TOKEN(3), platform: 'web' });
    const { approvalId } = (await h.askDelete()).json();
    await h.deliver();
    expect(h.push.sent.map((m) => m.token)).toEqual([TOKEN(1)]);
    const push = h.push.sent[0]!;
    expect(push).toMatchObject({
      title: 'Approval requested',
      collapseKey: approvalId,
      data: { type: 'approval.requested', approvalId },
    });
    // 24 h at most, and nothing to act on: the body names no customer, no record, no link with a token.
    expect(push.expiresAt.getTime()).toBe(T0.getTime() + 24 * HOUR);
    expect(JSON.stringify(push)).not.toContain('customer-42');
    // Redelivered (Pub/Sub at least once): nothing sent twice.
    await h.notifications(
      (await import('@backbone/shared/testing')).pubsubCloudEvent(h.publisher.published[0]!.event, 'again'),
    );
    expect(h.push.sent).toHaveLength(1);
    // Escalation reaches the Deputy role: the Deputy's device and the Governor's (a Governor holds it).
    h.clock.advance(24 * HOUR);
    await h.sweep();
    await h.deliver();
    expect(
      h.push.sent
        .slice(1)
        .map((m) => [m.token, m.title])
        .sort(),
    ).toEqual([
      [TOKEN(1), 'Approval escalated to you'],
      [TOKEN(2), 'Approval escalated to you'],
    ]);
    expect(h.push.sent[1]!.expiresAt.getTime()).toBe(T0.getTime() + 28 * HOUR);
    // Every step of the request is in the audit log, its notifications included.
    expect(h.audit.entries.filter((e) => e.target.id === approvalId).map((e) => e.action)).toEqual([
      'approvals.requested',
      'approvals.notified',
      'approvals.escalated',
      'approvals.notified',
    ]);
  });

  it('prunes tokens FCM calls invalid and devices not seen for 270 days; retries what FCM could not reach', async () => {
    const h = approvalsHarness();
    await h.call('governor', 'PUT', '/v1/devices/install-gov-1', { token: TOKEN(1), platform: 'ios' });
    await h.call('governor2', 'PUT', '/v1/devices/install-gov-2', { token: TOKEN(2), platform: 'android' });
    await h.devices.put({
      uid: 'gov-old',
      tenant: 'platform',
      id: 'install-old',
      token: TOKEN(9),
      platform: 'android',
      roles: ['platform_governor'],
      registeredAt: new Date(T0.getTime() - 400 * 24 * HOUR),
      lastSeenAt: new Date(T0.getTime() - 271 * 24 * HOUR),
    });
    h.push.answers.set(TOKEN(1), 'invalid_token');
    h.push.answers.set(TOKEN(2), 'retry');
    await h.askDelete();
    // Thrown back for Pub/Sub to deliver again with backoff (its dead-letter topic after 10 attempts).
    await expect(h.deliver()).rejects.toThrow(/must be retried/);
    expect([...h.devices.devices.byId.keys()]).toEqual(['gov2~install-gov-2']);
    expect(h.push.sent).toEqual([]);
    h.push.answers.delete(TOKEN(2));
    await h.notifications(
      (await import('@backbone/shared/testing')).pubsubCloudEvent(h.publisher.published[0]!.event, 'retry-1'),
    );
    expect(h.push.sent.map((m) => m.token)).toEqual([TOKEN(2)]);
  });

  it('lets a user remove only their own device, and refuses hostile registrations', async () => {
    const h = approvalsHarness();
    await h.call('governor', 'PUT', '/v1/devices/install-gov-1', { token: TOKEN(1), platform: 'ios' });
    expect((await h.call('deputy', 'DELETE', '/v1/devices/install-gov-1')).status).toBe(404);
    expect((await h.call('governor', 'DELETE', '/v1/devices/install-gov-1')).status).toBe(204);
    for (const [path, body] of [
      ['/v1/devices/short', { token: TOKEN(1), platform: 'ios' }],
      ['/v1/devices/install-%2F..', { token: TOKEN(1), platform: 'ios' }],
      ['/v1/devices/install-gov-1', { token: 'short', platform: 'ios' }],
      ['/v1/devices/install-gov-1', { token: `${TOKEN(1)}\u0000`, platform: 'ios' }],
      ['/v1/devices/install-gov-1', { token: TOKEN(1), platform: 'blackberry' }],
      ['/v1/devices/install-gov-1', { token: 'x'.repeat(5000), platform: 'ios' }],
    ] as const) {
      const res = await h.call('governor', 'PUT', path, body);
      expect(res.status).toBe(400);
    }
  });
});

describe('the FCM message', () => {
  it('expires on every platform with the push and collapses per approval', () => {
    const now = Date.parse('2026-12-07T09:00:00Z');
    const message = toFcm(
      {
        token: TOKEN(1),
        title: 't',
        body: 'b',
        data: { approvalId: 'apr_1' },
        collapseKey: 'apr_1',
        expiresAt: new Date(now + 2 * HOUR),
      },
      now,
    ) as any;
    expect(message.android).toMatchObject({ ttl: 2 * HOUR, collapseKey: 'apr_1', priority: 'high' });
    expect(message.apns.headers['apns-expiration']).toBe(String(Math.floor((now + 2 * HOUR) / 1000)));
    expect(message.webpush.headers.TTL).toBe(String(2 * 3600));
  });
});
