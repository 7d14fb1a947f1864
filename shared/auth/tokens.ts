// Access tokens (SPEC section 8): HS256 JWTs with role, unit, association, exp, iat, jti and a
// `kid` header naming the signing key. Only HS256 is accepted, so `alg: none` and
// key-confusion tokens fail verification.
import { randomUUID } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT, type JWTHeaderParameters } from 'jose';
// zod/mini: every handler verifies tokens, and the full zod would weigh on those that validate nothing else.
import * as z from 'zod/mini';
import { ROLES, type Role } from '../domain/types.ts';

export const TOKEN_ISSUER = 'tongket';
const ALGORITHM = 'HS256';
const CODE = /^[A-Za-z0-9_-]{1,40}$/;
/** A token id: randomUUID's form, or anything of that alphabet (a revocation names it). */
export const JTI = /^[A-Za-z0-9_-]{1,64}$/;
/** A key id; `current` is the key set's own pointer (shared/adapters/signing-key.ts), never a kid. */
export const KID = /^(?!current$)[A-Za-z0-9_-]{1,64}$/;

const DAY = 86_400;
/** SPEC section 8: the longest a token of each role may live, from `iat` to `exp`. */
export const MAX_LIFETIME_DAYS: Readonly<Record<Role, number>> = { association: 400, reviewer: 400, province: 31 };
/** The latest `exp` any token can have is its `iat` plus this: a revocation is kept that long. */
export const LONGEST_LIFETIME_SECONDS = Math.max(...Object.values(MAX_LIFETIME_DAYS)) * DAY;
/** Another machine's clock may run a little ahead: an `iat` up to this far in the future passes. */
export const CLOCK_TOLERANCE_SECONDS = 60;

export interface Principal {
  role: Role;
  /** reviewer and province: the unit they act for */
  unit?: string;
  /** association: its code */
  association?: string;
}

/** What a verified token says beyond who it is for: revocation names `jti`. */
export interface VerifiedToken {
  principal: Principal;
  jti: string;
  kid: string;
  iat: number;
  exp: number;
}

export interface SigningKey {
  kid: string;
  secret: Uint8Array;
}

/** Finds the secret of a key id; undefined for a key this side does not know. */
export type KeyResolver = (kid: string) => Promise<Uint8Array | undefined> | Uint8Array | undefined;

const code = z.string().check(z.regex(CODE));
const claimsSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('association'), association: code }),
  z.object({ role: z.literal('reviewer'), unit: code }),
  z.object({ role: z.literal('province'), unit: code }),
]);
const registeredSchema = z.object({
  jti: z.string().check(z.regex(JTI)),
  iat: z.number().check(z.int()),
  exp: z.number().check(z.int()),
});

export type TokenFailure = 'missing' | 'expired' | 'invalid' | 'too_long' | 'revoked';

export class TokenError extends Error {
  constructor(readonly reason: TokenFailure) {
    super(`token ${reason}`);
    this.name = 'TokenError';
  }
}

/** Thrown when asked to sign a token longer than its role's cap. */
export class TokenLifetimeError extends Error {
  constructor(
    readonly role: Role,
    readonly maxDays: number,
  ) {
    super(`a ${role} token lives at most ${maxDays} days`);
    this.name = 'TokenLifetimeError';
  }
}

export async function signToken(principal: Principal, key: SigningKey, expiresInSeconds: number): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return signTokenWith(principal, key, { jti: randomUUID(), iat: now, exp: now + expiresInSeconds });
}

/** The registered claims of a token that is signed again from stored claims (an access link). */
export interface TokenClaims {
  jti: string;
  iat: number;
  exp: number;
}

/**
 * Signs a token with given registered claims. HS256 is deterministic, so the same principal,
 * key and claims always give the same string: an access link stored as its claims is the same
 * link at each download.
 */
export async function signTokenWith(principal: Principal, key: SigningKey, registered: TokenClaims): Promise<string> {
  const claims = claimsSchema.parse(principal);
  const maxDays = MAX_LIFETIME_DAYS[claims.role];
  if (registered.exp - registered.iat > maxDays * DAY) throw new TokenLifetimeError(claims.role, maxDays);
  if (!KID.test(key.kid)) throw new Error(`invalid key id ${JSON.stringify(key.kid)}`);
  if (!JTI.test(registered.jti)) throw new Error(`invalid token id ${JSON.stringify(registered.jti)}`);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid: key.kid })
    .setIssuer(TOKEN_ISSUER)
    .setIssuedAt(registered.iat)
    .setExpirationTime(registered.exp)
    .setJti(registered.jti)
    .sign(key.secret);
}

export async function verifyToken(token: string, keys: KeyResolver): Promise<VerifiedToken> {
  let payload: unknown;
  let kid = '';
  const keyOf = async (header: JWTHeaderParameters): Promise<Uint8Array> => {
    // No kid, or one we never issued: nothing to verify with, hence not ours.
    if (typeof header.kid !== 'string' || !KID.test(header.kid)) throw new TokenError('invalid');
    const secret = await keys(header.kid);
    if (!secret) throw new TokenError('invalid');
    kid = header.kid;
    return secret;
  };
  try {
    ({ payload } = await jwtVerify(token, keyOf, { algorithms: [ALGORITHM], issuer: TOKEN_ISSUER, requiredClaims: ['exp', 'iat', 'jti'] }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new TokenError('expired');
    throw new TokenError('invalid');
  }
  const claims = claimsSchema.safeParse(payload);
  const registered = registeredSchema.safeParse(payload);
  if (!claims.success || !registered.success) throw new TokenError('invalid');
  const { jti, iat, exp } = registered.data;
  // An iat in the future would stretch the lifetime cap; a lifetime past the cap was not minted by us.
  if (iat > Math.floor(Date.now() / 1000) + CLOCK_TOLERANCE_SECONDS) throw new TokenError('invalid');
  if (exp - iat > MAX_LIFETIME_DAYS[claims.data.role] * DAY) throw new TokenError('too_long');
  return { principal: claims.data, jti, kid, iat, exp };
}

/** The claims of a token, unverified: for the CLI, which revokes a token it was handed. */
export function unverifiedJti(token: string): string | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const jti = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { jti?: unknown }).jti;
    return typeof jti === 'string' && JTI.test(jti) ? jti : null;
  } catch {
    return null;
  }
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
