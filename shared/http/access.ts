// Who may call each job and what body it takes: the one answer both the Lambda's middy chain
// and the embedded server read, so that the embedded server can refuse a caller from the
// headers alone, before it reads a byte of the body, exactly as the Lambda would.
import type { Role } from '../domain/types.ts';
import type { RouteKind } from './security-headers.ts';

export type BodyKind = 'none' | 'json' | 'json-or-form';

export interface JobAccess {
  /** who may call: 'public' for no token, else the roles allowed */
  allow: 'public' | readonly Role[];
  body: BodyKind;
  /** `Content-Encoding: gzip` accepted: only where a large file must fit the 256 KB limit */
  gzip: boolean;
  /** what the job answers, which decides its security headers (security-headers.ts): the API, or the pages */
  kind: RouteKind;
}

const ANYONE_WITH_A_TOKEN = ['association', 'reviewer', 'province'] as const;

export const JOB_ACCESS = {
  health: { allow: 'public', body: 'none', gzip: false, kind: 'api' },
  pages: { allow: 'public', body: 'none', gzip: false, kind: 'page' },
  'open-cycle': { allow: ['province'], body: 'json', gzip: false, kind: 'api' },
  'get-cycle': { allow: ANYONE_WITH_A_TOKEN, body: 'none', gzip: false, kind: 'api' },
  // The year switcher of the reviewer and province pages.
  'list-cycles': { allow: ['reviewer', 'province'], body: 'none', gzip: false, kind: 'api' },
  // The access links: the province all of them, a reviewer its own subtree; only the province renews one.
  'list-links': { allow: ['reviewer', 'province'], body: 'none', gzip: false, kind: 'api' },
  'renew-link': { allow: ['province'], body: 'none', gzip: false, kind: 'api' },
  'import-registry': { allow: ['province'], body: 'json', gzip: true, kind: 'api' },
  'list-reports': { allow: ['reviewer', 'province'], body: 'none', gzip: false, kind: 'api' },
  'submit-report': { allow: ['association'], body: 'json-or-form', gzip: false, kind: 'api' },
  'get-report': { allow: ANYONE_WITH_A_TOKEN, body: 'none', gzip: false, kind: 'api' },
  'review-report': { allow: ['reviewer', 'province'], body: 'json', gzip: false, kind: 'api' },
  'reopen-report': { allow: ['province'], body: 'json', gzip: false, kind: 'api' },
  'close-cycle': { allow: ['province'], body: 'none', gzip: false, kind: 'api' },
  // gzip: four narrative sections of 20,000 characters may pass the CLI's 64 KB compression threshold
  'update-document': { allow: ['province'], body: 'json', gzip: true, kind: 'api' },
  'publish-cycle': { allow: ['province'], body: 'none', gzip: false, kind: 'api' },
  'get-published-summary': { allow: ANYONE_WITH_A_TOKEN, body: 'none', gzip: false, kind: 'api' },
  'get-published-commendations': { allow: ANYONE_WITH_A_TOKEN, body: 'none', gzip: false, kind: 'api' },
  'get-published-pdf': { allow: ANYONE_WITH_A_TOKEN, body: 'none', gzip: false, kind: 'api' },
  // The office exports (SPEC section 11): the report as a Word file, the workbook of the scope.
  'get-report-docx': { allow: ANYONE_WITH_A_TOKEN, body: 'none', gzip: false, kind: 'api' },
  'export-workbook': { allow: ['reviewer', 'province'], body: 'none', gzip: false, kind: 'api' },
  'revoke-token': { allow: ['province'], body: 'json', gzip: false, kind: 'api' },
  'get-outbox': { allow: ['province'], body: 'none', gzip: false, kind: 'api' },
  // Period reviews (SPEC section 12): the province creates and closes; every role reads.
  'create-period': { allow: ['province'], body: 'json', gzip: false, kind: 'api' },
  'list-periods': { allow: ['province'], body: 'none', gzip: false, kind: 'api' },
  'get-period': { allow: ANYONE_WITH_A_TOKEN, body: 'none', gzip: false, kind: 'api' },
  'close-period': { allow: ['province'], body: 'none', gzip: false, kind: 'api' },
  'get-period-summary': { allow: ANYONE_WITH_A_TOKEN, body: 'none', gzip: false, kind: 'api' },
  'get-period-commendations': { allow: ANYONE_WITH_A_TOKEN, body: 'none', gzip: false, kind: 'api' },
  'get-period-pdf': { allow: ANYONE_WITH_A_TOKEN, body: 'none', gzip: false, kind: 'api' },
  'get-period-docx': { allow: ANYONE_WITH_A_TOKEN, body: 'none', gzip: false, kind: 'api' },
} as const satisfies Record<string, JobAccess>;

export type ApiJob = keyof typeof JOB_ACCESS;

export function accessOf(job: string): JobAccess | undefined {
  return Object.hasOwn(JOB_ACCESS, job) ? JOB_ACCESS[job as ApiJob] : undefined;
}
