import type { BlobWriter } from '../core/ports/blob-writer';
import type { HostGate, HostLease } from '../../../functions/scraping-worker/host-gate';
import type { FinalOutcome, ScrapeStore } from './scrape-store';
import { summarizeRun, type KnowledgeSource, type RunSource, type ScrapeRunRecord } from './source';

/** The HostGate contract in one process; records the most requests ever in flight per host. */
export class MemoryHostGate implements HostGate {
  readonly inFlight = new Map<string, number>();
  readonly maxInFlight = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly nextStart = new Map<string, number>();
  private seq = 0;

  constructor(private readonly now: () => number = Date.now) {}

  async acquire(host: string, options: { limit: number; spacingMs: number }): Promise<HostLease> {
    for (;;) {
      const paused = (this.pausedUntil.get(host) ?? 0) - this.now();
      if (paused > 0) await new Promise((r) => setTimeout(r, paused));
      else if ((this.inFlight.get(host) ?? 0) < options.limit) break;
      else await new Promise((r) => setTimeout(r, 5));
    }
    const count = (this.inFlight.get(host) ?? 0) + 1;
    this.inFlight.set(host, count);
    this.maxInFlight.set(host, Math.max(count, this.maxInFlight.get(host) ?? 0));
    if (options.spacingMs > 0) {
      const start = Math.max(this.now(), this.nextStart.get(host) ?? 0);
      this.nextStart.set(host, start + options.spacingMs);
      await new Promise((r) => setTimeout(r, start - this.now()));
    }
    return { host, id: String(++this.seq) };
  }

  async release(lease: HostLease): Promise<void> {
    this.inFlight.set(lease.host, (this.inFlight.get(lease.host) ?? 1) - 1);
  }

  async pause(host: string, untilMs: number): Promise<void> {
    this.pausedUntil.set(host, Math.max(untilMs, this.pausedUntil.get(host) ?? 0));
  }
}

/** The ScrapeStore contract in memory. */
export class MemoryScrapeStore implements ScrapeStore {
  readonly sources = new Map<string, KnowledgeSource>();
  readonly runs = new Map<string, { record: ScrapeRunRecord; sources: Map<string, RunSource> }>();

  async listSources(filter: { status?: KnowledgeSource['status'] } = {}) {
    return [...this.sources.values()].filter((s) => !filter.status || s.status === filter.status);
  }
  async source(id: string) {
    return this.sources.get(id);
  }
  async putSource(source: KnowledgeSource) {
    this.sources.set(source.id, source);
  }
  async createRun(record: ScrapeRunRecord, sourceIds: string[]) {
    const existing = this.runs.get(record.id);
    if (existing) {
      const pending = [...existing.sources.values()]
        .filter((s) => s.outcome === 'requested')
        .map((s) => s.sourceId);
      return { created: false, pending };
    }
    const sources = new Map(
      sourceIds.map((id) => [id, { sourceId: id, outcome: 'requested' as const, attempts: 0 }]),
    );
    this.runs.set(record.id, { record, sources });
    return { created: true, pending: sourceIds };
  }
  async run(id: string) {
    const run = this.runs.get(id);
    if (!run) return undefined;
    const sources = [...run.sources.values()];
    return { run: summarizeRun(run.record, sources), sources };
  }
  async beginAttempt(runId: string, sourceId: string) {
    const record = this.runs.get(runId)?.sources.get(sourceId);
    if (!record) return { final: true, attempts: 0 };
    if (record.outcome !== 'requested') return { final: true, attempts: record.attempts };
    record.attempts++;
    return { final: false, attempts: record.attempts };
  }
  async finish(
    runId: string,
    sourceId: string,
    outcome: FinalOutcome,
    at: Date,
    changes: { reason?: string; source?: Partial<KnowledgeSource> },
  ) {
    const record = this.runs.get(runId)?.sources.get(sourceId);
    if (!record || record.outcome !== 'requested') return false;
    Object.assign(record, { outcome, finishedAt: at, ...(changes.reason ? { reason: changes.reason } : {}) });
    const source = this.sources.get(sourceId);
    if (source && changes.source) this.sources.set(sourceId, { ...source, ...changes.source });
    return true;
  }
}

/** Write-once blobs in memory. */
export class MemoryBlobWriter implements BlobWriter {
  readonly blobs = new Map<string, { content: string; contentType: string }>();
  async writeOnce(path: string, content: string, contentType: string) {
    if (this.blobs.has(path)) return 'exists' as const;
    this.blobs.set(path, { content, contentType });
    return 'written' as const;
  }
}
