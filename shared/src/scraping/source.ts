import { z } from 'zod';

/** Content types a source may answer with. */
export const ACCEPTED_CONTENT_TYPES = ['text/html', 'application/xhtml+xml', 'text/plain', 'text/markdown'] as const;

/** `knowledge_sources/{id}`: a page the Industry Manager wants followed (000#19). */
export const KnowledgeSourceSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
  url: z.url({ protocol: /^https?$/ }),
  industry: z.string().min(1).max(64),
  /** How often it is due: every daily run, or once a week. */
  schedule: z.enum(['daily', 'weekly']).default('daily'),
  parserHints: z.object({ language: z.string().max(16).optional() }).default({}),
  enabled: z.boolean().default(true),
  status: z.enum(['never', 'ok', 'failing']).default('never'),
  lastFetchedAt: z.date().optional(),
  lastHash: z.string().optional(),
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  /** Content versions written so far. */
  version: z.number().int().nonnegative().default(0),
  failure: z.object({ reason: z.string(), at: z.date(), runId: z.string() }).nullable().optional(),
});
export type KnowledgeSource = z.infer<typeof KnowledgeSourceSchema>;

/** A source as registered: due daily, enabled, never fetched, unless `input` says otherwise. */
export const newSource = (input: z.input<typeof KnowledgeSourceSchema>): KnowledgeSource =>
  KnowledgeSourceSchema.parse(input);

/** One scrape request on the `scrape-requests` topic. */
export const ScrapeRequestSchema = z.object({
  runId: z.string().min(1).max(128),
  sourceId: z.string().min(1).max(63),
});
export type ScrapeRequest = z.infer<typeof ScrapeRequestSchema>;

export const SOURCE_OUTCOMES = ['requested', 'updated', 'unchanged', 'failed', 'skipped'] as const;
export type SourceOutcome = (typeof SOURCE_OUTCOMES)[number];

/** A run's per-source record. */
export interface RunSource {
  sourceId: string;
  outcome: SourceOutcome;
  attempts: number;
  reason?: string;
  finishedAt?: Date;
}

/** `scrape_runs/{id}` as stored: one scheduled or operator-started run. */
export interface ScrapeRunRecord {
  id: string;
  trigger: 'schedule' | 'operator';
  requestedBy: string;
  requestedAt: Date;
  total: number;
}

/**
 * A run as read: outcomes are counted from its per-source records when read (no shared counter
 * document for every worker to contend on); finished when every source is settled.
 */
export interface ScrapeRun extends ScrapeRunRecord {
  counts: Record<SourceOutcome, number>;
  status: 'running' | 'finished';
  finishedAt?: Date;
}

export function summarizeRun(record: ScrapeRunRecord, sources: RunSource[]): ScrapeRun {
  const counts = Object.fromEntries(SOURCE_OUTCOMES.map((o) => [o, 0])) as Record<SourceOutcome, number>;
  for (const s of sources) counts[s.outcome]++;
  const finished = counts.requested === 0;
  const last = sources.reduce<Date | undefined>(
    (max, s) => (s.finishedAt && (!max || s.finishedAt > max) ? s.finishedAt : max),
    undefined,
  );
  return {
    ...record,
    counts,
    status: finished ? 'finished' : 'running',
    ...(finished && last ? { finishedAt: last } : {}),
  };
}

/** Is a source due in a run at `now`? */
export function isDue(source: KnowledgeSource, now: Date): boolean {
  if (!source.enabled) return false;
  if (source.schedule === 'daily' || !source.lastFetchedAt) return true;
  return now.getTime() - source.lastFetchedAt.getTime() >= 7 * 86_400_000 - 3_600_000;
}
