import { loadPeriod, parsePeriodCode } from '../../shared/app/periods.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { periodDownload, wantsLink } from '../../shared/http/period-download.ts';

// GET /periods/{code}/report.pdf: the period's report, a PDF download.
export const handler = httpHandler('get-period-pdf', async (request) => {
  const asLink = wantsLink(request);
  return periodDownload(await loadPeriod(parsePeriodCode(request.path.code), request.principal!), 'pdf', asLink);
});
