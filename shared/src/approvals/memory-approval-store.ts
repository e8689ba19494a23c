import { standing, type ApprovalRequest, type ApprovalStatus } from './approval';
import type { ApprovalStore } from './approval-store';
import { MemoryRecords } from './memory-records';

const byTime = (at: (r: ApprovalRequest) => Date | null | undefined, direction: 1 | -1) => {
  return (a: ApprovalRequest, b: ApprovalRequest) => direction * (at(a)!.getTime() - at(b)!.getTime());
};

/** The ApprovalStore contract in memory. */
export class MemoryApprovalStore implements ApprovalStore {
  private readonly requests = new MemoryRecords<ApprovalRequest>();
  private readonly keys = new Map<string, string>();

  async current(key: string, make: () => ApprovalRequest, now: Date) {
    const existing = this.requests.get(this.keys.get(key) ?? '');
    if (existing && standing(existing, now) !== 'lapsed') return { request: existing, created: false };
    const made = make();
    const request = this.requests.put(made.id, made);
    this.keys.set(key, request.id);
    return { request, created: true };
  }
  async get(id: string) {
    return this.requests.get(id);
  }
  async update(id: string, change: (r: ApprovalRequest) => ApprovalRequest | null) {
    return this.requests.update(id, change);
  }
  async due(now: Date, limit: number) {
    const late = (r: ApprovalRequest) => r.status === 'pending' && !!r.nextDeadlineAt && r.nextDeadlineAt <= now;
    return this.requests.select(
      late,
      byTime((r) => r.nextDeadlineAt, 1),
      limit,
    );
  }
  async unannounced(limit: number) {
    const silent = (r: ApprovalRequest) => r.status === 'pending' && !r.announced;
    return this.requests.select(
      silent,
      byTime((r) => r.createdAt, 1),
      limit,
    );
  }
  async list(status: ApprovalStatus, limit: number) {
    return this.requests.select(
      (r) => r.status === status,
      byTime((r) => r.createdAt, -1),
      limit,
    );
  }
}
