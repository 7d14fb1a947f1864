// The one middy chain every API handler uses (handler.ts and public-handler.ts give it its caller check): headers normalised, then the caller: the token
// verified and the role checked from the headers alone, before a byte of the body is looked at
// (a body costs memory and time, and an unknown caller gets neither). Only then the body: its
// size as sent, type and encoding checked, gzip inflated where the route takes it, parsed once.
// Every failure leaves as the SPEC's error JSON, never a 5xx for bad input. Around it all, the
// job's Powertools Logger and Metrics: one JSON line per request (correlation id, route, role,
// status, duration; the raw cause of a 5xx), the Requests and Failures metrics; and the security
// headers of the job's kind of route (API or page), written once on the way out.
import { parse as parseForm } from 'node:querystring';
import { gunzipSync } from 'node:zlib';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Principal } from '../auth/tokens.ts';
import { METRIC, MetricUnit, showLine, telemetryFor, type Telemetry } from '../observability/telemetry.ts';
import { JOB_ACCESS, type ApiJob, type JobAccess } from './access.ts';
import { ApiError, asApiError, errorBody, pickLang, type Lang } from './errors.ts';
import { msg } from '../app/messages.ts';
import { withSecurityHeaders, type RouteKind } from './security-headers.ts';

export type { BodyKind } from './access.ts';

/** Bodies above this, as sent, are refused with 413 before they are parsed (SPEC section 7). */
export const MAX_BODY_BYTES = 256 * 1024;
/** What a gzip body may inflate to. */
export const MAX_INFLATED_BYTES = 16 * 1024 * 1024;
/**
 * How deep `[` and `{` may nest in a JSON body. The deepest body the API takes (a cycle's
 * configuration: commendation.awards) nests 3 deep; JSON.parse of a deeply nested body is the
 * one parse whose cost does not follow its size, so the limit is checked by a scan first.
 */
export const MAX_JSON_DEPTH = 16;

export interface RequestContext {
  event: APIGatewayProxyEventV2;
  lang: Lang;
  principal: Principal | null;
  /** parsed body: JSON value, or form fields; undefined when the route takes none */
  body: unknown;
  bodySource: 'json' | 'form' | null;
  path: Record<string, string>;
  query: Record<string, string>;
  /** the job's metrics, for the business figures a handler knows (submissions, reviews) */
  metrics: Metrics;
}

export type Result = APIGatewayProxyStructuredResultV2;
type Event = APIGatewayProxyEventV2;

export function json(statusCode: number, value: unknown, headers: Record<string, string> = {}): Result {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: JSON.stringify(value),
  };
}

/** Who is calling, from the Authorization header (and the path's year): null for a public route. */
export type Identify = (authorization: string | undefined, allowed: JobAccess['allow'], year: string | undefined, event: Event) => Promise<Principal | null>;

/**
 * The chain with its way of knowing the caller: handler.ts gives the token check to the jobs
 * that take a token, public-handler.ts none to the public ones, so that their bundles carry no
 * token, revocation or registry code (and their roles no table access).
 */
export const createHttpHandler =
  (identify: Identify) =>
  (job: ApiJob, fn: (request: RequestContext) => Promise<Result>, options: HttpHandlerOptions = {}) => {
    const access: JobAccess = JOB_ACCESS[job];
    if (access.kind === 'page' && !options.pageCsp) throw new Error(`Job ${job} serves pages: give the chain the page CSP`);
    const telemetry = telemetryFor(job);
    return middy<Event, Result, Error, Context>()
      .use(injectLambdaContext(telemetry.logger, { resetKeys: true }))
      .use(logMetrics(telemetry.metrics))
      .use(requestLog(telemetry))
      .use(httpHeaderNormalizer())
      .use(errorResponder())
      .use(securityHeaders(access.kind, options.pageCsp))
      .handler(async (event) => {
        const lang = pickLang(event.headers?.['accept-language']);
        const principal = await identify(event.headers?.['authorization'], access.allow, event.pathParameters?.year, event);
        if (principal) callers.set(event, principal.role);
        const { body, source } = readBody(event, access, options);
        return fn({
          event,
          lang,
          principal,
          body,
          bodySource: source,
          path: (event.pathParameters ?? {}) as Record<string, string>,
          query: (event.queryStringParameters ?? {}) as Record<string, string>,
          metrics: telemetry.metrics,
        });
      });
  };

export interface HttpHandlerOptions {
  /** the Content-Security-Policy of the HTML a page job serves (its kind is 'page') */
  pageCsp?: string;
  /**
   * The job's own refusal of a body that is not UTF-8, given that body decoded with U+FFFD for
   * what did not decode (and parsed as JSON when it parses; else undefined), so that it can name
   * the field at fault (the registry: the file, and how to save it as UTF-8). The handler never
   * runs on such a body. Without it the chain answers 400.
   */
  notUtf8?: (lossyBody: unknown) => Error;
}

/** The role of the request's caller, once known (the log line names it; 'public' when none). */
const callers = new WeakMap<Event, string>();

/**
 * One log line per request, whatever its outcome, with the request id as correlation id, and
 * the raw cause of a 5xx (the caller reads only 'internal'). The Requests metric; Failures on a
 * 5xx. Runs its `after`/`onError` once errorResponder has turned an error into its answer.
 */
function requestLog({ logger, metrics }: Telemetry): middy.MiddlewareObj<Event, Result> {
  const started = new WeakMap<Event, number>();
  const done = (request: middy.Request<Event, Result>) => {
    const { event } = request;
    const status = request.response?.statusCode ?? 500;
    const durationMs = Math.round(performance.now() - (started.get(event) ?? performance.now()));
    const method = event.requestContext?.http?.method ?? '';
    const route = event.routeKey?.slice(event.routeKey.indexOf(' ') + 1) || event.rawPath;
    const role = callers.get(event) ?? 'public';
    const fields = { method, route, role, status, durationMs };
    metrics.addMetric(METRIC.requests, MetricUnit.Count, 1);
    if (status >= 500) {
      metrics.addMetric(METRIC.failures, MetricUnit.Count, 1);
      logger.error('request failed', { ...fields, error: request.error ?? undefined });
    } else {
      logger.info('request', fields);
    }
    const cause = status >= 500 && request.error ? `  ${String(request.error)}` : '';
    showLine(`${method} ${route} ${status} ${durationMs} ms ${role}${cause}`);
  };
  return {
    before: (request) => {
      started.set(request.event, performance.now());
      logger.setCorrelationId(request.event.requestContext?.requestId ?? request.context.awsRequestId);
    },
    after: done,
    onError: done,
  };
}

/** The kind's security headers on a successful answer (an error answer keeps errorResult's). */
function securityHeaders(kind: RouteKind, pageCsp: string | undefined): middy.MiddlewareObj<Event, Result> {
  return {
    after: (request) => {
      const response = request.response;
      if (response && typeof response === 'object') request.response = { ...response, headers: withSecurityHeaders(kind, response.headers, pageCsp) };
    },
  };
}

const JSON_TYPE = /^application\/(.+\+)?json\s*(;.*)?$/i;
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(;.*)?$/i;

/** The body checked and parsed, once; nothing of it is looked at for a route that takes none. */
function readBody(event: Event, access: JobAccess, options: HttpHandlerOptions): { body: unknown; source: 'json' | 'form' | null } {
  const raw = typeof event.body === 'string' ? event.body : '';
  const bytes = event.isBase64Encoded ? Math.floor((raw.length * 3) / 4) : Buffer.byteLength(raw, 'utf8');
  if (bytes > MAX_BODY_BYTES) throw new ApiError(413, 'payload_too_large', msg.bodyTooLarge(MAX_BODY_BYTES));
  if (access.body === 'none') return { body: undefined, source: null };
  const contentType = event.headers?.['content-type'] ?? '';
  const isJson = JSON_TYPE.test(contentType);
  const isForm = access.body === 'json-or-form' && FORM_TYPE.test(contentType);
  if (!isJson && !isForm) throw new ApiError(415, 'unsupported_media_type', msg.unsupportedMediaType(access.body === 'json-or-form'));
  const text = decoded(event, raw, access.gzip);
  if (typeof text !== 'string') {
    // Bytes that are not UTF-8: never parsed into a body a handler would use.
    if (!options.notUtf8) throw new ApiError(400, 'malformed_body', msg.bodyNotUtf8(), { body: msg.bodyNotUtf8() });
    let lossy: unknown = undefined;
    if (isJson && !jsonNestsDeeperThan(text.lossy, MAX_JSON_DEPTH)) {
      try {
        lossy = JSON.parse(text.lossy) as unknown;
      } catch {
        // left undefined: the job says the body is not UTF-8 without naming a field
      }
    }
    throw options.notUtf8(lossy);
  }
  if (text.trim() === '') throw new ApiError(400, 'malformed_body', msg.bodyEmpty());
  if (isJson) {
    if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) throw new ApiError(400, 'malformed_body', msg.jsonTooDeep(MAX_JSON_DEPTH), { body: msg.jsonTooDeep(MAX_JSON_DEPTH) });
    try {
      return { body: JSON.parse(text) as unknown, source: 'json' };
    } catch {
      throw new ApiError(400, 'malformed_body', msg.malformedJson());
    }
  }
  const fields = parseForm(text);
  // A text without "=" or "&" comes back as one key with an empty value: not a form at all
  // (a JSON body labelled as a form, typically).
  if (Object.hasOwn(fields, text) && fields[text] === '') throw new ApiError(400, 'malformed_body', msg.malformedBody());
  // Own properties, "__proto__" included, so that the schema names such a field like any other.
  return { body: Object.fromEntries(Object.entries(fields)), source: 'form' };
}

/**
 * True when `[`/`{` nest deeper than `max` outside strings. Linear and allocation-free; a text
 * that is not JSON at all is left for JSON.parse to refuse.
 */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Bytes as UTF-8 text, or, when they are not UTF-8, the text with U+FFFD for what did not decode. */
function utf8Text(bytes: Buffer): string | { lossy: string } {
  try {
    return utf8.decode(bytes);
  } catch {
    return { lossy: bytes.toString('utf8') };
  }
}

/**
 * The body as text, or `{lossy}` when its bytes are not UTF-8 (a body the gateway passed as
 * text is a string already). A gzip body (`Content-Encoding: gzip`) is accepted only where the
 * route says so (the registry, so that a large province's files fit the 256 KB limit, which
 * applies to the bytes sent); what it inflates to is capped too.
 */
function decoded(event: Event, raw: string, gzipAccepted: boolean): string | { lossy: string } {
  const encoding = (event.headers?.['content-encoding'] ?? '').trim().toLowerCase();
  if (encoding === '' || encoding === 'identity') return event.isBase64Encoded ? utf8Text(Buffer.from(raw, 'base64')) : raw;
  if (encoding !== 'gzip' || !gzipAccepted) throw new ApiError(415, 'unsupported_media_type', msg.unsupportedEncoding(gzipAccepted));
  let inflated: Buffer;
  try {
    inflated = gunzipSync(Buffer.from(raw, event.isBase64Encoded ? 'base64' : 'latin1'), { maxOutputLength: MAX_INFLATED_BYTES });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new ApiError(413, 'payload_too_large', msg.bodyTooLarge(MAX_INFLATED_BYTES));
    }
    throw new ApiError(400, 'malformed_body', msg.malformedGzip());
  }
  return utf8Text(inflated);
}

function errorResponder(): middy.MiddlewareObj<Event, Result> {
  return {
    onError: async (request) => {
      const apiError = asApiError(request.error) ?? new ApiError(500, 'internal', msg.internal());
      request.response = errorResult(apiError, pickLang(request.event.headers?.['accept-language']));
    },
  };
}

/** An ApiError as the response every route gives it (the embedded server's early refusals too). */
export function errorResult(apiError: ApiError, lang: Lang): Result {
  return {
    statusCode: apiError.status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...(apiError.status === 401 ? { 'www-authenticate': 'Bearer' } : {}),
    },
    body: errorBody(apiError, lang),
  };
}
