import * as functions from '@google-cloud/functions-framework';
import {
  createFirestore,
  createLogger,
  entryPointOf,
  FirestoreFailureRecorder,
  FirestoreIdempotencyStore,
  FirestoreTicketStore,
  loadConfig,
} from '@backbone/shared';
import manifest from './function';
import { makeHandler } from './handler';
import { IncidentTicketsConfigSchema } from './schema';

const config = loadConfig(IncidentTicketsConfigSchema);
const db = createFirestore(config.GOOGLE_CLOUD_PROJECT);

functions.cloudEvent(
  entryPointOf(manifest.name),
  makeHandler({
    tickets: new FirestoreTicketStore(db),
    idempotency: new FirestoreIdempotencyStore(db),
    failures: new FirestoreFailureRecorder(db),
    logger: createLogger({
      service: manifest.name,
      projectId: config.GOOGLE_CLOUD_PROJECT,
      level: config.LOG_LEVEL,
    }),
  }),
);
