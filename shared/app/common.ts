import { now } from '../adapters/clock.ts';
import { getCycle, type CycleRecord } from '../adapters/cycle-store.ts';
import { notFound } from './errors.ts';
import { msg } from './messages.ts';

const CODE = /^[A-Za-z0-9_-]{1,40}$/;

export function parseYear(raw: string | undefined): number {
  if (!raw || !/^[0-9]{4}$/.test(raw)) throw notFound(msg.badYear(), { year: msg.badYear() });
  return Number(raw);
}

export function parseCode(raw: string | undefined, field = 'association'): string {
  if (!raw || !CODE.test(raw)) throw notFound(msg.badCode(), { [field]: msg.badCode() });
  return raw;
}

export async function loadCycle(year: number): Promise<CycleRecord> {
  const cycle = await getCycle(year);
  if (!cycle) throw notFound(msg.cycleNotFound(year), { year: msg.cycleNotFound(year) });
  return cycle;
}

export const nowIso = (): string => now().toISOString();

/** Today's date in Asia/Ho_Chi_Minh, YYYY-MM-DD. */
export function todayInVietnam(at: Date = now()): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}
