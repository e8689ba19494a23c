// The workspaces domain's Google adapters.
export { GcsObjectStore } from './gcs-object-store';
export { KmsKeyWrapper } from './kms-key-wrapper';
export { FirestoreArchiveStore } from './firestore-archive-store';
export { FirestoreTenantPlans } from './firestore-tenant-plans';
export { archiveKeyKeeper } from './key-keeper';
