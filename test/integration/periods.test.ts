// Period reviews (SPEC section 12) on the embedded stack: a period reads each year's latest
// published revision (summary and approved results), lists the years never published, commends
// by the period's rule, refuses what it cannot do, fails with a clear cause and resumes to the
// same files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { JobHandler } from '../../infra/local/step-functions.ts';
import { dynamo, tableName } from '../../shared/adapters/clients.ts';
import { getFile } from '../../shared/adapters/files.ts';
import { getRevision } from '../../shared/adapters/revision-store.ts';
import { cyclePk, revisionSk } from '../../shared/adapters/table-keys.ts';
import { periodFiles } from '../../shared/app/period-close.ts';
import { COMMENDED_CSV_HEADER } from '../../shared/domain/commended-csv.ts';
import { periodYearOf } from '../../shared/domain/period.ts';
import type { Summary } from '../../shared/domain/types.ts';
import { closeAndWait, seedCycle, THREE_TIER_UNITS, type SeedReport } from '../support/cycle.ts';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { pdfPages } from '../support/pdf-text.ts';

// SP-KH is founded in 2019: not expected in 2018, new in 2020.
const ASSOCIATIONS = `code,name,unit_code,special,founded_on,dissolved_on
DB-CTD,Hội Chữ thập đỏ tỉnh Điện Biên,DB,true,1993-01-01,
DB-LG,Hội Luật gia tỉnh Điện Biên,DB,true,1998-01-01,
MN-NCT,Hội Người cao tuổi huyện Mường Nhé,DB-MN,false,2003-01-01,
CH-NCT,Hội Người cao tuổi xã Chung Chải,DB-MN-CH,false,2005-01-01,
SP-KH,Hội Khuyến học xã Sín Thầu,DB-MN-SP,false,2019-05-01,
TG-CTD,Hội Chữ thập đỏ huyện Tuần Giáo,DB-TG,true,2001-01-01,
QC-NCT,Hội Người cao tuổi xã Quài Cang,DB-TG-QC,false,2004-01-01,
`;
const CONFIG = { issuer: ['TỈNH ỦY ĐIỆN BIÊN', 'BAN DÂN VẬN'], commendation: { quotaPercent: 50, minScore: 90 } };
const Y2018: SeedReport[] = [
  { association: 'DB-CTD', members: 20000, score: 96 },
  { association: 'DB-LG', members: 400, score: 92, rating: 'good' },
  { association: 'MN-NCT', members: 3000, score: 95 },
  { association: 'CH-NCT', members: 170, score: 91 },
  { association: 'TG-CTD', members: 2400, score: 89 },
  { association: 'QC-NCT', members: 200, score: 93 },
];
const Y2020: SeedReport[] = [
  { association: 'DB-CTD', members: 21000, score: 94 },
  { association: 'DB-LG', members: 420, score: 98 },
  { association: 'MN-NCT', members: 3100, score: 97 },
  { association: 'CH-NCT', members: 180, score: 85 },
  { association: 'SP-KH', members: 60, score: 99 },
  { association: 'TG-CTD', members: 2500, score: 95 },
  { association: 'QC-NCT', members: 210, outcome: 'submitted' },
];
const TITLE = 'Sơ kết 03 năm thực hiện Kết luận số 102-KL/TW về hội quần chúng';
const PERIOD = { code: 'KL102-2018-2020', from: 2018, to: 2020, title: TITLE, ...CONFIG, reportDate: '2021-01-15', place: 'Điện Biên' };

/** Faults a test switches on: state name → what the next calls throw, after the step's work. */
const faults = new Map<string, { error: Error; times: number }>();
const wrapTask = (state: string, handler: JobHandler): JobHandler => async (input, context) => {
  const fault = faults.get(state);
  if (fault && fault.times > 0) {
    fault.times -= 1;
    await handler(input, context);
    throw fault.error;
  }
  return handler(input, context);
};

describe('period reviews', () => {
  let stack: TestStack;
  let province: string;

  const waitForPeriod = async (code: string, statuses = ['published', 'close_failed']) => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = await stack.request('GET', `/periods/${code}`, { token: province });
      if (statuses.includes(r.json?.status)) return r.json;
      if (Date.now() > deadline) throw new Error(`period ${code} still ${r.json?.status}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  const createAndClose = async (body: Record<string, unknown>) => {
    const created = await stack.request('POST', '/periods', { token: province, json: body });
    expect(created.status, created.text).toBe(201);
    const close = await stack.request('POST', `/periods/${String(body.code)}/close`, { token: province });
    expect(close.status, close.text).toBe(202);
    return waitForPeriod(String(body.code));
  };
  const setRevisionItem = async (year: number, revision: number, expression: string, values?: Record<string, unknown>) =>
    dynamo().send(
      new UpdateCommand({ TableName: tableName(), Key: { pk: cyclePk(year), sk: revisionSk(revision) }, UpdateExpression: expression, ExpressionAttributeValues: values }),
    );

  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2021-01-10T02:00:00Z', wrapTask });
    province = await seedCycle(stack, { year: 2018, province: 'DB', units: THREE_TIER_UNITS, associations: ASSOCIATIONS, config: CONFIG, reports: Y2018 });
    expect(await closeAndWait(stack, 2018, province)).toMatchObject({ status: 'published', revision: 1 });
    // 2019 is opened and never closed: a missing year.
    await seedCycle(stack, { year: 2019, province: 'DB', units: THREE_TIER_UNITS, associations: ASSOCIATIONS, config: CONFIG, reports: [] });
    await seedCycle(stack, { year: 2020, province: 'DB', units: THREE_TIER_UNITS, associations: ASSOCIATIONS, config: CONFIG, reports: Y2020 });
    expect(await closeAndWait(stack, 2020, province)).toMatchObject({ status: 'published', revision: 1 });
  }, 120_000);
  afterAll(async () => stack?.cleanup());

  it('refuses bad bodies with 422 naming the field, and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...PERIOD, code: 'có dấu' }, 'code'],
      [{ ...PERIOD, from: 2021, to: 2020 }, 'to'],
      [{ ...PERIOD, from: 1999 }, 'from'],
      [{ ...PERIOD, title: '' }, 'title'],
      [{ ...PERIOD, title: 'hai\ndòng' }, 'title'],
      [{ ...PERIOD, commendation: { minYears: 4 } }, 'commendation.minYears'],
      [{ ...PERIOD, surprise: true }, 'surprise'],
    ];
    for (const [body, field] of cases) {
      const r = await stack.request('POST', '/periods', { token: province, json: body });
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(Object.keys(r.json.error.fields)).toEqual([field]);
    }
    expect((await stack.request('GET', `/periods/${PERIOD.code}`, { token: province })).status).toBe(404);
    const reviewer = await stack.token({ role: 'reviewer', unit: 'DB-TG' });
    expect((await stack.request('POST', '/periods', { token: reviewer, json: PERIOD })).status).toBe(403);
  });

  it('refuses to close a period none of whose years is published (409), and leaves it open', async () => {
    const created = await stack.request('POST', '/periods', { token: province, json: { code: 'EMPTY', from: 2010, to: 2012, title: 'Không có năm nào' } });
    expect(created.status, created.text).toBe(201);
    const again = await stack.request('POST', '/periods', { token: province, json: { code: 'EMPTY', from: 2010, to: 2012, title: 'Lần hai' } });
    expect(again.status).toBe(409);
    const close = await stack.request('POST', '/periods/EMPTY/close', { token: province });
    expect(close.status, close.text).toBe(409);
    expect((await stack.request('GET', '/periods/EMPTY', { token: province })).json).toMatchObject({ status: 'open', revision: 0 });
    expect((await stack.request('GET', '/periods/EMPTY/summary', { token: province })).status).toBe(409);
  });

  it('closes a period over the published years: figures equal to their published summaries, 2019 missing, commended by the period rule', async () => {
    const period = await createAndClose(PERIOD);
    expect(period).toMatchObject({ status: 'published', revision: 1, yearsRead: [{ year: 2018, revision: 1 }, { year: 2020, revision: 1 }], failure: null });
    const s2018 = (await stack.request('GET', '/cycles/2018/summary', { token: province })).json as Summary;
    const s2020 = (await stack.request('GET', '/cycles/2020/summary', { token: province })).json as Summary;
    const association = await stack.token({ role: 'association', association: 'QC-NCT' });
    const summary = await stack.request('GET', `/periods/${PERIOD.code}/summary`, { token: association });
    expect(summary.status, summary.text).toBe(200);
    expect(summary.json).toMatchObject({ code: PERIOD.code, from: 2018, to: 2020, missingYears: [2019], commended: 2 });
    expect(summary.json.years).toEqual([periodYearOf(s2018), periodYearOf(s2020)]);
    expect(summary.json.years[1].associations.total).toBe(7);
    expect(summary.json.years[0].associations.total).toBe(6);
    expect(summary.json.change).toEqual({ associations: 1, members: s2020.figures.members - s2018.figures.members });

    // Excellent in both published years, mean ≥ 90, within 50 % of the 2020 expected per level:
    // DB-CTD (95; DB-LG was good in 2018), MN-NCT (96 over TG-CTD's 92); no commune (CH-NCT 88,
    // QC-NCT not approved in 2020, SP-KH founded in 2019).
    const reviewer = await stack.token({ role: 'reviewer', unit: 'DB-TG' });
    const list = await stack.request('GET', `/periods/${PERIOD.code}/commendations`, { token: reviewer });
    expect(list.json.items.map((i: { association: string; score: number; level: string; members: number }) => [i.association, i.score, i.level, i.members])).toEqual([
      ['DB-CTD', 95, 'province', 21000],
      ['MN-NCT', 96, 'district', 3100],
    ]);
    expect(list.json.items[1].award).toBe('Giấy khen của Chủ tịch UBND huyện');
    const csv = await stack.request('GET', `/periods/${PERIOD.code}/commendations?format=csv`, { token: province });
    expect(csv.status).toBe(200);
    expect(csv.text.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe(COMMENDED_CSV_HEADER.join(','));
    const pdf = await stack.request('GET', `/periods/${PERIOD.code}/report.pdf`, { token: province });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfPages(pdf.bytes)).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Kết luận số 102-KL/TW');
    expect(text).toContain('Điện Biên, ngày 15 tháng 01 năm 2021');

    // Closing again does not start a second close.
    expect((await stack.request('POST', `/periods/${PERIOD.code}/close`, { token: province })).json).toEqual({ status: 'published', revision: 1 });
  });

  it('an explicit minYears lets an association founded mid-period in, ranked by its mean', async () => {
    await createAndClose({ ...PERIOD, code: 'ONE-YEAR', commendation: { quotaPercent: 50, minScore: 90, minYears: 1 } });
    const list = await stack.request('GET', '/periods/ONE-YEAR/commendations', { token: province });
    expect(list.json.items.map((i: { association: string; score: number }) => [i.association, i.score])).toEqual([
      ['DB-LG', 98],
      ['MN-NCT', 96],
      ['SP-KH', 99],
    ]);
  });

  it('fails with a clear cause when a year was published before results were recorded, or its file was altered; then resumes to identical files', async () => {
    const original = (await getRevision(2018, 1))!;
    // A revision published before this change: no results file listed.
    await setRevisionItem(2018, 1, 'REMOVE files.results, sha256.results');
    const outdated = await createAndClose({ ...PERIOD, code: 'RETRY', reportDate: null });
    expect(outdated.status).toBe('close_failed');
    expect(outdated.failure).toMatchObject({ kind: 'year_outdated', years: [2018], step: 'ReadYears' });
    expect(outdated.failure.cause).toContain('2018');
    expect(outdated.failure.cause).toMatch(/kết thúc năm đó lại/);

    // The results file no longer matches its recorded digest.
    await setRevisionItem(2018, 1, 'SET files.results = :f, sha256.results = :s', { ':f': original.files.results, ':s': '0'.repeat(64) });
    let close = await stack.request('POST', '/periods/RETRY/close', { token: province });
    expect(close.status).toBe(202);
    const altered = await waitForPeriod('RETRY');
    expect(altered.failure).toMatchObject({ kind: 'year_altered', years: [2018] });
    const firstRequest = altered.closeRequestedAt;

    // Mended; the rendering fails once after it wrote the files: a resumed close writes the same.
    await setRevisionItem(2018, 1, 'SET sha256.results = :s', { ':s': original.sha256!.results });
    faults.set('RenderPeriod', { error: Object.assign(new Error('conditional write lost'), { name: 'ConditionalCheckFailedException' }), times: 1 });
    close = await stack.request('POST', '/periods/RETRY/close', { token: province });
    const failedLate = await waitForPeriod('RETRY');
    expect(failedLate.failure).toMatchObject({ kind: 'database', step: 'RenderPeriod' });
    const keys = periodFiles('RETRY', 1);
    const written = await Promise.all([getFile(keys.pdf), getFile(keys.csv), getFile(keys.json), getFile(keys.commendations)]);

    close = await stack.request('POST', '/periods/RETRY/close', { token: province });
    const published = await waitForPeriod('RETRY');
    expect(published).toMatchObject({ status: 'published', revision: 1, closeRequestedAt: firstRequest, publishedAt: firstRequest });
    const pdf = await stack.request('GET', '/periods/RETRY/report.pdf', { token: province });
    const csv = await stack.request('GET', '/periods/RETRY/commendations?format=csv', { token: province });
    const summary = await stack.request('GET', '/periods/RETRY/summary', { token: province });
    const list = await stack.request('GET', '/periods/RETRY/commendations', { token: province });
    expect(pdf.bytes.equals(written[0]!)).toBe(true);
    expect(csv.bytes.equals(written[1]!)).toBe(true);
    expect(Buffer.from(summary.text).equals(written[2]!)).toBe(true);
    expect(Buffer.from(list.text).equals(written[3]!)).toBe(true);
    // The report date defaults to the day of the first request, in Vietnam.
    expect((await pdfPages(pdf.bytes)).join(' ').replace(/\s+/g, ' ')).toContain('ngày 10 tháng 01 năm 2021');
  });

  it('reads the latest published revision: a year reopened and published again is read anew by a new close, the earlier period unchanged', async () => {
    const before = await stack.request('GET', `/periods/${PERIOD.code}/report.pdf`, { token: province });
    const reopened = await stack.request('POST', '/cycles/2020/reports/MN-NCT/reopen', { token: province, json: { comment: 'Đánh giá lại.' } });
    expect(reopened.status, reopened.text).toBe(200);
    const mn = await stack.token({ role: 'association', association: 'MN-NCT' });
    const resubmitted = await stack.request('PUT', '/cycles/2020/reports/MN-NCT', { token: mn, json: { members: 3200, selfRating: 'good', submittedBy: 'Lò Văn Hùng' } });
    expect(resubmitted.status, resubmitted.text).toBe(200);
    const approved = await stack.request('POST', '/cycles/2020/reports/MN-NCT/review', { token: province, json: { decision: 'approve', version: resubmitted.json.version, score: 80, rating: 'good' } });
    expect(approved.status, approved.text).toBe(200);
    expect(await closeAndWait(stack, 2020, province)).toMatchObject({ status: 'published', revision: 2 });

    const period = await createAndClose({ ...PERIOD, code: 'AFTER-REOPEN' });
    expect(period.yearsRead).toEqual([{ year: 2018, revision: 1 }, { year: 2020, revision: 2 }]);
    const summary = await stack.request('GET', '/periods/AFTER-REOPEN/summary', { token: province });
    const s2020 = (await stack.request('GET', '/cycles/2020/summary', { token: province })).json as Summary;
    expect(summary.json.years[1]).toEqual(periodYearOf(s2020));
    expect(summary.json.years[1].revision).toBe(2);
    const list = await stack.request('GET', '/periods/AFTER-REOPEN/commendations', { token: province });
    // MN-NCT is good in revision 2: TG-CTD (89, 95: mean 92) takes the district's place.
    expect(list.json.items.map((i: { association: string }) => i.association)).toEqual(['DB-CTD', 'TG-CTD']);
    const after = await stack.request('GET', `/periods/${PERIOD.code}/report.pdf`, { token: province });
    expect(after.bytes.equals(before.bytes)).toBe(true);
  });
  it('GET /periods lists every period with its status and revision, the newest range first; only to the province', async () => {
    const list = await stack.request('GET', '/periods', { token: province });
    expect(list.status, list.text).toBe(200);
    const row = (code: string, from: number, to: number, title: string, status: string, revision: number) => ({ code, from, to, title, status, revision });
    expect(list.json).toEqual({
      items: [
        row('AFTER-REOPEN', 2018, 2020, TITLE, 'published', 1),
        row(PERIOD.code, 2018, 2020, TITLE, 'published', 1),
        row('ONE-YEAR', 2018, 2020, TITLE, 'published', 1),
        row('RETRY', 2018, 2020, TITLE, 'published', 1),
        row('EMPTY', 2010, 2012, 'Không có năm nào', 'open', 0),
      ],
    });
    const reviewer = await stack.token({ role: 'reviewer', unit: 'DB-TG' });
    expect((await stack.request('GET', '/periods', { token: reviewer })).status).toBe(403);
    const association = await stack.token({ role: 'association', association: 'MN-NCT' });
    expect((await stack.request('GET', '/periods', { token: association })).status).toBe(403);
    expect((await stack.request('GET', '/periods')).status).toBe(401);
  });
});
