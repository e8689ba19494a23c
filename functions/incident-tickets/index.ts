import * as functions from '@google-cloud/functions-framework';
import { entryPointOf, functionContext } from '@backbone/shared/core';
import { createFirestore, FirestoreFailureRecorder, FirestoreIdempotencyStore } from '@backbone/shared/gcp';
import { FirestoreTicketStore } from './adapters/firestore-ticket-store';
import manifest from './function';
import { makeHandler } from './handler';
import { IncidentTicketsConfigSchema } from './schema';

const { config, logger } = functionContext(manifest, IncidentTicketsConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);

functions.cloudEvent(
  entryPointOf(manifest.name),
  makeHandler({
    tickets: new FirestoreTicketStore(db),
    idempotency: new FirestoreIdempotencyStore(db),
    failures: new FirestoreFailureRecorder(db),
    logger,
  }),
);
