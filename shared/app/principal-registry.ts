// A token names a unit or an association; it acts in a cycle only if the cycle's registry has
// it (SPEC section 8). The one place that decides it, so that a change in how the registry is
// stored changes this function and nothing else.
import { registeredUnitLevel, isRegisteredAssociation } from '../adapters/registry-members.ts';
import { getCycle, getUnits } from '../adapters/store.ts';
import type { Principal } from '../auth/tokens.ts';
import { ApiError } from '../http/errors.ts';
import { msg } from '../http/messages.ts';

/**
 * Refuses (403) a principal whose association, or reviewer unit, is not in the year's registry,
 * and a province token whose unit is not the registry's root. A cycle that does not exist or
 * has no registry yet refuses nobody here: the route answers 404 or 409 itself, and the
 * province must be able to open a cycle and import its first registry.
 * The common case costs one GetItem; a refusal reads the cycle as well.
 */
export async function assertPrincipalInRegistry(principal: Principal, year: number): Promise<void> {
  if (principal.role === 'association') {
    if (await isRegisteredAssociation(year, principal.association!)) return;
  } else {
    const level = await registeredUnitLevel(year, principal.unit!);
    if (level !== null && (principal.role === 'reviewer' || level === 'province')) return;
  }
  const cycle = await getCycle(year);
  if (!cycle?.registryImportedAt) return;
  if (principal.role === 'association') throw new ApiError(403, 'not_in_registry', msg.associationNotInRegistry(principal.association!, year));
  if (principal.role === 'reviewer') throw new ApiError(403, 'not_in_registry', msg.unitNotInRegistry(principal.unit!, year));
  // The root is named to the holder of a genuine province token only, so that a client
  // holding the signing key (the CLI) can mint the right one; every page shows it anyway.
  const root = (await getUnits(year)).find((u) => u.level === 'province')?.code ?? '';
  throw new ApiError(403, 'not_in_registry', msg.provinceUnitNotRoot(principal.unit!, root, year), undefined, undefined, { registryRoot: root });
}
