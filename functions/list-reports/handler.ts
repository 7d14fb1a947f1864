import { parseYear } from '../../shared/app/common.ts';
import { listReports } from '../../shared/app/reports.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

export const handler = httpHandler('list-reports', async ({ path, query, principal }) =>
  json(200, await listReports(principal!, parseYear(path.year), query)),
);
