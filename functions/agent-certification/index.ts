import { FirestoreFailureRecorder, serveEvents } from '@backbone/shared/gcp';
import { FirestoreAgentStore } from '@backbone/shared/agents/gcp';
import { HttpGenesisClient } from './adapters/http-genesis-client';
import manifest from './function';
import { makeHandler } from './handler';
import { AgentCertificationConfigSchema } from './schema';

serveEvents(manifest, AgentCertificationConfigSchema, ({ config, logger, db }) =>
  makeHandler({
    store: new FirestoreAgentStore(db),
    genesis: new HttpGenesisClient(config.GENESIS_URL, config.GENESIS_SIGNING_SECRET, config.GENESIS_TIMEOUT_MS),
    callbackUrl: config.GENESIS_CALLBACK_URL,
    failures: new FirestoreFailureRecorder(db),
    logger,
  }),
);
