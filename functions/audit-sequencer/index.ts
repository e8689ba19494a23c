import { serveSchedule } from '@backbone/shared/gcp';
import { FirestoreAuditSequencer } from '@backbone/shared/audit/gcp';
import { countAgentDecisions } from '@backbone/shared/runlogs/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { AuditSequencerConfigSchema } from './schema';

serveSchedule(manifest, AuditSequencerConfigSchema, ({ config, logger, db, clock, security }) =>
  makeHandler(
    {
      sequencer: new FirestoreAuditSequencer(db, {
        clock,
        logger,
        intentTimeoutMs: config.AUDIT_INTENT_TIMEOUT_SECONDS * 1000,
        // PEP decisions about agents count into their run stats as they are chained (004§2.2).
        alsoInRound: countAgentDecisions(db),
      }),
      clock,
      logger,
      runMs: config.AUDIT_RUN_SECONDS * 1000,
      intervalMs: config.AUDIT_ROUND_INTERVAL_MS,
    },
    security,
  ),
);
