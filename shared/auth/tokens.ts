// Access tokens (SPEC section 8): HS256 JWTs with role, unit, association and exp.
// Only HS256 is accepted, so `alg: none` and key-confusion tokens fail verification.
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
// zod/mini: every handler verifies tokens, and the full zod would weigh on those that validate nothing else.
import * as z from 'zod/mini';
import { ROLES, type Role } from '../domain/types.ts';

export const TOKEN_ISSUER = 'tongket';
const ALGORITHM = 'HS256';
const CODE = /^[A-Za-z0-9_-]{1,40}$/;

export interface Principal {
  role: Role;
  /** reviewer and province: the unit they act for */
  unit?: string;
  /** association: its code */
  association?: string;
}

const code = z.string().check(z.regex(CODE));
const claimsSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('association'), association: code }),
  z.object({ role: z.literal('reviewer'), unit: code }),
  z.object({ role: z.literal('province'), unit: code }),
]);

export class TokenError extends Error {
  constructor(readonly reason: 'missing' | 'expired' | 'invalid') {
    super(`token ${reason}`);
    this.name = 'TokenError';
  }
}

export async function signToken(principal: Principal, key: Uint8Array, expiresInSeconds: number): Promise<string> {
  const claims = claimsSchema.parse(principal);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setIssuer(TOKEN_ISSUER)
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSeconds)
    .sign(key);
}

export async function verifyToken(token: string, key: Uint8Array): Promise<Principal> {
  let payload: unknown;
  try {
    ({ payload } = await jwtVerify(token, key, { algorithms: [ALGORITHM], issuer: TOKEN_ISSUER, requiredClaims: ['exp'] }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw new TokenError('expired');
    throw new TokenError('invalid');
  }
  const parsed = claimsSchema.safeParse(payload);
  if (!parsed.success) throw new TokenError('invalid');
  return parsed.data;
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
