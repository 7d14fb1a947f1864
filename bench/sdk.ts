// The "sdk" figures (issue 17): the Lambda bundles built both ways, the AWS SDK left external
// (imported from node_modules, as it was from the Node.js runtime's copy) and bundled (what
// infra/stack.ts now does), each against the SDK-only floor built the same way: a handler that
// imports only the DynamoDB clients a handler cannot do without. Size of index.mjs and init
// (a fresh `node` importing the bundle), median of `runs`, every variant's runs interleaved so
// that load on the machine hits them alike. The rule: keep the bundled build unless an API job's
// init is more than 20 % worse than with the SDK external (infra/stack.ts, BENCHMARKS.md). The
// API jobs, because there a person waits on a cold start; a Task's init is reported, not ruled
// on: it starts one step of a close that runs for seconds to minutes.
//   npx tsx bench/sdk.ts [runs]      or   npx tongket bench --only sdk
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { API_JOBS } from '../infra/routes.ts';
import { externalModulesOf, LAMBDA_MAIN_FIELDS } from '../infra/stack.ts';
import { median, round } from './measure.ts';
import { LAMBDA_LIKE_BUILD, projectRoot, scratchDir } from './paths.ts';

/** The jobs compared: small, typical and large API bundles, a Task, and RenderReport (pdfkit). */
export const SDK_BENCH_JOBS = ['health', 'get-cycle', 'submit-report', 'get-published-pdf', 'import-registry', 'aggregate-unit', 'render-report'];
/** What the runtime provided and the old bundles left out. */
const RUNTIME_SDK = ['@aws-sdk/*', '@smithy/*'];
/** Bundled init / external init above which the bundled build is not kept. */
export const SDK_INIT_WORSE_MAX = 1.2;

type Variant = 'external' | 'bundled';
export interface SdkVariantFigure {
  bytes: number;
  initMs: number;
  /** init / the SDK-only floor built the same way */
  overFloor: number;
}
export interface SdkFigures {
  runs: number;
  emptyInitMs: number;
  floor: Record<Variant, { bytes: number; initMs: number }>;
  jobs: { job: string; api: boolean; external: SdkVariantFigure; bundled: SdkVariantFigure; bundledOverExternal: number }[];
  /** the largest bundled / external init among the API jobs (the rule) and among the Tasks (reported) */
  worstInit: number;
  worstTaskInit: number | null;
  choice: Variant;
}

async function build(entry: string, outDir: string, variant: Variant, job = ''): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'index.mjs');
  await esbuild.build({
    entryPoints: [entry],
    ...LAMBDA_LIKE_BUILD,
    // The external build as the stack was before issue 17: esbuild's default resolution order
    // (the SDK was not bundled, so the order mattered little); the bundled one as it is now.
    ...(variant === 'bundled' ? { mainFields: [...LAMBDA_MAIN_FIELDS], external: externalModulesOf(job) } : { external: [...RUNTIME_SDK, ...externalModulesOf(job)] }),
    outfile,
  });
  return outfile;
}

/** Wall time of one fresh node process that imports the bundle and exits. */
function initOnce(file: string): number {
  const env = { ...process.env, AWS_REGION: 'ap-southeast-1', TABLE_NAME: 'tongket', BUCKET_NAME: 'tongket-files', NODE_OPTIONS: '' };
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(file).href)});`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`importing ${file} failed: ${result.stderr.toString('utf8')}`);
  return ms;
}

export async function sdkBench(options: { runs: number; jobs?: string[]; log?: (line: string) => void }): Promise<SdkFigures> {
  const log = options.log ?? ((line: string) => console.log(line));
  const jobs = options.jobs ?? SDK_BENCH_JOBS;
  // Under node_modules/.cache: the external builds find the SDK in the project's node_modules.
  const root = join(scratchDir(), 'sdk');
  mkdirSync(root, { recursive: true });
  const emptyEntry = join(root, 'empty-entry.mjs');
  const floorEntry = join(root, 'dynamo-entry.mjs');
  writeFileSync(emptyEntry, 'export const handler = async () => ({ statusCode: 200, body: "{}" });\n');
  writeFileSync(floorEntry, "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nexport const handler = async () => DynamoDBDocumentClient.from(new DynamoDBClient({}));\n");

  const files: { key: string; file: string }[] = [{ key: 'empty', file: await build(emptyEntry, join(root, '_empty'), 'bundled') }];
  for (const variant of ['external', 'bundled'] as const) {
    files.push({ key: `_floor/${variant}`, file: await build(floorEntry, join(root, variant, '_floor'), variant) });
    for (const job of jobs) files.push({ key: `${job}/${variant}`, file: await build(join(projectRoot, 'functions', job, 'handler.ts'), join(root, variant, job), variant, job) });
  }
  const times = new Map<string, number[]>(files.map((f) => [f.key, []]));
  // A first round warms the disk cache and is thrown away; then each round runs every bundle once.
  for (const f of files) initOnce(f.file);
  for (let run = 0; run < options.runs; run++) {
    const order = run % 2 === 0 ? files : [...files].reverse();
    for (const f of order) times.get(f.key)!.push(initOnce(f.file));
  }
  const at = (key: string) => ({ bytes: statSync(files.find((f) => f.key === key)!.file).size, initMs: round(median(times.get(key)!), 1) });
  const floor = { external: at('_floor/external'), bundled: at('_floor/bundled') };
  const figure = (job: string, variant: Variant): SdkVariantFigure => {
    const { bytes, initMs } = at(`${job}/${variant}`);
    return { bytes, initMs, overFloor: round(initMs / floor[variant].initMs, 2) };
  };
  const rows = jobs.map((job) => {
    const external = figure(job, 'external');
    const bundled = figure(job, 'bundled');
    return { job, api: API_JOBS.includes(job), external, bundled, bundledOverExternal: round(bundled.initMs / external.initMs, 2) };
  });
  const worstOf = (list: typeof rows) => (list.length ? Math.max(...list.map((r) => r.bundledOverExternal)) : null);
  const worstInit = worstOf(rows.filter((r) => r.api)) ?? Number.NaN;
  const figures: SdkFigures = { runs: options.runs, emptyInitMs: at('empty').initMs, floor, jobs: rows, worstInit, worstTaskInit: worstOf(rows.filter((r) => !r.api)), choice: worstInit > SDK_INIT_WORSE_MAX ? 'external' : 'bundled' };
  for (const line of formatSdk(figures)) log(line);
  return figures;
}

export function formatSdk(s: SdkFigures): string[] {
  const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`.padStart(10);
  const ms = (m: number) => `${m.toFixed(1)} ms`.padStart(10);
  const lines = [
    `sdk: external vs bundled (init: fresh node, median of ${s.runs}; empty handler ${s.emptyInitMs} ms)`,
    `  ${'job'.padEnd(26)}${'external'.padStart(10)}${'init'.padStart(10)}  /floor${'bundled'.padStart(10)}${'init'.padStart(10)}  /floor  bundled/external init`,
  ];
  const row = (name: string, e: { bytes: number; initMs: number; overFloor?: number }, b: { bytes: number; initMs: number; overFloor?: number }, ratio: string) =>
    lines.push(`  ${name.padEnd(26)}${kb(e.bytes)}${ms(e.initMs)}  ${(e.overFloor === undefined ? '' : `×${e.overFloor}`).padEnd(6)}${kb(b.bytes)}${ms(b.initMs)}  ${(b.overFloor === undefined ? '' : `×${b.overFloor}`).padEnd(6)}  ${ratio}`);
  row('SDK-only floor (DynamoDB)', s.floor.external, s.floor.bundled, `×${round(s.floor.bundled.initMs / s.floor.external.initMs, 2)}`);
  for (const j of s.jobs) row(j.job + (j.api ? '' : ' (task)'), j.external, j.bundled, `×${j.bundledOverExternal}`);
  lines.push(`  worst bundled / external init: API ×${s.worstInit} (keep bundled unless > ×${SDK_INIT_WORSE_MAX}): ${s.choice}; Tasks ×${s.worstTaskInit ?? '—'} (no rule)`);
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await sdkBench({ runs: Number(process.argv[2] ?? 5) });
}
