import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { DevKey } from './dev-identity';

/**
 * What the workspace functions need where Cloud KMS and IAM signBlob cannot be reached: the local
 * key wrapper's master key (kept in .backbone/ so archives made before a restart still open), the
 * dev key to sign URLs with (the Storage emulator does not check signatures), the link secret.
 */
export function localArchiveEnv(stateDir: string, key: DevKey): Record<string, string> {
  const file = path.join(stateDir, 'local-archive-key');
  if (!existsSync(file)) {
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return {
    ARCHIVE_KEY_KEEPER: 'local',
    LOCAL_ARCHIVE_KEY: readFileSync(file, 'utf8').trim(),
    LOCAL_URL_SIGNING_KEY: JSON.stringify({
      clientEmail: 'workspaces@demo-backbone.iam.gserviceaccount.com',
      privateKey: key.privateKeyPem,
    }),
    ARCHIVE_LINK_SECRET: 'archive_links_local_backbone_demo_secret',
  };
}
