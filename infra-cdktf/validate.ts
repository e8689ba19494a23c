// `npm run infra:validate`: `terraform validate` on every synthesized stack. Needs terraform and
// the google provider plugin (downloaded by `terraform init`): run it where the registry is
// reachable; offline CI relies on the synth tests and Aspects instead.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

const stacks = path.join(__dirname, 'cdktf.out', 'stacks');
for (const stack of readdirSync(stacks)) {
  const dir = path.join(stacks, stack);
  console.log(`== ${stack}`);
  execFileSync('terraform', ['init', '-backend=false', '-input=false'], { cwd: dir, stdio: 'inherit' });
  execFileSync('terraform', ['validate'], { cwd: dir, stdio: 'inherit' });
}
