import { defineFunction } from '@backbone/shared/core';
import { provisioningEvents } from '@backbone/shared/billing';
import { agentEvents } from '@backbone/shared/agents';

export default defineFunction({
  name: 'agent-provisioner',
  description:
    "Ends a checkout in provisioned agents (000#3, 000#7): on the saga's provisioning request, copies the marketplace agents the subscription's price names to the tenant, deployed on their certified version; on a cancellation, retires them.",
  trigger: { kind: 'pubsub', topic: provisioningEvents, ordering: true },
  env: {
    PLAN_AGENTS: {
      description:
        'JSON object from Stripe price id to the ids of the marketplace agents (platform tenant) it provisions. A price missing from it provisions none.',
      default: '{}',
    },
  },
  touches: {
    collections: {
      read: ['agents', 'billing_subscriptions'],
      write: ['agents', 'agent_outbox', 'audit_intake', 'dead_letters'],
    },
    publishes: [agentEvents],
  },
});
