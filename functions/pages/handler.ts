// The pages (SPEC section 7): GET / (the association's form), GET /review and GET /province,
// and their built files (web/, bundled by web/build.ts). Public: the page itself asks the API
// with the token.
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { notFound } from '../../shared/http/errors.ts';
import { publicHttpHandler, type Result } from '../../shared/http/public-handler.ts';
import { loadSite, PAGE_CSP } from '../../shared/pages/assets.ts';

const noSuchFile = { vi: 'Không có tệp này.', en: 'No such file.' };

const pages = publicHttpHandler('pages', async ({ event, path }) => {
  const route = routeOf(event);
  const site = await loadSite();
  if (route === '/assets/{file}') {
    const asset = site.asset(path.file ?? '');
    if (!asset) throw notFound(noSuchFile);
    // A hashed name (form-<hash>.js) is that exact content: it may be cached for good.
    const cache = asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache';
    return { statusCode: 200, headers: { 'content-type': asset.contentType, 'cache-control': cache }, body: asset.body };
  }
  if (route === '/' || route === '/review' || route === '/province') {
    return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: site.pages[route] };
  }
  throw notFound(noSuchFile);
});

/** The route template ("/assets/{file}"), from the route key API Gateway and the embedded server set. */
function routeOf(event: APIGatewayProxyEventV2): string {
  const key = event.routeKey ?? '';
  const space = key.indexOf(' ');
  if (space > 0) return key.slice(space + 1);
  return event.rawPath?.startsWith('/assets/') ? '/assets/{file}' : (event.rawPath ?? '/');
}

/** Headers the pages must leave with, whatever the shared chain added. */
const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy': PAGE_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  // The legacy XSS auditor is gone from browsers and could be abused where it remains.
  'x-xss-protection': '0',
  // The chain's long list names features browsers no longer know, each a console error.
  'permissions-policy': 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
};

/**
 * The shared chain's http-security-headers writes its own Content-Security-Policy on every
 * text/html response (default-src 'none', sandbox, form-action 'none'), which would stop the
 * page's script and stylesheet; it runs after the job's function, so the page's headers are
 * settled here, after the chain: names lower-cased (one header per name), unset or empty
 * values dropped, and the page policy the only CSP.
 */
function finalHeaders(result: Result): Result {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    headers[name.toLowerCase()] = String(value);
  }
  delete headers['content-security-policy-report-only'];
  const isHtml = (headers['content-type'] ?? '').startsWith('text/html');
  if (isHtml) Object.assign(headers, PAGE_HEADERS);
  else headers['x-content-type-options'] = 'nosniff';
  return { ...result, headers };
}

export async function handler(event: APIGatewayProxyEventV2, context: Context): Promise<Result> {
  // The chain's event type is widened by middy's body parsers; the event is API Gateway's v2.
  return finalHeaders(await pages(event as Parameters<typeof pages>[0], context));
}
