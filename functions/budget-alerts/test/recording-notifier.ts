import type { BudgetAlert } from '@backbone/shared/runlogs';
import type { BudgetNotifier } from '../budget-notifier';

/** Records what would have been sent; fails the first `failures` sends. */
export class RecordingBudgetNotifier implements BudgetNotifier {
  readonly sent: { url: string; alert: BudgetAlert }[] = [];
  attempts = 0;
  constructor(public failures = 0) {}
  async send(url: string, alert: BudgetAlert) {
    this.attempts++;
    if (this.failures > 0) {
      this.failures--;
      throw new Error('webhook answered 503');
    }
    this.sent.push({ url, alert: structuredClone(alert) });
  }
}
