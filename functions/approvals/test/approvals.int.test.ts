import {
  approveGrant,
  BreakGlassRefusedError,
  decide,
  escalate,
  grantOpen,
  newApproval,
  requestGrant,
  ApprovalRefusedError,
  type Party,
} from '@backbone/shared/approvals';
import {
  FirestoreApprovalStore,
  FirestoreBreakGlassStore,
  FirestoreDeviceStore,
  FirestorePreferencesStore,
} from '@backbone/shared/approvals/gcp';
import { emulatorFirestore } from '@backbone/shared/testing';

// Approval requests in the Firestore emulator: one current request per key under concurrency,
// verdicts and escalations decided in transactions, the sweeper's query.
const db = emulatorFirestore();

const T0 = new Date('2026-12-07T09:00:00Z');
const HOUR = 3_600_000;
const principal: Party = { type: 'User', id: 'owner-acme', tenant: 'acme' };
const make =
  (id: string, resource = 'customer-1', now = T0) =>
  () =>
    newApproval({
      id,
      action: 'delete',
      principal,
      resource: { type: 'CustomerData', id: resource, tenant: 'acme' },
      reason: 'r',
      now,
    });

describe('FirestoreApprovalStore', () => {
  it('opens one request for concurrent asks of one key, and a new one once it lapsed', async () => {
    const store = new FirestoreApprovalStore(db);
    const key = make('x')().key;
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => store.current(key, make(`apr_c${i}`), T0)));
    expect(answers.filter((a) => a.created)).toHaveLength(1);
    expect(new Set(answers.map((a) => a.request.id)).size).toBe(1);
    const id = answers[0]!.request.id;
    await store.update(id, (r) => decide(r, { id: 'gov', roles: ['platform_governor'] }, 'veto', T0));
    expect((await store.current(key, make('apr_next'), new Date(T0.getTime() + HOUR))).created).toBe(false);
    const later = new Date(T0.getTime() + 25 * HOUR);
    const renewed = await store.current(key, make('apr_next', 'customer-1', later), later);
    expect([renewed.created, renewed.request.id]).toEqual([true, 'apr_next']);
  });

  it('decides a request once when two approvers answer at once', async () => {
    const store = new FirestoreApprovalStore(db);
    const { request } = await store.current('key-race', make('apr_race', 'customer-2'), T0);
    const verdicts = await Promise.allSettled(
      ['gov-a', 'gov-b'].map((id) =>
        store.update(request.id, (r) => decide(r, { id, roles: ['platform_governor'] }, 'approve', T0)),
      ),
    );
    expect(verdicts.filter((v) => v.status === 'fulfilled')).toHaveLength(1);
    const refused = verdicts.find((v) => v.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ApprovalRefusedError);
    expect((await store.get(request.id))!.history.map((h) => h.event)).toEqual(['requested', 'approved']);
  });

  it('finds what is due for the sweeper, oldest deadline first, and escalates it once', async () => {
    const store = new FirestoreApprovalStore(db);
    await store.current('key-due-1', make('apr_due1', 'customer-3', T0), T0);
    await store.current('key-due-2', make('apr_due2', 'customer-4', new Date(T0.getTime() + HOUR)), T0);
    const at = new Date(T0.getTime() + 24 * HOUR);
    expect((await store.due(at, 10)).map((r) => r.id)).toContain('apr_due1');
    expect((await store.due(at, 10)).map((r) => r.id)).not.toContain('apr_due2');
    await Promise.all([1, 2].map(() => store.update('apr_due1', (r) => escalate(r, at))));
    const escalated = (await store.get('apr_due1'))!;
    expect(escalated.history.map((h) => h.event)).toEqual(['requested', 'escalated']);
    expect(escalated.nextDeadlineAt).toEqual(new Date(T0.getTime() + 28 * HOUR));
    expect((await store.list('pending', 50)).map((r) => r.id)).toEqual(
      expect.arrayContaining(['apr_due1', 'apr_due2']),
    );
    // What the sweeper announces: pending steps not yet published, oldest first; announced ones drop out.
    const unannounced = (await store.unannounced(50)).map((r) => r.id);
    expect(unannounced.indexOf('apr_due1')).toBeGreaterThanOrEqual(0);
    expect(unannounced.indexOf('apr_due1')).toBeLessThan(unannounced.indexOf('apr_due2'));
    await store.update('apr_due2', (r) => ({ ...r, announced: true }));
    expect((await store.unannounced(50)).map((r) => r.id)).not.toContain('apr_due2');
  });
});

describe('FirestoreBreakGlassStore', () => {
  it('finds the latest grant of a key, and counts each approver once under concurrency', async () => {
    const store = new FirestoreBreakGlassStore(db);
    const ask = (id: string, now: Date) =>
      requestGrant({
        id,
        requester: { id: 'gov', roles: ['platform_governor'] },
        action: 'call',
        resource: { type: 'McpServer', id: 'erp-prod' },
        reason: 'emergency',
        minutes: 30,
        now,
      });
    await store.create(ask('bg_old', T0));
    await store.create(ask('bg_new', new Date(T0.getTime() + HOUR)));
    const latest = await store.latest(ask('x', T0).key);
    expect(latest?.id).toBe('bg_new');
    const same = await Promise.allSettled(
      [1, 2].map(() =>
        store.update('bg_new', (g) => approveGrant(g, { id: 'gov2', roles: ['platform_governor'] }, T0)),
      ),
    );
    expect(same.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason)).toEqual([
      expect.any(BreakGlassRefusedError),
    ]);
    const opened = await store.update('bg_new', (g) => approveGrant(g, { id: 'dep', roles: ['deputy_governor'] }, T0));
    expect(grantOpen(opened!, new Date(T0.getTime() + 29 * 60_000))).toBe(true);
    expect(grantOpen(opened!, new Date(T0.getTime() + 30 * 60_000))).toBe(false);
    expect((await store.list(10)).map((g) => g.id).slice(0, 2)).toEqual(['bg_new', 'bg_old']);
  });
});

describe('FirestoreDeviceStore', () => {
  it('finds devices by role, records what reached each, and removes one', async () => {
    const store = new FirestoreDeviceStore(db);
    const device = (uid: string, roles: string[], tenant = 'platform') => ({
      uid,
      tenant,
      id: `install-${uid}`,
      token: `token-${uid}-${'x'.repeat(20)}`,
      platform: 'ios' as const,
      roles,
      registeredAt: T0,
      lastSeenAt: T0,
    });
    await store.put(device('g1', ['auditor', 'deputy_governor', 'platform_governor']));
    await store.put(device('d1', ['auditor', 'deputy_governor']));
    expect((await store.withRole('platform_governor', 10)).map((d) => d.uid)).toEqual(['g1']);
    expect((await store.withRole('deputy_governor', 10)).map((d) => d.uid).sort()).toEqual(['d1', 'g1']);
    // A customer notice finds the billing admins of one tenant, never another tenant's.
    await store.put(device('acme-admin', ['tenant_admin', 'billing_admin'], 'acme'));
    await store.put(device('acme-member', [], 'acme'));
    await store.put(device('globex-admin', ['tenant_admin', 'billing_admin'], 'globex'));
    expect((await store.inTenant('acme', 'billing_admin', 10)).map((d) => d.uid)).toEqual(['acme-admin']);
    const g1 = device('g1', []);
    expect(await store.wasSent('approval.requested:apr_1:0', g1)).toBe(false);
    await store.markSent('approval.requested:apr_1:0', g1);
    expect(await store.wasSent('approval.requested:apr_1:0', g1)).toBe(true);
    expect(await store.remove('d1', 'install-d1')).toBe(true);
    expect(await store.remove('d1', 'install-d1')).toBe(false);
  });
});

describe('FirestorePreferencesStore', () => {
  it('keeps a user’s preferences and finds them by role', async () => {
    const store = new FirestorePreferencesStore(db);
    const prefs = {
      uid: 'pref-gov',
      tenant: 'platform',
      email: 'gov@platform.test',
      roles: ['auditor', 'deputy_governor', 'platform_governor'],
      channels: { push: true, email: true },
      quietHours: { from: '22:00', to: '07:00', timeZone: 'Europe/Berlin' },
      language: 'de' as const,
      updatedAt: T0,
    };
    await store.put(prefs);
    expect(await store.get('pref-gov')).toEqual(prefs);
    expect((await store.withRole('platform_governor', 10)).map((p) => p.uid)).toContain('pref-gov');
    expect(await store.get('nobody')).toBeUndefined();
    await store.put({ ...prefs, uid: 'pref-acme', tenant: 'acme', roles: ['tenant_admin', 'billing_admin'] });
    await store.put({ ...prefs, uid: 'pref-globex', tenant: 'globex', roles: ['tenant_admin', 'billing_admin'] });
    expect((await store.inTenant('acme', 'tenant_admin', 10)).map((p) => p.uid)).toEqual(['pref-acme']);
  });
});
