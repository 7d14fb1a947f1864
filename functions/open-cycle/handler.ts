import { cycleView, openCycle } from '../../shared/app/cycles.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

export const handler = httpHandler('open-cycle', async ({ body }) => {
  const cycle = await openCycle(body);
  return json(201, await cycleView(cycle.year), { location: `/cycles/${cycle.year}` });
});
