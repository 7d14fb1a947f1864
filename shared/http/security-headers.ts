// The security headers of a response, chosen once by the kind of route: an API answer (JSON,
// files) or a page (HTML, with its own CSP, and the page's static assets). Each set is the
// whole list, written after the job's function, so nothing is added to be taken away again.
// Error answers (errorResult) keep the short list they always had.

export type RouteKind = 'api' | 'page';

/** On every successful answer, whatever its kind. */
const EVERY_ANSWER: Readonly<Record<string, string>> = {
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=15552000; includeSubDomains; preload',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-permitted-cross-domain-policies': 'none',
};

/** An API answer: JSON or a file, never a document a browser renders as a page. */
export const API_HEADERS: Readonly<Record<string, string>> = {
  ...EVERY_ANSWER,
  // As the API has always sent it (an empty list of reporting endpoints).
  'reporting-endpoints': '',
};

/** A page's static asset (script, stylesheet): the common list. */
export const ASSET_HEADERS: Readonly<Record<string, string>> = EVERY_ANSWER;

/** An HTML page: the common list, the page's CSP and the document-only headers. */
export function pageHeaders(csp: string): Readonly<Record<string, string>> {
  return {
    ...EVERY_ANSWER,
    'content-security-policy': csp,
    'cross-origin-embedder-policy': 'require-corp',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    // only the features a browser still knows: an unknown one is a console error
    'permissions-policy': 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
    'x-frame-options': 'DENY',
    // The legacy XSS auditor is gone from browsers and could be abused where it remains.
    'x-xss-protection': '0',
  };
}

/**
 * The headers of a successful answer of this kind: the job's own, names lower-cased (one
 * header per name, unset values dropped), then the kind's set. A page route needs its CSP.
 */
export function withSecurityHeaders(kind: RouteKind, headers: Record<string, unknown> | undefined, pageCsp?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    out[name.toLowerCase()] = String(value);
  }
  if (kind === 'api') return Object.assign(out, API_HEADERS);
  const isHtml = (out['content-type'] ?? '').startsWith('text/html');
  if (!isHtml) return Object.assign(out, ASSET_HEADERS);
  if (!pageCsp) throw new Error('A page route answers HTML: its CSP must be given to the chain');
  return Object.assign(out, pageHeaders(pageCsp));
}
