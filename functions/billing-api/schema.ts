import { SecurityConfigSchema } from '@backbone/shared';
import { z } from 'zod';

export const BillingApiConfigSchema = SecurityConfigSchema.extend({
  STRIPE_API_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, 'a Stripe secret or restricted key'),
  STRIPE_API_ENDPOINT: z.union([z.literal(''), z.url()]).default(''),
});

export const InvoicesQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    after: z.string().min(1).max(200).optional(),
    /** Platform staff name the tenant; a tenant's own users and keys read their own. */
    tenant: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
      .optional(),
  })
  .strict();
export const EventIdSchema = z.string().regex(/^evt_[A-Za-z0-9]{1,64}$/, 'a Stripe event id');
export const DeadLettersQuerySchema = z
  .object({ limit: z.coerce.number().int().min(1).max(200).default(50) })
  .strict();
