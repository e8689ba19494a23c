import type { Firestore } from '@google-cloud/firestore';
import { systemClock } from '@backbone/shared/core';
import { FirestoreAuditLog, FirestoreAuditSequencer } from '@backbone/shared/audit/gcp';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import { createStripeClient } from '@backbone/shared/billing/gcp';
import {
  agentRecord,
  captureLogs,
  invokeHttp,
  seedAgents,
  startStripeRecorder,
  stripeFixtures as f,
} from '@backbone/shared/testing';
import { signedDelivery, webhookHandler } from '../../functions/stripe-webhook/test/webhook-handler';
import { demoStripeCustomers, LOCAL_STRIPE_KEY, LOCAL_WEBHOOK_SECRET } from '../local/demo-billing';
import { seedGovernance, seedTenants } from '../local/demo-data';

/**
 * A drill project's state, written by the suite's own code: the demo tenants and governance data,
 * agents in the registry, billing records from signed Stripe events through the webhook, and an
 * audit chain integrated by the sequencer.
 */
export async function seedDrillState(db: Firestore): Promise<void> {
  await seedTenants(db);
  await seedGovernance(db);
  const agents = new FirestoreAgentStore(db);
  await seedAgents(
    agents,
    agentRecord('acme', 'support'),
    agentRecord('acme', 'writer'),
    agentRecord('globex', 'analyst'),
  );

  const stripeApi = await startStripeRecorder(demoStripeCustomers());
  try {
    const stripe = createStripeClient(LOCAL_STRIPE_KEY, stripeApi.endpoint);
    const webhook = webhookHandler(db, stripe, [LOCAL_WEBHOOK_SECRET]);
    const now = Math.floor(Date.now() / 1000);
    const events = [
      f.event(
        'evt_drill_1',
        'customer.subscription.created',
        f.subscription('sub_acme', 'cus_acme', { status: 'active' }),
        now - 30,
      ),
      f.event(
        'evt_drill_2',
        'invoice.paid',
        f.invoice('in_drill_1', 'cus_acme', {
          subscription: 'sub_acme',
          status: 'paid',
          amountPaid: 4900,
          created: now - 20,
        }),
        now - 20,
      ),
      f.event(
        'evt_drill_3',
        'customer.subscription.created',
        f.subscription('sub_globex', 'cus_globex', { status: 'trialing', trialEnd: now + 86_400 }),
        now - 10,
      ),
    ];
    for (const event of events) {
      const res = await invokeHttp(webhook, signedDelivery(stripe, event, LOCAL_WEBHOOK_SECRET));
      if (res.status !== 200) throw new Error(`seeding billing: ${event.type} answered ${res.status} ${res.text}`);
    }
  } finally {
    await stripeApi.close();
  }

  const audit = new FirestoreAuditLog(db);
  const sequencer = new FirestoreAuditSequencer(db, { clock: systemClock, logger: captureLogs().logger });
  for (let round = 0; round < 3; round++) {
    await audit.append(
      Array.from({ length: 50 }, (_, i) => ({
        actor: { type: 'User', id: `drill-${round}-${i}` },
        action: 'governance.update',
        target: { type: 'Component', id: 'integrations' },
        outcome: 'allow',
        source: 'drill',
        at: new Date().toISOString(),
      })),
    );
    if (!(await sequencer.acquire())) throw new Error('seeding the audit chain: the sequencer lease is held');
    await sequencer.round();
  }
  await sequencer.release?.();
}
