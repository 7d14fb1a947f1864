// A list answered as a file to download (the access links, the reports to chase): CSV as text,
// a workbook as base64. A Lambda's answer holds at most 6 MB, so a file that would not fit is
// refused with a message that says how to ask for less (one unit at a time), never cut short.
import type { Result } from './chain.ts';
import { invalid } from '../app/errors.ts';
import { spreadsheetCsv } from '../domain/commended-csv.ts';
import type { Localized } from '../domain/localized.ts';
import { workbookOf, XLSX_TYPE } from '../format/workbook.ts';

/** Below Lambda's 6 MB answer limit, with room for the headers and the JSON envelope. */
export const MAX_FILE_ANSWER_BYTES = 5_500_000;

const tooLarge: Localized = {
  vi: 'Danh sách quá lớn để tải về một lần; vui lòng chọn từng đơn vị (tham số unit).',
  en: 'The list is too large for one download; please ask for one unit at a time (the unit parameter).',
};

/** The file as the answer; `filename` is ASCII (codes, years and fixed words only). */
export function fileAnswer(body: string | Buffer, contentType: string, filename: string): Result {
  const binary = typeof body !== 'string';
  const size = binary ? Math.ceil(body.length / 3) * 4 : Buffer.byteLength(body, 'utf8');
  if (size > MAX_FILE_ANSWER_BYTES) throw invalid(tooLarge, { unit: tooLarge });
  return {
    statusCode: 200,
    headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' },
    body: binary ? body.toString('base64') : body,
    ...(binary ? { isBase64Encoded: true } : {}),
  };
}

/**
 * A table as a download: CSV (UTF-8 with a BOM, CRLF, every cell made safe for a spreadsheet:
 * spreadsheetCsv) or a one-sheet workbook. exceljs is loaded only here, for a workbook.
 */
export async function tableAnswer(table: { format: 'csv' | 'xlsx'; basename: string; sheet: string; header: readonly string[]; rows: readonly (readonly string[])[] }): Promise<Result> {
  if (table.format === 'csv') {
    return fileAnswer(spreadsheetCsv([table.header, ...table.rows], { bom: true, crlf: true }), 'text/csv; charset=utf-8', `${table.basename}.csv`);
  }
  return fileAnswer(await workbookOf([{ name: table.sheet, header: table.header, rows: table.rows }]), XLSX_TYPE, `${table.basename}.xlsx`);
}
