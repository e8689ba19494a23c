/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are read loosely in assertions */
import { uuidGenerator, type Caller } from '@backbone/shared/core';
import { declaredRoutes } from '@backbone/shared/gcp';
import {
  captureLogs,
  invokeHttp,
  ManualClock,
  MemoryApprovalStore,
  MemoryBreakGlassStore,
  MemoryDeviceStore,
  MemoryPreferencesStore,
  MemoryFailureRecorder,
  pubsubCloudEvent,
  MemoryAuditLog,
  MemoryTrialStore,
  RecordingEventPublisher,
  StaticAuthenticator,
  RecordingEmailSender,
  RecordingPushSender,
} from '@backbone/shared/testing';
import { makeHandler as makePep } from '../../pep-check/handler';
import pepManifest from '../../pep-check/function';
import { makeHandler as makeSweeper } from '../../approvals-sweeper/handler';
import sweeperManifest from '../../approvals-sweeper/function';
import { makeHandler as makeNotifications } from '../../notifications/handler';
import manifest from '../function';
import { makeHandler } from '../handler';
import { memoryPepDeps } from '../../pep-check/test/memory-pep-deps';

export const T0 = new Date('2026-12-07T09:00:00Z');
export const HOUR = 3_600_000;

/** The PEP, the approval inbox and the sweeper over one memory store, with the demo roles. */
export function approvalsHarness() {
  const clock = new ManualClock(T0);
  const approvals = new MemoryApprovalStore();
  const breakGlass = new MemoryBreakGlassStore();
  const devices = new MemoryDeviceStore();
  const preferences = new MemoryPreferencesStore();
  const email = new RecordingEmailSender();
  const push = new RecordingPushSender();
  const audit = new MemoryAuditLog();
  const signedIn = () => new Date(clock.now().getTime() - 60_000);
  const users: Record<string, () => Caller> = {
    owner: () => ({
      kind: 'user',
      uid: 'owner-acme',
      portal: 'CP',
      tenant: 'acme',
      roles: ['tenant_admin'],
      authTime: signedIn(),
    }),
    billing: () => ({
      kind: 'user',
      uid: 'billing-acme',
      portal: 'CP',
      tenant: 'acme',
      email: 'billing@acme.test',
      roles: ['billing_admin'],
      authTime: signedIn(),
    }),
    member: () => ({ kind: 'user', uid: 'member-acme', portal: 'CP', tenant: 'acme', roles: [], authTime: signedIn() }),
    rival: () => ({
      kind: 'user',
      uid: 'owner-globex',
      portal: 'CP',
      tenant: 'globex',
      roles: ['tenant_admin'],
      authTime: signedIn(),
    }),
    governor: () => ({
      kind: 'user',
      uid: 'gov',
      portal: 'PP',
      tenant: 'platform',
      roles: ['platform_governor'],
      authTime: signedIn(),
    }),
    governor2: () => ({
      kind: 'user',
      uid: 'gov2',
      portal: 'PP',
      tenant: 'platform',
      roles: ['platform_governor'],
      authTime: signedIn(),
    }),
    deputy: () => ({
      kind: 'user',
      uid: 'dep',
      portal: 'PP',
      tenant: 'platform',
      roles: ['deputy_governor'],
      authTime: signedIn(),
    }),
    auditor: () => ({
      kind: 'user',
      uid: 'aud',
      portal: 'PP',
      tenant: 'platform',
      roles: ['auditor'],
      authTime: signedIn(),
    }),
    stale: () => ({
      kind: 'user',
      uid: 'gov-stale',
      portal: 'PP',
      tenant: 'platform',
      roles: ['platform_governor'],
      authTime: new Date(clock.now().getTime() - 5 * HOUR),
    }),
    runtime: () => ({ kind: 'service', email: 'agent-runtime@platform.iam.gserviceaccount.com', subject: 'rt' }),
    scheduler: () => ({ kind: 'service', email: 'scheduler@backbone.iam.gserviceaccount.com', subject: 'sch' }),
  };
  const authenticator = {
    authenticate: async (headers: Record<string, string | undefined>) => {
      const who = headers['authorization']?.replace(/^Bearer\s+/i, '') ?? '';
      return users[who] ? users[who]!() : new StaticAuthenticator({}).authenticate({});
    },
  };
  const trials = new MemoryTrialStore();
  const publisher = new RecordingEventPublisher();
  const pep = makePep(memoryPepDeps({ clock, publisher, trials, audit, approvals, breakGlass }), {
    declared: declaredRoutes(pepManifest),
    authenticator,
  });
  const inbox = makeHandler(
    {
      approvals,
      breakGlass,
      devices,
      preferences,
      ids: uuidGenerator,
      audit,
      clock,
      source: 'backbone/approvals',
      logger: captureLogs('approvals').logger,
    },
    { declared: declaredRoutes(manifest), authenticator },
  );
  const sweeper = makeSweeper(
    {
      approvals,
      audit,
      clock,
      source: 'backbone/approvals-sweeper',
      publisher,
      logger: captureLogs('approvals-sweeper').logger,
    },
    { declared: declaredRoutes(sweeperManifest), authenticator },
  );
  const json = async (res: Promise<{ status: number; text: string; headers: Record<string, string> }>) => {
    const r = await res;
    return { ...r, json: () => JSON.parse(r.text) as any };
  };
  /** A PEP decision, asked by the agent runtime's service identity. */
  const decide = (body: { principal: object; action: string; resource: object }) =>
    json(
      invokeHttp(pep, { method: 'POST', path: '/v1/pep/decide', headers: { authorization: 'Bearer runtime' }, body }),
    );
  /** A PEP decision for the platform's Governor (the demo principal of break-glass). */
  const askAsGovernor = (action: string, resource: object, uid = 'gov') =>
    decide({
      principal: { type: 'User', id: uid, portal: 'PP', tenant: 'platform', roles: ['platform_governor'] },
      action,
      resource,
    });
  /** acme's owner asks the PEP (through the portal's backend) to delete a customer record. */
  const askDelete = (record = 'customer-42') =>
    decide({
      principal: { type: 'User', id: 'owner-acme', portal: 'CP', tenant: 'acme', roles: ['tenant_admin'] },
      action: 'delete',
      resource: { type: 'CustomerData', id: record, tenant: 'acme' },
    });
  const call = (who: string, method: string, path: string, body?: object) =>
    json(invokeHttp(inbox, { method, path, headers: { authorization: `Bearer ${who}` }, ...(body ? { body } : {}) }));
  const sweep = () =>
    json(invokeHttp(sweeper, { method: 'POST', path: '/', headers: { authorization: 'Bearer scheduler' } }));
  const failures = new MemoryFailureRecorder();
  const notifications = makeNotifications({
    devices,
    preferences,
    email,
    push,
    failures,
    audit,
    source: 'backbone/notifications',
    clock,
    logger: captureLogs('notifications').logger,
  });
  /** Delivers what was published to approval-events since the last call, as Pub/Sub would. */
  let delivered = 0;
  const deliver = async () => {
    const pending = publisher.published.filter((p) => p.topic === 'approval-events').slice(delivered);
    delivered += pending.length;
    for (const p of pending) await notifications(pubsubCloudEvent(p.event, p.event.id));
  };
  return {
    clock,
    approvals,
    breakGlass,
    devices,
    preferences,
    push,
    email,
    failures,
    audit,
    publisher,
    askDelete,
    askAsGovernor,
    call,
    sweep,
    deliver,
    notifications,
  };
}
