import {
  consume,
  InvalidEventError,
  systemClock,
  type Clock,
  type EventPublisher,
  type FailureRecorder,
  type Logger,
} from '@backbone/shared/core';
import { serviceRecord, type AuditLog } from '@backbone/shared/audit';
import { tenantNotices } from '@backbone/shared/approvals';
import {
  manifestObject,
  packArchive,
  SegmentSchema,
  type ArchiveDeps,
  type ArchiveStore,
  type TenantPlans,
} from '@backbone/shared/workspaces';
import manifest from './function';
import { consumedEvents } from './schema';

export interface ArchiverDeps extends ArchiveDeps {
  records: ArchiveStore;
  plans: TenantPlans;
  publisher: EventPublisher;
  audit: AuditLog;
  failures: FailureRecorder;
  source: string;
  logger: Logger;
  clock?: Clock;
}

/**
 * One archive per cancelled subscription (`arc_<subscription>`): claimed before packing, so a
 * redelivery of a finished archive does nothing, and one whose packing crashed packs again (the
 * objects are overwritten whole). A tenant that still pays for another plan keeps its workspaces.
 */
export function makeHandler(deps: ArchiverDeps) {
  const clock = deps.clock ?? systemClock;
  return consume(manifest, deps, consumedEvents, async (event, ctx) => {
    const tenant = SegmentSchema.safeParse(event.tenant);
    if (!tenant.success) throw new InvalidEventError(`${event.type} without a valid tenant id`);
    const { subscriptionId } = event.data;
    const others = (await deps.plans.active(tenant.data)).filter((p) => p.subscriptionId !== subscriptionId);
    if (others.length > 0) {
      ctx.log.info('tenant keeps another plan: nothing archived', { tenant: tenant.data, subscriptionId });
      return;
    }
    const archiveId = `arc_${subscriptionId}`;
    const now = clock.now();
    if (!(await deps.records.begin({ archiveId, tenant: tenant.data, subscriptionId, createdAt: now }))) {
      ctx.log.info('already archived', { archiveId });
      return;
    }
    const packed = await packArchive(deps, { archiveId, tenant: tenant.data, now });
    await deps.records.complete(packed, manifestObject(tenant.data, archiveId));
    await deps.audit.append([
      serviceRecord(deps.source, now, {
        action: 'workspaces.archived',
        target: { type: 'Workspace', id: `${tenant.data}/*` },
        outcome: 'archived',
        details: {
          archiveId,
          subscriptionId,
          files: packed.files.length,
          totalBytes: packed.totalBytes,
          encryptedBytes: packed.encryptedBytes,
          encryptedSha256: packed.encryptedSha256,
          keyName: packed.encryption.keyName,
          expiresAt: packed.expiresAt,
        },
      }),
    ]);
    await deps.publisher.publish(
      tenantNotices.name,
      tenantNotices.event('notice.archive_ready', {
        id: `notice.archive_ready:${archiveId}`,
        source: deps.source,
        subject: archiveId,
        time: now,
        tenant: tenant.data,
        data: { tenant: tenant.data, archiveId, expiresAt: packed.expiresAt },
      }),
    );
    ctx.log.info('workspaces archived', { archiveId, files: packed.files.length, bytes: packed.totalBytes });
  });
}
