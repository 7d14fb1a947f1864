import { parseYear } from '../../shared/app/common.ts';
import { cycleView } from '../../shared/app/cycles.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

export const handler = httpHandler('get-cycle', async ({ path, principal, lang }) =>
  json(200, await cycleView(parseYear(path.year), { role: principal!.role, lang })),
);
