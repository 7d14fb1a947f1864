// Importing a cycle's registry (SPEC section 2): all or nothing, every problem listed, and
// atomic at any size. The new registry is written whole as a new version beside the committed
// one; then, holding the cycle's commit mark (no submission commits while it is held), the
// importer checks that no association it drops or stops expecting has a report, and switches
// the cycle to the new version in one conditional write. Killed at any point, the cycle reads
// wholly the old registry or wholly the new one.
import { now } from '../adapters/clock.ts';
import { deleteRegistryVersion, getRegistryRows, getUnits, stageRegistry, type RegistryRow } from '../adapters/registry-store.ts';
import { allocateRegistryVersion, commitRegistryVersion, releaseCommitMark, takeCommitMark, updateCycle, type CycleRecord } from '../adapters/cycle-store.ts';
import { getReportStates } from '../adapters/report-store.ts';
import {
  associationInYear,
  diffRegistry,
  diffUnits,
  lineOfReplacement,
  notUtf8Message,
  parseRegistryFiles,
  type KeptAssociations,
  type KeptUnits,
  type RegistryChange,
  type RegistryFile,
} from '../domain/registry.ts';
import type { Localized, RegistryProblem } from '../domain/localized.ts';
import type { Association } from '../domain/types.ts';
import { readWorkbookSheets, WorkbookError } from '../xlsx/read-workbook.ts';
import { conflict, invalid, Invalid, RegistryInvalid, registryInvalid, type Refusal } from './errors.ts';
import { msg } from './messages.ts';
import { assertOpen, wakeAwaitingExecution } from './cycle-state.ts';
import { loadCycle, nowIso } from './common.ts';

const t = (vi: string, en: string): Localized => ({ vi, en });
const csvRequired: Localized = t('Bắt buộc: nội dung tệp CSV (chuỗi văn bản).', 'Required: the CSV file as a text string.');
const workbookRequired: Localized = t('Bắt buộc: tệp Excel .xlsx mã hóa base64 (chuỗi văn bản).', 'Required: the .xlsx workbook, base64-encoded, as a text string.');
const unknownField: Localized = t('Trường không được phép.', 'Unknown field.');

/** The sheets of a registry workbook, each by any of its names (SPEC section 2). */
export const REGISTRY_SHEETS = { units: ['units', 'Đơn vị'], associations: ['associations', 'Hội'] } as const;

export interface ImportResult extends Omit<RegistryChange, 'mustHaveNoReport'> {
  units: number;
  associations: number;
  expected: number;
  unitsAdded: string[];
  unitsRemoved: string[];
  dryRun?: true;
}

/** What the body asks to import: the CSV texts given (one may be left out), or a workbook's bytes. */
type ImportRequest = { csv: { units?: string; associations?: string } } | { workbook: Buffer };

type FileName = RegistryProblem['file'];
type Files = Partial<Record<FileName, RegistryFile>>;

/**
 * The body (SPEC section 7): `{"units": csv, "associations": csv}`, either alone (the other file
 * is kept from the current registry), or `{"workbook": "<base64 .xlsx>"}`. Only its shape is
 * checked here, before the cycle is read; nothing is parsed yet.
 */
function readRequest(body: unknown): ImportRequest {
  // No prototype: a body's field named "__proto__" is named like any other.
  const fields: Record<string, Localized> = Object.create(null) as Record<string, Localized>;
  const refuse = (text: Localized) => invalid(text, fields);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    fields.body = t('Nội dung phải là một đối tượng JSON: {"units", "associations"} hoặc {"workbook"}.', 'The body must be a JSON object: {"units", "associations"} or {"workbook"}.');
    throw refuse(t('Thiếu tệp danh sách.', 'The registry files are missing.'));
  }
  const record = body as Record<string, unknown>;
  for (const key of Object.keys(record)) if (key !== 'units' && key !== 'associations' && key !== 'workbook') fields[key] = unknownField;
  const has = (key: string) => Object.hasOwn(record, key);
  for (const key of ['units', 'associations'] as const) if (has(key) && typeof record[key] !== 'string') fields[key] = csvRequired;
  if (has('workbook') && typeof record.workbook !== 'string') fields.workbook = workbookRequired;
  if (has('workbook') && (has('units') || has('associations'))) {
    fields.workbook = t('Gửi hoặc một tệp Excel (workbook), hoặc các tệp CSV (units, associations), không gửi cả hai.', 'Send either a workbook or the CSV files (units, associations), not both.');
  }
  if (!has('workbook') && !has('units') && !has('associations')) {
    fields.units = csvRequired;
    fields.associations = csvRequired;
  }
  if (Object.keys(fields).length > 0) throw refuse(t('Thiếu tệp danh sách, hoặc nội dung không đúng.', 'The registry files are missing or malformed.'));
  if (has('workbook')) return { workbook: workbookBytes(record.workbook as string) };
  return { csv: { units: record.units as string | undefined, associations: record.associations as string | undefined } };
}

const DATA_URL = /^data:[^,]{0,200};base64,/iu;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/u;

/** The workbook's bytes from its base64 (a data: URL as a browser's FileReader writes it is accepted). */
function workbookBytes(text: string): Buffer {
  const base64 = text.replace(DATA_URL, '').replace(/\s+/gu, '');
  if (base64 === '' || !BASE64.test(base64) || base64.length % 4 === 1) {
    throw invalid(t('Tệp Excel không đọc được.', 'The workbook could not be read.'), {
      workbook: t('Phải là nội dung tệp .xlsx mã hóa base64.', 'Must be the .xlsx file, base64-encoded.'),
    });
  }
  return Buffer.from(base64, 'base64');
}

/** The workbook's two sheets as registry files; a sheet it lacks is left out (kept from the current registry). */
async function workbookFiles(bytes: Buffer): Promise<Files> {
  let sheets;
  try {
    sheets = await readWorkbookSheets(bytes, REGISTRY_SHEETS);
  } catch (error) {
    if (!(error instanceof WorkbookError)) throw error;
    const field =
      error.reason === 'too_large'
        ? t('Tệp Excel giải nén ra quá lớn so với một danh sách đơn vị và hội; hãy kiểm tra lại tệp.', 'The workbook inflates to far more than a registry; check the file.')
        : t(
            'Không đọc được tệp Excel: cần tệp .xlsx (Excel 2007 trở lên, không đặt mật khẩu). Tệp .xls cũ: mở trong Excel, chọn Lưu thành (Save As) → «Sổ làm việc Excel (*.xlsx)».',
            'The workbook could not be read: an .xlsx file is needed (Excel 2007 or later, no password). An old .xls: open it in Excel and Save As → “Excel Workbook (*.xlsx)”.',
          );
    throw invalid(t('Tệp Excel không đọc được.', 'The workbook could not be read.'), { workbook: field });
  }
  const files: Files = {};
  if (sheets.units) files.units = { sheet: sheets.units };
  if (sheets.associations) files.associations = { sheet: sheets.associations };
  if (!files.units && !files.associations) {
    throw registryInvalid(t('Tệp Excel không có trang tính danh sách; chưa nhập gì.', 'The workbook has no registry sheet; nothing was imported.'), [
      {
        file: 'units',
        line: 0,
        message: t(
          'Tệp Excel cần trang tính «Đơn vị» (hoặc «units») và trang tính «Hội» (hoặc «associations»); hãy dùng tệp mẫu, hoặc đổi tên các trang tính cho đúng.',
          'The workbook needs a sheet “Đơn vị” (or “units”) and a sheet “Hội” (or “associations”); use the template, or rename the sheets.',
        ),
      },
    ]);
  }
  return files;
}

function csvFiles(csv: { units?: string; associations?: string }): Files {
  const files: Files = {};
  if (csv.units !== undefined) files.units = { csv: csv.units };
  if (csv.associations !== undefined) files.associations = { csv: csv.associations };
  return files;
}

/** The association as the registry states it, without what a version adds for the year. */
const associationOf = (row: RegistryRow): Association => ({
  code: row.code,
  name: row.name,
  unitCode: row.unitCode,
  special: row.special,
  foundedOn: row.foundedOn,
  dissolvedOn: row.dissolvedOn,
  ...(row.email !== undefined ? { email: row.email } : {}),
  ...(row.phone !== undefined ? { phone: row.phone } : {}),
  ...(row.contact !== undefined ? { contact: row.contact } : {}),
});

/** A file the import did not get, and no current registry to keep it from. */
function missingFile(file: FileName, workbook: boolean): RegistryProblem {
  const vi = file === 'units' ? 'đơn vị' : 'hội';
  const sheetVi = file === 'units' ? '«Đơn vị» (hoặc «units»)' : '«Hội» (hoặc «associations»)';
  return {
    file,
    line: 0,
    message: workbook
      ? t(
          `Tệp Excel không có trang tính ${sheetVi}, và năm này chưa có danh sách ${vi} nào để giữ lại: vui lòng thêm trang tính đó.`,
          `The workbook has no sheet “${file}”, and this year has no ${file} yet to keep: add that sheet.`,
        )
      : t(
          `Thiếu tệp danh sách ${vi} (${file}), và năm này chưa có danh sách ${vi} nào để giữ lại: vui lòng gửi kèm tệp đó.`,
          `The ${file} file is missing, and this year has no ${file} yet to keep: send that file too.`,
        ),
  };
}

/** Each CSV text that holds U+FFFD (what bytes that were not UTF-8 decode to), with its first such line. */
function notUtf8Problems(texts: Partial<Record<FileName, unknown>>): RegistryProblem[] {
  return (['units', 'associations'] as const).flatMap((file) => {
    const text = texts[file];
    const line = typeof text === 'string' ? lineOfReplacement(text) : 0;
    return line > 0 ? [{ file, line, message: notUtf8Message(file, line) }] : [];
  });
}

const notUtf8Text = t('Tệp không phải UTF-8; chưa nhập gì.', 'A file is not UTF-8; nothing was imported.');

/**
 * The refusal of a registry body that is not UTF-8 (the chain hands it over decoded with
 * U+FFFD where bytes did not decode): each CSV text that holds U+FFFD is named, with its first
 * such line and how to save the file as UTF-8. Nothing of it is parsed further or written.
 */
export function registryNotUtf8(lossyBody: unknown): Refusal {
  const problems = typeof lossyBody === 'object' && lossyBody !== null ? notUtf8Problems(lossyBody as Record<string, unknown>) : [];
  if (problems.length > 0) return new RegistryInvalid(notUtf8Text, { problems, extra: { reason: 'not_utf8' } });
  return new Invalid(notUtf8Text, { fields: { body: msg.bodyNotUtf8() }, extra: { reason: 'not_utf8' } });
}

export async function importRegistry(year: number, body: unknown, options: { dryRun?: boolean } = {}): Promise<ImportResult> {
  const request = readRequest(body);
  const cycle = await loadCycle(year);
  assertMayImport(cycle);
  if ('csv' in request) {
    // A CSV that did not decode is said alone, before anything else is read: its other
    // problems would only be what the garbled text makes of it.
    const garbled = notUtf8Problems(request.csv);
    if (garbled.length > 0) throw new RegistryInvalid(notUtf8Text, { problems: garbled, extra: { reason: 'not_utf8' } });
  }
  const files: Files = 'workbook' in request ? await workbookFiles(request.workbook) : csvFiles(request.csv);

  const [currentUnits, currentRows] = await Promise.all([getUnits(year, cycle.registryVersion), getRegistryRows(year, cycle.registryVersion)]);
  const hasCurrent = cycle.registryVersion !== undefined && currentUnits.length > 0;
  const missing = (['units', 'associations'] as const).filter((f) => !files[f] && !hasCurrent);
  if (missing.length > 0) {
    const problems = missing.map((f) => missingFile(f, 'workbook' in request));
    throw registryInvalid(msg.registryInvalid(problems.length), problems);
  }
  const registry = parseRegistryFiles({
    units: files.units ?? ({ kept: currentUnits } satisfies KeptUnits),
    associations: files.associations ?? ({ kept: currentRows.map(associationOf) } satisfies KeptAssociations),
  });
  if (!registry.ok) throw registryInvalid(msg.registryInvalid(registry.problems.length), registry.problems);

  const unitByCode = new Map(registry.units.map((u) => [u.code, u]));
  const rows: RegistryRow[] = registry.associations.map((a) => {
    const unit = unitByCode.get(a.unitCode)!;
    return { ...a, level: unit.level, unitPath: unit.path, ...associationInYear(a, year) };
  });
  const change = diffRegistry(currentRows, rows);
  const result: ImportResult = {
    units: registry.units.length,
    associations: rows.length,
    expected: rows.filter((a) => a.expected).length,
    added: change.added,
    removed: change.removed,
    moved: change.moved,
    renamed: change.renamed,
    ...diffUnits(currentUnits, registry.units),
  };
  // Said at once, before anything is written: the common refusal changes nothing stored.
  await refuseReported(year, change);
  if (options.dryRun) return { ...result, dryRun: true };

  const version = await allocateRegistryVersion(year);
  if (version === null) assertOpen(await loadCycle(year));
  let committed = false;
  try {
    await stageRegistry(year, version!, { units: registry.units, associations: rows });
    const atMs = now().getTime();
    const mark = await takeCommitMark(year, cycle.registryVersion, atMs);
    if (!mark) throw await whyNoMark(year, cycle);
    try {
      // Under the mark no submission commits: what is read here stays true until the switch.
      await refuseReported(year, change);
      committed = await commitRegistryVersion(year, { to: version!, from: cycle.registryVersion, mark, atMs, importedAt: nowIso() });
      if (!committed) throw conflict(msg.importRunning());
    } finally {
      if (!committed) await releaseCommitMark(year, mark);
    }
  } finally {
    if (!committed) await deleteRegistryVersion(year, version!).catch(() => undefined);
  }
  await sweepOldVersions(year, cycle, version!);
  // With an auto-close time, the registry's arrival may be what makes the close due; on a
  // reminder day, what makes the day's reminders possible: the waiting execution looks again
  // now rather than at its next wake-up.
  if (cycle.autoCloseDueMs !== undefined || cycle.config.reminders.daysBefore.length > 0) await wakeAwaitingExecution(year);
  return result;
}

function assertMayImport(cycle: CycleRecord): void {
  assertOpen(cycle);
  if (cycle.reopenedFor !== undefined) throw conflict(msg.importWhileReopened());
  // After the auto-close time the registry is what the close reads; before any registry the
  // import is what lets the overdue close happen at all.
  if (cycle.registryVersion !== undefined && cycle.autoCloseDueMs !== undefined && cycle.autoCloseDueMs <= now().getTime()) {
    throw conflict(msg.autoClosePassed(cycle.year));
  }
}

/** Refuses (409, naming them) when an association the import drops or stops expecting has a report. */
async function refuseReported(year: number, change: RegistryChange): Promise<void> {
  if (change.mustHaveNoReport.length === 0) return;
  const states = await getReportStates(year, change.mustHaveNoReport);
  const removed = new Set(change.removed);
  const reported = [...states.entries()].filter(([, s]) => s.version > 0).map(([code]) => code).sort();
  if (reported.length === 0) return;
  const dropped = reported.filter((c) => removed.has(c));
  const unexpected = reported.filter((c) => !removed.has(c));
  const text = dropped.length > 0 ? msg.registryDropsReported(dropped) : msg.registryUnexpectsReported(unexpected);
  throw conflict(text, { associations: text });
}

/** The commit mark was refused: say why, from what the cycle is now. */
async function whyNoMark(year: number, before: CycleRecord) {
  const current = await loadCycle(year);
  assertMayImport(current);
  if (current.registryVersion !== before.registryVersion) return conflict(msg.importChangedMeanwhile());
  return conflict(msg.importRunning());
}

/**
 * Deletes registry versions no reader can need any more: everything below the version just
 * replaced (kept one import longer for readers that began before the switch), including what a
 * killed import left. Best effort: a leftover version is never read.
 */
async function sweepOldVersions(year: number, before: CycleRecord, committed: number): Promise<void> {
  // Every version below the committed one but the replaced one is dead: a killed import's, or
  // one that lost the switch (its commit needs the version it started from, now gone).
  const from = before.registrySweptFrom ?? 1;
  try {
    for (let v = from; v < committed; v++) if (v !== before.registryVersion) await deleteRegistryVersion(year, v);
    await updateCycle(year, { registrySweptFrom: before.registryVersion ?? committed });
  } catch (error) {
    console.error(JSON.stringify({ level: 'warn', message: 'registry sweep failed', year, error: String(error) }));
  }
}
