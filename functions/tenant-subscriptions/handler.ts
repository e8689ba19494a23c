import { consume, InvalidEventError, type FailureRecorder, type Logger } from '@backbone/shared/core';
import manifest from './function';
import { consumedEvents, type PlanCatalog } from './schema';
import { paidWithoutTrial, subscriptionRecord, type TenantSubscriptionStore } from './service';

/** A tenant id that can be a Firestore document id. */
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export interface TenantSubscriptionsDeps {
  store: TenantSubscriptionStore;
  plans: PlanCatalog;
  failures: FailureRecorder;
  logger: Logger;
}

export function makeHandler(deps: TenantSubscriptionsDeps) {
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    if (!event.tenant || !TENANT_ID.test(event.tenant))
      throw new InvalidEventError(`${event.type} without a valid tenant id`);
    if (event.type === 'billing.invoice_paid') {
      const { subscriptionId, amountPaid, invoiceId } = event.data;
      if (subscriptionId && amountPaid > 0) {
        await deps.store.markPaid(event.tenant, subscriptionId, event.time, `invoice ${invoiceId} paid`);
        ctx.log.info('trial ended: invoice paid', { tenant: event.tenant, subscriptionId });
      }
      return;
    }
    const state = event.data;
    const wrote = await deps.store.applySubscription(
      state.subscriptionId,
      subscriptionRecord(event.tenant, state, deps.plans, event.time),
    );
    if (paidWithoutTrial(state))
      await deps.store.markPaid(event.tenant, state.subscriptionId, event.time, 'active without a trial');
    ctx.log.info('subscription recorded', {
      subscriptionId: state.subscriptionId,
      status: state.status,
      wrote,
    });
  });
}
