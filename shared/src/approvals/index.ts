// The approvals domain: actions that wait for a human, with durable deadlines (000#54).
export {
  APPROVAL_CHAIN,
  ApprovalRefusedError,
  approvalKey,
  decide,
  escalate,
  expandRoles,
  GRANT_HOURS,
  holdsRole,
  newApproval,
  REFUSAL_HOURS,
  standing,
  type ApprovalEvent,
  type ApprovalRequest,
  type ApprovalStatus,
  type Party,
} from './approval';
export type { ApprovalStore } from './approval-store';
export { gateOnApproval, type ApprovalGateDeps, type GatedDecision } from './approval-gate';
export {
  APPROVERS_NEEDED,
  approveGrant,
  BreakGlassRefusedError,
  grantOpen,
  MAX_GRANT_MINUTES,
  refusesScope,
  requestGrant,
  REVIEW_HOURS,
  reviewGrant,
  type BreakGlassGrant,
  type GrantStatus,
} from './break-glass';
export type { BreakGlassStore } from './break-glass-store';
export { gateOnBreakGlass, type BreakGlassGateDeps } from './break-glass-gate';
export { approvalAsked, approvalEvents } from './approval-events';
export { announce } from './announce';
export { STALE_DEVICE_DAYS, type Device, type DeviceStore } from './device-store';
export {
  DEFAULT_PREFS,
  inQuietHours,
  LANGUAGES,
  PreferencesInputSchema,
  type NotificationPrefs,
  type PreferencesInput,
  type PreferencesStore,
} from './notification-prefs';
export type { PushMessage, PushResult, PushSender } from './push-sender';
export type { EmailMessage, EmailSender } from './email-sender';
export { LogPushSender } from './log-push-sender';
export { LogEmailSender } from './log-email-sender';
export { deliver, type DeliveryCounts, type DeliveryDeps, type Language, type Notice } from './deliver';
export { tenantNotices, type TenantNoticeType } from './tenant-notices';
export { DELIVERY_ENV, DELIVERY_SECRETS, DeliveryConfigSchema, type DeliveryConfig } from './delivery-config';
