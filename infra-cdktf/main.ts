// `npm run synth`: one Terraform stack per environment, from the function manifests, offline.
import '../scripts/local/text-modules';
import path from 'node:path';
import { App } from 'cdktf';
import { loadManifests, ROOT } from '../scripts/local/manifests';
import { environments } from './environments';
import { BackboneStack } from './src/backbone-stack';

process.env.CHECKPOINT_DISABLE ??= '1';
const outdir = path.join(__dirname, 'cdktf.out');
const app = new App({ outdir });
const manifests = loadManifests();
for (const env of environments) {
  new BackboneStack(app, `backbone-${env.name}`, {
    env,
    manifests,
    bundleDir: (name) => path.join(ROOT, 'dist', name),
    indexFile: path.join(ROOT, 'firestore.indexes.json'),
  });
}
app.synth();

// What was synthesized, per environment.
import { readFileSync } from 'node:fs';
for (const env of environments) {
  const file = path.join(outdir, 'stacks', `backbone-${env.name}`, 'cdk.tf.json');
  const tf = JSON.parse(readFileSync(file, 'utf8')) as { resource: Record<string, Record<string, unknown>> };
  const count = Object.values(tf.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
  console.log(`backbone-${env.name}: ${count} resources -> ${path.relative(process.cwd(), file)}`);
}
