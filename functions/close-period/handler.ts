import { parsePeriodCode, requestPeriodClose } from '../../shared/app/periods.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

// POST /periods/{code}/close → 202 {"status","revision"}.
export const handler = httpHandler('close-period', async ({ path, principal }) => json(202, await requestPeriodClose(parsePeriodCode(path.code), principal!)));
