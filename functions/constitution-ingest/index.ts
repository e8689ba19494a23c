import * as functions from '@google-cloud/functions-framework';
import { Storage } from '@google-cloud/storage';
import {
  createFirestore,
  embedderFromConfig,
  entryPointOf,
  FirestoreCorpusStore,
  FirestoreFailureRecorder,
  functionContext,
  GcsBlobReader,
  PubSubEventPublisher,
  systemClock,
} from '@backbone/shared';
import manifest from './function';
import { makeHandler } from './handler';
import { ConstitutionIngestConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, ConstitutionIngestConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);

functions.cloudEvent(
  entryPointOf(manifest.name),
  makeHandler({
    blobs: new GcsBlobReader(
      new Storage({ projectId: config.GOOGLE_CLOUD_PROJECT }).bucket(config.BUCKET_SCRAPED_CONTENT),
    ),
    store: new FirestoreCorpusStore(db),
    embedder: embedderFromConfig(config),
    publisher: PubSubEventPublisher.forProject(config.GOOGLE_CLOUD_PROJECT),
    failures: new FirestoreFailureRecorder(db),
    clock: systemClock,
    source: `backbone/${manifest.name}`,
    logger,
  }),
);
