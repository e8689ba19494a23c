import {
  createScheduledHandler,
  systemClock,
  type Clock,
  type EventPublisher,
  type Logger,
} from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';

/** One outbox: its name in the answer, and a sweep of it (publish what waited over 30 s, then remove it). */
export interface Outbox {
  name: string;
  drainOutbox(publisher: EventPublisher, now: Date): Promise<number>;
}

/**
 * One sweep of every outbox: each entry older than 30 s (its own delivery had its chance) is
 * claimed and published with its ordering key, then removed; a claim held by a live drain is
 * skipped. One outbox's broker failure does not stop the others; it fails the run, so the next
 * minute takes what was left.
 */
export function makeHandler(
  deps: { outboxes: Outbox[]; publisher: EventPublisher; logger: Logger; clock?: Clock },
  security: HttpSecurity = {},
) {
  const clock = deps.clock ?? systemClock;
  return createScheduledHandler({ logger: deps.logger, clock }, security, async (tick) => {
    const now = clock.now();
    const results = await Promise.allSettled(deps.outboxes.map((o) => o.drainOutbox(deps.publisher, now)));
    const byOutbox = Object.fromEntries(
      deps.outboxes.map((o, i) => {
        const result = results[i]!;
        return [o.name, result.status === 'fulfilled' ? result.value : 0];
      }),
    );
    const published = Object.values(byOutbox).reduce((a, b) => a + b, 0);
    if (published > 0) tick.log.info('outboxes swept', { published, ...byOutbox });
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return { published, outboxes: byOutbox };
  });
}
