import {
  ArchiveGoneError,
  AuthenticationError,
  NotFoundError,
  QuotaExceededError,
  type Caller,
  type Clock,
} from '@backbone/shared/core';
import type { Gatekeeper } from '@backbone/shared/policy';
import {
  archiveLinkValid,
  decryptedArchive,
  quotaOf,
  restoreArchive,
  signArchiveLink,
  tenantPrefix,
  verifyArchive,
  workspacePrefix,
  type ArchiveManifest,
  type ArchiveRecord,
  type ArchiveStore,
  type KeyWrapper,
  type ObjectStore,
  type TenantPlans,
} from '@backbone/shared/workspaces';

/** A signed URL lives 15 minutes: long enough to start a transfer, short enough to leak little. */
export const SIGNED_URL_MINUTES = 15;

export interface WorkspaceDeps {
  workspaces: ObjectStore;
  archives: ObjectStore;
  keys: KeyWrapper;
  archiveRecords: ArchiveStore;
  plans: TenantPlans;
  /** Bytes per plan (Stripe price id), and `default` for a tenant without a plan. */
  quotas: { default: number } & Record<string, number>;
  gate: Gatekeeper;
  clock: Clock;
  /** Signs archive download links (Secret Manager `archive-link-signing-secret`). */
  linkSecret: string;
  /** Where the links point: the API's public base URL. */
  publicBaseUrl: string;
}

const workspace = (tenant: string, agent: string) => ({ type: 'Workspace' as const, id: `${tenant}/${agent}`, tenant });

/**
 * Agents' workspaces (000#8): every call decided by the policies (the tenant's own Customer Portal
 * users and the agent runtime; never a Platform Portal user) and audited; files move through V4
 * signed URLs scoped to one object, never through this function.
 */
export class WorkspaceService {
  constructor(private readonly deps: WorkspaceDeps) {}

  list(caller: Caller, tenant: string, agent: string, q: { prefix?: string; pageToken?: string; limit: number }) {
    return this.deps.gate.run(caller, 'view', workspace(tenant, agent), async () => {
      const base = workspacePrefix(tenant, agent);
      const [page, usage, quotaBytes] = await Promise.all([
        this.deps.workspaces.list(base + (q.prefix ?? ''), {
          max: q.limit,
          ...(q.pageToken ? { pageToken: q.pageToken } : {}),
        }),
        this.deps.workspaces.usage(tenantPrefix(tenant)),
        this.quota(tenant),
      ]);
      return {
        result: {
          files: page.items.map((o) => ({
            path: o.path.slice(base.length),
            size: o.size,
            updatedAt: o.updatedAt.toISOString(),
          })),
          ...(page.next ? { next: page.next } : {}),
          usage: { bytes: usage.bytes, quotaBytes },
        },
        details: { files: page.items.length },
      };
    });
  }

  upload(caller: Caller, tenant: string, agent: string, file: { path: string; contentType: string; bytes: number }) {
    return this.deps.gate.run(caller, 'update', workspace(tenant, agent), async () => {
      const object = workspacePrefix(tenant, agent) + file.path;
      const [usage, quotaBytes, replaced] = await Promise.all([
        this.deps.workspaces.usage(tenantPrefix(tenant)),
        this.quota(tenant),
        this.sizeOf(object),
      ]);
      // The file replaces any earlier version of itself; concurrent uploads can overshoot by what
      // is in flight (at most 15 minutes of signed URLs), which the next check sees.
      const after = usage.bytes - replaced + file.bytes;
      if (after > quotaBytes)
        throw new QuotaExceededError(`This upload would take the tenant to ${after} of its ${quotaBytes} bytes.`, {
          usedBytes: usage.bytes,
          quotaBytes,
        });
      const signed = await this.deps.workspaces.signedUrl(
        object,
        { action: 'write', contentType: file.contentType, bytes: file.bytes },
        this.expiry(),
      );
      return {
        result: { path: file.path, ...signed, expiresAt: signed.expiresAt.toISOString() },
        details: { path: file.path, bytes: file.bytes },
      };
    });
  }

  download(caller: Caller, tenant: string, agent: string, path: string) {
    return this.deps.gate.run(caller, 'view', workspace(tenant, agent), async () => {
      const object = workspacePrefix(tenant, agent) + path;
      if (!(await this.deps.workspaces.exists(object))) throw new NotFoundError(`No file ${path} in this workspace.`);
      const signed = await this.deps.workspaces.signedUrl(object, { action: 'read' }, this.expiry());
      return { result: { path, ...signed, expiresAt: signed.expiresAt.toISOString() }, details: { path } };
    });
  }

  archivesOf(caller: Caller, tenant: string) {
    return this.deps.gate.run(caller, 'view', workspace(tenant, '*'), async () => {
      const now = this.deps.clock.now();
      const records = await this.deps.archiveRecords.ofTenant(tenant, 50);
      return { result: { archives: records.map((r) => this.view(r, now)) } };
    });
  }

  restore(caller: Caller, tenant: string, archiveId: string) {
    return this.deps.gate.run(caller, 'create', workspace(tenant, '*'), async () => {
      const record = await this.deps.archiveRecords.get(archiveId);
      if (!record || record.tenant !== tenant) throw new NotFoundError(`No archive ${archiveId} of ${tenant}.`);
      const manifest = await this.live(record);
      const restored = await restoreArchive(this.deps, manifest);
      await this.deps.archiveRecords.mark(archiveId, { status: 'restored', restoredAt: this.deps.clock.now() });
      return { result: { archiveId, ...restored }, details: { archiveId, ...restored } };
    });
  }

  /** The link's holder gets the decrypted tar.gz, once the whole archive has been authenticated. */
  async openDownload(archiveId: string, exp: number, sig: string) {
    if (!archiveLinkValid(this.deps.linkSecret, archiveId, exp, sig, this.deps.clock.now()))
      throw new AuthenticationError('This archive link is not valid, or has expired.');
    const record = await this.deps.archiveRecords.get(archiveId);
    if (!record) throw new NotFoundError(`No archive ${archiveId}.`);
    const manifest = await this.live(record);
    await verifyArchive(this.deps, manifest);
    return { fileName: `${record.tenant}-${archiveId}.tar.gz`, stream: await decryptedArchive(this.deps, manifest) };
  }

  private async live(record: ArchiveRecord): Promise<ArchiveManifest> {
    if (record.status === 'deleted' || record.status === 'packing' || record.expiresAt <= this.deps.clock.now())
      throw new ArchiveGoneError(
        `Archive ${record.archiveId} is ${record.status === 'packing' ? 'not ready' : 'gone'}.`,
      );
    return JSON.parse((await this.deps.archives.read(record.manifestObject)).toString('utf8')) as ArchiveManifest;
  }

  private view(r: ArchiveRecord, now: Date) {
    const usable = (r.status === 'archived' || r.status === 'restored') && r.expiresAt > now;
    const link = usable ? signArchiveLink(this.deps.linkSecret, r.archiveId, r.expiresAt) : undefined;
    return {
      archiveId: r.archiveId,
      subscriptionId: r.subscriptionId,
      status: r.status,
      createdAt: r.createdAt.toISOString(),
      expiresAt: r.expiresAt.toISOString(),
      files: r.files,
      totalBytes: r.totalBytes,
      encryptedBytes: r.encryptedBytes,
      download: link
        ? {
            url: `${this.deps.publicBaseUrl}/v1/archives/${r.archiveId}/download?exp=${link.exp}&sig=${link.sig}`,
            expiresAt: r.expiresAt.toISOString(),
          }
        : null,
    };
  }

  private async quota(tenant: string) {
    return quotaOf(
      this.deps.quotas,
      (await this.deps.plans.active(tenant)).map((p) => p.priceId),
    );
  }
  private async sizeOf(object: string) {
    const page = await this.deps.workspaces.list(object, { max: 1 });
    return page.items[0]?.path === object ? page.items[0].size : 0;
  }
  private expiry() {
    return new Date(this.deps.clock.now().getTime() + SIGNED_URL_MINUTES * 60_000);
  }
}
