import { FirestoreFailureRecorder, serveEvents } from '@backbone/shared/gcp';
import { FirestoreStepStore } from '@backbone/shared/runlogs/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { RunLogIntakeConfigSchema } from './schema';

serveEvents(manifest, RunLogIntakeConfigSchema, ({ logger, db }) =>
  makeHandler({ store: new FirestoreStepStore(db), failures: new FirestoreFailureRecorder(db), logger }),
);
