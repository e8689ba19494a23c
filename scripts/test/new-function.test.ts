// The scaffold writes a function of each trigger kind whose manifest loads like any other and whose
// own test passes: the generated tests are loaded into this file and run here.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scaffold, topicExport } from '../local/scaffold';

const ROOT = path.join(__dirname, '..', '..');
const dir = mkdtempSync(path.join(tmpdir(), 'scaffold-'));
// The generated code imports the project's packages (zod) as it would inside functions/.
symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'));
const kinds: [string, string[]][] = [
  ['demo-status', ['--http']],
  ['demo-tick', ['--schedule']],
  ['demo-listener', ['--pubsub', 'health-events']],
];
for (const [name, flags] of kinds)
  execFileSync(process.execPath, ['--require', 'tsx/cjs', 'scripts/new-function.ts', name, ...flags, '--dir', dir], {
    cwd: ROOT,
    encoding: 'utf8',
  });

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run new:function', () => {
  it.each(kinds)('writes %s with the files every function has, and a manifest that loads', (name, [flag]) => {
    expect(readdirSync(path.join(dir, name)).sort()).toEqual([
      'function.ts',
      'handler.ts',
      'index.ts',
      // An HTTP function declares its routes once, with their schemas.
      ...(flag === '--http' ? ['routes.ts'] : []),
      'schema.ts',
      'test',
    ]);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require(path.join(dir, name, 'function.ts')).default.name).toBe(name);
  });

  it('refuses a bad name and a topic outside the catalog', () => {
    expect(() => scaffold({ name: 'Bad_Name', kind: 'http' })).toThrow(/kebab-case/);
    expect(() => scaffold({ name: 'x-y', kind: 'pubsub', topic: 'no-such-topic' })).toThrow(/not a topic/);
    expect(() => scaffold({ name: 'x-y', kind: 'pubsub' })).toThrow(/needs the catalog topic/);
    expect(topicExport('billing-events').constName).toBe('billingEvents');
  });
});

// The scaffolded functions' own tests, as they would run in functions/<name>/test/.
// eslint-disable-next-line @typescript-eslint/no-require-imports
for (const [name] of kinds) require(path.join(dir, name, 'test', `${name}.test.ts`));
