/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are read loosely in assertions */
import { inQuietHours, DEFAULT_PREFS } from '@backbone/shared/approvals';
import { approvalsHarness } from '../../approvals/test/harness';
import { toFcm } from '@backbone/shared/approvals/gcp';

const TOKEN = (n: number) => `fcm-token-${'x'.repeat(20)}-${n}`;

describe('notification preferences (000#4)', () => {
  it('defaults to push only, and stores what the user chose with their roles', async () => {
    const h = approvalsHarness();
    expect((await h.call('governor', 'GET', '/v1/notification-preferences')).json()).toMatchObject({
      channels: { push: true, email: false },
      quietHours: null,
      language: 'en',
    });
    const saved = await h.call('governor', 'PUT', '/v1/notification-preferences', {
      channels: { push: true, email: true },
      quietHours: { from: '22:00', to: '07:00', timeZone: 'Europe/Berlin' },
      language: 'de',
    });
    expect(saved.json()).toMatchObject({ language: 'de', roles: expect.arrayContaining(['platform_governor']) });
    for (const bad of [
      { language: 'xx' },
      { quietHours: { from: '25:00', to: '07:00', timeZone: 'Europe/Berlin' } },
      { quietHours: { from: '22:00', to: '07:00', timeZone: 'Mars/Olympus' } },
      { channels: { push: 'yes', email: false } },
      { extra: 1 },
    ])
      expect((await h.call('governor', 'PUT', '/v1/notification-preferences', bad)).status).toBe(400);
  });

  it('e-mails those who asked, in their language, pushes silently in quiet hours, and skips push for those who turned it off', async () => {
    const h = approvalsHarness(); // T0 is 09:00 UTC: 10:00 in Berlin, 04:00 in New York
    await h.call('governor', 'PUT', '/v1/devices/install-gov-1', { token: TOKEN(1), platform: 'ios' });
    await h.call('governor', 'PUT', '/v1/notification-preferences', {
      channels: { push: true, email: true },
      language: 'de',
    });
    await h.call('governor2', 'PUT', '/v1/devices/install-gov-2', { token: TOKEN(2), platform: 'android' });
    await h.call('governor2', 'PUT', '/v1/notification-preferences', {
      channels: { push: true, email: false },
      quietHours: { from: '22:00', to: '07:00', timeZone: 'America/New_York' },
    });
    await h.call('deputy', 'PUT', '/v1/devices/install-dep-1', { token: TOKEN(3), platform: 'android' });
    await h.call('deputy', 'PUT', '/v1/notification-preferences', { channels: { push: false, email: false } });
    // Users' e-mail come from their sign-in; the harness's governor signs in as gov@platform.test.
    await h.preferences.put({ ...(await h.preferences.get('gov'))!, email: 'gov@platform.test' });
    await h.askDelete();
    h.email.failures = 1; // the provider is down once: retried, then sent once
    await expect(h.deliver()).rejects.toThrow(/retried/);
    await h.notifications(
      (await import('@backbone/shared/testing')).pubsubCloudEvent(h.publisher.published[0]!.event, 'again'),
    );
    expect(h.push.sent.map((m) => [m.token, m.title, m.silent])).toEqual([
      [TOKEN(1), 'Freigabe angefragt', false],
      [TOKEN(2), 'Approval requested', true],
    ]);
    expect(h.email.sent).toEqual([expect.objectContaining({ to: 'gov@platform.test', subject: 'Freigabe angefragt' })]);
    expect(JSON.stringify(h.email.sent)).not.toContain('customer-42');
    const fcm = toFcm(h.push.sent[1]!) as any;
    expect([fcm.android.priority, fcm.apns.headers['apns-priority']]).toEqual(['normal', '5']);
  });

  it('reads quiet hours across midnight in the user’s time zone', () => {
    const prefs = { ...DEFAULT_PREFS, quietHours: { from: '22:00', to: '07:00', timeZone: 'Asia/Kolkata' } };
    expect(inQuietHours(prefs, new Date('2026-12-07T17:00:00Z'))).toBe(true); // 22:30 IST
    expect(inQuietHours(prefs, new Date('2026-12-07T01:00:00Z'))).toBe(true); // 06:30 IST
    expect(inQuietHours(prefs, new Date('2026-12-07T02:00:00Z'))).toBe(false); // 07:30 IST
    expect(inQuietHours(DEFAULT_PREFS, new Date('2026-12-07T17:00:00Z'))).toBe(false);
  });
});
