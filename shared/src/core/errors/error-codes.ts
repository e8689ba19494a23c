/**
 * The registry of Backbone's application error codes (000#44). Every problem+json answer and
 * every recorded failure carries one of these codes; ranges belong to a domain:
 * REQ request shape, AUTH identity, POLICY decisions, TRIAL trial limits, AGENT agents,
 * PAYMENT billing, STORAGE workspaces and archives, RATE rate limits, EVENT event delivery, SYS the platform itself.
 */
export const errorCodes = {
  'REQ-001': { status: 400, title: 'The request is not valid' },
  'REQ-002': { status: 400, title: 'The request body is not valid JSON' },
  'REQ-003': { status: 404, title: 'No such resource' },
  'REQ-004': { status: 404, title: 'No such route' },
  'REQ-005': { status: 405, title: 'Method not allowed' },
  'REQ-006': { status: 415, title: 'Unsupported media type' },
  'REQ-007': { status: 413, title: 'Request body too large' },
  'REQ-008': { status: 409, title: 'Conflict with the current state' },
  'REQ-009': { status: 422, title: 'Idempotency key reused for a different request' },
  'AUTH-001': { status: 401, title: 'Authentication required' },
  'AUTH-002': { status: 403, title: 'Not allowed' },
  'POLICY-001': { status: 403, title: 'Denied by policy' },
  'TRIAL-002': { status: 403, title: 'Trial limit reached' },
  'AGENT-003': { status: 409, title: 'Agent state conflict' },
  'PAYMENT-004': { status: 402, title: 'Payment problem' },
  'STORAGE-001': { status: 409, title: 'Storage quota exceeded' },
  'STORAGE-002': { status: 410, title: 'The archive has expired or was deleted' },
  'WEBHOOK-001': { status: 400, title: 'The webhook signature is not valid' },
  'RATE-001': { status: 429, title: 'Too many requests' },
  'EVENT-001': { status: 400, title: 'The event is not valid' },
  'SYS-001': { status: 500, title: 'Configuration is not valid' },
  'SYS-002': { status: 503, title: 'A dependency is unavailable, retry later' },
  'SYS-500': { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof errorCodes;

/** The problem type URI of a code (RFC 9457 `type`). */
export function problemType(code: ErrorCode): string {
  return `urn:backbone:problem:${code}`;
}
