// Races (RELIABILITY.md, promise 3): concurrent resubmissions of one association, reviewers
// deciding at once, submissions racing the freeze of the close. Nothing accepted is lost,
// nothing after the freeze slips in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { report } from '../support/cycle.ts';
import { recordFigures } from './support.ts';

const Y = 2024;
const UNITS = `code,name,level,parent_code
HG,Tỉnh Hà Giang,province,
HG-DV,Huyện Đồng Văn,district,HG
HG-MV,Huyện Mèo Vạc,district,HG
`;
const N = 40;
const codes = Array.from({ length: N }, (_, i) => `A${String(i).padStart(2, '0')}`);
const ASSOCIATIONS = `code,name,unit_code,special,founded_on,dissolved_on
${codes.map((c, i) => `${c},Hội số ${i},${i % 2 ? 'HG-DV' : 'HG-MV'},false,2000-01-01,`).join('\n')}
`;

describe('races', () => {
  let stack: TestStack;
  let province: string;
  const figures = { races: 0, requests: 0, accepted: 0, refused409: 0, fivexx: 0, recordsLost: 0 };

  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2024-12-01T02:00:00Z' });
    province = await stack.token({ role: 'province', unit: 'HG' });
    expect((await stack.request('POST', '/cycles', { token: province, json: { year: Y } })).status).toBe(201);
    expect((await stack.request('PUT', `/cycles/${Y}/registry`, { token: province, json: { units: UNITS, associations: ASSOCIATIONS } })).status).toBe(200);
  }, 60_000);

  afterAll(async () => {
    recordFigures('concurrency', figures);
    await stack?.cleanup();
  });

  const count = (status: number) => {
    figures.requests++;
    if (status >= 200 && status < 300) figures.accepted++;
    else if (status === 409) figures.refused409++;
    else if (status >= 500) figures.fivexx++;
  };

  it('takes 50 concurrent resubmissions of one association: versions 1…50, all in history, the final state one of them', async () => {
    figures.races++;
    const token = await stack.token({ role: 'association', association: 'A00' });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => stack.request('PUT', `/cycles/${Y}/reports/A00`, { token, json: report(1000 + i) })),
    );
    responses.forEach((r) => count(r.status));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(200));
    const versions = responses.map((r) => r.json.version as number);
    expect([...versions].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    const read = await stack.request('GET', `/cycles/${Y}/reports/A00`, { token });
    expect(read.json.version).toBe(50);
    // The stored report is the body of the submission that was given version 50.
    const winner = versions.indexOf(50);
    expect(read.json.report.members).toBe(1000 + winner);
    // History is in commit order: versions 1…50 in sequence, none lost, none twice.
    const submitted = read.json.history.filter((h: { action: string }) => h.action === 'submitted').map((h: { version: number }) => h.version);
    expect(submitted).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    figures.recordsLost += 50 - new Set(submitted).size;
  });

  it('lets exactly one of two reviewers decide, and refuses a decision on a version that is no longer current', async () => {
    const inside = await stack.token({ role: 'reviewer', unit: 'HG-DV' });
    for (const code of ['A01', 'A03', 'A05', 'A07', 'A09']) {
      figures.races++;
      const token = await stack.token({ role: 'association', association: code });
      expect((await stack.request('PUT', `/cycles/${Y}/reports/${code}`, { token, json: report(10) })).json.version).toBe(1);
      // Reviewer 1 read version 1; meanwhile the association resubmits (version 2) while reviewer 2 reads it.
      const [resubmitted] = await Promise.all([stack.request('PUT', `/cycles/${Y}/reports/${code}`, { token, json: report(20) })]);
      count(resubmitted.status);
      expect(resubmitted.json.version).toBe(2);
      const [onOld, onNew] = await Promise.all([
        stack.request('POST', `/cycles/${Y}/reports/${code}/review`, { token: inside, json: { decision: 'approve', version: 1, score: 99 } }),
        stack.request('POST', `/cycles/${Y}/reports/${code}/review`, { token: province, json: { decision: 'return', version: 2, comment: 'Thiếu số liệu.' } }),
      ]);
      count(onOld.status);
      count(onNew.status);
      expect(onOld.status).toBe(409);
      expect(onNew.status).toBe(200);
      // Same version, opposite decisions at once: one wins, the other is told the state moved.
      const again = await stack.request('PUT', `/cycles/${Y}/reports/${code}`, { token, json: report(30) });
      const [approve, giveBack] = await Promise.all([
        stack.request('POST', `/cycles/${Y}/reports/${code}/review`, { token: inside, json: { decision: 'approve', version: again.json.version, score: 91 } }),
        stack.request('POST', `/cycles/${Y}/reports/${code}/review`, { token: province, json: { decision: 'return', version: again.json.version, comment: 'Xem lại.' } }),
      ]);
      count(approve.status);
      count(giveBack.status);
      expect([approve.status, giveBack.status].sort()).toEqual([200, 409]);
      const read = await stack.request('GET', `/cycles/${Y}/reports/${code}`, { token: province });
      expect(read.json.status).toBe(approve.status === 200 ? 'approved' : 'returned');
      const decisions = read.json.history.filter((h: { version: number; action: string }) => h.version === again.json.version && h.action !== 'submitted');
      expect(decisions).toHaveLength(1);
    }
  });

  it('freezes at the close: every accepted submission is in the snapshot, every later one gets 409', async () => {
    figures.races++;
    const racers = codes.slice(10);
    const tokens = new Map(await Promise.all(racers.map(async (c) => [c, await stack.token({ role: 'association', association: c })] as const)));
    const accepted = new Map<string, number[]>();
    let closedAt = Infinity;
    const sentAfterClose: { code: string; status: number }[] = [];
    let stop = false;
    const refused = new Set<string>();
    const hammer = async (code: string) => {
      for (let i = 0; !stop; i++) {
        const sentAt = Date.now();
        const r = await stack.request('PUT', `/cycles/${Y}/reports/${code}`, { token: tokens.get(code), json: report(100 + i) });
        count(r.status);
        expect([200, 409]).toContain(r.status);
        if (r.status === 200) {
          // Once refused, never accepted again: the freeze is for good.
          expect(refused.has(code)).toBe(false);
          accepted.set(code, [...(accepted.get(code) ?? []), r.json.version]);
        }
        if (r.status === 409) {
          refused.add(code);
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
        if (sentAt > closedAt) sentAfterClose.push({ code, status: r.status });
      }
    };
    const running = racers.map(hammer);
    await new Promise((r) => setTimeout(r, 400));
    const close = await stack.request('POST', `/cycles/${Y}/close`, { token: province });
    closedAt = Date.now();
    expect(close.status).toBe(202);
    setTimeout(() => (stop = true), 3000);
    await Promise.all(running);
    const cycle = await stack.waitForStatus(Y, province, ['published', 'close_failed'], 120_000);
    expect(cycle.status).toBe('published');

    // Every submission sent after the close answered 409.
    expect(sentAfterClose.length).toBeGreaterThan(0);
    expect(sentAfterClose.filter((s) => s.status !== 409)).toEqual([]);
    // Every accepted version is in the frozen store, and nothing else is.
    let acceptedTotal = 0;
    for (const code of racers) {
      const versions = accepted.get(code) ?? [];
      acceptedTotal += versions.length;
      const read = await stack.request('GET', `/cycles/${Y}/reports/${code}`, { token: province });
      expect(read.json.version).toBe(versions.length);
      const inHistory = read.json.history.filter((h: { action: string }) => h.action === 'submitted').map((h: { version: number }) => h.version);
      expect([...inHistory].sort((a, b) => a - b)).toEqual([...versions].sort((a, b) => a - b));
      figures.recordsLost += versions.filter((v) => !inHistory.includes(v)).length;
    }
    const summary = await stack.request('GET', `/cycles/${Y}/summary`, { token: province });
    const withAVersion = codes.filter((c) => c === 'A00' || ['A01', 'A03', 'A05', 'A07', 'A09'].includes(c) || (accepted.get(c)?.length ?? 0) > 0).length;
    expect(summary.json.reports.submitted).toBe(withAVersion);
    console.log(`[reliability] close race: ${racers.length} associations, ${acceptedTotal} submissions accepted before the freeze, ${sentAfterClose.length} sent after it (all 409)`);
    Object.assign(figures, { closeRaceAccepted: acceptedTotal, closeRaceAfterFreeze: sentAfterClose.length });
  });
});
