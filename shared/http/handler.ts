// The chain for the jobs that take a token: the caller is a token that verifies, is not
// revoked, has a role the route allows and, on a cycle's routes, names a unit or association
// of that cycle's registry. Public jobs use public-handler.ts, which carries none of this.
import { TokenError, verifyToken, type Principal, type TokenFailure, type VerifiedToken } from '../auth/tokens.ts';
import { isRevoked } from '../adapters/revocations.ts';
import { verificationKey } from '../adapters/signing-key.ts';
import { assertPrincipalInRegistry } from '../app/principal-registry.ts';
import type { Role } from '../domain/types.ts';
import type { JobAccess } from './access.ts';
import { createHttpHandler } from './chain.ts';
import { ApiError } from './errors.ts';
import { msg } from '../app/messages.ts';

export * from './chain.ts';

/**
 * Who is calling, from the Authorization header alone (and the path's year): null for a
 * public route, else a token that verifies (one of the key set's keys, its lifetime within its
 * role's cap), not revoked, of a role the route allows, and, on a cycle's routes, naming a
 * unit or association of that cycle's registry; or a 401/403 ApiError. The embedded server
 * calls this too, before it reads the body. The revocation and registry reads run side by
 * side; a revoked token is answered 401 whatever else is wrong with it.
 */
export async function authenticate(authorization: string | undefined, allowed: JobAccess['allow'], year?: string): Promise<Principal | null> {
  if (allowed === 'public') return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new ApiError(401, 'unauthorized', msg.tokenMissing());
  let token: VerifiedToken;
  try {
    token = await verifyToken(match[1]!, verificationKey);
  } catch (error) {
    if (error instanceof TokenError) throw tokenRefused(error.reason);
    throw error;
  }
  const { principal } = token;
  const roleAllowed = (allowed as readonly Role[]).includes(principal.role);
  const [revoked, inRegistry] = await Promise.allSettled([
    isRevoked(token.jti),
    roleAllowed && year !== undefined && /^[0-9]{4}$/.test(year) ? assertPrincipalInRegistry(principal, Number(year)) : Promise.resolve(),
  ]);
  if (revoked.status === 'rejected') throw revoked.reason;
  if (revoked.value) throw tokenRefused('revoked');
  if (!roleAllowed) throw new ApiError(403, 'forbidden', msg.roleNotAllowed());
  if (inRegistry.status === 'rejected') throw inRegistry.reason;
  return principal;
}

function tokenRefused(reason: TokenFailure): ApiError {
  const text = { expired: msg.tokenExpired, too_long: msg.tokenTooLong, revoked: msg.tokenRevoked, missing: msg.tokenMissing, invalid: msg.tokenInvalid }[reason]();
  return new ApiError(401, 'unauthorized', text);
}

/**
 * The caller the embedded server (infra/local/http-server.ts) already authenticated for this
 * very event, before it read the body: the chain takes it instead of checking the token, its
 * revocation and the registry a second time. Keyed by the event object the server made, in
 * this process; on AWS no event is ever in it, and every request is checked here.
 */
const authenticatedByServer = new WeakMap<object, Principal | null>();

export function rememberCaller(event: object, principal: Principal | null): void {
  authenticatedByServer.set(event, principal);
}

export const httpHandler = createHttpHandler((authorization, allowed, year, event) =>
  authenticatedByServer.has(event) ? Promise.resolve(authenticatedByServer.get(event)!) : authenticate(authorization, allowed, year),
);
