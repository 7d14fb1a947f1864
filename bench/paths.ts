// Where the bench keeps its scratch files: under node_modules/.cache, so that bundles
// resolve the project's node_modules (what a Lambda has installed beside it) and neither
// git nor ESLint sees them.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAMBDA_DEFINE } from '../infra/bundling.ts';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The banner infra/stack.ts gives every NodejsFunction bundle. */
export const BANNER = "import { createRequire as __tongketRequire } from 'module'; const require = __tongketRequire(import.meta.url);";

/** esbuild's options shared by every bundle the bench builds, as infra/stack.ts builds a Lambda's. */
export const LAMBDA_LIKE_BUILD = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  minify: true,
  banner: { js: BANNER },
  define: { ...LAMBDA_DEFINE },
  logLevel: 'error',
} as const;

export function scratchDir(): string {
  const dir = join(projectRoot, 'node_modules', '.cache', 'tongket-bench');
  mkdirSync(dir, { recursive: true });
  return dir;
}
