// Faults (RELIABILITY.md, promise 4): a transient error in every Task of the close is retried;
// the local server killed with SIGKILL in the middle of a close, started again, finishes the
// close with nothing lost; what was stored before the kill survives it. (A permanent error
// ending in close_failed and the resumed close giving byte-identical files to a clean run is
// test/integration/close.test.ts.)
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobHandler } from '../../infra/local/step-functions.ts';
import { signToken, type Principal } from '../../shared/auth/tokens.ts';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { closeAndWait, report, seedCycle, THREE_TIER_ASSOCIATIONS, THREE_TIER_UNITS, type SeedReport } from '../support/cycle.ts';
import { serveChild } from '../support/serve-child.ts';
import { recordFigures, signingKeyOf } from './support.ts';

const figures = { faultsInjected: 0, transientRetried: 0, sigkills: 0, restarts: 0, approvedBeforeKill: 0, approvedPublished: 0, recordsLost: 0 };
afterAll(() => recordFigures('faults', figures));

describe('a transient error in every Task of the close', () => {
  let stack: TestStack | undefined;
  afterAll(async () => stack?.cleanup());

  it('is retried, and the close publishes every approved report', async () => {
    const failOnce = new Set(['Freeze', 'ReviewGate', 'AggregateUnit', 'RollupProvince', 'SelectCommendations', 'RenderReport', 'Publish']);
    const calls = new Map<string, number>();
    const wrapTask = (state: string, handler: JobHandler): JobHandler => async (input, context) => {
      calls.set(state, (calls.get(state) ?? 0) + 1);
      if (failOnce.delete(state)) {
        figures.faultsInjected++;
        throw Object.assign(new Error(`${state}: the table is busy`), { name: 'TransientError' });
      }
      return handler(input, context);
    };
    stack = await startTestStack({ clockStart: '2024-12-01T02:00:00Z', wrapTask });
    const reports: SeedReport[] = [
      { association: 'DB-CTD', members: 2100, score: 96 },
      { association: 'MN-NCT', members: 310, score: 92 },
      { association: 'CH-NCT', members: 180 },
      { association: 'TG-CTD', members: 250 },
    ];
    const province = await seedCycle(stack, { year: 2024, province: 'DB', units: THREE_TIER_UNITS, associations: THREE_TIER_ASSOCIATIONS, reports });
    const done = await closeAndWait(stack, 2024, province);
    expect(done).toMatchObject({ status: 'published', revision: 1, failure: null });
    expect(failOnce.size).toBe(0);
    for (const state of ['Freeze', 'ReviewGate', 'RollupProvince', 'SelectCommendations', 'RenderReport', 'Publish']) expect(calls.get(state), state).toBe(2);
    expect(calls.get('AggregateUnit')).toBe(3); // two districts, one retried
    figures.transientRetried += 7;
    const summary = await stack.request('GET', '/cycles/2024/summary', { token: province });
    expect(summary.json.reports.approved).toBe(4);
    expect(summary.json.figures.members).toBe(2100 + 310 + 180 + 250);
  }, 120_000);
});

describe('the local server killed with SIGKILL during a close', () => {
  const server = serveChild('tongket-sigkill-');
  afterAll(() => server.cleanup());

  it('finishes the close after a restart, with every approved report counted and stored data intact', async () => {
    await server.start();
    const key = signingKeyOf(join(server.dataDir, 'signing-key'));
    const token = (p: Principal) => signToken(p, key, 3600);
    const call = async (method: string, path: string, bearer: string, json?: unknown) => {
      const response = await fetch(`${server.url}${path}`, { method, headers: { authorization: `Bearer ${bearer}`, ...(json ? { 'content-type': 'application/json' } : {}) }, body: json ? JSON.stringify(json) : undefined });
      const text = await response.text();
      return { status: response.status, json: text ? JSON.parse(text) : null, text };
    };
    const province = await token({ role: 'province', unit: 'P' });

    // A province with many districts: the close fans out over all of them, which takes a moment.
    const DISTRICTS = 80;
    const units = ['code,name,level,parent_code', 'P,Tỉnh Thử Nghiệm,province,', ...Array.from({ length: DISTRICTS }, (_, d) => `D${d},Huyện ${d},district,P`)].join('\n');
    const associations = [
      'code,name,unit_code,special,founded_on,dissolved_on',
      ...Array.from({ length: DISTRICTS * 3 }, (_, i) => `H${i},Hội số ${i},D${i % DISTRICTS},false,2000-01-01,`),
    ].join('\n');
    expect((await call('POST', '/cycles', province, { year: 2024 })).status).toBe(201);
    const imported = await call('PUT', '/cycles/2024/registry', province, { units, associations });
    expect(imported.status, imported.text).toBe(200);
    const approved = Array.from({ length: DISTRICTS }, (_, d) => `H${d}`);
    let members = 0;
    for (let i = 0; i < approved.length; i += 10) {
      await Promise.all(
        approved.slice(i, i + 10).map(async (code, j) => {
          const m = 100 + i + j;
          members += m;
          const submitted = await call('PUT', `/cycles/2024/reports/${code}`, await token({ role: 'association', association: code }), report(m));
          expect(submitted.status, submitted.text).toBe(200);
          const reviewed = await call('POST', `/cycles/2024/reports/${code}/review`, province, { decision: 'approve', version: 1, score: 95 });
          expect(reviewed.status, reviewed.text).toBe(200);
        }),
      );
    }
    figures.approvedBeforeKill = approved.length;
    const before = await call('GET', '/cycles/2024/reports/H0', province);

    const close = await call('POST', '/cycles/2024/close', province);
    expect(close.status).toBe(202);
    // Kill it once the close is under way, past the freeze, before it publishes.
    let seen = '';
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      const cycle = await call('GET', '/cycles/2024', province);
      seen = `${cycle.json.status}/${cycle.json.step}`;
      if (cycle.json.status !== 'closing') break;
      if (cycle.json.step !== 'Freeze') {
        server.child!.kill('SIGKILL');
        break;
      }
    }
    expect(seen, 'the close finished before the kill: make the province bigger').toMatch(/^closing\//);
    await server.exited();
    expect(server.child!.signalCode).toBe('SIGKILL');
    figures.sigkills++;
    figures.faultsInjected++;
    console.log(`[reliability] SIGKILL at ${seen}`);

    await server.start();
    figures.restarts++;
    let cycle: { status: string; revision: number; step: string } | null = null;
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
      cycle = (await call('GET', '/cycles/2024', province)).json;
      if (cycle!.status === 'published' || cycle!.status === 'close_failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(cycle).toMatchObject({ status: 'published', revision: 1 });
    const summary = await call('GET', '/cycles/2024/summary', province);
    expect(summary.json.reports).toMatchObject({ expected: DISTRICTS * 3, submitted: DISTRICTS, approved: DISTRICTS });
    expect(summary.json.figures.members).toBe(members);
    figures.approvedPublished = summary.json.reports.approved;
    figures.recordsLost = figures.approvedBeforeKill - figures.approvedPublished;
    const pdf = await fetch(`${server.url}/cycles/2024/report.pdf`, { headers: { authorization: `Bearer ${province}` } });
    expect(pdf.status).toBe(200);
    expect(Buffer.from(await pdf.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
    // What was stored before the kill reads back the same after it.
    const after = await call('GET', '/cycles/2024/reports/H0', province);
    expect(after.json.report).toEqual(before.json.report);
    expect(after.json.history).toEqual(before.json.history);
    // Submissions stay refused after the restart: the cycle is published.
    const late = await call('PUT', '/cycles/2024/reports/H1', await token({ role: 'association', association: 'H1' }), report(1));
    expect(late.status).toBe(409);
  }, 180_000);
});
