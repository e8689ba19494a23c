import * as functions from '@google-cloud/functions-framework';
import {
  createFirestore,
  entryPointOf,
  FirestoreFailureRecorder,
  FirestoreIdempotencyStore,
  FirestoreTicketStore,
  functionContext,
} from '@backbone/shared';
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
