import type { NewActivityItem } from './activity';
import type { Budget, BudgetAlert } from './budget';

export type AlertDelivery = 'pending' | 'delivered' | 'failed';
export interface StoredBudgetAlert extends BudgetAlert {
  delivery: AlertDelivery;
  attempts: number;
}

/** Tenants' budgets and the alerts each has been sent (000#26). */
export interface BudgetStore {
  get(tenant: string): Promise<Budget | undefined>;
  put(tenant: string, budget: Budget): Promise<void>;
  /** Every budget, in tenant order, a page at a time. */
  list(after: string | undefined, limit: number): Promise<{ tenant: string; budget: Budget }[]>;
  /**
   * Records an alert and its feed item together, once: false when the alert was recorded before
   * (so a threshold alerts once per period, whatever retries or concurrent sweeps do).
   */
  recordAlert(alert: BudgetAlert, item: NewActivityItem, delivery: AlertDelivery): Promise<boolean>;
  alerts(tenant: string, period: string): Promise<StoredBudgetAlert[]>;
  /** After a delivery attempt. */
  markAlert(tenant: string, id: string, delivery: AlertDelivery, attempts: number): Promise<void>;
}

/** The feed item that shows an alert in the tenant's activity (and live stream). */
export function budgetActivity(alert: BudgetAlert): NewActivityItem {
  return {
    id: `budget~${alert.id}`,
    tenant: alert.tenant,
    type: 'budget.threshold_crossed',
    details: {
      period: alert.period,
      threshold: alert.threshold,
      spentMicros: alert.spentMicros,
      limitMicros: alert.limitMicros,
    },
  };
}
