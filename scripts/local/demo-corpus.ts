import type { Firestore } from '@google-cloud/firestore';
import { systemClock } from '@backbone/shared/core';
import { PubSubEventPublisher } from '@backbone/shared/gcp';
import {
  HashingEmbedder,
  ingestDocument,
  PrecedentSeedSchema,
  splitConstitution,
  splitPrecedents,
} from '@backbone/shared/constitution';
import { FirestoreCorpusStore } from '@backbone/shared/constitution/gcp';
import { SAMPLE_CONSTITUTION, SAMPLE_PRECEDENTS } from '../../functions/constitutional-query/corpus';

/** The sample constitution and precedents, embedded with the shipped embedder (as the functions' default). */
export async function seedCorpus(db: Firestore, projectId: string): Promise<number> {
  const deps = {
    store: new FirestoreCorpusStore(db),
    embedder: new HashingEmbedder(256),
    publisher: PubSubEventPublisher.forProject(projectId),
    clock: systemClock,
    source: 'backbone/demo-seed',
  };
  await ingestDocument(deps, 'constitution', 'constitution', splitConstitution('constitution', SAMPLE_CONSTITUTION));
  const result = await ingestDocument(
    deps,
    'precedents',
    'precedent',
    splitPrecedents('precedents', PrecedentSeedSchema.parse(SAMPLE_PRECEDENTS)),
  );
  return result.corpusVersion;
}
