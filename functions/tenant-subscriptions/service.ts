import { InvalidEventError } from '@backbone/shared/core';
import { subscriptionStatusRank } from '@backbone/shared/billing';
import type { SubscriptionEvent as SubscriptionState } from '@backbone/shared/billing';
import type { PlanCatalog } from './schema';

/** `subscriptions/{subscriptionId}`: what incident tickets and SLA credits look up by service. */
export interface SubscriptionRecord {
  tenantId: string;
  status: string;
  priceId: string;
  services: string[];
  /** The billing event time this record reflects: an older event never overwrites it. */
  eventTime: string;
}

export interface TenantSubscriptionStore {
  /** Writes the record unless the stored one stays (keepsStored). Returns whether it wrote. */
  applySubscription(subscriptionId: string, record: SubscriptionRecord): Promise<boolean>;
  /** The tenant paid (or has a subscription active without a trial): its trial, if any, ends. */
  markPaid(tenantId: string, subscriptionId: string, at: string, reason: string): Promise<void>;
}

/**
 * Whether the stored record stays against an incoming one: it is newer, or canceled (final), or
 * of the same second and further along the subscription's lifecycle (Stripe's one-second `created`).
 */
export function keepsStored(stored: SubscriptionRecord | undefined, incoming: SubscriptionRecord): boolean {
  if (!stored) return false;
  if (stored.status === 'canceled') return true;
  if (stored.eventTime !== incoming.eventTime) return stored.eventTime > incoming.eventTime;
  return subscriptionStatusRank(stored.status) > subscriptionStatusRank(incoming.status);
}

export function subscriptionRecord(
  tenantId: string,
  state: SubscriptionState,
  plans: PlanCatalog,
  eventTime: string,
): SubscriptionRecord {
  const services = plans[state.priceId];
  if (!services) throw new InvalidEventError(`price ${state.priceId} is not in the plan catalog (PLAN_SERVICES)`);
  return { tenantId, status: state.status, priceId: state.priceId, services, eventTime };
}

/** A subscription that is active with no trial is paid for: the trial ends. */
export function paidWithoutTrial(state: SubscriptionState): boolean {
  return state.status === 'active' && state.trialEnd === null;
}
