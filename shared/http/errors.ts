// The API's one error shape (SPEC section 7): {"error":{"code","message","fields"|"problems"}},
// message in Vietnamese unless the request asks for English.

export type Lang = 'vi' | 'en';
import type { Localized, RegistryProblem } from '../domain/localized.ts';

export type { Localized, RegistryProblem } from '../domain/localized.ts';

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

export const badRequest = (text: Localized, fields?: Record<string, Localized>) =>
  new ApiError(400, 'malformed_body', text, fields);
export const unauthorized = (text: Localized) => new ApiError(401, 'unauthorized', text);
export const forbidden = (text: Localized) => new ApiError(403, 'forbidden', text);
export const notFound = (text: Localized, fields?: Record<string, Localized>) =>
  new ApiError(404, 'not_found', text, fields);
export const conflict = (text: Localized, fields?: Record<string, Localized>) =>
  new ApiError(409, 'conflict', text, fields);
export const staleVersion = (text: Localized, fields?: Record<string, Localized>) =>
  new ApiError(409, 'stale_version', text, fields);
export const validationFailed = (text: Localized, fields: Record<string, Localized>) =>
  new ApiError(422, 'validation_failed', text, fields);
export const registryInvalid = (text: Localized, problems: RegistryProblem[]) =>
  new ApiError(422, 'registry_invalid', text, undefined, problems);

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
