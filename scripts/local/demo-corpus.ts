import type { Firestore } from '@google-cloud/firestore';
import { systemClock } from '@backbone/shared/core';
import { PubSubEventPublisher } from '@backbone/shared/gcp';
import { HashingEmbedder } from '@backbone/shared/constitution';
import { FirestoreCorpusStore } from '@backbone/shared/constitution/gcp';
import { ingestSampleCorpus } from '../../functions/constitutional-query/corpus';

/** The sample constitution and precedents, embedded with the shipped embedder (as the functions' default). */
export async function seedCorpus(db: Firestore, projectId: string): Promise<number> {
  const deps = {
    store: new FirestoreCorpusStore(db),
    embedder: new HashingEmbedder(256),
    publisher: PubSubEventPublisher.forProject(projectId),
    clock: systemClock,
    source: 'backbone/demo-seed',
  };
  return ingestSampleCorpus(deps);
}
