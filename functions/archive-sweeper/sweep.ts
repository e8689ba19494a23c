import { createHash } from 'node:crypto';
import { serviceRecord, type AuditLog } from '@backbone/shared/audit';
import type { Logger } from '@backbone/shared/core';
import {
  tenantPrefix,
  type ArchiveRecord,
  type ArchiveStore,
  type ObjectStore,
  type StoredObject,
  type TenantPlans,
} from '@backbone/shared/workspaces';

export interface SweepDeps {
  records: ArchiveStore;
  plans: TenantPlans;
  workspaces: ObjectStore;
  archives: ObjectStore;
  audit: AuditLog;
  source: string;
  logger: Logger;
}

const PAGE = 100;

/**
 * Deletes what has outlived its 30 days: the archive always; the live workspaces when the archive
 * was never restored and the tenant pays for no plan now (a restore, or a new subscription, means
 * the tenant is back and keeps them). The record is marked last, so a firing that dies half-way is
 * finished by the next one (deleting twice removes nothing twice).
 */
export async function sweepArchives(deps: SweepDeps, now: Date) {
  const counts = { deleted: 0, workspacesDeleted: 0 };
  for (;;) {
    const due = await deps.records.expired(now, PAGE);
    for (const record of due) {
      const wiped = await deleteArchive(deps, record, now);
      counts.deleted++;
      if (wiped) counts.workspacesDeleted++;
    }
    if (due.length < PAGE) return counts;
  }
}

async function deleteArchive(deps: SweepDeps, record: ArchiveRecord, now: Date): Promise<boolean> {
  const archiveObjects = await deps.archives.deletePrefix(`tenants/${record.tenant}/${record.archiveId}/`);
  const back = record.status === 'restored' || (await deps.plans.active(record.tenant)).length > 0;
  const workspace = back ? [] : await deps.workspaces.deletePrefix(tenantPrefix(record.tenant));
  await deps.audit.append([
    serviceRecord(deps.source, now, {
      action: 'workspaces.archive_deleted',
      target: { type: 'Workspace', id: `${record.tenant}/*` },
      outcome: 'deleted',
      details: {
        archiveId: record.archiveId,
        archive: removed(archiveObjects),
        workspaces: back
          ? { kept: record.status === 'restored' ? 'restored' : 'tenant has an active plan' }
          : removed(workspace),
      },
    }),
  ]);
  await deps.records.mark(record.archiveId, { status: 'deleted', deletedAt: now });
  deps.logger.info('archive deleted', { archiveId: record.archiveId, workspaceObjects: workspace.length });
  return !back;
}

/** What was removed, without the names themselves (they may say something about the customer). */
function removed(objects: StoredObject[]) {
  const names = objects.map((o) => o.path).sort();
  return {
    objects: objects.length,
    bytes: objects.reduce((sum, o) => sum + o.size, 0),
    namesSha256: createHash('sha256').update(names.join('\n')).digest('hex'),
  };
}
