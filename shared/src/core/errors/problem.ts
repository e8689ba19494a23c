import { AppError, type FieldIssue } from './app-errors';
import { errorCodes, problemType, type ErrorCode } from './error-codes';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** An RFC 9457 problem document, with Backbone's `code` and, for bad input, the field issues. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code: ErrorCode;
  issues?: FieldIssue[];
  [extension: string]: unknown;
}

/**
 * The problem document for an error. Unknown errors become a generic 500 whose details stay
 * in the log: nothing about them reaches the caller.
 */
export function toProblem(error: unknown, instance?: string): Problem {
  if (!(error instanceof AppError)) {
    const code: ErrorCode = 'SYS-500';
    return {
      type: problemType(code),
      title: errorCodes[code].title,
      status: 500,
      detail: 'An internal error occurred; it has been logged.',
      code,
      ...(instance ? { instance } : {}),
    };
  }
  return {
    ...error.extensions,
    type: problemType(error.code),
    title: errorCodes[error.code].title,
    status: error.status,
    detail: error.detail,
    code: error.code,
    ...(instance ? { instance } : {}),
    ...(error.issues && error.issues.length > 0 ? { issues: error.issues } : {}),
  };
}
