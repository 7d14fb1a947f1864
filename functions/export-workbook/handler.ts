import { parseYear } from '../../shared/app/common.ts';
import { workbookData } from '../../shared/app/export.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { fileAnswer, wantsExportLink } from '../../shared/http/export-download.ts';
import { writeWorkbook, XLSX_TYPE } from '../../shared/xlsx/workbook.ts';

// GET /cycles/{year}/export.xlsx: the office workbook of the caller's scope (reviewer: its unit's
// subtree; province: everything), while the cycle is open and once published.
export const handler = httpHandler('export-workbook', async (request) => {
  const year = parseYear(request.path.year);
  const asLink = wantsExportLink(request);
  const { data, filename } = await workbookData(request.principal!, year);
  return fileAnswer({ year, body: await writeWorkbook(data), filename, contentType: XLSX_TYPE, asLink });
});
