// The time the system acts at. Real time, unless TONGKET_CLOCK_START sets a simulated start
// (the demo replays December 2020; tests replay deadlines) from which time runs on normally.
import { environment, resetEnv } from '../env.ts';

const realStart = Date.now();
let offsetMs: number | undefined;

export function now(): Date {
  if (offsetMs === undefined) {
    const start = environment().TONGKET_CLOCK_START;
    const parsed = start ? Date.parse(start) : NaN;
    offsetMs = Number.isNaN(parsed) ? 0 : parsed - realStart;
  }
  return new Date(Date.now() + offsetMs);
}

/** For the embedded runtime and tests after they change TONGKET_CLOCK_START. */
export function resetClock(): void {
  resetEnv();
  offsetMs = undefined;
}
