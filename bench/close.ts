// The "close" figures: a province of N associations, all approved, seeded directly in the
// table; the time from the close request to `published`, against a floor of a plain
// paginated read of the same reports plus pdfkit drawing the same rows with no logic.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../shared/adapters/clients.ts';
import { getCycle } from '../shared/adapters/cycle-store.ts';
import { cyclePk, registryPk, TABLE_KEYS } from '../shared/adapters/table-keys.ts';
import { round } from './measure.ts';
import { drawRowsNaively, reportRows } from './naive-pdf.ts';
import { seedProvince } from './seed.ts';
import { benchConfig, reportDocumentOf, syntheticProvince } from './synthetic.ts';

export interface CloseFigures {
  associations: number;
  units: number;
  seedMs: number;
  closeMs: number;
  steps: Record<string, number>;
  pages: number | null;
  commended: number;
  floor: { readMs: number; itemsRead: number; drawMs: number; rows: number; pages: number; totalMs: number };
  ratio: number;
}

/**
 * A plain paginated read of every association of the cycle: its registry rows on the subtree
 * index and, beside them, its report states, no projection, one page after another.
 */
async function plainRead(year: number): Promise<number> {
  const cycle = await getCycle(year);
  const registry = (start: Record<string, unknown> | undefined) =>
    new QueryCommand({
      TableName: tableName(),
      IndexName: TABLE_KEYS.subtreeIndex,
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': registryPk(year, Number(cycle?.registryVersion)) },
      ExclusiveStartKey: start,
    });
  const states = (start: Record<string, unknown> | undefined) =>
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': cyclePk(year), ':prefix': 'ASSOC#' },
      ExclusiveStartKey: start,
    });
  const readAll = async (query: typeof registry): Promise<number> => {
    let count = 0;
    let start: Record<string, unknown> | undefined;
    do {
      const page = await dynamo().send(query(start));
      count += page.Items?.length ?? 0;
      start = page.LastEvaluatedKey;
    } while (start);
    return count;
  };
  // The associations read: one registry row each (their report states are read too).
  const [associations] = await Promise.all([readAll(registry), readAll(states)]);
  return associations;
}

export async function closeBench(options: { url: string; provinceToken: string; size: number; year: number; log: (line: string) => void }): Promise<CloseFigures> {
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

  // Floor, part 1: the plain read.
  let t = performance.now();
  const itemsRead = await plainRead(year);
  const readMs = performance.now() - t;

  // The close: from the request to published, watching the steps from the table.
  const steps: Record<string, number> = {};
  t = performance.now();
  const close = await fetch(`${url}/cycles/${year}/close`, { method: 'POST', headers });
  if (close.status !== 202) throw new Error(`close ${year}: HTTP ${close.status} ${await close.text()}`);
  await close.arrayBuffer();
  let last = '';
  let lastAt = t;
  for (;;) {
    const cycle = await getCycle(year);
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

  // Floor, part 2: pdfkit drawing the same rows with no logic.
  const doc = reportDocumentOf(province);
  const rows = reportRows(doc);
  t = performance.now();
  const drawn = await drawRowsNaively(rows);
  const drawMs = performance.now() - t;

  const pdf = await fetch(`${url}/cycles/${year}/report.pdf`, { headers, redirect: 'follow' });
  const bytes = Buffer.from(await pdf.arrayBuffer());
  const pages = pdf.ok ? (bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length : null;
  const floorMs = readMs + drawMs;
  const figures: CloseFigures = {
    associations: size,
    units: province.units.length,
    seedMs: round(seeded.ms, 0),
    closeMs: round(closeMs, 0),
    steps,
    pages,
    commended: doc.commended.length,
    floor: { readMs: round(readMs, 0), itemsRead, drawMs: round(drawMs, 0), rows: rows.length, pages: drawn.pages, totalMs: round(floorMs, 0) },
    ratio: round(closeMs / floorMs, 3),
  };
  options.log(`  ${size}: close ${figures.closeMs} ms, floor ${figures.floor.totalMs} ms (read ${figures.floor.readMs} + draw ${figures.floor.drawMs}), ratio ${figures.ratio}`);
  return figures;
}
