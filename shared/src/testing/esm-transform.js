// Jest transform: an ES-module-only dependency becomes CommonJS for jest's module system, and a
// dynamic import() a require. Node 24 itself loads these natively; jest's CommonJS runtime does not.
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, {
      format: 'cjs',
      target: 'node24',
      sourcefile: filename,
      sourcemap: 'inline',
      supported: { 'dynamic-import': false },
    });
    return { code, map };
  },
};
