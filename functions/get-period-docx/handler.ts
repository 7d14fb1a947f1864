import { loadPeriod, parsePeriodCode } from '../../shared/app/periods.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { periodDownload, wantsLink } from '../../shared/http/period-download.ts';

// GET /periods/{code}/report.docx: the period's report as a Word file, written by its close beside the PDF.
export const handler = httpHandler('get-period-docx', async (request) => {
  const asLink = wantsLink(request);
  return periodDownload(await loadPeriod(parsePeriodCode(request.path.code), request.principal!), 'docx', asLink);
});
