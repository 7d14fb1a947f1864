import { invalid } from '../../shared/app/errors.ts';
import { msg } from '../../shared/app/messages.ts';
import { loadPeriod, parsePeriodCode } from '../../shared/app/periods.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { periodDownload, periodJson, wantsLink } from '../../shared/http/period-download.ts';

// GET /periods/{code}/commendations: the period's commended list, JSON or (?format=csv) a CSV download.
export const handler = httpHandler('get-period-commendations', async (request) => {
  const format = request.query.format ?? 'json';
  if (format !== 'json' && format !== 'csv') throw invalid(msg.badFormat(), { format: msg.badFormat() });
  const asLink = wantsLink(request);
  const period = await loadPeriod(parsePeriodCode(request.path.code), request.principal!);
  return format === 'json' ? periodJson(period, 'commendations') : periodDownload(period, 'csv', asLink);
});
