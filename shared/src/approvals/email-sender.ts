/** One e-mail: plain text, nothing a reader could act on without signing in (000#34). */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per step and recipient: the provider drops a repeat. */
  idempotencyKey: string;
}

/** An e-mail provider (SendGrid in production), or its test double. */
export interface EmailSender {
  /** Throws when the provider did not accept it (retried by Pub/Sub). */
  send(message: EmailMessage): Promise<void>;
}
