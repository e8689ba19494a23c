import { serveSchedule } from '@backbone/shared/gcp';
import { FirestoreApprovalStore } from '@backbone/shared/approvals/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { ApprovalsSweeperConfigSchema } from './schema';

serveSchedule(manifest, ApprovalsSweeperConfigSchema, ({ logger, db, clock, source, publisher, security }) =>
  makeHandler(
    { approvals: new FirestoreApprovalStore(db), audit: new FirestoreAuditLog(db), clock, source, publisher, logger },
    security,
  ),
);
