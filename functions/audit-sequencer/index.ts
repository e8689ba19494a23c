import * as functions from '@google-cloud/functions-framework';
import { entryPointOf, functionContext, systemClock } from '@backbone/shared/core';
import { createFirestore, httpSecurity } from '@backbone/shared/gcp';
import { FirestoreAuditSequencer } from '@backbone/shared/audit/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { AuditSequencerConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, AuditSequencerConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);

functions.http(
  entryPointOf(manifest.name),
  makeHandler(
    {
      sequencer: new FirestoreAuditSequencer(db, {
        clock: systemClock,
        logger,
        intentTimeoutMs: config.AUDIT_INTENT_TIMEOUT_SECONDS * 1000,
      }),
      clock: systemClock,
      logger,
      runMs: config.AUDIT_RUN_SECONDS * 1000,
      intervalMs: config.AUDIT_ROUND_INTERVAL_MS,
    },
    httpSecurity({ manifest, config, db, clock: systemClock }),
  ),
);
