import type { PushMessage, PushResult, PushSender } from '../approvals/push-sender';

/** Records what FCM would have been sent; answers per token as told (default: sent). */
export class RecordingPushSender implements PushSender {
  readonly sent: (PushMessage & { at: number })[] = [];
  readonly answers = new Map<string, PushResult>();
  async send(messages: PushMessage[]): Promise<PushResult[]> {
    return messages.map((m) => {
      const answer = this.answers.get(m.token) ?? 'sent';
      if (answer === 'sent') this.sent.push({ ...structuredClone(m), at: performance.now() });
      return answer;
    });
  }
}
