// The "close" figures: a province of N associations, all approved, seeded directly in the
// table; the time from the close request to `published`, against a floor of the fastest read
// of the same items a hand-written script can do on this stack (the subtrees in parallel, with
// the close's projections) plus pdfkit drawing the report's document plan with no logic and
// the docx package writing it as the Word file the close also writes (bench/naive-docx.ts).
import { buildReportPlan } from '../shared/document/report-plan.ts';
import { batchGet, queryAll } from '../shared/adapters/dynamo-util.ts';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { tableName } from '../shared/adapters/clients.ts';
import type { CycleRecord } from '../shared/adapters/cycle-store.ts';
import { assocSk, cyclePk, META, registryPk, subtreePrefix, TABLE_KEYS } from '../shared/adapters/table-keys.ts';
import { storageOf, type Meter, type Usage } from './meter.ts';
import type { EmbeddedStack } from '../infra/local/runtime.ts';
import { round } from './measure.ts';
import { runBounded } from '../shared/util/run-bounded.ts';
import { writePlanNaively } from './naive-docx.ts';
import { drawPlanNaively } from './naive-pdf.ts';
import { seedProvince } from './seed.ts';
import { benchConfig, reportDocumentOf, syntheticProvince, type Province } from './synthetic.ts';

export interface CloseFigures {
  associations: number;
  units: number;
  seedMs: number;
  closeMs: number;
  steps: Record<string, number>;
  pages: number | null;
  commended: number;
  floor: { readMs: number; readsMs?: [number, number]; itemsRead: number; drawMs: number; wordMs?: number; drawsMs?: [number, number]; wordsMs?: [number, number]; rows: number; pages: number; totalMs: number };
  ratio: number;
  /** every run's ratio, when the tier ran more than once (bench/run.ts keeps the median run) */
  ratios?: number[];
  /** what the close used, counted for the bill (bench/meter.ts), when metered; and the files it left */
  usage?: Usage;
  s3Bytes?: number;
}

/**
 * The bench's own client for watching the cycle during the close: not the product's, so
 * that its reads every 10 ms are neither metered nor mistaken for the close's.
 */
let watcher: DynamoDBDocumentClient | undefined;
async function watchCycle(year: number): Promise<Pick<CycleRecord, 'status' | 'step' | 'failure'> | undefined> {
  watcher ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: process.env.DYNAMODB_ENDPOINT,
      region: process.env.DYNAMODB_REGION ?? 'ap-southeast-1',
      credentials: { accessKeyId: process.env.DYNAMODB_ACCESS_KEY_ID ?? 'x', secretAccessKey: process.env.DYNAMODB_SECRET_ACCESS_KEY ?? 'x' },
    }),
  );
  const { Item } = await watcher.send(new GetCommand({ TableName: tableName(), Key: { pk: cyclePk(year), sk: META }, ConsistentRead: true }));
  return Item as Pick<CycleRecord, 'status' | 'step' | 'failure'> | undefined;
}

/** What the close reads of a registry row and of a report state (registry-store.ts, report-store.ts). */
const ROW = ['code', 'name', 'unitCode', 'special', 'foundedOn', 'dissolvedOn', 'level', 'unitPath', 'expected', 'isNew', 'dissolvedInYear', 'email', 'phone', 'contact'];
const STATE = ['code', 'version', 'status', 'late', 'firstSubmittedAt', 'lastSubmittedAt', 'figures', 'selfRating', 'nominate', 'score', 'rating', 'comment', 'historySeq', 'proposals'];
const projection = (attributes: string[]) => ({
  projection: attributes.map((_, i) => `#p${i}`).join(', '),
  names: Object.fromEntries(attributes.map((a, i) => [`#p${i}`, a])),
});

/**
 * The read floor: every subtree under the province (and the province's own associations),
 * eight at a time, each a Query of its registry rows on the subtree index and a BatchGet of their report
 * states, with the projections the close uses; nothing written, no S3, no state machine.
 */
async function subtreeRead(p: Province): Promise<number> {
  const province = p.units.find((u) => u.parentCode === null)!;
  const prefixes = [`${subtreePrefix(province.path)}#`, ...p.units.filter((u) => u.parentCode === province.code).map((u) => subtreePrefix(u.path))];
  const row = projection(ROW);
  const state = projection(STATE);
  // Eight subtrees at a time, as the close's Map runs them: more only queues on the SDK's 50
  // sockets and on DynamoDB Local's two cores.
  const counts: number[] = [];
  await runBounded(prefixes, 8, async (prefix) => {
      const rows = await queryAll({
        IndexName: TABLE_KEYS.subtreeIndex,
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        ExpressionAttributeValues: { ':pk': registryPk(p.year, 1), ':prefix': prefix },
        ProjectionExpression: row.projection,
        ExpressionAttributeNames: row.names,
      });
      const states = await batchGet(
        rows.map((r) => ({ pk: cyclePk(p.year), sk: assocSk(String(r.code)) })),
        { consistent: true, ...state },
      );
    counts.push(Math.min(rows.length, states.length));
  });
  return counts.reduce((a, b) => a + b, 0);
}

/**
 * Floor, part 2: pdfkit drawing the report's document plan with no logic; part 3: the Word file
 * the close writes beside the PDF (issue 15), the docx package doing the work. Drawn once before
 * the close and once after it, and averaged, as the read is: one drawing of the same plan
 * strays by up to 40 % from the next on this machine (728 and 522 ms at 10,000 in one lab run),
 * in no set direction.
 */
async function drawFloor(province: Province) {
  const doc = reportDocumentOf(province);
  let t = performance.now();
  const plan = buildReportPlan(doc);
  const drawn = await drawPlanNaively(plan);
  const drawMs = performance.now() - t;
  t = performance.now();
  await writePlanNaively(plan);
  const wordMs = performance.now() - t;
  return { doc, plan, drawn, drawMs, wordMs };
}

export async function closeBench(options: { url: string; provinceToken: string; size: number; year: number; meter?: Meter; stack?: EmbeddedStack; log: (line: string) => void }): Promise<CloseFigures> {
  const { url, provinceToken, size, year } = options;
  const headers = { authorization: `Bearer ${provinceToken}`, 'content-type': 'application/json' };
  const config = benchConfig(year);
  const opened = await fetch(`${url}/cycles`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      year,
      deadline: config.deadline,
      issuer: config.issuer,
      issuerKind: config.issuerKind,
      documentNumber: config.documentNumber,
      reportDate: config.reportDate,
      place: config.place,
      commendation: { quotaPercent: config.commendation.quotaPercent, minScore: config.commendation.minScore },
    }),
  });
  if (opened.status !== 201) throw new Error(`open ${year}: HTTP ${opened.status} ${await opened.text()}`);
  const province = syntheticProvince(size, year, 'all-approved');
  const seeded = await seedProvince(province);
  options.log(`  ${size}: seeded ${seeded.items} items in ${round(seeded.ms / 1000, 1)} s`);

  // Floor, parts 2 and 3, before the close (and again after it, below).
  const before = await drawFloor(province);

  // Floor, part 1: the fastest read of the same items, once before the close and once after it
  // (below): DynamoDB Local's speed drifts over a run by as much as the close's own overhead at
  // 10,000 (its JVM compiling, collecting, its pages cached), and the two reads bracket the close.
  let t = performance.now();
  const itemsRead = await subtreeRead(province);
  const readBeforeMs = performance.now() - t;

  // The close: from the request to published, watching the steps from the table.
  const steps: Record<string, number> = {};
  options.meter?.start();
  t = performance.now();
  const close = await fetch(`${url}/cycles/${year}/close`, { method: 'POST', headers });
  if (close.status !== 202) throw new Error(`close ${year}: HTTP ${close.status} ${await close.text()}`);
  await close.arrayBuffer();
  let last = '';
  let lastAt = t;
  for (;;) {
    const cycle = await watchCycle(year);
    const step = cycle?.step ?? '';
    if (step !== last) {
      const at = performance.now();
      if (last) steps[last] = round(at - lastAt, 0);
      last = step;
      lastAt = at;
    }
    if (cycle?.status === 'published') break;
    if (cycle?.status === 'close_failed') throw new Error(`close ${year} failed: ${cycle.failure?.kind} at ${cycle.failure?.step} (reference ${cycle.failure?.reference}, in the log above)`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const closeMs = performance.now() - t;
  const usage = await options.meter?.stop();
  t = performance.now();
  await subtreeRead(province);
  const readAfterMs = performance.now() - t;
  const readMs = (readBeforeMs + readAfterMs) / 2;

  // Floor, parts 2 and 3, after the close: see drawFloor.
  const after = await drawFloor(province);
  const drawMs = (before.drawMs + after.drawMs) / 2;
  const wordMs = (before.wordMs + after.wordMs) / 2;
  const { plan, drawn, doc } = after;
  const rows = plan.body.reduce((n, b) => n + (b.kind === 'table' ? b.rows.length : 0), 0);

  const pdf = await fetch(`${url}/cycles/${year}/report.pdf`, { headers, redirect: 'follow' });
  const bytes = Buffer.from(await pdf.arrayBuffer());
  const pages = pdf.ok ? (bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length : null;
  const floorMs = readMs + drawMs + wordMs;
  const figures: CloseFigures = {
    associations: size,
    units: province.units.length,
    seedMs: round(seeded.ms, 0),
    closeMs: round(closeMs, 0),
    steps,
    pages,
    commended: doc.commended.length,
    floor: { readMs: round(readMs, 0), readsMs: [round(readBeforeMs, 0), round(readAfterMs, 0)], itemsRead, drawMs: round(drawMs, 0), wordMs: round(wordMs, 0), drawsMs: [round(before.drawMs, 0), round(after.drawMs, 0)], wordsMs: [round(before.wordMs, 0), round(after.wordMs, 0)], rows, pages: drawn.pages, totalMs: round(floorMs, 0) },
    ratio: round(closeMs / floorMs, 3),
    ...(usage ? { usage } : {}),
    ...(usage && options.stack ? { s3Bytes: (await storageOf(options.stack, year, { table: false })).s3Bytes } : {}),
  };
  options.log(`  ${size}: close ${figures.closeMs} ms, floor ${figures.floor.totalMs} ms (read ${figures.floor.readMs} [${readBeforeMs.toFixed(0)}, ${readAfterMs.toFixed(0)}] + draw ${figures.floor.drawMs} [${before.drawMs.toFixed(0)}, ${after.drawMs.toFixed(0)}] + Word ${figures.floor.wordMs} [${before.wordMs.toFixed(0)}, ${after.wordMs.toFixed(0)}]), ratio ${figures.ratio}`);
  return figures;
}
