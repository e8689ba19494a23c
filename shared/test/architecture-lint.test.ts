// The shape of shared/src is kept by lint, so these cases run the project's own eslint config.
// eslint's config is an ES module, which jest's CommonJS runtime cannot import: each case is
// linted by eslint's own API in a child process.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const LINT_TEXT = `
import { ESLint } from 'eslint';
const { filePath, code } = JSON.parse(process.argv[1]);
const [result] = await new ESLint().lintText(code, { filePath });
const messages = result.messages.filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);
console.log(JSON.stringify(messages));
`;
const restrictedImports = async (filePath: string, code: string): Promise<string[]> => {
  const out = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', LINT_TEXT, JSON.stringify({ filePath, code })],
    {
      cwd: path.join(__dirname, '..', '..'),
      encoding: 'utf8',
    },
  );
  return JSON.parse(out);
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
