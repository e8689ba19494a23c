// Archive throughput: a tenant's workspaces packed, compressed, encrypted and uploaded to the
// Storage emulator, against uploading the same bytes plainly, in the same run (ABBA passes).
import { randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { LocalKeyWrapper, packArchive, tenantPrefix } from '@backbone/shared/workspaces';
import { GcsObjectStore } from '@backbone/shared/workspaces/gcp';

export interface ArchiveBenchResult {
  files: number;
  totalBytes: number;
  encryptedBytes: number;
  passes: { archiveMs: number; plainMs: number; copyMs: number }[];
  archiveMiBps: number;
  plainMiBps: number;
  copyMiBps: number;
}

const MiB = 1024 * 1024;

/** Half compressible JSON state, half random bytes (models, embeddings): what agents keep. */
function workload(files: number, size: number): Buffer[] {
  const text = Buffer.from(JSON.stringify({ turn: 1, role: 'assistant', text: 'The refund policy allows 30 days. ' }));
  return Array.from({ length: files }, (_, i) =>
    i % 2 === 0
      ? Buffer.concat(Array.from({ length: Math.ceil(size / text.length) }, () => text)).subarray(0, size)
      : randomBytes(size),
  );
}

export async function benchArchive(files = 48, size = 256 * 1024, passes = 4): Promise<ArchiveBenchResult> {
  const project = `demo-bench-archive-${Date.now()}`;
  const workspaces = GcsObjectStore.forBucket(project, `${project}-agent-workspaces`);
  const archives = GcsObjectStore.forBucket(project, `${project}-subscription-archives`);
  const plain = GcsObjectStore.forBucket(project, `${project}-plain`);
  const keys = new LocalKeyWrapper(randomBytes(32));
  const bytes = workload(files, size);
  for (const [i, b] of bytes.entries())
    await workspaces.write(`tenants/bench/agents/a${i % 4}/state/f${i}.bin`, b, 'application/octet-stream');
  const totalBytes = bytes.reduce((n, b) => n + b.length, 0);
  const all = Buffer.concat(bytes);
  let encryptedBytes = 0;

  const archive = async (n: number) => {
    const t = performance.now();
    const m = await packArchive(
      { workspaces, archives, keys },
      { archiveId: `arc_bench_${n}`, tenant: 'bench', now: new Date() },
    );
    encryptedBytes = m.encryptedBytes;
    return performance.now() - t;
  };
  // The strongest baseline: the same bytes, already in memory, streamed up as one object.
  const upload = async (n: number) => {
    const t = performance.now();
    await pipeline(Readable.from([all]), plain.openWrite(`plain-${n}.bin`, 'application/octet-stream'));
    return performance.now() - t;
  };
  // And the same reads with no packing: every file read and streamed up as is, one object.
  const copy = async (n: number) => {
    const t = performance.now();
    const out = plain.openWrite(`copy-${n}.bin`, 'application/octet-stream');
    const source = Readable.from(
      (async function* () {
        const page = await workspaces.list(tenantPrefix('bench'), { max: 1000 });
        for (const item of page.items) yield await workspaces.read(item.path);
      })(),
    );
    await pipeline(source, out);
    return performance.now() - t;
  };

  await archive(-1); // warm: the buckets exist, connections are open
  await upload(-1);
  const results: ArchiveBenchResult['passes'] = [];
  for (let p = 0; p < passes; p++) {
    // ABBA: the order alternates so drift in the emulator does not favour either side.
    if (p % 2 === 0) {
      const archiveMs = await archive(p);
      const plainMs = await upload(p);
      const copyMs = await copy(p);
      results.push({ archiveMs, plainMs, copyMs });
    } else {
      const copyMs = await copy(p);
      const plainMs = await upload(p);
      const archiveMs = await archive(p);
      results.push({ archiveMs, plainMs, copyMs });
    }
  }
  const rate = (key: 'archiveMs' | 'plainMs' | 'copyMs') =>
    totalBytes / MiB / (results.reduce((n, r) => n + r[key], 0) / results.length / 1000);
  return {
    files,
    totalBytes,
    encryptedBytes,
    passes: results,
    archiveMiBps: rate('archiveMs'),
    plainMiBps: rate('plainMs'),
    copyMiBps: rate('copyMs'),
  };
}
