import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { routes } from './routes';

export default defineFunction({
  name: 'approvals',
  description:
    "The approval inbox (000#54): actions the policies allow only once a human approves them wait here (opened by the PEP's `approval_required`); the Platform Governor decides within 24 hours, then the Deputy Governor, then it is denied; every verdict needs a fresh sign-in and is audited.",
  trigger: { kind: 'http', routes: manifestRoutes(routes) },
  runtime: { memory: '256Mi', maxInstances: 10, concurrency: 80 },
  touches: { collections: { read: ['approvals'], write: ['approvals', 'audit_intake'] } },
});
