// Where the bench keeps its scratch files: under node_modules/.cache, so that bundles
// resolve the project's node_modules (the AWS SDK stays external, as on Lambda) and neither
// git nor ESLint sees them.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The banner infra/stack.ts gives every NodejsFunction bundle. */
export const BANNER = "import { createRequire as __tongketRequire } from 'module'; const require = __tongketRequire(import.meta.url);";

export function scratchDir(): string {
  const dir = join(projectRoot, 'node_modules', '.cache', 'tongket-bench');
  mkdirSync(dir, { recursive: true });
  return dir;
}
