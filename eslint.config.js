import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** What the pages' scripts may use without importing it. */
const browserGlobals = Object.fromEntries(
  ['window', 'document', 'navigator', 'location', 'history', 'fetch', 'URL', 'URLSearchParams', 'FileReader', 'TextDecoder', 'atob', 'setTimeout', 'setInterval', 'clearInterval', 'console', 'Node', 'Event', 'HTMLElement']
    .map((name) => [name, 'readonly']),
);

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.data/', 'out/', 'test-results/', 'bench/results.json', 'web/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['bin/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    // The browser code (web/build.ts runs on Node and is not part of it): browser globals only,
    // nothing from Node, and no way to write HTML (the pages run under Trusted Types).
    files: ['web/lib/**/*.ts', 'web/pages/**/*.ts'],
    languageOptions: { globals: browserGlobals },
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', '@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', '**/adapters/*', '**/http/*'] }],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'textContent only: the pages run under Trusted Types.' },
        { property: 'outerHTML', message: 'textContent only: the pages run under Trusted Types.' },
        { property: 'insertAdjacentHTML', message: 'textContent only: the pages run under Trusted Types.' },
        { object: 'document', property: 'write', message: 'textContent only: the pages run under Trusted Types.' },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', 'global'],
    },
  },
  {
    // The domain is plain functions: no AWS SDK, so it runs the same in tests, locally and on
    // Lambda; and it points nowhere up: nothing from the use cases, HTTP or the adapters.
    files: ['shared/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@aws-sdk/*', 'aws-cdk-lib', 'aws-cdk-lib/*', '../app/*', '../http/*', '../adapters/*', '../auth/*', '../pdf/*', '../pages/*'] },
      ],
    },
  },
  {
    // The use cases speak their own words: they refuse with shared/app/errors.ts and never
    // name an HTTP status; shared/http maps them (one table), so nothing here imports it.
    files: ['shared/app/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['../http/*', '../pages/*', '@middy/*'] }],
    },
  },
  {
    // A document plan is free of any file format: the writers (shared/pdf today, Word later)
    // read plans; a plan imports no writer, no pdfkit, nothing from the use cases or the adapters.
    files: ['shared/document/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['pdfkit', 'pdfkit/*', '@aws-sdk/*', '../app/*', '../http/*', '../adapters/*', '../auth/*', '../pdf/*', '../pages/*'] },
      ],
    },
  },
);
