import { TransientError, type Logger } from '@backbone/shared/core';
import { STALE_DEVICE_DAYS, type DeviceStore } from '@backbone/shared/approvals';
import type { PushMessage, PushSender } from './push-sender';

/** A push lasts until the approver's deadline, and never over 24 hours (000#34). */
export const MAX_PUSH_HOURS = 24;
const DEVICES_PER_ROLE = 500;

export interface NotifyDeps {
  devices: DeviceStore;
  push: PushSender;
  logger: Logger;
}

/**
 * Pushes an approval step to every device of whoever holds the role asked: each device at most
 * once per event (a redelivery sends only what did not go), tokens FCM calls invalid and devices
 * not seen for 270 days pruned. A device FCM could not reach now is retried by Pub/Sub with
 * backoff (the event is thrown back); after its attempts it is dead-lettered with a record.
 */
export async function notifyApprovers(
  deps: NotifyDeps,
  event: {
    id: string;
    type: string;
    data: { approvalId: string; approverRole: string; deadlineAt: string; action: string };
  },
  now: Date,
): Promise<{ sent: number; pruned: number; retry: number }> {
  const devices = await deps.devices.withRole(event.data.approverRole, DEVICES_PER_ROLE);
  const staleBefore = now.getTime() - STALE_DEVICE_DAYS * 86_400_000;
  let pruned = 0;
  const live = [];
  for (const device of devices) {
    if (device.lastSeenAt.getTime() < staleBefore) {
      await deps.devices.remove(device.uid, device.id);
      pruned++;
    } else if (!(await deps.devices.wasSent(event.id, device))) live.push(device);
  }
  const expiresAt = new Date(Math.min(Date.parse(event.data.deadlineAt), now.getTime() + MAX_PUSH_HOURS * 3_600_000));
  const messages: PushMessage[] = live.map((device) => ({
    token: device.token,
    title: event.type === 'approval.escalated' ? 'Approval escalated to you' : 'Approval requested',
    body: 'An action waits for your decision in the Platform Portal.',
    data: { type: event.type, approvalId: event.data.approvalId, expiresAt: expiresAt.toISOString() },
    collapseKey: event.data.approvalId,
    expiresAt,
  }));
  const results = messages.length > 0 ? await deps.push.send(messages) : [];
  let sent = 0;
  let retry = 0;
  for (const [i, result] of results.entries()) {
    const device = live[i]!;
    if (result === 'sent') {
      await deps.devices.markSent(event.id, device);
      sent++;
    } else if (result === 'invalid_token') {
      await deps.devices.remove(device.uid, device.id);
      pruned++;
    } else retry++;
  }
  if (retry > 0) throw new TransientError(`${retry} of ${messages.length} pushes must be retried.`);
  return { sent, pruned, retry };
}
