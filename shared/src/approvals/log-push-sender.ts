import type { Logger } from '../core/logging/logger';
import type { PushMessage, PushResult, PushSender } from './push-sender';

/**
 * Local runs only (`PUSH_SENDER=log`, set by `npm start`: FCM is not reachable offline): each push
 * is logged (no token, which is a credential) instead of sent.
 */
export class LogPushSender implements PushSender {
  constructor(private readonly logger: Logger) {}
  async send(messages: PushMessage[]): Promise<PushResult[]> {
    for (const m of messages)
      this.logger.info('push (local: logged, not sent)', {
        title: m.title,
        data: m.data,
        expiresAt: m.expiresAt.toISOString(),
      });
    return messages.map(() => 'sent');
  }
}
