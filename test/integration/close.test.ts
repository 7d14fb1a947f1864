// The year-end close on the embedded stack: retries, failure and resumption with identical
// files, the lock exception publishing revision 2, commendations, the previous year's change.
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { JobHandler } from '../../infra/local/step-functions.ts';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { closeAndWait, seedCycle, THREE_TIER_ASSOCIATIONS, THREE_TIER_UNITS, type SeedReport } from '../support/cycle.ts';
import { pdfPages } from '../support/pdf-text.ts';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { s3ClientConfig } from '../../infra/local/s3-local.ts';
import { provinceTotal, readWork, workKey } from '../../shared/app/close.ts';
import { getUnits } from '../../shared/adapters/registry-store.ts';
import { bucketName, dynamo, tableName } from '../../shared/adapters/clients.ts';
import { getCycle } from '../../shared/adapters/cycle-store.ts';
import { getAssociationsAt } from '../../shared/adapters/report-store.ts';
import { assocSk, cyclePk } from '../../shared/adapters/table-keys.ts';
import type { SubtreeAggregate } from '../../shared/domain/aggregate.ts';
import { orderProposals } from '../../shared/domain/appendix.ts';

const CONFIG = {
  issuer: ['TỈNH ỦY ĐIỆN BIÊN', 'BAN DÂN VẬN'],
  documentNumber: 'Số 12-BC/BDVTU',
  reportDate: '2022-12-20',
  commendation: { quotaPercent: 50, minScore: 90 },
};
// Self ratings are excellent unless `extra` says otherwise; DB-LG's reviewer rates it good.
const REPORTS: SeedReport[] = [
  { association: 'DB-CTD', members: 21000, score: 96 },
  { association: 'DB-LG', members: 400, score: 92, rating: 'good', extra: { proposals: 'Đề nghị Tỉnh ủy bố trí trụ sở làm việc cho Hội.' } },
  { association: 'MN-NCT', members: 3100, score: 95, extra: { proposals: ' \n ' } },
  { association: 'CH-NCT', members: 180, score: 91, extra: { proposals: 'Kiến nghị xã hỗ trợ kinh phí\nmở lớp tập huấn.' } },
  { association: 'SP-KH', members: 60, outcome: 'submitted', extra: { proposals: 'Chưa được duyệt.' } },
  { association: 'TG-CTD', members: 2500, score: 89, extra: { selfRating: 'completed' } },
  { association: 'QC-NCT', members: 210, outcome: 'none' },
];

/** Faults a test switches on: state name → what the next calls throw, before or after the step's work. */
const faults = new Map<string, { error: Error; times: number; after?: boolean }>();
const calls = new Map<string, number>();
/** What a test does just before a state's handler runs (once), given the state's input. */
const before = new Map<string, (input: unknown) => Promise<void>>();

/** The units of the registry version a cycle reads. */
async function unitsOf(year: number) {
  return getUnits(year, (await getCycle(year))!.registryVersion);
}

/** The province's total of a close, merged from its parts as RenderReport merges it. */
async function totalOf(keys: { year: number; revision: number }): Promise<SubtreeAggregate> {
  return provinceTotal(keys, await unitsOf(keys.year));
}
const wrapTask = (state: string, handler: JobHandler): JobHandler => async (input, context) => {
  calls.set(state, (calls.get(state) ?? 0) + 1);
  const step = before.get(state);
  before.delete(state);
  await step?.(input);
  const fault = faults.get(state);
  if (fault && fault.times > 0) {
    fault.times -= 1;
    if (fault.after) await handler(input, context);
    throw fault.error;
  }
  return handler(input, context);
};
const named = (name: string, message: string) => Object.assign(new Error(message), { name });

async function files(stack: TestStack, year: number, token: string, revision?: number) {
  const q = revision ? `?revision=${revision}` : '';
  const sep = revision ? '&' : '?';
  const pdf = await stack.request('GET', `/cycles/${year}/report.pdf${q}`, { token });
  const csv = await stack.request('GET', `/cycles/${year}/commendations${q}${sep}format=csv`, { token });
  const summary = await stack.request('GET', `/cycles/${year}/summary${q}`, { token });
  expect(pdf.status).toBe(200);
  return { pdf: pdf.bytes, csv: csv.bytes, summary: summary.json };
}

describe('the close', () => {
  let stack: TestStack;

  afterAll(async () => stack?.cleanup());

  it('retries a transient fault, records a permanent one as close_failed with its cause, and resumes to the same files as a clean run', async () => {
    // The handlers' environment is per process, so the clean run goes first, on its own stack.
    const clean = await startTestStack({ clockStart: '2022-12-01T02:00:00Z' });
    const cleanProvince = await seedCycle(clean, { year: 2022, province: 'DB', units: THREE_TIER_UNITS, associations: THREE_TIER_ASSOCIATIONS, config: CONFIG, reports: REPORTS });
    const cleanRun = await closeAndWait(clean, 2022, cleanProvince);
    expect(cleanRun).toMatchObject({ status: 'published', revision: 1 });
    const cleanFiles = await files(clean, 2022, cleanProvince);
    await clean.cleanup();

    stack = await startTestStack({ clockStart: '2022-12-01T02:00:00Z', wrapTask });
    const province = await seedCycle(stack, { year: 2022, province: 'DB', units: THREE_TIER_UNITS, associations: THREE_TIER_ASSOCIATIONS, config: CONFIG, reports: REPORTS });

    faults.set('AggregateUnit', { error: named('TransientError', 'table busy'), times: 1 });
    // Fails once its work is done: what it wrote must not change what the resumed close publishes.
    // The cause is what AWS writes: ARNs, the account id, the role; it must reach the logs only.
    const rawCause = 'User: arn:aws:sts::123456789012:assumed-role/Tongket-RolerenderreportA1B2/Tongket-Fnrenderreport is not authorized to perform: s3:PutObject on resource: "arn:aws:s3:::tongket-files-9f8e7d/cycles/2022/r1/bao-cao-2022.pdf" because no identity-based policy allows the s3:PutObject action';
    faults.set('RenderReport', { error: named('AccessDenied', rawCause), times: 10, after: true });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    let failed: Record<string, unknown>;
    let logLines: string[];
    try {
      failed = await closeAndWait(stack, 2022, province);
    } finally {
      // mockRestore forgets the calls: read them first.
      logLines = logged.mock.calls.map((args) => String(args[0]));
      logged.mockRestore();
    }
    expect(failed).toMatchObject({ status: 'close_failed', step: 'CloseFailed' });
    const failure = failed.failure as { kind: string; step: string; reference: string; cause: string };
    expect(failure).toMatchObject({ kind: 'storage', step: 'RenderReport' });
    expect(failure.reference).toMatch(/^TK-[0-9A-F]{10}$/);
    // The province reads what went wrong, where, and the reference, in its language; no ARN, no account.
    expect(failure.cause).toBe(`không đọc hoặc ghi được tệp trong kho lưu trữ ở bước “Lập báo cáo PDF, Word, CSV, JSON” (mã tham chiếu ${failure.reference}: nếu lỗi lặp lại, báo mã này cho người quản trị hệ thống)`);
    const english = await stack.request('GET', '/cycles/2022', { token: province, headers: { 'accept-language': 'en' } });
    expect((english.json as { failure: { cause: string } }).failure.cause).toBe(`the file storage could not be read or written at the step “Render the PDF, Word, CSV and JSON” (reference ${failure.reference}: if it happens again, give it to the system operator)`);
    // Reviewers and associations see that the close failed, and nothing of why.
    const reviewer = await stack.token({ role: 'reviewer', unit: 'DB' });
    const association = await stack.token({ role: 'association', association: 'DB-CTD' });
    for (const token of [reviewer, association]) {
      const seen = await stack.request('GET', '/cycles/2022', { token });
      expect(seen.json).toMatchObject({ status: 'close_failed', failure: null });
      expect(seen.text).not.toContain(failure.reference);
    }
    for (const response of [JSON.stringify(failed), english.text]) {
      expect(response).not.toContain('123456789012');
      expect(response).not.toContain('arn:');
    }
    // The raw cause went to the logs, as one JSON line carrying the same reference.
    const lines = logLines.filter((line) => line.includes('"close_failed"')).map((line) => JSON.parse(line) as Record<string, string>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ event: 'close_failed', reference: failure.reference, year: 2022, step: 'RenderReport', kind: 'storage', error: 'AccessDenied' });
    expect(lines[0]!.message).toBe(rawCause);
    // Two districts, one transient failure: three calls, the close went on past the Map.
    expect(calls.get('AggregateUnit')).toBe(3);
    // A permanent error is not retried.
    expect(calls.get('RenderReport')).toBe(1);
    const notYet = await stack.request('GET', '/cycles/2022/summary', { token: province });
    expect(notYet.status).toBe(409);

    faults.clear();
    const resumed = await closeAndWait(stack, 2022, province);
    expect(resumed).toMatchObject({ status: 'published', revision: 1, failure: null });

    const resumedFiles = await files(stack, 2022, province);
    expect(resumedFiles.pdf.equals(cleanFiles.pdf)).toBe(true);
    expect(resumedFiles.csv.equals(cleanFiles.csv)).toBe(true);
    const { publishedAt: _a, ...resumedSummary } = resumedFiles.summary;
    const { publishedAt: _b, ...cleanSummary } = cleanFiles.summary;
    expect(resumedSummary).toEqual(cleanSummary);
    // Three closes rendering the PDF: on a loaded machine this takes over a minute.
  }, 300_000);

  it('publishes the figures of approved reports only, and lists the rest in the appendix', async () => {
    const province = await stack.token({ role: 'province', unit: 'DB' });
    const { summary, pdf } = await files(stack, 2022, province);
    expect(summary).toMatchObject({
      associations: { total: 7, byLevel: { province: 2, district: 2, commune: 3 }, special: { total: 3, byLevel: { province: 2, district: 1, commune: 0 } }, new: { total: 1, byLevel: { commune: 1 } } },
      reports: { expected: 7, submitted: 6, approved: 5, returned: 0, missing: 1, onTime: 6, late: 0 },
      figures: { members: 21000 + 400 + 3100 + 180 + 2500, membersByLevel: { province: 21400, district: 5600, commune: 180 } },
    });
    // The final ratings: DB-LG as its reviewer rated it (good, not its self rating), TG-CTD by its own.
    expect(Object.keys(summary).indexOf('ratings')).toBe(Object.keys(summary).indexOf('figures') + 1);
    expect(summary.ratings).toEqual({
      excellent: { total: 3, byLevel: { province: 1, district: 1, commune: 1 } },
      good: { total: 1, byLevel: { province: 1, district: 0, commune: 0 } },
      completed: { total: 1, byLevel: { province: 0, district: 1, commune: 0 } },
      not_completed: { total: 0, byLevel: { province: 0, district: 0, commune: 0 } },
    });
    const ratings = summary.ratings as Record<string, { total: number }>;
    expect(Object.values(ratings).reduce((n, r) => n + r.total, 0)).toBe(summary.reports.approved);
    // What RenderReport gave the PDF: the proposals of approved reports, blank ones left out.
    const total = await totalOf({ year: 2022, revision: 1 });
    // SelectCommendations reads its part of the total from a file of its own, which RollupProvince
    // merged from the parts' counts alone: the same as the total RenderReport merges from the parts.
    expect(await readWork({ year: 2022, revision: 1 }, 'selection')).toEqual({ candidates: total.candidates, byLevel: total.associations.byLevel });
    expect(total.candidates.length).toBeGreaterThan(0);
    expect(orderProposals(total.proposals)).toEqual([
      { association: 'DB-LG', name: 'Hội Luật gia tỉnh Điện Biên', unit: 'DB', unitName: 'Tỉnh Điện Biên', level: 'province', text: 'Đề nghị Tỉnh ủy bố trí trụ sở làm việc cho Hội.' },
      { association: 'CH-NCT', name: 'Hội Người cao tuổi xã Chung Chải', unit: 'DB-MN-CH', unitName: 'Xã Chung Chải', level: 'commune', text: 'Kiến nghị xã hỗ trợ kinh phí\nmở lớp tập huấn.' },
    ]);
    const text = (await pdfPages(pdf)).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('Điện Biên, ngày 20 tháng 12 năm 2022');
    expect(text).toContain('Hội Khuyến học xã Sín Thầu');
    expect(text).toContain('Hội Người cao tuổi xã Quài Cang');
  });

  it('reads the proposals of an approved report from its version when its state was written before states held them', async () => {
    for (const code of ['DB-LG', 'DB-CTD']) {
      await dynamo().send(new UpdateCommand({ TableName: tableName(), Key: { pk: cyclePk(2022), sk: assocSk(code) }, UpdateExpression: 'REMOVE proposals' }));
    }
    const own = await getAssociationsAt((await getCycle(2022))!, 'DB');
    expect(own.map((a) => [a.code, a.proposals]).sort()).toEqual([
      ['DB-CTD', ''],
      ['DB-LG', 'Đề nghị Tỉnh ủy bố trí trụ sở làm việc cho Hội.'],
    ]);
  });

  it('commends within the quota per level, ranked by score, and says so in JSON and CSV', async () => {
    const token = await stack.token({ role: 'association', association: 'CH-NCT' });
    const list = await stack.request('GET', '/cycles/2022/commendations', { token });
    expect(list.status).toBe(200);
    // Quota 50 %: province floor(2/2)=1 of DB-CTD (96) and DB-LG (92); district 1 of MN-NCT (95) (TG-CTD 89 < 90);
    // commune floor(3×50/100)=1: CH-NCT (91).
    expect(list.json.items.map((i: { association: string }) => i.association)).toEqual(['DB-CTD', 'MN-NCT', 'CH-NCT']);
    expect(list.json.items[0]).toMatchObject({ level: 'province', score: 96, members: 21000, award: 'Bằng khen của Chủ tịch UBND tỉnh', unitName: 'Tỉnh Điện Biên' });
    const csv = await stack.request('GET', '/cycles/2022/commendations?format=csv', { token });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe('1,DB-CTD,Hội Chữ thập đỏ tỉnh Điện Biên,Tỉnh Điện Biên,Cấp tỉnh,96,Bằng khen của Chủ tịch UBND tỉnh');
  });

  it('reopens one report after close, accepts only that association, and publishes revision 2 while revision 1 stays', async () => {
    const province = await stack.token({ role: 'province', unit: 'DB' });
    const before = await files(stack, 2022, province);
    const reopened = await stack.request('POST', '/cycles/2022/reports/TG-CTD/reopen', { token: province, json: { comment: 'Bổ sung số hội viên chính xác.' } });
    expect(reopened.status, reopened.text).toBe(200);
    expect(reopened.json.status).toBe('submitted');
    const cycle = await stack.request('GET', '/cycles/2022', { token: province });
    expect(cycle.json).toMatchObject({ status: 'open', revision: 1, reopenedFor: ['TG-CTD'] });

    const other = await stack.token({ role: 'association', association: 'QC-NCT' });
    const refused = await stack.request('PUT', '/cycles/2022/reports/QC-NCT', { token: other, json: { members: 10, selfRating: 'good', submittedBy: 'A' } });
    expect(refused.status).toBe(409);

    const tg = await stack.token({ role: 'association', association: 'TG-CTD' });
    const resubmitted = await stack.request('PUT', '/cycles/2022/reports/TG-CTD', { token: tg, json: { members: 2600, selfRating: 'excellent', nominate: true, achievements: 'Hiến máu.', submittedBy: 'Quàng Văn Dũng' } });
    expect(resubmitted.status, resubmitted.text).toBe(200);
    const reviewer = await stack.token({ role: 'reviewer', unit: 'DB-TG' });
    const approved = await stack.request('POST', '/cycles/2022/reports/TG-CTD/review', { token: reviewer, json: { decision: 'approve', version: resubmitted.json.version, score: 93 } });
    expect(approved.status, approved.text).toBe(200);

    const published = await closeAndWait(stack, 2022, province);
    expect(published).toMatchObject({ status: 'published', revision: 2, reopenedFor: [] });
    const latest = await files(stack, 2022, province);
    expect(latest.summary).toMatchObject({ revision: 2, figures: { members: 27280 } });
    const first = await files(stack, 2022, province, 1);
    expect(first.summary).toMatchObject({ revision: 1, figures: { members: 27180 } });
    expect(first.pdf.equals(before.pdf)).toBe(true);
    const missing = await stack.request('GET', '/cycles/2022/summary?revision=3', { token: province });
    expect(missing.status).toBe(404);
  });

  it('compares with the previous year when its cycle was published', async () => {
    const province = await seedCycle(stack, {
      year: 2023,
      province: 'DB',
      units: THREE_TIER_UNITS,
      associations: THREE_TIER_ASSOCIATIONS,
      config: { ...CONFIG, reportDate: '2023-12-18' },
      reports: REPORTS.map((r) => ({ ...r, members: r.members + 100, outcome: 'approve' as const })),
    });
    // As if this close resumed at RollupProvince after AggregateUnits of an older version, which
    // wrote each unit's part but not its counts apart: RollupProvince reads the parts.
    before.set('RollupProvince', async (input) => {
      const keys = input as { year: number; revision: number };
      const units = await unitsOf(keys.year);
      const s3 = new S3Client(s3ClientConfig(process.env.S3_ENDPOINT!));
      for (const unit of units.filter((u) => u.parentCode === 'DB')) await s3.send(new DeleteObjectCommand({ Bucket: bucketName(), Key: workKey(keys, `counts-${unit.code}`) }));
      s3.destroy();
    });
    // As if this close resumed at SelectCommendations after a RollupProvince of an older version,
    // which wrote only the province's total (no selection file, no part of the province's own
    // associations): SelectCommendations and RenderReport read that total.
    before.set('SelectCommendations', async (input) => {
      const keys = input as { year: number; revision: number };
      const total = await totalOf(keys);
      const s3 = new S3Client(s3ClientConfig(process.env.S3_ENDPOINT!));
      await s3.send(new PutObjectCommand({ Bucket: bucketName(), Key: workKey(keys, 'province'), Body: JSON.stringify(total) }));
      for (const name of ['selection', 'unit-DB']) await s3.send(new DeleteObjectCommand({ Bucket: bucketName(), Key: workKey(keys, name) }));
      s3.destroy();
    });
    const published = await closeAndWait(stack, 2023, province);
    expect(published.status).toBe('published');
    expect(before.has('SelectCommendations') || before.has('RollupProvince')).toBe(false);
    const commended = await stack.request('GET', '/cycles/2023/commendations', { token: province });
    // Quota 50 %, all six submitted approved: province DB-CTD (96), district MN-NCT (95), commune CH-NCT (91).
    expect(commended.json.items.map((i: { association: string }) => i.association)).toEqual(['DB-CTD', 'MN-NCT', 'CH-NCT']);
    const { summary, pdf } = await files(stack, 2023, province);
    expect(summary.previousYear).toEqual({ year: 2022, associations: 7, members: 27280, associationsChange: 0, membersChange: 28150 - 27280 });
    expect((await pdfPages(pdf)).join(' ')).toContain('2022');
  });
});
