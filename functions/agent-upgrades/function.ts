import { defineFunction } from '@backbone/shared/core';
import { agentEvents } from '@backbone/shared/agents';

export default defineFunction({
  name: 'agent-upgrades',
  description:
    'Moves agent upgrades on every minute (000#15): an upgrade whose old-version runs have all ended or lost their lease switches to the new version and resumes runs; one a crash left half-way goes on from its stored step.',
  trigger: { kind: 'schedule', cron: '* * * * *', attemptDeadlineSeconds: 60, retryCount: 0 },
  touches: {
    collections: { read: ['agents', 'agent_upgrades'], write: ['agents', 'agent_upgrades', 'agent_outbox'] },
    publishes: [agentEvents],
  },
});
