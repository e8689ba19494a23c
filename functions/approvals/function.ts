import { defineFunction, manifestRoutes } from '@backbone/shared/core';
import { routes } from './routes';

export default defineFunction({
  name: 'approvals',
  description:
    "The approval inbox (000#54): actions the policies allow only once a human approves them wait here (opened by the PEP's `approval_required`); the Platform Governor decides within 24 hours, then the Deputy Governor, then it is denied; every verdict needs a fresh sign-in and is audited. Break-glass (000#51): a Governor's emergency grant of one action, opened by two other approvers for at most an hour, reviewed within 24 hours, every use audited. The device registry and the notification preferences the approval notifications follow.",
  trigger: { kind: 'http', routes: manifestRoutes(routes) },
  touches: {
    collections: {
      read: ['approvals', 'break_glass', 'devices', 'notification_prefs'],
      write: ['approvals', 'break_glass', 'devices', 'notification_prefs', 'audit_intake'],
    },
  },
});
