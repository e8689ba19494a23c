import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ingestDocument, PrecedentSeedSchema, splitConstitution, splitPrecedents } from '@backbone/shared/constitution';

/** The demo corpus committed with Backbone: the platform constitution and its precedent seeds. */
export const SAMPLE_CONSTITUTION = readFileSync(path.join(__dirname, 'constitution.md'), 'utf8');
export const SAMPLE_PRECEDENTS: unknown = JSON.parse(readFileSync(path.join(__dirname, 'precedents.json'), 'utf8'));

/** Ingests the sample constitution and precedents (for demo data and tests); answers the corpus version after. */
export async function ingestSampleCorpus(deps: Parameters<typeof ingestDocument>[0]): Promise<number> {
  const constitution = splitConstitution('constitution', SAMPLE_CONSTITUTION);
  await ingestDocument(deps, 'constitution', 'constitution', constitution);
  const precedents = splitPrecedents('precedents', PrecedentSeedSchema.parse(SAMPLE_PRECEDENTS));
  return (await ingestDocument(deps, 'precedents', 'precedent', precedents)).corpusVersion;
}
