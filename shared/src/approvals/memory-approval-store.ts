import { standing, type ApprovalRequest, type ApprovalStatus } from './approval';
import type { ApprovalStore } from './approval-store';

/** The ApprovalStore contract in memory. */
export class MemoryApprovalStore implements ApprovalStore {
  readonly requests = new Map<string, ApprovalRequest>();
  private readonly keys = new Map<string, string>();

  async current(key: string, make: () => ApprovalRequest, now: Date) {
    const existing = this.requests.get(this.keys.get(key) ?? '');
    if (existing && standing(existing, now) !== 'lapsed') return { request: structuredClone(existing), created: false };
    const request = make();
    this.requests.set(request.id, structuredClone(request));
    this.keys.set(key, request.id);
    return { request: structuredClone(request), created: true };
  }
  async get(id: string) {
    return structuredClone(this.requests.get(id));
  }
  async update(id: string, change: (r: ApprovalRequest) => ApprovalRequest | null) {
    const request = this.requests.get(id);
    if (!request) return undefined;
    const next = change(structuredClone(request));
    if (next) this.requests.set(id, structuredClone(next));
    return structuredClone(next ?? request);
  }
  async due(now: Date, limit: number) {
    return [...this.requests.values()]
      .filter((r) => r.status === 'pending' && r.nextDeadlineAt && r.nextDeadlineAt <= now)
      .sort((a, b) => a.nextDeadlineAt!.getTime() - b.nextDeadlineAt!.getTime())
      .slice(0, limit)
      .map((r) => structuredClone(r));
  }
  async unannounced(limit: number) {
    return [...this.requests.values()]
      .filter((r) => r.status === 'pending' && !r.announced)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .slice(0, limit)
      .map((r) => structuredClone(r));
  }
  async list(status: ApprovalStatus, limit: number) {
    return [...this.requests.values()]
      .filter((r) => r.status === status)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, limit)
      .map((r) => structuredClone(r));
  }
}
