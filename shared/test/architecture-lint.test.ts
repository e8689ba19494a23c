// The shape of shared/src is kept by lint, so these cases run the project's own eslint config.
// eslint's config is an ES module, which jest's CommonJS runtime cannot import: one child process
// loads eslint once and lints each case it is sent (a JSON line in, a JSON line out).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const LINTER = `
import { ESLint } from 'eslint';
import { createInterface } from 'node:readline';
const eslint = new ESLint();
for await (const line of createInterface({ input: process.stdin })) {
  const { filePath, code } = JSON.parse(line);
  const [result] = await eslint.lintText(code, { filePath });
  const messages = result.messages.filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);
  process.stdout.write(JSON.stringify(messages) + '\\n');
}
`;
let linter: ChildProcessWithoutNullStreams;
let answers: AsyncIterator<string>;
beforeAll(() => {
  linter = spawn(process.execPath, ['--input-type=module', '-e', LINTER], {
    cwd: path.join(__dirname, '..', '..'),
  });
  answers = createInterface({ input: linter.stdout })[Symbol.asyncIterator]();
});
afterAll(() => linter.kill());
const restrictedImports = async (filePath: string, code: string): Promise<string[]> => {
  linter.stdin.write(`${JSON.stringify({ filePath, code })}\n`);
  const answer = await answers.next();
  if (answer.done) throw new Error('the linter process ended');
  return JSON.parse(answer.value);
};

describe('architecture lint', () => {
  jest.setTimeout(60_000);

  it.each([
    ['a domain', "import { PolicyEngine } from '../../policy/policy-engine';"],
    ['a domain entry', "import { PolicyEngine } from '../../policy';"],
    ['a shared adapter', "import { createFirestore } from '../../gcp/firestore-client';"],
    ['a test helper', "import { ManualClock } from '../../testing/doubles';"],
    ['an SDK', "import { Firestore } from '@google-cloud/firestore';"],
    ['function code', "import { x } from '../../../../functions/pep-check/service';"],
  ])('core may not import %s', async (_what, code) => {
    expect(await restrictedImports('shared/src/core/http/example.ts', `${code}\nvoid 0;\n`)).toHaveLength(1);
  });

  it('core may import core', async () => {
    const code = "import { ConfigError } from '../errors/app-errors';\nvoid ConfigError;\n";
    expect(await restrictedImports('shared/src/core/http/example.ts', code)).toEqual([]);
  });

  it.each([
    ['a path into shared/src', "import { AppError } from '../../shared/src/core/errors/app-errors';"],
    ['a path below an entry', "import { AppError } from '@backbone/shared/core/errors/app-errors';"],
    ['an undeclared entry', "import { x } from '@backbone/shared/adapters';"],
    ['the old barrel', "import { AppError } from '@backbone/shared';"],
  ])('a function may not import %s', async (_what, code) => {
    expect(await restrictedImports('functions/pep-check/example.ts', `${code}\nvoid 0;\n`)).toHaveLength(1);
  });

  it.each(['core', 'gcp', 'testing', 'billing', 'billing/gcp', 'constitution/gcp'])(
    'a function may import the entry %s',
    async (entry) => {
      const code = `import { x } from '@backbone/shared/${entry}';\nvoid x;\n`;
      expect(await restrictedImports('functions/pep-check/example.ts', code)).toEqual([]);
    },
  );

  it("a domain's index exports no adapter", async () => {
    const code = "export { FirestoreBillingStore } from './firestore-billing-store';\n";
    expect(await restrictedImports('shared/src/billing/index.ts', code)).toHaveLength(1);
  });

  it('shared code does not import function code', async () => {
    const code = "import { x } from '../../../functions/scraping-worker/host-gate';\nvoid x;\n";
    expect(await restrictedImports('shared/src/scraping/example.ts', code)).toHaveLength(1);
  });

  it.each([
    ['index.ts', "import { Storage } from '@google-cloud/storage';", 1],
    ['handler.ts', "import Stripe from 'stripe';", 1],
    ['handler.ts', "import type Stripe from 'stripe';", 0],
    ['adapters/gcs-thing.ts', "import { Storage } from '@google-cloud/storage';", 0],
  ])("a function's %s: %s", async (file, code, expected) => {
    expect(await restrictedImports(`functions/pep-check/${file}`, `${code}\nvoid 0;\n`)).toHaveLength(
      expected as number,
    );
  });
});
