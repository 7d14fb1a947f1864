// The close of a period review (SPEC section 12), one function per Task of the period's state
// machine (RenderPeriod, with the PDF renderer, is in period-render.ts). Payloads carry keys only
// (code, revision); the data goes through the period's work files. A period reads each year's
// LATEST PUBLISHED revision, never the live reports a reopen may have changed since: the
// published summary and the published approved results, each checked against the SHA-256 its
// close recorded, and the registry version that revision was closed on.
import { randomBytes } from 'node:crypto';
import { now } from '../adapters/clock.ts';
import { WriteConflict, getCycle } from '../adapters/cycle-store.ts';
import { getFile, putFile, sha256Hex } from '../adapters/files.ts';
import { getPeriod, updatePeriod, type PeriodFailure, type PeriodRecord } from '../adapters/period-store.ts';
import { getRegistryRows, getUnits } from '../adapters/registry-store.ts';
import { getRevision, type RevisionRecord } from '../adapters/revision-store.ts';
import { periodFileKey } from '../adapters/table-keys.ts';
import { classifyFailure, NO_PUBLISHED_YEAR, readCaught, WORK_FILE_MISSING, YEAR_ALTERED, YEAR_OUTDATED } from '../domain/failure.ts';
import { periodYears, selectPeriodCommended, type LastYearEntry } from '../domain/period.ts';
import { reportScope } from '../domain/report-scope.ts';
import type { AssociationYearResult, ByLevel, CommendedItem, ReportScope, Summary } from '../domain/types.ts';

export interface PeriodKeys {
  code: string;
  revision: number;
}

/** What RenderPeriod hands to PublishPeriod: the keys and the SHA-256 of each file it wrote. */
export interface PeriodPublishKeys extends PeriodKeys {
  sha256: Record<PeriodFileKind, string>;
}

export type PeriodFileKind = 'pdf' | 'csv' | 'json' | 'commendations' | 'docx';

/** A period's published files. */
export const periodFiles = (code: string, revision: number): Record<PeriodFileKind, string> => ({
  pdf: periodFileKey(code, revision, `bao-cao-${code}.pdf`),
  csv: periodFileKey(code, revision, `khen-thuong-${code}.csv`),
  json: periodFileKey(code, revision, `tong-hop-${code}.json`),
  commendations: periodFileKey(code, revision, 'commendations.json'),
  docx: periodFileKey(code, revision, `bao-cao-${code}.docx`),
});
export const periodWorkKey = (k: PeriodKeys, name: string) => periodFileKey(k.code, k.revision, `work/${name}.json`);

class PeriodCloseError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** What ReadYears leaves for the next steps. */
export interface PeriodYearsWork {
  years: { year: number; revision: number; summary: Summary; results: AssociationYearResult[] }[];
  lastYear: { year: number; expectedByLevel: ByLevel; entries: [string, LastYearEntry][]; scope: ReportScope; provinceName: string };
}

export async function closingPeriod(code: string): Promise<PeriodRecord> {
  const period = await getPeriod(code);
  if (!period) throw new PeriodCloseError('CloseError', `No period ${code}`);
  if (period.status !== 'closing' || period.closingRevision === undefined) throw new PeriodCloseError('CloseError', `Period ${code} is ${period.status}, not closing`);
  return period;
}

async function recordStep(code: string, step: string): Promise<void> {
  await updatePeriod(code, { step }, { expectStatus: ['closing'] }).catch((error: unknown) => {
    if (error instanceof WriteConflict) throw new PeriodCloseError('CloseError', `Period ${code} stopped closing`);
    throw error;
  });
}

async function writeWork(keys: PeriodKeys, name: string, value: unknown): Promise<void> {
  await putFile(periodWorkKey(keys, name), JSON.stringify(value), 'application/json');
}

export async function readPeriodWork<T>(keys: PeriodKeys, name: string): Promise<T> {
  const body = await getFile(periodWorkKey(keys, name));
  if (!body) throw new PeriodCloseError(WORK_FILE_MISSING, `Missing intermediate file ${name} of period ${keys.code} revision ${keys.revision}`);
  return JSON.parse(body.toString('utf8')) as T;
}

/** A published file of a year's revision, checked against its recorded digest; null when the revision lists no such file. */
async function publishedYearFile(year: number, record: RevisionRecord, kind: 'json' | 'results'): Promise<{ body: Buffer } | 'missing' | 'altered'> {
  const key = record.files[kind];
  const expected = record.sha256?.[kind];
  if (key === undefined || expected === undefined) return 'missing';
  const body = await getFile(key);
  if (!body || sha256Hex(body) !== expected) {
    console.error(JSON.stringify({ level: 'error', event: 'period_year_file_unreadable', year, revision: record.revision, key, present: body !== null }));
    return 'altered';
  }
  return { body };
}

/** The years of the range that have a published cycle (POST /periods/{code}/close refuses a period with none). */
export async function publishedYearsOf(from: number, to: number): Promise<number[]> {
  const years: number[] = [];
  for (const year of periodYears({ from, to })) {
    const cycle = await getCycle(year);
    if (cycle && cycle.revision >= 1) years.push(year);
  }
  return years;
}

/**
 * ReadYears: for each year of the range with a published cycle, its latest published revision's
 * summary and approved results (digests checked); the last published year's registry (the
 * version its cycle was closed on): who may be commended there, at which level and unit.
 * A revision published before results were written (no results file) fails the close naming the
 * year: the province closes that year again (reopen one report, close), then this period.
 */
export async function readPeriodYears(input: PeriodKeys): Promise<PeriodKeys> {
  const period = await closingPeriod(input.code);
  await recordStep(input.code, 'ReadYears');
  const { from, to } = period.config;
  const years: PeriodYearsWork['years'] = [];
  const outdated: number[] = [];
  const altered: number[] = [];
  let lastCycle: { year: number; registryVersion: number | undefined } | null = null;
  for (const year of await publishedYearsOf(from, to)) {
    const cycle = (await getCycle(year))!;
    const record = await getRevision(year, cycle.revision);
    if (!record) {
      altered.push(year);
      continue;
    }
    const [summary, results] = await Promise.all([publishedYearFile(year, record, 'json'), publishedYearFile(year, record, 'results')]);
    if (summary === 'altered' || results === 'altered') altered.push(year);
    else if (summary === 'missing' || results === 'missing') outdated.push(year);
    else {
      const resultsFile = JSON.parse(results.body.toString('utf8')) as { items: AssociationYearResult[] };
      years.push({ year, revision: record.revision, summary: JSON.parse(summary.body.toString('utf8')) as Summary, results: resultsFile.items });
      lastCycle = { year, registryVersion: cycle.registryVersion };
    }
  }
  if (altered.length) throw new PeriodCloseError(YEAR_ALTERED, `The published files of years ${altered.join(', ')} no longer match their recorded SHA-256`);
  if (outdated.length) throw new PeriodCloseError(YEAR_OUTDATED, `Years ${outdated.join(', ')} were published before their results were recorded: close them again`);
  if (!lastCycle) throw new PeriodCloseError(NO_PUBLISHED_YEAR, `No year from ${from} to ${to} is published`);

  const last = years.at(-1)!;
  const [units, rows] = await Promise.all([getUnits(lastCycle.year, lastCycle.registryVersion), getRegistryRows(lastCycle.year, lastCycle.registryVersion)]);
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  const root = units.find((u) => u.parentCode === null);
  if (!root) throw new PeriodCloseError('RegistryMissing', `The ${lastCycle.year} registry has no root unit`);
  const entries: [string, LastYearEntry][] = [];
  for (const row of rows) {
    const unit = unitByCode.get(row.unitCode);
    if (!row.expected || row.dissolvedInYear || !unit) continue;
    entries.push([row.code, { name: row.name, unit: unit.code, unitName: unit.name, unitType: unit.type, level: unit.level }]);
  }
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const work: PeriodYearsWork = {
    years,
    lastYear: { year: last.year, expectedByLevel: last.summary.associations.byLevel, entries, scope: reportScope(units), provinceName: root.name },
  };
  await writeWork(input, 'years', work);
  return { code: input.code, revision: input.revision };
}

/** SelectPeriodCommendations: the period's commended collectives (SPEC section 12), deterministic. */
export async function selectPeriodCommendations(input: PeriodKeys): Promise<PeriodKeys> {
  const period = await closingPeriod(input.code);
  await recordStep(input.code, 'SelectPeriodCommendations');
  const work = await readPeriodWork<PeriodYearsWork>(input, 'years');
  const commended: CommendedItem[] = selectPeriodCommended(
    new Map(work.years.map((y) => [y.year, y.results])),
    work.lastYear.expectedByLevel,
    new Map(work.lastYear.entries),
    period.config.commendation,
  );
  await writeWork(input, 'commended', commended);
  return { code: input.code, revision: input.revision };
}

/** PublishPeriod: the files RenderPeriod wrote are the period's, with their digests. */
export async function publishPeriod(input: PeriodPublishKeys): Promise<PeriodKeys> {
  const period = await closingPeriod(input.code);
  if (!input.sha256) throw new PeriodCloseError('CloseError', `PublishPeriod of ${input.code} got no file digests`);
  const work = await readPeriodWork<PeriodYearsWork>(input, 'years');
  const publishedAt = period.closeRequestedAt ?? now().toISOString();
  await updatePeriod(
    input.code,
    {
      status: 'published',
      revision: input.revision,
      publishedAt,
      step: 'Published',
      files: periodFiles(input.code, input.revision),
      sha256: input.sha256,
      yearsRead: work.years.map((y) => ({ year: y.year, revision: y.revision })),
    },
    { expectStatus: ['closing'], remove: ['failure', 'closingRevision'] },
  );
  return { code: input.code, revision: input.revision };
}

/** RecordPeriodFailure: close_failed with the kind, the step, the years at fault; the raw cause to the logs only. */
export async function recordPeriodFailure(input: { code: string; error?: string; cause?: string }): Promise<{ code: string; cause: string }> {
  const caught = readCaught(input.error, input.cause);
  const kind = classifyFailure(caught);
  const years = kind === 'year_outdated' || kind === 'year_altered' ? [...(/years ([0-9, ]+)/i.exec(caught.message)?.[1] ?? '').matchAll(/[0-9]{4}/g)].map((m) => Number(m[0])) : [];
  const failure: PeriodFailure = {
    kind,
    reference: `TK-${randomBytes(5).toString('hex').toUpperCase()}`,
    at: now().toISOString(),
    step: (await getPeriod(input.code))?.step ?? null,
    ...(years.length ? { years } : {}),
  };
  console.error(
    JSON.stringify({
      level: 'error',
      event: 'period_close_failed',
      reference: failure.reference,
      period: input.code,
      step: failure.step,
      kind,
      error: caught.name,
      message: caught.message.slice(0, 4000),
      cause: (input.cause ?? '').slice(0, 8000),
    }),
  );
  await updatePeriod(input.code, { status: 'close_failed', failure, step: 'CloseFailed' }, { expectStatus: ['closing'] }).catch((error: unknown) => {
    if (!(error instanceof WriteConflict)) throw error;
  });
  return { code: input.code, cause: `${kind} failure at ${failure.step ?? '?'} (reference ${failure.reference})` };
}
