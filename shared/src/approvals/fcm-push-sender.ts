import { getMessaging, type Messaging, type Message } from 'firebase-admin/messaging';
import type { App } from 'firebase-admin/app';
import type { PushMessage, PushResult, PushSender } from './push-sender';

/** FCM error codes that mean the token will never work again: the device is pruned. */
const INVALID_TOKEN = new Set([
  'messaging/registration-token-not-registered',
  'messaging/invalid-registration-token',
  'messaging/invalid-recipient',
]);

/**
 * Firebase Cloud Messaging through firebase-admin (`sendEach`, up to 500 a call): a notification
 * with an expiry on every platform (Android `ttl`, APNs `apns-expiration`, Web Push `TTL`) and a
 * collapse key, so an approval is shown once and never after it lapses.
 */
export class FcmPushSender implements PushSender {
  private readonly messaging: Messaging;
  constructor(app: App) {
    this.messaging = getMessaging(app);
  }

  async send(messages: PushMessage[]): Promise<PushResult[]> {
    const results: PushResult[] = [];
    for (let i = 0; i < messages.length; i += 500) {
      const batch = messages.slice(i, i + 500);
      const answer = await this.messaging.sendEach(batch.map(toFcm));
      for (const r of answer.responses)
        results.push(r.success ? 'sent' : INVALID_TOKEN.has(r.error?.code ?? '') ? 'invalid_token' : 'retry');
    }
    return results;
  }
}

export function toFcm(m: PushMessage, now = Date.now()): Message {
  const ttlMs = Math.max(0, m.expiresAt.getTime() - now);
  return {
    token: m.token,
    notification: { title: m.title, body: m.body },
    data: m.data,
    android: { ttl: ttlMs, collapseKey: m.collapseKey, priority: m.silent ? 'normal' : 'high' },
    apns: {
      headers: {
        'apns-expiration': String(Math.floor(m.expiresAt.getTime() / 1000)),
        'apns-collapse-id': m.collapseKey.slice(0, 64),
        'apns-priority': m.silent ? '5' : '10',
      },
    },
    webpush: { headers: { TTL: String(Math.floor(ttlMs / 1000)), Topic: m.collapseKey.slice(0, 32) } },
  };
}
