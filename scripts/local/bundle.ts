import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { entryPointOf, signatureTypeOf, type FunctionManifest } from '@backbone/shared/core';
import { FUNCTIONS_DIR, ROOT } from './manifests';
import { pinnedNodeMajor } from './node-major';
import { prunedLockfile, type Lockfile } from './pruned-lockfile';

export interface BundleReport {
  name: string;
  dir: string;
  bytes: number;
  dependencies: Record<string, string>;
}

/** npm package name of an import specifier: `@scope/pkg/sub` -> `@scope/pkg`. */
function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * One deployable bundle: our code (and only the parts of shared it imports) in one file, npm
 * packages left as dependencies pinned to the lockfile's versions and listed in a package.json
 * that Cloud Functions installs. Packages stay external because the Google clients load
 * their protos from files next to them.
 */
export async function bundleFunction(
  manifest: FunctionManifest,
  outRoot = path.join(ROOT, 'dist'),
): Promise<BundleReport> {
  const dir = path.join(outRoot, manifest.name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const result = await build({
    entryPoints: [path.join(FUNCTIONS_DIR, manifest.name, 'index.ts')],
    outfile: path.join(dir, 'index.js'),
    bundle: true,
    platform: 'node',
    target: `node${pinnedNodeMajor()}`,
    format: 'cjs',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    tsconfig: path.join(ROOT, 'tsconfig.json'),
    logLevel: 'warning',
    // Cedar policies and schema ship inside the bundle as text.
    loader: { '.cedar': 'text', '.cedarschema': 'text' },
  });
  const rootPackage = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const imported = new Set<string>(['@google-cloud/functions-framework']);
  // The output's imports, not the inputs': what tree-shaking dropped is not a dependency.
  for (const output of Object.values(result.metafile.outputs)) {
    for (const imp of output.imports)
      if (imp.external && !imp.path.startsWith('node:')) imported.add(packageOf(imp.path));
  }
  const dependencies: Record<string, string> = {};
  for (const name of [...imported].sort()) {
    if (isBuiltin(name)) continue;
    const version = rootPackage.dependencies[name];
    if (!version)
      throw new Error(`${manifest.name} imports '${name}', which is not a runtime dependency in package.json`);
    dependencies[name] = version;
  }
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify(
      {
        name: `backbone-${manifest.name}`,
        private: true,
        description: manifest.description,
        main: 'index.js',
        engines: { node: String(pinnedNodeMajor()) },
        scripts: {
          start: `functions-framework --target=${entryPointOf(manifest.name)} --signature-type=${signatureTypeOf(manifest)}`,
        },
        dependencies,
      },
      null,
      2,
    )}\n`,
  );
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
  writeFileSync(
    path.join(dir, 'package-lock.json'),
    `${JSON.stringify(prunedLockfile(lock, `backbone-${manifest.name}`, dependencies), null, 2)}\n`,
  );
  const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  return { name: manifest.name, dir, bytes, dependencies };
}

function isBuiltin(name: string): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('node:module').builtinModules.includes(name);
}
