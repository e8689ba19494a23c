// Lets scripts run by tsx import .cedar and .cedarschema files as text, as the bundles
// (esbuild's text loader) and jest (shared/src/testing/text-transform.js) do. Import it first.
import { readFileSync } from 'node:fs';

for (const extension of ['.cedar', '.cedarschema']) {
  require.extensions[extension] = (module: NodeJS.Module, filename: string) => {
    module.exports = { __esModule: true, default: readFileSync(filename, 'utf8') };
  };
}
