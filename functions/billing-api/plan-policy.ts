import { ConflictError, ValidationError } from '@backbone/shared/core';

/** Stripe price id -> its rank in the plan ladder (higher is a bigger plan). */
export type PlanRanks = Record<string, number>;

export interface PlanChangeDecision {
  direction: 'upgrade' | 'downgrade' | 'lateral';
  /** Upgrades apply now and are invoiced at once; anything else waits for the period's end. */
  effective: 'now' | 'period_end';
  proration: 'always_invoice' | 'none';
}

/**
 * How a plan change applies is the platform's decision, never the caller's: an upgrade starts now
 * and the prorated difference is invoiced at once (so a customer cannot upgrade, use the bigger
 * plan and downgrade before paying); a downgrade or a move between plans of one rank starts at
 * the end of the paid period, with nothing prorated or credited. Only prices in the catalog count.
 */
export function decidePlanChange(ranks: PlanRanks, fromPrice: string, toPrice: string): PlanChangeDecision {
  const to = ranks[toPrice];
  if (to === undefined) throw new ValidationError(`${toPrice} is not a plan you can move to.`);
  if (fromPrice === toPrice) throw new ConflictError(`The subscription is on ${toPrice} already.`);
  // A subscription on a price outside the catalog (a custom deal) only moves at its period's end.
  const from = ranks[fromPrice] ?? Number.POSITIVE_INFINITY;
  if (to > from) return { direction: 'upgrade', effective: 'now', proration: 'always_invoice' };
  return { direction: to < from ? 'downgrade' : 'lateral', effective: 'period_end', proration: 'none' };
}
