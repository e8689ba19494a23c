import * as functions from '@google-cloud/functions-framework';
import { Storage } from '@google-cloud/storage';
import { entryPointOf, functionContext, systemClock } from '@backbone/shared/core';
import { createFirestore, httpSecurity } from '@backbone/shared/gcp';
import { FirestoreAuditLog, GcsCheckpointStore } from '@backbone/shared/audit/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { AuditCheckpointConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, AuditCheckpointConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);
const bucket = new Storage({ projectId: config.GOOGLE_CLOUD_PROJECT }).bucket(config.BUCKET_AUDIT_ARCHIVE);

functions.http(
  entryPointOf(manifest.name),
  makeHandler(
    {
      audit: new FirestoreAuditLog(db),
      checkpoints: new GcsCheckpointStore(bucket),
      clock: systemClock,
      source: `backbone/${manifest.name}`,
      logger,
    },
    httpSecurity({ manifest, config, db, clock: systemClock }),
  ),
);
