import {
  consume,
  InvalidEventError,
  type EventPublisher,
  type FailureRecorder,
  type Logger,
} from '@backbone/shared/core';
import { tenantNotices } from '@backbone/shared/approvals';
import manifest from './function';
import { consumedEvents, type PlanCatalog } from './schema';
import { paidWithoutTrial, subscriptionRecord, type TenantSubscriptionStore } from './service';

/** A tenant id that can be a Firestore document id. */
const TENANT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export interface TenantSubscriptionsDeps {
  store: TenantSubscriptionStore;
  plans: PlanCatalog;
  failures: FailureRecorder;
  publisher: EventPublisher;
  source: string;
  logger: Logger;
}

export function makeHandler(deps: TenantSubscriptionsDeps) {
  const notify = (notice: ReturnType<typeof tenantNotices.event>) => deps.publisher.publish(tenantNotices.name, notice);
  /** A notice's envelope about `subject`, as of the billing event: a redelivery republishes the same id. */
  const about = (type: string, subject: string, event: { time: string; tenant: string }) => ({
    id: `${type}:${subject}`,
    source: deps.source,
    subject,
    time: new Date(event.time),
    tenant: event.tenant,
  });
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    if (!event.tenant || !TENANT_ID.test(event.tenant))
      throw new InvalidEventError(`${event.type} without a valid tenant id`);
    if (event.type === 'billing.invoice_paid') {
      const { subscriptionId, amountPaid, invoiceId } = event.data;
      if (subscriptionId && amountPaid > 0) {
        await deps.store.markPaid(event.tenant, subscriptionId, event.time, `invoice ${invoiceId} paid`);
        ctx.log.info('trial ended: invoice paid', { tenant: event.tenant, subscriptionId });
      }
      // The customer hears of it once the state is written; a redelivery republishes the same id.
      if (amountPaid > 0)
        await notify(
          tenantNotices.event('notice.invoice_ready', {
            ...about('notice.invoice_ready', invoiceId, { time: event.time, tenant: event.tenant }),
            data: {
              tenant: event.tenant,
              invoiceId,
              number: event.data.number,
              amountPaid,
              currency: event.data.currency,
            },
          }),
        );
      return;
    }
    if (event.type === 'billing.credit_note_issued') {
      const { creditNoteId, amount, currency, status } = event.data;
      if (status === 'issued')
        await notify(
          tenantNotices.event('notice.credit_issued', {
            ...about('notice.credit_issued', creditNoteId, { time: event.time, tenant: event.tenant }),
            data: { tenant: event.tenant, creditNoteId, amount, currency },
          }),
        );
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
