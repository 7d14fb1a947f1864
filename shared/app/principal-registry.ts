// A token names a unit or an association; it acts in a cycle only if the cycle's registry has
// it (SPEC section 8). The one place that decides it, so that a change in how the registry is
// stored changes this function and nothing else.
import { getRegistryRow, getUnit, getUnits, type RegistryRow } from '../adapters/registry-store.ts';
import { getCycle, type CycleRecord } from '../adapters/cycle-store.ts';
import type { Principal } from '../auth/tokens.ts';
import { NotInRegistry } from './errors.ts';
import { msg } from './messages.ts';

/**
 * Refuses (403) a principal whose association, or reviewer unit, is not in the year's
 * committed registry, and a province token whose unit is not the registry's root. A cycle that
 * does not exist or has no registry yet refuses nobody here: the route answers 404 or 409
 * itself, and the province must be able to open a cycle and import its first registry.
 * It costs the cycle's GetItem and one GetItem in its registry version.
 */
export async function assertPrincipalInRegistry(principal: Principal, year: number): Promise<void> {
  const cycle = await getCycle(year);
  if (!cycle || cycle.registryVersion === undefined) return;
  const version = cycle.registryVersion;
  if (principal.role === 'association') {
    const row = await getRegistryRow(year, version, principal.association!);
    if (row) {
      seen.set(principal, { cycle, row });
      return;
    }
    throw new NotInRegistry(msg.associationNotInRegistry(principal.association!, year));
  }
  const unit = await getUnit(year, version, principal.unit!);
  if (unit && (principal.role === 'reviewer' || unit.parentCode === null)) return;
  if (principal.role === 'reviewer') throw new NotInRegistry(msg.unitNotInRegistry(principal.unit!, year));
  // The root is named to the holder of a genuine province token only, so that a client
  // holding the signing key (the CLI) can mint the right one; every page shows it anyway.
  const root = (await getUnits(year, version)).find((u) => u.parentCode === null)?.code ?? '';
  throw new NotInRegistry(msg.provinceUnitNotRoot(principal.unit!, root, year), { extra: { registryRoot: root } });
}

/**
 * What the check read for an association's token on this request: the cycle and the
 * association's registry row. A principal is made per request (verifyToken), so the
 * submission that follows reads neither again (shared/app/reports.ts submitReport); its
 * transaction re-checks the cycle atomically, as it did after reads of its own.
 */
const seen = new WeakMap<Principal, { cycle: CycleRecord; row: RegistryRow }>();

/** The cycle and registry row the check read for `principal` in `year`, if it read them. */
export function readByRegistryCheck(principal: Principal, year: number): { cycle: CycleRecord; row: RegistryRow } | undefined {
  const read = seen.get(principal);
  return read && read.cycle.year === year ? read : undefined;
}
