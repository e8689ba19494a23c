import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import * as tar from 'tar-stream';
import { GcsObjectStore } from '@backbone/shared/workspaces/gcp';

/**
 * Globex's agents' state, written straight to the Storage emulator's workspace bucket (the runtime
 * uploads through signed URLs, which the emulator does not take): what a cancellation archives.
 */
export async function seedDemoWorkspaces(projectId: string): Promise<void> {
  const store = GcsObjectStore.forBucket(projectId, `${projectId}-agent-workspaces`);
  const files: Record<string, string> = {
    'tenants/globex/agents/support/state/memory.json': JSON.stringify({ turns: 12, lastTopic: 'refund policy' }),
    'tenants/globex/agents/support/state/playbooks/escalation.md': '# Escalation\n1. Apologise.\n2. Hand over.\n',
    'tenants/globex/agents/analyst/state/portfolio-cache.json': JSON.stringify({ positions: 42, asOf: '2026-12-01' }),
  };
  for (const [path, text] of Object.entries(files)) await store.write(path, Buffer.from(text), 'application/json');
}

/** A tar.gz's files with their sizes and SHA-256 (what `npm run try -- download-archive` prints). */
export async function listTarGz(gz: Buffer): Promise<{ path: string; size: number; sha256: string }[]> {
  const extract = tar.extract();
  const files: { path: string; size: number; sha256: string }[] = [];
  const done = (async () => {
    for await (const entry of extract) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      const bytes = Buffer.concat(chunks);
      files.push({
        path: entry.header.name,
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      });
    }
  })();
  extract.end(gunzipSync(gz));
  await done;
  return files;
}
