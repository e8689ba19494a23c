import { defineFunction } from '@backbone/shared/core';
import { pepViolations } from '@backbone/shared/policy';
import { agentEvents } from '@backbone/shared/agents';

export default defineFunction({
  name: 'agent-violations',
  description:
    'Counts the constitutional violations the PEP reports against each agent (000#55): the third within a day suspends the deployed agent, naming its trigger, announced and audited.',
  trigger: { kind: 'pubsub', topic: pepViolations, ordering: true },
  touches: {
    collections: { read: ['agents'], write: ['agents', 'agent_outbox', 'audit_intake', 'dead_letters'] },
    publishes: [agentEvents],
  },
});
