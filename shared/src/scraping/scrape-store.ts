import type { KnowledgeSource, RunSource, ScrapeRun, ScrapeRunRecord, SourceOutcome } from './source';

export type FinalOutcome = Exclude<SourceOutcome, 'requested'>;

/** Knowledge sources and scrape runs (000#19). Every transition is applied once. */
export interface ScrapeStore {
  listSources(filter?: { status?: KnowledgeSource['status'] }): Promise<KnowledgeSource[]>;
  source(id: string): Promise<KnowledgeSource | undefined>;
  putSource(source: KnowledgeSource): Promise<void>;
  /**
   * Creates the run and one `requested` record per source, unless the run exists already (a
   * retried firing). Answers the sources still `requested`, to be published (again).
   */
  createRun(run: ScrapeRunRecord, sourceIds: string[]): Promise<{ created: boolean; pending: string[] }>;
  run(id: string): Promise<{ run: ScrapeRun; sources: RunSource[] } | undefined>;
  /** Counts one fetch attempt; `final` when this source's outcome in the run is settled already. */
  beginAttempt(runId: string, sourceId: string): Promise<{ final: boolean; attempts: number }>;
  /**
   * Settles a source's outcome in the run (once: a second call is ignored and answers false),
   * together with the changes to the source itself.
   */
  finish(
    runId: string,
    sourceId: string,
    outcome: FinalOutcome,
    at: Date,
    changes: { reason?: string; source?: Partial<KnowledgeSource> },
  ): Promise<boolean>;
}
