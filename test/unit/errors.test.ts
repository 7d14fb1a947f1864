// A use case refuses in its own words; the API answers with the status and code SPEC section 7
// gives each refusal, the message in the caller's language, the fields and problems named.
import { describe, expect, it } from 'vitest';
import { conflict, FileIntegrity, Forbidden, invalid, NotInRegistry, notFound, registryInvalid, staleVersion } from '../../shared/app/errors.ts';
import { ApiError, asApiError, errorBody } from '../../shared/http/errors.ts';

const text = { vi: 'Không được.', en: 'Not allowed.' };
const field = { vi: 'Sai.', en: 'Wrong.' };

describe('the refusal table', () => {
  it.each([
    [notFound(text), 404, 'not_found'],
    [conflict(text), 409, 'conflict'],
    [staleVersion(text), 409, 'stale_version'],
    [invalid(text, { members: field }), 422, 'validation_failed'],
    [registryInvalid(text, []), 422, 'registry_invalid'],
    [new Forbidden(text), 403, 'forbidden'],
    [new NotInRegistry(text), 403, 'not_in_registry'],
    [new FileIntegrity(text), 500, 'file_integrity'],
  ])('%s answers %i %s', (refusal, status, code) => {
    const answer = asApiError(refusal);
    expect(answer?.status).toBe(status);
    expect(answer?.code).toBe(code);
  });

  it('writes the fields in the caller language, and the extra keys clients act on', () => {
    const answer = asApiError(invalid(text, { members: field }))!;
    expect(JSON.parse(errorBody(answer, 'vi'))).toEqual({ error: { code: 'validation_failed', message: 'Không được.', fields: { members: 'Sai.' } } });
    expect(JSON.parse(errorBody(answer, 'en')).error.fields).toEqual({ members: 'Wrong.' });
    const root = asApiError(new NotInRegistry(text, { extra: { registryRoot: 'LC' } }))!;
    expect(JSON.parse(errorBody(root, 'en')).error).toEqual({ code: 'not_in_registry', message: 'Not allowed.', registryRoot: 'LC' });
  });

  it('names each registry problem with its file and line', () => {
    const answer = asApiError(registryInvalid(text, [{ file: 'units', line: 3, message: field }]))!;
    expect(JSON.parse(errorBody(answer, 'vi')).error.problems).toEqual([{ file: 'units', line: 3, message: 'Sai.' }]);
  });

  it('keeps the HTTP layer own answers, and leaves anything else to become a 500', () => {
    const own = new ApiError(413, 'payload_too_large', text);
    expect(asApiError(own)).toBe(own);
    expect(asApiError(new Error('boom'))).toBeNull();
    expect(asApiError('not an error')).toBeNull();
  });
});
