import { consume, type FailureRecorder, type Logger } from '@backbone/shared/core';
import manifest from './function';
import { consumedEvents } from './schema';
import { runSaga, type SagaDeps } from './service';

export function makeHandler(deps: SagaDeps & { failures: FailureRecorder; logger: Logger }) {
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    if (!event.tenant) throw new Error('billing.checkout_completed without a tenant');
    // A one-time payment's checkout has no subscription: there is no agent to provision.
    if (event.data.subscriptionId === null) {
      ctx.log.info('checkout without a subscription; nothing to provision', {
        checkoutSessionId: event.data.checkoutSessionId,
      });
      return;
    }
    const status = await runSaga(
      deps,
      {
        sagaId: event.data.checkoutSessionId,
        tenantId: event.tenant,
        subscriptionId: event.data.subscriptionId,
      },
      ctx.log,
    );
    ctx.log.info('provisioning saga', { sagaId: event.data.checkoutSessionId, status });
  });
}
