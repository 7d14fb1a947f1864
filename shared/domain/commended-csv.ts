// The commended list as CSV (SPEC section 6): UTF-8 with BOM so Excel reads Vietnamese,
// and cells that a spreadsheet would run as formulas neutralised.
import { stringify } from 'csv-stringify/sync';
import { unitLevelLabel } from './report-scope.ts';
import type { CommendedItem } from './types.ts';

export const COMMENDED_CSV_HEADER = ['STT', 'Mã', 'Tên tập thể', 'Địa phương', 'Cấp', 'Điểm', 'Hình thức khen thưởng'];

/**
 * What a spreadsheet may take for the start of a formula: = + - @ and their full-width
 * (＝＋－＠) and small (﹦﹢﹣) forms, which Excel and LibreOffice fold to ASCII on input;
 * and any leading whitespace, control or format character (tab, CR, LF, NBSP, a zero-width
 * space…), which some spreadsheets skip before looking for the "=" that follows.
 */
const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\s\p{Cc}\p{Cf}]/u;

/** A cell a spreadsheet could run is prefixed with a quote, which makes it text. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * Every CSV we write goes through this, every cell of every row: codes can start with "-"
 * (`-1-1` is a valid code), and a cell that looks harmless today is one data change away from
 * holding a name.
 */
export function spreadsheetCsv(rows: readonly (readonly string[])[], options: { bom?: boolean; crlf?: boolean } = {}): string {
  const safe = rows.map((row) => row.map(neutraliseCell));
  return `${options.bom ? '\uFEFF' : ''}${stringify(safe, { record_delimiter: options.crlf ? '\r\n' : '\n' })}`;
}

/** `unitWords`: each unit's type word (ReportScope.unitWords), so that "Cấp" names the unit's own type ("Cấp thành phố"). */
export function commendedCsv(items: readonly CommendedItem[], unitWords: Readonly<Record<string, string>> = {}): string {
  const rows = items.map((item, i) => [
    String(i + 1),
    item.association,
    item.name,
    item.unitName,
    unitLevelLabel(unitWords, item.unit, item.level),
    String(item.score),
    item.award,
  ]);
  return spreadsheetCsv([COMMENDED_CSV_HEADER, ...rows], { bom: true, crlf: true });
}
