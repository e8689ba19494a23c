import type { ArchiveManifest } from './archive';

export type ArchiveStatus = 'packing' | 'archived' | 'restored' | 'deleted';

/** An archive's record: what it holds (the manifest without its file list), and where it stands. */
export interface ArchiveRecord {
  archiveId: string;
  tenant: string;
  subscriptionId: string;
  status: ArchiveStatus;
  createdAt: Date;
  expiresAt: Date;
  files: number;
  totalBytes: number;
  encryptedBytes: number;
  /** The manifest object in the archive bucket (the file list and the wrapped key). */
  manifestObject: string;
  restoredAt?: Date;
  deletedAt?: Date;
}

export interface ArchiveStore {
  /** Claims the archive for packing: false when it is already packed (a redelivery). */
  begin(claim: ArchiveClaim): Promise<boolean>;
  complete(manifest: ArchiveManifest, manifestObject: string): Promise<void>;
  get(archiveId: string): Promise<ArchiveRecord | undefined>;
  /** A tenant's archives, newest first. */
  ofTenant(tenant: string, limit: number): Promise<ArchiveRecord[]>;
  /** Archived or restored archives whose time is up. */
  expired(now: Date, limit: number): Promise<ArchiveRecord[]>;
  mark(
    archiveId: string,
    change: { status: 'restored'; restoredAt: Date } | { status: 'deleted'; deletedAt: Date },
  ): Promise<void>;
}

export type ArchiveClaim = Pick<ArchiveRecord, 'archiveId' | 'tenant' | 'subscriptionId' | 'createdAt'>;

/** The record of an archive being packed: nothing in it yet. */
export function packingRecord(claim: ArchiveClaim): ArchiveRecord {
  return {
    ...claim,
    status: 'packing',
    expiresAt: claim.createdAt,
    files: 0,
    totalBytes: 0,
    encryptedBytes: 0,
    manifestObject: '',
  };
}

/** What a packed archive's record says, from its manifest. */
export function archivedFields(manifest: ArchiveManifest, manifestObject: string) {
  return {
    status: 'archived' as const,
    createdAt: new Date(manifest.createdAt),
    expiresAt: new Date(manifest.expiresAt),
    files: manifest.files.length,
    totalBytes: manifest.totalBytes,
    encryptedBytes: manifest.encryptedBytes,
    manifestObject,
  };
}

export function recordOf(manifest: ArchiveManifest, subscriptionId: string, manifestObject: string): ArchiveRecord {
  return {
    archiveId: manifest.archiveId,
    tenant: manifest.tenant,
    subscriptionId,
    ...archivedFields(manifest, manifestObject),
  };
}
