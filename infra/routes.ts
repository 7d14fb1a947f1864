// The one table of HTTP routes. The CDK stack makes an HTTP API route and a Lambda per job
// from it; the embedded server matches requests against the same table and calls the same
// handler module, so the two cannot drift.

export interface Route {
  method: 'GET' | 'POST' | 'PUT';
  /** API Gateway HTTP API path syntax: {name} is one path segment */
  path: string;
  /** folder under functions/ holding handler.ts */
  job: string;
}

export const ROUTES: readonly Route[] = [
  { method: 'GET', path: '/health', job: 'health' },
  { method: 'POST', path: '/cycles', job: 'open-cycle' },
  { method: 'GET', path: '/cycles/{year}', job: 'get-cycle' },
  { method: 'PUT', path: '/cycles/{year}/registry', job: 'import-registry' },
  { method: 'GET', path: '/cycles/{year}/reports', job: 'list-reports' },
  { method: 'PUT', path: '/cycles/{year}/reports/{association}', job: 'submit-report' },
  { method: 'GET', path: '/cycles/{year}/reports/{association}', job: 'get-report' },
  { method: 'POST', path: '/cycles/{year}/reports/{association}/review', job: 'review-report' },
  { method: 'POST', path: '/cycles/{year}/reports/{association}/reopen', job: 'reopen-report' },
  { method: 'POST', path: '/cycles/{year}/close', job: 'close-cycle' },
  { method: 'GET', path: '/cycles/{year}/summary', job: 'get-published' },
  { method: 'GET', path: '/cycles/{year}/commendations', job: 'get-published' },
  { method: 'GET', path: '/cycles/{year}/report.pdf', job: 'get-published' },
  { method: 'POST', path: '/tokens/revocations', job: 'revoke-token' },
  { method: 'GET', path: '/', job: 'pages' },
  { method: 'GET', path: '/review', job: 'pages' },
  { method: 'GET', path: '/province', job: 'pages' },
  { method: 'GET', path: '/assets/{file}', job: 'pages' },
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
