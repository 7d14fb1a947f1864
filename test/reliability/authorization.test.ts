// The authorization matrix (RELIABILITY.md, promise 2): every route × every kind of caller,
// table-driven. Allowed callers send a body that fails validation (or name a cycle that does not
// exist) so that passing the gate shows as 422/404 without changing anything; the stores are
// compared before and after the whole matrix.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../infra/routes.ts';
import type { Principal } from '../../shared/auth/tokens.ts';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { closeAndWait, seedCycle, THREE_TIER_ASSOCIATIONS, THREE_TIER_UNITS } from '../support/cycle.ts';
import { dumpStores, forged, recordFigures, signingKeyOf } from './support.ts';

/** Callers. CH-NCT is registered at DB-MN-CH, under the district DB-MN, under the province DB. */
const CALLERS = [
  'noToken',
  'basicScheme',
  'emptyBearer',
  'expired',
  'badSignature',
  'algNone',
  'otherAlgorithm',
  'unknownRole',
  'association', // CH-NCT, its own report
  'otherAssociation', // QC-NCT on CH-NCT's report
  'reviewerInside', // DB-MN: CH-NCT is in its subtree
  'reviewerOutside', // DB-TG
  'province',
] as const;
type Caller = (typeof CALLERS)[number];
const TOKEN_ATTACKS: Caller[] = ['noToken', 'basicScheme', 'emptyBearer', 'expired', 'badSignature', 'algNone', 'otherAlgorithm', 'unknownRole'];

interface Row {
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  json?: unknown;
  /** status for each legitimate caller; token attacks always get 401 on a protected route */
  expect: Partial<Record<Caller, number>> | 'public';
}

const Y = 2024;
const A = `/cycles/${Y}/reports/CH-NCT`;
const roles = (association: number, otherAssociation: number, reviewerInside: number, reviewerOutside: number, province: number) => ({ association, otherAssociation, reviewerInside, reviewerOutside, province });

const MATRIX: Row[] = [
  { method: 'GET', path: '/health', expect: 'public' },
  { method: 'GET', path: '/', expect: 'public' },
  { method: 'GET', path: '/review', expect: 'public' },
  { method: 'GET', path: '/province', expect: 'public' },
  { method: 'GET', path: '/assets/pages.css', expect: 'public' },
  { method: 'POST', path: '/cycles', json: { year: 'next' }, expect: roles(403, 403, 403, 403, 422) },
  { method: 'GET', path: `/cycles/${Y}`, expect: roles(200, 200, 200, 200, 200) },
  { method: 'PUT', path: `/cycles/${Y}/registry`, json: { units: 1 }, expect: roles(403, 403, 403, 403, 422) },
  { method: 'GET', path: `/cycles/${Y}/reports`, expect: roles(403, 403, 200, 200, 200) },
  { method: 'GET', path: `/cycles/${Y}/reports?unit=DB-MN-CH`, expect: roles(403, 403, 200, 403, 200) },
  { method: 'GET', path: `/cycles/${Y}/reports?unit=DB`, expect: roles(403, 403, 403, 403, 200) },
  { method: 'PUT', path: A, json: { members: -1 }, expect: roles(422, 403, 403, 403, 403) },
  { method: 'GET', path: A, expect: roles(200, 403, 200, 403, 200) },
  { method: 'POST', path: `${A}/review`, json: { decision: 'approve' }, expect: roles(403, 403, 422, 403, 422) },
  { method: 'POST', path: `${A}/reopen`, json: {}, expect: roles(403, 403, 403, 403, 422) },
  { method: 'POST', path: '/cycles/2031/close', expect: roles(403, 403, 403, 403, 404) },
  { method: 'GET', path: '/cycles/2023/summary', expect: roles(200, 200, 200, 200, 200) },
  { method: 'GET', path: '/cycles/2023/commendations', expect: roles(200, 200, 200, 200, 200) },
  { method: 'GET', path: '/cycles/2023/commendations?format=csv', expect: roles(200, 200, 200, 200, 200) },
  { method: 'GET', path: '/cycles/2023/report.pdf', expect: roles(200, 200, 200, 200, 200) },
];

describe('the authorization matrix', () => {
  let stack: TestStack;
  const headers = {} as Record<Caller, string | undefined>;
  let tried = 0;

  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2024-12-01T02:00:00Z' });
    const province = await seedCycle(stack, { year: 2023, province: 'DB', units: THREE_TIER_UNITS, associations: THREE_TIER_ASSOCIATIONS, reports: [{ association: 'CH-NCT', members: 90, score: 95 }] });
    expect((await closeAndWait(stack, 2023, province)).status).toBe('published');
    await seedCycle(stack, { year: Y, province: 'DB', units: THREE_TIER_UNITS, associations: THREE_TIER_ASSOCIATIONS, reports: [{ association: 'CH-NCT', members: 150, outcome: 'submitted' }] });
    const key = signingKeyOf(stack.signingKeyFile);
    const bearer = (token: string) => `Bearer ${token}`;
    const provinceClaims: Principal = { role: 'province', unit: 'DB' };
    headers.noToken = undefined;
    headers.basicScheme = `Basic ${Buffer.from('province:DB').toString('base64')}`;
    headers.emptyBearer = 'Bearer ';
    headers.expired = bearer(await stack.token(provinceClaims, -5));
    headers.badSignature = bearer(await forged.badSignature(provinceClaims));
    headers.algNone = bearer(forged.algNone(provinceClaims));
    headers.otherAlgorithm = bearer(await forged.otherAlgorithm(provinceClaims, key));
    headers.unknownRole = bearer(await forged.unknownRole(key));
    headers.association = bearer(await stack.token({ role: 'association', association: 'CH-NCT' }));
    headers.otherAssociation = bearer(await stack.token({ role: 'association', association: 'QC-NCT' }));
    headers.reviewerInside = bearer(await stack.token({ role: 'reviewer', unit: 'DB-MN' }));
    headers.reviewerOutside = bearer(await stack.token({ role: 'reviewer', unit: 'DB-TG' }));
    headers.province = bearer(await stack.token(provinceClaims));
  }, 120_000);

  afterAll(async () => {
    recordFigures('authorization', { routes: ROUTES.length, rows: MATRIX.length, callers: CALLERS.length, cases: tried });
    await stack?.cleanup();
  });

  it('covers every route of the route table', () => {
    const covered = new Set(MATRIX.map((r) => `${r.method} ${r.path.split('?')[0]!.replace(/\/cycles\/\d{4}/, '/cycles/{year}').replace(/reports\/CH-NCT/, 'reports/{association}').replace(/assets\/[^/]+$/, 'assets/{file}')}`));
    expect(ROUTES.map((r) => `${r.method} ${r.path}`).filter((r) => !covered.has(r))).toEqual([]);
  });

  it(`answers each of ${MATRIX.length} rows × ${CALLERS.length} callers as the table says, and changes nothing`, async () => {
    const before = await dumpStores();
    const failures: string[] = [];
    for (const row of MATRIX) {
      for (const caller of CALLERS) {
        const expected = row.expect === 'public' ? 200 : TOKEN_ATTACKS.includes(caller) ? 401 : row.expect[caller];
        const h: Record<string, string> = {};
        if (headers[caller]) h.authorization = headers[caller]!;
        if (row.json !== undefined) h['content-type'] = 'application/json';
        const response = await fetch(`${stack.url}${row.path}`, { method: row.method, headers: h, body: row.json === undefined ? undefined : JSON.stringify(row.json), redirect: 'manual' });
        const text = await response.text();
        tried++;
        if (response.status !== expected) failures.push(`${row.method} ${row.path} as ${caller}: ${response.status}, expected ${expected} (${text.slice(0, 100)})`);
        if (response.status === 401) expect(response.headers.get('www-authenticate')).toBe('Bearer');
        // A refused caller learns nothing of the data: the error body only.
        if (response.status === 401 || response.status === 403) expect(Object.keys(JSON.parse(text) as object)).toEqual(['error']);
      }
    }
    expect(failures).toEqual([]);
    expect(await dumpStores()).toEqual(before);
  });

  it('tells an expired token from a bad one, without saying more', async () => {
    const expired = await fetch(`${stack.url}/cycles/${Y}`, { headers: { authorization: headers.expired!, 'accept-language': 'en' } });
    const forgedOne = await fetch(`${stack.url}/cycles/${Y}`, { headers: { authorization: headers.algNone!, 'accept-language': 'en' } });
    const e = ((await expired.json()) as { error: { message: string } }).error.message;
    const f = ((await forgedOne.json()) as { error: { message: string } }).error.message;
    expect(e).toMatch(/expired/i);
    expect(f).not.toMatch(/expired|signature|alg/i);
  });
});
