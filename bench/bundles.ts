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
  initRatio: number;
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

/** Wall time of a fresh node process that imports the bundle and exits. */
function initTime(file: string, runs: number): number {
  const times: number[] = [];
  const env = { ...process.env, AWS_REGION: 'ap-southeast-1', TABLE_NAME: 'tongket', BUCKET_NAME: 'tongket-files', NODE_OPTIONS: '' };
  for (let i = 0; i < runs + 1; i++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(file).href)});`], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = performance.now() - started;
    if (result.status !== 0) throw new Error(`importing ${file} failed: ${result.stderr.toString('utf8')}`);
    if (i > 0) times.push(ms); // the first run warms the disk cache
  }
  return median(times);
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

  // Interleave both floors' runs with the jobs', so that load on the machine hits all alike.
  const emptyTimes: number[] = [initTime(empty, options.runs)];
  const dynamoTimes: number[] = [initTime(dynamo, options.runs)];
  const functions: BundleFigure[] = [];
  for (const job of jobs) {
    const file = files.get(job)!;
    const initMs = initTime(file, options.runs);
    emptyTimes.push(initTime(empty, options.runs));
    dynamoTimes.push(initTime(dynamo, options.runs));
    functions.push({ job, api: API_JOBS.includes(job), bytes: statSync(file).size, initMs: round(initMs, 1), initRatio: 0 });
  }
  const emptyMs = median(emptyTimes);
  const dynamoInit = median(dynamoTimes);
  for (const f of functions) f.initRatio = round(f.initMs / emptyMs, 2);
  options.log(`  empty handler init ${round(emptyMs, 1)} ms; DynamoDB SDK alone ${round(dynamoInit, 1)} ms`);
  return {
    empty: { bytes: statSync(empty).size, initMs: round(emptyMs, 1) },
    dynamoOnly: { initMs: round(dynamoInit, 1), initRatio: round(dynamoInit / emptyMs, 2) },
    functions,
    runs: options.runs,
  };
}
