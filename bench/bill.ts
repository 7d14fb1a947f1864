// The bill: what a province-year costs on AWS (ap-southeast-1, on-demand, no free tier), from
// what the bench counted (bench/meter.ts) and the prices in bench/prices-ap-southeast-1.json.
// Lai Châu's year is counted whole (bench/year.ts); a larger province's year is Lai Châu's
// activity per association times its size, plus its own close, counted on the close tier.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEMORY_MB, JOB_ACCESS } from '../infra/stack.ts';
import { round } from './measure.ts';
import { projectRoot } from './paths.ts';
import { addUsage, emptyUsage, scaleUsage, type Usage } from './meter.ts';

export type Prices = {
  region: string;
  asOf: string;
  source: string;
  lambda: { requestPerMillion: number; arm64GbSecond: number };
  apiGatewayHttp: { requestPerMillion: number };
  stepFunctionsStandard: { transitionPerThousand: number };
  dynamodbOnDemand: { readRequestUnitPerMillion: number; writeRequestUnitPerMillion: number; storageGbMonth: number; pitrGbMonth: number };
  s3Standard: { storageGbMonth: number; putCopyPostListPerThousand: number; getHeadPerThousand: number };
  secretsManager: { secretMonth: number; apiCallsPerTenThousand: number };
  ssmParameterStore: { kmsAwsManagedKeyDecryptPerTenThousand: number };
  cloudwatch: { logsIngestedGb: number; logsStoredGbMonth: number; customMetricMonth: number };
  xray: { tracesRecordedPerMillion: number };
  ses: { emailsPerThousand: number };
};

export const PRICES_FILE = join(projectRoot, 'bench', 'prices-ap-southeast-1.json');
export const readPrices = (): Prices => JSON.parse(readFileSync(PRICES_FILE, 'utf8')) as Prices;

/** What is assumed where nothing can be counted here; each one is named in BENCHMARKS.md. */
export const ASSUMPTIONS = {
  /**
   * A Lambda with less than 1,769 MB has less than one vCPU; the jobs ran here on a whole
   * core. Billed duration = measured × max(1, 1769 / memory): an upper bound (time spent
   * waiting for DynamoDB does not stretch).
   */
  fullVcpuMb: 1769,
  /** every invocation counted as a cold start, its INIT billed (an upper bound), at the job's measured init when the bundles part ran */
  initMsDefault: 300,
  /** START, END and REPORT lines of each invocation (CloudWatch Logs), bytes */
  platformLogBytesPerInvocation: 300,
  /** one API access-log line per request (infra/stack.ts accessLogSettings), bytes */
  accessLogBytesPerRequest: 260,
  /** CloudWatch bills 26 bytes more per log event */
  logEventOverheadBytes: 26,
  /** an S3 server access-log record per request, kept a year in the log bucket, bytes */
  s3AccessLogBytesPerRequest: 400,
  /**
   * A custom metric is billed for each hour it is published in; a job's metrics are published
   * at most once per invocation, within the reporting window (three weeks of ten-hour days).
   */
  reportingWindowHours: 210,
  /** the cycle waits open this many days; AwaitClose wakes once a day (CheckAutoClose, 3 transitions) */
  openDays: 45,
  /** the table's item bytes counted, times this for the subtree index (registry rows projected whole) and attribute overhead */
  tableBytesFactor: 1.5,
} as const;

export interface BillLine {
  service: string;
  /** what was counted, in its unit */
  quantity: string;
  usd: number;
}

export interface ProvinceYearBill {
  associations: number;
  /** how the year was counted */
  basis: string;
  lines: BillLine[];
  yearUsd: number;
  /** the data this year leaves, kept for a year */
  storage: { tableBytes: number; s3Bytes: number };
}

export interface Bill {
  prices: { file: string; region: string; asOf: string; source: string };
  assumptions: typeof ASSUMPTIONS;
  idle: { lines: BillLine[]; monthUsd: number; withParameterStoreMonthUsd: number };
  years: ProvinceYearBill[];
  /** idle stack + Lai Châu's year spread over 12 months */
  laiChauMonthUsd: number;
}

const GB = 2 ** 30;

function lambdaLines(u: Usage, p: Prices, initMs: Record<string, number>): BillLine[] {
  let invocations = 0;
  let gbSeconds = 0;
  let initGbSeconds = 0;
  for (const [job, l] of Object.entries(u.lambda)) {
    const mb = MEMORY_MB[job] ?? 512;
    const stretch = Math.max(1, ASSUMPTIONS.fullVcpuMb / mb);
    invocations += l.invocations;
    gbSeconds += (l.ms / 1000) * stretch * (mb / 1024);
    initGbSeconds += l.invocations * ((initMs[job] ?? ASSUMPTIONS.initMsDefault) / 1000) * stretch * (mb / 1024);
  }
  return [
    { service: 'Lambda requests', quantity: `${Math.round(invocations)} invocations`, usd: (invocations / 1e6) * p.lambda.requestPerMillion },
    { service: 'Lambda duration', quantity: `${round(gbSeconds, 1)} GB-s`, usd: gbSeconds * p.lambda.arm64GbSecond },
    { service: 'Lambda INIT (all cold)', quantity: `${round(initGbSeconds, 1)} GB-s`, usd: initGbSeconds * p.lambda.arm64GbSecond },
  ];
}

/** The custom metrics' metric-hours: each published in at most as many hours as its job ran, within the window. */
function metricHours(u: Usage): number {
  let hours = 0;
  for (const metric of u.metrics) {
    const job = /service=tongket-([a-z-]+)/.exec(metric)?.[1];
    const invocations = job ? (u.lambda[job]?.invocations ?? 1) : 1;
    hours += Math.min(invocations, ASSUMPTIONS.reportingWindowHours);
  }
  return hours;
}

export function priceYear(args: { associations: number; basis: string; usage: Usage; storage: { tableBytes: number; s3Bytes: number }; prices: Prices; initMs: Record<string, number> }): ProvinceYearBill {
  const { usage: u, prices: p } = args;
  const tokenInvocations = Object.entries(u.lambda).reduce((n, [job, l]) => n + (JOB_ACCESS[job]?.token ? l.invocations : 0), 0);
  const transitions = u.stepFunctions.transitions + ASSUMPTIONS.openDays * 3;
  const invocations = Object.values(u.lambda).reduce((n, l) => n + l.invocations, 0) + ASSUMPTIONS.openDays;
  const logBytes =
    u.logBytes +
    invocations * ASSUMPTIONS.platformLogBytesPerInvocation +
    u.apiRequests * ASSUMPTIONS.accessLogBytesPerRequest +
    (u.logBytes / 250 + invocations * 3 + u.apiRequests) * ASSUMPTIONS.logEventOverheadBytes;
  const s3Requests = u.s3.tier1 + u.s3.tier2;
  const s3Stored = args.storage.s3Bytes + s3Requests * ASSUMPTIONS.s3AccessLogBytesPerRequest;
  const hours = metricHours(u);
  const lines: BillLine[] = [
    { service: 'API Gateway (HTTP API)', quantity: `${Math.round(u.apiRequests)} requests`, usd: (u.apiRequests / 1e6) * p.apiGatewayHttp.requestPerMillion },
    ...lambdaLines(u, p, args.initMs),
    { service: 'Step Functions', quantity: `${Math.round(transitions)} transitions`, usd: (transitions / 1000) * p.stepFunctionsStandard.transitionPerThousand },
    { service: 'DynamoDB reads', quantity: `${Math.round(u.dynamo.rru)} RRU`, usd: (u.dynamo.rru / 1e6) * p.dynamodbOnDemand.readRequestUnitPerMillion },
    { service: 'DynamoDB writes', quantity: `${Math.round(u.dynamo.wru)} WRU`, usd: (u.dynamo.wru / 1e6) * p.dynamodbOnDemand.writeRequestUnitPerMillion },
    {
      service: 'DynamoDB storage + PITR (a year)',
      quantity: `${round((args.storage.tableBytes * ASSUMPTIONS.tableBytesFactor) / 2 ** 20, 1)} MiB`,
      usd: ((args.storage.tableBytes * ASSUMPTIONS.tableBytesFactor) / GB) * 12 * (p.dynamodbOnDemand.storageGbMonth + p.dynamodbOnDemand.pitrGbMonth),
    },
    { service: 'S3 requests', quantity: `${Math.round(u.s3.tier1)} PUT/LIST, ${Math.round(u.s3.tier2)} GET`, usd: (u.s3.tier1 / 1000) * p.s3Standard.putCopyPostListPerThousand + (u.s3.tier2 / 1000) * p.s3Standard.getHeadPerThousand },
    { service: 'S3 storage (a year)', quantity: `${round(s3Stored / 2 ** 20, 1)} MiB`, usd: (s3Stored / GB) * 12 * p.s3Standard.storageGbMonth },
    { service: 'Secrets Manager calls', quantity: `${Math.round(tokenInvocations)} (cold starts of token jobs)`, usd: (tokenInvocations / 1e4) * p.secretsManager.apiCallsPerTenThousand },
    { service: 'CloudWatch Logs ingested', quantity: `${round(logBytes / 2 ** 20, 1)} MiB`, usd: (logBytes / GB) * p.cloudwatch.logsIngestedGb },
    { service: 'CloudWatch Logs kept a year', quantity: `${round(logBytes / 2 ** 20, 1)} MiB × 12 months`, usd: (logBytes / GB) * 12 * p.cloudwatch.logsStoredGbMonth },
    { service: 'CloudWatch custom metrics', quantity: `${u.metrics.length} metrics, ${Math.round(hours)} metric-hours`, usd: (hours / 730) * p.cloudwatch.customMetricMonth },
    { service: 'X-Ray (state machine traces)', quantity: `${Math.round(u.stepFunctions.executions)} traces`, usd: (u.stepFunctions.executions / 1e6) * p.xray.tracesRecordedPerMillion },
    { service: 'SES', quantity: `${Math.round(u.mails)} messages`, usd: (u.mails / 1000) * p.ses.emailsPerThousand },
  ];
  return { associations: args.associations, basis: args.basis, lines, yearUsd: lines.reduce((s, l) => s + l.usd, 0), storage: args.storage };
}

export function idleMonth(p: Prices): Bill['idle'] {
  const lines: BillLine[] = [
    { service: 'Secrets Manager secret (signing keys)', quantity: '1 secret', usd: p.secretsManager.secretMonth },
    { service: 'everything else at rest', quantity: 'no alarm, dashboard, KMS key, NAT or provisioned capacity in the stack', usd: 0 },
  ];
  return { lines, monthUsd: p.secretsManager.secretMonth, withParameterStoreMonthUsd: 0 };
}

/** A larger province's year: Lai Châu's activity per association (its close left out) times `associations`, plus the tier's own close. */
export function scaledYear(laiChau: { associations: number; usage: Usage; closeUsage: Usage }, associations: number, close: Usage): Usage {
  const activity = emptyUsage();
  addUsage(activity, laiChau.usage);
  // Lai Châu's activity without its close
  const negClose = scaleUsage(laiChau.closeUsage, -1);
  negClose.metrics = [];
  addUsage(activity, negClose);
  const perAssociation = scaleUsage(activity, associations / laiChau.associations);
  perAssociation.metrics = activity.metrics;
  // The executions outside the close (the cycle waiting for it) and the messages do not grow
  // with the associations here (Lai Châu's registry gives no email address): kept as counted.
  perAssociation.stepFunctions = { ...activity.stepFunctions };
  perAssociation.mails = activity.mails;
  return addUsage(perAssociation, close);
}
