import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleFunction } from '../local/bundle';
import { loadManifests, ROOT } from '../local/manifests';
import { resolveInLock, type Lockfile } from '../local/pruned-lockfile';

// Integration project: it installs a bundle with npm (from the local cache first).
const rootLock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
let out: string;
beforeAll(() => {
  out = mkdtempSync(path.join(tmpdir(), 'bundles-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('deploy bundles carry a lockfile pruned to what they require', () => {
  it.each(loadManifests().map((m) => [m.name, m] as const))('%s', async (_, manifest) => {
    const report = await bundleFunction(manifest, out);
    const lock = JSON.parse(readFileSync(path.join(report.dir, 'package-lock.json'), 'utf8')) as Lockfile;
    expect(lock.packages['']!.dependencies).toEqual(report.dependencies);
    for (const [at, entry] of Object.entries(lock.packages)) {
      if (!at) continue;
      // The very version and integrity the repository's tests ran with.
      expect({ at, version: entry.version, integrity: entry.integrity }).toEqual({
        at,
        version: rootLock.packages[at]!.version,
        integrity: rootLock.packages[at]!.integrity,
      });
      // Every dependency it needs resolves inside the pruned lockfile.
      for (const dep of Object.keys(entry.dependencies ?? {}))
        expect({ at, dep, found: Boolean(resolveInLock(lock.packages, at, dep)) }).toEqual({
          at,
          dep,
          found: true,
        });
    }
    // Nothing the bundle does not need: no test or build tooling.
    for (const devOnly of ['node_modules/jest', 'node_modules/typescript', 'node_modules/cdktf', 'node_modules/node'])
      expect(lock.packages[devOnly]).toBeUndefined();
  });

  it('installs with npm ci from the bundle alone, and the bundle loads its packages', () => {
    const manifest = loadManifests().find((m) => m.name === 'pep-check')!;
    const dir = mkdtempSync(path.join(tmpdir(), 'install-'));
    try {
      cpSync(path.join(out, manifest.name), dir, { recursive: true });
      execFileSync('npm', ['ci', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'], {
        cwd: dir,
        stdio: 'pipe',
      });
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        dependencies: Record<string, string>;
      };
      for (const [name, version] of Object.entries(pkg.dependencies)) {
        const installed = JSON.parse(readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')) as {
          version: string;
        };
        expect(`${name}@${installed.version}`).toBe(`${name}@${version}`);
      }
      const resolved = execFileSync(
        process.execPath,
        ['-e', "console.log(require.resolve('@google-cloud/firestore'))"],
        {
          cwd: dir,
        },
      ).toString();
      expect(resolved).toContain(path.join(dir, 'node_modules'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
