import { deliver, type DeliveryCounts, type DeliveryDeps, type PreferencesStore } from '@backbone/shared/approvals';
import { approvalText } from './messages';

/** A push lasts until the approver's deadline, and never over 24 hours (000#34). */
export const MAX_PUSH_HOURS = 24;
const RECIPIENTS_PER_ROLE = 500;

export interface NotifyDeps extends DeliveryDeps {
  preferences: PreferencesStore;
}

interface StepEvent {
  id: string;
  type: string;
  data: { approvalId: string; approverRole: string; deadlineAt: string; action: string };
}

/** An approval step to whoever holds the role asked, expiring with the approver's deadline. */
export async function notifyApprovers(deps: NotifyDeps, event: StepEvent, now: Date): Promise<DeliveryCounts> {
  const role = event.data.approverRole;
  const [devices, people] = await Promise.all([
    deps.devices.withRole(role, RECIPIENTS_PER_ROLE),
    deps.preferences.withRole(role, RECIPIENTS_PER_ROLE),
  ]);
  const expiresAt = new Date(Math.min(Date.parse(event.data.deadlineAt), now.getTime() + MAX_PUSH_HOURS * 3_600_000));
  return deliver(
    deps,
    {
      eventId: event.id,
      devices,
      people,
      text: (language) => approvalText(language, event.type),
      reference: event.data.approvalId,
      data: { type: event.type, approvalId: event.data.approvalId, expiresAt: expiresAt.toISOString() },
      collapseKey: event.data.approvalId,
      expiresAt,
    },
    now,
  );
}
