// `npm run infra:docs`: writes infra-cdktf/IAM.md from the manifests, and each environment's
// Prometheus scrape configuration (infra-cdktf/prometheus/<env>.yml).
import '../scripts/local/text-modules';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadManifests } from '../scripts/local/manifests';
import { environments } from './environments';
import { renderInfraDocs } from './src/infra-docs';
import { prometheusConfig } from './src/prometheus-config';

const prod = environments.find((e) => e.name === 'prod')!;
writeFileSync(path.join(__dirname, 'IAM.md'), renderInfraDocs(loadManifests(), prod));
console.log('wrote infra-cdktf/IAM.md');
mkdirSync(path.join(__dirname, 'prometheus'), { recursive: true });
for (const env of environments)
  writeFileSync(path.join(__dirname, 'prometheus', `${env.name}.yml`), prometheusConfig(env));
console.log(`wrote infra-cdktf/prometheus/{${environments.map((e) => e.name).join(',')}}.yml`);
