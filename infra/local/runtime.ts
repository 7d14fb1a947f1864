// The embedded stack: DynamoDB Local, s3rver, the state machine runner and the HTTP API on
// one machine, with no AWS account. Handlers are the very modules the Lambdas bundle; the
// table, the routes and the state machine come from the synthesized CDK stack.
import '../../shared/polyfills.ts';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { resetClients } from '../../shared/adapters/clients.ts';
import { resetClock } from '../../shared/adapters/clock.ts';
import { ensureLocalSigningKey, forgetSigningKey } from '../../shared/adapters/signing-key.ts';
import { useLocalWorkflowEngine } from '../../shared/adapters/workflow.ts';
import { useLocalSink } from '../../shared/observability/telemetry.ts';
import { synthesizeStack } from './asl.ts';
import { startDynamoDbLocal, dynamoDbClientConfig, type DynamoDbLocal } from './dynamodb-local.ts';
import { startHttpServer } from './http-server.ts';
import { assertPortFree } from './ports.ts';
import { s3ClientConfig, startS3Local, type S3Local } from './s3-local.ts';
import { LocalWorkflowEngine, type LocalEngineOptions } from './step-functions.ts';
import { useMailer } from '../../shared/adapters/mailer.ts';
import { resetEnv } from '../../shared/env.ts';
import { outboxDirOf, outboxMailer } from './outbox-mailer.ts';

export const LOCAL_TABLE = 'tongket';
export const LOCAL_BUCKET = 'tongket-files';

export interface EmbeddedOptions {
  dataDir: string;
  host?: string;
  /** 0 picks a free port (tests) */
  port?: number;
  /** retry interval override for the state machine (tests) */
  retryIntervalMs?: number;
  log?: (line: string) => void;
  /** one readable line per request and per Task (tongket serve prints them); the JSON lines go to the log file either way */
  console?: (line: string) => void;
  /**
   * How the published files are downloaded: 'inline' (default) serves the bytes through the
   * API; 'presign' answers short-lived links to the local S3 port, as the stack does on AWS
   * with S3 (tests of the AWS path; the S3 port is loopback only, so not for other machines).
   */
  downloads?: 'inline' | 'presign';
  /** fault injection for tests (see LocalEngineOptions.wrapTask) */
  wrapTask?: LocalEngineOptions['wrapTask'];
}

export interface EmbeddedStack {
  url: string;
  dataDir: string;
  signingKeyFile: string;
  engine: LocalWorkflowEngine;
  /** the embedded stores: both answer on 127.0.0.1 only, whatever the API's host */
  stores: { dynamoDb: DynamoDbLocal; s3: S3Local };
  stop(): Promise<void>;
}

/** Loopback addresses as `HOST` may name them: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || /^::ffff:127(\.\d{1,3}){3}$/.test(h);
}

/**
 * The warning `tongket serve` prints when the API listens beyond this machine: the server
 * speaks plain HTTP, so access tokens (Bearer headers, the links' ?token=) cross the network
 * readable by anyone on it.
 */
export function plaintextHostWarning(host: string): string | null {
  if (isLoopbackHost(host)) return null;
  return [
    `CẢNH BÁO: HOST=${host} — API nhận kết nối từ máy khác qua HTTP, không có TLS: mã truy cập (trong liên kết và tiêu đề Authorization) đi trên mạng dưới dạng chữ rõ, ai cùng mạng cũng đọc được. Chỉ dùng trong mạng tin cậy, hoặc đặt sau một reverse proxy có HTTPS.`,
    `WARNING: HOST=${host} — the API takes connections from other machines over plain HTTP, without TLS: access tokens (in the links and the Authorization header) travel in clear text, readable by anyone on the network. Use it on a trusted network only, or behind an HTTPS reverse proxy.`,
  ].join('\n');
}

export function defaultDataDir(): string {
  return resolve(process.env.TONGKET_DATA_DIR ?? '.data');
}

/** The JSON log lines and metrics (EMF) of the embedded stack's jobs: what CloudWatch Logs holds on AWS. */
export function logFileOf(dataDir: string): string {
  return join(resolve(dataDir), 'tongket.log');
}

export function signingKeyFileOf(dataDir: string): string {
  return join(resolve(dataDir), 'signing-key');
}

/** Environment the handlers read (the same names the Lambdas get from the stack). */
function setHandlerEnvironment(values: Record<string, string>): void {
  Object.assign(process.env, values);
  resetClients();
  resetClock();
  forgetSigningKey();
}

/** Handlers read their configuration from the process environment: one stack per process. */
let running = false;

export async function startEmbeddedStack(options: EmbeddedOptions): Promise<EmbeddedStack> {
  if (running) throw new Error('An embedded stack is already running in this process; stop it first.');
  running = true;
  try {
    return await startStack(options);
  } catch (error) {
    running = false;
    throw error;
  }
}

async function startStack(options: EmbeddedOptions): Promise<EmbeddedStack> {
  const dataDir = resolve(options.dataDir);
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 3000;
  const log = options.log ?? (() => {});
  mkdirSync(dataDir, { recursive: true });
  if (port !== 0) await assertPortFree(host, port);
  // The jobs' Powertools logs and metrics: JSON lines appended to the data directory's log
  // file, a readable line per request or Task to the console when asked for.
  const logFile = createWriteStream(logFileOf(dataDir), { flags: 'a' });
  logFile.on('error', (error) => log(`log file: ${String(error)}`));
  useLocalSink({ json: logFile, line: options.console ?? (() => {}) });

  const app = synthesizeStack();
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => log(`stop: ${String(error)}`));
    stops.length = 0;
    useLocalSink(undefined);
    await new Promise<void>((resolveClose) => logFile.end(resolveClose));
    running = false;
  };
  try {
    const [dynamo, s3] = await Promise.all([startDynamoDbLocal({ dataDir, log }), startS3Local({ dataDir, log })]);
    stops.push(() => dynamo.stop(), () => s3.stop());

    const signingKeyFile = ensureLocalSigningKey(signingKeyFileOf(dataDir));
    setHandlerEnvironment({
      TABLE_NAME: LOCAL_TABLE,
      BUCKET_NAME: LOCAL_BUCKET,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      DYNAMODB_REGION: dynamo.region,
      DYNAMODB_ACCESS_KEY_ID: dynamo.credentials.accessKeyId,
      DYNAMODB_SECRET_ACCESS_KEY: dynamo.credentials.secretAccessKey,
      S3_ENDPOINT: s3.endpoint,
      TONGKET_SIGNING_KEY_FILE: signingKeyFile,
      TONGKET_DOWNLOADS: options.downloads ?? 'inline',
    });
    // Reminders and notices become .eml files in the data directory (SPEC section 3).
    useMailer(outboxMailer(outboxDirOf(dataDir)));
    stops.push(async () => useMailer(null));
    await ensureTable(new DynamoDBClient(dynamoDbClientConfig(dynamo)), app.table);
    await ensureBucket(new S3Client(s3ClientConfig(s3.endpoint)));

    const engine = new LocalWorkflowEngine(app, { retryIntervalMs: options.retryIntervalMs, log, wrapTask: options.wrapTask });
    await engine.preload();
    useLocalWorkflowEngine(engine);
    stops.push(async () => {
      await engine.stop();
      useLocalWorkflowEngine(undefined);
    });
    await resumeCycles(log);

    const http = await startHttpServer({ host, port, log });
    stops.push(() => http.close());
    // The access links in messages point at this server unless PUBLIC_BASE_URL says otherwise
    // (known once the port is; a request's links keep naming the address it came to).
    process.env.TONGKET_EMBEDDED_URL = http.url;
    resetEnv();
    stops.push(async () => {
      delete process.env.TONGKET_EMBEDDED_URL;
      resetEnv();
    });
    return { url: http.url, dataDir, signingKeyFile, engine, stores: { dynamoDb: dynamo, s3 }, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function ensureTable(client: DynamoDBClient, table: ReturnType<typeof synthesizeStack>['table']): Promise<void> {
  try {
    await client.send(new DescribeTableCommand({ TableName: LOCAL_TABLE }));
    return;
  } catch (error) {
    if ((error as { name?: string }).name !== 'ResourceNotFoundException') throw error;
  }
  await client.send(
    new CreateTableCommand({
      TableName: LOCAL_TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: table.AttributeDefinitions as never,
      KeySchema: table.KeySchema as never,
      GlobalSecondaryIndexes: table.GlobalSecondaryIndexes as never,
    }),
  );
}

/**
 * Create, and take "already exists" as done: a HEAD first then a create was a
 * check-then-write, and a HEAD that failed for another reason (a slow start after a crash)
 * sent the create into the existing bucket, which stopped the start with BucketAlreadyExists.
 */
async function ensureBucket(client: S3Client): Promise<void> {
  try {
    await client.send(new CreateBucketCommand({ Bucket: LOCAL_BUCKET }));
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name !== 'BucketAlreadyOwnedByYou' && name !== 'BucketAlreadyExists') throw error;
  }
}

/**
 * Executions live in memory here, so after a restart (or a crash mid-close) each cycle is
 * resumed from its stored status: an open cycle waits for its close again, a closing one
 * finishes its close (every step can run again with the same result), a draft waits for its
 * sign-off again.
 */
async function resumeCycles(log: (line: string) => void): Promise<void> {
  const { listCycleYears, getCycle, updateCycle, indexCycle } = await import('../../shared/adapters/cycle-store.ts');
  const { startAwaitingExecution } = await import('../../shared/app/cycles.ts');
  const { executionName, workflow } = await import('../../shared/adapters/workflow.ts');
  for (const year of await listCycleYears()) {
    const cycle = await getCycle(year);
    if (!cycle) continue;
    // A cycle opened before GET /cycles had its index gets its index item (idempotent).
    await indexCycle(cycle);
    if (cycle.status === 'open') {
      await updateCycle(year, {}, { remove: ['taskToken'] });
      await startAwaitingExecution(year, cycle.revision + 1);
    } else if (cycle.status === 'closing') {
      log(`Tiếp tục tổng kết năm ${year} / resuming the ${year} close`);
      const name = executionName(year, cycle.closingRevision ?? cycle.revision + 1, 'close', new Date());
      await updateCycle(year, { executionName: name });
      await workflow().start(name, { year, mode: 'close' });
    } else if (cycle.status === 'draft' && cycle.closingRevision !== undefined) {
      // The draft waits for its sign-off again, so that PATCH /document and publish work; if
      // the details changed while the server was down, that execution renders the draft first.
      log(`Năm ${year} chờ ban hành dự thảo / the ${year} draft awaits sign-off`);
      const name = executionName(year, cycle.closingRevision, 'signoff', new Date());
      await updateCycle(year, { executionName: name, executionStartedAt: new Date().toISOString() }, { remove: ['taskToken'] });
      await workflow().start(name, { year, mode: 'signoff', revision: cycle.closingRevision });
    }
  }
  // A period review's close that was running goes on where its steps left it (each can run again).
  const { listClosingPeriods, getPeriod, updatePeriod } = await import('../../shared/adapters/period-store.ts');
  const { periodExecutionName } = await import('../../shared/adapters/workflow.ts');
  for (const code of await listClosingPeriods()) {
    const period = await getPeriod(code);
    if (period?.status !== 'closing' || period.closingRevision === undefined) continue;
    log(`Tiếp tục kết thúc kỳ ${code} / resuming the close of period ${code}`);
    const name = periodExecutionName(code, period.closingRevision, new Date());
    await updatePeriod(code, { executionName: name, executionStartedAt: new Date().toISOString() });
    await workflow().startPeriod(name, { code, revision: period.closingRevision });
  }
}
