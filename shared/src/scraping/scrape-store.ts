import type { KnowledgeSource, RunSource, ScrapeRun, ScrapeRunRecord, SourceOutcome } from './source';

export type FinalOutcome = Exclude<SourceOutcome, 'requested'>;

export interface SourceInRun {
  source: KnowledgeSource | undefined;
  final: boolean;
  attempts: number;
}

/** A counted attempt; `mark` is the store's own token of the write that counted it. */
export interface Attempt {
  final: boolean;
  attempts: number;
  mark?: unknown;
}

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
  /** The source and its state in the run, read together; `final` when its outcome is settled already. */
  sourceInRun(runId: string, sourceId: string): Promise<SourceInRun>;
  /**
   * Counts one fetch attempt; `final` when this source's outcome in the run is settled already.
   * `seen`: the state the caller has just read (`sourceInRun`), so it is not read again.
   */
  beginAttempt(runId: string, sourceId: string, seen?: SourceInRun): Promise<Attempt>;
  /**
   * Settles a source's outcome in the run (once: a second call is ignored and answers false),
   * together with the changes to the source itself. With the attempt's `mark`, while nothing
   * else has touched the run's record since, this is one conditional write.
   */
  finish(
    runId: string,
    sourceId: string,
    outcome: FinalOutcome,
    at: Date,
    changes: FinishChanges,
    mark?: unknown,
  ): Promise<boolean>;
}

/** What settling an attempt changes besides its outcome: the reason, and the source itself. */
export type FinishChanges = { reason?: string; source?: Partial<KnowledgeSource> };
