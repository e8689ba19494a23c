import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { routes } from './routes';

export default defineFunction({
  name: 'run-logs',
  description:
    "Agent runs' step logs (004§1.1, 004§1.2): the runtime's step records, every text and payload masked before it is stored, each model call with its required metadata and cost; once per (run, step), in any order, each adding to its agent's daily rollup and the tenant's activity feed in the same write; runs read under audit (000#21); model calls listed per tenant, agent and period.",
  trigger: { kind: 'http', routes: manifestRoutes(routes) },
  runtime: { memory: '512Mi', timeoutSeconds: 30 },
  touches: {
    collections: {
      read: ['steps', 'policy_sets'],
      write: ['steps', 'run_rollups', 'activity', 'audit_intake'],
    },
  },
});
