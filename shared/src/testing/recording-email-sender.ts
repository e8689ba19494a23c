import { TransientError } from '../core/errors/app-errors';
import type { EmailMessage, EmailSender } from '../approvals/email-sender';

/** Records what the provider would have been sent; fails the next `failures` sends. */
export class RecordingEmailSender implements EmailSender {
  readonly sent: EmailMessage[] = [];
  failures = 0;
  async send(message: EmailMessage) {
    if (this.failures > 0) {
      this.failures--;
      throw new TransientError('provider answered 503 (test double)');
    }
    this.sent.push(structuredClone(message));
  }
}
