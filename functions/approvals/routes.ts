import { defineRoutes, maskedText } from '@backbone/shared/core';
import { z } from 'zod';

const ApprovalId = z.string().regex(/^apr_[A-Za-z0-9-]{1,64}$/, 'an approval id');
const Party = z.object({ type: z.string(), id: z.string(), tenant: z.string().optional() });
export const ApprovalView = z.object({
  id: z.string(),
  action: z.string(),
  principal: Party,
  resource: Party,
  reason: z.string(),
  status: z.enum(['pending', 'approved', 'vetoed', 'expired']),
  /** Who is asked now, and until when. */
  approver: z.string().nullable(),
  deadlineAt: z.string().nullable(),
  chain: z.array(z.object({ role: z.string(), deadlineAt: z.string() })),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  until: z.string().nullable(),
  history: z.array(z.object({ at: z.string(), event: z.string(), stage: z.number(), by: z.string().optional() })),
});

/** approvals's routes: the Platform Portal's approval inbox (000#54). */
export const routes = defineRoutes({
  'GET /v1/approvals': {
    summary:
      'Approval requests in a status (default pending), newest first, at most 100: for platform staff (auditor and up); the approver of each step is named with its deadline.',
    access: 'user',
    query: z
      .object({
        status: z.enum(['pending', 'approved', 'vetoed', 'expired']).default('pending'),
        limit: z.coerce.number().int().min(1).max(100).default(50),
      })
      .strict(),
    responses: { 200: z.object({ approvals: z.array(ApprovalView) }) },
    errors: ['POLICY-001'],
  },
  'GET /v1/approvals/:id': {
    summary: 'One approval request with its history: for platform staff and for the principal who asked.',
    access: 'user',
    params: z.object({ id: ApprovalId }),
    responses: { 200: ApprovalView },
    errors: ['POLICY-001', 'REQ-003'],
  },
  'POST /v1/approvals/:id/decision': {
    summary:
      "Approves or vetoes a pending request: only the role asked at its current step (the Platform Governor first, the Deputy Governor after escalation; a Governor holds the Deputy's role), never the requester, with a sign-in under 4 hours old. Audited.",
    access: 'user',
    params: z.object({ id: ApprovalId }),
    body: z
      .object({ verdict: z.enum(['approve', 'veto']), note: maskedText(z.string().max(1000)).optional() })
      .strict(),
    responses: { 200: ApprovalView },
    errors: ['POLICY-001', 'REQ-003', 'REQ-008'],
  },
});
