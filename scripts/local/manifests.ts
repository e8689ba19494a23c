import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { FunctionManifest } from '@backbone/shared/core';

export const ROOT = path.resolve(__dirname, '..', '..');
export const FUNCTIONS_DIR = path.join(ROOT, 'functions');

/** Every function's manifest, read from `functions/<name>/function.ts`; the folder must match the name. */
export function loadManifests(): FunctionManifest[] {
  return readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(FUNCTIONS_DIR, d.name, 'function.ts')))
    .map((d) => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const manifest = require(path.join(FUNCTIONS_DIR, d.name, 'function.ts')).default as FunctionManifest;
      if (manifest.name !== d.name) throw new Error(`functions/${d.name}/function.ts declares '${manifest.name}'`);
      return manifest;
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
