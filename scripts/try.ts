// `npm run try -- <example>`: runs one of `npm start`'s examples (scripts/local/examples.ts)
// through the typed OpenAPI clients against the running suite and prints the answer.
import './local/text-modules';
import { devKey, serviceToken, userToken } from './local/dev-identity';
import { EXAMPLES } from './local/examples';
import { runningEndpoints, STATE_DIR } from './local/endpoints';

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const example = EXAMPLES[name];
  if (!example) {
    console.error('usage: npm run try -- <example>');
    for (const [key, { what }] of Object.entries(EXAMPLES)) console.error(`  ${key.padEnd(16)} ${what}`);
    process.exit(2);
  }
  const urls = runningEndpoints();
  process.env.FIREBASE_AUTH_EMULATOR_HOST ??= '127.0.0.1:9099';
  const url = (fn: string) => urls[fn] ?? `${fn} is not running`;
  const answer = await example.run({
    url,
    user: userToken,
    service: (fn) => serviceToken(devKey(STATE_DIR), url(fn)),
  });
  console.log(JSON.stringify(answer, null, 2));
}

void main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
