// How much each @backbone/shared entry loads: modules in require.cache and wall time of the
// require, median of five fresh processes (after one warm-up that fills tsx's transpile cache).
// Usage: npm run -s entry-load [-- <entry> ...]
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..');
const paths: Record<string, string[]> = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')).compilerOptions
  .paths;
const wanted = process.argv.slice(2);
const entries = Object.keys(paths).filter((name) => wanted.length === 0 || wanted.includes(name));
const probe = (entry: string): { modules: number; ms: number } => {
  const code = `const baseline=Object.keys(require.cache).length;const t=performance.now();require(${JSON.stringify(entry)});const ms=performance.now()-t;console.log(JSON.stringify({modules:Object.keys(require.cache).length-baseline,ms}))`;
  const out = execFileSync(
    process.execPath,
    ['--require', 'tsx/cjs', '--require', './scripts/local/text-modules.ts', '-e', code],
    { cwd: root, encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop() as string);
};
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
console.log('| entry | modules loaded | load time (median of 5) |\n|---|---|---|');
for (const entry of entries) {
  probe(entry);
  const runs = Array.from({ length: 5 }, () => probe(entry));
  console.log(`| \`${entry}\` | ${runs[0]?.modules} | ${median(runs.map((run) => run.ms)).toFixed(0)} ms |`);
}
