import type { Firestore } from '@google-cloud/firestore';
import type { Logger } from '../core/logging/logger';
import { firebaseApp } from '../gcp/http-security';
import type { DeliveryConfig } from './delivery-config';
import type { DeliveryDeps } from './deliver';
import { FcmPushSender } from './fcm-push-sender';
import { FirestoreDeviceStore } from './firestore-device-store';
import { LogEmailSender } from './log-email-sender';
import { LogPushSender } from './log-push-sender';
import { SendGridEmailSender } from './sendgrid-email-sender';

/** FCM and SendGrid as configured (the log senders only where the config says local). */
export function deliveryChannels(config: DeliveryConfig, db: Firestore, logger: Logger): DeliveryDeps {
  return {
    devices: new FirestoreDeviceStore(db),
    push:
      config.PUSH_SENDER === 'fcm'
        ? new FcmPushSender(firebaseApp(config.GOOGLE_CLOUD_PROJECT))
        : new LogPushSender(logger),
    email:
      config.EMAIL_SENDER === 'sendgrid'
        ? new SendGridEmailSender(config.SENDGRID_API_KEY!, config.EMAIL_FROM)
        : new LogEmailSender(logger),
    logger,
  };
}
