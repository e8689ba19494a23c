import {
  createScheduledHandler,
  systemClock,
  type Clock,
  type EventPublisher,
  type Logger,
} from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { type BillingStore } from '@backbone/shared/billing';
/**
 * One sweep: every outbox entry older than 30 s (its own delivery had its chance) is claimed and
 * published with its ordering key, then removed; a claim held by a live drain is skipped, and a
 * broker failure leaves the rest for the next minute.
 */
export function makeHandler(
  deps: { store: BillingStore; publisher: EventPublisher; logger: Logger; clock?: Clock },
  security: HttpSecurity = {},
) {
  const clock = deps.clock ?? systemClock;
  return createScheduledHandler({
    ...security,
    logger: deps.logger,
    clock,
    run: async (tick) => {
      const published = await deps.store.drainOutbox(deps.publisher, clock.now());
      if (published > 0) tick.log.info('billing outbox swept', { published });
      return { published };
    },
  });
}
