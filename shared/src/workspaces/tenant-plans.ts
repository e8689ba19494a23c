/** A tenant's subscriptions that are active or trialing now (its plans). */
export interface TenantPlans {
  active(tenant: string): Promise<{ subscriptionId: string; priceId: string }[]>;
}

/** Per-plan workspace quotas: the largest of the tenant's active plans, else `default`. */
export function quotaOf(quotas: { default: number } & Record<string, number>, prices: string[]): number {
  return Math.max(quotas.default, ...prices.map((p) => quotas[p] ?? quotas.default));
}
