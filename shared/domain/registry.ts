// The registry of a cycle (SPEC section 2): units.csv and associations.csv read, checked and
// turned into Units and Associations. Pure: no I/O, so the API, the CLI and the tests share it.
import { parse } from 'csv-parse/sync';
import type { Localized, RegistryProblem } from './localized.ts';
import { findInvisible, hasVisible } from './invisible.ts';
import { UNIT_TYPE_WORDS, unitTypeFromName } from './labels.ts';
import { LEVELS, UNIT_TYPES } from './types.ts';
import { UNIT_TYPE_LEVELS, isUnitType } from './unit-type.ts';
import type { Association, AssociationInYear, Level, Unit, UnitType } from './types.ts';

export const UNIT_COLUMNS = ['code', 'name', 'level', 'parent_code'] as const;
/** Columns units.csv may add to UNIT_COLUMNS: `type`, read from the name when absent. */
export const UNIT_OPTIONAL_COLUMNS = ['type'] as const;
export const ASSOCIATION_COLUMNS = ['code', 'name', 'unit_code', 'special', 'founded_on', 'dissolved_on'] as const;
/** Columns associations.csv may add: the contact for reminders (SPEC sections 2 and 3). */
export const ASSOCIATION_OPTIONAL_COLUMNS = ['email', 'phone'] as const;
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

function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return year >= 1 && days !== undefined && day >= 1 && day <= days;
}

interface Row {
  line: number;
  cells: string[];
}

interface Table {
  /** index of each expected column in the file's header */
  col: Map<string, number>;
  /** cells in the header, extra columns included */
  width: number;
}

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

/**
 * Reads one CSV file record by record, handing each data row (which knows the line it starts
 * on) to `onRow` as soon as it is read, so that checking can stop at the MAX_PROBLEMS-th problem
 * or past `maxRows` without reading, or keeping, the rest. Returns the header, or null when the
 * rows cannot be trusted (bad CSV, or a column missing); the problems say why.
 */
function readTable(
  file: FileName,
  text: string,
  columns: readonly string[],
  optionalColumns: readonly string[],
  maxRows: number,
  problems: Problems,
  onRow: (row: Row, table: Table) => void,
): Table | null {
  // Every line, blank ones included, comes out as one record, so a record's line is the count
  // of records and of line breaks inside quoted cells before it. csv-parse's own line count is
  // not used: it counts a CRLF inside a quoted cell twice.
  const state: { line: number; table: Table | null; rows: number } = { line: 1, table: null, rows: 0 };
  const onRecord = (cells: string[]): null => {
    const line = state.line;
    state.line += linesOf(cells);
    // A line of spaces is as blank as an empty one.
    if (cells.length === 1 && (cells[0] ?? '').trim() === '') return null;
    const row: Row = { line, cells: cells.map(clean) };
    if (!state.table) {
      state.table = readHeader(file, row, columns, optionalColumns, problems);
      if (!state.table) throw new StopFile();
      return null;
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
    if (row.cells.length !== width) {
      problems.add(
        file,
        row.line,
        t(
          `Dòng có ${row.cells.length} ô nhưng tiêu đề có ${width} cột (ô chứa dấu phẩy phải đặt trong ngoặc kép).`,
          `The row has ${row.cells.length} cells but the header has ${width} columns (a cell with a comma must be quoted).`,
        ),
      );
    }
    onRow(row, state.table);
    return null;
  };
  try {
    parse(text, {
      bom: true,
      skip_empty_lines: false,
      relax_column_count: true,
      // Files edited by hand mix line endings; any of them ends a record.
      record_delimiter: ['\r\n', '\n', '\r'],
      max_record_size: MAX_RECORD_CHARS,
      on_record: onRecord,
    });
  } catch (error) {
    if (error instanceof StopFile) return null;
    if (error instanceof StopChecking) throw error;
    // The broken record starts on the line after the records read so far.
    problems.add(file, state.line, csvErrorMessage((error as { code?: unknown }).code));
    return null;
  }
  if (!state.table) {
    problems.add(
      file,
      1,
      t(`Tệp rỗng: thiếu dòng tiêu đề (${columns.join(', ')}).`, `Empty file: the header row (${columns.join(', ')}) is missing.`),
    );
  }
  return state.table;
}

/**
 * The header row: the index of each column present, or null when a required one is missing.
 * The accepted sets are `columns`, with or without any of `optionalColumns`.
 */
function readHeader(file: FileName, header: Row, columns: readonly string[], optionalColumns: readonly string[], problems: Problems): Table | null {
  const col = new Map<string, number>();
  const optional = optionalColumns.length === 0 ? null : optionalColumns.join(', ');
  const allowedVi = optional === null ? columns.join(', ') : `${columns.join(', ')} (và ${optional}, không bắt buộc)`;
  const allowedEn = optional === null ? columns.join(', ') : `${columns.join(', ')} (and optionally ${optional})`;
  header.cells.forEach((name, i) => {
    if (!columns.includes(name) && !optionalColumns.includes(name)) {
      problems.add(
        file,
        header.line,
        t(`Cột thừa ${show(name)} (cột thứ ${i + 1}); chỉ được có: ${allowedVi}.`, `Unexpected column ${show(name)} (column ${i + 1}); the columns are: ${allowedEn}.`),
      );
    } else if (col.has(name)) {
      problems.add(file, header.line, t(`Cột ${show(name)} xuất hiện hai lần.`, `Column ${show(name)} appears twice.`));
    } else {
      col.set(name, i);
    }
  });
  const missing = columns.filter((c) => !col.has(c));
  for (const name of missing) {
    problems.add(file, header.line, t(`Thiếu cột "${name}".`, `Missing column "${name}".`));
  }
  if (missing.length > 0) return null;
  return { col, width: header.cells.length };
}

/** Reads cells by column name; the header check guarantees every required column exists, an optional one absent reads as ''. */
function cellNamed(table: Table, row: Row, name: string): string {
  return row.cells[table.col.get(name) ?? -1] ?? '';
}

function checkCode(file: FileName, line: number, value: string, problems: Problems): boolean {
  if (value === '') {
    problems.add(file, line, t('Cột "code" trống.', 'Column "code" is empty.'));
    return false;
  }
  if (!CODE.test(value)) {
    problems.add(
      file,
      line,
      t(
        `Mã ${show(value)} ở cột "code" không hợp lệ: chỉ gồm chữ cái không dấu, chữ số, "_", "-", tối đa 40 ký tự.`,
        `Invalid code ${show(value)} in column "code": letters A–Z, digits, "_" and "-" only, at most 40 characters.`,
      ),
    );
    return false;
  }
  return true;
}

/** Checks a name; false when a problem was reported. */
function checkName(file: FileName, line: number, value: string, problems: Problems): boolean {
  if (value === '') {
    problems.add(file, line, t('Cột "name" trống.', 'Column "name" is empty.'));
    return false;
  }
  // UTF-16 length bounds the character count from above, so most names skip the exact count.
  const length = value.length <= MAX_NAME_LENGTH ? value.length : [...value].length;
  let ok = true;
  if (length > MAX_NAME_LENGTH) {
    ok = false;
    problems.add(
      file,
      line,
      t(`Cột "name" dài ${length} ký tự, tối đa ${MAX_NAME_LENGTH}.`, `Column "name" has ${length} characters, at most ${MAX_NAME_LENGTH}.`),
    );
  }
  if (CONTROL.test(value)) {
    problems.add(
      file,
      line,
      t('Cột "name" chứa ký tự điều khiển (ví dụ xuống dòng, tab).', 'Column "name" contains a control character (e.g. a line break or a tab).'),
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
            `Cột "name" chứa ký tự ẩn đảo chiều chữ ${invisible.codePoint} (ở ký tự thứ ${invisible.position}); hãy gõ lại tên.`,
            `Column "name" contains a hidden text-direction control ${invisible.codePoint} (character ${invisible.position}); retype the name.`,
          )
        : t(
            `Cột "name" chứa ký tự vô hình ${invisible.codePoint} (ở ký tự thứ ${invisible.position}), ví dụ khoảng trắng độ rộng 0; hãy gõ lại tên.`,
            `Column "name" contains an invisible character ${invisible.codePoint} (character ${invisible.position}), e.g. a zero-width space; retype the name.`,
          ),
    );
  } else if (!hasVisible(value)) {
    ok = false;
    problems.add(file, line, t('Cột "name" không có chữ nào nhìn thấy được.', 'Column "name" has no visible character.'));
  }
  return ok;
}

function checkDate(file: FileName, line: number, column: string, value: string, problems: Problems): boolean {
  if (isIsoDate(value)) return true;
  problems.add(
    file,
    line,
    value === ''
      ? t(`Cột "${column}" trống.`, `Column "${column}" is empty.`)
      : t(
          `Ngày ${show(value)} ở cột "${column}" không hợp lệ: cần một ngày có thật, dạng YYYY-MM-DD.`,
          `Invalid date ${show(value)} in column "${column}": a real date as YYYY-MM-DD is expected.`,
        ),
  );
  return false;
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
 * The unit's type: the `type` cell when given, else the word its name starts with. Reports an
 * unknown value, a name that says no type when the cell is empty, and a type its level cannot
 * have; the type is returned even then, so that the row is judged on the rest.
 */
function checkUnitType(line: number, typeText: string, name: string, nameOk: boolean, level: Level | null, problems: Problems): UnitType | null {
  let type: UnitType | null;
  if (typeText !== '') {
    type = isUnitType(typeText) ? typeText : null;
    if (type === null) {
      problems.add(
        'units',
        line,
        t(
          `Loại đơn vị ${show(typeText)} ở cột "type" không hợp lệ: phải là ${UNIT_TYPES.join(', ')}.`,
          `Invalid unit type ${show(typeText)} in column "type": one of ${UNIT_TYPES.join(', ')}.`,
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
          `Tên ${show(name)} không bắt đầu bằng loại đơn vị (${TYPE_NAME_WORDS}): hãy ghi loại ở cột "type" (${UNIT_TYPES.join(', ')}).`,
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
        ? t(`Tên bắt đầu bằng ${show(typeWordOf(name, type))} (loại ${type}, cột "type" để trống)`, `The name starts with ${show(typeWordOf(name, type))} (type ${type}; column "type" is empty)`)
        : t(`Loại ${type} ở cột "type"`, `Type ${type} in column "type"`);
    problems.add(
      'units',
      line,
      t(
        `${source.vi} chỉ dùng cho cấp ${levels.map((l) => LEVEL_VI[l]).join(' hoặc ')} (${levels.join(', ')}), nhưng cột "level" là ${level}.`,
        `${source.en}, which is only for ${levels.join(' or ')} level, but column "level" is ${level}.`,
      ),
    );
  }
  return type;
}

/** Checks unit rows as they are read (`row`), then the tree they make (`finish`). */
function unitChecker(problems: Problems): { row: (row: Row, table: Table) => void; finish: () => Map<string, UnitDraft> } {
  const byCode = new Map<string, UnitDraft>();
  const drafts: UnitDraft[] = [];
  let root: UnitDraft | null = null;
  // A province with a parent is reported on its line; a second "no root" problem would only repeat it.
  let provinceWithParent = false;

  const row = (row: Row, table: Table): void => {
    const cellOf = (name: string) => cellNamed(table, row, name);
    const code = cellOf('code');
    if (row.cells.length !== table.width) {
      // Already reported. Its code (usually the first cell, before any stray comma) is still
      // believed, so that its children and associations are not all reported as orphans.
      if (code !== '' && !byCode.has(code)) byCode.set(code, { line: row.line, code, name: '', level: null, type: null, parentCode: null });
      return;
    }
    checkCode('units', row.line, code, problems);
    // An invalid code is still indexed: rows naming it get no second, misleading problem.
    const first = code === '' ? undefined : byCode.get(code);
    if (first) {
      problems.add(
        'units',
        row.line,
        t(`Mã đơn vị ${show(code)} ở cột "code" bị trùng với dòng ${first.line}.`, `Duplicate unit code ${show(code)} in column "code" (first on line ${first.line}).`),
      );
    }

    const name = cellOf('name');
    const nameOk = checkName('units', row.line, name, problems);

    const levelText = cellOf('level');
    const level = (LEVELS as readonly string[]).includes(levelText) ? (levelText as Level) : null;
    if (!level) {
      problems.add(
        'units',
        row.line,
        levelText === ''
          ? t('Cột "level" trống (province, district hoặc commune).', 'Column "level" is empty (province, district or commune).')
          : t(
              `Cấp ${show(levelText)} ở cột "level" không hợp lệ: phải là province, district hoặc commune.`,
              `Invalid level ${show(levelText)} in column "level": province, district or commune.`,
            ),
      );
    }

    const type = checkUnitType(row.line, cellOf('type'), name, nameOk, level, problems);

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
          'Cột "parent_code" trống nhưng đơn vị cấp xã không thể là đơn vị gốc (đơn vị gốc là cấp tỉnh hoặc cấp huyện): hãy ghi mã đơn vị cha.',
          'Column "parent_code" is empty, but a commune cannot be the root (the root is a province or a district): write its parent unit code.',
        ),
      );
    } else if (parentCode === null && level !== null) {
      if (root) {
        problems.add(
          'units',
          row.line,
          t(
            `Chỉ được có một đơn vị gốc (cột "parent_code" trống); đã có ${show(root.code)} ở dòng ${root.line}. Nếu đơn vị này thuộc một đơn vị khác, hãy ghi mã đơn vị cha.`,
            `Only one root unit (empty column "parent_code") is allowed; ${show(root.code)} on line ${root.line} is the root already. If this unit lies under another, write its parent unit code.`,
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
        t('Đơn vị cấp tỉnh không có đơn vị cha: cột "parent_code" phải để trống.', 'A province has no parent: column "parent_code" must be empty.'),
      );
    }

    drafts.push(draft);
    if (code !== '' && !first) byCode.set(code, draft);
  };

  return { row, finish: () => checkTree(drafts, byCode, root !== null || provinceWithParent, problems) };
}

function checkTree(drafts: readonly UnitDraft[], byCode: Map<string, UnitDraft>, rootFound: boolean, problems: Problems): Map<string, UnitDraft> {
  if (!rootFound) {
    problems.add(
      'units',
      0,
      t(
        'Không có đơn vị gốc: đúng một đơn vị (cấp tỉnh, hoặc cấp huyện tự tổng kết) phải để trống cột "parent_code".',
        'There is no root unit: exactly one unit (the province, or a district running its own cycle) must have an empty column "parent_code".',
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
        t(`Mã đơn vị cha ${show(unit.parentCode)} (cột "parent_code") không tồn tại.`, `Unknown parent unit code ${show(unit.parentCode)} (column "parent_code").`),
      );
    } else if (unit.level && parent.level && LEVEL_RANK[parent.level] >= LEVEL_RANK[unit.level]) {
      problems.add(
        'units',
        unit.line,
        t(
          `Đơn vị cha ${show(parent.code)} (cột "parent_code") là cấp ${LEVEL_VI[parent.level]}, phải cao hơn cấp ${LEVEL_VI[unit.level]} của đơn vị này.`,
          `Parent unit ${show(parent.code)} (column "parent_code") is a ${parent.level}; it must be above this ${unit.level}.`,
        ),
      );
    }
  }

  findLoops(byCode, problems);
  return byCode;
}

/** Reports each loop of parent_code once, at its first line; walks each unit once, so no input can hang it. */
function findLoops(byCode: Map<string, UnitDraft>, problems: Problems): void {
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
        t(`Vòng lặp trong cây đơn vị (cột "parent_code"): ${shown.join(' → ')}.`, `Loop in the unit tree (column "parent_code"): ${shown.join(' → ')}.`),
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
    const code = cellOf('code');
    if (checkCode('associations', row.line, code, problems)) {
      const first = firstLine.get(code);
      if (first !== undefined) {
        problems.add(
          'associations',
          row.line,
          t(`Mã hội ${show(code)} ở cột "code" bị trùng với dòng ${first}.`, `Duplicate association code ${show(code)} in column "code" (first on line ${first}).`),
        );
      } else {
        firstLine.set(code, row.line);
      }
    }

    const name = cellOf('name');
    checkName('associations', row.line, name, problems);

    const unitCode = cellOf('unit_code');
    if (unitCode === '') {
      problems.add('associations', row.line, t('Cột "unit_code" trống.', 'Column "unit_code" is empty.'));
    } else if (units && !units.has(unitCode)) {
      problems.add(
        'associations',
        row.line,
        t(`Mã đơn vị ${show(unitCode)} (cột "unit_code") không tồn tại.`, `Unknown unit code ${show(unitCode)} (column "unit_code").`),
      );
    }

    const specialText = cellOf('special');
    if (specialText !== 'true' && specialText !== 'false') {
      problems.add(
        'associations',
        row.line,
        t(`Cột "special" phải là true hoặc false, không phải ${show(specialText)}.`, `Column "special" must be true or false, not ${show(specialText)}.`),
      );
    }

    const foundedOn = cellOf('founded_on');
    const foundedOk = checkDate('associations', row.line, 'founded_on', foundedOn, problems);
    const dissolvedText = cellOf('dissolved_on');
    const dissolvedOn = dissolvedText === '' ? null : dissolvedText;
    if (dissolvedOn !== null && checkDate('associations', row.line, 'dissolved_on', dissolvedOn, problems) && foundedOk && dissolvedOn < foundedOn) {
      problems.add(
        'associations',
        row.line,
        t(
          `Ngày giải thể ${dissolvedOn} (cột "dissolved_on") trước ngày thành lập ${foundedOn} (cột "founded_on").`,
          `Column "dissolved_on" (${dissolvedOn}) is before column "founded_on" (${foundedOn}).`,
        ),
      );
    }

    const email = cellOf('email');
    if (email !== '' && (email.length > 254 || !EMAIL.test(email))) {
      problems.add(
        'associations',
        row.line,
        t(`Địa chỉ email ${show(email)} (cột "email") không hợp lệ, ví dụ: hoinct.banbo@gmail.com.`, `Invalid address ${show(email)} in column "email", e.g. hoinct.banbo@gmail.com.`),
      );
    }
    const phone = cellOf('phone');
    const digits = phone.replace(/\D/gu, '').length;
    if (phone !== '' && (!PHONE.test(phone) || digits < 6 || digits > 15)) {
      problems.add(
        'associations',
        row.line,
        t(`Số điện thoại ${show(phone)} (cột "phone") không hợp lệ, ví dụ: 0213 3876 543.`, `Invalid number ${show(phone)} in column "phone", e.g. 0213 3876 543.`),
      );
    }

    associations.push({
      code,
      name,
      unitCode,
      special: specialText === 'true',
      foundedOn,
      dissolvedOn,
      ...(email !== '' ? { email } : {}),
      ...(phone !== '' ? { phone } : {}),
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
 * Reads and checks a whole registry. All or nothing: either every unit and association, or
 * the problems found (units first, then by line). Checking stops at the MAX_PROBLEMS-th
 * problem, saying so in one last problem (line 0), and at a file past its row cap.
 */
export function parseRegistry(unitsCsv: string, associationsCsv: string): RegistryResult {
  const problems = new Problems();
  let units: Map<string, UnitDraft> | null = null;
  let associations: Association[] = [];
  try {
    const unitCheck = unitChecker(problems);
    // Without a readable units file an association's unit cannot be judged, so that check waits.
    units = readTable('units', unitsCsv, UNIT_COLUMNS, UNIT_OPTIONAL_COLUMNS, MAX_UNITS, problems, unitCheck.row) ? unitCheck.finish() : null;
    const associationCheck = associationChecker(units, problems);
    if (readTable('associations', associationsCsv, ASSOCIATION_COLUMNS, ASSOCIATION_OPTIONAL_COLUMNS, MAX_ASSOCIATIONS, problems, associationCheck.row)) associations = associationCheck.list;
  } catch (error) {
    if (!(error instanceof StopChecking)) throw error;
    return { ok: false, problems: sorted(problems.list, error.reason === 'problems') };
  }
  if (problems.list.length > 0 || !units) return { ok: false, problems: sorted(problems.list, false) };
  return { ok: true, units: withPaths(units), associations };
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
