import { FirestoreFailureRecorder, FirestoreIdempotencyStore, serveEvents } from '@backbone/shared/gcp';
import { FirestoreTicketStore } from './adapters/firestore-ticket-store';
import manifest from './function';
import { makeHandler } from './handler';
import { IncidentTicketsConfigSchema } from './schema';

serveEvents(manifest, IncidentTicketsConfigSchema, ({ logger, db, publisher, source }) =>
  makeHandler({
    tickets: new FirestoreTicketStore(db),
    idempotency: new FirestoreIdempotencyStore(db),
    failures: new FirestoreFailureRecorder(db),
    publisher,
    source,
    logger,
  }),
);
