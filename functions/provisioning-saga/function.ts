import { defineFunction } from '@backbone/shared/core';
import { billingEvents, provisioningEvents } from '@backbone/shared/billing';
import { STRIPE_API_KEY_SECRET, STRIPE_MANIFEST_ENV } from '@backbone/shared/billing/gcp';

export default defineFunction({
  name: 'provisioning-saga',
  description:
    'Runs the provisioning saga after a completed checkout (000#7): record the subscription, request agent provisioning, start the trial; each step persisted, resumed after a crash, and compensated (with the Stripe subscription cancelled) when a step cannot succeed.',
  trigger: {
    kind: 'pubsub',
    topic: billingEvents,
    ordering: true,
    ackDeadlineSeconds: 120,
  },
  runtime: { timeoutSeconds: 120, maxInstances: 5, concurrency: 1 },
  env: STRIPE_MANIFEST_ENV,
  secrets: [STRIPE_API_KEY_SECRET],
  touches: {
    collections: { read: ['tenants'], write: ['provisioning_sagas', 'tenants', 'dead_letters'] },
    publishes: [provisioningEvents],
  },
});
