import type { ArchiveManifest } from './archive';
import { archivedFields, packingRecord } from './archive-store';
import type { ArchiveClaim, ArchiveRecord, ArchiveStore } from './archive-store';

/** The ArchiveStore contract in memory. */
export class MemoryArchiveStore implements ArchiveStore {
  readonly records = new Map<string, ArchiveRecord>();
  async begin(claim: ArchiveClaim) {
    const found = this.records.get(claim.archiveId);
    if (found && found.status !== 'packing') return false;
    if (!found) this.records.set(claim.archiveId, packingRecord(claim));
    return true;
  }
  async complete(manifest: ArchiveManifest, manifestObject: string) {
    const found = this.records.get(manifest.archiveId)!;
    this.records.set(manifest.archiveId, { ...found, ...archivedFields(manifest, manifestObject) });
  }
  async get(id: string) {
    return structuredClone(this.records.get(id));
  }
  async ofTenant(tenant: string, limit: number) {
    return [...this.records.values()]
      .filter((r) => r.tenant === tenant)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .slice(0, limit)
      .map((r) => structuredClone(r));
  }
  async expired(now: Date, limit: number) {
    return [...this.records.values()]
      .filter((r) => (r.status === 'archived' || r.status === 'restored') && r.expiresAt <= now)
      .slice(0, limit)
      .map((r) => structuredClone(r));
  }
  async mark(id: string, change: { status: 'restored'; restoredAt: Date } | { status: 'deleted'; deletedAt: Date }) {
    this.records.set(id, { ...this.records.get(id)!, ...change });
  }
}
