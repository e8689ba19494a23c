import type { FinalOutcome, FinishChanges, ScrapeStore } from './scrape-store';
import { summarizeRun, type KnowledgeSource, type RunSource, type ScrapeRunRecord } from './source';

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
      const pending = [...existing.sources.values()].filter((s) => s.outcome === 'requested').map((s) => s.sourceId);
      return { created: false, pending };
    }
    const sources = new Map(sourceIds.map((id) => [id, { sourceId: id, outcome: 'requested' as const, attempts: 0 }]));
    this.runs.set(record.id, { record, sources });
    return { created: true, pending: sourceIds };
  }
  async run(id: string) {
    const run = this.runs.get(id);
    if (!run) return undefined;
    const sources = [...run.sources.values()];
    return { run: summarizeRun(run.record, sources), sources };
  }
  async sourceInRun(runId: string, sourceId: string) {
    const record = this.runs.get(runId)?.sources.get(sourceId);
    return {
      source: this.sources.get(sourceId),
      final: !record || record.outcome !== 'requested',
      attempts: record?.attempts ?? 0,
    };
  }
  async beginAttempt(runId: string, sourceId: string) {
    const record = this.runs.get(runId)?.sources.get(sourceId);
    if (!record) return { final: true, attempts: 0 };
    if (record.outcome !== 'requested') return { final: true, attempts: record.attempts };
    record.attempts++;
    return { final: false, attempts: record.attempts };
  }
  async finish(runId: string, sourceId: string, outcome: FinalOutcome, at: Date, changes: FinishChanges) {
    const record = this.runs.get(runId)?.sources.get(sourceId);
    if (!record || record.outcome !== 'requested') return false;
    Object.assign(record, { outcome, finishedAt: at, ...(changes.reason ? { reason: changes.reason } : {}) });
    const source = this.sources.get(sourceId);
    if (source && changes.source) this.sources.set(sourceId, { ...source, ...changes.source });
    return true;
  }
}
