// The commended list as CSV (SPEC section 6): UTF-8 with BOM so Excel reads Vietnamese,
// and cells that a spreadsheet would run as formulas neutralised.
import { stringify } from 'csv-stringify/sync';
import type { CommendedItem, Level } from './types.ts';

export const COMMENDED_CSV_HEADER = ['STT', 'Mã', 'Tên tập thể', 'Địa phương', 'Cấp', 'Điểm', 'Hình thức khen thưởng'];

export const LEVEL_LABELS: Record<Level, string> = { province: 'Cấp tỉnh', district: 'Cấp huyện', commune: 'Cấp xã' };

/** A cell starting with = + - @ (or a tab or CR) is a formula to Excel: prefix a quote. */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function commendedCsv(items: readonly CommendedItem[]): string {
  const rows = items.map((item, i) => [
    String(i + 1),
    item.association,
    neutraliseCell(item.name),
    neutraliseCell(item.unitName),
    LEVEL_LABELS[item.level],
    String(item.score),
    neutraliseCell(item.award),
  ]);
  return `\uFEFF${stringify([COMMENDED_CSV_HEADER, ...rows], { record_delimiter: '\r\n' })}`;
}
