import { respond, type Clock } from '@backbone/shared/core';
import { type Gatekeeper } from '@backbone/shared/policy';
import { type TrialStore } from '@backbone/shared/governance';
import type { GovernanceHandlers } from './routes';

const SUBSCRIPTIONS = { type: 'Component', id: 'subscriptions' } as const;

/**
 * No trial is ever extended except by a Platform Governor's override (000#5), decided by the
 * PEP (`override` is forbidden to everyone else) and kept in the audit log with its reason.
 */
export function trialHandlers(deps: { trials: TrialStore; gate: Gatekeeper; clock: Clock }) {
  return {
    'POST /v1/trials/:tenant/extend': async (ctx, { params: { tenant }, body: { days, reason } }) => {
      const moved = await deps.gate.run(ctx.caller, 'override', SUBSCRIPTIONS, async () => {
        const trial = await deps.trials.trialOf(tenant);
        // From the later of the current end and now: an expired trial restarts from today.
        const from = Math.max(trial?.endsAt.getTime() ?? 0, deps.clock.now().getTime());
        const result = await deps.trials.extend(tenant, new Date(from + days * 86_400_000));
        return {
          result,
          details: {
            tenant,
            days,
            reason,
            before: result.before.toISOString(),
            after: result.after.toISOString(),
          },
        };
      });
      return respond.json({
        tenant,
        endsAt: moved.after.toISOString(),
        previousEndsAt: moved.before.toISOString(),
      });
    },
  } satisfies Partial<GovernanceHandlers>;
}
