// How a use case refuses: typed errors in the use cases' own words (not found, conflict, a
// stale version, invalid input with its fields, a registry with its problems, forbidden, not
// in the registry, a published file altered). They know nothing of HTTP: shared/http maps each
// kind to a status and an error code in one table (shared/http/errors.ts).
import type { Localized, RegistryProblem } from '../domain/localized.ts';

export type RefusalKind = 'not_found' | 'conflict' | 'stale_version' | 'invalid' | 'registry_invalid' | 'forbidden' | 'not_in_registry' | 'file_integrity';

export interface RefusalDetails {
  /** the fields at fault, each with its message */
  fields?: Record<string, Localized>;
  /** the registry's problems, file and line */
  problems?: RegistryProblem[];
  /** more keys of the error object, for clients that act on them (e.g. registryRoot) */
  extra?: Record<string, string>;
}

export abstract class Refusal extends Error {
  abstract readonly kind: RefusalKind;
  constructor(
    readonly text: Localized,
    readonly details: RefusalDetails = {},
  ) {
    super(text.en);
  }
}

/** What was asked for does not exist (a cycle, a unit, an association, a revision). */
export class NotFound extends Refusal {
  readonly kind = 'not_found';
}
/** The request is well-formed but the state does not allow it now. */
export class Conflict extends Refusal {
  readonly kind = 'conflict';
}
/** The caller acted on a version of a report that is no longer the current one. */
export class StaleVersion extends Refusal {
  readonly kind = 'stale_version';
}
/** The input breaks a rule; each field at fault is named. */
export class Invalid extends Refusal {
  readonly kind = 'invalid';
}
/** The registry files break a rule; each problem is named with its file and line. */
export class RegistryInvalid extends Refusal {
  readonly kind = 'registry_invalid';
}
/** The caller is known but may not do this. */
export class Forbidden extends Refusal {
  readonly kind = 'forbidden';
}
/** The caller's unit or association is not in the cycle's registry. */
export class NotInRegistry extends Refusal {
  readonly kind = 'not_in_registry';
}
/** A published file no longer has the bytes that were published. */
export class FileIntegrity extends Refusal {
  readonly kind = 'file_integrity';
}

type Fields = Record<string, Localized>;
export const notFound = (text: Localized, fields?: Fields) => new NotFound(text, { fields });
export const conflict = (text: Localized, fields?: Fields) => new Conflict(text, { fields });
export const staleVersion = (text: Localized, fields?: Fields) => new StaleVersion(text, { fields });
export const invalid = (text: Localized, fields: Fields) => new Invalid(text, { fields });
export const registryInvalid = (text: Localized, problems: RegistryProblem[]) => new RegistryInvalid(text, { problems });
