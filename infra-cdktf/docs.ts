// `npm run infra:docs`: writes infra-cdktf/IAM.md from the manifests.
import '../scripts/local/text-modules';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadManifests } from '../scripts/local/manifests';
import { environments } from './environments';
import { renderInfraDocs } from './src/infra-docs';

const prod = environments.find((e) => e.name === 'prod')!;
writeFileSync(path.join(__dirname, 'IAM.md'), renderInfraDocs(loadManifests(), prod));
console.log('wrote infra-cdktf/IAM.md');
