// Jest global setup (integration project), after the emulator check: a fresh query log per run.
const { rmSync } = require('node:fs');
const path = require('node:path');

module.exports = async () => {
  rmSync(path.resolve(__dirname, '..', '..', '..', '..', '.backbone', 'query-log'), {
    recursive: true,
    force: true,
  });
};
