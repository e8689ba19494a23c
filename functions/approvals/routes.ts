import { ACTIONS, defineRoutes, maskedText } from '@backbone/shared/core';
import { TenantIdSchema } from '@backbone/shared/governance';
import { PreferencesInputSchema } from '@backbone/shared/approvals';
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

const PrefsView = z.object({
  channels: z.object({ push: z.boolean(), email: z.boolean() }),
  quietHours: z.object({ from: z.string(), to: z.string(), timeZone: z.string() }).nullable(),
  language: z.string(),
  email: z.string().nullable(),
  roles: z.array(z.string()),
});
const DeviceId = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/, 'an install id');
const GrantId = z.string().regex(/^bg_[A-Za-z0-9-]{1,64}$/, 'a break-glass id');
const GrantView = z.object({
  id: z.string(),
  requester: z.string(),
  action: z.string(),
  resource: Party,
  reason: z.string(),
  minutes: z.number(),
  status: z.enum(['pending', 'active', 'expired']),
  approvals: z.array(z.object({ by: z.string(), at: z.string() })),
  requestedAt: z.string(),
  activatedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  reviewDueAt: z.string().nullable(),
  review: z.object({ by: z.string(), at: z.string(), note: z.string() }).nullable(),
  uses: z.number(),
});
const RESOURCE_TYPES = [
  'Component',
  'Agent',
  'CustomerData',
  'McpServer',
  'ExternalHost',
  'ApiKey',
  'Member',
  'Subscription',
  'Usage',
] as const;

/** approvals's routes: the Platform Portal's approval inbox (000#54) and break-glass (000#51). */
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
  'POST /v1/break-glass': {
    summary:
      "A Platform Governor asks for an emergency grant of one action on one resource (at most 60 minutes), with the reason; never Genesis' verdicts (approve or override on an Agent). Two other Governors or Deputies must approve it.",
    access: 'user',
    body: z
      .object({
        action: z.enum(ACTIONS),
        resource: z
          .object({ type: z.enum(RESOURCE_TYPES), id: z.string().min(1).max(256), tenant: TenantIdSchema.optional() })
          .strict(),
        reason: maskedText(z.string().min(10).max(2000)),
        minutes: z.number().int().min(1).max(60).default(60),
      })
      .strict(),
    responses: { 201: GrantView },
    errors: ['POLICY-001'],
  },
  'GET /v1/break-glass': {
    summary:
      'Break-glass grants, newest first, with their approvals, uses and reviews: for platform staff (auditors included).',
    access: 'user',
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }).strict(),
    responses: { 200: z.object({ grants: z.array(GrantView) }) },
    errors: ['POLICY-001'],
  },
  'GET /v1/break-glass/:id': {
    summary: 'One break-glass grant.',
    access: 'user',
    params: z.object({ id: GrantId }),
    responses: { 200: GrantView },
    errors: ['POLICY-001', 'REQ-003'],
  },
  'POST /v1/break-glass/:id/approvals': {
    summary:
      'One approval of a pending grant, by a Governor or Deputy other than the requester and not twice; the second opens it for its minutes and sets its review due in 24 hours.',
    access: 'user',
    params: z.object({ id: GrantId }),
    responses: { 200: GrantView },
    errors: ['POLICY-001', 'REQ-003', 'REQ-008'],
  },
  'POST /v1/break-glass/:id/review': {
    summary: 'The review an opened grant demands (within 24 hours), by a Governor or Deputy other than the requester.',
    access: 'user',
    params: z.object({ id: GrantId }),
    body: z.object({ note: maskedText(z.string().min(1).max(2000)) }).strict(),
    responses: { 200: GrantView },
    errors: ['POLICY-001', 'REQ-003'],
  },
  'PUT /v1/devices/:id': {
    summary:
      "Registers (or refreshes) this install's FCM token for the signed-in user: approval pushes go to the devices of whoever holds the role asked. Refresh it when the app starts; a device not seen for 270 days is pruned.",
    access: 'user',
    params: z.object({ id: DeviceId }),
    body: z
      .object({
        token: z
          .string()
          .min(20)
          .max(4096)
          .regex(/^[\x21-\x7e]+$/, 'an FCM token'),
        platform: z.enum(['android', 'ios', 'web']),
      })
      .strict(),
    responses: {
      200: z.object({ id: z.string(), platform: z.string(), roles: z.array(z.string()), lastSeenAt: z.string() }),
    },
  },
  'DELETE /v1/devices/:id': {
    summary: "Removes one of the signed-in user's devices (sign-out on that install).",
    access: 'user',
    params: z.object({ id: DeviceId }),
    responses: { 204: z.null() },
    errors: ['REQ-003'],
  },
  'GET /v1/notification-preferences': {
    summary: "The signed-in user's notification preferences (defaults: push on, e-mail off, no quiet hours, English).",
    access: 'user',
    responses: { 200: PrefsView },
  },
  'PUT /v1/notification-preferences': {
    summary:
      "Sets the signed-in user's channels (push, e-mail to the address of their sign-in), quiet hours (pushes then arrive silently) and language; their roles are stored with them, so approvals reach them by role.",
    access: 'user',
    body: PreferencesInputSchema,
    responses: { 200: PrefsView },
  },
});
