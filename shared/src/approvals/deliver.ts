import { TransientError } from '../core/errors/app-errors';
import type { Logger } from '../core/logging/logger';
import { STALE_DEVICE_DAYS, type Device, type DeviceStore } from './device-store';
import type { EmailSender } from './email-sender';
import { DEFAULT_PREFS, inQuietHours, type LANGUAGES, type NotificationPrefs } from './notification-prefs';
import type { PushMessage, PushSender } from './push-sender';

export type Language = (typeof LANGUAGES)[number];

export interface DeliveryDeps {
  devices: DeviceStore;
  push: PushSender;
  email: EmailSender;
  logger: Logger;
}

/** One event to a set of people, by the channels each chose. */
export interface Notice {
  /** The event's id: each device and mailbox receives it once, however often it is delivered. */
  eventId: string;
  /** The recipients' registered devices, and the preferences of those who saved any. */
  devices: Device[];
  people: NotificationPrefs[];
  /** Title and body in a recipient's language: nothing a stolen device could act on (000#34). */
  text(language: Language): { title: string; body: string };
  /** A line the e-mail adds below the body (an id the portal finds the item by). */
  reference: string;
  data: Record<string, string>;
  collapseKey: string;
  expiresAt: Date;
}

export interface DeliveryCounts {
  sent: number;
  emailed: number;
  pruned: number;
  retry: number;
}

/**
 * Push by default, e-mail when chosen, in each recipient's language; each device and address at
 * most once per event (a redelivery sends only what did not go); during a user's quiet hours pushes
 * arrive silently. Tokens FCM calls invalid and devices not seen for 270 days are pruned. What could
 * not be delivered now is thrown back (TransientError) for Pub/Sub to retry with backoff; a
 * permanent e-mail refusal is logged and given up.
 */
export async function deliver(deps: DeliveryDeps, notice: Notice, now: Date): Promise<DeliveryCounts> {
  const prefsOf = new Map(notice.people.map((p) => [p.uid, p]));
  const prefs = (uid: string) => prefsOf.get(uid) ?? DEFAULT_PREFS;
  const staleBefore = now.getTime() - STALE_DEVICE_DAYS * 86_400_000;
  const counts: DeliveryCounts = { sent: 0, emailed: 0, pruned: 0, retry: 0 };

  const live: Device[] = [];
  for (const device of notice.devices) {
    if (device.lastSeenAt.getTime() < staleBefore) {
      await deps.devices.remove(device.uid, device.id);
      counts.pruned++;
    } else if (prefs(device.uid).channels.push && !(await deps.devices.wasSent(notice.eventId, device)))
      live.push(device);
  }
  const messages: PushMessage[] = live.map((device) => {
    const choice = prefs(device.uid);
    return {
      token: device.token,
      ...notice.text(choice.language),
      data: notice.data,
      collapseKey: notice.collapseKey,
      expiresAt: notice.expiresAt,
      silent: inQuietHours(choice, now),
    };
  });
  const results = messages.length > 0 ? await deps.push.send(messages) : [];
  for (const [i, result] of results.entries()) {
    const device = live[i]!;
    if (result === 'sent') {
      await deps.devices.markSent(notice.eventId, device);
      counts.sent++;
    } else if (result === 'invalid_token') {
      await deps.devices.remove(device.uid, device.id);
      counts.pruned++;
    } else counts.retry++;
  }

  for (const person of notice.people.filter((p) => p.channels.email && p.email)) {
    const mailbox = { uid: person.uid, id: 'email' } as Device;
    if (await deps.devices.wasSent(notice.eventId, mailbox)) continue;
    const text = notice.text(person.language);
    try {
      await deps.email.send({
        to: person.email!,
        subject: text.title,
        text: `${text.body}\n\n${notice.reference}`,
        idempotencyKey: `${notice.eventId}:${person.uid}`,
      });
      await deps.devices.markSent(notice.eventId, mailbox);
      counts.emailed++;
    } catch (error) {
      if (error instanceof TransientError) counts.retry++;
      else deps.logger.warn('e-mail refused by the provider', { uid: person.uid, error: String(error) });
    }
  }
  if (counts.retry > 0) throw new TransientError(`${counts.retry} notifications must be retried.`);
  return counts;
}
