// The "bundles" figures: every Lambda bundled with the options infra/stack.ts gives
// NodejsFunction (ESM, minify, target node22, the same banner, the AWS SDK bundled from its ES
// modules), its minified size, and its module init time: a fresh `node` importing the bundle,
// against the floor of the SDK clients the job may call, bundled the same way. bench/sdk.ts
// compares with the SDK external.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { API_JOBS } from '../infra/routes.ts';
import { externalModulesOf, JOB_ACCESS, LAMBDA_MAIN_FIELDS } from '../infra/stack.ts';
import { median, percentile, round } from './measure.ts';
import { LAMBDA_LIKE_BUILD, projectRoot, scratchDir } from './paths.ts';

export interface BundleFigure {
  job: string;
  api: boolean;
  bytes: number;
  initMs: number;
  /** init over the empty handler's median init in this bench */
  initRatio: number;
  /** init over the DynamoDB clients' median init in this bench */
  dynamoRatio: number;
  /** the SDK clients the job's grants let it call (infra/stack.ts JOB_ACCESS): its floor */
  clients: JobClients;
  /** init over the floor of those clients, each run beside one of the floor's (median of the runs' ratios) */
  clientsRatio: number;
  /** the first and third quartiles of those runs' ratios: how far one run's ratio strays on this machine */
  clientsRatioQuartiles?: [number, number];
}

/** none: the empty handler; dynamodb: the DynamoDB clients; dynamodb+s3: those and the S3 client with its presigner. */
export type JobClients = 'none' | 'dynamodb' | 'dynamodb+s3';

/** The clients a job cannot do without: those its grants let it call, as files.ts and clients.ts import them. */
export function clientsOf(job: string): JobClients {
  const access = JOB_ACCESS[job];
  if (access?.files || access?.periodFiles || access?.exportFiles) return 'dynamodb+s3';
  return access?.table ? 'dynamodb' : 'none';
}

export interface BundleFigures {
  empty: { bytes: number; initMs: number };
  /** a bundle that only imports what a DynamoDB handler cannot do without: the SDK's DynamoDB clients */
  dynamoOnly: { initMs: number; initRatio: number };
  /** the DynamoDB clients and the S3 client with its presigner: the floor of a job that reads or writes files */
  dynamoS3?: { initMs: number; initRatio: number };
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
  const dynamoS3Entry = join(root, 'dynamo-s3-entry.mjs');
  mkdirSync(root, { recursive: true });
  writeFileSync(emptyEntry, 'export const handler = async () => ({ statusCode: 200, body: "{}" });\n');
  writeFileSync(dynamoEntry, "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nexport const handler = async () => DynamoDBDocumentClient.from(new DynamoDBClient({}));\n");
  writeFileSync(
    dynamoS3Entry,
    "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\n" +
      "import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';\nimport { getSignedUrl } from '@aws-sdk/s3-request-presigner';\n" +
      "export const handler = async () => [DynamoDBDocumentClient.from(new DynamoDBClient({})), getSignedUrl(new S3Client({}), new GetObjectCommand({ Bucket: 'b', Key: 'k' })), PutObjectCommand];\n",
  );
  const empty = await bundle(emptyEntry, join(root, '_empty'));
  const dynamo = await bundle(dynamoEntry, join(root, '_dynamo'));
  const dynamoS3 = await bundle(dynamoS3Entry, join(root, '_dynamo_s3'));
  const files = new Map<string, string>();
  for (const job of jobs) files.set(job, await bundle(join(projectRoot, 'functions', job, 'handler.ts'), join(root, job), job));

  // Each run of a job sits beside a run of its floor, and its ratio is taken against that
  // neighbour, then the median over runs: load on the shared machine that slows one process
  // slows its neighbour too, and so cancels out of the ratio. What does not cancel (this 2-core
  // machine's speed wanders by a tenth from one second to the next) is why there are many runs,
  // and why the quartiles of the runs' ratios are kept beside the median.
  for (const file of [empty, dynamo, dynamoS3, ...files.values()]) initOnce(file); // warms the disk cache
  const floorFile: Record<JobClients, string> = { none: empty, dynamodb: dynamo, 'dynamodb+s3': dynamoS3 };
  const floorTimes: Record<JobClients, number[]> = { none: [], dynamodb: [], 'dynamodb+s3': [] };
  // The ×empty and ×DynamoDB columns need both floors measured, whichever jobs have them as their own.
  for (let run = 0; run < options.runs; run++) for (const clients of ['none', 'dynamodb'] as const) floorTimes[clients].push(initOnce(floorFile[clients]));
  const measured: { job: string; file: string; clients: JobClients; times: number[]; overFloor: number[] }[] = [];
  for (const job of jobs) {
    const file = files.get(job)!;
    const clients = clientsOf(job);
    const times: number[] = [];
    const overFloor: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      const floorMs = initOnce(floorFile[clients]);
      const ms = initOnce(file);
      floorTimes[clients].push(floorMs);
      times.push(ms);
      overFloor.push(ms / floorMs);
    }
    measured.push({ job, file, clients, times, overFloor });
  }
  const emptyMs = median(floorTimes.none);
  const dynamoInit = median(floorTimes.dynamodb);
  const dynamoS3Init = floorTimes['dynamodb+s3'].length ? median(floorTimes['dynamodb+s3']) : undefined;
  const functions: BundleFigure[] = measured.map(({ job, file, clients, times, overFloor }) => ({
    job,
    api: API_JOBS.includes(job),
    bytes: statSync(file).size,
    initMs: round(median(times), 1),
    initRatio: round(median(times) / emptyMs, 2),
    dynamoRatio: round(median(times) / dynamoInit, 2),
    clients,
    clientsRatio: round(median(overFloor), 2),
    clientsRatioQuartiles: [round(percentile(overFloor, 25), 2), round(percentile(overFloor, 75), 2)],
  }));
  options.log(`  empty handler init ${round(emptyMs, 1)} ms; DynamoDB SDK alone ${round(dynamoInit, 1)} ms; with S3 ${dynamoS3Init === undefined ? '—' : round(dynamoS3Init, 1)} ms`);
  return {
    empty: { bytes: statSync(empty).size, initMs: round(emptyMs, 1) },
    dynamoOnly: { initMs: round(dynamoInit, 1), initRatio: round(dynamoInit / emptyMs, 2) },
    ...(dynamoS3Init === undefined ? {} : { dynamoS3: { initMs: round(dynamoS3Init, 1), initRatio: round(dynamoS3Init / emptyMs, 2) } }),
    functions,
    runs: options.runs,
  };
}
