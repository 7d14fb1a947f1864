import { parseCode, parseYear } from '../../shared/app/common.ts';
import { readReport } from '../../shared/app/reports.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

// GET /cycles/{year}/reports/{association}; `?version=n` shows that version's fields.
export const handler = httpHandler('get-report', async ({ path, query, principal }) =>
  json(200, await readReport(principal!, parseYear(path.year), parseCode(path.association), query)),
);
