// The authorization matrix (RELIABILITY.md, promise 2): every route × every kind of caller,
// table-driven. Allowed callers send a body that fails validation (or name a cycle that does not
// exist) so that passing the gate shows as 422/404 without changing anything; the stores are
// compared before and after the whole matrix.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { decodeJwt, decodeProtectedHeader, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_YEAR } from '../../cli/demo-data.ts';
import { printLinks } from '../../cli/serve.ts';
import { ROUTES } from '../../infra/routes.ts';
import { TOKEN_ISSUER, type Principal } from '../../shared/auth/tokens.ts';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { closeAndWait, seedCycle, THREE_TIER_ASSOCIATIONS, THREE_TIER_UNITS } from '../support/cycle.ts';
import { dumpStores, forged, recordFigures, sign, signingKeyOf } from './support.ts';

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
  method: 'GET' | 'POST' | 'PUT' | 'PATCH';
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
  { method: 'GET', path: '/sw.js', expect: 'public' },
  { method: 'GET', path: '/manifest.webmanifest', expect: 'public' },
  { method: 'POST', path: '/cycles', json: { year: 'next' }, expect: roles(403, 403, 403, 403, 422) },
  { method: 'GET', path: `/cycles/${Y}`, expect: roles(200, 200, 200, 200, 200) },
  { method: 'GET', path: '/cycles', expect: roles(403, 403, 200, 200, 200) },
  // The links: a format no one takes passes the gate as 422, before any link is issued.
  { method: 'GET', path: `/cycles/${Y}/links?format=pdf`, expect: roles(403, 403, 422, 422, 422) },
  { method: 'POST', path: '/cycles/2031/links/CH-NCT', expect: roles(403, 403, 403, 403, 404) },
  { method: 'PUT', path: `/cycles/${Y}/registry`, json: { units: 1 }, expect: roles(403, 403, 403, 403, 422) },
  { method: 'GET', path: `/cycles/${Y}/reports`, expect: roles(403, 403, 200, 200, 200) },
  { method: 'GET', path: `/cycles/${Y}/reports?unit=DB-MN-CH`, expect: roles(403, 403, 200, 403, 200) },
  { method: 'GET', path: `/cycles/${Y}/reports?unit=DB`, expect: roles(403, 403, 403, 403, 200) },
  { method: 'PUT', path: A, json: { members: -1 }, expect: roles(422, 403, 403, 403, 403) },
  { method: 'GET', path: A, expect: roles(200, 403, 200, 403, 200) },
  { method: 'POST', path: `${A}/review`, json: { decision: 'approve' }, expect: roles(403, 403, 422, 403, 422) },
  { method: 'POST', path: `${A}/reopen`, json: {}, expect: roles(403, 403, 403, 403, 422) },
  { method: 'POST', path: '/cycles/2031/close', expect: roles(403, 403, 403, 403, 404) },
  { method: 'GET', path: `/cycles/${Y}/outbox`, expect: roles(403, 403, 403, 403, 200) },
  { method: 'PATCH', path: '/cycles/2031/document', json: {}, expect: roles(403, 403, 403, 403, 422) },
  { method: 'POST', path: '/cycles/2031/publish', expect: roles(403, 403, 403, 403, 404) },
  // The draft is the province's alone; 2023 is published, so it has none.
  { method: 'GET', path: '/cycles/2023/report.pdf?draft=1', expect: roles(403, 403, 403, 403, 409) },
  { method: 'GET', path: '/cycles/2023/summary', expect: roles(200, 200, 200, 200, 200) },
  { method: 'GET', path: '/cycles/2023/commendations', expect: roles(200, 200, 200, 200, 200) },
  { method: 'GET', path: '/cycles/2023/commendations?format=csv', expect: roles(200, 200, 200, 200, 200) },
  { method: 'GET', path: '/cycles/2023/report.pdf', expect: roles(200, 200, 200, 200, 200) },
  // The office exports (SPEC section 11): the Word report as the PDF; the workbook of one's own scope, while open too.
  { method: 'GET', path: '/cycles/2023/report.docx', expect: roles(200, 200, 200, 200, 200) },
  { method: 'GET', path: '/cycles/2023/report.docx?draft=1', expect: roles(403, 403, 403, 403, 409) },
  { method: 'GET', path: `/cycles/${Y}/export.xlsx`, expect: roles(403, 403, 200, 200, 200) },
  { method: 'GET', path: '/cycles/2023/export.xlsx', expect: roles(403, 403, 200, 200, 200) },
  { method: 'POST', path: '/tokens/revocations', json: { jti: 5 }, expect: roles(403, 403, 403, 403, 422) },
  // Period reviews (SPEC section 12): P2023 is published in beforeAll; reads for every role
  // whose principal is in the registry of its last year, closing again starts nothing.
  { method: 'POST', path: '/periods', json: { code: 'bad code' }, expect: roles(403, 403, 403, 403, 422) },
  { method: 'GET', path: '/periods', expect: roles(403, 403, 403, 403, 200) },
  { method: 'GET', path: '/periods/P2023', expect: roles(200, 200, 200, 200, 200) },
  { method: 'POST', path: '/periods/P2023/close', expect: roles(403, 403, 403, 403, 202) },
  { method: 'GET', path: '/periods/P2023/summary', expect: roles(200, 200, 200, 200, 200) },
  { method: 'GET', path: '/periods/P2023/commendations', expect: roles(200, 200, 200, 200, 200) },
  { method: 'GET', path: '/periods/P2023/commendations?format=csv', expect: roles(200, 200, 200, 200, 200) },
  { method: 'GET', path: '/periods/P2023/report.pdf', expect: roles(200, 200, 200, 200, 200) },
  { method: 'GET', path: '/periods/P2023/report.docx', expect: roles(200, 200, 200, 200, 200) },
];

describe('the authorization matrix', () => {
  let stack: TestStack;
  const headers = {} as Record<Caller, string | undefined>;
  let tried = 0;

  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2024-12-01T02:00:00Z' });
    const province = await seedCycle(stack, { year: 2023, province: 'DB', units: THREE_TIER_UNITS, associations: THREE_TIER_ASSOCIATIONS, reports: [{ association: 'CH-NCT', members: 90, score: 95 }] });
    expect((await closeAndWait(stack, 2023, province)).status).toBe('published');
    expect((await stack.request('POST', '/periods', { token: province, json: { code: 'P2023', from: 2022, to: 2023, title: 'Sơ kết' } })).status).toBe(201);
    expect((await stack.request('POST', '/periods/P2023/close', { token: province })).status).toBe(202);
    for (let i = 0; (await stack.request('GET', '/periods/P2023', { token: province })).json.status !== 'published'; i++) {
      if (i > 300) throw new Error('P2023 was not published');
      await new Promise((r) => setTimeout(r, 100));
    }
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
    const covered = new Set(MATRIX.map((r) => `${r.method} ${r.path.split('?')[0]!.replace(/\/cycles\/\d{4}/, '/cycles/{year}').replace(/(reports|links)\/CH-NCT/, '$1/{association}').replace(/assets\/[^/]+$/, 'assets/{file}').replace(/^\/periods\/[^/]+/, '/periods/{code}')}`));
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
  // SPEC section 8: tokens that can be limited, revoked and rotated.
  const en = { 'accept-language': 'en' };
  const as = (token: string) => ({ authorization: `Bearer ${token}`, ...en });
  const getCycle = async (token: string) => {
    const response = await fetch(`${stack.url}/cycles/${Y}`, { headers: as(token) });
    return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string; registryRoot?: string } } };
  };

  it('refuses a revoked token from the very next request, everywhere, and only that token', async () => {
    const revoked = await stack.token({ role: 'reviewer', unit: 'DB-MN' });
    const sibling = await stack.token({ role: 'reviewer', unit: 'DB-MN' });
    expect((await getCycle(revoked)).status).toBe(200);
    const jti = decodeJwt(revoked).jti;
    const answer = await stack.request('POST', '/tokens/revocations', { token: await stack.token({ role: 'province', unit: 'DB' }), json: { jti } });
    expect(answer.status, answer.text).toBe(204);
    const refused = await getCycle(revoked);
    expect(refused.status).toBe(401);
    expect(refused.body.error!.message).toMatch(/revoked/);
    // Everywhere: a route of another job, and one its role may not use at all.
    expect((await stack.request('GET', `/cycles/${Y}/reports`, { token: revoked })).status).toBe(401);
    expect((await stack.request('POST', `/cycles/${Y}/close`, { token: revoked })).status).toBe(401);
    expect((await getCycle(sibling)).status).toBe(200);
    // Revoking again is no error; a province may revoke its own token.
    const province = await stack.token({ role: 'province', unit: 'DB' });
    expect((await stack.request('POST', '/tokens/revocations', { token: province, json: { jti } })).status).toBe(204);
    expect((await stack.request('POST', '/tokens/revocations', { token: province, json: { jti: decodeJwt(province).jti } })).status).toBe(204);
    expect((await getCycle(province)).status).toBe(401);
  });

  it('names the field of a bad revocation, and stores nothing for it', async () => {
    const province = await stack.token({ role: 'province', unit: 'DB' });
    const before = await dumpStores();
    const cases: [unknown, string][] = [
      [{}, 'jti'],
      [{ jti: '' }, 'jti'],
      [{ jti: 'a b' }, 'jti'],
      [{ jti: 'x'.repeat(65) }, 'jti'],
      [{ jti: 'ok', token: 'x' }, 'token'],
      [['jti'], 'jti'],
    ];
    for (const [json, field] of cases) {
      const response = await stack.request('POST', '/tokens/revocations', { token: province, json });
      expect(response.status, JSON.stringify(json)).toBe(422);
      expect(Object.keys(response.json.error.fields)).toContain(field);
    }
    expect(await dumpStores()).toEqual(before);
  });

  it('refuses a token whose unit or association is not in the cycle\'s registry, and a province token not naming its root', async () => {
    const cases: [Principal, string][] = [
      [{ role: 'province', unit: 'NOPE' }, 'NOPE'],
      [{ role: 'province', unit: 'DB-MN' }, 'DB-MN'],
      [{ role: 'reviewer', unit: 'NOPE' }, 'NOPE'],
      [{ role: 'association', association: 'NOPE' }, 'NOPE'],
    ];
    for (const [principal, named] of cases) {
      const token = await stack.token(principal);
      const refused = await getCycle(token);
      expect(refused.status, JSON.stringify(principal)).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'not_in_registry', message: expect.stringContaining(named) });
      // The refusal holds on every cycle route, reads and writes alike.
      expect((await stack.request('GET', `/cycles/${Y}/reports/CH-NCT`, { token })).status).toBe(403);
    }
    // The province's refusal names the root, so that a holder of the key can mint the right token.
    expect((await getCycle(await stack.token({ role: 'province', unit: 'NOPE' }))).body.error!.registryRoot).toBe('DB');
    expect((await getCycle(await stack.token({ role: 'reviewer', unit: 'NOPE' }))).body.error!.registryRoot).toBeUndefined();
    // A cycle not opened yet has no registry to check: its route answers for itself.
    expect((await stack.request('POST', '/cycles/2031/close', { token: await stack.token({ role: 'province', unit: 'NOPE' }) })).status).toBe(404);
    // Without a year there is no registry to check (POST /cycles opens one).
    expect((await stack.request('POST', '/cycles', { token: await stack.token({ role: 'province', unit: 'NOPE' }), json: { year: 'next' } })).status).toBe(422);
  });

  it('refuses a token that lives longer than its role allows, and one minted before tokens had a jti', async () => {
    const key = signingKeyOf(stack.signingKeyFile);
    const at = Math.floor(Date.now() / 1000);
    const day = 86_400;
    const province = { role: 'province', unit: 'DB' } as const;
    expect((await getCycle(await sign(province, key, 'HS256', { iat: at, exp: at + 31 * day }))).status).toBe(200);
    const tooLong = await getCycle(await sign(province, key, 'HS256', { iat: at, exp: at + 32 * day }));
    expect(tooLong.status).toBe(401);
    expect(tooLong.body.error!.message).toMatch(/longer than allowed/);
    expect((await getCycle(await sign({ role: 'association', association: 'CH-NCT' }, key, 'HS256', { iat: at, exp: at + 401 * day }))).status).toBe(401);
    expect((await getCycle(await sign({ role: 'association', association: 'CH-NCT' }, key, 'HS256', { iat: at, exp: at + 400 * day }))).status).toBe(200);
    const beforeJti = await new SignJWT({ ...province }).setProtectedHeader({ alg: 'HS256', kid: key.kid }).setIssuer(TOKEN_ISSUER).setIssuedAt(at).setExpirationTime(at + 3600).sign(key.secret);
    expect((await getCycle(beforeJti)).status).toBe(401);
  });

  it('keeps tokens of an earlier key valid after `tongket rotate-key`, and signs new ones with the new key', async () => {
    const old = await stack.token({ role: 'association', association: 'CH-NCT' });
    expect((await getCycle(old)).status).toBe(200);
    const oldKid = decodeProtectedHeader(old).kid;
    const rotated = await tongket(['rotate-key'], { TONGKET_DATA_DIR: stack.dataDir });
    expect(rotated.code, rotated.stderr).toBe(0);
    const fresh = await stack.token({ role: 'association', association: 'CH-NCT' });
    const newKid = decodeProtectedHeader(fresh).kid;
    expect(newKid).not.toBe(oldKid);
    expect(rotated.stdout).toContain(newKid);
    // The running server had the old set in memory: the new kid makes it read the set again.
    expect((await getCycle(fresh)).status).toBe(200);
    expect((await getCycle(old)).status).toBe(200);
    // `tongket revoke --token` reaches the running server and refuses the token at once.
    const revoked = await tongket(['revoke', '--token', old, '--api', stack.url], { TONGKET_DATA_DIR: stack.dataDir });
    expect(revoked.code, revoked.stderr).toBe(0);
    expect((await getCycle(old)).status).toBe(401);
    expect((await getCycle(fresh)).status).toBe(200);
  }, 60_000);

  it('prints, at `tongket serve`, a province link of one day at most, and links that pass the registry check', async () => {
    await seedCycle(stack, { year: DEMO_YEAR, province: 'DB', units: THREE_TIER_UNITS, associations: THREE_TIER_ASSOCIATIONS, reports: [] });
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    try {
      await printLinks(stack.url, '127.0.0.1');
    } finally {
      log.mockRestore();
    }
    const links = lines.join('\n').match(/http:\/\/\S+token=\S+/g) ?? [];
    expect(links).toHaveLength(3);
    for (const link of links) {
      const token = new URL(link).searchParams.get('token')!;
      const { role, iat, exp } = decodeJwt(token);
      if (role === 'province') expect(exp! - iat!).toBeLessThanOrEqual(86_400);
      expect((await getCycle(token)).status, String(role)).toBe(200);
    }
  });
});

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tongket.mjs');

function tongket(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, TONGKET_SIGNING_KEY_FILE: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
