import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', '.backbone/', 'coverage/', 'cdktf.out/', 'infra-cdktf/cdktf.out/'] },
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
    // Services hold domain logic only: SDKs are reached through ports (convention 1).
    files: ['functions/*/service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@google-cloud/*', 'firebase-admin', 'firebase-admin/*', 'stripe'] },
      ],
    },
  },
  {
    // Config is the one reader of process.env (convention 6).
    files: ['functions/**/*.ts', 'shared/src/**/*.ts'],
    ignores: ['shared/src/config/**', 'shared/src/testing/**', '**/test/**', '**/*.test.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read env through shared config.' }],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
