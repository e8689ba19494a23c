/** The tenant-side effects of provisioning; each is idempotent (safe to repeat after a crash). */
export interface TenantProvisioning {
  /** `tenants/{id}.subscription`: the subscription and where it stands. */
  recordSubscription(
    tenantId: string,
    subscriptionId: string,
    state: 'provisioning' | 'active' | 'cancelled',
  ): Promise<void>;
  /** Starts the tenant's trial for this saga (no-op if this saga started it already); NotFoundError if no tenant. */
  startTrial(tenantId: string, sagaId: string, startedAt: Date, endsAt: Date): Promise<void>;
  /** Removes a trial this saga started. */
  endTrial(tenantId: string, sagaId: string): Promise<void>;
}
