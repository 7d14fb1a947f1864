// The "submit" figures: report submissions over HTTP against a floor of the least work that
// accepting a submission needs: the one TransactWriteItems the submit handler ends with
// (condition on the cycle, the association's new state, the version, the history event),
// issued directly with the SDK at the same concurrency, with no read before it. The floor's
// associations have no report yet, so their new version is 1 and nothing needs reading.
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../shared/adapters/clients.ts';
import { COMMIT_MARK_STALE_MS } from '../shared/adapters/cycle-store.ts';
import { assocSk, cyclePk, historySk, META, versionSk } from '../shared/adapters/table-keys.ts';
import { signToken, type SigningKey } from '../shared/auth/tokens.ts';
import { NUMERIC_FIGURES } from '../shared/domain/types.ts';
import { loadRun, percentile, round } from './measure.ts';
import { seedProvince } from './seed.ts';
import { syntheticProvince } from './synthetic.ts';

export interface LoadFigures {
  requests: number;
  concurrency: number;
  totalMs: number;
  throughput: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export interface SubmitFigures {
  http: LoadFigures;
  floor: LoadFigures;
  ratio: number;
  seedMs: number;
}

const reportBody = (i: number) => ({
  members: 100 + (i % 900),
  newMembers: 10,
  branches: 3,
  charityEvents: 2,
  charityFundsVnd: 5_000_000,
  legalEducationSessions: 1,
  selfRating: i % 10 === 0 ? 'excellent' : 'good',
  nominate: i % 10 === 0,
  achievements: 'Tổ chức tốt các hoạt động nhân đạo, từ thiện; vận động hội viên tham gia xây dựng nông thôn mới.',
  limitations: '',
  proposals: '',
  submittedBy: 'Lò Thị Mai',
});

const figures = (r: LoadFigures['requests'], c: number, run: { latencies: number[]; totalMs: number }, errors: number): LoadFigures => ({
  requests: r,
  concurrency: c,
  totalMs: round(run.totalMs, 1),
  throughput: round(r / (run.totalMs / 1000), 1),
  p50Ms: round(percentile(run.latencies, 50), 2),
  p99Ms: round(percentile(run.latencies, 99), 2),
  errors,
});

/**
 * The floor: the transaction that accepts a first submission, with the same items and
 * conditions as submitVersion's (shared/adapters/report-store.ts), the registry version the
 * seed wrote (1), and no read at all.
 */
async function floorSubmit(year: number, code: string, body: ReturnType<typeof reportBody>, at: string): Promise<void> {
  const TableName = tableName();
  const pk = cyclePk(year);
  const atMs = Date.parse(at);
  const report = { ...body };
  await dynamo().send(
    new TransactWriteCommand({
      TransactItems: [
        {
          ConditionCheck: {
            TableName,
            Key: { pk, sk: META },
            ConditionExpression:
              '#status IN (:c0) AND (attribute_not_exists(reopenedFor) OR contains(reopenedFor, :code)) AND (attribute_not_exists(autoCloseDueMs) OR autoCloseDueMs > :now) AND registryVersion = :rv AND (attribute_not_exists(importCommitSince) OR importCommitSince < :stale)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':c0': 'open', ':code': code, ':now': atMs, ':rv': 1, ':stale': new Date(atMs - COMMIT_MARK_STALE_MS).toISOString() },
          },
        },
        {
          Update: {
            TableName,
            Key: { pk, sk: assocSk(code) },
            UpdateExpression:
              'SET code = :code, version = :v, #status = :submitted, figures = :figures, selfRating = :rating, nominate = :nominate, proposals = :proposals, lastSubmittedAt = :at, firstSubmittedAt = if_not_exists(firstSubmittedAt, :at), late = if_not_exists(late, :late), historySeq = :seq',
            ConditionExpression: 'attribute_not_exists(pk)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':code': code,
              ':v': 1,
              ':submitted': 'submitted',
              ':figures': Object.fromEntries(NUMERIC_FIGURES.map((k) => [k, report[k]])),
              ':rating': report.selfRating,
              ':nominate': report.nominate,
              ':proposals': report.proposals,
              ':at': at,
              ':late': false,
              ':seq': 1,
            },
          },
        },
        { Put: { TableName, Item: { pk, sk: versionSk(code, 1), version: 1, at, by: code, late: false, report }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName, Item: { pk, sk: historySk(code, 1), version: 1, action: 'submitted', at, by: code, comment: null }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    }),
  );
}

/**
 * Seeds two cycles of `count` (+ a warm-up share) associations that have not reported yet,
 * then runs the floor on one and the HTTP submissions on the other.
 */
export async function submitBench(options: {
  url: string;
  signingKey: SigningKey;
  provinceToken: string;
  count: number;
  warmup: number;
  concurrency: number;
  years: [number, number];
  log: (line: string) => void;
}): Promise<SubmitFigures> {
  const size = options.count + options.warmup;
  let seedMs = 0;
  for (const year of options.years) {
    const opened = await fetch(`${options.url}/cycles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.provinceToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ year }),
    });
    if (opened.status !== 201) throw new Error(`open ${year}: HTTP ${opened.status} ${await opened.text()}`);
    seedMs += (await seedProvince(syntheticProvince(size, year, 'not-submitted', 2))).ms;
  }
  const [floorYear, httpYear] = options.years;
  const codes = syntheticProvince(size, httpYear, 'not-submitted', 2).associations.map((a) => a.code);
  const tokens = await Promise.all(codes.map((association) => signToken({ role: 'association', association }, options.signingKey, 3600)));

  let httpErrors = 0;
  const submitOverHttp = async (i: number) => {
    const response = await fetch(`${options.url}/cycles/${httpYear}/reports/${codes[i]}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${tokens[i]}`, 'content-type': 'application/json' },
      body: JSON.stringify(reportBody(i)),
    });
    await response.arrayBuffer();
    if (response.status !== 200) {
      httpErrors += 1;
      if (httpErrors <= 3) options.log(`  submit ${codes[i]}: HTTP ${response.status}`);
    }
  };
  let floorErrors = 0;
  const submitDirectly = async (i: number) => {
    try {
      await floorSubmit(floorYear, codes[i]!, reportBody(i), new Date().toISOString());
    } catch (error) {
      floorErrors += 1;
      if (floorErrors <= 3) options.log(`  floor ${codes[i]}: ${String(error)}`);
    }
  };

  // Warm-up on associations of their own (first `warmup` codes), then the measured runs.
  const offset = options.warmup;
  await loadRun(options.warmup, options.concurrency, (i) => submitDirectly(i));
  await loadRun(options.warmup, options.concurrency, (i) => submitOverHttp(i));
  floorErrors = 0;
  httpErrors = 0;
  const floorRun = await loadRun(options.count, options.concurrency, (i) => submitDirectly(offset + i));
  const floor = figures(options.count, options.concurrency, floorRun, floorErrors);
  options.log(`  floor: ${floor.throughput}/s, p50 ${floor.p50Ms} ms, p99 ${floor.p99Ms} ms`);
  const httpRun = await loadRun(options.count, options.concurrency, (i) => submitOverHttp(offset + i));
  const http = figures(options.count, options.concurrency, httpRun, httpErrors);
  options.log(`  http:  ${http.throughput}/s, p50 ${http.p50Ms} ms, p99 ${http.p99Ms} ms`);
  return { http, floor, ratio: round(http.throughput / floor.throughput, 3), seedMs: round(seedMs, 0) };
}
