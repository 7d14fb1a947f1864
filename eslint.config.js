import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.data/', 'out/', 'test-results/', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['bin/**/*.mjs', 'shared/pages/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', document: 'readonly', window: 'readonly', fetch: 'readonly', URLSearchParams: 'readonly', location: 'readonly', localStorage: 'readonly' } },
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
