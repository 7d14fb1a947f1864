// Integrity of the registry and of every accepted submission (RELIABILITY.md): a registry import
// racing a submission never leaves a 2xx submission outside the counts; two reopens at once
// both hold; no write lands once the auto-close time has passed; a cap on versions; and a
// server killed at random points of a large import restarts on wholly the old registry or
// wholly the new one.
import { join } from 'node:path';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { now } from '../../shared/adapters/clock.ts';
import { dynamo, tableName } from '../../shared/adapters/clients.ts';
import { updateCycle } from '../../shared/adapters/cycle-store.ts';
import { MAX_VERSIONS_PER_ASSOCIATION } from '../../shared/domain/review.ts';
import { assocSk, cyclePk } from '../../shared/adapters/table-keys.ts';
import { signToken, type Principal } from '../../shared/auth/tokens.ts';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { closeAndWait, report } from '../support/cycle.ts';
import { serveChild } from '../support/serve-child.ts';
import { recordFigures, signingKeyOf } from './support.ts';

const Y = 2024;
const UNITS = `code,name,level,parent_code
LC,Tỉnh Lai Châu,province,
LC-TD,Huyện Tam Đường,district,LC
`;
const TRIALS = 60;
const codes = Array.from({ length: TRIALS }, (_, i) => `R${String(i).padStart(2, '0')}`);
const registry = (unexpected: ReadonlySet<string>) =>
  `code,name,unit_code,special,founded_on,dissolved_on
${codes.map((c, i) => `${c},Hội số ${i},LC-TD,false,${unexpected.has(c) ? '2099-01-01' : '2000-01-01'},`).join('\n')}
`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const figures = {
  importRaces: 0,
  bothAccepted: 0,
  submissionWon: 0,
  importWon: 0,
  acceptedSubmissions: 0,
  acceptedInClose: 0,
  reopenRaces: 0,
  reopenedTogether: 0,
  overdueWritesRefused: 0,
  importKills: 0,
  restartsWhollyOld: 0,
  restartsWhollyNew: 0,
  restartsMixed: 0,
  recordsLost: 0,
};
afterAll(() => recordFigures('registry-integrity', figures));

describe('a registry import racing a submission', () => {
  let stack: TestStack;
  let province: string;
  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2024-12-01T02:00:00Z' });
    province = await stack.token({ role: 'province', unit: 'LC' });
    expect((await stack.request('POST', '/cycles', { token: province, json: { year: Y } })).status).toBe(201);
    expect((await stack.request('PUT', `/cycles/${Y}/registry`, { token: province, json: { units: UNITS, associations: registry(new Set()) } })).status).toBe(200);
  }, 120_000);
  afterAll(async () => stack?.cleanup());

  it(`never leaves a 2xx submission outside the counts or the close (${TRIALS} races)`, async () => {
    const unexpected = new Set<string>();
    const accepted = new Map<string, number>();
    // How long an import takes here: the submission is sent at a random instant inside it.
    const t0 = performance.now();
    expect((await stack.request('PUT', `/cycles/${Y}/registry`, { token: province, json: { units: UNITS, associations: registry(unexpected) } })).status).toBe(200);
    const importMs = performance.now() - t0;

    for (const [i, code] of codes.entries()) {
      const members = 100 + i;
      const next = new Set([...unexpected, code]);
      const association = await stack.token({ role: 'association', association: code });
      const [imported, submitted] = await Promise.all([
        stack.request('PUT', `/cycles/${Y}/registry`, { token: province, json: { units: UNITS, associations: registry(next) } }),
        sleep(Math.random() * importMs).then(() => stack.request('PUT', `/cycles/${Y}/reports/${code}`, { token: association, json: report(members) })),
      ]);
      figures.importRaces++;
      expect([200, 409], imported.text).toContain(imported.status);
      expect([200, 409], submitted.text).toContain(submitted.status);
      if (imported.status === 200) unexpected.add(code);
      if (submitted.status === 200) accepted.set(code, members);
      if (imported.status === 200 && submitted.status === 200) figures.bothAccepted++;
      if (submitted.status === 200 && imported.status === 409) figures.submissionWon++;
      if (imported.status === 200 && submitted.status === 409) figures.importWon++;

      // The invariant: the submission was refused, or the association is expected and its version counts.
      if (submitted.status === 200) {
        expect(unexpected.has(code), `${code}: an accepted submission was made unexpected`).toBe(false);
        const listed = await stack.request('GET', `/cycles/${Y}/reports?status=submitted&limit=200`, { token: province });
        expect(listed.json.items.map((r: { association: string }) => r.association)).toContain(code);
      }
    }
    const cycle = await stack.request('GET', `/cycles/${Y}`, { token: province });
    expect(cycle.json.counts.submitted).toBe(accepted.size);
    expect(cycle.json.counts.expected).toBe(TRIALS - unexpected.size);
    figures.acceptedSubmissions = accepted.size;
    // Both outcomes happened: the races were real, not one side always first.
    expect(figures.submissionWon, JSON.stringify(figures)).toBeGreaterThan(0);
    expect(figures.importWon, JSON.stringify(figures)).toBeGreaterThan(0);
    expect(figures.bothAccepted).toBe(0);

    const done = await closeAndWait(stack, Y, province);
    expect(done.status).toBe('published');
    const summary = await stack.request('GET', `/cycles/${Y}/summary`, { token: province });
    expect(summary.json.reports.submitted).toBe(accepted.size);
    figures.acceptedInClose = summary.json.reports.submitted;
    figures.recordsLost += accepted.size - figures.acceptedInClose;
  }, 600_000);
});

describe('the lock exception and the clock', () => {
  let stack: TestStack;
  let province: string;
  const N = 12;
  const own = Array.from({ length: N }, (_, i) => `K${String(i).padStart(2, '0')}`);
  const ASSOCIATIONS = `code,name,unit_code,special,founded_on,dissolved_on
${own.map((c, i) => `${c},Hội số ${i},LC-TD,false,2000-01-01,`).join('\n')}
`;
  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2024-12-01T02:00:00Z' });
    province = await stack.token({ role: 'province', unit: 'LC' });
  }, 120_000);
  afterAll(async () => stack?.cleanup());

  it(`keeps every one of ${N} reopens sent at once, and revision 2 publishes all of them`, async () => {
    expect((await stack.request('POST', '/cycles', { token: province, json: { year: Y } })).status).toBe(201);
    expect((await stack.request('PUT', `/cycles/${Y}/registry`, { token: province, json: { units: UNITS, associations: ASSOCIATIONS } })).status).toBe(200);
    for (const [i, code] of own.entries()) {
      const token = await stack.token({ role: 'association', association: code });
      expect((await stack.request('PUT', `/cycles/${Y}/reports/${code}`, { token, json: report(100 + i) })).status).toBe(200);
      expect((await stack.request('POST', `/cycles/${Y}/reports/${code}/review`, { token: province, json: { decision: 'approve', version: 1, score: 90 } })).status).toBe(200);
    }
    expect((await closeAndWait(stack, Y, province)).status).toBe('published');

    const reopened = await Promise.all(own.map((code) => stack.request('POST', `/cycles/${Y}/reports/${code}/reopen`, { token: province, json: { comment: 'Sửa số liệu' } })));
    figures.reopenRaces++;
    expect(reopened.map((r) => r.status)).toEqual(own.map(() => 200));
    const cycle = await stack.request('GET', `/cycles/${Y}`, { token: province });
    expect(cycle.json.status).toBe('open');
    expect([...cycle.json.reopenedFor].sort()).toEqual(own);
    figures.reopenedTogether = cycle.json.reopenedFor.length;

    // No registry import while reopened: revision 2 would change far more than these reports.
    const importing = await stack.request('PUT', `/cycles/${Y}/registry`, { token: province, json: { units: UNITS, associations: ASSOCIATIONS } });
    expect(importing.status).toBe(409);
    expect(importing.json.error.message).toContain('mở lại');

    for (const [i, code] of own.entries()) {
      const token = await stack.token({ role: 'association', association: code });
      const again = await stack.request('PUT', `/cycles/${Y}/reports/${code}`, { token, json: report(200 + i) });
      expect(again.status, again.text).toBe(200);
      expect((await stack.request('POST', `/cycles/${Y}/reports/${code}/review`, { token: province, json: { decision: 'approve', version: 2, score: 90 } })).status).toBe(200);
    }
    expect((await closeAndWait(stack, Y, province)).revision).toBe(2);
    const summary = await stack.request('GET', `/cycles/${Y}/summary`, { token: province });
    expect(summary.json.reports.approved).toBe(N);
    expect(summary.json.figures.members).toBe(own.reduce((sum, _, i) => sum + 200 + i, 0));
  }, 300_000);

  it('refuses every write once the auto-close time has passed, even before the close has frozen the cycle', async () => {
    const year = Y + 1;
    expect((await stack.request('POST', '/cycles', { token: province, json: { year } })).status).toBe(201);
    expect((await stack.request('PUT', `/cycles/${year}/registry`, { token: province, json: { units: UNITS, associations: ASSOCIATIONS } })).status).toBe(200);
    const token = await stack.token({ role: 'association', association: 'K00' });
    expect((await stack.request('PUT', `/cycles/${year}/reports/K00`, { token, json: report(10) })).status).toBe(200);
    // As a restart leaves it: still open, the auto-close time already behind, its close not yet run.
    await updateCycle(year, { autoCloseDueMs: now().getTime() - 17_000 });
    const submitted = await stack.request('PUT', `/cycles/${year}/reports/K01`, { token: await stack.token({ role: 'association', association: 'K01' }), json: report(10) });
    expect(submitted.status).toBe(409);
    expect(submitted.json.error.message).toContain('tự động tổng kết');
    const reviewed = await stack.request('POST', `/cycles/${year}/reports/K00/review`, { token: province, json: { decision: 'approve', version: 1, score: 90 } });
    expect(reviewed.status).toBe(409);
    const imported = await stack.request('PUT', `/cycles/${year}/registry`, { token: province, json: { units: UNITS, associations: ASSOCIATIONS } });
    expect(imported.status).toBe(409);
    figures.overdueWritesRefused += 3;
    const k01 = await stack.request('GET', `/cycles/${year}/reports/K01`, { token: province });
    expect(k01.json.version).toBe(0);
  });

  it(`refuses version ${MAX_VERSIONS_PER_ASSOCIATION + 1} of one association with a clear 409`, async () => {
    const year = Y + 2;
    expect((await stack.request('POST', '/cycles', { token: province, json: { year } })).status).toBe(201);
    expect((await stack.request('PUT', `/cycles/${year}/registry`, { token: province, json: { units: UNITS, associations: ASSOCIATIONS } })).status).toBe(200);
    const token = await stack.token({ role: 'association', association: 'K02' });
    expect((await stack.request('PUT', `/cycles/${year}/reports/K02`, { token, json: report(10) })).status).toBe(200);
    // Submitting 499 more versions one by one takes minutes; the counter is moved as they would move it.
    const last = MAX_VERSIONS_PER_ASSOCIATION - 1;
    await dynamo().send(
      new UpdateCommand({ TableName: tableName(), Key: { pk: cyclePk(year), sk: assocSk('K02') }, UpdateExpression: 'SET version = :v', ExpressionAttributeValues: { ':v': last } }),
    );
    const atCap = await stack.request('PUT', `/cycles/${year}/reports/K02`, { token, json: report(11) });
    expect(atCap.status, atCap.text).toBe(200);
    expect(atCap.json.version).toBe(MAX_VERSIONS_PER_ASSOCIATION);
    const past = await stack.request('PUT', `/cycles/${year}/reports/K02`, { token, json: report(12) });
    expect(past.status).toBe(409);
    expect(past.json.error.message).toContain(String(MAX_VERSIONS_PER_ASSOCIATION));
  });
});

describe('the local server killed at random points of a large registry import', () => {
  const server = serveChild('tongket-import-kill-');
  const KILLS = 5;
  const SIZE = 1_500;
  const CSV_UNITS = (district: string) => `code,name,level,parent_code\nP,Tỉnh Thử Nghiệm,province,\n${district},Huyện ${district},district,P\n`;
  const CSV_ASSOCIATIONS = (district: string) =>
    `code,name,unit_code,special,founded_on,dissolved_on\n${Array.from({ length: SIZE }, (_, i) => `H${i},Hội số ${i},${district},false,2000-01-01,`).join('\n')}\n`;
  afterAll(() => server.cleanup());

  it(`restarts on wholly the old registry or wholly the new one, ${KILLS} kills at random points`, async () => {
    await server.start();
    const token = (p: Principal) => signToken(p, signingKeyOf(join(server.dataDir, 'signing-key')), 3600);
    const province = await token({ role: 'province', unit: 'P' });
    const call = async (method: string, path: string, json?: unknown) => {
      const response = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${province}`, ...(json ? { 'content-type': 'application/json' } : {}) }, body: json ? JSON.stringify(json) : undefined });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null, text };
    };
    expect((await call('POST', '/cycles', { year: Y })).status).toBe(201);
    const first = await call('PUT', `/cycles/${Y}/registry`, { units: CSV_UNITS('D1'), associations: CSV_ASSOCIATIONS('D1') });
    expect(first.status, first.text).toBe(200);
    // Three approved reports, as the attack had them: a re-import never loses them.
    for (const code of ['H0', 'H1', 'H2']) {
      const association = await token({ role: 'association', association: code });
      const response = await fetch(`${server.url}/cycles/${Y}/reports/${code}`, { method: 'PUT', headers: { authorization: `Bearer ${association}`, 'content-type': 'application/json' }, body: JSON.stringify(report(50)) });
      expect(response.status).toBe(200);
      expect((await call('POST', `/cycles/${Y}/reports/${code}/review`, { decision: 'approve', version: 1, score: 90 })).status).toBe(200);
    }

    // How long a re-import takes here (all 1,500 move to the other district, the old one is
    // dropped): the kills are spread from a tenth of it to past its end, with some jitter, so
    // that some land before the switch and some after.
    const t0 = performance.now();
    const timed = await call('PUT', `/cycles/${Y}/registry`, { units: CSV_UNITS('D2'), associations: CSV_ASSOCIATIONS('D2') });
    expect(timed.status, timed.text).toBe(200);
    const importMs = performance.now() - t0;
    let current = 'D2';
    for (let kill = 0; kill < KILLS; kill++) {
      const target = current === 'D1' ? 'D2' : 'D1';
      const pending = call('PUT', `/cycles/${Y}/registry`, { units: CSV_UNITS(target), associations: CSV_ASSOCIATIONS(target) }).catch(() => null);
      await sleep(importMs * (0.1 + (1.3 * kill) / (KILLS - 1) + (Math.random() - 0.5) * 0.15));
      server.child!.kill('SIGKILL');
      await server.exited();
      const answered = await pending;
      figures.importKills++;
      await server.start();

      const cycle = (await call('GET', `/cycles/${Y}`)).json;
      const rows = new Map<string, { expected: number; approved: number }>(cycle.units.map((u: { code: string; expected: number; approved: number }) => [u.code, u]));
      const wholly = (district: string) => rows.get(district)?.expected === SIZE && rows.get(district === 'D1' ? 'D2' : 'D1') === undefined;
      if (wholly(target)) {
        figures.restartsWhollyNew++;
        current = target;
      } else if (wholly(current)) {
        figures.restartsWhollyOld++;
        // An import answered 200 before the kill must have switched.
        expect(answered?.status).not.toBe(200);
      } else {
        figures.restartsMixed++;
      }
      expect(cycle.counts).toMatchObject({ expected: SIZE, approved: 3 });
      expect(wholly(current), JSON.stringify(cycle.units)).toBe(true);
    }
    expect(figures.restartsMixed).toBe(0);
    console.log(`[reliability] import of ${SIZE} took ${Math.round(importMs)} ms; after ${KILLS} kills: ${figures.restartsWhollyOld} wholly old, ${figures.restartsWhollyNew} wholly new`);

    // The registry can be imported again, and the close publishes all of it.
    const again = await call('PUT', `/cycles/${Y}/registry`, { units: CSV_UNITS('D3'), associations: CSV_ASSOCIATIONS('D3') });
    expect(again.status, again.text).toBe(200);
    expect(again.json.moved).toHaveLength(SIZE);
    expect((await call('POST', `/cycles/${Y}/close`)).status).toBe(202);
    let cycle: { status: string } | null = null;
    for (const deadline = Date.now() + 180_000; Date.now() < deadline; await sleep(300)) {
      cycle = (await call('GET', `/cycles/${Y}`)).json;
      if (cycle!.status === 'published' || cycle!.status === 'close_failed') break;
    }
    expect(cycle?.status).toBe('published');
    const summary = (await call('GET', `/cycles/${Y}/summary`)).json;
    expect(summary.reports).toMatchObject({ expected: SIZE, approved: 3 });
    figures.recordsLost += 3 - summary.reports.approved;
  }, 900_000);
});
