import { defineFunction } from '@backbone/shared/core';
import { approvalEvents } from '@backbone/shared/approvals';

export default defineFunction({
  name: 'approvals-sweeper',
  description:
    "Every minute: approval requests past their deadline move on (000#54): the Platform Governor's 24 hours to the Deputy Governor, the Deputy's 4 hours to DENY; the deadlines are stored with each request, never held in memory; each move is audited once.",
  trigger: {
    kind: 'schedule',
    cron: '* * * * *',
    attemptDeadlineSeconds: 60,
    retryCount: 0,
  },
  touches: { collections: { read: ['approvals'], write: ['approvals', 'audit_intake'] }, publishes: [approvalEvents] },
});
