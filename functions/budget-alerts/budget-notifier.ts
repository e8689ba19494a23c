import type { BudgetAlert } from '@backbone/shared/runlogs';

/** Delivers a budget alert to the tenant's webhook (the feed has it already). Throws when not delivered. */
export interface BudgetNotifier {
  send(url: string, alert: BudgetAlert): Promise<void>;
}

/** The signed body a tenant's webhook receives; `id` is stable across retries (dedupe on it). */
export function webhookBody(alert: BudgetAlert) {
  return {
    id: `${alert.tenant}:${alert.id}`,
    type: 'budget.threshold_crossed',
    tenant: alert.tenant,
    period: alert.period,
    thresholdPercent: alert.threshold,
    spentMicros: alert.spentMicros,
    limitMicros: alert.limitMicros,
    currency: 'USD',
    crossedAt: alert.crossedAt.toISOString(),
  };
}
