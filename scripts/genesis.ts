// `npm run genesis -- certify|reject|timeout`: what the running suite's Genesis stand-in decides next.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { STATE_DIR } from './local/endpoints';
import { GENESIS_MODES } from './local/genesis-stand-in';

async function main(): Promise<void> {
  const mode = process.argv[2];
  if (!mode || !(GENESIS_MODES as readonly string[]).includes(mode)) {
    console.error(`usage: npm run genesis -- ${GENESIS_MODES.join('|')}`);
    process.exit(2);
  }
  const { url } = JSON.parse(readFileSync(path.join(STATE_DIR, 'genesis.json'), 'utf8')) as { url: string };
  const res = await fetch(`${url}/mode`, { method: 'POST', body: JSON.stringify({ mode }) });
  console.log(await res.text());
}

void main().catch((error: Error) => {
  console.error(`${error.message} (is npm start running?)`);
  process.exit(1);
});
