import { createScheduledHandler, type Clock, type EventPublisher, type Logger } from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { startRun, type ScrapeStore } from '@backbone/shared/scraping';

export function makeHandler(
  deps: { store: ScrapeStore; publisher: EventPublisher; clock: Clock; source: string; logger: Logger },
  security: HttpSecurity = {},
) {
  return createScheduledHandler(deps, security, (tick) =>
    startRun(deps, {
      runId: `scheduled-${tick.roundId}`,
      trigger: 'schedule',
      requestedBy: 'cloud-scheduler',
      now: deps.clock.now(),
      source: deps.source,
    }),
  );
}
