import { firebaseApp, FirestoreFailureRecorder, serveEvents } from '@backbone/shared/gcp';
import {
  FcmPushSender,
  FirestoreDeviceStore,
  FirestorePreferencesStore,
  SendGridEmailSender,
} from '@backbone/shared/approvals/gcp';
import { LogEmailSender, LogPushSender } from '@backbone/shared/approvals';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import manifest from './function';
import { makeHandler } from './handler';
import { NotificationsConfigSchema } from './schema';

serveEvents(manifest, NotificationsConfigSchema, ({ config, logger, db, source }) =>
  makeHandler({
    devices: new FirestoreDeviceStore(db),
    preferences: new FirestorePreferencesStore(db),
    email:
      config.EMAIL_SENDER === 'sendgrid'
        ? new SendGridEmailSender(config.SENDGRID_API_KEY!, config.EMAIL_FROM)
        : new LogEmailSender(logger),
    push:
      config.PUSH_SENDER === 'fcm'
        ? new FcmPushSender(firebaseApp(config.GOOGLE_CLOUD_PROJECT))
        : new LogPushSender(logger),
    failures: new FirestoreFailureRecorder(db),
    audit: new FirestoreAuditLog(db),
    source,
    logger,
  }),
);
