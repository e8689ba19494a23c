import { batchName, type AuditBatch } from './archive-batch';
import type { AuditArchive } from './audit-archive';

/** The AuditArchive contract in memory (write-once, like the bucket). */
export class MemoryAuditArchive implements AuditArchive {
  readonly objects = new Map<string, { batch: AuditBatch; ndjson: Buffer }>();
  async seal(batch: AuditBatch, ndjson: Buffer) {
    const found = this.objects.get(batchName(batch));
    if (found) return { status: 'exists' as const, batch: structuredClone(found.batch) };
    this.objects.set(batchName(batch), { batch: structuredClone(batch), ndjson: Buffer.from(ndjson) });
    return { status: 'written' as const, batch };
  }
  async batches() {
    return [...this.objects.keys()].sort().map((k) => structuredClone(this.objects.get(k)!.batch));
  }
  async read(batch: AuditBatch) {
    return Buffer.from(this.objects.get(batchName(batch))!.ndjson);
  }
}
