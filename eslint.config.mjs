import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The folders of shared/src beside core: the domains, the shared Google adapters, the test helpers.
const DOMAINS = ['policy', 'audit', 'governance', 'agents', 'runlogs', 'approvals', 'workspaces', 'billing', 'health', 'scraping', 'constitution'];
const NOT_CORE = [...DOMAINS, 'gcp', 'testing'];

// Outside shared/src, the library is reached only through its declared entries (tsconfig paths).
const sharedEntriesOnly = [
  {
    group: ['**/shared/src', '**/shared/src/**'],
    message: 'Import @backbone/shared/<entry>, not a path into shared/src.',
  },
  {
    regex: `^@backbone/shared(?!/(?:core|gcp|testing|(?:${DOMAINS.join('|')})(?:/gcp)?)$)`,
    message: 'Import a declared entry of @backbone/shared (core, gcp, testing, <domain>, <domain>/gcp).',
  },
];

// The SDKs a function reaches only through its adapters.
const SDKS = ['@google-cloud/*', 'firebase-admin', 'firebase-admin/*', 'stripe', 'google-auth-library'];

// shared/src never reaches into a function, nor back into itself through its own entries.
const sharedStaysShared = {
  group: ['**/functions/**', '@backbone/*'],
  message: 'shared/src imports neither function code nor its own entries (use a relative path).',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'openapi/', 'dist/', '.backbone/', 'coverage/', 'cdktf.out/', 'infra-cdktf/cdktf.out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Export by name (architecture convention 9).' },
      ],
    },
  },
  {
    // Outside shared/src, the library is reached only through its declared entries (tsconfig paths):
    // no relative path into shared/src, no deep path below an entry.
    files: ['functions/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'infra-cdktf/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...sharedEntriesOnly],
        },
      ],
    },
  },
  {
    files: ['shared/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [sharedStaysShared] }] },
  },
  {
    // Core is what every domain builds on: it imports no domain, no Google SDK and no test helper.
    files: ['shared/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: NOT_CORE.flatMap((folder) => [`**/${folder}`, `**/${folder}/**`]),
              message: 'shared/src/core imports no domain, adapter or test helper.',
            },
            {
              group: [
                '@google-cloud/*',
                'firebase-admin',
                'firebase-admin/*',
                'stripe',
                'google-auth-library',
              ],
              message: 'shared/src/core imports no SDK.',
            },
            sharedStaysShared,
          ],
        },
      ],
    },
  },
  {
    // A domain's index is SDK-free; its Google adapters are in <domain>/gcp.ts and the files it exports.
    files: DOMAINS.map((domain) => `shared/src/${domain}/index.ts`),
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                './firestore-*',
                './gcs-*',
                './stripe-api-gateway',
                './vertex-ai-embedder',
                './embedder-from-config',
                '../gcp',
                '../gcp/**',
              ],
              message: 'Adapters are exported from <domain>/gcp.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // In a function, only adapters/ talks to an SDK (types excepted): wiring goes through the bootstraps
    // and adapter factories, domain code through ports.
    files: ['functions/**/*.ts'],
    ignores: ['functions/*/adapters/**', 'functions/*/test/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: SDKS,
              allowTypeImports: true,
              message: 'SDKs are used in functions/<name>/adapters/ only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Services hold domain logic only: SDKs are reached through ports (convention 1).
    files: ['functions/*/service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...sharedEntriesOnly,
            {
              group: ['@google-cloud/*', 'firebase-admin', 'firebase-admin/*', 'stripe'],
              message: 'SDKs only in adapters.',
            },
          ],
        },
      ],
    },
  },
  {
    // Config is the one reader of process.env (convention 6).
    files: ['functions/**/*.ts', 'shared/src/**/*.ts'],
    ignores: ['shared/src/core/config/**', 'shared/src/testing/**', '**/test/**', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read env through shared config.' },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
