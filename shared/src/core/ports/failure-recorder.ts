import type { ErrorCode } from '../errors/error-codes';

/** A message that can never succeed, kept for an operator to inspect and replay. */
export interface DeadLetter {
  /** Idempotent on this: a redelivered bad message is recorded once. */
  id: string;
  function: string;
  code: ErrorCode;
  reason: string;
  /** The message as received, masked. */
  payload: unknown;
  receivedAt: Date;
}

export interface FailureRecorder {
  record(letter: DeadLetter): Promise<void>;
}
