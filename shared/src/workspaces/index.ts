// The workspaces domain: agents' state in Cloud Storage (000#8), archives of cancelled tenants (000#35).
export { FilePathSchema, SegmentSchema, tenantPrefix, workspacePrefix } from './workspace-paths';
export type { ObjectPage, ObjectStore, SignedUrl, StoredObject } from './object-store';
export { LocalKeyWrapper, type KeyWrapper, type WrappedKey } from './key-wrapper';
export {
  ARCHIVE_DAYS,
  archiveFiles,
  ArchiveIntegrityError,
  archiveObject,
  decryptedArchive,
  manifestObject,
  packArchive,
  restoreArchive,
  verifyArchive,
  type ArchivedFile,
  type ArchiveDeps,
  type ArchiveManifest,
} from './archive';
export { recordOf, type ArchiveRecord, type ArchiveStatus, type ArchiveStore } from './archive-store';
export { archiveLinkValid, signArchiveLink } from './download-link';
export { quotaOf, type TenantPlans } from './tenant-plans';
export { ARCHIVE_ENV, ArchiveConfigShape, archiveConfigProblems, type ArchiveConfig } from './archive-config';
