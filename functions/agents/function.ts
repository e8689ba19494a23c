import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { agentEvents, GENESIS_SIGNING_SECRET } from '@backbone/shared/agents';
import { routes } from './routes';

export default defineFunction({
  name: 'agents',
  description:
    "The agent registry (004§2.1): a tenant's agents with their specialty from a controlled taxonomy (000#33), immutable versions, YAML import, and a versioned lifecycle (000#56) from draft through certification to deployment, suspension (000#55) and retirement; every route decided by the Cedar policies and audited (004§1.3); every change announced on agent-events.",
  trigger: { kind: 'http', routes: manifestRoutes(routes) },
  secrets: [GENESIS_SIGNING_SECRET],
  runtime: { memory: '512Mi', timeoutSeconds: 30 },
  touches: {
    collections: {
      read: ['agents', 'policy_sets', 'allow_lists', 'mcp_servers'],
      write: ['agents', 'agent_outbox', 'agent_upgrades', 'audit_intake'],
    },
    publishes: [agentEvents],
  },
});
