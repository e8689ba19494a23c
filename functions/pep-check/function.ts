import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { pepViolations } from '@backbone/shared/policy';
import { approvalEvents } from '@backbone/shared/approvals';
import { routes } from './routes';

export default defineFunction({
  name: 'pep-check',
  description:
    "The policy enforcement point (000#53): decides whether a principal may take an action on a resource with Cedar policies, deny by default, with trial counters, allow-lists and each agent's registry status looked up in Firestore; an action the policies allow only with a human's approval answers `approval_required` and opens the request (000#54); audits every decision.",
  trigger: {
    kind: 'http',
    routes: manifestRoutes(routes),
  },
  runtime: { memory: '512Mi', timeoutSeconds: 10, minInstances: 1, maxInstances: 50 },
  touches: {
    collections: {
      read: [
        'policy_sets',
        'tenants',
        'allow_lists',
        'mcp_servers',
        'agents',
        'approvals',
        'approval_keys',
        'break_glass',
      ],
      write: ['audit_intake', 'trial_usage', 'approvals', 'approval_keys', 'break_glass'],
    },
    publishes: [pepViolations, approvalEvents],
  },
});
