// The office's workbook (SPEC section 11), written with exceljs's streaming writer so that a
// province of 50,000 associations fits a Lambda's memory: rows are committed as they are
// written and never held as a sheet model; the report texts arrive a chunk at a time.
//
// - "Tổng hợp": the summary figures (the domain's aggregation, or the published summary);
// - "Đơn vị": completeness per unit, in tree order;
// - "Báo cáo": one row per expected association of the scope, every report field;
// - "Khen thưởng" (after publish): the commended list laid out to print on A4, Times New Roman
//   13, its header row repeated on every printed page.
// Numbers are number cells, dates date cells, yes/no "Có"/"Không"; nothing is a formula (a
// name starting with "=" is a string like any other: exceljs writes strings as strings).
// Columns are sized to what they hold, header rows frozen, filters on.
//
// exceljs is loaded on first use (`await import`), after the caller was authorized.
import { PassThrough } from 'node:stream';
import type { Cell, Row, Worksheet } from 'exceljs';
import { RATING_LABELS, REPORT_FIELD_LABELS } from '../domain/labels.ts';
import type { CommendedItem, Level, Rating, ReportFields, ReportStatus, Summary, UnitRollup } from '../domain/types.ts';
import { SELF_RATINGS } from '../domain/types.ts';

/** The media type of an .xlsx file (one definition, with the lists' workbook writer). */
export { XLSX_TYPE } from '../format/workbook.ts';

/** What a row of "Báo cáo" holds before its texts are read. */
export interface ReportRowBase {
  code: string;
  name: string;
  unitCode: string;
  unitName: string;
  /** "Cấp xã", by the unit's own type */
  levelLabel: string;
  special: boolean;
  isNew: boolean;
  /** YYYY-MM-DD */
  foundedOn: string | null;
  status: ReportStatus | null;
  version: number;
  late: boolean;
  /** ISO timestamps */
  firstSubmittedAt: string | null;
  lastSubmittedAt: string | null;
  figures: Pick<ReportFields, 'members' | 'newMembers' | 'branches' | 'charityEvents' | 'charityFundsVnd' | 'legalEducationSessions'> | null;
  selfRating: Rating | null;
  nominate: boolean | null;
  score: number | null;
  rating: Rating | null;
}

/** The texts of a report's current version, read a chunk of rows at a time. */
export type ReportTexts = Pick<ReportFields, 'achievements' | 'limitations' | 'proposals' | 'submittedBy'>;

export interface WorkbookData {
  year: number;
  /** the name of the scope's root ("Tỉnh Lai Châu", "Huyện Tam Đường") */
  scopeName: string;
  /** where the figures stand ("Kỳ báo cáo đang mở; số liệu đến 14:05 ngày 28/11/2026") */
  state: string;
  summary: Summary;
  /** the levels the scope has, with their labels ("Cấp huyện, thành phố") */
  levels: { level: Level; label: string }[];
  /** tree order; depth 0 for the scope's root */
  units: (UnitRollup & { depth: number; levelLabel: string })[];
  reports: readonly ReportRowBase[];
  /** the texts of the versions of `rows` (those with a version), by code */
  texts: (rows: readonly ReportRowBase[]) => Promise<Map<string, ReportTexts>>;
  /** after publish: the commended list of the scope */
  commended: null | { note: string; items: (CommendedItem & { levelLabel: string })[] };
}

/** Rows read and written at a time: what the streaming keeps in memory at most. */
export const REPORT_CHUNK = 500;

const STATUS_LABELS: Record<ReportStatus | 'missing', string> = {
  submitted: 'Chờ duyệt',
  approved: 'Đã duyệt',
  returned: 'Đã trả lại',
  missing: 'Chưa nộp',
};
const yesNo = (b: boolean | null): string | null => (b === null ? null : b ? 'Có' : 'Không');
const ratingLabel = (r: Rating | null): string | null => (r ? RATING_LABELS[r].vi : null);

/** 2020-01-31 as a date cell's value: the day at midnight (Excel's dates carry no zone). */
function dayValue(ymd: string | null): Date | null {
  if (!ymd) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(ymd);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

/** An instant as the wall-clock time in Việt Nam (UTC+7, no daylight saving), for a date-time cell. */
function vietnamTime(iso: string | null): Date | null {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isFinite(t) ? new Date(t + 7 * 3600_000) : null;
}

/** A figure as a number cell; a sum past 2^53 (an ExactSum string) as its exact digits. */
const figure = (n: number | string): number | string => (typeof n === 'number' ? n : Number.isSafeInteger(Number(n)) ? Number(n) : n);

const DATE_FORMAT = 'dd/mm/yyyy';
const DATE_TIME_FORMAT = 'dd/mm/yyyy hh:mm';
const MONEY_FORMAT = '#,##0';
const PERCENT_FORMAT = '0%';

type Value = string | number | Date | null;

/** The width (in characters) a column needs for its values, within bounds. */
function widthOf(values: Iterable<Value>, header: string, max = 60): number {
  let longest = Math.max(...header.split('\n').map((l) => l.length)) + 2;
  for (const v of values) {
    const len = v === null ? 0 : v instanceof Date ? 16 : typeof v === 'number' ? String(v).length + Math.floor(String(v).length / 3) : v.length;
    if (len + 2 > longest) longest = len + 2;
  }
  return Math.min(max, Math.max(6, longest));
}

const THIN = { style: 'thin' as const };
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function styleHeader(row: Row, font: Partial<Cell['font']> = {}): void {
  row.eachCell((cell) => {
    cell.font = { bold: true, ...font };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    cell.border = BOX;
  });
}

/** Sets each cell's number format where the column's values need one. */
function formatCells(row: Row, formats: readonly (string | undefined)[]): void {
  formats.forEach((f, i) => {
    if (f) row.getCell(i + 1).numFmt = f;
  });
}

// ---------------------------------------------------------------------------------------------
// The sheets

function summarySheet(ws: Worksheet, data: WorkbookData): void {
  const s = data.summary;
  const levels = data.levels;
  const header = ['Chỉ tiêu', 'Tổng số', ...levels.map((l) => l.label)];
  const byLevel = (by: Record<Level, number>): number[] => levels.map((l) => by[l.level]);
  const rows: { label: string; total: number | string; by?: number[]; format?: string }[] = [
    { label: 'Tổ chức Hội phải báo cáo', total: s.associations.total, by: byLevel(s.associations.byLevel) },
    { label: `Trong đó: ${s.specialLabel}`, total: s.associations.special.total, by: byLevel(s.associations.special.byLevel) },
    { label: 'Hội thành lập mới trong năm', total: s.associations.new.total, by: byLevel(s.associations.new.byLevel) },
    { label: 'Hội giải thể trong năm', total: s.associations.dissolved.total, by: byLevel(s.associations.dissolved.byLevel) },
    { label: 'Báo cáo phải nộp', total: s.reports.expected },
    { label: 'Báo cáo đã nộp', total: s.reports.submitted },
    { label: 'Nộp đúng hạn', total: s.reports.onTime },
    { label: 'Nộp muộn', total: s.reports.late },
    { label: 'Báo cáo đã duyệt', total: s.reports.approved },
    { label: 'Báo cáo bị trả lại, chưa nộp lại', total: s.reports.returned },
    { label: 'Hội chưa nộp báo cáo', total: s.reports.missing },
    { label: 'Hội viên (theo các báo cáo đã duyệt)', total: s.figures.members, by: byLevel(s.figures.membersByLevel), format: MONEY_FORMAT },
    { label: REPORT_FIELD_LABELS.newMembers.vi, total: s.figures.newMembers, format: MONEY_FORMAT },
    { label: REPORT_FIELD_LABELS.branches.vi, total: s.figures.branches, format: MONEY_FORMAT },
    { label: REPORT_FIELD_LABELS.charityEvents.vi, total: s.figures.charityEvents, format: MONEY_FORMAT },
    { label: REPORT_FIELD_LABELS.charityFundsVnd.vi, total: figure(s.figures.charityFundsVnd), format: MONEY_FORMAT },
    { label: REPORT_FIELD_LABELS.legalEducationSessions.vi, total: s.figures.legalEducationSessions, format: MONEY_FORMAT },
    ...SELF_RATINGS.map((r) => ({ label: `Xếp loại: ${RATING_LABELS[r].vi}`, total: s.ratings[r].total, by: byLevel(s.ratings[r].byLevel) })),
  ];
  if (data.commended) rows.push({ label: 'Tập thể đề nghị khen thưởng', total: data.commended.items.length });
  if (s.previousYear) {
    rows.push({ label: `Tổ chức Hội năm ${s.previousYear.year}`, total: s.previousYear.associations });
    rows.push({ label: `Hội viên năm ${s.previousYear.year}`, total: s.previousYear.members, format: MONEY_FORMAT });
  }
  ws.columns = [
    { width: widthOf(rows.map((r) => r.label), header[0]!) },
    ...header.slice(1).map((h) => ({ width: widthOf(rows.map((r) => (typeof r.total === 'number' ? r.total : String(r.total))), h, 24) })),
  ];
  const title = ws.addRow([`TỔNG HỢP CÔNG TÁC HỘI QUẦN CHÚNG NĂM ${data.year}`]);
  title.font = { bold: true, size: 14 };
  const where = ws.addRow([`Phạm vi: ${data.scopeName}`]);
  const state = ws.addRow([data.state]);
  state.font = { italic: true };
  state.getCell(1).alignment = { wrapText: true, vertical: 'top' };
  state.height = 32;
  // The lines above the table span it (merged before the streaming writer commits them).
  const last = columnLetter(header.length);
  for (const n of [1, 2, 3]) ws.mergeCells(`A${n}:${last}${n}`);
  for (const row of [title, where, state]) row.commit();
  const head = ws.addRow(header);
  styleHeader(head);
  head.commit();
  for (const r of rows) {
    const row = ws.addRow([r.label, r.total, ...(r.by ?? [])]);
    formatCells(row, [undefined, r.format, ...levels.map(() => r.format)]);
    row.commit();
  }
}

const UNIT_HEADER = ['Mã đơn vị', 'Đơn vị', 'Cấp', 'Phải báo cáo', 'Đã nộp', 'Đã duyệt', 'Bị trả lại', 'Chưa nộp', 'Nộp muộn', 'Tỷ lệ đã duyệt', 'Hội viên'];

function unitsSheet(ws: Worksheet, data: WorkbookData): void {
  const values = data.units.map((u): Value[] => [
    u.code,
    u.name,
    u.levelLabel,
    u.expected,
    u.submitted,
    u.approved,
    u.returned,
    u.missing,
    u.late,
    u.expected > 0 ? u.approved / u.expected : null,
    u.members,
  ]);
  ws.columns = UNIT_HEADER.map((h, i) => ({ width: widthOf(values.map((v) => (i === 1 ? `${'  '.repeat(data.units[0] ? 2 : 0)}${String(v[1])}` : v[i] ?? null)), h, i === 1 ? 60 : 24) }));
  const head = ws.addRow(UNIT_HEADER);
  styleHeader(head);
  head.commit();
  values.forEach((v, i) => {
    const row = ws.addRow(v);
    // The tree shown by indenting each unit under its parent.
    row.getCell(2).alignment = { horizontal: 'left', indent: Math.min(data.units[i]!.depth, 15) };
    formatCells(row, [undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, undefined, PERCENT_FORMAT, MONEY_FORMAT]);
    if (data.units[i]!.depth === 0) row.font = { bold: true };
    row.commit();
  });
}

interface ReportColumn {
  header: string;
  value: (r: ReportRowBase, t: ReportTexts | undefined) => Value;
  format?: string;
  /** a fixed width: the texts are not known before the rows are written */
  width?: number;
}

const FIGURE_KEYS = ['members', 'newMembers', 'branches', 'charityEvents', 'charityFundsVnd', 'legalEducationSessions'] as const;

const REPORT_COLUMNS: ReportColumn[] = [
  { header: 'Mã hội', value: (r) => r.code },
  { header: 'Tên hội', value: (r) => r.name },
  { header: 'Mã đơn vị', value: (r) => r.unitCode },
  { header: 'Đơn vị', value: (r) => r.unitName },
  { header: 'Cấp', value: (r) => r.levelLabel },
  { header: 'Đặc thù', value: (r) => yesNo(r.special) },
  { header: 'Thành lập mới trong năm', value: (r) => yesNo(r.isNew) },
  { header: 'Ngày thành lập', value: (r) => dayValue(r.foundedOn), format: DATE_FORMAT },
  { header: 'Trạng thái', value: (r) => STATUS_LABELS[r.status ?? 'missing'] },
  { header: 'Phiên bản', value: (r) => r.version },
  { header: 'Nộp muộn', value: (r) => (r.version > 0 ? yesNo(r.late) : null) },
  { header: 'Nộp lần đầu', value: (r) => vietnamTime(r.firstSubmittedAt), format: DATE_TIME_FORMAT },
  { header: 'Nộp lần cuối', value: (r) => vietnamTime(r.lastSubmittedAt), format: DATE_TIME_FORMAT },
  ...FIGURE_KEYS.map((k): ReportColumn => ({ header: REPORT_FIELD_LABELS[k].vi, value: (r) => r.figures?.[k] ?? null, format: k === 'charityFundsVnd' ? MONEY_FORMAT : undefined })),
  { header: REPORT_FIELD_LABELS.selfRating.vi, value: (r) => ratingLabel(r.selfRating) },
  { header: REPORT_FIELD_LABELS.nominate.vi, value: (r) => (r.version > 0 ? yesNo(r.nominate) : null) },
  { header: REPORT_FIELD_LABELS.achievements.vi, value: (_r, t) => t?.achievements || null, width: 50 },
  { header: REPORT_FIELD_LABELS.limitations.vi, value: (_r, t) => t?.limitations || null, width: 50 },
  { header: REPORT_FIELD_LABELS.proposals.vi, value: (_r, t) => t?.proposals || null, width: 50 },
  { header: REPORT_FIELD_LABELS.submittedBy.vi, value: (_r, t) => t?.submittedBy || null, width: 30 },
  { header: 'Điểm', value: (r) => r.score },
  { header: 'Xếp loại (kết quả duyệt)', value: (r) => ratingLabel(r.rating) },
];

/** "A", "B", … "AA": the column letters of a range. */
function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

async function reportsSheet(ws: Worksheet, data: WorkbookData): Promise<void> {
  ws.columns = REPORT_COLUMNS.map((c) => ({ width: c.width ?? widthOf(data.reports.map((r) => c.value(r, undefined)), c.header, 60) }));
  const head = ws.addRow(REPORT_COLUMNS.map((c) => c.header));
  styleHeader(head);
  head.commit();
  const formats = REPORT_COLUMNS.map((c) => c.format);
  for (let i = 0; i < data.reports.length; i += REPORT_CHUNK) {
    const chunk = data.reports.slice(i, i + REPORT_CHUNK);
    const texts = await data.texts(chunk.filter((r) => r.version > 0));
    for (const r of chunk) {
      const t = texts.get(r.code);
      const row = ws.addRow(REPORT_COLUMNS.map((c) => c.value(r, t)));
      formatCells(row, formats);
      row.commit();
    }
  }
}

/** How many lines `text` wraps to at `perLine` characters, breaking between words. */
function wrappedLines(text: string, perLine: number): number {
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/u)) {
    const len = [...word].length;
    if (used > 0 && used + 1 + len > perLine) {
      lines += 1;
      used = 0;
    }
    used += (used > 0 ? 1 : 0) + len;
    if (used > perLine) {
      lines += Math.floor(used / perLine);
      used %= perLine;
    }
  }
  return lines;
}

const COMMENDED_HEADER = ['STT', 'Mã', 'Tên tập thể', 'Địa phương', 'Cấp', 'Điểm', 'Hình thức khen thưởng'];

function commendedSheet(ws: Worksheet, data: WorkbookData, commended: NonNullable<WorkbookData['commended']>): void {
  const font = { name: 'Times New Roman', size: 13 };
  const values = commended.items.map((c, i): Value[] => [i + 1, c.association, c.name, c.unitName, c.levelLabel, c.score, c.award]);
  // Sized to the content, within what the width of an A4 page holds at about 13 pt (the cells wrap).
  const caps = [5, 20, 26, 16, 13, 6, 24];
  const widths = COMMENDED_HEADER.map((h, i) => Math.min(caps[i]!, widthOf(values.map((v) => v[i] ?? null), h)));
  // Codes are capitals and digits, wider in Times New Roman than the unit of width: a quarter more.
  widths[1] = Math.min(caps[1]!, Math.max(widths[1]!, Math.ceil(Math.max(0, ...commended.items.map((c) => c.association.length)) * 1.25) + 2));
  ws.columns = widths.map((width) => ({ width }));
  // A row as tall as its most wrapped cell: spreadsheets do not fit a written row's height to
  // its text by themselves. About 1.2 characters of Times New Roman 13 to a unit of width.
  const heightOf = (v: Value[]): number => {
    const lines = Math.max(1, ...v.map((cell, i) => (typeof cell === 'string' ? wrappedLines(cell, Math.floor(widths[i]! * 1.2) - 1) : 1)));
    return Math.ceil(lines * 17 + 4);
  };
  const last = columnLetter(COMMENDED_HEADER.length);
  const title = ws.addRow(['DANH SÁCH TẬP THỂ ĐỀ NGHỊ KHEN THƯỞNG']);
  title.getCell(1).font = { ...font, bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center' };
  const subtitle = ws.addRow([`Công tác Hội quần chúng năm ${data.year}`]);
  subtitle.getCell(1).font = { ...font, bold: true };
  subtitle.getCell(1).alignment = { horizontal: 'center' };
  const note = ws.addRow([commended.note]);
  note.getCell(1).font = { ...font, italic: true };
  note.getCell(1).alignment = { horizontal: 'center', wrapText: true };
  note.height = 36;
  // The title rows span the table (merged before the streaming writer commits them).
  for (const n of [1, 2, 3]) ws.mergeCells(`A${n}:${last}${n}`);
  for (const row of [title, subtitle, note]) row.commit();
  const head = ws.addRow(COMMENDED_HEADER);
  head.height = heightOf(COMMENDED_HEADER);
  styleHeader(head, font);
  head.commit();
  for (const v of values) {
    const row = ws.addRow(v);
    row.height = heightOf(v);
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cell.font = font;
      cell.border = BOX;
      // A code is never wrapped (it would break at its hyphens); names, places and awards wrap.
      cell.alignment = { vertical: 'middle', wrapText: col !== 2, horizontal: col === 1 || col === 6 ? 'center' : 'left' };
    });
    row.commit();
  }
}

// ---------------------------------------------------------------------------------------------

/** The sheets' names (Excel: at most 31 characters, none of : \ / ? * [ ]). */
export const SHEETS = { summary: 'Tổng hợp', units: 'Đơn vị', reports: 'Báo cáo', commended: 'Khen thưởng' } as const;

/** Writes the workbook; answers its bytes. */
export async function writeWorkbook(data: WorkbookData): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const at = new Date(Date.UTC(data.year, 11, 31));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: true });
  wb.creator = 'Tổng kết';
  wb.title = `Tổng hợp công tác Hội quần chúng năm ${data.year}`;
  wb.created = at;
  wb.modified = at;

  const frozen = (rows: number) => [{ state: 'frozen' as const, ySplit: rows, xSplit: 0 }];
  // Each sheet prints on A4: the summary and the units fitted to the page's width, the reports across.
  const a4 = (orientation: 'portrait' | 'landscape', fit: boolean) => ({
    paperSize: 9,
    orientation,
    ...(fit ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : {}),
    margins: { top: 0.79, bottom: 0.79, left: 0.79, right: 0.59, header: 0.3, footer: 0.3 },
  });
  const summary = wb.addWorksheet(SHEETS.summary, { views: frozen(4), pageSetup: a4('portrait', true) });
  summary.autoFilter = `A4:${columnLetter(2 + data.levels.length)}4`;
  summarySheet(summary, data);
  summary.commit();

  const units = wb.addWorksheet(SHEETS.units, { views: frozen(1), pageSetup: { ...a4('portrait', true), printTitlesRow: '1:1' } });
  units.autoFilter = `A1:${columnLetter(UNIT_HEADER.length)}1`;
  unitsSheet(units, data);
  units.commit();

  const reports = wb.addWorksheet(SHEETS.reports, { views: frozen(1), pageSetup: { ...a4('landscape', false), printTitlesRow: '1:1' } });
  reports.autoFilter = `A1:${columnLetter(REPORT_COLUMNS.length)}1`;
  await reportsSheet(reports, data);
  reports.commit();

  if (data.commended) {
    const sheet = wb.addWorksheet(SHEETS.commended, {
      views: [{ state: 'frozen', ySplit: 4, xSplit: 0, showGridLines: false }],
      pageSetup: {
        paperSize: 9, // A4
        orientation: 'portrait',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: '4:4',
        horizontalCentered: true,
        // inches: 20 mm top and bottom, 30 mm left, 15 mm right, as the report's pages
        margins: { top: 0.79, bottom: 0.79, left: 1.18, right: 0.59, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: '&C&"Times New Roman"&11Trang &P/&N' },
    });
    sheet.autoFilter = `A4:${columnLetter(COMMENDED_HEADER.length)}4`;
    commendedSheet(sheet, data, data.commended);
    sheet.commit();
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
