import {
  createScheduledHandler,
  mapWithConcurrency,
  type Clock,
  type EventPublisher,
  type Logger,
} from '@backbone/shared/core';
import { type HttpSecurity } from '@backbone/shared/gcp';
import { advanceUpgrade, type AgentStore } from '@backbone/shared/agents';

/**
 * One sweep: every upgrade in progress is moved on as far as it can go now (000#15). Runs that end
 * move their agent's upgrade themselves; this catches the ones whose last lease simply ran out
 * (a runtime that crashed) and an upgrade left half-way by a crash.
 */
export function makeHandler(
  deps: { store: AgentStore; publisher: EventPublisher; clock: Clock; source: string; logger: Logger },
  security: HttpSecurity = {},
) {
  return createScheduledHandler(deps, security, async (tick) => {
    const upgrading = await deps.store.upgradesInProgress(500);
    const progress = await mapWithConcurrency(upgrading, 10, ({ tenant, id }) => advanceUpgrade(deps, tenant, id));
    const done = progress.filter((p) => p === 'done').length;
    if (upgrading.length > 0) tick.log.info('upgrades advanced', { upgrading: upgrading.length, done });
    return { upgrading: upgrading.length, done };
  });
}
