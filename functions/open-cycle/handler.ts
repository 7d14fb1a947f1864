import { cycleView, openCycle } from '../../shared/app/cycles.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

export const handler = httpHandler('open-cycle', async ({ body, principal, lang }) => {
  const cycle = await openCycle(body);
  return json(201, await cycleView(cycle.year, { role: principal!.role, lang }), { location: `/cycles/${cycle.year}` });
});
