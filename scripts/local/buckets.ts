import type { FunctionManifest } from '@backbone/shared/core';

/**
 * The bucket env vars the infrastructure sets (`BUCKET_<KEY>` for each bucket a manifest touches),
 * named as the stack names them: `<project>-<key>`. The Storage emulator creates a bucket on first write.
 */
export function bucketEnv(manifests: FunctionManifest[], projectId: string): Record<string, string> {
  const keys = new Set(manifests.flatMap((m) => m.touches.buckets.map((b) => b.bucket)));
  return Object.fromEntries(
    [...keys].map((key) => [`BUCKET_${key.toUpperCase().replace(/-/g, '_')}`, `${projectId}-${key}`]),
  );
}
