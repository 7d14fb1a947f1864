import { SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signToken, TOKEN_ISSUER, TokenError, verifyToken } from '../../shared/auth/tokens.ts';

const key = new TextEncoder().encode('k'.repeat(48));
const otherKey = new TextEncoder().encode('o'.repeat(48));

describe('access tokens', () => {
  it('round-trips each role with its claims', async () => {
    expect(await verifyToken(await signToken({ role: 'association', association: 'LC-CTD' }, key, 60), key)).toEqual({ role: 'association', association: 'LC-CTD' });
    expect(await verifyToken(await signToken({ role: 'reviewer', unit: 'LC-TD' }, key, 60), key)).toEqual({ role: 'reviewer', unit: 'LC-TD' });
    expect(await verifyToken(await signToken({ role: 'province', unit: 'LC' }, key, 60), key)).toEqual({ role: 'province', unit: 'LC' });
  });

  it('refuses expired, foreign, unsigned and malformed tokens', async () => {
    await expect(verifyToken(await signToken({ role: 'province', unit: 'LC' }, key, -5), key)).rejects.toMatchObject({ reason: 'expired' });
    await expect(verifyToken(await signToken({ role: 'province', unit: 'LC' }, otherKey, 60), key)).rejects.toMatchObject({ reason: 'invalid' });
    const unsigned = new UnsecuredJWT({ role: 'province', unit: 'LC' }).setIssuer(TOKEN_ISSUER).setExpirationTime('1h').encode();
    await expect(verifyToken(unsigned, key)).rejects.toBeInstanceOf(TokenError);
    await expect(verifyToken('not.a.token', key)).rejects.toBeInstanceOf(TokenError);
  });

  it('refuses a validly signed token whose claims do not fit its role', async () => {
    const reviewerWithoutUnit = await new SignJWT({ role: 'reviewer' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(TOKEN_ISSUER).setExpirationTime('1h').sign(key);
    await expect(verifyToken(reviewerWithoutUnit, key)).rejects.toMatchObject({ reason: 'invalid' });
    const noExpiry = await new SignJWT({ role: 'province', unit: 'LC' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(TOKEN_ISSUER).sign(key);
    await expect(verifyToken(noExpiry, key)).rejects.toMatchObject({ reason: 'invalid' });
  });
});
