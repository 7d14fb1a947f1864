// The registry of a cycle (SPEC section 2): units.csv and associations.csv read, checked and
// turned into Units and Associations. Pure: no I/O, so the API, the CLI and the tests share it.
import { parse } from 'csv-parse/sync';
import type { Localized, RegistryProblem } from './localized.ts';
import { findInvisible, hasVisible } from './invisible.ts';
import { UNIT_TYPE_WORDS, unitTypeFromName } from './labels.ts';
import { UNIT_TYPES } from './types.ts';
import { UNIT_TYPE_LEVELS } from './unit-type.ts';
import type { Association, AssociationInYear, Level, Unit, UnitType } from './types.ts';

export const UNIT_COLUMNS = ['code', 'name', 'level', 'parent_code'] as const;
/** Columns units.csv may add to UNIT_COLUMNS: `type`, read from the name when absent. */
export const UNIT_OPTIONAL_COLUMNS = ['type'] as const;
export const ASSOCIATION_COLUMNS = ['code', 'name', 'unit_code', 'special', 'founded_on', 'dissolved_on'] as const;
/** Columns associations.csv may add: the contact for reminders and for reviewers (SPEC sections 2 and 3). */
export const ASSOCIATION_OPTIONAL_COLUMNS = ['email', 'phone', 'contact'] as const;

/**
 * The Vietnamese header of each column (SPEC section 2), as offices that work in Excel write
 * it. A header is matched in NFC, whatever its case and the spaces around or inside it; a file
 * may mix both languages as long as each column is given once.
 */
export const UNIT_COLUMNS_VI: Readonly<Record<(typeof UNIT_COLUMNS)[number] | (typeof UNIT_OPTIONAL_COLUMNS)[number], string>> = {
  code: 'mã',
  name: 'tên',
  level: 'cấp',
  parent_code: 'mã đơn vị cha',
  type: 'loại',
};
export const ASSOCIATION_COLUMNS_VI: Readonly<Record<(typeof ASSOCIATION_COLUMNS)[number] | (typeof ASSOCIATION_OPTIONAL_COLUMNS)[number], string>> = {
  code: 'mã',
  name: 'tên',
  unit_code: 'mã đơn vị',
  special: 'đặc thù',
  founded_on: 'ngày thành lập',
  dissolved_on: 'ngày giải thể',
  email: 'email',
  phone: 'điện thoại',
  contact: 'người liên hệ',
};
/** Other ways of writing a header that mean one column beyond doubt. */
const HEADER_SYNONYMS: Readonly<Record<string, string>> = { 'số điện thoại': 'phone', 'e-mail': 'email' };

/** A header or a word of a cell as it is compared: NFC, lower case, spaces folded. */
export const foldWord = (text: string): string => text.normalize('NFC').trim().toLocaleLowerCase('vi').replace(/\s+/gu, ' ');

/** The level cell: the SPEC's words, and the Vietnamese ones (tỉnh/huyện/xã, also "cấp tỉnh"…). */
const LEVEL_WORDS: Readonly<Record<string, Level>> = {
  province: 'province',
  district: 'district',
  commune: 'commune',
  'tỉnh': 'province',
  'huyện': 'district',
  'xã': 'commune',
  'cấp tỉnh': 'province',
  'cấp huyện': 'district',
  'cấp xã': 'commune',
};
/** The type cell: a type's code (thi_xa) or its word as names write it (Thị xã). */
const TYPE_WORDS: Readonly<Record<string, UnitType>> = Object.fromEntries([
  ...UNIT_TYPES.map((type) => [type, type] as const),
  ...Object.entries(UNIT_TYPE_WORDS).map(([type, word]) => [foldWord(word), type as UnitType] as const),
]);
/** The special cell: true/false, có/không. */
const SPECIAL_WORDS: Readonly<Record<string, boolean>> = { true: true, false: false, 'có': true, 'không': false };
export const MAX_CONTACT_LENGTH = 120;

/** An address a mail server takes: one @, a dotted domain, no spaces; 254 characters at most (RFC 5321). */
const EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:.]{2,}$/u;
/** A telephone number as people write it: digits, spaces, + ( ) - . ; 6 to 15 digits. */
const PHONE = /^\+?[0-9 ().-]{6,24}$/u;

/** Checking stops at this many problems: a file with more needs fixing as a whole anyway. */
export const MAX_PROBLEMS = 200;
export const MAX_NAME_LENGTH = 300;
/**
 * Row caps. Vietnam had about 10,600 communes before the 2025 merger and the largest province
 * about 600; a province's associations run to a few thousand (the Lai Châu demo has ~700, the
 * benchmarks 10,000–50,000). 200,000 associations is four times the largest size benchmarked
 * and twenty times a large province, yet bounds an import (parse, check, write) to seconds; a
 * file past it is a mistake (a national file, a file concatenated with itself), not a province.
 */
export const MAX_UNITS = 20_000;
export const MAX_ASSOCIATIONS = 200_000;
/**
 * Characters in one record: the longest valid row (a 300-character name and its codes and
 * dates) is under 500. csv-parse stops at this size instead of building a 16 MB cell.
 */
export const MAX_RECORD_CHARS = 4096;

export const SPECIAL_LABEL_UNTIL_2024 = 'hội có tính chất đặc thù';
export const SPECIAL_LABEL_FROM_2025 = 'hội do Đảng, Nhà nước giao nhiệm vụ';

export type RegistryResult =
  | { ok: true; units: Unit[]; associations: Association[] }
  | { ok: false; problems: RegistryProblem[] };

type FileName = RegistryProblem['file'];

const CODE = /^[A-Za-z0-9_-]{1,40}$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Line and paragraph separators break a name across lines as surely as \n does.
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const LEVEL_RANK: Record<Level, number> = { province: 0, district: 1, commune: 2 };
const LEVEL_VI: Record<Level, string> = { province: 'tỉnh', district: 'huyện', commune: 'xã' };

/** The type word as the name writes it ("Thị xã" of "Thị xã Mường Lay"): lower-casing keeps the length of Vietnamese letters. */
const typeWordOf = (name: string, type: UnitType): string => name.slice(0, UNIT_TYPE_WORDS[type].length);

const TYPE_NAME_WORDS = 'Tỉnh, Thành phố, Huyện, Quận, Thị xã, Xã, Phường, Thị trấn, Đặc khu';

const t = (vi: string, en: string): Localized => ({ vi, en });

/** User text quoted in a message: short, and on one line, whatever the cell held. */
function show(value: string): string {
  const chars = [...value];
  const cut = chars.length > 60 ? `${chars.slice(0, 60).join('')}…` : value;
  return `"${cut.replace(/[\p{Cc}\u2028\u2029]/gu, '\uFFFD')}"`;
}

const clean = (cell: string): string => cell.normalize('NFC').trim();

const DMY_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;

/**
 * A date as the registry takes it, `YYYY-MM-DD` or the Vietnamese `dd/mm/yyyy` (also `d/m/yyyy`),
 * as `YYYY-MM-DD` when it is a real date; else null.
 */
export function readDate(value: string): string | null {
  const iso = ISO_DATE.exec(value);
  const dmy = iso ? null : DMY_DATE.exec(value);
  const parts = iso ? [iso[1], iso[2], iso[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : null;
  if (!parts) return null;
  const year = Number(parts[0]);
  const month = Number(parts[1]);
  const day = Number(parts[2]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (year < 1 || days === undefined || day < 1 || day > days) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** One row of a file as read: the line it starts on and its cells, cleaned. */
export interface SheetRow {
  /** the line in the file (a CSV's line, a sheet's row number) */
  line: number;
  cells: string[];
}

type Row = SheetRow;

/**
 * One file of the registry as the import received it: a CSV text, or the rows of a workbook's
 * sheet (header first; each row's line is its row number in the sheet, cells as text).
 */
export type RegistryFile = { csv: string } | { sheet: readonly SheetRow[] };

interface Table {
  /** index of each expected column in the file's header */
  col: Map<string, number>;
  /** the header of each column as the file writes it, for the messages */
  label: Map<string, string>;
  /** cells in the header, extra columns included */
  width: number;
  /** the file's form, for the messages that differ (a CSV's quoting) */
  form: 'csv' | 'sheet';
}

/** A column as the messages name it: as the file's header writes it. */
const colOf = (table: Table | null, name: string): string => `"${table?.label.get(name) ?? name}"`;

/** Thrown to stop reading both files: the MAX_PROBLEMS-th problem, or a file past its row cap. */
class StopChecking extends Error {
  constructor(readonly reason: 'problems' | 'rows') {
    super(`registry check stopped: ${reason}`);
  }
}

/** Thrown to stop reading one file whose header makes its rows meaningless. */
class StopFile extends Error {}

class Problems {
  readonly list: RegistryProblem[] = [];
  add(file: FileName, line: number, message: Localized): void {
    this.list.push({ file, line, message });
    if (this.list.length >= MAX_PROBLEMS) throw new StopChecking('problems');
  }
}

function csvErrorMessage(code: unknown): Localized {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return t('Lỗi CSV: dấu ngoặc kép mở ở dòng này không được đóng.', 'CSV error: a quote opened on this line is never closed.');
    case 'INVALID_OPENING_QUOTE':
      return t(
        'Lỗi CSV: dấu ngoặc kép giữa ô; ô có dấu ngoặc kép phải được bọc cả trong ngoặc kép và viết "" thay cho ".',
        'CSV error: a quote inside a cell; such a cell must be quoted as a whole, with "" for ".',
      );
    case 'CSV_MAX_RECORD_SIZE':
      return t(
        `Dòng dài quá ${MAX_RECORD_CHARS} ký tự (thường do thiếu dấu ngoặc kép đóng, hoặc một ô quá dài); chưa đọc tiếp.`,
        `The row is longer than ${MAX_RECORD_CHARS} characters (usually a closing quote is missing, or a cell is far too long); reading stopped there.`,
      );
    case 'CSV_INVALID_CLOSING_QUOTE':
      return t(
        'Lỗi CSV: có ký tự ngay sau dấu ngoặc kép đóng (thiếu dấu phẩy, hoặc cần viết "" thay cho ").',
        'CSV error: a character right after a closing quote (a missing comma, or " written instead of "").',
      );
    default:
      return t('Lỗi CSV: không đọc được dòng này.', 'CSV error: this line could not be read.');
  }
}

const BREAK = /\r\n|\r|\n/g;

/** How many lines of the file a record takes. */
function linesOf(cells: readonly string[]): number {
  let lines = 1;
  for (const cell of cells) {
    if (cell.includes('\n') || cell.includes('\r')) lines += cell.match(BREAK)?.length ?? 0;
  }
  return lines;
}

/** What a file's header may hold: its columns, the optional ones, and every header meaning each. */
interface Columns {
  required: readonly string[];
  optional: readonly string[];
  /** folded header (foldWord) → column */
  headers: ReadonlyMap<string, string>;
  /** the Vietnamese header of each column, for the messages */
  vi: Readonly<Record<string, string>>;
}

function columnsOf(required: readonly string[], optional: readonly string[], vi: Readonly<Record<string, string>>): Columns {
  const headers = new Map<string, string>();
  for (const column of [...required, ...optional]) {
    headers.set(column, column);
    headers.set(foldWord(vi[column] ?? column), column);
  }
  for (const [header, column] of Object.entries(HEADER_SYNONYMS)) if (headers.has(column)) headers.set(header, column);
  return { required, optional, headers, vi };
}

const UNIT_FILE = columnsOf(UNIT_COLUMNS, UNIT_OPTIONAL_COLUMNS, UNIT_COLUMNS_VI);
const ASSOCIATION_FILE = columnsOf(ASSOCIATION_COLUMNS, ASSOCIATION_OPTIONAL_COLUMNS, ASSOCIATION_COLUMNS_VI);

/** Where U+FFFD first stands in a text, as a line (line breaks before it, a CRLF counting once), or 0 when nowhere. */
export function lineOfReplacement(text: string): number {
  const at = text.indexOf('\uFFFD');
  if (at < 0) return 0;
  return 1 + (text.slice(0, at).match(BREAK)?.length ?? 0);
}

const FILE_VI: Record<FileName, string> = { units: 'đơn vị (units)', associations: 'hội (associations)' };

/**
 * The file did not decode as UTF-8 (U+FFFD stands where its bytes did not): what Excel's
 * "CSV (Comma delimited)" writes on a Vietnamese Windows (Windows-1258). Said with the way to
 * save it right; nothing of such a text is ever written.
 */
export function notUtf8Message(file: FileName, line: number): Localized {
  const whereVi = line > 0 ? ` (dòng ${line} có ký tự không đọc được)` : '';
  const whereEn = line > 0 ? ` (line ${line} holds characters that could not be read)` : '';
  return t(
    `Tệp danh sách ${FILE_VI[file]} không phải UTF-8${whereVi}, nên chưa nhập gì. Lưu dạng CSV UTF-8 (*.csv): trong Excel chọn Lưu thành (Save As) → «CSV UTF-8 (Comma delimited) (*.csv)», rồi gửi lại tệp.`,
    `The ${file} file is not UTF-8${whereEn}, so nothing was imported. Save it as CSV UTF-8: in Excel choose Save As → “CSV UTF-8 (Comma delimited) (*.csv)”, then send the file again.`,
  );
}

/**
 * Reads one file record by record, handing each data row (which knows the line it starts on)
 * to `onRow` as soon as it is read, so that checking can stop at the MAX_PROBLEMS-th problem or
 * past `maxRows` without reading, or keeping, the rest. Returns the header, or null when the
 * rows cannot be trusted (not UTF-8, bad CSV, or a column missing); the problems say why.
 */
function readTable(
  file: FileName,
  source: RegistryFile,
  columns: Columns,
  maxRows: number,
  problems: Problems,
  onRow: (row: Row, table: Table) => void,
): Table | null {
  const form = 'csv' in source ? 'csv' : 'sheet';
  // Every line, blank ones included, comes out as one record, so a record's line is the count
  // of records and of line breaks inside quoted cells before it. csv-parse's own line count is
  // not used: it counts a CRLF inside a quoted cell twice.
  const state: { line: number; table: Table | null; rows: number } = { line: 1, table: null, rows: 0 };
  const onCells = (line: number, cells: string[]): void => {
    // A line of spaces is as blank as an empty one; so is a sheet's row of empty cells.
    if (cells.every((cell) => cell.trim() === '')) return;
    const row: Row = { line, cells: cells.map(clean) };
    if (!state.table) {
      state.table = readHeader(file, row, columns, form, problems);
      if (!state.table) throw new StopFile();
      return;
    }
    if (++state.rows > maxRows) {
      problems.add(
        file,
        line,
        t(
          `Tệp có hơn ${maxRows.toLocaleString('vi-VN')} dòng, quá giới hạn của một tỉnh; hãy kiểm tra lại tệp.`,
          `The file has more than ${maxRows.toLocaleString('en-US')} rows, past the limit for a province; check the file.`,
        ),
      );
      throw new StopChecking('rows');
    }
    const { width } = state.table;
    // A sheet's row ends at its last cell with something in it: shorter rows are complete.
    if (form === 'sheet' && row.cells.length < width) row.cells.push(...Array<string>(width - row.cells.length).fill(''));
    if (row.cells.length !== width) {
      problems.add(
        file,
        row.line,
        form === 'csv'
          ? t(
              `Dòng có ${row.cells.length} ô nhưng tiêu đề có ${width} cột (ô chứa dấu phẩy phải đặt trong ngoặc kép).`,
              `The row has ${row.cells.length} cells but the header has ${width} columns (a cell with a comma must be quoted).`,
            )
          : t(
              `Dòng có ô ở cột thứ ${row.cells.length} nhưng tiêu đề chỉ có ${width} cột; hãy xóa ô thừa hoặc thêm tiêu đề cho cột đó.`,
              `The row has a cell in column ${row.cells.length} but the header has only ${width} columns; delete the stray cell or give its column a header.`,
            ),
      );
    }
    const garbled = row.cells.findIndex((cell) => cell.includes('\uFFFD'));
    if (garbled >= 0) {
      // A CSV with U+FFFD is refused whole, before this; a workbook's cell holds it only when the
      // text was garbled before it was pasted in.
      problems.add(
        file,
        row.line,
        t(
          `Ô ở cột thứ ${garbled + 1} có ký tự không đọc được (\uFFFD): văn bản đã bị hỏng mã hóa trước khi vào tệp; vui lòng gõ lại.`,
          `The cell in column ${garbled + 1} holds a character that could not be read (\uFFFD): the text was garbled before it reached the file; please type it again.`,
        ),
      );
      return;
    }
    onRow(row, state.table);
  };
  try {
    if ('csv' in source) {
      const bad = lineOfReplacement(source.csv);
      if (bad > 0) {
        problems.add(file, bad, notUtf8Message(file, bad));
        return null;
      }
      parse(source.csv, {
        bom: true,
        skip_empty_lines: false,
        relax_column_count: true,
        // Files edited by hand mix line endings; any of them ends a record.
        record_delimiter: ['\r\n', '\n', '\r'],
        max_record_size: MAX_RECORD_CHARS,
        on_record: (cells: string[]) => {
          const line = state.line;
          state.line += linesOf(cells);
          onCells(line, cells);
          return null;
        },
      });
    } else {
      for (const row of source.sheet) {
        state.line = row.line;
        onCells(row.line, row.cells);
      }
    }
  } catch (error) {
    if (error instanceof StopFile) return null;
    if (error instanceof StopChecking) throw error;
    if (!('csv' in source)) throw error;
    // The broken record starts on the line after the records read so far.
    problems.add(file, state.line, csvErrorMessage((error as { code?: unknown }).code));
    return null;
  }
  if (!state.table) {
    const list = columns.required.join(', ');
    const listVi = columns.required.map((c) => columns.vi[c] ?? c).join(', ');
    problems.add(
      file,
      1,
      form === 'csv'
        ? t(`Tệp rỗng: thiếu dòng tiêu đề (${list}; hoặc ${listVi}).`, `Empty file: the header row (${list}) is missing.`)
        : t(`Trang tính trống: thiếu dòng tiêu đề (${listVi}; hoặc ${list}).`, `Empty sheet: the header row (${list}) is missing.`),
    );
  }
  return state.table;
}

/**
 * The header row: the index of each column present, or null when a required one is missing.
 * The accepted sets are the required columns, with or without any of the optional ones, each
 * named in English or in Vietnamese.
 */
function readHeader(file: FileName, header: Row, columns: Columns, form: Table['form'], problems: Problems): Table | null {
  const col = new Map<string, number>();
  const label = new Map<string, string>();
  const { required, optional } = columns;
  const vi = (list: readonly string[]) => list.map((c) => columns.vi[c] ?? c).join(', ');
  const allowedVi =
    optional.length === 0 ? `${required.join(', ')} (hoặc ${vi(required)})` : `${required.join(', ')} (và ${optional.join(', ')}, không bắt buộc); hoặc bằng tiếng Việt: ${vi(required)} (và ${vi(optional)})`;
  const allowedEn = optional.length === 0 ? required.join(', ') : `${required.join(', ')} (and optionally ${optional.join(', ')}); or in Vietnamese: ${vi(required)} (and ${vi(optional)})`;
  header.cells.forEach((cell, i) => {
    const name = columns.headers.get(foldWord(cell));
    if (name === undefined) {
      problems.add(
        file,
        header.line,
        t(`Cột thừa ${show(cell)} (cột thứ ${i + 1}); chỉ được có: ${allowedVi}.`, `Unexpected column ${show(cell)} (column ${i + 1}); the columns are: ${allowedEn}.`),
      );
    } else if (col.has(name)) {
      const first = label.get(name) ?? name;
      problems.add(
        file,
        header.line,
        foldWord(first) === foldWord(cell)
          ? t(`Cột ${show(cell)} xuất hiện hai lần.`, `Column ${show(cell)} appears twice.`)
          : t(`Cột ${show(cell)} và cột ${show(first)} là cùng một cột (${name}); chỉ giữ một.`, `Columns ${show(cell)} and ${show(first)} are the same column (${name}); keep one.`),
      );
    } else {
      col.set(name, i);
      label.set(name, cell);
    }
  });
  const missing = required.filter((c) => !col.has(c));
  for (const name of missing) {
    problems.add(file, header.line, t(`Thiếu cột "${name}" (hoặc "${columns.vi[name] ?? name}").`, `Missing column "${name}" (or "${columns.vi[name] ?? name}").`));
  }
  if (missing.length > 0) return null;
  return { col, label, width: header.cells.length, form };
}

/** Reads cells by column name; the header check guarantees every required column exists, an optional one absent reads as ''. */
function cellNamed(table: Table, row: Row, name: string): string {
  return row.cells[table.col.get(name) ?? -1] ?? '';
}

function checkCode(file: FileName, line: number, column: string, value: string, problems: Problems): boolean {
  if (value === '') {
    problems.add(file, line, t(`Cột ${column} trống.`, `Column ${column} is empty.`));
    return false;
  }
  if (!CODE.test(value)) {
    problems.add(
      file,
      line,
      t(
        `Mã ${show(value)} ở cột ${column} không hợp lệ: chỉ gồm chữ cái không dấu, chữ số, "_", "-", tối đa 40 ký tự.`,
        `Invalid code ${show(value)} in column ${column}: letters A–Z, digits, "_" and "-" only, at most 40 characters.`,
      ),
    );
    return false;
  }
  return true;
}

/** Checks a one-line text (a name, a contact person); false when a problem was reported. `required`: empty is a problem. */
function checkText(file: FileName, line: number, column: string, value: string, maxLength: number, problems: Problems, required = true): boolean {
  if (value === '') {
    if (required) problems.add(file, line, t(`Cột ${column} trống.`, `Column ${column} is empty.`));
    return !required;
  }
  // UTF-16 length bounds the character count from above, so most names skip the exact count.
  const length = value.length <= maxLength ? value.length : [...value].length;
  let ok = true;
  if (length > maxLength) {
    ok = false;
    problems.add(file, line, t(`Cột ${column} dài ${length} ký tự, tối đa ${maxLength}.`, `Column ${column} has ${length} characters, at most ${maxLength}.`));
  }
  if (CONTROL.test(value)) {
    problems.add(
      file,
      line,
      t(`Cột ${column} chứa ký tự điều khiển (ví dụ xuống dòng, tab).`, `Column ${column} contains a control character (e.g. a line break or a tab).`),
    );
    return false;
  }
  // The rule of report text (./invisible.ts): a name that reads differently than it is stored
  // would make two associations look alike, or one look like another.
  const invisible = findInvisible(value);
  if (invisible) {
    ok = false;
    problems.add(
      file,
      line,
      invisible.kind === 'bidi'
        ? t(
            `Cột ${column} chứa ký tự ẩn đảo chiều chữ ${invisible.codePoint} (ở ký tự thứ ${invisible.position}); hãy gõ lại.`,
            `Column ${column} contains a hidden text-direction control ${invisible.codePoint} (character ${invisible.position}); retype it.`,
          )
        : t(
            `Cột ${column} chứa ký tự vô hình ${invisible.codePoint} (ở ký tự thứ ${invisible.position}), ví dụ khoảng trắng độ rộng 0; hãy gõ lại.`,
            `Column ${column} contains an invisible character ${invisible.codePoint} (character ${invisible.position}), e.g. a zero-width space; retype it.`,
          ),
    );
  } else if (!hasVisible(value)) {
    ok = false;
    problems.add(file, line, t(`Cột ${column} không có chữ nào nhìn thấy được.`, `Column ${column} has no visible character.`));
  }
  return ok;
}

/** The date of a cell as YYYY-MM-DD, or null with the problem reported. */
function checkDate(file: FileName, line: number, column: string, value: string, problems: Problems): string | null {
  const date = readDate(value);
  if (date !== null) return date;
  problems.add(
    file,
    line,
    value === ''
      ? t(`Cột ${column} trống.`, `Column ${column} is empty.`)
      : t(
          `Ngày ${show(value)} ở cột ${column} không hợp lệ: cần một ngày có thật, dạng dd/mm/yyyy (ví dụ 15/03/2010) hoặc YYYY-MM-DD.`,
          `Invalid date ${show(value)} in column ${column}: a real date as dd/mm/yyyy (e.g. 15/03/2010) or YYYY-MM-DD is expected.`,
        ),
  );
  return null;
}

/** A unit row as read, kept even when parts of it are wrong so that rows naming it are judged fairly. */
interface UnitDraft {
  line: number;
  code: string;
  name: string;
  level: Level | null;
  type: UnitType | null;
  parentCode: string | null;
}

/**
 * The unit's type: the `type` cell when given (a code, or the word names write), else the word
 * its name starts with. Reports an unknown value, a name that says no type when the cell is
 * empty, and a type its level cannot have; the type is returned even then, so that the row is
 * judged on the rest.
 */
function checkUnitType(line: number, table: Table, typeText: string, name: string, nameOk: boolean, level: Level | null, problems: Problems): UnitType | null {
  const typeCol = colOf(table, 'type');
  const levelCol = colOf(table, 'level');
  let type: UnitType | null;
  if (typeText !== '') {
    type = TYPE_WORDS[foldWord(typeText)] ?? null;
    if (type === null) {
      problems.add(
        'units',
        line,
        t(
          `Loại đơn vị ${show(typeText)} ở cột ${typeCol} không hợp lệ: phải là ${UNIT_TYPES.join(', ')} (hoặc ${TYPE_NAME_WORDS}).`,
          `Invalid unit type ${show(typeText)} in column ${typeCol}: one of ${UNIT_TYPES.join(', ')} (or ${TYPE_NAME_WORDS}).`,
        ),
      );
      return null;
    }
  } else {
    type = unitTypeFromName(name);
    // A name with a problem of its own (empty, a tab…) is reported already; that it names no type adds nothing.
    if (type === null && nameOk) {
      problems.add(
        'units',
        line,
        t(
          `Tên ${show(name)} không bắt đầu bằng loại đơn vị (${TYPE_NAME_WORDS}): hãy ghi loại ở cột "type" hoặc "loại" (${UNIT_TYPES.join(', ')}, hoặc ${TYPE_NAME_WORDS}).`,
          `The name ${show(name)} does not start with a unit type (${TYPE_NAME_WORDS}): write the type in column "type" (${UNIT_TYPES.join(', ')}).`,
        ),
      );
      return null;
    }
  }
  if (type !== null && level !== null && !UNIT_TYPE_LEVELS[type].includes(level)) {
    const levels = UNIT_TYPE_LEVELS[type];
    const source =
      typeText === ''
        ? t(`Tên bắt đầu bằng ${show(typeWordOf(name, type))} (loại ${type}, cột ${typeCol} để trống)`, `The name starts with ${show(typeWordOf(name, type))} (type ${type}; column ${typeCol} is empty)`)
        : t(`Loại ${type} ở cột ${typeCol}`, `Type ${type} in column ${typeCol}`);
    problems.add(
      'units',
      line,
      t(
        `${source.vi} chỉ dùng cho cấp ${levels.map((l) => LEVEL_VI[l]).join(' hoặc ')} (${levels.join(', ')}), nhưng cột ${levelCol} là ${level}.`,
        `${source.en}, which is only for ${levels.join(' or ')} level, but column ${levelCol} is ${level}.`,
      ),
    );
  }
  return type;
}

/** Checks unit rows as they are read (`row`), then the tree they make (`finish`). */
function unitChecker(problems: Problems): { row: (row: Row, table: Table) => void; finish: (table: Table) => Map<string, UnitDraft> } {
  const byCode = new Map<string, UnitDraft>();
  const drafts: UnitDraft[] = [];
  let root: UnitDraft | null = null;
  // A province with a parent is reported on its line; a second "no root" problem would only repeat it.
  let provinceWithParent = false;

  const row = (row: Row, table: Table): void => {
    const cellOf = (name: string) => cellNamed(table, row, name);
    const col = (name: string) => colOf(table, name);
    const code = cellOf('code');
    if (row.cells.length !== table.width) {
      // Already reported. Its code (usually the first cell, before any stray comma) is still
      // believed, so that its children and associations are not all reported as orphans.
      if (code !== '' && !byCode.has(code)) byCode.set(code, { line: row.line, code, name: '', level: null, type: null, parentCode: null });
      return;
    }
    checkCode('units', row.line, col('code'), code, problems);
    // An invalid code is still indexed: rows naming it get no second, misleading problem.
    const first = code === '' ? undefined : byCode.get(code);
    if (first) {
      problems.add(
        'units',
        row.line,
        t(`Mã đơn vị ${show(code)} ở cột ${col('code')} bị trùng với dòng ${first.line}.`, `Duplicate unit code ${show(code)} in column ${col('code')} (first on line ${first.line}).`),
      );
    }

    const name = cellOf('name');
    const nameOk = checkText('units', row.line, col('name'), name, MAX_NAME_LENGTH, problems);

    const levelText = cellOf('level');
    const level = LEVEL_WORDS[foldWord(levelText)] ?? null;
    if (!level) {
      problems.add(
        'units',
        row.line,
        levelText === ''
          ? t(`Cột ${col('level')} trống (tỉnh, huyện hoặc xã; hoặc province, district, commune).`, `Column ${col('level')} is empty (province, district or commune).`)
          : t(
              `Cấp ${show(levelText)} ở cột ${col('level')} không hợp lệ: phải là tỉnh, huyện hoặc xã (hoặc province, district, commune).`,
              `Invalid level ${show(levelText)} in column ${col('level')}: province, district or commune (or tỉnh, huyện, xã).`,
            ),
      );
    }

    const type = checkUnitType(row.line, table, cellOf('type'), name, nameOk, level, problems);

    const parentText = cellOf('parent_code');
    const parentCode = parentText === '' ? null : parentText;
    const draft: UnitDraft = { line: row.line, code, name, level, type, parentCode };
    // The root is the one unit without a parent (SPEC section 2): the province, or a district
    // running its own cycle. A unit whose level is unreadable is judged by nothing here.
    if (parentCode === null && level === 'commune') {
      problems.add(
        'units',
        row.line,
        t(
          `Cột ${col('parent_code')} trống nhưng đơn vị cấp xã không thể là đơn vị gốc (đơn vị gốc là cấp tỉnh hoặc cấp huyện): hãy ghi mã đơn vị cha.`,
          `Column ${col('parent_code')} is empty, but a commune cannot be the root (the root is a province or a district): write its parent unit code.`,
        ),
      );
    } else if (parentCode === null && level !== null) {
      if (root) {
        problems.add(
          'units',
          row.line,
          t(
            `Chỉ được có một đơn vị gốc (cột ${col('parent_code')} trống); đã có ${show(root.code)} ở dòng ${root.line}. Nếu đơn vị này thuộc một đơn vị khác, hãy ghi mã đơn vị cha.`,
            `Only one root unit (empty column ${col('parent_code')}) is allowed; ${show(root.code)} on line ${root.line} is the root already. If this unit lies under another, write its parent unit code.`,
          ),
        );
      } else {
        root = draft;
      }
    } else if (parentCode !== null && level === 'province') {
      provinceWithParent = true;
      problems.add(
        'units',
        row.line,
        t(`Đơn vị cấp tỉnh không có đơn vị cha: cột ${col('parent_code')} phải để trống.`, `A province has no parent: column ${col('parent_code')} must be empty.`),
      );
    }

    drafts.push(draft);
    if (code !== '' && !first) byCode.set(code, draft);
  };

  return { row, finish: (table) => checkTree(drafts, byCode, root !== null || provinceWithParent, colOf(table, 'parent_code'), problems) };
}

function checkTree(drafts: readonly UnitDraft[], byCode: Map<string, UnitDraft>, rootFound: boolean, parentCol: string, problems: Problems): Map<string, UnitDraft> {
  if (!rootFound) {
    problems.add(
      'units',
      0,
      t(
        `Không có đơn vị gốc: đúng một đơn vị (cấp tỉnh, hoặc cấp huyện tự tổng kết) phải để trống cột ${parentCol}.`,
        `There is no root unit: exactly one unit (the province, or a district running its own cycle) must have an empty column ${parentCol}.`,
      ),
    );
  }

  for (const unit of drafts) {
    // A province with a parent is reported already; what that parent is adds nothing.
    if (unit.parentCode === null || unit.level === 'province') continue;
    const parent = byCode.get(unit.parentCode);
    if (!parent) {
      problems.add(
        'units',
        unit.line,
        t(`Mã đơn vị cha ${show(unit.parentCode)} (cột ${parentCol}) không tồn tại.`, `Unknown parent unit code ${show(unit.parentCode)} (column ${parentCol}).`),
      );
    } else if (unit.level && parent.level && LEVEL_RANK[parent.level] >= LEVEL_RANK[unit.level]) {
      problems.add(
        'units',
        unit.line,
        t(
          `Đơn vị cha ${show(parent.code)} (cột ${parentCol}) là cấp ${LEVEL_VI[parent.level]}, phải cao hơn cấp ${LEVEL_VI[unit.level]} của đơn vị này.`,
          `Parent unit ${show(parent.code)} (column ${parentCol}) is a ${parent.level}; it must be above this ${unit.level}.`,
        ),
      );
    }
  }

  findLoops(byCode, parentCol, problems);
  return byCode;
}

/** Reports each loop of parent_code once, at its first line; walks each unit once, so no input can hang it. */
function findLoops(byCode: Map<string, UnitDraft>, parentCol: string, problems: Problems): void {
  const DONE = 2;
  const ON_WALK = 1;
  const state = new Map<string, number>();
  for (const start of byCode.values()) {
    if (state.has(start.code)) continue;
    const walk: UnitDraft[] = [];
    let unit: UnitDraft | undefined = start;
    while (unit && !state.has(unit.code)) {
      state.set(unit.code, ON_WALK);
      walk.push(unit);
      unit = unit.parentCode === null ? undefined : byCode.get(unit.parentCode);
    }
    if (unit && state.get(unit.code) === ON_WALK) {
      const loop = walk.slice(walk.indexOf(unit));
      const codes = loop.map((u) => u.code);
      const shown = codes.length > 10 ? [...codes.slice(0, 10), '…'] : [...codes, unit.code];
      const line = loop.reduce((min, u) => Math.min(min, u.line), Infinity);
      problems.add(
        'units',
        line,
        t(`Vòng lặp trong cây đơn vị (cột ${parentCol}): ${shown.join(' → ')}.`, `Loop in the unit tree (column ${parentCol}): ${shown.join(' → ')}.`),
      );
    }
    for (const u of walk) state.set(u.code, DONE);
  }
}

/** Checks association rows as they are read; `list` holds every row read. */
function associationChecker(units: Map<string, UnitDraft> | null, problems: Problems): { row: (row: Row, table: Table) => void; list: Association[] } {
  const firstLine = new Map<string, number>();
  const associations: Association[] = [];

  const row = (row: Row, table: Table): void => {
    if (row.cells.length !== table.width) return;
    const cellOf = (name: string) => cellNamed(table, row, name);
    const col = (name: string) => colOf(table, name);
    const code = cellOf('code');
    if (checkCode('associations', row.line, col('code'), code, problems)) {
      const first = firstLine.get(code);
      if (first !== undefined) {
        problems.add(
          'associations',
          row.line,
          t(`Mã hội ${show(code)} ở cột ${col('code')} bị trùng với dòng ${first}.`, `Duplicate association code ${show(code)} in column ${col('code')} (first on line ${first}).`),
        );
      } else {
        firstLine.set(code, row.line);
      }
    }

    const name = cellOf('name');
    checkText('associations', row.line, col('name'), name, MAX_NAME_LENGTH, problems);

    const unitCode = cellOf('unit_code');
    if (unitCode === '') {
      problems.add('associations', row.line, t(`Cột ${col('unit_code')} trống.`, `Column ${col('unit_code')} is empty.`));
    } else if (units && !units.has(unitCode)) {
      problems.add(
        'associations',
        row.line,
        t(`Mã đơn vị ${show(unitCode)} (cột ${col('unit_code')}) không tồn tại.`, `Unknown unit code ${show(unitCode)} (column ${col('unit_code')}).`),
      );
    }

    const specialText = cellOf('special');
    const special = SPECIAL_WORDS[foldWord(specialText)];
    if (special === undefined) {
      problems.add(
        'associations',
        row.line,
        t(
          `Cột ${col('special')} phải là có hoặc không (hoặc true, false), không phải ${show(specialText)}.`,
          `Column ${col('special')} must be true or false (or có, không), not ${show(specialText)}.`,
        ),
      );
    }

    const foundedOn = checkDate('associations', row.line, col('founded_on'), cellOf('founded_on'), problems);
    const dissolvedText = cellOf('dissolved_on');
    const dissolvedOn = dissolvedText === '' ? null : checkDate('associations', row.line, col('dissolved_on'), dissolvedText, problems);
    if (dissolvedOn !== null && foundedOn !== null && dissolvedOn < foundedOn) {
      problems.add(
        'associations',
        row.line,
        t(
          `Ngày giải thể ${dissolvedText} (cột ${col('dissolved_on')}) trước ngày thành lập ${cellOf('founded_on')} (cột ${col('founded_on')}).`,
          `Column ${col('dissolved_on')} (${dissolvedText}) is before column ${col('founded_on')} (${cellOf('founded_on')}).`,
        ),
      );
    }

    const email = cellOf('email');
    if (email !== '' && (email.length > 254 || !EMAIL.test(email))) {
      problems.add(
        'associations',
        row.line,
        t(`Địa chỉ email ${show(email)} (cột ${col('email')}) không hợp lệ, ví dụ: hoinct.banbo@gmail.com.`, `Invalid address ${show(email)} in column ${col('email')}, e.g. hoinct.banbo@gmail.com.`),
      );
    }
    const phone = cellOf('phone');
    const digits = phone.replace(/\D/gu, '').length;
    if (phone !== '' && (!PHONE.test(phone) || digits < 6 || digits > 15)) {
      problems.add(
        'associations',
        row.line,
        t(`Số điện thoại ${show(phone)} (cột ${col('phone')}) không hợp lệ, ví dụ: 0213 3876 543.`, `Invalid number ${show(phone)} in column ${col('phone')}, e.g. 0213 3876 543.`),
      );
    }
    const contact = cellOf('contact');
    checkText('associations', row.line, col('contact'), contact, MAX_CONTACT_LENGTH, problems, false);

    associations.push({
      code,
      name,
      unitCode,
      special: special === true,
      // A row with a problem is never returned (the whole import is refused): '' only stands in.
      foundedOn: foundedOn ?? '',
      dissolvedOn: dissolvedText === '' ? null : (dissolvedOn ?? ''),
      ...(email !== '' ? { email } : {}),
      ...(phone !== '' ? { phone } : {}),
      ...(contact !== '' ? { contact } : {}),
    });
  };
  return { row, list: associations };
}

function withPaths(drafts: Map<string, UnitDraft>): Unit[] {
  const paths = new Map<string, string>();
  // Only called on a valid tree (every level and type known): levels strictly descend, so the recursion is at most 3 deep.
  const pathOf = (unit: UnitDraft): string => {
    let path = paths.get(unit.code);
    if (path === undefined) {
      const parent = unit.parentCode === null ? undefined : drafts.get(unit.parentCode);
      path = parent ? `${pathOf(parent)}/${unit.code}` : unit.code;
      paths.set(unit.code, path);
    }
    return path;
  };
  return [...drafts.values()].map((u) => ({
    code: u.code,
    name: u.name,
    level: u.level as Level,
    type: u.type as UnitType,
    parentCode: u.parentCode,
    path: pathOf(u),
  }));
}

function sorted(list: RegistryProblem[], stoppedAtProblems: boolean): RegistryProblem[] {
  const order: Record<FileName, number> = { units: 0, associations: 1 };
  // Array.prototype.sort is stable, so problems of one line keep the order they were found in.
  const out = [...list].sort((a, b) => order[a.file] - order[b.file] || a.line - b.line);
  if (!stoppedAtProblems) return out;
  const last = list[list.length - 1] as RegistryProblem;
  return [
    ...out,
    {
      file: last.file,
      line: 0,
      message: t(
        `Dừng kiểm tra ở lỗi thứ ${MAX_PROBLEMS}; có thể còn lỗi khác. Sửa các lỗi này rồi gửi lại.`,
        `Checking stopped at problem ${MAX_PROBLEMS}; there may be more. Fix these and send the files again.`,
      ),
    },
  ];
}

/**
 * Reads and checks a whole registry from its two CSV texts. All or nothing: either every unit
 * and association, or the problems found (units first, then by line). Checking stops at the
 * MAX_PROBLEMS-th problem, saying so in one last problem (line 0), and at a file past its row cap.
 */
export function parseRegistry(unitsCsv: string, associationsCsv: string): RegistryResult {
  return parseRegistryFiles({ units: { csv: unitsCsv }, associations: { csv: associationsCsv } });
}

/** A file of the registry kept as the cycle's current registry states it (one file re-imported without the other). */
export type KeptUnits = { kept: readonly Unit[] };
export type KeptAssociations = { kept: readonly Association[] };

/**
 * Reads and checks a whole registry, each file a CSV text, a workbook's sheet, or kept from
 * the current registry (SPEC section 2: one file may be re-imported without the other). Kept
 * units are taken as they are (they were checked when imported); kept associations are checked
 * against the new units, each problem naming the association (line 0: it is in no file sent).
 */
export function parseRegistryFiles(files: { units: RegistryFile | KeptUnits; associations: RegistryFile | KeptAssociations }): RegistryResult {
  const problems = new Problems();
  let units: Map<string, UnitDraft> | null = null;
  let associations: Association[] = [];
  try {
    if ('kept' in files.units) {
      units = new Map(files.units.kept.map((u) => [u.code, { line: 0, code: u.code, name: u.name, level: u.level, type: u.type, parentCode: u.parentCode }]));
    } else {
      const unitCheck = unitChecker(problems);
      // Without a readable units file an association's unit cannot be judged, so that check waits.
      const table = readTable('units', files.units, UNIT_FILE, MAX_UNITS, problems, unitCheck.row);
      units = table ? unitCheck.finish(table) : null;
    }
    if ('kept' in files.associations) {
      associations = [...files.associations.kept];
      if (units) for (const a of associations) if (!units.has(a.unitCode)) problems.add('associations', 0, keptOrphan(a));
    } else {
      const associationCheck = associationChecker(units, problems);
      if (readTable('associations', files.associations, ASSOCIATION_FILE, MAX_ASSOCIATIONS, problems, associationCheck.row)) associations = associationCheck.list;
    }
  } catch (error) {
    if (!(error instanceof StopChecking)) throw error;
    return { ok: false, problems: sorted(problems.list, error.reason === 'problems') };
  }
  if (problems.list.length > 0 || !units) return { ok: false, problems: sorted(problems.list, false) };
  return { ok: true, units: withPaths(units), associations };
}

function keptOrphan(a: Association): Localized {
  return t(
    `Hội ${show(a.code)} (${a.name}) trong danh sách hiện có thuộc đơn vị ${show(a.unitCode)}, không còn trong tệp đơn vị mới: vui lòng gửi kèm tệp hội đã sửa, hoặc giữ đơn vị đó.`,
    `Association ${show(a.code)} (${a.name}) of the current registry is registered at unit ${show(a.unitCode)}, which the new units file no longer has: send the associations file too, corrected, or keep that unit.`,
  );
}

/** What an association owes in year `year` (SPEC section 2). */
export function associationInYear(a: Association, year: number): AssociationInYear {
  const y = String(year).padStart(4, '0');
  const lastDay = `${y}-12-31`;
  return {
    expected: a.foundedOn <= lastDay && (a.dissolvedOn === null || a.dissolvedOn > lastDay),
    isNew: a.foundedOn.startsWith(`${y}-`),
    dissolvedInYear: a.dissolvedOn !== null && a.dissolvedOn.startsWith(`${y}-`),
  };
}

/** The name of special associations in a cycle; Decree 126/2024/NĐ-CP renamed them from 2025. */
export function specialLabelFor(year: number, override: string | null): string {
  const own = override?.normalize('NFC').trim() ?? '';
  if (own !== '') return own;
  return year <= 2024 ? SPECIAL_LABEL_UNTIL_2024 : SPECIAL_LABEL_FROM_2025;
}

export function unitsByCode(units: readonly Unit[]): Map<string, Unit> {
  return new Map(units.map((u) => [u.code, u]));
}

/** True when `unitCode` is on `unitPath`, i.e. the unit of that path is `unitCode` or lies under it. */
export function isInSubtree(unitPath: string, unitCode: string): boolean {
  if (unitPath === unitCode) return true;
  return (
    unitPath.startsWith(`${unitCode}/`) || unitPath.endsWith(`/${unitCode}`) || unitPath.includes(`/${unitCode}/`)
  );
}

export interface RegistryChange {
  added: string[];
  removed: string[];
  moved: string[];
  renamed: string[];
  /** associations the new registry drops or no longer expects: none of them may have a report */
  mustHaveNoReport: string[];
}

/** What an import changes, association by association (codes sorted). */
export function diffRegistry(
  before: readonly { code: string; name: string; unitCode: string }[],
  after: readonly { code: string; name: string; unitCode: string; expected: boolean }[],
): RegistryChange {
  const old = new Map(before.map((a) => [a.code, a]));
  const kept = new Set(after.map((a) => a.code));
  const change: RegistryChange = { added: [], removed: [], moved: [], renamed: [], mustHaveNoReport: [] };
  for (const a of after) {
    const was = old.get(a.code);
    if (!was) change.added.push(a.code);
    else {
      if (was.unitCode !== a.unitCode) change.moved.push(a.code);
      if (was.name !== a.name) change.renamed.push(a.code);
    }
    if (!a.expected) change.mustHaveNoReport.push(a.code);
  }
  for (const a of before) {
    if (!kept.has(a.code)) {
      change.removed.push(a.code);
      change.mustHaveNoReport.push(a.code);
    }
  }
  for (const list of Object.values(change)) list.sort();
  return change;
}

/** The units an import adds and removes, by code (sorted). */
export function diffUnits(before: readonly { code: string }[], after: readonly { code: string }[]): { unitsAdded: string[]; unitsRemoved: string[] } {
  const old = new Set(before.map((u) => u.code));
  const now = new Set(after.map((u) => u.code));
  return {
    unitsAdded: [...now].filter((c) => !old.has(c)).sort(),
    unitsRemoved: [...old].filter((c) => !now.has(c)).sort(),
  };
}
