import { FirestoreFailureRecorder, serveEvents } from '@backbone/shared/gcp';
import { embedderFromConfig, FirestoreCorpusStore } from '@backbone/shared/constitution/gcp';
import { GcsBlobReader } from './adapters/gcs-blob-reader';
import manifest from './function';
import { makeHandler } from './handler';
import { ConstitutionIngestConfigSchema } from './schema';

serveEvents(manifest, ConstitutionIngestConfigSchema, ({ config, logger, db, clock, source, publisher }) =>
  makeHandler({
    blobs: GcsBlobReader.forBucket(config.GOOGLE_CLOUD_PROJECT, config.BUCKET_SCRAPED_CONTENT),
    store: new FirestoreCorpusStore(db),
    embedder: embedderFromConfig(config),
    publisher,
    failures: new FirestoreFailureRecorder(db),
    clock,
    source,
    logger,
  }),
);
