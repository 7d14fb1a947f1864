// The deploy, rehearsed (issue 17): each Lambda asset `cdk synth` built into cdk.out (not a
// rebuild) is copied into an empty directory with no node_modules anywhere above it (what the
// stack installs beside a bundle, exceljs, is part of the asset and comes along), imported by
// plain `node`, and its handler called with a minimal event against the embedded stack
// (DynamoDB Local and s3rver, named by the endpoint variables as the embedded runtime names them
// for the in-process handlers). Every import must resolve to a node: built-in or a file of the
// asset itself, and every handler must answer: an API job with an HTTP answer (401 without a
// token; with a province token, an answer read from the table), a Task job with its result or
// the domain error of the event it got. A real close runs on the embedded stack with every one
// of its Tasks done by the bundle in a child process instead of the in-process handler, up to the
// published PDF: RenderReport with the fonts and the PDF/A colour profile beside its bundle.
// The children run asynchronously: s3rver lives in this process and must answer them.
//
// cdk.out is reused when it is newer than the sources (CI runs `npm run synth` before the
// tests); otherwise this file runs `cdk synth` itself first, which takes minutes.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthesizeStack } from '../../infra/local/asl.ts';
import { API_JOBS, ROUTES } from '../../infra/routes.ts';
import { JOB_ACCESS } from '../../infra/stack.ts';
import { PERIOD_WORKFLOW_JOBS, WORKFLOW_JOBS } from '../../infra/state-machine.ts';
import { closeAndWait, seedCycle, THREE_TIER_ASSOCIATIONS, THREE_TIER_UNITS } from '../support/cycle.ts';
import { startTestStack, type TestStack } from '../support/embedded.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CDK_OUT = join(projectRoot, 'cdk.out');
const ALL_JOBS = [...new Set([...API_JOBS, ...WORKFLOW_JOBS, ...PERIOD_WORKFLOW_JOBS])].sort();
const CLOSED_YEAR = 2022;
/** A year with no cycle: the API jobs answer from the table that there is none. */
const EMPTY_YEAR = 2031;

/** The newest modification time of the files a bundle is built from (tracked files: not web/dist, not caches). */
function newestSource(): number {
  const listed = spawnSync('git', ['ls-files', '-z', 'functions', 'shared', 'infra', 'web', 'package-lock.json'], { cwd: projectRoot, encoding: 'utf8' });
  if (listed.status !== 0) return Number.POSITIVE_INFINITY; // not a git checkout: synthesize to be sure
  return Math.max(...listed.stdout.split('\0').filter(Boolean).map((file) => (existsSync(join(projectRoot, file)) ? statSync(join(projectRoot, file)).mtimeMs : 0)));
}

/** The stack template cdk synth wrote, synthesizing first when cdk.out is missing or older than the sources. */
function synthesizedTemplate(): Record<string, any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const manifest = join(CDK_OUT, 'manifest.json');
  if (!existsSync(manifest) || statSync(manifest).mtimeMs < newestSource()) {
    // As .ci/run does: offline, the modules installed beside four bundles come from npm's cache.
    const synth = spawnSync('npx', ['cdk', 'synth', '--quiet'], {
      cwd: projectRoot,
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: '1', npm_config_offline: 'true' },
      encoding: 'utf8',
    });
    if (synth.status !== 0) throw new Error(`cdk synth failed:\n${synth.stderr}`);
  }
  const artifacts = (JSON.parse(readFileSync(manifest, 'utf8')) as { artifacts: Record<string, { type: string; properties?: { templateFile?: string } }> }).artifacts;
  const stack = Object.values(artifacts).find((a) => a.type === 'aws:cloudformation:stack');
  return JSON.parse(readFileSync(join(CDK_OUT, stack!.properties!.templateFile!), 'utf8'));
}

/**
 * Runs in the child: records where every import (loader hooks) and every require() (the
 * bundles' banner makes one with createRequire) resolves to, imports the bundle, calls its
 * handler with each event, and writes what happened as JSON.
 */
const HOOKS = `let port;
export function initialize(data) { port = data.port; }
export async function resolve(specifier, context, next) {
  try {
    const result = await next(specifier, context);
    port.postMessage({ specifier, url: result.url, parent: context.parentURL });
    return result;
  } catch (error) {
    port.postMessage({ specifier, error: error.code ?? String(error), parent: context.parentURL });
    throw error;
  }
}`;
const RUNNER = `import Module, { register } from 'node:module';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
const [bundleDir, handlerName, eventsFile, outFile] = process.argv.slice(2);
const resolved = [];
const { port1, port2 } = new MessageChannel();
port1.on('message', (m) => resolved.push(m));
port1.unref();
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}), { data: { port: port2 }, transferList: [port2] });
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  try {
    const file = resolveFilename.call(this, request, parent, ...rest);
    resolved.push({ specifier: request, url: Module.isBuiltin(file) ? 'node:' + file.replace(/^node:/, '') : pathToFileURL(file).href, parent: parent?.filename, require: true });
    return file;
  } catch (error) {
    resolved.push({ specifier: request, error: error.code ?? String(error), parent: parent?.filename, require: true });
    throw error;
  }
};
const describe = (error) => ({ name: error?.name, code: error?.code, message: String(error?.message ?? error) });
const settle = () => new Promise((r) => setTimeout(r, 100));
const [file, exportName] = handlerName.split('.');
let module;
try {
  module = await import(pathToFileURL(join(bundleDir, file + '.mjs')).href);
} catch (error) {
  await settle();
  writeFileSync(outFile, JSON.stringify({ importError: describe(error), resolved }));
  process.exit(0);
}
const results = [];
for (const event of JSON.parse(readFileSync(eventsFile, 'utf8'))) {
  const context = { functionName: process.env.AWS_LAMBDA_FUNCTION_NAME, awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 60000, callbackWaitsForEmptyEventLoop: false };
  try {
    results.push({ value: await module[exportName](event, context) });
  } catch (error) {
    results.push({ error: describe(error) });
  }
}
await settle();
writeFileSync(outFile, JSON.stringify({ results, resolved }));
process.exit(0);
`;

interface Resolution { specifier: string; url?: string; error?: string; parent?: string }
interface Rehearsal {
  importError?: { name: string; code?: string; message: string };
  results?: ({ value: any } | { error: { name: string; code?: string; message: string } })[]; // eslint-disable-line @typescript-eslint/no-explicit-any
  resolved: Resolution[];
  stderr: string;
}
type Rehearsed = Rehearsal & { dir: string };

/** An HTTP API (payload 2.0) event for a route, as API Gateway sends it. */
function httpEvent(method: string, path: string, token?: string): Record<string, unknown> {
  const pathParameters: Record<string, string> = {};
  const values: Record<string, string> = { year: String(EMPTY_YEAR), association: 'DB-CTD', code: 'NK2031', file: 'missing.js' };
  const rawPath = path.replace(/\{(\w+)\}/g, (_, name: string) => (pathParameters[name] = values[name] ?? 'x'));
  const now = new Date();
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath,
    rawQueryString: '',
    headers: { host: 'rehearsal.execute-api.ap-southeast-1.amazonaws.com', 'user-agent': 'deploy-rehearsal', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'rehearsal',
      domainName: 'rehearsal.execute-api.ap-southeast-1.amazonaws.com',
      domainPrefix: 'rehearsal',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'deploy-rehearsal' },
      requestId: `rehearsal-${Math.random().toString(36).slice(2)}`,
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: false,
  };
}

describe('the deploy, rehearsed: every Lambda asset of cdk.out run alone by plain node', () => {
  let stack: TestStack;
  let work: string;
  let functions: Map<string, { assetDir: string; handler: string; variables: Record<string, unknown> }>;
  /** every run of a bundle the close made, by job */
  const closeRuns = new Map<string, Rehearsed[]>();
  let withoutProfile: Rehearsed | undefined;
  let closed: Record<string, unknown>;
  let provinceToken: string;

  beforeAll(async () => {
    const template = synthesizedTemplate();
    functions = new Map();
    for (const resource of Object.values(template.Resources as Record<string, { Type: string; Metadata?: Record<string, string>; Properties: Record<string, any> }>)) { // eslint-disable-line @typescript-eslint/no-explicit-any
      const job = resource.Properties?.Environment?.Variables?.TONGKET_JOB as string | undefined;
      if (resource.Type !== 'AWS::Lambda::Function' || !job) continue;
      functions.set(job, { assetDir: join(CDK_OUT, resource.Metadata!['aws:asset:path']!), handler: resource.Properties.Handler as string, variables: resource.Properties.Environment.Variables as Record<string, unknown> });
    }
    work = mkdtempSync(join(tmpdir(), 'tongket-rehearsal-'));
    writeFileSync(join(work, 'rehearse.mjs'), RUNNER);

    // A real close on the embedded stack, its Tasks run by their bundles. RenderReport runs
    // first without the colour profile beside it (it must fail, naming the file), then whole.
    const stateJobs = synthesizeStack().taskJobs;
    stack = await startTestStack({
      clockStart: '2022-12-01T02:00:00Z',
      wrapTask: (state) => async (input) => {
        const job = stateJobs[state]!;
        if (job === 'render-report' && !withoutProfile) withoutProfile = await rehearse(job, [input], { omit: 'sRGB_IEC61966_2_1.icc' });
        const r = await rehearse(job, [input]);
        (closeRuns.get(job) ?? closeRuns.set(job, []).get(job)!).push(r);
        const [result] = r.results ?? [];
        if (!result) throw Object.assign(new Error(`${job}: ${JSON.stringify(r.importError)}`), { name: 'RehearsalImportFailed' });
        if ('error' in result) throw Object.assign(new Error(result.error.message), { name: result.error.name });
        return result.value;
      },
    });
    provinceToken = await seedCycle(stack, {
      year: CLOSED_YEAR,
      province: 'DB',
      units: THREE_TIER_UNITS,
      associations: THREE_TIER_ASSOCIATIONS,
      config: { issuer: ['TỈNH ỦY ĐIỆN BIÊN', 'BAN DÂN VẬN'], documentNumber: 'Số 12-BC/BDVTU', reportDate: '2022-12-20' },
      reports: [
        { association: 'DB-CTD', members: 21000, score: 96 },
        { association: 'MN-NCT', members: 3100, score: 95 },
      ],
    });
    closed = await closeAndWait(stack, CLOSED_YEAR, provinceToken);
  }, 1_200_000);

  afterAll(async () => {
    await stack?.cleanup();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** The function's environment as the template gives it, with the stack's resources swapped for the embedded ones. */
  function environmentOf(job: string, dir: string): Record<string, string> {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      // What the Lambda runtime sets: logs and metrics then go to stdout, as to CloudWatch.
      AWS_REGION: 'ap-southeast-1',
      AWS_LAMBDA_FUNCTION_NAME: `Tongket-${job}`,
      LAMBDA_TASK_ROOT: dir,
      // No credentials here: nothing may fall back to the instance metadata service and wait.
      AWS_EC2_METADATA_DISABLED: 'true',
      // Local runs stay on Node 20 (STACK.md); Lambda runs Node 22: the SDK's reminder is noise here.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    for (const [name, value] of Object.entries(functions.get(job)!.variables)) {
      if (typeof value === 'string') env[name] = value.replace(/^\/var\/task(?=\/|$)/, dir);
    }
    // The stack's resources (CloudFormation references in the template), embedded.
    for (const name of ['TABLE_NAME', 'BUCKET_NAME', 'DYNAMODB_ENDPOINT', 'DYNAMODB_REGION', 'DYNAMODB_ACCESS_KEY_ID', 'DYNAMODB_SECRET_ACCESS_KEY', 'S3_ENDPOINT']) env[name] = process.env[name]!;
    delete env.SIGNING_KEY_SECRET_ARN;
    env.TONGKET_SIGNING_KEY_FILE = stack.signingKeyFile;
    env.TONGKET_CLOCK_START = '2022-12-01T02:00:00Z';
    if ('MAIL_SENDER' in functions.get(job)!.variables) env.MAIL_SENDER = ''; // the parameter's default: mail recorded as unsent
    if ('PUBLIC_BASE_URL' in functions.get(job)!.variables) env.PUBLIC_BASE_URL = stack.url;
    for (const name of ['STATE_MACHINE_ARN', 'PERIOD_STATE_MACHINE_ARN']) {
      if (name in functions.get(job)!.variables) env[name] = 'arn:aws:states:ap-southeast-1:000000000000:stateMachine:Rehearsal';
    }
    return env;
  }

  /** Copies an asset directory alone, imports it with plain node and calls its handler with each event. */
  async function rehearse(job: string, events: unknown[], options: { assetDir?: string; handler?: string; omit?: string } = {}): Promise<Rehearsed> {
    const fn = functions.get(job)!;
    const name = `${job}-${Math.random().toString(36).slice(2, 8)}`;
    const dir = join(work, name);
    cpSync(options.assetDir ?? fn.assetDir, dir, { recursive: true, filter: (source) => !options.omit || !source.endsWith(options.omit) });
    const eventsFile = join(work, `${name}.events.json`);
    const out = join(work, `${name}.out.json`);
    writeFileSync(eventsFile, JSON.stringify(events));
    const child = spawn(process.execPath, [join(work, 'rehearse.mjs'), dir, options.handler ?? fn.handler, eventsFile, out], { cwd: dir, env: environmentOf(job, dir), stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const status = await new Promise<number | null>((resolveExit) => child.on('close', resolveExit));
    if (!existsSync(out)) throw new Error(`${job}: the child wrote nothing (status ${status})\n${stderr}`);
    return { ...(JSON.parse(readFileSync(out, 'utf8')) as Omit<Rehearsal, 'stderr'>), stderr, dir };
  }

  /** Imports that left the asset: anything but a node: built-in or a file inside the copied directory. */
  const strayImports = (r: Rehearsed) => r.resolved.filter((m) => m.error || !(m.url!.startsWith('node:') || m.url!.startsWith(pathToFileURL(r.dir).href + '/')));

  it('has one asset per job, each a bundle that needs no node_modules but what the stack installs beside it', () => {
    expect([...functions.keys()].sort()).toEqual(ALL_JOBS);
    // The copies' directory has no node_modules above it: a missing module cannot be found there by chance.
    for (let dir = work; dir !== dirname(dir); dir = dirname(dir)) expect(existsSync(join(dirname(dir), 'node_modules')), dirname(dir)).toBe(false);
    for (const [job, fn] of functions) {
      const entries = readdirSync(fn.assetDir).sort();
      expect(entries, job).toContain('index.mjs');
      // exceljs alone is installed beside a bundle (infra/stack.ts LAMBDA_INSTALLED_MODULES).
      if (entries.includes('node_modules')) expect(readdirSync(join(fn.assetDir, 'node_modules')).filter((name) => !name.startsWith('.')), job).toContain('exceljs');
    }
  });

  it('answers every API route\'s job: 401 without a token; with the province\'s token, from the table', async () => {
    const failures: string[] = [];
    for (const job of API_JOBS) {
      const route = ROUTES.find((r) => r.job === job)!;
      const needsToken = JOB_ACCESS[job]!.token === true;
      const events = needsToken ? [httpEvent(route.method, route.path), httpEvent(route.method, route.path, provinceToken)] : [httpEvent(route.method, route.path)];
      const r = await rehearse(job, events);
      if (r.importError) {
        failures.push(`${job}: import failed: ${r.importError.code ?? r.importError.name} ${r.importError.message}`);
        continue;
      }
      const stray = strayImports(r);
      if (stray.length) failures.push(`${job}: imports outside the asset: ${JSON.stringify(stray)}`);
      const statuses = r.results!.map((result) => ('value' in result ? (result.value as { statusCode?: number })?.statusCode : `threw ${result.error.name}: ${result.error.message}`));
      const expected = needsToken ? statuses[0] === 401 && typeof statuses[1] === 'number' && statuses[1] !== 401 && statuses[1] < 500 : statuses[0] === 200;
      if (!expected) failures.push(`${job} (${route.method} ${route.path}): ${JSON.stringify(statuses)}\n${r.stderr.slice(-2000)}`);
    }
    expect(failures).toEqual([]);
  }, 900_000);

  it('closes a cycle with every Task done by its bundle, up to the published PDF', async () => {
    expect(closed).toMatchObject({ status: 'published', revision: 1 });
    // Every Task of the close but the waits (task tokens), the failure record and the draft (no sign-off here).
    const ran = [...closeRuns.keys()].sort();
    expect(ran).toEqual(WORKFLOW_JOBS.filter((job) => !['await-close', 'await-sign-off', 'record-failure', 'record-draft', 'check-auto-close'].includes(job)).sort());
    for (const [job, runs] of closeRuns) {
      for (const r of runs) {
        expect(r.importError, job).toBeUndefined();
        expect(strayImports(r), job).toEqual([]);
        expect(r.results![0], `${job}\n${r.stderr.slice(-2000)}`).toHaveProperty('value');
      }
    }
    const pdf = await stack.request('GET', `/cycles/${CLOSED_YEAR}/report.pdf`, { token: provinceToken });
    expect(pdf.status).toBe(200);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('renders the report with the fonts and the PDF/A colour profile beside the bundle, and fails without the profile', () => {
    const fn = functions.get('render-report')!;
    expect(readdirSync(join(fn.assetDir, 'fonts')).length).toBeGreaterThan(0);
    expect(readdirSync(join(fn.assetDir, 'data'))).toContain('sRGB_IEC61966_2_1.icc');
    expect(closeRuns.get('render-report')?.length).toBeGreaterThan(0);
    // pdfkit reads the profile for PDF/A beside its module: the same asset without it fails, naming it.
    expect(withoutProfile?.importError).toBeUndefined();
    const [result] = withoutProfile!.results!;
    expect(result).toHaveProperty('error');
    expect(JSON.stringify(result)).toMatch(/sRGB_IEC61966_2_1\.icc/);
  });

  it('runs the Tasks the close did not: each imports alone and answers its event with a domain error', async () => {
    const others = [...WORKFLOW_JOBS, ...PERIOD_WORKFLOW_JOBS].filter((job) => !closeRuns.has(job));
    expect(others.length).toBeGreaterThan(0);
    const outcomes: Record<string, string> = {};
    const failures: string[] = [];
    for (const job of others) {
      // What the state machine passes, for a year and a period that do not exist.
      const event = PERIOD_WORKFLOW_JOBS.includes(job as never) ? { code: 'NK2031', revision: 1 } : { year: EMPTY_YEAR, revision: 1, documentVersion: 1, taskToken: 'rehearsal-token', execution: 'rehearsal' };
      const r = await rehearse(job, [event]);
      if (r.importError) {
        failures.push(`${job}: import failed: ${r.importError.code ?? r.importError.name} ${r.importError.message}`);
        continue;
      }
      const stray = strayImports(r);
      if (stray.length) failures.push(`${job}: imports outside the asset: ${JSON.stringify(stray)}`);
      const [result] = r.results!;
      outcomes[job] = 'value' in result! ? `answered ${JSON.stringify(result.value)}` : `${result!.error.name}: ${result!.error.message}`;
      // A broken bundle fails with a missing module or file, or a programming error.
      if ('error' in result! && (/MODULE_NOT_FOUND|ENOENT/.test(result.error.code ?? '') || ['TypeError', 'ReferenceError', 'SyntaxError'].includes(result.error.name))) {
        failures.push(`${job}: ${JSON.stringify(result.error)}\n${r.stderr.slice(-2000)}`);
      }
    }
    expect(failures).toEqual([]);
    // Each reads the table through the bundled SDK and answers as it would on AWS.
    const noPeriod = expect.stringMatching(/^CloseError: No period NK2031$/);
    expect(outcomes).toEqual({
      'await-close': 'Superseded: Execution rehearsal no longer runs this cycle',
      'await-sign-off': 'Superseded: Execution rehearsal no longer runs this cycle',
      'record-draft': expect.stringMatching(/^CloseError: Cycle 2031 is missing/),
      'check-auto-close': expect.stringMatching(/^answered \{"year":2031,.*"next":"stop"/),
      'record-failure': expect.stringMatching(/^answered \{"year":2031,"cause":/),
      'record-period-failure': expect.stringMatching(/^answered \{"code":"NK2031","cause":/),
      'publish-period': noPeriod,
      'read-period-years': noPeriod,
      'render-period': noPeriod,
      'select-period-commendations': noPeriod,
    });
  }, 900_000);

  it('would have caught the bundle that leaves the SDK to the runtime: importing it alone fails', async () => {
    // A job built as before issue 17 (@aws-sdk/* external): alone, its imports do not resolve.
    const outDir = join(work, 'sdk-external-build');
    mkdirSync(outDir, { recursive: true });
    await esbuild.build({
      entryPoints: [join(projectRoot, 'functions', 'list-cycles', 'handler.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      banner: { js: "import { createRequire as __tongketRequire } from 'module'; const require = __tongketRequire(import.meta.url);" },
      external: ['@aws-sdk/*'],
      outfile: join(outDir, 'index.mjs'),
      logLevel: 'error',
    });
    const r = await rehearse('list-cycles', [httpEvent('GET', '/cycles')], { assetDir: outDir });
    expect(r.importError?.code).toBe('ERR_MODULE_NOT_FOUND');
    expect(r.resolved.some((m) => m.error && m.specifier.startsWith('@aws-sdk/'))).toBe(true);
  }, 120_000);
});
