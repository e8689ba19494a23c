import { serveSchedule } from '@backbone/shared/gcp';
import { FirestoreBillingStore } from '@backbone/shared/billing/gcp';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { OutboxSweeperConfigSchema } from './schema';

serveSchedule(manifest, OutboxSweeperConfigSchema, ({ logger, db, publisher, security }) => {
  const billing = new FirestoreBillingStore(db);
  const agents = new FirestoreAgentStore(db);
  return makeHandler(
    {
      outboxes: [
        { name: 'billing', drainOutbox: (p, now) => billing.drainOutbox(p, now) },
        { name: 'agents', drainOutbox: (p, now) => agents.drainOutbox(p, now) },
      ],
      publisher,
      logger,
    },
    security,
  );
});
