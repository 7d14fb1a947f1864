// Reading an .xlsx workbook as rows of text (SPEC section 2: the registry as one Excel
// workbook), with exceljs. exceljs is loaded on first use only (`await import`), so the routes
// and the Lambda init that never see a workbook do not pay for it; and the workbook is
// looked at only once the caller is known (the import's chain checks the token first).
import type { CellValue, Worksheet } from 'exceljs';

/** One row of a sheet: its row number in the sheet and its cells as text (trailing empty cells dropped). */
export interface WorkbookRow {
  line: number;
  cells: string[];
}

export type WorkbookFailure =
  /** not a zip at all, or a zip that is not a workbook exceljs can read (an old .xls, an .ods, a password) */
  | 'not_xlsx'
  /** what the zip says its parts inflate to is past MAX_INFLATED_BYTES */
  | 'too_large';

export class WorkbookError extends Error {
  constructor(readonly reason: WorkbookFailure) {
    super(`workbook refused: ${reason}`);
    this.name = 'WorkbookError';
  }
}

/**
 * What the parts of a workbook may inflate to, all together. A registry of 200,000
 * associations (the row cap) is about 40 MB of sheet XML; a file that says more is not a
 * province's registry, and is refused before anything is inflated.
 */
export const MAX_INFLATED_BYTES = 64 * 1024 * 1024;
/** A workbook has a few dozen parts; a zip of thousands is something else. */
const MAX_ZIP_ENTRIES = 2000;

/**
 * The sum of the uncompressed sizes a zip's central directory declares, or null when the bytes
 * are not a zip (no end-of-central-directory record, or a directory that runs off the end).
 * ZIP64 sizes (0xFFFFFFFF) count as past any limit.
 */
export function declaredInflatedSize(zip: Buffer): number | null {
  if (zip.length < 22 || zip.readUInt32LE(0) !== 0x04034b50) return null;
  // The end-of-central-directory record: 22 bytes, then a comment of at most 65,535.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const entries = zip.readUInt16LE(end + 10);
  if (entries > MAX_ZIP_ENTRIES) return Number.POSITIVE_INFINITY;
  let at = zip.readUInt32LE(end + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return null;
    const size = zip.readUInt32LE(at + 24);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

/** A whole number as Excel shows it in a General cell, without an exponent (code 101, not 101.0 or 1.01e2). */
function numberText(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) < 1e21) return value.toFixed(0);
  return String(value);
}

/**
 * A cell's value as text, as the office sees it in Excel: a number typed as a code (101) is
 * "101"; a real date is its calendar date YYYY-MM-DD (exceljs gives Excel's date at UTC
 * midnight: its UTC parts are the date Excel shows, whatever the server's time zone); a
 * boolean is true/false; rich text is its text; a hyperlink (an email) its text; a formula its
 * cached result; an error its code (#N/A), which no column accepts.
 */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    const pad = (n: number, width = 2) => String(n).padStart(width, '0');
    return `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return value.richText.map((part) => part.text ?? '').join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: CellValue }).result);
    if ('hyperlink' in value) return cellText((value as { text?: CellValue }).text);
    if ('error' in value) return String(value.error);
    if ('text' in value) return cellText((value as { text?: CellValue }).text);
  }
  return '';
}

function rowsOf(sheet: Worksheet): WorkbookRow[] {
  const rows: WorkbookRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    // row.values is 1-based and sparse: index 0 is always empty.
    const values = Array.isArray(row.values) ? row.values : [];
    const cells: string[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
    while (cells.length > 0 && cells[cells.length - 1]!.trim() === '') cells.pop();
    if (cells.length > 0) rows.push({ line, cells });
  });
  return rows;
}

/** A sheet's name as it is compared: NFC, lower case, spaces folded. */
const foldName = (name: string): string => name.normalize('NFC').trim().toLocaleLowerCase('vi').replace(/\s+/gu, ' ');

/**
 * The rows of the sheets asked for, each found by any of its names (NFC, whatever the case);
 * a sheet the workbook does not have is absent from the answer. Throws WorkbookError when the
 * bytes are not a workbook, or say they inflate past MAX_INFLATED_BYTES.
 */
export async function readWorkbookSheets<K extends string>(bytes: Buffer, sheets: Readonly<Record<K, readonly string[]>>): Promise<Partial<Record<K, WorkbookRow[]>>> {
  const inflated = declaredInflatedSize(bytes);
  if (inflated === null) throw new WorkbookError('not_xlsx');
  if (inflated > MAX_INFLATED_BYTES) throw new WorkbookError('too_large');
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its Buffer as an ArrayBuffer; it hands the bytes to JSZip, which takes a Node Buffer.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new WorkbookError('not_xlsx');
  }
  const byName = new Map(workbook.worksheets.map((sheet) => [foldName(sheet.name), sheet]));
  const found: Partial<Record<K, WorkbookRow[]>> = {};
  for (const key of Object.keys(sheets) as K[]) {
    const sheet = sheets[key].map((name) => byName.get(foldName(name))).find((s) => s !== undefined);
    if (sheet) found[key] = rowsOf(sheet);
  }
  return found;
}
