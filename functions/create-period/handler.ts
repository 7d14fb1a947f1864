import { createPeriod } from '../../shared/app/period-create.ts';
import { periodView } from '../../shared/app/periods.ts';
import { httpHandler, json } from '../../shared/http/handler.ts';

// POST /periods (SPEC section 12): → 201 with the period.
export const handler = httpHandler('create-period', async ({ body, principal, lang }) => {
  const period = await createPeriod(body, principal!);
  return json(201, periodView(period, { role: principal!.role, lang }), { location: `/periods/${period.code}` });
});
