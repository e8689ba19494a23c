import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { routes } from './routes';

export default defineFunction({
  name: 'run-stats',
  description:
    "What the tenants' agents did and cost (004§2.2, 000#26, 000#39, 000#50): run stats and compliance scores per tenant and agent over a period, an agent's health against peers of its specialty, costs per agent and model (with the daily BigQuery export format), and each tenant's budget; all read from rollups, never by scanning steps.",
  trigger: { kind: 'http', routes: manifestRoutes(routes) },
  touches: {
    collections: {
      read: ['run_rollups', 'budgets', 'agent_benchmarks', 'agents', 'policy_sets'],
      write: ['budgets', 'audit_intake'],
    },
  },
});
