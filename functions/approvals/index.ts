import { uuidGenerator } from '@backbone/shared/core';
import { serveHttp } from '@backbone/shared/gcp';
import {
  FirestoreApprovalStore,
  FirestoreBreakGlassStore,
  FirestoreDeviceStore,
  FirestorePreferencesStore,
} from '@backbone/shared/approvals/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { routes } from './routes';
import { ApprovalsConfigSchema } from './schema';

serveHttp(manifest, routes, ApprovalsConfigSchema, ({ logger, db, clock, source, security }) =>
  makeHandler(
    {
      approvals: new FirestoreApprovalStore(db),
      breakGlass: new FirestoreBreakGlassStore(db),
      devices: new FirestoreDeviceStore(db),
      preferences: new FirestorePreferencesStore(db),
      ids: uuidGenerator,
      audit: new FirestoreAuditLog(db),
      clock,
      source,
      logger,
    },
    security,
  ),
);
