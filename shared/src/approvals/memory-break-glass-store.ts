import type { BreakGlassGrant } from './break-glass';
import type { BreakGlassStore } from './break-glass-store';
import { MemoryRecords } from './memory-records';

const newestFirst = (a: BreakGlassGrant, b: BreakGlassGrant) => b.requestedAt.getTime() - a.requestedAt.getTime();

/** The BreakGlassStore contract in memory. */
export class MemoryBreakGlassStore implements BreakGlassStore {
  private readonly grants = new MemoryRecords<BreakGlassGrant>();
  async create(grant: BreakGlassGrant) {
    this.grants.put(grant.id, grant);
  }
  async get(id: string) {
    return this.grants.get(id);
  }
  async update(id: string, change: (g: BreakGlassGrant) => BreakGlassGrant | null) {
    return this.grants.update(id, change);
  }
  async latest(key: string) {
    return this.grants.select((g) => g.key === key, newestFirst, 1)[0];
  }
  async list(limit: number) {
    return this.grants.select(() => true, newestFirst, limit);
  }
}
