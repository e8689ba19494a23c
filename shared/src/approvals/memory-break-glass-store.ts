import type { BreakGlassGrant } from './break-glass';
import type { BreakGlassStore } from './break-glass-store';

/** The BreakGlassStore contract in memory. */
export class MemoryBreakGlassStore implements BreakGlassStore {
  readonly grants = new Map<string, BreakGlassGrant>();
  async create(grant: BreakGlassGrant) {
    this.grants.set(grant.id, structuredClone(grant));
  }
  async get(id: string) {
    return structuredClone(this.grants.get(id));
  }
  async update(id: string, change: (g: BreakGlassGrant) => BreakGlassGrant | null) {
    const grant = this.grants.get(id);
    if (!grant) return undefined;
    const next = change(structuredClone(grant));
    if (next) this.grants.set(id, structuredClone(next));
    return structuredClone(next ?? grant);
  }
  async latest(key: string) {
    return structuredClone(
      [...this.grants.values()]
        .filter((g) => g.key === key)
        .sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime())[0],
    );
  }
  async list(limit: number) {
    return [...this.grants.values()]
      .sort((a, b) => b.requestedAt.getTime() - a.requestedAt.getTime())
      .slice(0, limit)
      .map((g) => structuredClone(g));
  }
}
