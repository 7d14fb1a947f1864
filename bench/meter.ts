// What AWS would bill for, counted while the product runs on the embedded stack: every
// handler runs in this process, so its calls can be watched from here without changing it.
// - DynamoDB request units: every call of the product's DynamoDB client (shared/adapters/
//   clients.ts) asks for ReturnConsumedCapacity and the units are added up, reads and writes
//   apart, as DynamoDB Local computes them (item size, consistency, transactions double).
// - S3 requests: each HTTP request of the product to the local S3 port (diagnostics_channel),
//   by price class (PUT/COPY/POST/LIST, GET/HEAD).
// - Lambda invocations and duration: the jobs' own log lines (one per request or Task, with
//   its service and durationMs: shared/http/chain.ts, shared/observability/task.ts), read back
//   from the embedded stack's log file, which holds what CloudWatch Logs would; its bytes are
//   the log ingestion, and its EMF lines name the custom metrics.
// - Step Functions state transitions and executions: the local engine's count.
// The meter counts only while a phase is open, so seeding and floors are not billed.
import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { openSync, readSync, closeSync, statSync, existsSync, readdirSync } from 'node:fs';
import { dynamo } from '../shared/adapters/clients.ts';
import type { EmbeddedStack } from '../infra/local/runtime.ts';
import { logFileOf } from '../infra/local/runtime.ts';
import { outboxDirOf } from '../infra/local/outbox-mailer.ts';

export interface Usage {
  /** HTTP API requests (each one Lambda invocation of an API job) */
  apiRequests: number;
  /** per job: invocations and summed duration (ms) */
  lambda: Record<string, { invocations: number; ms: number }>;
  dynamo: { rru: number; wru: number; calls: number };
  s3: { tier1: number; tier2: number };
  stepFunctions: { transitions: number; executions: number };
  /** bytes of the jobs' log lines (JSON and EMF), as CloudWatch Logs would ingest them */
  logBytes: number;
  /** distinct custom metrics (name + dimensions) the EMF lines published */
  metrics: string[];
  /** messages the mailer wrote (SES on AWS) */
  mails: number;
}

export const emptyUsage = (): Usage => ({
  apiRequests: 0,
  lambda: {},
  dynamo: { rru: 0, wru: 0, calls: 0 },
  s3: { tier1: 0, tier2: 0 },
  stepFunctions: { transitions: 0, executions: 0 },
  logBytes: 0,
  metrics: [],
  mails: 0,
});

const READS = new Set(['GetCommand', 'GetItemCommand', 'QueryCommand', 'ScanCommand', 'BatchGetCommand', 'BatchGetItemCommand', 'TransactGetCommand', 'TransactGetItemsCommand']);

interface Capacity {
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
}

export class Meter {
  private usage: Usage | null = null;
  private logOffset = 0;
  private transitionsAt = 0;
  private executionsAt = 0;
  private mailsAt = 0;
  private readonly s3Port: string;

  constructor(private readonly stack: EmbeddedStack) {
    this.s3Port = new URL(stack.stores.s3.endpoint).port;
    // DynamoDB: ask every call of the product's client for its consumed capacity.
    dynamo().middlewareStack.add(
      (next, context) => async (args) => {
        const usage = this.usage;
        if (!usage) return next(args);
        (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'INDEXES';
        const result = await next(args);
        const consumed = (result.output as { ConsumedCapacity?: Capacity | Capacity[] }).ConsumedCapacity;
        const read = READS.has(context.commandName ?? '');
        usage.dynamo.calls += 1;
        for (const c of Array.isArray(consumed) ? consumed : consumed ? [consumed] : []) {
          // Reads and writes apart when DynamoDB says (a transaction's condition checks are reads);
          // otherwise by the kind of call.
          if (c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined) {
            usage.dynamo.rru += c.ReadCapacityUnits ?? 0;
            usage.dynamo.wru += c.WriteCapacityUnits ?? 0;
          } else if (read) usage.dynamo.rru += c.CapacityUnits ?? 0;
          else usage.dynamo.wru += c.CapacityUnits ?? 0;
        }
        return result;
      },
      { step: 'initialize', name: 'tongketBenchMeter', priority: 'high' },
    );
    subscribe('http.client.request.start', (message) => {
      const usage = this.usage;
      if (!usage) return;
      const request = (message as { request: ClientRequest }).request;
      if (!String(request.getHeader('host') ?? '').endsWith(`:${this.s3Port}`)) return;
      const listing = request.method === 'GET' && /[?&]list-type=|[?&]prefix=/.test(request.path);
      if (request.method === 'GET' || request.method === 'HEAD') {
        if (listing) usage.s3.tier1 += 1;
        else usage.s3.tier2 += 1;
      } else usage.s3.tier1 += 1;
    });
  }

  /** Starts counting (a phase's usage). */
  start(): void {
    this.usage = emptyUsage();
    const file = logFileOf(this.stack.dataDir);
    this.logOffset = existsSync(file) ? statSync(file).size : 0;
    this.transitionsAt = this.stack.engine.stateTransitions;
    this.executionsAt = this.stack.engine.executions.size;
    this.mailsAt = this.mailCount();
  }

  /** Stops counting and gives what was counted since start(). */
  async stop(): Promise<Usage> {
    const usage = this.usage ?? emptyUsage();
    this.usage = null;
    // Let the log stream flush what the last requests wrote.
    await new Promise((r) => setTimeout(r, 200));
    const text = this.readLogSince(this.logOffset);
    usage.logBytes = Buffer.byteLength(text);
    const metrics = new Set<string>();
    for (const line of text.split('\n')) {
      if (!line.startsWith('{')) continue;
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue;
      }
      const service = typeof entry.service === 'string' ? entry.service.replace(/^tongket-/, '') : '';
      if ((entry.message === 'request' || entry.message === 'request failed') && service) {
        this.addInvocation(usage, service, Number(entry.durationMs ?? 0));
        usage.apiRequests += 1;
      } else if ((entry.message === 'task' || entry.message === 'task failed') && service) {
        this.addInvocation(usage, service, Number(entry.durationMs ?? 0));
      }
      const aws = entry._aws as { CloudWatchMetrics?: { Dimensions: string[][]; Metrics: { Name: string }[] }[] } | undefined;
      for (const directive of aws?.CloudWatchMetrics ?? []) {
        for (const m of directive.Metrics) {
          for (const dims of directive.Dimensions) metrics.add(`${m.Name}[${dims.map((d) => `${d}=${String(entry[d])}`).join(',')}]`);
        }
      }
    }
    usage.metrics = [...metrics].sort();
    usage.stepFunctions.transitions = this.stack.engine.stateTransitions - this.transitionsAt;
    usage.stepFunctions.executions = this.stack.engine.executions.size - this.executionsAt;
    usage.mails = this.mailCount() - this.mailsAt;
    return usage;
  }

  private addInvocation(usage: Usage, job: string, ms: number): void {
    const entry = (usage.lambda[job] ??= { invocations: 0, ms: 0 });
    entry.invocations += 1;
    entry.ms += ms;
  }

  private readLogSince(offset: number): string {
    const file = logFileOf(this.stack.dataDir);
    if (!existsSync(file)) return '';
    const size = statSync(file).size;
    if (size <= offset) return '';
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(size - offset);
      readSync(fd, buffer, 0, buffer.length, offset);
      return buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
  }

  private mailCount(): number {
    const dir = outboxDirOf(this.stack.dataDir);
    return existsSync(dir) ? readdirSync(dir).length : 0;
  }
}

/** Adds `b` into `a` (the sums of several phases). */
export function addUsage(a: Usage, b: Usage): Usage {
  a.apiRequests += b.apiRequests;
  for (const [job, l] of Object.entries(b.lambda)) {
    const e = (a.lambda[job] ??= { invocations: 0, ms: 0 });
    e.invocations += l.invocations;
    e.ms += l.ms;
  }
  a.dynamo.rru += b.dynamo.rru;
  a.dynamo.wru += b.dynamo.wru;
  a.dynamo.calls += b.dynamo.calls;
  a.s3.tier1 += b.s3.tier1;
  a.s3.tier2 += b.s3.tier2;
  a.stepFunctions.transitions += b.stepFunctions.transitions;
  a.stepFunctions.executions += b.stepFunctions.executions;
  a.logBytes += b.logBytes;
  a.metrics = [...new Set([...a.metrics, ...b.metrics])].sort();
  a.mails += b.mails;
  return a;
}

/** `u` with every count multiplied by `k` (a per-association usage scaled to a province). */
export function scaleUsage(u: Usage, k: number): Usage {
  const s = emptyUsage();
  s.apiRequests = u.apiRequests * k;
  for (const [job, l] of Object.entries(u.lambda)) s.lambda[job] = { invocations: l.invocations * k, ms: l.ms * k };
  s.dynamo = { rru: u.dynamo.rru * k, wru: u.dynamo.wru * k, calls: u.dynamo.calls * k };
  s.s3 = { tier1: u.s3.tier1 * k, tier2: u.s3.tier2 * k };
  s.stepFunctions = { transitions: u.stepFunctions.transitions * k, executions: u.stepFunctions.executions * k };
  s.logBytes = u.logBytes * k;
  s.metrics = [...u.metrics];
  s.mails = u.mails * k;
  return s;
}

/**
 * The bytes a year leaves in the table (its cycle's items and its registry's, as JSON, a
 * close approximation of DynamoDB's item size) and in the bucket (its files), read with the
 * meter stopped.
 */
export async function storageOf(stack: EmbeddedStack, year: number, options: { table?: boolean } = {}): Promise<{ tableBytes: number; s3Bytes: number; tableItems: number }> {
  const { queryAll } = await import('../shared/adapters/dynamo-util.ts');
  const { getCycle } = await import('../shared/adapters/cycle-store.ts');
  const { cyclePk, registryPk } = await import('../shared/adapters/table-keys.ts');
  const cycle = await getCycle(year);
  const partitions = [cyclePk(year), ...(cycle?.registryVersion ? [registryPk(year, cycle.registryVersion)] : [])];
  let tableBytes = 0;
  let tableItems = 0;
  for (const pk of options.table === false ? [] : partitions) {
    const items = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } });
    tableItems += items.length;
    for (const item of items) tableBytes += Buffer.byteLength(JSON.stringify(item, (_k, v: unknown) => (v instanceof Set ? [...v] : v)));
  }
  let s3Bytes = 0;
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('._S3rver_object')) s3Bytes += statSync(path).size;
    }
  };
  walk(`${stack.stores.s3.directory}/${process.env.BUCKET_NAME ?? 'tongket-files'}/cycles/${year}`);
  return { tableBytes, s3Bytes, tableItems };
}
