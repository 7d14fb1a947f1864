// The one table of HTTP routes. The CDK stack makes an HTTP API route and a Lambda per job
// from it; the embedded server matches requests against the same table and calls the same
// handler module, so the two cannot drift.

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
  /** API Gateway HTTP API path syntax: {name} is one path segment */
  path: string;
  /** folder under functions/ holding handler.ts */
  job: string;
  /** whose traffic the route carries: each class has its own API Gateway throttle (THROTTLES) */
  traffic: Traffic;
}

/**
 * Who sends the traffic. Every route gets its own rate and burst in API Gateway, sized to its
 * class: a flood on the association routes (thousands of links in circulation) is refused
 * with 429 there and never uses up what the province's routes (one administrator) may do.
 */
export type Traffic = 'public' | 'association' | 'reviewer' | 'province' | 'download';

/** Per-route limits in requests per second (steady rate) and burst (API Gateway token bucket). */
export const THROTTLES: Record<Traffic, { rateLimit: number; burstLimit: number }> = {
  // health and the static pages: cheap, but the first thing a scanner hits
  public: { rateLimit: 20, burstLimit: 40 },
  // ~10,000 associations near one deadline: a fraction of a submission a second on average,
  // a few a second at the peak; 20/s leaves a wide margin
  association: { rateLimit: 20, burstLimit: 40 },
  reviewer: { rateLimit: 10, burstLimit: 20 },
  // one administrator: opening, importing, closing, reopening
  province: { rateLimit: 2, burstLimit: 5 },
  // the published files, read by every role once the report is out
  download: { rateLimit: 10, burstLimit: 20 },
};

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/health', job: 'health', traffic: 'public' },
  { method: 'POST', path: '/cycles', job: 'open-cycle', traffic: 'province' },
  { method: 'GET', path: '/cycles', job: 'list-cycles', traffic: 'reviewer' },
  { method: 'GET', path: '/cycles/{year}', job: 'get-cycle', traffic: 'reviewer' },
  { method: 'PUT', path: '/cycles/{year}/registry', job: 'import-registry', traffic: 'province' },
  { method: 'GET', path: '/cycles/{year}/reports', job: 'list-reports', traffic: 'reviewer' },
  { method: 'PUT', path: '/cycles/{year}/reports/{association}', job: 'submit-report', traffic: 'association' },
  { method: 'GET', path: '/cycles/{year}/reports/{association}', job: 'get-report', traffic: 'association' },
  { method: 'POST', path: '/cycles/{year}/reports/{association}/review', job: 'review-report', traffic: 'reviewer' },
  { method: 'POST', path: '/cycles/{year}/reports/{association}/reopen', job: 'reopen-report', traffic: 'province' },
  { method: 'POST', path: '/cycles/{year}/close', job: 'close-cycle', traffic: 'province' },
  { method: 'PATCH', path: '/cycles/{year}/document', job: 'update-document', traffic: 'province' },
  { method: 'POST', path: '/cycles/{year}/publish', job: 'publish-cycle', traffic: 'province' },
  { method: 'GET', path: '/cycles/{year}/summary', job: 'get-published-summary', traffic: 'download' },
  { method: 'GET', path: '/cycles/{year}/commendations', job: 'get-published-commendations', traffic: 'download' },
  { method: 'GET', path: '/cycles/{year}/report.pdf', job: 'get-published-pdf', traffic: 'download' },
  { method: 'GET', path: '/cycles/{year}/report.docx', job: 'get-report-docx', traffic: 'download' },
  { method: 'GET', path: '/cycles/{year}/export.xlsx', job: 'export-workbook', traffic: 'download' },
  { method: 'GET', path: '/cycles/{year}/outbox', job: 'get-outbox', traffic: 'province' },
  { method: 'GET', path: '/cycles/{year}/links', job: 'list-links', traffic: 'reviewer' },
  { method: 'POST', path: '/cycles/{year}/links/{association}', job: 'renew-link', traffic: 'province' },
  { method: 'POST', path: '/tokens/revocations', job: 'revoke-token', traffic: 'province' },
  { method: 'POST', path: '/periods', job: 'create-period', traffic: 'province' },
  { method: 'GET', path: '/periods', job: 'list-periods', traffic: 'province' },
  { method: 'GET', path: '/periods/{code}', job: 'get-period', traffic: 'reviewer' },
  { method: 'POST', path: '/periods/{code}/close', job: 'close-period', traffic: 'province' },
  { method: 'GET', path: '/periods/{code}/summary', job: 'get-period-summary', traffic: 'download' },
  { method: 'GET', path: '/periods/{code}/commendations', job: 'get-period-commendations', traffic: 'download' },
  { method: 'GET', path: '/periods/{code}/report.pdf', job: 'get-period-pdf', traffic: 'download' },
  { method: 'GET', path: '/periods/{code}/report.docx', job: 'get-period-docx', traffic: 'download' },
  { method: 'GET', path: '/', job: 'pages', traffic: 'public' },
  { method: 'GET', path: '/review', job: 'pages', traffic: 'public' },
  { method: 'GET', path: '/province', job: 'pages', traffic: 'public' },
  { method: 'GET', path: '/assets/{file}', job: 'pages', traffic: 'public' },
  { method: 'GET', path: '/sw.js', job: 'pages', traffic: 'public' },
  { method: 'GET', path: '/manifest.webmanifest', job: 'pages', traffic: 'public' },
];

export const API_JOBS: readonly string[] = [...new Set(ROUTES.map((r) => r.job))];

export interface RouteMatch {
  route: Route;
  pathParameters: Record<string, string>;
}

/** Matches a request path against the table; `{name}` never matches an empty segment or '/'. */
export function matchRoute(method: string, path: string): RouteMatch | 'method_not_allowed' | null {
  let pathMatched = false;
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    pathMatched = true;
    if (route.method === method || (method === 'HEAD' && route.method === 'GET')) {
      return { route, pathParameters: params };
    }
  }
  return pathMatched ? 'method_not_allowed' : null;
}

function matchPath(template: string, path: string): Record<string, string> | null {
  const want = template.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith('{') && w.endsWith('}')) {
      if (g === '') return null;
      let value: string;
      try {
        value = decodeURIComponent(g);
      } catch {
        return null;
      }
      params[w.slice(1, -1)] = value;
    } else if (w !== g) {
      return null;
    }
  }
  return params;
}
