import * as functions from '@google-cloud/functions-framework';
import { Storage } from '@google-cloud/storage';
import { entryPointOf, functionContext, systemClock } from '@backbone/shared/core';
import { createFirestore, FirestoreFailureRecorder, PubSubEventPublisher } from '@backbone/shared/gcp';
import { embedderFromConfig, FirestoreCorpusStore } from '@backbone/shared/constitution/gcp';
import { GcsBlobReader } from './adapters/gcs-blob-reader';
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
