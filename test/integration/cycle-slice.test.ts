// One cycle end to end over HTTP on the embedded stack: open, import, submit, review, close
// through the synthesized state machine, download what was published.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_DIR } from '../../cli/demo-data.ts';
import { now } from '../../shared/adapters/clock.ts';
import { pdfPages } from '../support/pdf-text.ts';
import { startTestStack, type TestStack } from '../support/embedded.ts';

const UNITS = `code,name,level,parent_code
HB,Tỉnh Hòa Bình,province,
HB-LS,Huyện Lạc Sơn,district,HB
HB-LS-VP,Xã Vũ Lâm,commune,HB-LS
HB-KB,Huyện Kim Bôi,district,HB
`;
const ASSOCIATIONS = `code,name,unit_code,special,founded_on,dissolved_on
HB-CTD,Hội Chữ thập đỏ tỉnh Hòa Bình,HB,true,1995-05-08,
LS-NCT,Hội Người cao tuổi huyện Lạc Sơn,HB-LS,false,2001-03-01,
VL-KH,Hội Khuyến học xã Vũ Lâm,HB-LS-VP,false,2020-04-02,
KB-DY,Hội Đông y huyện Kim Bôi,HB-KB,false,2010-01-01,2021-06-30
`;

const report = (members: number, extra: Record<string, unknown> = {}) => ({
  members,
  newMembers: 3,
  branches: 2,
  charityEvents: 1,
  charityFundsVnd: 1_000_000,
  legalEducationSessions: 4,
  selfRating: 'excellent',
  nominate: true,
  achievements: 'Vận động ủng hộ đồng bào vùng lũ.',
  submittedBy: 'Bùi Văn Hùng',
  ...extra,
});

describe('one cycle end to end on the embedded stack', () => {
  let stack: TestStack;
  let province: string;

  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2021-12-01T02:00:00Z' });
    province = await stack.token({ role: 'province', unit: 'HB' });
  });
  afterAll(async () => stack?.cleanup());

  it('answers /health without a token', async () => {
    const response = await stack.request('GET', '/health');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ ok: true, database: 'ok', storage: 'ok' });
  });

  it('opens a cycle once, with defaults filled, and refuses a second one', async () => {
    const opened = await stack.request('POST', '/cycles', { token: province, json: { year: 2021, issuer: ['ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH', 'SỞ NỘI VỤ'] } });
    expect(opened.status).toBe(201);
    expect(opened.json).toMatchObject({ year: 2021, status: 'open', revision: 0, config: { deadline: '2021-12-15', issuerKind: 'state' } });
    const again = await stack.request('POST', '/cycles', { token: province, json: { year: 2021 } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('conflict');
  });

  it('imports the registry and counts who must report', async () => {
    const imported = await stack.request('PUT', '/cycles/2021/registry', { token: province, json: { units: UNITS, associations: ASSOCIATIONS } });
    expect(imported.status).toBe(200);
    // KB-DY was dissolved during 2021: registered, not expected in 2021.
    expect(imported.json).toMatchObject({ units: 4, associations: 4, expected: 3, added: ['HB-CTD', 'KB-DY', 'LS-NCT', 'VL-KH'], removed: [], moved: [], renamed: [], unitsRemoved: [] });
    expect(imported.json.unitsAdded).toHaveLength(4);
    const cycle = await stack.request('GET', '/cycles/2021', { token: province });
    expect(cycle.json.counts).toEqual({ expected: 3, submitted: 0, approved: 0, returned: 0, missing: 3, late: 0 });
    expect(cycle.json.units[0]).toMatchObject({ code: 'HB', level: 'province', expected: 3, missing: 3 });
  });

  it('lists every problem of a broken registry by file and line, and keeps the old one', async () => {
    const broken = await stack.request('PUT', '/cycles/2021/registry', {
      token: province,
      json: { units: `${UNITS}HB-X,Xã Lạ,commune,NOWHERE\n`, associations: `${ASSOCIATIONS}BAD,Hội Sai,HB,maybe,2020-02-30,\n` },
    });
    expect(broken.status).toBe(422);
    const lines = broken.json.error.problems.map((p: { file: string; line: number }) => `${p.file}:${p.line}`);
    expect(lines).toEqual(expect.arrayContaining(['units:6', 'associations:6']));
    const cycle = await stack.request('GET', '/cycles/2021', { token: province });
    expect(cycle.json.registry).toMatchObject({ units: 4, associations: 4 });
  });

  it('stores versions from JSON and from a form, and shows them with their history', async () => {
    const association = await stack.token({ role: 'association', association: 'LS-NCT' });
    const first = await stack.request('PUT', '/cycles/2021/reports/LS-NCT', { token: association, json: report(1200) });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ version: 1, status: 'submitted', late: false });
    const form = new URLSearchParams({ members: '1250', selfRating: 'good', submittedBy: 'Bùi Văn Hùng', nominate: 'on', achievements: 'Câu lạc bộ dưỡng sinh.' });
    const second = await stack.request('PUT', '/cycles/2021/reports/LS-NCT', { token: association, body: form.toString(), contentType: 'application/x-www-form-urlencoded' });
    expect(second.status).toBe(200);
    expect(second.json.version).toBe(2);
    const read = await stack.request('GET', '/cycles/2021/reports/LS-NCT', { token: association });
    expect(read.json).toMatchObject({ association: 'LS-NCT', version: 2, status: 'submitted', report: { members: 1250, selfRating: 'good', nominate: true, newMembers: 0 } });
    expect(read.json.history.map((h: { version: number; action: string }) => `${h.action}:${h.version}`)).toEqual(['submitted:1', 'submitted:2']);
  });

  it('refuses bad input with the field named, in Vietnamese or English, and stores nothing', async () => {
    const association = await stack.token({ role: 'association', association: 'VL-KH' });
    const bad = await stack.request('PUT', '/cycles/2021/reports/VL-KH', { token: association, json: { members: '120', selfRating: 'excellent', submittedBy: 'A' } });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.error.fields)).toEqual(['members']);
    const english = await stack.request('PUT', '/cycles/2021/reports/VL-KH', {
      token: association,
      json: { members: 5, selfRating: 'excellent', submittedBy: 'A', colour: 'red' },
      headers: { 'accept-language': 'en-US,en;q=0.9' },
    });
    expect(english.status).toBe(422);
    expect(english.json.error.fields.colour).toMatch(/unknown/i);
    const malformed = await stack.request('PUT', '/cycles/2021/reports/VL-KH', { token: association, body: '{"members": 5,', contentType: 'application/json' });
    expect(malformed.status).toBe(400);
    const wrongType = await stack.request('PUT', '/cycles/2021/reports/VL-KH', { token: association, body: 'members=5', contentType: 'text/plain' });
    expect(wrongType.status).toBe(415);
    const huge = await stack.request('PUT', '/cycles/2021/reports/VL-KH', { token: association, json: { ...report(5), achievements: 'x'.repeat(300_000) } });
    expect(huge.status).toBe(413);
    const read = await stack.request('GET', '/cycles/2021/reports/VL-KH', { token: association });
    expect(read.json).toMatchObject({ version: 0, status: null, history: [] });
  });

  it('keeps each association to its own report and each reviewer to its area', async () => {
    const other = await stack.token({ role: 'association', association: 'HB-CTD' });
    expect((await stack.request('PUT', '/cycles/2021/reports/LS-NCT', { token: other, json: report(1) })).status).toBe(403);
    expect((await stack.request('GET', '/cycles/2021/reports/LS-NCT', { token: other })).status).toBe(403);
    const kimBoi = await stack.token({ role: 'reviewer', unit: 'HB-KB' });
    expect((await stack.request('GET', '/cycles/2021/reports/LS-NCT', { token: kimBoi })).status).toBe(403);
    const lacSon = await stack.token({ role: 'reviewer', unit: 'HB-LS' });
    expect((await stack.request('GET', '/cycles/2021/reports/VL-KH', { token: lacSon })).status).toBe(200);
    expect((await stack.request('GET', '/cycles/2021/reports/LS-NCT')).status).toBe(401);
    expect((await stack.request('GET', '/cycles/2021/reports/LS-NCT', { token: `${province}x` })).status).toBe(401);
    const expired = await stack.token({ role: 'province', unit: 'HB' }, -10);
    expect((await stack.request('GET', '/cycles/2021', { token: expired })).status).toBe(401);
  });

  it('refuses a decision on a stale version and approves the one read', async () => {
    const lacSon = await stack.token({ role: 'reviewer', unit: 'HB-LS' });
    const stale = await stack.request('POST', '/cycles/2021/reports/LS-NCT/review', { token: lacSon, json: { decision: 'approve', version: 1, score: 95 } });
    expect(stale.status).toBe(409);
    const approved = await stack.request('POST', '/cycles/2021/reports/LS-NCT/review', { token: lacSon, json: { decision: 'approve', version: 2, score: 95, rating: 'excellent' } });
    expect(approved.status).toBe(200);
    expect(approved.json).toMatchObject({ status: 'approved', score: 95, rating: 'excellent' });
    const association = await stack.token({ role: 'association', association: 'LS-NCT' });
    const locked = await stack.request('PUT', '/cycles/2021/reports/LS-NCT', { token: association, json: report(1300) });
    expect(locked.status).toBe(409);
  });

  it('closes through the state machine, publishes the files, and refuses writes after the freeze', async () => {
    const ctd = await stack.token({ role: 'association', association: 'HB-CTD' });
    const submitted = await stack.request('PUT', '/cycles/2021/reports/HB-CTD', { token: ctd, json: report(5400) });
    await stack.request('POST', '/cycles/2021/reports/HB-CTD/review', { token: province, json: { decision: 'approve', version: submitted.json.version, score: 97 } });

    const close = await stack.request('POST', '/cycles/2021/close', { token: province });
    expect(close.status).toBe(202);
    expect(close.json.status).toBe('closing');
    const afterFreeze = await stack.request('PUT', '/cycles/2021/reports/VL-KH', { token: await stack.token({ role: 'association', association: 'VL-KH' }), json: report(40) });
    expect(afterFreeze.status).toBe(409);
    const again = await stack.request('POST', '/cycles/2021/close', { token: province });
    expect(again.status).toBe(202);

    const published = await stack.waitForStatus(2021, province, ['published', 'close_failed']);
    expect(published).toMatchObject({ status: 'published', revision: 1 });

    const summary = await stack.request('GET', '/cycles/2021/summary', { token: ctd });
    expect(summary.status).toBe(200);
    expect(summary.json).toMatchObject({
      year: 2021,
      revision: 1,
      associations: { total: 3, byLevel: { province: 1, district: 1, commune: 1 }, special: { total: 1 }, new: { total: 0 }, dissolved: { total: 1 } },
      reports: { expected: 3, submitted: 2, approved: 2, missing: 1, onTime: 2, late: 0 },
      figures: { members: 6650, membersByLevel: { province: 5400, district: 1250, commune: 0 } },
      commended: 0,
    });

    const pdf = await stack.request('GET', '/cycles/2021/report.pdf', { token: ctd });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfPages(pdf.bytes)).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    // One report missing: the members are those of the two approved reports, and the prose says so.
    expect(text).toMatch(/toàn tỉnh có 0?3 tổ chức Hội, trong đó:/);
    expect(text).toMatch(/Theo báo cáo của 0?2 hội đã được duyệt \(trên 0?3 hội phải báo cáo\), các Hội có 6\.650 hội viên\./);
    expect(text).toContain('Hội Khuyến học xã Vũ Lâm');

    const csv = await stack.request('GET', '/cycles/2021/commendations?format=csv', { token: province });
    expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.text.slice(1).split('\r\n')[0]).toBe('STT,Mã,Tên tập thể,Địa phương,Cấp,Điểm,Hình thức khen thưởng');
  });

  it('closes by itself at the configured autoCloseAt', async () => {
    // The embedded stack runs in this process: its clock is this module's.
    const autoCloseAt = new Date(now().getTime() + 5_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const opened = await stack.request('POST', '/cycles', { token: province, json: { year: 2024, autoCloseAt } });
    expect(opened.status, opened.text).toBe(201);
    const imported = await stack.request('PUT', '/cycles/2024/registry', { token: province, json: { units: UNITS, associations: ASSOCIATIONS } });
    expect(imported.status).toBe(200);
    expect((await stack.request('GET', '/cycles/2024', { token: province })).json.status).toBe('open');
    const published = await stack.waitForStatus(2024, province, ['published', 'close_failed'], 60_000);
    expect(published).toMatchObject({ status: 'published', revision: 1 });
  }, 90_000);

  it('ships a demo registry the stack accepts as is', () => {
    expect(readFileSync(join(DEMO_DIR, 'units.csv'), 'utf8')).toMatch(/^code,name,level,parent_code\n/);
  });
});
