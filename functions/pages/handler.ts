// The pages (SPEC section 7): GET / (the association's form), GET /review and GET /province,
// their built files (web/, bundled by web/build.ts), and the form's service worker and web
// manifest (GET /sw.js, GET /manifest.webmanifest). Public: the page itself asks the API
// with the token.
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { notFound } from '../../shared/app/errors.ts';
import type { Result } from '../../shared/http/chain.ts';
import { publicHttpHandler } from '../../shared/http/public-handler.ts';
import { loadSite, PAGE_CSP } from '../../shared/pages/assets.ts';

const noSuchFile = { vi: 'Không có tệp này.', en: 'No such file.' };

// The chain gives each answer the page headers once: the page CSP on the HTML, the common
// list on the assets (shared/http/security-headers.ts).
const pages = publicHttpHandler('pages', async ({ event, path }) => compressed(event, await answer(event, path)), { pageCsp: PAGE_CSP });

async function answer(event: APIGatewayProxyEventV2, path: Record<string, string>): Promise<Result> {
  const route = routeOf(event);
  const site = await loadSite();
  if (route === '/assets/{file}') {
    const asset = site.asset(path.file ?? '');
    if (!asset) throw notFound(noSuchFile);
    // A hashed name (form-<hash>.js) is that exact content: it may be cached for good.
    const cache = asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache';
    const headers: Record<string, string> = { 'content-type': asset.contentType, 'cache-control': cache };
    // A download (the registry template) is saved under its own name.
    if (asset.filename) headers['content-disposition'] = `attachment; filename="${asset.filename}"`;
    return { statusCode: 200, headers, body: asset.body, isBase64Encoded: asset.base64 === true };
  }
  // The form's service worker and manifest (shared/pages/offline-app.ts): at stable addresses, checked at each visit.
  if (route === '/sw.js') {
    return { statusCode: 200, headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-cache' }, body: site.app.serviceWorker };
  }
  if (route === '/manifest.webmanifest') {
    return { statusCode: 200, headers: { 'content-type': 'application/manifest+json; charset=utf-8', 'cache-control': 'no-cache' }, body: site.app.manifest };
  }
  if (route === '/' || route === '/review' || route === '/province') {
    return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: site.pages[route] };
  }
  throw notFound(noSuchFile);
}

/**
 * The pages' text gzipped for a browser that takes it: API Gateway's HTTP API does not
 * compress, and a secretary on 400 kbit/s waits 1.3 s for the form's 64 KB as they are, a
 * third of that gzipped. Each text is compressed once per container (the build never changes
 * under it), keyed by its bytes' identity.
 */
const GZIP_FROM_BYTES = 1024;
const gzipped = new Map<string, string>();

function compressed(event: APIGatewayProxyEventV2, result: Result): Result {
  const body = result.body;
  if (result.isBase64Encoded || typeof body !== 'string' || body.length < GZIP_FROM_BYTES) return result;
  const headers = { ...(result.headers ?? {}), vary: 'accept-encoding' };
  if (!acceptsGzip(event.headers?.['accept-encoding'])) return { ...result, headers };
  let zipped = gzipped.get(body);
  if (zipped === undefined) {
    zipped = gzipSync(body, { level: 9 }).toString('base64');
    gzipped.set(body, zipped);
  }
  return { ...result, headers: { ...headers, 'content-encoding': 'gzip' }, body: zipped, isBase64Encoded: true };
}

/** "gzip" listed without q=0 (RFC 9110 section 12.5.3). */
function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    return !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });
}

/** The route template ("/assets/{file}"), from the route key API Gateway and the embedded server set. */
function routeOf(event: APIGatewayProxyEventV2): string {
  const key = event.routeKey ?? '';
  const space = key.indexOf(' ');
  if (space > 0) return key.slice(space + 1);
  return event.rawPath?.startsWith('/assets/') ? '/assets/{file}' : (event.rawPath ?? '/');
}

export const handler = pages;
