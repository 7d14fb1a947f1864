// POST /periods (SPEC section 12): a module of its own so that only this job bundles the
// configuration's schema.
import { now } from '../adapters/clock.ts';
import { createPeriod as putPeriod, getPeriod, type PeriodRecord } from '../adapters/period-store.ts';
import type { Principal } from '../auth/tokens.ts';
import { validatePeriodConfig } from '../domain/period-config.ts';
import { conflict, invalid } from './errors.ts';
import { msg } from './messages.ts';
import { assertMayAct } from './periods.ts';

/** POST /periods: validated whole, created once per code (409 when taken); nothing is written on a refusal. */
export async function createPeriod(body: unknown, principal: Principal): Promise<PeriodRecord> {
  const result = validatePeriodConfig(body);
  if (!result.ok) throw invalid(msg.periodInvalid(), result.fields);
  const config = result.value;
  await assertMayAct(principal, { config });
  if (!(await putPeriod(config, now().toISOString()))) throw conflict(msg.periodExists(config.code), { code: msg.periodExists(config.code) });
  return (await getPeriod(config.code))!;
}

