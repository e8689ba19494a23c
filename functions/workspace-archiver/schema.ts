import { BaseConfigSchema } from '@backbone/shared/core';
import { billingEvents } from '@backbone/shared/billing';
import { ArchiveConfigShape, archiveConfigProblems } from '@backbone/shared/workspaces';

export const WorkspaceArchiverConfigSchema = BaseConfigSchema.extend(ArchiveConfigShape).superRefine((c, ctx) => {
  const problem = archiveConfigProblems(c);
  if (problem) ctx.addIssue({ code: 'custom', path: ['ARCHIVE_KEY_KEEPER'], message: problem });
});

/** Only cancellations; every other billing event is acknowledged and ignored. */
export const consumedEvents = billingEvents.consume('billing.subscription_canceled');
