/** The tenant and price of a Stripe subscription, as the billing records hold them once the webhook applied it. */
export interface SubscriptionPrices {
  of(subscriptionId: string): Promise<{ tenantId: string; priceId: string } | undefined>;
}
