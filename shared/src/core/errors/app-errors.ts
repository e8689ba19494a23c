import { errorCodes, type ErrorCode } from './error-codes';

/** A field-level problem, as zod reports it, safe to show the caller. */
export interface FieldIssue {
  path: string;
  message: string;
  code?: string;
}

/**
 * Base of every error Backbone raises on purpose. `code` decides the HTTP status and the
 * problem type; `detail` is safe to show the caller; `cause` is for the logs only.
 *
 * @example
 * throw new NotFoundError(`No service '${id}'`);
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly detail: string;
  readonly issues: FieldIssue[] | undefined;
  /** Extra members for the problem document (RFC 9457 extension members). */
  readonly extensions: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    detail: string,
    options: { cause?: unknown; issues?: FieldIssue[]; extensions?: Record<string, unknown> } = {},
  ) {
    super(detail, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.detail = detail;
    this.issues = options.issues;
    this.extensions = options.extensions ?? {};
  }

  get status(): number {
    return errorCodes[this.code].status;
  }
}

export class ValidationError extends AppError {
  constructor(detail: string, issues: FieldIssue[] = [], cause?: unknown) {
    super('REQ-001', detail, { issues, cause });
  }
}
export class MalformedJsonError extends AppError {
  constructor(cause?: unknown) {
    super('REQ-002', 'The request body could not be parsed as JSON.', { cause });
  }
}
export class NotFoundError extends AppError {
  constructor(detail: string) {
    super('REQ-003', detail);
  }
}
export class RouteNotFoundError extends AppError {
  constructor(path: string) {
    super('REQ-004', `No route matches ${path}.`);
  }
}
export class MethodNotAllowedError extends AppError {
  readonly allow: string[];
  constructor(method: string, allow: string[]) {
    super('REQ-005', `${method} is not allowed here; use ${allow.join(', ')}.`, { extensions: { allow } });
    this.allow = allow;
  }
}
export class UnsupportedMediaTypeError extends AppError {
  constructor(got: string | undefined, expected: string) {
    super('REQ-006', `Content-Type must be ${expected}${got ? `, not ${got}` : ''}.`);
  }
}
/** A webhook whose signature, timestamp or secret does not verify. */
export class WebhookSignatureError extends AppError {
  constructor(detail: string) {
    super('WEBHOOK-001', detail);
  }
}
export class ConflictError extends AppError {
  constructor(detail: string) {
    super('REQ-008', detail);
  }
}
/** An Idempotency-Key already used by this caller for another request (route or body). */
export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super('REQ-009', 'This Idempotency-Key was used for a different request; use a new key.');
  }
}
/** The PEP denied the caller's action; `reasons` names the deciding policies. */
export class PolicyDeniedError extends AppError {
  constructor(detail: string, reasons: string[]) {
    super('POLICY-001', detail, { extensions: { reasons } });
  }
}
/** An upload that would take the tenant's workspaces over its plan's quota. */
export class QuotaExceededError extends AppError {
  constructor(detail: string, extensions: Record<string, unknown>) {
    super('STORAGE-001', detail, { extensions });
  }
}
/** An archive past its 30 days, or deleted: nothing left to download or restore. */
export class ArchiveGoneError extends AppError {
  constructor(detail: string) {
    super('STORAGE-002', detail);
  }
}
export class PayloadTooLargeError extends AppError {
  constructor(limitBytes: number) {
    super('REQ-007', `The request body is larger than ${limitBytes} bytes.`, { extensions: { limitBytes } });
  }
}
export class ConfigError extends AppError {
  constructor(problems: string[]) {
    super('SYS-001', `Configuration is not valid:\n  - ${problems.join('\n  - ')}`, {
      extensions: { problems },
    });
  }
}
/** A failure worth retrying (a dependency timed out or is down): events are redelivered. */
export class TransientError extends AppError {
  constructor(detail: string, cause?: unknown) {
    super('SYS-002', detail, { cause });
  }
}
/** An event that can never succeed (bad payload): recorded and acknowledged, never retried. */
export class InvalidEventError extends AppError {
  constructor(detail: string, issues: FieldIssue[] = [], cause?: unknown) {
    super('EVENT-001', detail, { issues, cause });
  }
}

/** Credentials missing where required, or not verifiable: 401. */
export class AuthenticationError extends AppError {
  constructor(detail: string, cause?: unknown) {
    super('AUTH-001', detail, { cause });
  }
}
/** A verified caller this route is not for: 403. */
export class ForbiddenError extends AppError {
  constructor(detail: string) {
    super('AUTH-002', detail);
  }
}

/** Over the caller's rate limit: 429, with the RateLimit headers and Retry-After. */
export class RateLimitedError extends AppError {
  constructor(
    retryAfterSeconds: number,
    readonly headers: Record<string, string>,
  ) {
    super('RATE-001', `Too many requests; retry in ${retryAfterSeconds} s.`, {
      extensions: { retryAfterSeconds },
    });
  }
}
