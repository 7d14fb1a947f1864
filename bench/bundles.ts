// The "bundles" figures: every Lambda bundled with the options infra/stack.ts gives
// NodejsFunction (ESM, minify, target node22, the same banner, the AWS SDK bundled from its ES
// modules), its minified size, and its module init time: a fresh `node` importing the bundle,
// against an empty handler bundled the same way. bench/sdk.ts compares with the SDK external.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { API_JOBS } from '../infra/routes.ts';
import { externalModulesOf, LAMBDA_MAIN_FIELDS } from '../infra/stack.ts';
import { median, round } from './measure.ts';
import { LAMBDA_LIKE_BUILD, projectRoot, scratchDir } from './paths.ts';

export interface BundleFigure {
  job: string;
  api: boolean;
  bytes: number;
  initMs: number;
  /** init over the empty handler's, run beside it (median of the runs' ratios) */
  initRatio: number;
  /** init over the DynamoDB clients' floor, run beside it (median of the runs' ratios) */
  dynamoRatio: number;
}

export interface BundleFigures {
  empty: { bytes: number; initMs: number };
  /** a bundle that only imports what a DynamoDB handler cannot do without: the SDK's DynamoDB clients */
  dynamoOnly: { initMs: number; initRatio: number };
  functions: BundleFigure[];
  runs: number;
}

async function bundle(entry: string, outDir: string, job = ''): Promise<string> {
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'index.mjs');
  await esbuild.build({
    entryPoints: [entry],
    ...LAMBDA_LIKE_BUILD,
    sourcemap: true,
    mainFields: [...LAMBDA_MAIN_FIELDS],
    external: externalModulesOf(job),
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

export async function bundleBench(options: { runs: number; jobs?: string[]; log: (line: string) => void }): Promise<BundleFigures> {
  const root = join(scratchDir(), 'bundles');
  const jobs = readdirSync(join(projectRoot, 'functions')).filter((j) => statSync(join(projectRoot, 'functions', j)).isDirectory() && (!options.jobs || options.jobs.includes(j))).sort();
  const emptyEntry = join(root, 'empty-entry.mjs');
  const dynamoEntry = join(root, 'dynamo-entry.mjs');
  mkdirSync(root, { recursive: true });
  writeFileSync(emptyEntry, 'export const handler = async () => ({ statusCode: 200, body: "{}" });\n');
  writeFileSync(dynamoEntry, "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nexport const handler = async () => DynamoDBDocumentClient.from(new DynamoDBClient({}));\n");
  const empty = await bundle(emptyEntry, join(root, '_empty'));
  const dynamo = await bundle(dynamoEntry, join(root, '_dynamo'));
  const files = new Map<string, string>();
  for (const job of jobs) files.set(job, await bundle(join(projectRoot, 'functions', job, 'handler.ts'), join(root, job), job));

  // Each run of a job sits between a run of each floor, and its ratios are taken against those
  // neighbours, then the median over runs: load on the shared machine that slows one process
  // slows its neighbours too, and so cancels out of the ratio.
  for (const file of [empty, dynamo, ...files.values()]) initOnce(file); // warms the disk cache
  const emptyTimes: number[] = [];
  const dynamoTimes: number[] = [];
  const functions: BundleFigure[] = [];
  for (const job of jobs) {
    const file = files.get(job)!;
    const times: number[] = [];
    const overEmpty: number[] = [];
    const overDynamo: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const emptyMs = initOnce(empty);
      const dynamoMs = initOnce(dynamo);
      const ms = initOnce(file);
      emptyTimes.push(emptyMs);
      dynamoTimes.push(dynamoMs);
      times.push(ms);
      overEmpty.push(ms / emptyMs);
      overDynamo.push(ms / dynamoMs);
    }
    functions.push({ job, api: API_JOBS.includes(job), bytes: statSync(file).size, initMs: round(median(times), 1), initRatio: round(median(overEmpty), 2), dynamoRatio: round(median(overDynamo), 2) });
  }
  const emptyMs = median(emptyTimes);
  const dynamoInit = median(dynamoTimes);
  options.log(`  empty handler init ${round(emptyMs, 1)} ms; DynamoDB SDK alone ${round(dynamoInit, 1)} ms`);
  return {
    empty: { bytes: statSync(empty).size, initMs: round(emptyMs, 1) },
    dynamoOnly: { initMs: round(dynamoInit, 1), initRatio: round(dynamoInit / emptyMs, 2) },
    functions,
    runs: options.runs,
  };
}
