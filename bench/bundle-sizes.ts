// The bundles' sizes alone (no init timing): every Lambda bundled exactly as bench/bundles.ts
// and infra/stack.ts bundle it; the API jobs are held to the bench's budget (TARGETS in
// bench/run.ts: 850 KB since the AWS SDK is bundled, BENCHMARKS.md).
//   npx tsx bench/bundle-sizes.ts
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { API_JOBS } from '../infra/routes.ts';
import { externalModulesOf, LAMBDA_MAIN_FIELDS } from '../infra/stack.ts';
import { LAMBDA_LIKE_BUILD, projectRoot } from './paths.ts';
import { TARGETS } from './run.ts';

const BUDGET = TARGETS.apiBundleMaxBytes;
const out = mkdtempSync(join(tmpdir(), 'tongket-sizes-'));
const api = new Set<string>(API_JOBS as readonly string[]);
let over = false;
for (const job of readdirSync(join(projectRoot, 'functions')).filter((j) => statSync(join(projectRoot, 'functions', j)).isDirectory()).sort()) {
  const outfile = join(out, job, 'index.mjs');
  await esbuild.build({
    entryPoints: [join(projectRoot, 'functions', job, 'handler.ts')],
    ...LAMBDA_LIKE_BUILD, mainFields: [...LAMBDA_MAIN_FIELDS], external: externalModulesOf(job), outfile,
  });
  const bytes = statSync(outfile).size;
  const isApi = api.has(job);
  if (isApi && bytes > BUDGET) over = true;
  console.log(`${job.padEnd(22)} ${isApi ? 'api ' : 'task'} ${(bytes / 1024).toFixed(1).padStart(7)} KB${isApi && bytes > BUDGET ? '  OVER BUDGET' : ''}`);
}
rmSync(out, { recursive: true, force: true });
if (over) process.exitCode = 1;
