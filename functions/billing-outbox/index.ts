import { serveSchedule } from '@backbone/shared/gcp';
import { FirestoreBillingStore } from '@backbone/shared/billing/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { BillingOutboxConfigSchema } from './schema';

serveSchedule(manifest, BillingOutboxConfigSchema, ({ logger, db, publisher, security }) =>
  makeHandler(
    {
      store: new FirestoreBillingStore(db),
      publisher,
      logger,
    },
    security,
  ),
);
