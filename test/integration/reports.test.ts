// Associations and reviewers over HTTP on the embedded stack: registry shapes, review flow,
// lateness, completeness, the scope matrix, pagination while reports change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../shared/auth/tokens.ts';
import { ApiClient } from '../../cli/api-client.ts';
import { now } from '../../shared/adapters/clock.ts';
import { getCycle, updateCycle } from '../../shared/adapters/cycle-store.ts';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { report, THREE_TIER_ASSOCIATIONS, THREE_TIER_UNITS } from '../support/cycle.ts';

const TWO_TIER_UNITS = `code,name,level,parent_code
CT,Thành phố Cần Thơ,province,
CT-NK,Phường Ninh Kiều,commune,CT
CT-CR,Phường Cái Răng,commune,CT
`;
const TWO_TIER_ASSOCIATIONS = `code,name,unit_code,special,founded_on,dissolved_on
CT-CTD,Hội Chữ thập đỏ thành phố Cần Thơ,CT,true,1990-01-01,
NK-NCT,Hội Người cao tuổi phường Ninh Kiều,CT-NK,false,2025-07-01,
CR-KH,Hội Khuyến học phường Cái Răng,CT-CR,false,2010-01-01,2025-09-30
CR-DY,Hội Đông y phường Cái Răng,CT-CR,false,2026-02-01,
`;

describe('associations and reviewers', () => {
  let stack: TestStack;
  let province: string;
  /** 2025's registry has another root (CT): a province token names the root of the cycle it acts on. */
  let province2025: string;

  beforeAll(async () => {
    // After the 2025-12-15 deadline of the 2025 cycle, before that of 2026.
    stack = await startTestStack({ clockStart: '2025-12-20T03:00:00Z' });
    province = await stack.token({ role: 'province', unit: 'DB' });
    province2025 = await stack.token({ role: 'province', unit: 'CT' });
    for (const [year, units, associations] of [
      [2025, TWO_TIER_UNITS, TWO_TIER_ASSOCIATIONS],
      [2026, THREE_TIER_UNITS, THREE_TIER_ASSOCIATIONS],
    ] as const) {
      expect((await stack.request('POST', '/cycles', { token: province, json: { year } })).status).toBe(201);
      const imported = await stack.request('PUT', `/cycles/${year}/registry`, { token: province, json: { units, associations } });
      expect(imported.status, imported.text).toBe(200);
    }
  });
  afterAll(async () => stack?.cleanup());

  it('takes a two-tier registry: communes under the province, founded and dissolved during the year', async () => {
    const cycle = await stack.request('GET', '/cycles/2025', { token: province2025 });
    // CR-KH dissolved in 2025 and CR-DY founded in 2026 are not expected in 2025.
    expect(cycle.json.counts).toMatchObject({ expected: 2, missing: 2 });
    expect(cycle.json.units.map((u: { code: string; level: string; expected: number }) => `${u.code}:${u.level}:${u.expected}`)).toEqual([
      'CT:province:2',
      'CT-CR:commune:0',
      'CT-NK:commune:1',
    ]);
    const unexpected = await stack.request('PUT', '/cycles/2025/reports/CR-DY', { token: await stack.token({ role: 'association', association: 'CR-DY' }), json: report(10) });
    expect(unexpected.status).toBe(409);
  });

  it('flags a submission after the deadline as late, and counts it', async () => {
    const token = await stack.token({ role: 'association', association: 'NK-NCT' });
    const late = await stack.request('PUT', '/cycles/2025/reports/NK-NCT', { token, json: report(90) });
    expect(late.json).toMatchObject({ version: 1, late: true });
    const cycle = await stack.request('GET', '/cycles/2025', { token: province2025 });
    expect(cycle.json.counts).toMatchObject({ submitted: 1, late: 1, missing: 1 });
    expect(cycle.json.units.find((u: { code: string }) => u.code === 'CT-NK')).toMatchObject({ submitted: 1, late: 1 });
  });

  it('runs return → correct → approve, with every step in the history', async () => {
    const association = await stack.token({ role: 'association', association: 'CH-NCT' });
    const reviewer = await stack.token({ role: 'reviewer', unit: 'DB-MN' });
    const first = await stack.request('PUT', '/cycles/2026/reports/CH-NCT', { token: association, json: report(150) });
    expect(first.json).toMatchObject({ version: 1, late: false });

    const noComment = await stack.request('POST', '/cycles/2026/reports/CH-NCT/review', { token: reviewer, json: { decision: 'return', version: 1 } });
    expect(noComment.status).toBe(422);
    expect(Object.keys(noComment.json.error.fields)).toEqual(['comment']);
    const returned = await stack.request('POST', '/cycles/2026/reports/CH-NCT/review', { token: reviewer, json: { decision: 'return', version: 1, comment: 'Số hội viên chưa khớp sổ sách.' } });
    expect(returned.json).toMatchObject({ status: 'returned', comment: 'Số hội viên chưa khớp sổ sách.' });

    const seen = await stack.request('GET', '/cycles/2026/reports/CH-NCT', { token: association });
    expect(seen.json).toMatchObject({ status: 'returned', comment: 'Số hội viên chưa khớp sổ sách.' });
    const approveReturned = await stack.request('POST', '/cycles/2026/reports/CH-NCT/review', { token: reviewer, json: { decision: 'approve', version: 1, score: 90 } });
    expect(approveReturned.status).toBe(409);

    const fixed = await stack.request('PUT', '/cycles/2026/reports/CH-NCT', { token: association, json: report(165) });
    expect(fixed.json.version).toBe(2);
    const approved = await stack.request('POST', '/cycles/2026/reports/CH-NCT/review', { token: reviewer, json: { decision: 'approve', version: 2, score: 88, comment: 'Đạt.' } });
    expect(approved.json).toMatchObject({ status: 'approved', version: 2, score: 88, rating: 'excellent', report: { members: 165 } });
    const reopened = await stack.request('POST', '/cycles/2026/reports/CH-NCT/review', { token: reviewer, json: { decision: 'reopen', version: 2, comment: 'Xem lại điểm.' } });
    expect(reopened.json).toMatchObject({ status: 'submitted', score: null });
    const again = await stack.request('POST', '/cycles/2026/reports/CH-NCT/review', { token: reviewer, json: { decision: 'approve', version: 2, score: 91, rating: 'good' } });
    expect(again.json).toMatchObject({ status: 'approved', score: 91, rating: 'good' });

    const history = again.json.history.map((h: { action: string; version: number; by: string; comment: string | null }) => [h.action, h.version, h.by, h.comment]);
    expect(history).toEqual([
      ['submitted', 1, 'association:CH-NCT', null],
      ['returned', 1, 'reviewer:DB-MN', 'Số hội viên chưa khớp sổ sách.'],
      ['submitted', 2, 'association:CH-NCT', null],
      ['approved', 2, 'reviewer:DB-MN', 'Đạt.'],
      ['reopened', 2, 'reviewer:DB-MN', 'Xem lại điểm.'],
      ['approved', 2, 'reviewer:DB-MN', null],
    ]);
  });

  it('applies the scope rules to every route, in one matrix', async () => {
    const who: Record<string, Principal | null> = {
      anonymous: null,
      own: { role: 'association', association: 'QC-NCT' },
      otherAssociation: { role: 'association', association: 'DB-LG' },
      reviewerInside: { role: 'reviewer', unit: 'DB-TG' },
      reviewerOutside: { role: 'reviewer', unit: 'DB-MN' },
      province: { role: 'province', unit: 'DB' },
    };
    const valid = report(120);
    // [method, path, body, expected status per principal]
    const matrix: [string, string, unknown, Record<string, number>][] = [
      ['GET', '/cycles/2026', undefined, { anonymous: 401, own: 200, otherAssociation: 200, reviewerInside: 200, reviewerOutside: 200, province: 200 }],
      ['GET', '/cycles/2026/reports/QC-NCT', undefined, { anonymous: 401, own: 200, otherAssociation: 403, reviewerInside: 200, reviewerOutside: 403, province: 200 }],
      ['PUT', '/cycles/2026/reports/QC-NCT', valid, { anonymous: 401, own: 200, otherAssociation: 403, reviewerInside: 403, reviewerOutside: 403, province: 403 }],
      ['GET', '/cycles/2026/reports?unit=DB-TG', undefined, { anonymous: 401, own: 403, otherAssociation: 403, reviewerInside: 200, reviewerOutside: 403, province: 200 }],
      ['POST', '/cycles/2026/reports/QC-NCT/review', { decision: 'return', version: 99, comment: 'x' }, { anonymous: 401, own: 403, otherAssociation: 403, reviewerInside: 409, reviewerOutside: 403, province: 409 }],
      ['POST', '/cycles/2026/reports/QC-NCT/reopen', { comment: 'x' }, { anonymous: 401, own: 403, otherAssociation: 403, reviewerInside: 403, reviewerOutside: 403, province: 409 }],
      ['PUT', '/cycles/2026/registry', { units: THREE_TIER_UNITS, associations: THREE_TIER_ASSOCIATIONS }, { anonymous: 401, own: 403, otherAssociation: 403, reviewerInside: 403, reviewerOutside: 403, province: 200 }],
      ['POST', '/cycles', { year: 2026 }, { anonymous: 401, own: 403, otherAssociation: 403, reviewerInside: 403, reviewerOutside: 403, province: 409 }],
      ['GET', '/cycles/2026/summary', undefined, { anonymous: 401, own: 409, otherAssociation: 409, reviewerInside: 409, reviewerOutside: 409, province: 409 }],
    ];
    const failures: string[] = [];
    for (const [method, path, body, expected] of matrix) {
      for (const [name, principal] of Object.entries(who)) {
        const token = principal ? await stack.token(principal) : undefined;
        const response = await stack.request(method, path, { token, json: body });
        if (response.status !== expected[name]) failures.push(`${method} ${path} as ${name}: ${response.status}, expected ${expected[name]} (${response.text.slice(0, 120)})`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lists an area with filters, and pages through it by cursor while reports and associations change', async () => {
    const reviewer = await stack.token({ role: 'reviewer', unit: 'DB-MN' });
    // A province token must name the registry's root (SPEC section 8); the root's token lists it all.
    const odd = await stack.token({ role: 'province', unit: 'OFFICE' });
    expect((await stack.request('GET', '/cycles/2026/reports?limit=50', { token: odd })).status).toBe(403);
    const whole = await stack.request('GET', '/cycles/2026/reports?limit=50', { token: province });
    expect(whole.status, whole.text).toBe(200);
    expect(whole.json.items).toHaveLength(7);
    const all = await stack.request('GET', '/cycles/2026/reports?limit=50', { token: reviewer });
    expect(all.json.items.map((i: { association: string }) => i.association).sort()).toEqual(['CH-NCT', 'MN-NCT', 'SP-KH']);
    const approved = await stack.request('GET', '/cycles/2026/reports?status=approved', { token: reviewer });
    expect(approved.json.items.map((i: { association: string }) => i.association)).toEqual(['CH-NCT']);
    const missing = await stack.request('GET', '/cycles/2026/reports?status=missing&unit=DB-MN-SP', { token: reviewer });
    expect(missing.json).toEqual({ items: [expect.objectContaining({ association: 'SP-KH', status: 'missing' })], cursor: null });
    expect((await stack.request('GET', '/cycles/2026/reports?status=lost', { token: reviewer })).status).toBe(422);
    expect((await stack.request('GET', '/cycles/2026/reports?cursor=%%%', { token: reviewer })).status).toBe(422);

    // Page through the province two at a time while new associations are imported and reports arrive.
    const extra = Array.from({ length: 6 }, (_, i) => `ZZ-${i},Hội mới ${i},DB-TG-QC,false,2010-01-01,`).join('\n');
    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const response = await stack.request('GET', `/cycles/2026/reports?unit=DB&limit=2${query}`, { token: province });
      expect(response.status, response.text).toBe(200);
      seen.push(...response.json.items.map((i: { association: string }) => i.association));
      cursor = response.json.cursor;
      if (page === 1) {
        const imported = await stack.request('PUT', '/cycles/2026/registry', { token: province, json: { units: THREE_TIER_UNITS, associations: `${THREE_TIER_ASSOCIATIONS}${extra}\n` } });
        expect(imported.status, imported.text).toBe(200);
        const token = await stack.token({ role: 'association', association: 'DB-LG' });
        expect((await stack.request('PUT', '/cycles/2026/reports/DB-LG', { token, json: report(300) })).status).toBe(200);
      }
      page++;
    } while (cursor);
    const original = ['DB-CTD', 'DB-LG', 'MN-NCT', 'CH-NCT', 'SP-KH', 'TG-CTD', 'QC-NCT'];
    for (const code of original) expect(seen.filter((s) => s === code)).toHaveLength(1);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('refuses a registry import that would drop an association with a report, naming it', async () => {
    const withoutCh = THREE_TIER_ASSOCIATIONS.split('\n').filter((line) => !line.startsWith('CH-NCT')).join('\n');
    const refused = await stack.request('PUT', '/cycles/2026/registry', { token: province, json: { units: THREE_TIER_UNITS, associations: withoutCh } });
    expect(refused.status).toBe(409);
    expect(refused.json.error.message).toContain('CH-NCT');
  });

  it('holds a second import and submissions while an import switches registry versions, and ignores the mark a crashed import left', async () => {
    // The commit mark an import holds while it checks and switches (registry-import.ts), set here as one would.
    await updateCycle(2026, { importCommitSince: now().toISOString() });
    const second = await stack.request('PUT', '/cycles/2026/registry', { token: province, json: { units: THREE_TIER_UNITS, associations: THREE_TIER_ASSOCIATIONS } });
    expect(second.status).toBe(409);
    expect(second.json.error.message).toContain('đang được ghi');
    const waiting = await stack.request('PUT', '/cycles/2026/reports/CH-NCT', { token: await stack.token({ role: 'association', association: 'CH-NCT' }), json: report(120) });
    expect(waiting.status).toBe(409);
    expect((await stack.request('GET', '/cycles/2026', { token: province })).json.status).toBe('open');

    await updateCycle(2026, { importCommitSince: new Date(now().getTime() - 10 * 60_000).toISOString() });
    const afterCrash = await stack.request('PUT', '/cycles/2026/registry', { token: province, json: { units: THREE_TIER_UNITS, associations: `${THREE_TIER_ASSOCIATIONS}${Array.from({ length: 6 }, (_, i) => `YY-${i},Hội mới ${i},DB-TG-QC,false,2010-01-01,`).join('\n')}\n` } });
    expect(afterCrash.status, afterCrash.text).toBe(200);
    expect(afterCrash.json.added).toEqual(['YY-0', 'YY-1', 'YY-2', 'YY-3', 'YY-4', 'YY-5']);
    expect((await getCycle(2026))?.importCommitSince).toBeUndefined();
  });

  it('takes a registry too large for 256 KB when it comes gzip-compressed, as `tongket import` sends it', async () => {
    expect((await stack.request('POST', '/cycles', { token: province, json: { year: 2027 } })).status).toBe(201);
    const many = Array.from({ length: 3_500 }, (_, i) => `QC-${String(i).padStart(4, '0')},Hội Người cao tuổi thôn số ${i} xã Quài Cang,DB-TG-QC,false,2001-01-01,`);
    const body = { units: THREE_TIER_UNITS, associations: `${THREE_TIER_ASSOCIATIONS}${many.join('\n')}\n` };
    expect(Buffer.byteLength(JSON.stringify(body))).toBeGreaterThan(256 * 1024);

    const plain = await stack.request('PUT', '/cycles/2027/registry', { token: province, json: body });
    expect(plain.status).toBe(413);
    const corrupt = await fetch(`${stack.url}/cycles/2027/registry`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${province}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: 'not gzip at all',
    });
    expect(corrupt.status).toBe(400);
    const brotli = await fetch(`${stack.url}/cycles/2027/registry`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${province}`, 'content-type': 'application/json', 'content-encoding': 'br' },
      body: 'x',
    });
    expect(brotli.status).toBe(415);

    const imported = await new ApiClient(stack.url, province).call<{ associations: number; expected: number }>('PUT', '/cycles/2027/registry', body);
    expect(imported).toMatchObject({ associations: 3_507, expected: 3_507 });
  }, 120_000);

  it('gives a caller who may not see an association the same 403 whether its code exists or not', async () => {
    const reviewer = await stack.token({ role: 'reviewer', unit: 'DB-MN' });
    const association = await stack.token({ role: 'association', association: 'CH-NCT' });
    for (const token of [reviewer, association]) {
      const existing = await stack.request('GET', '/cycles/2026/reports/DB-CTD', { token });
      const missing = await stack.request('GET', '/cycles/2026/reports/NO-SUCH', { token });
      expect([existing.status, missing.status]).toEqual([403, 403]);
      expect(missing.json).toEqual(existing.json);
    }
    const hiddenUnit = await stack.request('GET', '/cycles/2026/reports?unit=DB-TG', { token: reviewer });
    const noUnit = await stack.request('GET', '/cycles/2026/reports?unit=NO-SUCH', { token: reviewer });
    expect([hiddenUnit.status, noUnit.status]).toEqual([403, 403]);
    expect(noUnit.json).toEqual(hiddenUnit.json);
  });

  it('answers 404 for an unknown cycle, association or odd codes, never 5xx', async () => {
    expect((await stack.request('GET', '/cycles/1999', { token: province })).status).toBe(404);
    expect((await stack.request('GET', '/cycles/2026/reports/NOPE', { token: province })).status).toBe(404);
    expect((await stack.request('GET', '/cycles/20x6', { token: province })).status).toBe(404);
    expect((await stack.request('GET', '/cycles/2026/reports/..%2F..%2Fetc', { token: province })).status).toBe(404);
    expect((await stack.request('GET', '/nothing-here', { token: province })).status).toBe(404);
  });
});
