import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  currentKeyOf,
  ensureLocalSigningKey,
  forgetSigningKey,
  LEGACY_KID,
  parseKeySet,
  readKeySetFile,
  rotateSigningKey,
  verificationKey,
} from '../../shared/adapters/signing-key.ts';
import { signToken, TOKEN_ISSUER, TokenError, TokenLifetimeError, verifyToken, type SigningKey } from '../../shared/auth/tokens.ts';

const key: SigningKey = { kid: 'k1', secret: new TextEncoder().encode('k'.repeat(48)) };
const otherKey: SigningKey = { kid: 'k1', secret: new TextEncoder().encode('o'.repeat(48)) };
const only = (k: SigningKey) => (kid: string) => (kid === k.kid ? k.secret : undefined);
const DAY = 86_400;
const now = () => Math.floor(Date.now() / 1000);

/** A token as a key holder could sign it by hand, with every claim chosen. */
function handMade(claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', kid: key.kid }): Promise<string> {
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).setIssuer(TOKEN_ISSUER).sign(key.secret);
}

describe('access tokens', () => {
  it('round-trips each role with its claims, and carries iat, a random jti and the key id', async () => {
    for (const principal of [
      { role: 'association', association: 'LC-CTD' },
      { role: 'reviewer', unit: 'LC-TD' },
      { role: 'province', unit: 'LC' },
    ] as const) {
      const token = await signToken(principal, key, 60);
      const verified = await verifyToken(token, only(key));
      expect(verified.principal).toEqual(principal);
      expect(verified).toMatchObject({ kid: 'k1', exp: verified.iat + 60 });
      expect(verified.jti).toMatch(/^[0-9a-f-]{36}$/);
      expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'HS256', kid: 'k1' });
    }
    const twice = [await signToken({ role: 'province', unit: 'LC' }, key, 60), await signToken({ role: 'province', unit: 'LC' }, key, 60)];
    expect(decodeJwt(twice[0]!).jti).not.toBe(decodeJwt(twice[1]!).jti);
  });

  it('refuses expired, foreign, unsigned and malformed tokens', async () => {
    await expect(verifyToken(await signToken({ role: 'province', unit: 'LC' }, key, -5), only(key))).rejects.toMatchObject({ reason: 'expired' });
    await expect(verifyToken(await signToken({ role: 'province', unit: 'LC' }, otherKey, 60), only(key))).rejects.toMatchObject({ reason: 'invalid' });
    const unsigned = new UnsecuredJWT({ role: 'province', unit: 'LC', jti: 'x' }).setIssuer(TOKEN_ISSUER).setIssuedAt().setExpirationTime('1h').encode();
    await expect(verifyToken(unsigned, only(key))).rejects.toBeInstanceOf(TokenError);
    await expect(verifyToken('not.a.token', only(key))).rejects.toBeInstanceOf(TokenError);
  });

  it('refuses a validly signed token whose claims do not fit its role, or that lacks exp, iat, jti or kid', async () => {
    const full = { role: 'province', unit: 'LC', iat: now(), exp: now() + 60, jti: 'j-1' };
    expect((await verifyToken(await handMade(full), only(key))).jti).toBe('j-1');
    await expect(verifyToken(await handMade({ ...full, role: 'reviewer', unit: undefined }), only(key))).rejects.toMatchObject({ reason: 'invalid' });
    for (const missing of ['exp', 'iat', 'jti'] as const) {
      const { [missing]: _dropped, ...rest } = full;
      await expect(verifyToken(await handMade(rest), only(key)), missing).rejects.toMatchObject({ reason: 'invalid' });
    }
    await expect(verifyToken(await handMade(full, { alg: 'HS256' }), only(key))).rejects.toMatchObject({ reason: 'invalid' });
    await expect(verifyToken(await handMade({ ...full, jti: 'has space' }), only(key))).rejects.toMatchObject({ reason: 'invalid' });
  });

  it('caps the lifetime per role: 400 days for associations and reviewers, 31 for the province', async () => {
    const at = now();
    const lives = (role: 'association' | 'reviewer' | 'province', days: number) => {
      const who = role === 'association' ? { association: 'A' } : { unit: 'U' };
      return handMade({ role, ...who, iat: at, exp: at + days * DAY, jti: `j-${role}-${days}` }).then((t) => verifyToken(t, only(key)));
    };
    await expect(lives('association', 400)).resolves.toBeTruthy();
    await expect(lives('reviewer', 400)).resolves.toBeTruthy();
    await expect(lives('province', 31)).resolves.toBeTruthy();
    await expect(lives('association', 401)).rejects.toMatchObject({ reason: 'too_long' });
    await expect(lives('reviewer', 401)).rejects.toMatchObject({ reason: 'too_long' });
    await expect(lives('province', 32)).rejects.toMatchObject({ reason: 'too_long' });
    // An iat in the future would let a token outlive its cap from today.
    const future = await handMade({ role: 'province', unit: 'U', iat: at + 300 * DAY, exp: at + 310 * DAY, jti: 'j-future' });
    await expect(verifyToken(future, only(key))).rejects.toMatchObject({ reason: 'invalid' });
    // Signing refuses what verification would refuse.
    await expect(signToken({ role: 'province', unit: 'LC' }, key, 32 * DAY)).rejects.toBeInstanceOf(TokenLifetimeError);
    await expect(signToken({ role: 'association', association: 'A' }, key, 401 * DAY)).rejects.toBeInstanceOf(TokenLifetimeError);
  });
});

describe('the signing key set', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tongket-keys-'));
  const file = join(dir, 'signing-key');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  afterEach(() => {
    delete process.env.TONGKET_SIGNING_KEY_FILE;
    forgetSigningKey();
  });

  it('reads an old single-key file as key k0, and the CloudFormation-generated secret as a one-key set', () => {
    expect(parseKeySet(`${'s'.repeat(64)}\n`)).toEqual({ current: LEGACY_KID, keys: { [LEGACY_KID]: 's'.repeat(64) } });
    expect(parseKeySet(JSON.stringify({ current: 'k1', k1: 'g'.repeat(64) }))).toEqual({ current: 'k1', keys: { k1: 'g'.repeat(64) } });
    expect(() => parseKeySet(JSON.stringify({ current: 'k2', k1: 'g'.repeat(64) }))).toThrow(/current/);
    expect(() => parseKeySet(JSON.stringify({ current: 'k1', k1: 'short' }))).toThrow(/invalid key/);
    expect(() => parseKeySet('short')).toThrow(/32/);
  });

  it('creates the file mode 0600, and rotation keeps earlier keys: old tokens verify, new ones carry the new kid', async () => {
    ensureLocalSigningKey(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    process.env.TONGKET_SIGNING_KEY_FILE = file;
    const first = currentKeyOf(readKeySetFile(file));
    const before = await signToken({ role: 'reviewer', unit: 'U' }, first, 60);
    // Loaded into this process's cache before the rotation, as a running server would have it.
    expect(await verificationKey(first.kid)).toEqual(first.secret);

    const kid = await rotateSigningKey();
    expect(kid).not.toBe(first.kid);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const set = readKeySetFile(file);
    expect(Object.keys(set.keys).sort()).toEqual([first.kid, kid].sort());
    const after = await signToken({ role: 'reviewer', unit: 'U' }, currentKeyOf(set), 60);
    expect(decodeProtectedHeader(after).kid).toBe(kid);
    // Both verify through the process's key set: the unknown kid made it re-read the file.
    expect((await verifyToken(before, verificationKey)).kid).toBe(first.kid);
    expect((await verifyToken(after, verificationKey)).kid).toBe(kid);
    expect(await verificationKey('k-never-issued')).toBeUndefined();
  });

  it('rotates an old single-key file into a set that still holds the old key', async () => {
    const legacy = join(dir, 'legacy-key');
    writeFileSync(legacy, 'L'.repeat(64), { mode: 0o600 });
    process.env.TONGKET_SIGNING_KEY_FILE = legacy;
    const old = await signToken({ role: 'province', unit: 'P' }, currentKeyOf(readKeySetFile(legacy)), 60);
    const kid = await rotateSigningKey();
    expect(JSON.parse(readFileSync(legacy, 'utf8'))).toMatchObject({ current: kid, [LEGACY_KID]: 'L'.repeat(64) });
    expect((await verifyToken(old, verificationKey)).kid).toBe(LEGACY_KID);
  });
});
