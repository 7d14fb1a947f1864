import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['./shared/polyfills.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two files at once even on a 2-core machine (vitest's default there is one): most of a
    // file's time is spent waiting on DynamoDB Local, Chromium or LibreOffice, not on its own CPU.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Local runs stay on Node 20 (STACK.md): the SDK's Node 22 reminder is noise in test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
