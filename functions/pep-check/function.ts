import { defineFunction } from '@backbone/shared/core';

export default defineFunction({
  name: 'pep-check',
  description:
    'The policy enforcement point (000#53): decides whether a principal may take an action on a resource with Cedar policies, deny by default, with trial counters and allow-lists looked up in Firestore; audits every decision.',
  trigger: {
    kind: 'http',
    routes: [
      { method: 'POST', path: '/v1/pep/decide', access: 'service' },
      { method: 'POST', path: '/v1/pep/decide-batch', access: 'service' },
      { method: 'POST', path: '/v1/pep/trial-usage', access: 'service' },
    ],
  },
  runtime: {
    memory: '512Mi',
    cpu: 1,
    timeoutSeconds: 10,
    minInstances: 1,
    maxInstances: 50,
    concurrency: 80,
  },
  touches: {
    collections: {
      read: ['policy_sets', 'tenants', 'allow_lists', 'mcp_servers'],
      write: ['audit_intake', 'trial_usage'],
    },
  },
});
