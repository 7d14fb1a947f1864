// A small workbook writer for the office's lists (access links, reports to chase): one sheet
// per table, a bold frozen header row with a filter, columns wide enough to read. exceljs is
// heavy, so it is loaded only when a workbook is asked for, after the caller was authorised;
// on AWS it is installed beside the bundle, not inside it (infra/stack.ts LAMBDA_INSTALLED_MODULES).

export type Cell = string | number | null;

export interface Sheet {
  /** the tab's name: at most 31 characters, none of : \ / ? * [ ] */
  name: string;
  header: readonly string[];
  rows: readonly (readonly Cell[])[];
  /** column widths in characters; by default from the longest value, within 8–60 */
  widths?: readonly number[];
}

/** The media type of an .xlsx file. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/** The .xlsx file of these sheets. Values are written as values, never as formulas. */
export async function workbookOf(sheets: readonly Sheet[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Tổng kết';
  // A fixed date: the same rows give the same workbook content.
  workbook.created = new Date(0);
  workbook.modified = new Date(0);
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.header.map((header, i) => ({ header, key: `c${i}`, width: sheet.widths?.[i] ?? widthOf(header, sheet.rows, i) }));
    ws.getRow(1).font = { bold: true };
    for (const row of sheet.rows) ws.addRow([...row]);
    if (sheet.header.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + sheet.rows.length, column: sheet.header.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function widthOf(header: string, rows: readonly (readonly Cell[])[], column: number): number {
  let longest = header.length;
  for (const row of rows) {
    const value = row[column];
    if (value !== null && value !== undefined) longest = Math.max(longest, String(value).length);
  }
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
}
