/* eslint-disable @typescript-eslint/no-explicit-any -- JSON answers are read loosely in assertions */
import { randomBytes } from 'node:crypto';
import type { Caller } from '@backbone/shared/core';
import { declaredRoutes } from '@backbone/shared/gcp';
import { DEFAULT_POLICY_SET, PolicyEngine, PolicyHolder } from '@backbone/shared/policy';
import { billingEvents } from '@backbone/shared/billing';
import {
  captureLogs,
  invokeHttp,
  ManualClock,
  MemoryArchiveStore,
  MemoryAuditLog,
  MemoryFailureRecorder,
  MemoryObjectStore,
  pubsubCloudEvent,
  RecordingEventPublisher,
  StaticAuthenticator,
  staffUser,
  tenantUser,
} from '@backbone/shared/testing';
import { LocalKeyWrapper, type ObjectStore, type TenantPlans } from '@backbone/shared/workspaces';
import manifest from '../function';
import { makeHandler } from '../handler';
import sweeperManifest from '../../archive-sweeper/function';
import { makeHandler as makeSweeper } from '../../archive-sweeper/handler';
import { makeHandler as makeArchiver } from '../../workspace-archiver/handler';

export const T0 = new Date('2026-12-07T10:00:00Z');
export const DAY = 86_400_000;
export const LINK_SECRET = 'l'.repeat(40);

/** Plans as tenant-subscriptions records them: set per tenant by the test. */
export class MemoryTenantPlans implements TenantPlans {
  readonly plans = new Map<string, { subscriptionId: string; priceId: string }[]>();
  async active(tenant: string) {
    return this.plans.get(tenant) ?? [];
  }
}

const callers: Record<string, Caller> = {
  owner: tenantUser('owner-acme', 'acme', ['tenant_admin']),
  member: tenantUser('member-acme', 'acme'),
  rival: tenantUser('owner-globex', 'globex', ['tenant_admin']),
  staff: staffUser('gov', ['platform_governor']),
  runtime: { kind: 'service', email: 'agent-runtime@platform.iam.gserviceaccount.com', subject: 'rt' },
  scheduler: { kind: 'service', email: 'scheduler@backbone.iam.gserviceaccount.com', subject: 'sch' },
};

/**
 * The workspaces API, the archiver and the sweeper over one pair of buckets (memory, or the Storage
 * emulator when given), a local AES key keeper and the default policies.
 */
export function workspacesHarness(stores?: { workspaces: ObjectStore; archives: ObjectStore }) {
  const clock = new ManualClock(T0);
  const workspaces = stores?.workspaces ?? new MemoryObjectStore('ws');
  const archives = stores?.archives ?? new MemoryObjectStore('archives');
  const keys = new LocalKeyWrapper(randomBytes(32));
  const records = new MemoryArchiveStore();
  const plans = new MemoryTenantPlans();
  const audit = new MemoryAuditLog();
  const publisher = new RecordingEventPublisher();
  const failures = new MemoryFailureRecorder();
  const authenticator = new StaticAuthenticator(callers);
  const api = makeHandler(
    {
      workspaces,
      archives,
      keys,
      archiveRecords: records,
      plans,
      quotas: { default: 1_000_000, price_pro: 5_000_000 },
      linkSecret: LINK_SECRET,
      publicBaseUrl: 'https://api.backbone.test',
      holder: new PolicyHolder(PolicyEngine.load(DEFAULT_POLICY_SET)),
      audit,
      clock,
      source: 'backbone/workspaces',
      logger: captureLogs('workspaces').logger,
    },
    { declared: declaredRoutes(manifest), authenticator },
  );
  const archiver = makeArchiver({
    workspaces,
    archives,
    keys,
    records,
    plans,
    publisher,
    audit,
    failures,
    clock,
    source: 'backbone/workspace-archiver',
    logger: captureLogs('workspace-archiver').logger,
  });
  const sweeper = makeSweeper(
    {
      records,
      plans,
      workspaces,
      archives,
      audit,
      clock,
      source: 'backbone/archive-sweeper',
      logger: captureLogs('archive-sweeper').logger,
    },
    { declared: declaredRoutes(sweeperManifest), authenticator },
  );
  const call = async (who: string, method: string, path: string, body?: object) => {
    const res = await invokeHttp(api, {
      method,
      path,
      headers: who ? { authorization: `Bearer ${who}` } : {},
      ...(body ? { body } : {}),
    });
    return { ...res, json: () => res.json() as any };
  };
  /** Stripe's cancellation as the webhook publishes it on billing-events. */
  const cancel = (tenant: string, subscriptionId: string, delivery = '1') =>
    archiver(
      pubsubCloudEvent(
        billingEvents.event('billing.subscription_canceled', {
          id: `billing.subscription_canceled:evt_${subscriptionId}`,
          source: 'backbone/stripe-webhook',
          subject: subscriptionId,
          time: clock.now(),
          tenant,
          data: {
            stripeEventId: `evt_${subscriptionId}`,
            subscriptionId,
            customerId: 'cus_1',
            status: 'canceled',
            priceId: 'price_pro',
            quantity: 1,
            currentPeriodEnd: null,
            trialEnd: null,
            cancelAtPeriodEnd: false,
          },
        }),
        delivery,
      ),
    );
  const sweep = async () =>
    (
      await invokeHttp(sweeper, { method: 'POST', path: '/', headers: { authorization: 'Bearer scheduler' } })
    ).json() as any;
  return { clock, workspaces, archives, keys, records, plans, audit, publisher, failures, call, cancel, sweep };
}
