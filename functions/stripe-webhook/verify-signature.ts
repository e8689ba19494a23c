import type Stripe from 'stripe';
import { WebhookSignatureError } from '@backbone/shared/core';
import type { WebhookSecrets } from '@backbone/shared/billing';

/** Stripe's default: a signature older than five minutes is a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * Verifies `Stripe-Signature` over the raw body with the `stripe` library, against each signing
 * secret currently active (so a rotation can overlap). Answers the parsed event.
 */
export async function verifyStripeSignature(
  stripe: Stripe,
  secrets: WebhookSecrets,
  rawBody: Buffer,
  header: string | undefined,
): Promise<unknown> {
  if (!header) throw new WebhookSignatureError('The Stripe-Signature header is missing.');
  const active = await secrets.active();
  if (active.length === 0) throw new Error('No active Stripe webhook signing secret is configured.');
  let reason = 'no signing secret matched';
  for (const secret of active) {
    try {
      return stripe.webhooks.constructEvent(rawBody, header, secret, SIGNATURE_TOLERANCE_SECONDS);
    } catch (error) {
      reason = (error as Error).message.split('\n')[0]!;
    }
  }
  throw new WebhookSignatureError(`The Stripe signature does not verify: ${reason}`);
}
