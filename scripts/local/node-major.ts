import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './manifests';

/**
 * The Node major the repository pins (package.json devDependencies `node`: the binary `npm run`
 * uses locally, in tests and in CI). Bundles target it and functions deploy on it.
 */
export function pinnedNodeMajor(packageJsonFile = path.join(ROOT, 'package.json')): number {
  const pkg = JSON.parse(readFileSync(packageJsonFile, 'utf8')) as {
    devDependencies?: Record<string, string>;
  };
  const pinned = pkg.devDependencies?.node;
  const major = pinned?.match(/^(\d+)\./)?.[1];
  if (!major) throw new Error(`${packageJsonFile}: devDependencies.node must pin a Node version (got ${pinned})`);
  return Number(major);
}
