import { parseCode, parseYear } from '../../shared/app/common.ts';
import { readReport } from '../../shared/app/reports.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

export const handler = httpHandler('get-report', async ({ path, principal }) =>
  json(200, await readReport(principal!, parseYear(path.year), parseCode(path.association))),
);
