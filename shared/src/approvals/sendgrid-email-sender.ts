import { TransientError, InvalidEventError } from '../core/errors/app-errors';
import type { EmailMessage, EmailSender } from './email-sender';

/**
 * SendGrid's v3 Mail Send API (`POST /v3/mail/send`, bearer API key from Secret Manager), within a
 * timeout: 202 is accepted; 429 and 5xx are retried by Pub/Sub; any other answer is permanent.
 */
export class SendGridEmailSender implements EmailSender {
  constructor(
    private readonly apiKey: string,
    private readonly from: string,
    private readonly timeoutMs = 10_000,
    private readonly fetcher: typeof fetch = fetch,
    private readonly baseUrl = 'https://api.sendgrid.com',
  ) {}

  async send(message: EmailMessage): Promise<void> {
    let res: Response;
    try {
      res = await this.fetcher(`${this.baseUrl}/v3/mail/send`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          personalizations: [{ to: [{ email: message.to }] }],
          from: { email: this.from },
          subject: message.subject,
          content: [{ type: 'text/plain', value: message.text }],
          custom_args: { idempotency_key: message.idempotencyKey },
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new TransientError(`SendGrid is unreachable: ${(error as Error).name}`, error);
    }
    await res.body?.cancel();
    if (res.status === 202 || res.ok) return;
    if (res.status === 429 || res.status >= 500) throw new TransientError(`SendGrid answered ${res.status}.`);
    throw new InvalidEventError(`SendGrid refused the e-mail with ${res.status}.`);
  }
}
