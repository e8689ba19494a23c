import {
  createHttpHandler,
  respond,
  type EventPublisher,
  type Logger,
  type Route,
} from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { type BillingStore } from '@backbone/shared/billing';

/**
 * One sweep: every outbox entry older than 30 s (its own delivery had its chance) is claimed and
 * published with its ordering key, then removed; a claim held by a live drain is skipped, and a
 * broker failure leaves the rest for the next minute.
 */
export function makeHandler(
  deps: { store: BillingStore; publisher: EventPublisher; logger: Logger },
  security: HttpSecurity = {},
) {
  const routes: Route[] = [
    {
      method: 'POST',
      path: '/',
      handle: async (ctx) => {
        const published = await deps.store.drainOutbox((topic, event, orderingKey) =>
          deps.publisher.publish(topic, event, { orderingKey }),
        );
        if (published > 0) ctx.log.info('billing outbox swept', { published });
        return respond.json({ published });
      },
    },
  ];
  return createHttpHandler({ routes, logger: deps.logger, maxBodyBytes: 4 * 1024, ...security });
}
