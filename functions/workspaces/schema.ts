import { jsonEnv, SecurityConfigSchema } from '@backbone/shared/core';
import { ArchiveConfigShape, archiveConfigProblems } from '@backbone/shared/workspaces';
import { z } from 'zod';

export const QuotasSchema = z
  .object({ default: z.number().int().positive() })
  .catchall(z.number().int().positive())
  .refine((q) => Object.keys(q).every((k) => k === 'default' || /^price_[A-Za-z0-9]{1,100}$/.test(k)), {
    message: 'keys are `default` and Stripe price ids',
  });

export const WorkspacesConfigSchema = SecurityConfigSchema.extend({
  ...ArchiveConfigShape,
  /** Bytes per plan: `{"default": n, "price_…": n}`; a tenant gets the largest of its active plans. */
  WORKSPACE_QUOTAS: jsonEnv(QuotasSchema, '{"default":104857600}'),
  /** Secret Manager `archive-link-signing-secret`. */
  ARCHIVE_LINK_SECRET: z.string().min(32),
  /** The public base URL archive links point at (the load balancer's domain). */
  PUBLIC_BASE_URL: z.url(),
  /** Local only: `{"clientEmail", "privateKey"}` to sign URLs where no Google credentials exist. */
  LOCAL_URL_SIGNING_KEY: jsonEnv(
    z.object({ clientEmail: z.email(), privateKey: z.string().min(100) }).nullable(),
    'null',
  ),
}).superRefine((c, ctx) => {
  const problem = archiveConfigProblems(c);
  if (problem) ctx.addIssue({ code: 'custom', path: ['ARCHIVE_KEY_KEEPER'], message: problem });
});
