// The committed OpenAPI documents and their types are what the route contracts give, and valid
// OpenAPI 3.1 by a real validator (which does refuse a broken document).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadManifests } from '../local/manifests';

const ROOT = path.join(__dirname, '..', '..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['--require', 'tsx/cjs', 'scripts/openapi.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
  });

describe('npm run openapi', () => {
  jest.setTimeout(60_000);

  it('documents every route of every HTTP function and scheduled job', () => {
    const manifests = loadManifests().filter((m) => m.trigger.kind === 'http' || m.trigger.kind === 'schedule');
    expect(manifests.length).toBeGreaterThanOrEqual(12);
    for (const manifest of manifests) {
      const document = JSON.parse(readFileSync(path.join(ROOT, 'openapi', `${manifest.name}.json`), 'utf8'));
      const routes = manifest.trigger.kind === 'http' ? manifest.trigger.routes : [{ method: 'POST', path: '/' }];
      const documented = Object.entries(document.paths as Record<string, object>).flatMap(([p, ops]) =>
        Object.keys(ops).map((method) => `${method.toUpperCase()} ${p}`),
      );
      const declared = routes.map((r) => `${r.method} ${r.path.replace(/:([a-zA-Z]+)/g, '{$1}')}`);
      expect({ name: manifest.name, routes: documented.sort() }).toEqual({
        name: manifest.name,
        routes: declared.sort(),
      });
    }
  });

  it('finds every committed document current and valid', () => {
    const out = run('--check');
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('pep-check: 3 paths, valid');
  });

  it("the validator refuses a document that breaks OpenAPI's schema", () => {
    const broken = JSON.parse(readFileSync(path.join(ROOT, 'openapi', 'pep-check.json'), 'utf8'));
    delete broken.info;
    broken.paths['/v1/pep/decide'].post.responses = 'none';
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'openapi-')), 'broken.json');
    writeFileSync(file, JSON.stringify(broken));
    const out = run('--validate', file);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/info|responses/);
    // and the committed one passes the same check
    execFileSync(
      process.execPath,
      ['--require', 'tsx/cjs', 'scripts/openapi.ts', '--validate', 'openapi/pep-check.json'],
      {
        cwd: ROOT,
      },
    );
  });
});
