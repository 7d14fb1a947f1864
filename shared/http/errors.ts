// The API's one error shape (SPEC section 7): {"error":{"code","message","fields"|"problems"}},
// message in Vietnamese unless the request asks for English.
import { Refusal, type RefusalKind } from '../app/errors.ts';
import type { Lang, Localized, RegistryProblem } from '../domain/localized.ts';

export type { Lang, Localized, RegistryProblem } from '../domain/localized.ts';

export type ErrorCode =
  | 'malformed_body'
  | 'unauthorized'
  | 'forbidden'
  | 'not_in_registry'
  | 'not_found'
  | 'conflict'
  | 'stale_version'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'validation_failed'
  | 'registry_invalid'
  | 'method_not_allowed'
  | 'file_integrity'
  | 'internal';

/**
 * An answer of the HTTP layer itself (a token refused, a body too large or malformed, no such
 * route) or a use case's refusal once mapped (asApiError).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    readonly text: Localized,
    readonly fields?: Record<string, Localized>,
    readonly problems?: RegistryProblem[],
    /** more keys of the error object, for clients that act on them (SPEC: more keys may be added) */
    readonly extra?: Record<string, string>,
  ) {
    super(text.en);
    this.name = 'ApiError';
  }
}

/**
 * The one table from a use case's refusal to the API's answer (SPEC section 7): each kind of
 * shared/app/errors.ts has its status and its error code here, and nowhere else.
 */
export const REFUSAL_STATUS: Readonly<Record<RefusalKind, { status: number; code: ErrorCode }>> = {
  not_found: { status: 404, code: 'not_found' },
  conflict: { status: 409, code: 'conflict' },
  stale_version: { status: 409, code: 'stale_version' },
  invalid: { status: 422, code: 'validation_failed' },
  registry_invalid: { status: 422, code: 'registry_invalid' },
  forbidden: { status: 403, code: 'forbidden' },
  not_in_registry: { status: 403, code: 'not_in_registry' },
  file_integrity: { status: 500, code: 'file_integrity' },
};

/** Any error as the API answers it: a refusal by the table, an ApiError as it is, anything else null (a 500). */
export function asApiError(error: unknown): ApiError | null {
  if (error instanceof ApiError) return error;
  if (error instanceof Refusal) {
    const { status, code } = REFUSAL_STATUS[error.kind];
    const { fields, problems, extra } = error.details;
    return new ApiError(status, code, error.text, fields, problems, extra);
  }
  return null;
}

export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'vi';
  // The first language the client names wins; anything not English gets Vietnamese.
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}

export function errorBody(error: ApiError, lang: Lang): string {
  const body: Record<string, unknown> = { code: error.code, message: error.text[lang], ...error.extra };
  if (error.fields) {
    body.fields = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k, v[lang]]));
  }
  if (error.problems) {
    body.problems = error.problems.map((p) => ({ file: p.file, line: p.line, message: p.message[lang] }));
  }
  return JSON.stringify({ error: body });
}
