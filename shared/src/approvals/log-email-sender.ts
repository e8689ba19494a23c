import type { Logger } from '../core/logging/logger';
import type { EmailMessage, EmailSender } from './email-sender';

/** Local runs only (`EMAIL_SENDER=log`): the e-mail is logged (subject only, no address) instead of sent. */
export class LogEmailSender implements EmailSender {
  constructor(private readonly logger: Logger) {}
  async send(message: EmailMessage): Promise<void> {
    this.logger.info('e-mail (local: logged, not sent)', { subject: message.subject });
  }
}
