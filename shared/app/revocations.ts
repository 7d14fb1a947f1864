// POST /tokens/revocations (SPEC sections 7 and 8): the province refuses one token from then on.
import { putRevocation } from '../adapters/revocations.ts';
import { CLOCK_TOLERANCE_SECONDS, JTI, LONGEST_LIFETIME_SECONDS, type Principal } from '../auth/tokens.ts';
import { invalid } from './errors.ts';
import type { Localized } from '../domain/localized.ts';
import { msg } from './messages.ts';
import { actorOf } from './scope.ts';
import { nowIso } from './common.ts';

const invalidRevocation: Localized = { vi: 'Yêu cầu thu hồi không hợp lệ.', en: 'The revocation request is not valid.' };

export async function revokeToken(principal: Principal, body: unknown): Promise<void> {
  const jti = parseRevocation(body);
  // Only the jti is sent, not the token: no token with this jti can still be valid after the
  // longest lifetime from now (its iat is not in the future), and DynamoDB's TTL may drop the item then.
  const expiresAt = Math.floor(Date.now() / 1000) + LONGEST_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS;
  await putRevocation({ jti, at: nowIso(), by: actorOf(principal), expiresAt });
}

/**
 * Refuses the token `jti` from now on, as POST /tokens/revocations does: for a token whose `exp`
 * is known (an access link being renewed), the revocation is kept until it expires.
 */
export async function revokeKnownToken(args: { jti: string; exp: number; by: Principal }): Promise<void> {
  await putRevocation({ jti: args.jti, at: nowIso(), by: actorOf(args.by), expiresAt: args.exp + CLOCK_TOLERANCE_SECONDS });
}

function parseRevocation(body: unknown): string {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid(invalidRevocation, { jti: msg.jtiRequired() });
  const fields: Record<string, Localized> = {};
  for (const key of Object.keys(body)) if (key !== 'jti') fields[key] = msg.unknownField();
  const { jti } = body as { jti?: unknown };
  if (jti === undefined || jti === null || jti === '') fields.jti = msg.jtiRequired();
  else if (typeof jti !== 'string' || !JTI.test(jti)) fields.jti = msg.badJti();
  if (Object.keys(fields).length > 0) throw invalid(invalidRevocation, fields);
  return jti as string;
}
