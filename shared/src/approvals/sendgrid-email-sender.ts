import { deliverPost } from '../core/http/deliver-post';
import type { EmailMessage, EmailSender } from './email-sender';

/**
 * SendGrid's v3 Mail Send API (`POST /v3/mail/send`, bearer API key from Secret Manager), within a
 * timeout: 202 is accepted; 408, 429 and 5xx are retried by Pub/Sub; any other answer is permanent.
 */
export class SendGridEmailSender implements EmailSender {
  constructor(
    private readonly apiKey: string,
    private readonly from: string,
    private readonly timeoutMs = 10_000,
    private readonly fetcher: typeof fetch = fetch,
    private readonly baseUrl = 'https://api.sendgrid.com',
  ) {}

  send(message: EmailMessage): Promise<void> {
    return deliverPost({
      service: 'SendGrid',
      what: 'the e-mail',
      url: `${this.baseUrl}/v3/mail/send`,
      headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        personalizations: [{ to: [{ email: message.to }] }],
        from: { email: this.from },
        subject: message.subject,
        content: [{ type: 'text/plain', value: message.text }],
        custom_args: { idempotency_key: message.idempotencyKey },
      }),
      timeoutMs: this.timeoutMs,
      fetcher: this.fetcher,
    });
  }
}
