// The pages' reading of a token's claims (web/lib/token.ts): the same payload the server
// signs, no verification (the API verifies).
import { describe, expect, it } from 'vitest';
import { decodePayload, isExpired } from '../../web/lib/token.ts';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const jwt = (payload: unknown) => `${b64url({ alg: 'HS256', typ: 'JWT', kid: 'k1' })}.${b64url(payload)}.c2lnbmF0dXJl`;

describe('decodePayload', () => {
  it('reads the claims, UTF-8 included', () => {
    const payload = { role: 'association', association: 'LS-NCT', name: 'Hội Người cao tuổi', exp: 1_900_000_000 };
    expect(decodePayload(jwt(payload))).toEqual(payload);
  });

  it('reads base64url with and without padding', () => {
    for (const unit of ['A', 'AB', 'ABC', 'ABCD']) expect(decodePayload(jwt({ role: 'reviewer', unit }))?.unit).toBe(unit);
  });

  it.each([null, undefined, '', 'abc', 'a.b.c', 'a.%%%.c', `x.${Buffer.from('[1,2]').toString('base64url')}.y`, `x.${Buffer.from('42').toString('base64url')}.y`])(
    'answers null for %s',
    (token) => {
      expect(decodePayload(token)).toBeNull();
    },
  );
});

describe('isExpired', () => {
  it('compares exp (seconds) with now (milliseconds); no exp, no expiry here', () => {
    expect(isExpired({ exp: 100 }, 100_000)).toBe(false);
    expect(isExpired({ exp: 100 }, 100_001)).toBe(true);
    expect(isExpired({}, Date.now())).toBe(false);
  });
});
