// The one middy chain every API handler uses: headers normalised, body size and type
// checked, JSON or form parsed by middy's parsers, the token verified and the role checked,
// then the job's function; every failure leaves as the SPEC's error JSON, never a 5xx for
// bad input.
import { gunzipSync } from 'node:zlib';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpSecurityHeaders from '@middy/http-security-headers';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { TokenError, verifyToken, type Principal, type TokenFailure, type VerifiedToken } from '../auth/tokens.ts';
import { isRevoked } from '../adapters/revocations.ts';
import { verificationKey } from '../adapters/signing-key.ts';
import { assertPrincipalInRegistry } from '../app/principal-registry.ts';
import type { Role } from '../domain/types.ts';
import { ApiError, errorBody, pickLang, type Lang } from './errors.ts';
import { msg } from './messages.ts';

/** Bodies above this are refused with 413 before they are parsed (SPEC section 7). */
export const MAX_BODY_BYTES = 256 * 1024;
/** What a gzip body may inflate to. */
export const MAX_INFLATED_BYTES = 16 * 1024 * 1024;

export type BodyKind = 'none' | 'json' | 'json-or-form';

export interface RequestContext {
  event: APIGatewayProxyEventV2;
  lang: Lang;
  principal: Principal | null;
  /** parsed body: JSON value, or form fields; undefined when the route takes none */
  body: unknown;
  bodySource: 'json' | 'form' | null;
  path: Record<string, string>;
  query: Record<string, string>;
}

export interface HandlerOptions {
  /** who may call: 'public' for no token, else the roles allowed */
  allow: 'public' | readonly Role[];
  body?: BodyKind;
}

export type Result = APIGatewayProxyStructuredResultV2;
type Event = APIGatewayProxyEventV2 & { body?: unknown };

export function json(statusCode: number, value: unknown, headers: Record<string, string> = {}): Result {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(value),
  };
}

export function httpHandler(options: HandlerOptions, fn: (request: RequestContext) => Promise<Result>) {
  const bodyKind = options.body ?? 'none';
  return middy<Event, Result, Error, Context>()
    .use(httpHeaderNormalizer())
    .use(errorResponder())
    .use(httpSecurityHeaders({ contentSecurityPolicy: { 'default-src': "'none'", 'frame-ancestors': "'none'" } }))
    .use(bodyGuard(bodyKind))
    .use(httpJsonBodyParser({ disableContentTypeError: true }))
    .use(httpUrlencodeBodyParser({ disableContentTypeError: true }))
    .handler(async (event) => {
      const lang = pickLang(event.headers?.['accept-language']);
      const principal = options.allow === 'public' ? null : await authenticate(event, options.allow);
      const contentType = (event.headers?.['content-type'] ?? '').toLowerCase();
      const bodySource = bodyKind === 'none' ? null : contentType.includes('json') ? 'json' : 'form';
      return fn({
        event,
        lang,
        principal,
        body: bodyKind === 'none' ? undefined : event.body,
        bodySource,
        path: (event.pathParameters ?? {}) as Record<string, string>,
        query: (event.queryStringParameters ?? {}) as Record<string, string>,
      });
    });
}

/**
 * Who is calling: a token that verifies (one of the key set's keys, its lifetime within its
 * role's cap), not revoked, of a role the route allows, and, on a cycle's routes, naming a
 * unit or association of that cycle's registry. The revocation and registry reads run side by
 * side; a revoked token is answered 401 whatever else is wrong with it.
 */
async function authenticate(event: APIGatewayProxyEventV2, allowed: readonly Role[]): Promise<Principal> {
  const header = event.headers?.['authorization'] ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new ApiError(401, 'unauthorized', msg.tokenMissing());
  let token: VerifiedToken;
  try {
    token = await verifyToken(match[1]!, verificationKey);
  } catch (error) {
    if (error instanceof TokenError) throw tokenRefused(error.reason);
    throw error;
  }
  const { principal } = token;
  const roleAllowed = allowed.includes(principal.role);
  const year = event.pathParameters?.year;
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

const JSON_TYPE = /^application\/(.+\+)?json\s*(;.*)?$/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;.*)?$/i;

function bodyGuard(kind: BodyKind): middy.MiddlewareObj<Event, Result> {
  return {
    before: async ({ event }) => {
      const raw = typeof event.body === 'string' ? event.body : '';
      const bytes = event.isBase64Encoded ? Math.floor((raw.length * 3) / 4) : Buffer.byteLength(raw, 'utf8');
      if (bytes > MAX_BODY_BYTES) throw new ApiError(413, 'payload_too_large', msg.bodyTooLarge(MAX_BODY_BYTES));
      if (kind === 'none') {
        // Parsers must not touch a body the route ignores.
        event.headers = { ...event.headers, 'content-type': '' };
        return;
      }
      const contentType = event.headers?.['content-type'] ?? '';
      const isJson = JSON_TYPE.test(contentType);
      const isForm = kind === 'json-or-form' && FORM_TYPE.test(contentType);
      if (!isJson && !isForm) throw new ApiError(415, 'unsupported_media_type', msg.unsupportedMediaType(kind === 'json-or-form'));
      inflate(event);
      const body = typeof event.body === 'string' ? event.body : '';
      if (body.trim() === '') throw new ApiError(400, 'malformed_body', msg.bodyEmpty());
      // middy's parsers match lower-case media types only.
      event.headers = { ...event.headers, 'content-type': isJson ? 'application/json' : 'application/x-www-form-urlencoded' };
      if (isJson) {
        const text = event.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body;
        try {
          JSON.parse(text);
        } catch {
          throw new ApiError(400, 'malformed_body', msg.malformedJson());
        }
      }
    },
  };
}

/**
 * A gzip body (`Content-Encoding: gzip`) is accepted so that a large province's registry fits
 * the 256 KB limit, which applies to the bytes sent; what it inflates to is capped too.
 */
function inflate(event: Event): void {
  const encoding = (event.headers?.['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return;
  if (encoding !== 'gzip') throw new ApiError(415, 'unsupported_media_type', msg.unsupportedEncoding());
  const raw = typeof event.body === 'string' ? event.body : '';
  let inflated: Buffer;
  try {
    inflated = gunzipSync(Buffer.from(raw, event.isBase64Encoded ? 'base64' : 'latin1'), { maxOutputLength: MAX_INFLATED_BYTES });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new ApiError(413, 'payload_too_large', msg.bodyTooLarge(MAX_INFLATED_BYTES));
    }
    throw new ApiError(400, 'malformed_body', msg.malformedGzip());
  }
  event.body = inflated.toString('utf8');
  event.isBase64Encoded = false;
  const { 'content-encoding': _encoding, ...headers } = event.headers ?? {};
  event.headers = headers;
}

function errorResponder(): middy.MiddlewareObj<Event, Result> {
  return {
    onError: async (request) => {
      const lang = pickLang(request.event.headers?.['accept-language']);
      const apiError = toApiError(request.error);
      if (apiError.status >= 500) console.error(JSON.stringify({ level: 'error', error: String(request.error), stack: (request.error as Error)?.stack }));
      request.response = {
        statusCode: apiError.status,
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          ...(apiError.status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
        },
        body: errorBody(apiError, lang),
      };
    },
  };
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const middyError = error as { statusCode?: number; cause?: { package?: string } } | null;
  if (middyError?.cause?.package?.startsWith('@middy/http-') && middyError.statusCode) {
    // The parsers answer 415 for a body that does not parse; the SPEC says 400.
    return new ApiError(400, 'malformed_body', msg.malformedBody());
  }
  return new ApiError(500, 'internal', msg.internal());
}
