import { TransientError, type Logger } from '@backbone/shared/core';
import {
  DEFAULT_PREFS,
  inQuietHours,
  STALE_DEVICE_DAYS,
  type Device,
  type DeviceStore,
  type PreferencesInput,
  type PreferencesStore,
} from '@backbone/shared/approvals';
import type { EmailSender } from './email-sender';
import { approvalText } from './messages';
import type { PushMessage, PushSender } from './push-sender';

/** A push lasts until the approver's deadline, and never over 24 hours (000#34). */
export const MAX_PUSH_HOURS = 24;
const RECIPIENTS_PER_ROLE = 500;

export interface NotifyDeps {
  devices: DeviceStore;
  preferences: PreferencesStore;
  push: PushSender;
  email: EmailSender;
  logger: Logger;
}

interface StepEvent {
  id: string;
  type: string;
  data: { approvalId: string; approverRole: string; deadlineAt: string; action: string };
}

/**
 * An approval step to whoever holds the role asked, by the channels each chose (push by default,
 * e-mail when asked for), in their language: each device and address at most once per event (a
 * redelivery sends only what did not go); during a user's quiet hours pushes arrive silently.
 * Tokens FCM calls invalid and devices not seen for 270 days are pruned. What could not be
 * delivered now is retried by Pub/Sub with backoff (the event is thrown back).
 */
export async function notifyApprovers(
  deps: NotifyDeps,
  event: StepEvent,
  now: Date,
): Promise<{ sent: number; emailed: number; pruned: number; retry: number }> {
  const role = event.data.approverRole;
  const [devices, chosen] = await Promise.all([
    deps.devices.withRole(role, RECIPIENTS_PER_ROLE),
    deps.preferences.withRole(role, RECIPIENTS_PER_ROLE),
  ]);
  const prefsOf = new Map(chosen.map((p) => [p.uid, p]));
  const prefs = (uid: string): PreferencesInput => prefsOf.get(uid) ?? DEFAULT_PREFS;
  const expiresAt = new Date(Math.min(Date.parse(event.data.deadlineAt), now.getTime() + MAX_PUSH_HOURS * 3_600_000));
  const staleBefore = now.getTime() - STALE_DEVICE_DAYS * 86_400_000;
  const counts = { sent: 0, emailed: 0, pruned: 0, retry: 0 };

  const live: Device[] = [];
  for (const device of devices) {
    if (device.lastSeenAt.getTime() < staleBefore) {
      await deps.devices.remove(device.uid, device.id);
      counts.pruned++;
    } else if (prefs(device.uid).channels.push && !(await deps.devices.wasSent(event.id, device))) live.push(device);
  }
  const messages: PushMessage[] = live.map((device) => {
    const choice = prefs(device.uid);
    return {
      token: device.token,
      ...approvalText(choice.language, event.type),
      data: { type: event.type, approvalId: event.data.approvalId, expiresAt: expiresAt.toISOString() },
      collapseKey: event.data.approvalId,
      expiresAt,
      silent: inQuietHours(choice, now),
    };
  });
  const results = messages.length > 0 ? await deps.push.send(messages) : [];
  for (const [i, result] of results.entries()) {
    const device = live[i]!;
    if (result === 'sent') {
      await deps.devices.markSent(event.id, device);
      counts.sent++;
    } else if (result === 'invalid_token') {
      await deps.devices.remove(device.uid, device.id);
      counts.pruned++;
    } else counts.retry++;
  }

  for (const person of chosen.filter((p) => p.channels.email && p.email)) {
    const mailbox = { uid: person.uid, id: 'email' } as Device;
    if (await deps.devices.wasSent(event.id, mailbox)) continue;
    const text = approvalText(person.language, event.type);
    try {
      await deps.email.send({
        to: person.email!,
        subject: text.title,
        text: `${text.body}\n\n${event.data.approvalId}`,
        idempotencyKey: `${event.id}:${person.uid}`,
      });
      await deps.devices.markSent(event.id, mailbox);
      counts.emailed++;
    } catch (error) {
      if (error instanceof TransientError) counts.retry++;
      else deps.logger.warn('e-mail refused by the provider', { uid: person.uid, error: String(error) });
    }
  }
  if (counts.retry > 0) throw new TransientError(`${counts.retry} notifications must be retried.`);
  return counts;
}
