import { loadPeriod, parsePeriodCode, periodView } from '../../shared/app/periods.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

// GET /periods/{code}: status, configuration, the step, the years read, the failure (province).
export const handler = httpHandler('get-period', async ({ path, principal, lang }) =>
  json(200, periodView(await loadPeriod(parsePeriodCode(path.code), principal!), { role: principal!.role, lang })),
);
