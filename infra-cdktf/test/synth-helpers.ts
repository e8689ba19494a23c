import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { Testing } from 'cdktf';
import type { FunctionManifest } from '@backbone/shared/core';
import { bundleFunction } from '../../scripts/local/bundle';
import { loadManifests, ROOT } from '../../scripts/local/manifests';
import { environments, type Environment } from '../environments';
import { BackboneStack } from '../src/backbone-stack';

export interface Synthesized {
  stack: BackboneStack;
  json: string;
  tf: {
    resource: Record<string, Record<string, Record<string, unknown>>>;
    terraform: { backend: Record<string, unknown> };
  };
}

let bundlesRoot: string | undefined;

/** Bundles every function once per test file (the stack zips them), in the repository so npm deps resolve. */
export async function bundlesFor(manifests: FunctionManifest[]): Promise<(name: string) => string> {
  if (!bundlesRoot) {
    mkdirSync(path.join(ROOT, '.backbone'), { recursive: true });
    bundlesRoot = mkdtempSync(path.join(ROOT, '.backbone', 'infra-bundles-'));
    for (const m of manifests) await bundleFunction(m, bundlesRoot);
  }
  const root = bundlesRoot;
  return (name) => path.join(root, name);
}

/** Bundles the functions before the file's tests, hands them to `use`, and removes them after. */
export function withBundles(manifests: FunctionManifest[], use: (bundles: (name: string) => string) => void): void {
  beforeAll(async () => use(await bundlesFor(manifests)), 60_000);
  afterAll(removeBundles);
}

/** Removes the bundles `bundlesFor` built (call it in afterAll). */
export function removeBundles(): void {
  if (bundlesRoot) rmSync(bundlesRoot, { recursive: true, force: true });
  bundlesRoot = undefined;
}

export function synth(
  env: Environment,
  manifests: FunctionManifest[],
  bundleDir: (name: string) => string,
): Synthesized {
  const app = Testing.app();
  const stack = new BackboneStack(app, `backbone-${env.name}`, {
    env,
    manifests,
    bundleDir,
    indexFile: path.join(ROOT, 'firestore.indexes.json'),
  });
  const json = Testing.synth(stack);
  return { stack, json, tf: JSON.parse(json) };
}

export const resources = (s: Synthesized, type: string): Record<string, unknown>[] =>
  Object.values(s.tf.resource[type] ?? {});
export { environments, loadManifests };
