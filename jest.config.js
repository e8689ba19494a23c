// Two projects: unit tests (doubles only, no network) and emulator integration tests
// (*.int.test.ts), which expect the emulators that `npm test` starts once for the whole run.
// The entries of @backbone/shared, as tsconfig.json's paths declare them: `<name>` is its folder's
// index.ts, `<domain>/gcp` that domain's Google adapters.
const moduleNameMapper = {
  '^@backbone/shared/([a-z-]+)$': '<rootDir>/shared/src/$1/index.ts',
  '^@backbone/shared/([a-z-]+)/gcp$': '<rootDir>/shared/src/$1/gcp.ts',
};
// Type-checking is `npm run typecheck`'s job; jest only transpiles.
const transform = {
  '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  '^.+\\.(cedar|cedarschema)$': '<rootDir>/shared/src/testing/text-transform.js',
};
// ES-module-only dependencies (jose under firebase-admin 14; node-fetch 3, which teeny-request under
// Storage 8 imports dynamically) become CommonJS for jest; everything else in node_modules already is.
const ESM_ONLY = [
  'jose',
  'teeny-request',
  'node-fetch',
  'fetch-blob',
  'formdata-polyfill',
  'data-uri-to-buffer',
  'node-domexception',
  'web-streams-polyfill',
];
transform[`/node_modules/(?:${ESM_ONLY.join('|')})/.+\\.m?js$`] = '<rootDir>/shared/src/testing/esm-transform.js';
const transformIgnorePatterns = [`/node_modules/(?!(?:${ESM_ONLY.join('|')})/)`];
const common = {
  rootDir: __dirname,
  moduleNameMapper,
  transform,
  transformIgnorePatterns,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json', 'cedar', 'cedarschema'],
};

/** @type {import('jest').Config} */
module.exports = {
  maxWorkers: 2,
  testTimeout: 30000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{functions,shared,scripts,infra-cdktf}/**/*.test.ts'],
      testPathIgnorePatterns: ['\\.int\\.test\\.ts$', '/node_modules/', '/dist/'],
    },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{functions,shared,scripts,infra-cdktf}/**/*.int.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
      globalSetup: '<rootDir>/shared/src/testing/require-emulators.js',
      // Every Firestore query the emulator tests run is recorded and checked against the indexes.
      setupFiles: ['<rootDir>/shared/src/testing/index-coverage/record-queries.ts'],
      globalTeardown: '<rootDir>/shared/src/testing/index-coverage/check-recorded-queries.ts',
    },
  ],
};
