import { loadPeriod, parsePeriodCode } from '../../shared/app/periods.ts';
import { httpHandler } from '../../shared/http/handler.ts';
import { periodJson } from '../../shared/http/period-download.ts';

// GET /periods/{code}/summary: the published summary of the period.
export const handler = httpHandler('get-period-summary', async ({ path, principal }) => periodJson(await loadPeriod(parsePeriodCode(path.code), principal!), 'json'));
