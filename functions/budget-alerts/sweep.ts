import type { EventPublisher, Logger } from '@backbone/shared/core';
import { tenantNotices } from '@backbone/shared/approvals';
import {
  budgetActivity,
  budgetPeriod,
  crossedThresholds,
  periodDays,
  type Budget,
  type BudgetAlert,
  type BudgetStore,
  type RunStatsStore,
} from '@backbone/shared/runlogs';
import type { BudgetNotifier } from './budget-notifier';

/** Delivery attempts before an alert is marked failed: an hour of 5-minute firings. */
export const MAX_ATTEMPTS = 12;
const PAGE = 200;

export interface SweepDeps {
  budgets: BudgetStore;
  stats: RunStatsStore;
  notifier: BudgetNotifier;
  publisher: EventPublisher;
  source: string;
  logger: Logger;
}

/**
 * One sweep over every budget: this month's spend (a sum aggregation over the tenant's rollups)
 * against each threshold; a threshold crossed is recorded with its feed item once per period
 * (the record's id is the period and threshold), then delivered to a webhook until it answers.
 */
export async function sweepBudgets(deps: SweepDeps, now: Date) {
  const counts = { budgets: 0, alerted: 0, delivered: 0, failed: 0 };
  let after: string | undefined;
  for (;;) {
    const page = await deps.budgets.list(after, PAGE);
    for (const { tenant, budget } of page) {
      counts.budgets++;
      await sweepTenant(deps, tenant, budget, now, counts);
    }
    if (page.length < PAGE) return counts;
    after = page.at(-1)!.tenant;
  }
}

async function sweepTenant(
  deps: SweepDeps,
  tenant: string,
  budget: Budget,
  now: Date,
  counts: { alerted: number; delivered: number; failed: number },
) {
  const period = budgetPeriod(now);
  const spent = (await deps.stats.totals(tenant, periodDays(now))).costMicros;
  const known = new Set((await deps.budgets.alerts(tenant, period)).map((a) => a.id));
  const webhook = budget.channel.kind === 'webhook' ? budget.channel.url : undefined;
  for (const alert of crossedThresholds(tenant, budget, spent, now).filter((a) => !known.has(a.id))) {
    // Told before recorded: a failed publish leaves the alert unrecorded for the next sweep, and a
    // sweep that dies after publishing republishes the same notice id (delivered once).
    try {
      await deps.publisher.publish(tenantNotices.name, budgetNotice(alert, deps.source));
    } catch (error) {
      deps.logger.warn('budget notice not published; the next sweep retries', { tenant, error: String(error) });
      continue;
    }
    if (await deps.budgets.recordAlert(alert, budgetActivity(alert), webhook ? 'pending' : 'delivered')) {
      counts.alerted++;
      deps.logger.info('budget threshold crossed', { tenant, period, threshold: alert.threshold });
    }
  }
  if (!webhook) return;
  for (const alert of (await deps.budgets.alerts(tenant, period)).filter((a) => a.delivery === 'pending')) {
    const attempts = alert.attempts + 1;
    try {
      await deps.notifier.send(webhook, alert);
      await deps.budgets.markAlert(tenant, alert.id, 'delivered', attempts);
      counts.delivered++;
    } catch (error) {
      const gaveUp = attempts >= MAX_ATTEMPTS;
      await deps.budgets.markAlert(tenant, alert.id, gaveUp ? 'failed' : 'pending', attempts);
      if (gaveUp) counts.failed++;
      deps.logger[gaveUp ? 'error' : 'warn']('budget alert not delivered', {
        tenant,
        alert: alert.id,
        attempts,
        error: String(error),
      });
    }
  }
}

/** The billing admins' phone and e-mail notice of a crossed threshold, one per period and threshold. */
function budgetNotice(alert: BudgetAlert, source: string) {
  return tenantNotices.event('notice.budget_threshold', {
    id: `notice.budget_threshold:${alert.tenant}:${alert.id}`,
    source,
    subject: alert.tenant,
    time: alert.crossedAt,
    tenant: alert.tenant,
    data: {
      tenant: alert.tenant,
      period: alert.period,
      thresholdPercent: alert.threshold,
      spentMicros: alert.spentMicros,
      limitMicros: alert.limitMicros,
    },
  });
}
