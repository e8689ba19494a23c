import { getMessaging } from 'firebase-admin/messaging';
import { firebaseApp, FirestoreFailureRecorder, serveEvents } from '@backbone/shared/gcp';
import { FirestoreDeviceStore } from '@backbone/shared/approvals/gcp';
import { FirestoreAuditLog } from '@backbone/shared/audit/gcp';
import { FcmPushSender } from './adapters/fcm-push-sender';
import { LogPushSender } from './adapters/log-push-sender';
import manifest from './function';
import { makeHandler } from './handler';
import { NotificationsConfigSchema } from './schema';

serveEvents(manifest, NotificationsConfigSchema, ({ config, logger, db, source }) =>
  makeHandler({
    devices: new FirestoreDeviceStore(db),
    push:
      config.PUSH_SENDER === 'fcm'
        ? new FcmPushSender(getMessaging(firebaseApp(config.GOOGLE_CLOUD_PROJECT)))
        : new LogPushSender(logger),
    failures: new FirestoreFailureRecorder(db),
    audit: new FirestoreAuditLog(db),
    source,
    logger,
  }),
);
