import type { z } from 'zod';
import type { FieldIssue } from './app-errors';

/** zod's issues as the caller sees them: a dotted path and a message. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
    code: issue.code,
  }));
}
