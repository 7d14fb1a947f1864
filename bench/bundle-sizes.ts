// The bundles' sizes alone (no init timing): every Lambda bundled exactly as bench/bundles.ts
// and infra/stack.ts bundle it; the API jobs are held to the 250 KB budget.
//   npx tsx bench/bundle-sizes.ts
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { API_JOBS } from '../infra/routes.ts';
import { externalModulesOf } from '../infra/stack.ts';
import { BANNER, projectRoot } from './paths.ts';

const BUDGET = 250 * 1024;
const out = mkdtempSync(join(tmpdir(), 'tongket-sizes-'));
const api = new Set<string>(API_JOBS as readonly string[]);
let over = false;
for (const job of readdirSync(join(projectRoot, 'functions')).filter((j) => statSync(join(projectRoot, 'functions', j)).isDirectory()).sort()) {
  const outfile = join(out, job, 'index.mjs');
  await esbuild.build({
    entryPoints: [join(projectRoot, 'functions', job, 'handler.ts')],
    bundle: true, platform: 'node', format: 'esm', target: 'node22', minify: true,
    banner: { js: BANNER }, external: externalModulesOf(job), outfile, logLevel: 'error',
  });
  const bytes = statSync(outfile).size;
  const isApi = api.has(job);
  if (isApi && bytes > BUDGET) over = true;
  console.log(`${job.padEnd(22)} ${isApi ? 'api ' : 'task'} ${(bytes / 1024).toFixed(1).padStart(7)} KB${isApi && bytes > BUDGET ? '  OVER BUDGET' : ''}`);
}
rmSync(out, { recursive: true, force: true });
if (over) process.exitCode = 1;
