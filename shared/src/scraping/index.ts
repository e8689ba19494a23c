// The scraping domain: its rules, schemas and ports (no Google SDK; adapters are in ./gcp).
export {
  ACCEPTED_CONTENT_TYPES,
  isDue,
  KnowledgeSourceSchema,
  newSource,
  ScrapeRequestSchema,
  SOURCE_OUTCOMES,
  summarizeRun,
  type KnowledgeSource,
  type RunSource,
  type ScrapeRequest,
  type ScrapeRun,
  type ScrapeRunRecord,
  type SourceOutcome,
} from './source';
export type { Attempt, FinalOutcome, ScrapeStore, SourceInRun } from './scrape-store';
export { startRun, type StartRunInput } from './start-run';
export { knowledgeEvents, scrapeRequests } from './scraping-events';
