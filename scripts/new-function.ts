// `npm run new:function -- <name> --http|--schedule|--pubsub <topic>`: writes a working, tested
// function (manifest, wiring, handler, config schema, unit test) that `npm start`, `npm run build`
// and `npm run synth` pick up from its manifest. `--dir <folder>` writes elsewhere (tests).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { scaffold, type ScaffoldKind } from './local/scaffold';

async function main(argv: string[]): Promise<void> {
  const name = argv.find((a) => !a.startsWith('--'));
  const kind = (['http', 'schedule', 'pubsub'] as const).find((k) => argv.includes(`--${k}`));
  const topic = kind === 'pubsub' ? argv[argv.indexOf('--pubsub') + 1] : undefined;
  const dirFlag = argv.indexOf('--dir');
  const functionsDir = dirFlag >= 0 ? path.resolve(argv[dirFlag + 1] ?? '.') : path.join(__dirname, '..', 'functions');
  if (!name || !kind) {
    console.error(
      'usage: npm run new:function -- <name> --http | --schedule | --pubsub <catalog topic> [--dir <folder>]',
    );
    process.exit(2);
  }
  const files = scaffold({ name, kind: kind as ScaffoldKind, topic });
  const dir = path.join(functionsDir, name);
  if (existsSync(dir)) {
    console.error(`${dir} exists; choose another name`);
    process.exit(2);
  }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    const target = path.join(dir, file);
    const options = (await prettier.resolveConfig(target)) ?? {};
    writeFileSync(target, await prettier.format(text, { ...options, filepath: target }));
  }
  console.log(`wrote ${Object.keys(files).length} files in ${path.relative(process.cwd(), dir) || dir}:`);
  for (const file of Object.keys(files)) console.log(`  ${file}`);
  console.log(
    [
      'next:',
      '  1. function.ts: the description, routes (or schedule), runtime sizes and what it touches;',
      kind === 'http'
        ? '  2. scripts/smoke/plan.ts: its one smoke call (a request that changes nothing);'
        : '  2. nothing for the smoke plan (it checks scheduled and Pub/Sub functions by itself);',
      '  3. npm run infra:docs (the IAM table), then npm test, npm start, npm run synth;',
      "  4. README: the function's section and its row in the functions table.",
    ].join('\n'),
  );
}

void main(process.argv.slice(2));
