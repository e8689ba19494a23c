// `npm run build`: one bundle per function under dist/<name>/, read from the manifests.
import './local/text-modules';
import path from 'node:path';
import { bundleFunction } from './local/bundle';
import { loadManifests, ROOT } from './local/manifests';

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const manifests = loadManifests().filter((m) => only.length === 0 || only.includes(m.name));
  for (const manifest of manifests) {
    const report = await bundleFunction(manifest);
    console.log(
      `${report.name.padEnd(22)} ${path.relative(ROOT, report.dir)}/index.js  ${(report.bytes / 1024).toFixed(0)} KiB  deps: ${Object.keys(report.dependencies).join(', ')}`,
    );
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
