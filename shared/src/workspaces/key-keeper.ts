import type { ArchiveConfig } from './archive-config';
import { LocalKeyWrapper, type KeyWrapper } from './key-wrapper';
import { KmsKeyWrapper } from './kms-key-wrapper';

/** Cloud KMS as configured, or the local AES wrapper where the config says local. */
export function archiveKeyKeeper(config: ArchiveConfig): KeyWrapper {
  return config.ARCHIVE_KEY_KEEPER === 'kms'
    ? new KmsKeyWrapper(config.KMS_KEY_ARCHIVE_KEYS!)
    : new LocalKeyWrapper(Buffer.from(config.LOCAL_ARCHIVE_KEY!, 'base64'));
}
