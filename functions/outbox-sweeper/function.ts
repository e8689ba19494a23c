import { defineFunction } from '@backbone/shared/core';
import { billingEvents } from '@backbone/shared/billing';
import { agentEvents } from '@backbone/shared/agents';

export default defineFunction({
  name: 'outbox-sweeper',
  description:
    "Publishes, every minute, the domain events a crash or a broker outage left in an outbox after the change that caused them committed (billing's after a Stripe event was applied, 000#7; the agent registry's after a lifecycle change, 000#3), so nothing waits for the next change.",
  trigger: {
    kind: 'schedule',
    cron: '* * * * *',
    attemptDeadlineSeconds: 60,
    retryCount: 0,
  },
  touches: {
    collections: { read: ['billing_outbox', 'agent_outbox'], write: ['billing_outbox', 'agent_outbox'] },
    publishes: [billingEvents, agentEvents],
  },
});
