// Jest global teardown (integration project): every query the emulator tests ran must be served
// by a built-in single-field index or by one in firestore.indexes.json. A new query without its
// index fails the run, here, rather than in production.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { coverageProblem, type IndexFile, type RecordedQuery } from './index-rules';
import { QUERY_LOG_DIR } from './query-log-dir';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

export function recordedQueries(dir = QUERY_LOG_DIR): Map<string, { query: RecordedQuery; sites: Set<string> }> {
  const byShape = new Map<string, { query: RecordedQuery; sites: Set<string> }>();
  if (!existsSync(dir)) return byShape;
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.jsonl'))) {
    for (const line of readFileSync(path.join(dir, name), 'utf8').split('\n')) {
      if (!line) continue;
      const { site, ...query } = JSON.parse(line) as RecordedQuery;
      const key = JSON.stringify(query);
      const entry = byShape.get(key) ?? { query, sites: new Set<string>() };
      if (site) entry.sites.add(site);
      byShape.set(key, entry);
    }
  }
  return byShape;
}

export default async function checkRecordedQueries(): Promise<void> {
  const indexes = JSON.parse(readFileSync(path.join(ROOT, 'firestore.indexes.json'), 'utf8')) as IndexFile;
  const queries = recordedQueries();
  const problems: string[] = [];
  for (const { query, sites } of queries.values()) {
    const problem = coverageProblem(query, indexes);
    if (problem) problems.push(`${problem}\n    issued at ${[...sites].join('\n    and at ') || '(unknown)'}`);
  }
  writeFileSync(
    path.join(QUERY_LOG_DIR, 'summary.txt'),
    `${queries.size} query shapes recorded, ${problems.length} without an index\n${problems.join('\n')}\n`,
  );
  if (queries.size === 0) throw new Error('index coverage: no Firestore query was recorded (is the recorder set up?)');
  if (problems.length > 0)
    throw new Error(`index coverage: ${problems.length} queries have no index in production:\n${problems.join('\n')}`);
  console.log(`\nindex coverage: ${queries.size} query shapes recorded, each served by an index`);
}
