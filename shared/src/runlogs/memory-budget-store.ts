import type { NewActivityItem } from './activity';
import type { Budget, BudgetAlert } from './budget';
import type { AlertDelivery, BudgetStore, StoredBudgetAlert } from './budget-store';
import type { MemoryRunLogs } from './memory-run-logs';

/** The BudgetStore contract in memory; alerts' feed items go to the run logs' memory feed. */
export class MemoryBudgetStore implements BudgetStore {
  readonly budgets = new Map<string, Budget>();
  readonly sent = new Map<string, StoredBudgetAlert>();

  constructor(private readonly feed: MemoryRunLogs) {}

  async get(tenant: string) {
    return structuredClone(this.budgets.get(tenant));
  }
  async put(tenant: string, budget: Budget) {
    this.budgets.set(tenant, structuredClone(budget));
  }
  async list(after: string | undefined, limit: number) {
    return [...this.budgets.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .filter(([tenant]) => after === undefined || tenant > after)
      .slice(0, limit)
      .map(([tenant, budget]) => ({ tenant, budget: structuredClone(budget) }));
  }
  async recordAlert(alert: BudgetAlert, item: NewActivityItem, delivery: AlertDelivery) {
    const key = `${alert.tenant}/${alert.id}`;
    if (this.sent.has(key)) return false;
    this.sent.set(key, { ...structuredClone(alert), delivery, attempts: 0 });
    await this.feed.add([item]);
    return true;
  }
  async alerts(tenant: string, period: string) {
    return [...this.sent.values()]
      .filter((a) => a.tenant === tenant && a.period === period)
      .sort((a, b) => a.threshold - b.threshold)
      .map((a) => structuredClone(a));
  }
  async markAlert(tenant: string, id: string, delivery: AlertDelivery, attempts: number) {
    const alert = this.sent.get(`${tenant}/${id}`);
    if (alert) Object.assign(alert, { delivery, attempts });
  }
}
