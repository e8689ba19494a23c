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

type NoticeType = keyof (typeof tenantNotices)['events'] & string;
type NoticeData<T extends NoticeType> = Parameters<typeof tenantNotices.event<T>>[1]['data'];

export function makeHandler(deps: TenantSubscriptionsDeps) {
  /** Publishes a notice about `subject` as of the billing event: a redelivery republishes the same id. */
  const notify = <T extends NoticeType>(
    type: T,
    subject: string,
    billingEvent: { tenant: string; time: string },
    data: NoticeData<T>,
  ) =>
    deps.publisher.publish(
      tenantNotices.name,
      tenantNotices.event(type, {
        id: `${type}:${subject}`,
        source: deps.source,
        subject,
        time: new Date(billingEvent.time),
        tenant: billingEvent.tenant,
        data,
      }),
    );
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    if (!event.tenant || !TENANT_ID.test(event.tenant))
      throw new InvalidEventError(`${event.type} without a valid tenant id`);
    const asOf = { tenant: event.tenant, time: event.time };
    if (event.type === 'billing.invoice_paid') {
      const { subscriptionId, amountPaid, invoiceId } = event.data;
      if (subscriptionId && amountPaid > 0) {
        await deps.store.markPaid(event.tenant, subscriptionId, event.time, `invoice ${invoiceId} paid`);
        ctx.log.info('trial ended: invoice paid', { tenant: event.tenant, subscriptionId });
      }
      // The customer hears of it once the state is written; a redelivery republishes the same id.
      if (amountPaid > 0)
        await notify('notice.invoice_ready', invoiceId, asOf, {
          tenant: event.tenant,
          invoiceId,
          number: event.data.number,
          amountPaid,
          currency: event.data.currency,
        });
      return;
    }
    if (event.type === 'billing.credit_note_issued') {
      const { creditNoteId, amount, currency, status } = event.data;
      if (status === 'issued')
        await notify('notice.credit_issued', creditNoteId, asOf, {
          tenant: event.tenant,
          creditNoteId,
          amount,
          currency,
        });
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
