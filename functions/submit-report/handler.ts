import { parseCode, parseYear } from '../../shared/app/common.ts';
import { submitReport } from '../../shared/app/reports.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

export const handler = httpHandler('submit-report', async ({ path, body, bodySource, principal }) =>
  json(
    200,
    await submitReport({ principal: principal!, year: parseYear(path.year), code: parseCode(path.association), body, source: bodySource ?? 'json' }),
  ),
);
