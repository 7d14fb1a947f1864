// GET /cycles (SPEC section 7): every cycle, newest first, for the pages' year switcher.
import { listCycles, type CycleListing } from '../adapters/cycle-store.ts';

export async function cycleList(): Promise<{ items: CycleListing[] }> {
  return { items: await listCycles() };
}
