// The approvals domain's Google adapters.
export { FirestoreApprovalStore } from './firestore-approval-store';
export { FirestoreBreakGlassStore } from './firestore-break-glass-store';
export { FirestoreDeviceStore } from './firestore-device-store';
export { FirestorePreferencesStore } from './firestore-preferences-store';
export { FcmPushSender, toFcm } from './fcm-push-sender';
export { SendGridEmailSender } from './sendgrid-email-sender';
export { deliveryChannels } from './delivery-channels';
