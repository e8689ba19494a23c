/** One push: to one device token, nothing a stolen phone could act on (000#34). */
export interface PushMessage {
  token: string;
  title: string;
  body: string;
  /** String pairs the app reads (the approval id, the event type, the expiry). */
  data: Record<string, string>;
  /** One notification per approval on the device, the latest replacing the earlier. */
  collapseKey: string;
  /** The push is dropped if not delivered by then (at most 24 hours). */
  expiresAt: Date;
  /** In the user's quiet hours: delivered without alerting. */
  silent?: boolean;
}

export type PushResult = 'sent' | 'invalid_token' | 'retry';

/** Firebase Cloud Messaging, or its test double. */
export interface PushSender {
  send(messages: PushMessage[]): Promise<PushResult[]>;
}
