// The embedded API Gateway: each request becomes the HTTP API payload-2.0 event the Lambda
// would get, routed by the same table the stack deploys, and handed to the same handler.
import { isUtf8 } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { accessOf } from '../../shared/http/access.ts';
import { ApiError, asApiError, errorBody, pickLang, type Lang } from '../../shared/http/errors.ts';
import { authenticate, errorResult, MAX_BODY_BYTES, rememberCaller } from '../../shared/http/handler.ts';
import { msg } from '../../shared/app/messages.ts';
import { showLine } from '../../shared/observability/telemetry.ts';
import { matchRoute } from '../routes.ts';

type ApiHandler = (event: APIGatewayProxyEventV2, context: unknown) => Promise<APIGatewayProxyStructuredResultV2>;
/**
 * After an answer given before the body was read (401, 403, 413), how long the rest of the body
 * is discarded before the connection is cut: long enough for an honest client to read the
 * answer (closing on unread bytes would reset the connection and lose it), short enough that a
 * body that never ends holds nothing for long. Nothing of it is kept in memory meanwhile.
 */
const LINGER_MS = 2000;
const BINARY = /^(application\/(pdf|octet-stream|zip)|image\/|font\/)/;

export interface LocalHttpServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

export async function startHttpServer(opts: { host: string; port: number; log?: (line: string) => void }): Promise<LocalHttpServer> {
  const handlers = new Map<string, Promise<ApiHandler>>();
  const handlerFor = (job: string) => {
    let handler = handlers.get(job);
    if (!handler) {
      handler = import(`../../functions/${job}/handler.ts`).then((m: { handler: ApiHandler }) => m.handler);
      handlers.set(job, handler);
    }
    return handler;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      opts.log?.(`request failed: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) send(res, { statusCode: 500, headers: { 'content-type': 'application/json; charset=utf-8' }, body: errorBody(new ApiError(500, 'internal', msg.internal()), pickLang(req.headers['accept-language'])) });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://local');
    const method = (req.method ?? 'GET').toUpperCase();
    const lang = pickLang(req.headers['accept-language']);
    const match = matchRoute(method, url.pathname);
    if (match === null || match === 'method_not_allowed') {
      req.resume();
      const error = match === null ? new ApiError(404, 'not_found', msg.notFoundRoute()) : new ApiError(405, 'method_not_allowed', msg.methodNotAllowed());
      send(res, { statusCode: error.status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: errorBody(error, lang) });
      showLine(`${method} ${url.pathname} ${error.status} (no route)`);
      return;
    }
    // The caller first, from the headers, with the Lambda's own check and the same table of
    // who may call: an unknown caller is answered before a byte of its body is read.
    const access = accessOf(match.route.job);
    if (!access) throw new Error(`No access rule for job ${match.route.job}`);
    let principal: Awaited<ReturnType<typeof authenticate>>;
    try {
      principal = await authenticate(req.headers.authorization, access.allow, match.pathParameters.year);
    } catch (caught) {
      const error = asApiError(caught);
      if (!error) throw caught;
      refuseBeforeBody(req, res, error, lang);
      showLine(`${method} ${match.route.path} ${error.status} (refused before the body)`);
      return;
    }
    const tooLarge = new ApiError(413, 'payload_too_large', msg.bodyTooLarge(MAX_BODY_BYTES));
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      refuseBeforeBody(req, res, tooLarge, lang);
      showLine(`${method} ${match.route.path} 413 (refused before the body)`);
      return;
    }
    const body = await readBody(req);
    if (body === 'aborted') return;
    if (body === 'too_large') {
      refuseBeforeBody(req, res, tooLarge, lang);
      showLine(`${method} ${match.route.path} 413 (refused before the body)`);
      return;
    }
    const event = toEvent(req, url, method, match.route.method, match.route.path, match.pathParameters, body);
    // The chain takes this caller as checked: on AWS the token is checked once per request, so here too.
    rememberCaller(event, principal);
    const handler = await handlerFor(match.route.job);
    const result = await handler(event, { functionName: `tongket-${match.route.job}`, awsRequestId: event.requestContext.requestId });
    // (the chain's request log line tells of it: method, route, status, duration, role)
    send(res, result, method === 'HEAD');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;
  return {
    server,
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Answers without reading (the rest of) the body. The remainder is discarded, never kept, and
 * a body still arriving after LINGER_MS has its connection cut.
 */
function refuseBeforeBody(req: IncomingMessage, res: ServerResponse, error: ApiError, lang: Lang): void {
  send(res, errorResult(error, lang));
  if (req.complete) return;
  const cut = setTimeout(() => req.socket.destroy(), LINGER_MS);
  cut.unref();
  req.once('end', () => clearTimeout(cut));
  req.once('close', () => clearTimeout(cut));
  req.resume();
}

/**
 * The body, up to MAX_BODY_BYTES as sent: past that, reading stops at once ('too_large'), so an
 * endless body costs at most that much memory.
 */
function readBody(req: IncomingMessage): Promise<Buffer | 'too_large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: Buffer | 'too_large' | 'aborted') => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onClose);
      resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.pause();
        chunks.length = 0;
        finish('too_large');
      } else {
        chunks.push(chunk);
      }
    };
    const onEnd = () => finish(Buffer.concat(chunks));
    const onClose = () => finish('aborted');
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onClose);
  });
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  method: string,
  routeMethod: string,
  routePath: string,
  pathParameters: Record<string, string>,
  body: Buffer,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (name === 'cookie') cookies.push(...String(value).split(/;\s*/));
    // API Gateway joins repeated headers with commas, lower-cases names.
    else headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const queryStringParameters: Record<string, string> = {};
  for (const [key, value] of url.searchParams) queryStringParameters[key] = key in queryStringParameters ? `${queryStringParameters[key]},${value}` : value;
  const contentType = headers['content-type'] ?? '';
  // As API Gateway does for a body it cannot pass as text: compressed bodies arrive base64-encoded.
  const encoded = (headers['content-encoding'] ?? 'identity').trim().toLowerCase() !== 'identity';
  // A body that is not UTF-8 cannot be passed as text without replacing what did not decode:
  // it goes as bytes, and the chain refuses it (a CSV saved as Windows-1258 never becomes text).
  const binary = BINARY.test(contentType) || encoded || !isUtf8(body);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: `${routeMethod} ${routePath}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    cookies: cookies.length ? cookies : undefined,
    headers,
    queryStringParameters: Object.keys(queryStringParameters).length ? queryStringParameters : undefined,
    pathParameters: Object.keys(pathParameters).length ? pathParameters : undefined,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'local',
      http: { method, path: url.pathname, protocol: `HTTP/${req.httpVersion}`, sourceIp: req.socket.remoteAddress ?? '127.0.0.1', userAgent: headers['user-agent'] ?? '' },
      requestId: randomUUID(),
      routeKey: `${routeMethod} ${routePath}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: body.length ? (binary ? body.toString('base64') : body.toString('utf8')) : undefined,
    isBase64Encoded: binary,
  };
}

function send(res: ServerResponse, result: APIGatewayProxyStructuredResultV2, headOnly = false): void {
  const body = result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : Buffer.alloc(0);
  const headers: Record<string, string | number | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    // API Gateway drops headers without a value; so do we.
    if (value !== undefined && value !== null) headers[name.toLowerCase()] = String(value);
  }
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  headers['content-length'] = body.length;
  res.writeHead(result.statusCode ?? 200, headers);
  res.end(headOnly ? undefined : body);
}
