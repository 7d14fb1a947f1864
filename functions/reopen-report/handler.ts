import { parseCode, parseYear } from '../../shared/app/common.ts';
import { reopenAfterClose } from '../../shared/app/reports.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

export const handler = httpHandler('reopen-report', async ({ path, body, principal }) =>
  json(200, await reopenAfterClose({ principal: principal!, year: parseYear(path.year), code: parseCode(path.association), body })),
);
