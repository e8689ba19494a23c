import { z } from 'zod';

/** How a function that packs or opens archives reaches its key keeper and buckets. */
export const ArchiveConfigShape = {
  BUCKET_AGENT_WORKSPACES: z.string().min(3),
  BUCKET_SUBSCRIPTION_ARCHIVES: z.string().min(3),
  /** `kms` in every deployed environment; `local` only where Cloud KMS cannot be reached (npm start, tests). */
  ARCHIVE_KEY_KEEPER: z.enum(['kms', 'local']).default('kms'),
  /** The CryptoKey that wraps archive data keys (set by the infrastructure). */
  KMS_KEY_ARCHIVE_KEYS: z
    .string()
    .regex(/^projects\/[^/]+\/locations\/[^/]+\/keyRings\/[^/]+\/cryptoKeys\/[^/]+$/)
    .optional(),
  /** Local only: the base64 32-byte master key of the local key wrapper. */
  LOCAL_ARCHIVE_KEY: z.string().optional(),
};

export interface ArchiveConfig {
  ARCHIVE_KEY_KEEPER: 'kms' | 'local';
  KMS_KEY_ARCHIVE_KEYS?: string | undefined;
  LOCAL_ARCHIVE_KEY?: string | undefined;
}

export function archiveConfigProblems(c: ArchiveConfig): string | undefined {
  if (c.ARCHIVE_KEY_KEEPER === 'kms' && !c.KMS_KEY_ARCHIVE_KEYS) return 'KMS_KEY_ARCHIVE_KEYS is required with kms';
  if (c.ARCHIVE_KEY_KEEPER === 'local' && Buffer.from(c.LOCAL_ARCHIVE_KEY ?? '', 'base64').length !== 32)
    return 'LOCAL_ARCHIVE_KEY must be 32 bytes in base64 with local';
  return undefined;
}

/** The manifest env entries of such a function. */
export const ARCHIVE_ENV = {
  ARCHIVE_KEY_KEEPER: { description: '`kms` (deployed) or `local` (npm start, tests).', default: 'kms' },
} as const;
