import type { ApprovalRequest, ApprovalStatus } from './approval';

/** Where approval requests live, with one current request per key (principal, action, resource). */
export interface ApprovalStore {
  /**
   * The key's current request when it still stands (pending, or decided and within its `until`);
   * otherwise `make()` stored as the key's new current request. Atomic: concurrent callers for one
   * key get one request.
   */
  current(key: string, make: () => ApprovalRequest, now: Date): Promise<{ request: ApprovalRequest; created: boolean }>;
  get(id: string): Promise<ApprovalRequest | undefined>;
  /**
   * Reads the request, applies `change` and writes what it returns, atomically (null: nothing
   * written). Resolves with the request as stored afterwards; errors from `change` reach the caller.
   */
  update(
    id: string,
    change: (request: ApprovalRequest) => ApprovalRequest | null,
  ): Promise<ApprovalRequest | undefined>;
  /** Pending requests whose current deadline is at or before `now`, oldest deadline first. */
  due(now: Date, limit: number): Promise<ApprovalRequest[]>;
  /** Pending requests whose current step was not announced, oldest first. */
  unannounced(limit: number): Promise<ApprovalRequest[]>;
  /** Requests in a status, newest first. */
  list(status: ApprovalStatus, limit: number): Promise<ApprovalRequest[]>;
}
