import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { routes } from './routes';

export default defineFunction({
  name: 'health-api',
  description:
    'Reads the platform health the aggregator computed: JSON summary and per-service history, Prometheus metrics, and a status page (000#10); administers the registry of services the aggregator checks.',
  trigger: {
    kind: 'http',
    routes: manifestRoutes(routes),
  },
  runtime: { timeoutSeconds: 30, maxInstances: 20 },
  touches: {
    collections: {
      read: ['health_status', 'health_incidents', 'health_samples', 'health_history', 'health_registry', 'policy_sets'],
      // The registry's admin API writes the registry and audits each change.
      write: ['health_registry', 'audit_intake'],
    },
  },
});
