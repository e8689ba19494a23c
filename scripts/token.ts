// `npm run token -- service <function>` prints a local service (OIDC) token for a running function;
// `npm run token -- user <email>` prints a demo user's ID token from the Auth emulator.
import './local/text-modules';
import { DEMO_USERS, devKey, serviceToken, userToken } from './local/dev-identity';
import { runningEndpoints, STATE_DIR } from './local/endpoints';

function usage(): never {
  console.error(
    `usage: npm run token -- service <function>\n       npm run token -- user <email>   (${DEMO_USERS.map((u) => u.email).join(', ')})`,
  );
  process.exit(2);
}

async function main(): Promise<void> {
  const [kind, who] = process.argv.slice(2);
  if (!who) usage();
  if (kind === 'service') {
    const urls = runningEndpoints();
    if (!urls[who]) usage();
    console.log(serviceToken(devKey(STATE_DIR), urls[who]!));
  } else if (kind === 'user') {
    process.env.FIREBASE_AUTH_EMULATOR_HOST ??= '127.0.0.1:9099';
    console.log(await userToken(who));
  } else usage();
}

void main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
