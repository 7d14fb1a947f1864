// The cycle's open state and its waiting execution, apart from cycles.ts so that a job that
// needs only these (the registry import) does not bundle the configuration schemas and the
// aggregation (cycles.ts re-exports them).
import { getCycle, type CycleRecord } from '../adapters/cycle-store.ts';
import { workflow } from '../adapters/workflow.ts';
import { Conflict } from './errors.ts';
import { msg } from './messages.ts';

/** Errors of a token that no longer waits (the execution moved on, timed out, or was lost). */
export const STALE_TOKEN_ERRORS = new Set(['InvalidToken', 'TaskDoesNotExist', 'TaskTimedOut']);

export function assertOpen(cycle: CycleRecord): void {
  if (cycle.status !== 'open') throw new Conflict(msg.cycleNotOpen(cycle.year, cycle.status));
}

/**
 * Makes the waiting execution look at the cycle's due time now rather than when its current
 * wait ends: call it whenever the due time may have moved or a due close may have become
 * possible (a registry import committed, a configuration change). Best effort and safe to race
 * with a close: the token is used once, and whoever loses finds it stale (requestClose then
 * starts a close of its own, which the woken execution defers to).
 */
export async function wakeAwaitingExecution(year: number): Promise<boolean> {
  const cycle = await getCycle(year);
  if (!cycle || cycle.status !== 'open' || !cycle.taskToken) return false;
  try {
    await workflow().sendTaskSuccess(cycle.taskToken, { year, wake: true });
    return true;
  } catch (error) {
    // Not waiting any more (it is checking right now, or was lost): nothing to wake.
    if (STALE_TOKEN_ERRORS.has((error as { name?: string }).name ?? '')) return false;
    throw error;
  }
}
