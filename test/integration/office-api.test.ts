// The office's daily work over HTTP on the embedded stack (issue 18): the year switcher's list
// of cycles, the access links (stable, renewed, for reviewers too, as CSV and as a workbook), the
// report list with contacts and its downloads, earlier versions of a report, the office contact
// in the configuration and on the pages.
import { rmSync } from 'node:fs';
import { get } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { DeleteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStack } from '../../infra/local/runtime.ts';
import { dynamo, tableName } from '../../shared/adapters/clients.ts';
import { getCycle, updateCycle } from '../../shared/adapters/cycle-store.ts';
import { assocSk, CYCLES_PK, registryPk } from '../../shared/adapters/table-keys.ts';
import { unverifiedJti } from '../../shared/auth/tokens.ts';
import { report, THREE_TIER_UNITS } from '../support/cycle.ts';
import { stackClient, startTestStack, type StackClient, type TestResponse, type TestStack } from '../support/embedded.ts';

const ASSOCIATIONS = `code,name,unit_code,special,founded_on,dissolved_on,email,phone
DB-CTD,Hội Chữ thập đỏ tỉnh Điện Biên,DB,true,1993-01-01,,ctd@dienbien.gov.vn,0215 3825 123
DB-LG,Hội Luật gia tỉnh Điện Biên,DB,true,1998-01-01,,,
MN-NCT,Hội Người cao tuổi huyện Mường Nhé,DB-MN,false,2003-01-01,,nct.muongnhe@gmail.com,0912 345 678
CH-NCT,Hội Người cao tuổi xã Chung Chải,DB-MN-CH,false,2005-01-01,,,0988 111 222
SP-KH,Hội Khuyến học xã Sín Thầu,DB-MN-SP,false,2022-03-01,,khuyenhoc.sinthau@gmail.com,
TG-CTD,Hội Chữ thập đỏ huyện Tuần Giáo,DB-TG,true,2001-01-01,,,
QC-NCT,Hội Người cao tuổi xã Quài Cang,DB-TG-QC,false,2004-01-01,,,
OLD-KH,Hội Khuyến học xã đã giải thể,DB-TG,false,1990-01-01,2020-06-30,,
`;
/** Expected in 2026, in the registry's tree order (OLD-KH was dissolved in 2020). */
const EXPECTED = ['DB-CTD', 'DB-LG', 'MN-NCT', 'CH-NCT', 'SP-KH', 'TG-CTD', 'QC-NCT'];
const BOM = '\uFEFF';
/** The office contact of the 2026 configuration, its name typed in decomposed form (NFD). */
const CONTACT = { name: 'Văn phòng Ban Dân vận Tỉnh ủy'.normalize('NFD'), phone: '0215 3826 456', email: 'vanphong.bdv@dienbien.gov.vn' };
const OFFICE_NAME = 'Văn phòng "Ban" Dân vận <tỉnh>';
const OFFICE_PHONE = '0215 3826 000';

/** The rows of a CSV download: BOM first, CRLF between records. */
function csvRows(response: TestResponse): string[][] {
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  expect(response.text.startsWith(BOM)).toBe(true);
  return parse(response.text.slice(1), { relax_column_count: false }) as string[][];
}

async function workbookRows(response: TestResponse): Promise<{ sheet: string; rows: string[][] }> {
  expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.bytes as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) {
      const value = row.getCell(c).value;
      cells.push(value === null || value === undefined ? '' : String(value));
    }
    rows.push(cells);
  });
  return { sheet: sheet.name, rows };
}

const tokenOf = (link: string): string => new URL(link).searchParams.get('token')!;
const linkOf = (rows: string[][], code: string): string => rows.find((r) => r[0] === code)![3]!;

describe('the office’s API: cycles, links, lists and versions', () => {
  let stack: TestStack;
  let api: StackClient;
  let restarted: { stop(): Promise<void>; dataDir: string } | undefined;
  /** the first stack was stopped for a restart (its data directory goes with `restarted`) */
  let stopped = false;
  let province: string;
  let reviewer: string;

  beforeAll(async () => {
    process.env.OFFICE_CONTACT_NAME = OFFICE_NAME;
    process.env.OFFICE_CONTACT_PHONE = OFFICE_PHONE;
    // Before the 2026 deadline (15 December); a late submission moves the deadline back first.
    stack = await startTestStack({ clockStart: '2026-12-10T03:00:00Z' });
    api = stack;
    province = await api.token({ role: 'province', unit: 'DB' });
    reviewer = await api.token({ role: 'reviewer', unit: 'DB-MN' });
    expect((await api.request('POST', '/cycles', { token: province, json: { year: 2025 } })).status).toBe(201);
    const opened = await api.request('POST', '/cycles', { token: province, json: { year: 2026, contact: CONTACT } });
    expect(opened.status, opened.text).toBe(201);
    const imported = await api.request('PUT', '/cycles/2026/registry', { token: province, json: { units: THREE_TIER_UNITS, associations: ASSOCIATIONS } });
    expect(imported.status, imported.text).toBe(200);
  }, 120_000);

  afterAll(async () => {
    delete process.env.OFFICE_CONTACT_NAME;
    delete process.env.OFFICE_CONTACT_PHONE;
    if (restarted) {
      await restarted.stop();
      rmSync(restarted.dataDir, { recursive: true, force: true });
    }
    if (!stopped) await stack?.cleanup();
  });

  it('lists every cycle newest first for the year switcher, to the province and reviewers', async () => {
    const expected = {
      items: [
        { year: 2026, status: 'open', revision: 0, deadline: '2026-12-15' },
        { year: 2025, status: 'open', revision: 0, deadline: '2025-12-15' },
      ],
    };
    for (const token of [province, reviewer]) {
      const listed = await api.request('GET', '/cycles', { token });
      expect(listed.status, listed.text).toBe(200);
      expect(listed.json).toEqual(expected);
    }
    expect((await api.request('GET', '/cycles', { token: await api.token({ role: 'association', association: 'CH-NCT' }) })).status).toBe(403);
    expect((await api.request('GET', '/cycles')).status).toBe(401);
  });

  it('gives the same links at every download, and two first downloads at once agree on them', async () => {
    const [a, b] = await Promise.all([api.request('GET', '/cycles/2026/links', { token: province }), api.request('GET', '/cycles/2026/links', { token: province })]);
    expect(a.status, a.text).toBe(200);
    expect(b.status, b.text).toBe(200);
    expect(a.headers.get('content-disposition')).toBe('attachment; filename="lien-ket-2026-DB.csv"');
    expect(b.text).toBe(a.text);
    const rows = csvRows(a);
    expect(rows[0]).toEqual(['code', 'name', 'unit', 'link']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(EXPECTED);
    expect(rows.find((r) => r[0] === 'MN-NCT')!.slice(0, 3)).toEqual(['MN-NCT', 'Hội Người cao tuổi huyện Mường Nhé', 'DB-MN']);
    // Each link opens the form of its own association, and only that one.
    for (const [code, , , link] of rows.slice(1)) {
      expect(link).toMatch(new RegExp(`^${api.url.replace(/[.]/g, '\\.')}/\\?year=2026&token=[A-Za-z0-9_.-]+$`));
      expect((await api.request('GET', `/cycles/2026/reports/${code}`, { token: tokenOf(link!) })).status).toBe(200);
    }
    expect((await api.request('GET', '/cycles/2026/reports/DB-LG', { token: tokenOf(linkOf(rows, 'MN-NCT')) })).status).toBe(403);
    const again = await api.request('GET', '/cycles/2026/links', { token: province });
    expect(again.text).toBe(a.text);
    // Behind a proxy the links name the address the office used.
    const proxied = await api.request('GET', '/cycles/2026/links', { token: province, headers: { 'x-forwarded-host': 'tongket.dienbien.gov.vn', 'x-forwarded-proto': 'https' } });
    expect(linkOf(csvRows(proxied), 'DB-CTD')).toBe(linkOf(rows, 'DB-CTD').replace(api.url, 'https://tongket.dienbien.gov.vn'));
  });

  it('renews one lost link: the old one is refused from then on, the new one works, the others stay', async () => {
    const before = csvRows(await api.request('GET', '/cycles/2026/links', { token: province }));
    const old = linkOf(before, 'MN-NCT');
    const renewed = await api.request('POST', '/cycles/2026/links/MN-NCT', { token: province });
    expect(renewed.status, renewed.text).toBe(200);
    expect(renewed.json.link).toMatch(/\/\?year=2026&token=/);
    expect(renewed.json.link).not.toBe(old);
    const refused = await api.request('GET', '/cycles/2026/reports/MN-NCT', { token: tokenOf(old) });
    expect(refused.status).toBe(401);
    expect(refused.json.error.message).toContain('thu hồi');
    expect((await api.request('GET', '/cycles/2026/reports/MN-NCT', { token: tokenOf(renewed.json.link) })).status).toBe(200);
    const after = csvRows(await api.request('GET', '/cycles/2026/links', { token: province }));
    expect(linkOf(after, 'MN-NCT')).toBe(renewed.json.link);
    expect(after.filter((r) => r[0] !== 'MN-NCT')).toEqual(before.filter((r) => r[0] !== 'MN-NCT'));

    // Only the province renews, only links of associations expected this year.
    expect((await api.request('POST', '/cycles/2026/links/MN-NCT', { token: reviewer })).status).toBe(403);
    const unknown = await api.request('POST', '/cycles/2026/links/NO-SUCH', { token: province });
    expect(unknown.status).toBe(404);
    expect(Object.keys(unknown.json.error.fields)).toEqual(['association']);
    expect((await api.request('POST', '/cycles/2026/links/OLD-KH', { token: province })).status).toBe(409);
    expect((await api.request('POST', '/cycles/2026/links/MN-NCT?role=chairman', { token: province })).status).toBe(422);
  });

  it('after a crash between revoking a link and storing the new one, the next download gives a working link', async () => {
    const before = csvRows(await api.request('GET', '/cycles/2026/links', { token: province }));
    const old = linkOf(before, 'TG-CTD');
    // A renewal revokes the old token first; a crash right after leaves the revoked token stored.
    // The same state as an office revoking the token by hand.
    const revoked = await api.request('POST', '/tokens/revocations', { token: province, json: { jti: unverifiedJti(tokenOf(old)) } });
    expect(revoked.status).toBe(204);
    const after = csvRows(await api.request('GET', '/cycles/2026/links', { token: province }));
    const fresh = linkOf(after, 'TG-CTD');
    expect(fresh).not.toBe(old);
    expect((await api.request('GET', '/cycles/2026/reports/TG-CTD', { token: tokenOf(old) })).status).toBe(401);
    expect((await api.request('GET', '/cycles/2026/reports/TG-CTD', { token: tokenOf(fresh) })).status).toBe(200);
    // The new link is stored: it stays.
    expect(linkOf(csvRows(await api.request('GET', '/cycles/2026/links', { token: province })), 'TG-CTD')).toBe(fresh);
  });

  it('gives a reviewer the links of its own area only, and reviewer links per unit', async () => {
    const all = csvRows(await api.request('GET', '/cycles/2026/links', { token: province }));
    const own = await api.request('GET', '/cycles/2026/links', { token: reviewer });
    expect(own.status, own.text).toBe(200);
    expect(own.headers.get('content-disposition')).toBe('attachment; filename="lien-ket-2026-DB-MN.csv"');
    // The same links as the province's: one link per association, whoever downloads it.
    expect(csvRows(own).slice(1)).toEqual(all.slice(1).filter((r) => ['MN-NCT', 'CH-NCT', 'SP-KH'].includes(r[0]!)));
    const narrowed = csvRows(await api.request('GET', '/cycles/2026/links?unit=DB-MN-CH', { token: reviewer }));
    expect(narrowed.slice(1).map((r) => r[0])).toEqual(['CH-NCT']);
    expect((await api.request('GET', '/cycles/2026/links?unit=DB-TG', { token: reviewer })).status).toBe(403);
    expect((await api.request('GET', '/cycles/2026/links?unit=NOPE', { token: reviewer })).status).toBe(403);
    const unknown = await api.request('GET', '/cycles/2026/links?unit=NOPE', { token: province });
    expect(unknown.status).toBe(404);
    expect(Object.keys(unknown.json.error.fields)).toEqual(['unit']);
    expect((await api.request('GET', '/cycles/2026/links', { token: await api.token({ role: 'association', association: 'CH-NCT' }) })).status).toBe(403);

    const reviewers = await api.request('GET', '/cycles/2026/links?role=reviewer', { token: reviewer });
    expect(reviewers.headers.get('content-disposition')).toBe('attachment; filename="lien-ket-nguoi-duyet-2026-DB-MN.csv"');
    const rows = csvRows(reviewers);
    expect(rows.map((r) => r.slice(0, 3))).toEqual([
      ['unit', 'name', 'level', 'link'].slice(0, 3),
      ['DB-MN', 'Huyện Mường Nhé', 'district'],
      ['DB-MN-CH', 'Xã Chung Chải', 'commune'],
      ['DB-MN-SP', 'Xã Sín Thầu', 'commune'],
    ]);
    const chungChai = linkOf(rows, 'DB-MN-CH');
    expect(chungChai).toMatch(/\/review\?year=2026&token=/);
    expect((await api.request('GET', '/cycles/2026/reports?unit=DB-MN-CH', { token: tokenOf(chungChai) })).status).toBe(200);
    expect((await api.request('GET', '/cycles/2026/reports?unit=DB-MN-SP', { token: tokenOf(chungChai) })).status).toBe(403);
    expect(csvRows(await api.request('GET', '/cycles/2026/links?role=reviewer', { token: reviewer }))).toEqual(rows);

    const renewed = await api.request('POST', '/cycles/2026/links/DB-MN-CH?role=reviewer', { token: province });
    expect(renewed.status, renewed.text).toBe(200);
    expect(renewed.json.link).toMatch(/\/review\?year=2026&token=/);
    expect((await api.request('GET', '/cycles/2026/reports?unit=DB-MN-CH', { token: tokenOf(chungChai) })).status).toBe(401);
    expect((await api.request('GET', '/cycles/2026/reports?unit=DB-MN-CH', { token: tokenOf(renewed.json.link) })).status).toBe(200);

    const badRole = await api.request('GET', '/cycles/2026/links?role=chairman', { token: province });
    expect(badRole.status).toBe(422);
    expect(Object.keys(badRole.json.error.fields)).toEqual(['role']);
    const badFormat = await api.request('GET', '/cycles/2026/links?format=pdf', { token: province, headers: { 'accept-language': 'en' } });
    expect(badFormat.status).toBe(422);
    expect(badFormat.json.error.fields.format).toContain('xlsx');
  });

  it('writes the links as a workbook that a spreadsheet opens, with the same rows as the CSV', async () => {
    const csv = csvRows(await api.request('GET', '/cycles/2026/links', { token: province }));
    const xlsx = await api.request('GET', '/cycles/2026/links?format=xlsx', { token: province });
    expect(xlsx.status, xlsx.text).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="lien-ket-2026-DB.xlsx"');
    const book = await workbookRows(xlsx);
    expect(book.sheet).toBe('Liên kết');
    expect(book.rows).toEqual(csv);
    const reviewers = await workbookRows(await api.request('GET', '/cycles/2026/links?format=xlsx&role=reviewer&unit=DB-TG', { token: province }));
    expect(reviewers.rows.map((r) => r[0])).toEqual(['unit', 'DB-TG', 'DB-TG-QC']);
  });

  it('lists reports with how to reach each association, when it last submitted and its rating; filters the late ones', async () => {
    // The contact person of a registry row (the registry's `người liên hệ` column), written as an import stores it.
    const version = (await getCycle(2026))!.registryVersion!;
    await dynamo().send(
      new UpdateCommand({ TableName: tableName(), Key: { pk: registryPk(2026, version), sk: assocSk('MN-NCT') }, UpdateExpression: 'SET contact = :c', ExpressionAttributeValues: { ':c': 'Giàng A Páo' } }),
    );
    for (const code of ['MN-NCT', 'CH-NCT']) {
      const token = await api.token({ role: 'association', association: code });
      expect((await api.request('PUT', `/cycles/2026/reports/${code}`, { token, json: report(120) })).status).toBe(200);
    }
    const approved = await api.request('POST', '/cycles/2026/reports/MN-NCT/review', { token: reviewer, json: { decision: 'approve', version: 1, score: 92, rating: 'good' } });
    expect(approved.status, approved.text).toBe(200);
    // QC-NCT submits after the deadline (moved back for the purpose).
    const config = (await getCycle(2026))!.config;
    await updateCycle(2026, { config: { ...config, deadline: '2026-12-01' } });
    const late = await api.request('PUT', '/cycles/2026/reports/QC-NCT', { token: await api.token({ role: 'association', association: 'QC-NCT' }), json: report(80) });
    expect(late.json).toMatchObject({ late: true });
    await updateCycle(2026, { config });

    const list = await api.request('GET', '/cycles/2026/reports?limit=50', { token: province });
    expect(list.status, list.text).toBe(200);
    const item = (code: string) => list.json.items.find((i: { association: string }) => i.association === code);
    expect(item('MN-NCT')).toMatchObject({
      status: 'approved',
      rating: 'good',
      special: false,
      email: 'nct.muongnhe@gmail.com',
      phone: '0912 345 678',
      contact: 'Giàng A Páo',
      late: false,
    });
    expect(item('MN-NCT').submittedAt).toMatch(/^2026-12-10T0\d:\d\d:\d\d\.\d{3}Z$/);
    expect(item('DB-LG')).toMatchObject({ status: 'missing', special: true, email: null, phone: null, contact: null, submittedAt: null, rating: null });
    const lateOnes = await api.request('GET', '/cycles/2026/reports?status=late', { token: province });
    expect(lateOnes.json.items.map((i: { association: string }) => i.association)).toEqual(['QC-NCT']);
    const badStatus = await api.request('GET', '/cycles/2026/reports?status=overdue', { token: province });
    expect(badStatus.status).toBe(422);
    expect(badStatus.json.error.fields.status).toContain('late');
  });

  it('downloads who has not submitted, with contact, phone and email, as CSV and as a workbook', async () => {
    const csv = await api.request('GET', '/cycles/2026/reports?status=missing&format=csv', { token: province });
    expect(csv.status, csv.text).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="chua-nop-2026-DB.csv"');
    const rows = csvRows(csv);
    expect(rows[0]).toEqual(['mã', 'tên hội', 'đơn vị', 'cấp', 'trạng thái', 'nộp muộn', 'người liên hệ', 'điện thoại', 'email', 'nộp lúc']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['DB-CTD', 'DB-LG', 'SP-KH', 'TG-CTD']);
    expect(rows[1]).toEqual(['DB-CTD', 'Hội Chữ thập đỏ tỉnh Điện Biên', 'Tỉnh Điện Biên', 'Cấp tỉnh', 'Chưa nộp', '', '', '0215 3825 123', 'ctd@dienbien.gov.vn', '']);
    expect(csv.text).toContain('\r\n');

    // A reviewer's own area, as a workbook; no paging: the whole filtered list.
    const xlsx = await api.request('GET', '/cycles/2026/reports?status=missing&format=xlsx&limit=1', { token: reviewer });
    expect(xlsx.status, xlsx.text).toBe(200);
    expect(xlsx.headers.get('content-disposition')).toBe('attachment; filename="chua-nop-2026-DB-MN.xlsx"');
    const book = await workbookRows(xlsx);
    expect(book.rows).toEqual([rows[0], ['SP-KH', 'Hội Khuyến học xã Sín Thầu', 'Xã Sín Thầu', 'Cấp xã', 'Chưa nộp', '', '', '', 'khuyenhoc.sinthau@gmail.com', '']]);

    const all = csvRows(await api.request('GET', '/cycles/2026/reports?format=csv', { token: province }));
    const byCode = new Map(all.slice(1).map((r) => [r[0], r]));
    expect(byCode.get('MN-NCT')!.slice(2)).toEqual(['Huyện Mường Nhé', 'Cấp huyện', 'Đã duyệt', '', 'Giàng A Páo', '0912 345 678', 'nct.muongnhe@gmail.com', expect.stringMatching(/^10\/12\/2026 1[01]:\d\d$/)]);
    expect(byCode.get('QC-NCT')!.slice(4, 6)).toEqual(['Chờ duyệt', 'có']);
    const late = await api.request('GET', '/cycles/2026/reports?status=late&format=csv&unit=DB-TG', { token: province });
    expect(late.headers.get('content-disposition')).toBe('attachment; filename="nop-muon-2026-DB-TG.csv"');

    const badFormat = await api.request('GET', '/cycles/2026/reports?format=pdf', { token: province });
    expect(badFormat.status).toBe(422);
    expect(Object.keys(badFormat.json.error.fields)).toEqual(['format']);
    expect((await api.request('GET', '/cycles/2026/reports?format=csv&unit=DB-TG', { token: reviewer })).status).toBe(403);
  });

  it('shows an earlier version of a report on request', async () => {
    const association = await api.token({ role: 'association', association: 'CH-NCT' });
    const second = await api.request('PUT', '/cycles/2026/reports/CH-NCT', { token: association, json: report(135, { achievements: 'Bản sửa.' }) });
    expect(second.json.version).toBe(2);
    const current = await api.request('GET', '/cycles/2026/reports/CH-NCT', { token: reviewer });
    expect(current.json).toMatchObject({ version: 2, shownVersion: 2, report: { members: 135, achievements: 'Bản sửa.' } });
    const first = await api.request('GET', '/cycles/2026/reports/CH-NCT?version=1', { token: reviewer });
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ version: 2, shownVersion: 1, status: 'submitted', report: { members: 120 } });
    expect(first.json.history.map((h: { version: number }) => h.version)).toEqual([1, 2]);
    expect((await api.request('GET', '/cycles/2026/reports/CH-NCT?version=1', { token: association })).json.report.members).toBe(120);

    const missing = await api.request('GET', '/cycles/2026/reports/CH-NCT?version=3', { token: reviewer });
    expect(missing.status).toBe(404);
    expect(Object.keys(missing.json.error.fields)).toEqual(['version']);
    for (const bad of ['0', 'abc', '-1', '1.5']) {
      const refused = await api.request('GET', `/cycles/2026/reports/CH-NCT?version=${bad}`, { token: reviewer });
      expect(refused.status, bad).toBe(422);
      expect(Object.keys(refused.json.error.fields)).toEqual(['version']);
    }
    // The same scope as the current version.
    expect((await api.request('GET', '/cycles/2026/reports/CH-NCT?version=1', { token: await api.token({ role: 'reviewer', unit: 'DB-TG' }) })).status).toBe(403);
    expect((await api.request('GET', '/cycles/2026/reports/CH-NCT?version=1', { token: await api.token({ role: 'association', association: 'SP-KH' }) })).status).toBe(403);
  });

  it('keeps the office contact of the configuration and shows it with each report', async () => {
    const cycle = await api.request('GET', '/cycles/2026', { token: reviewer });
    expect(cycle.json.config.contact).toEqual({ ...CONTACT, name: CONTACT.name.normalize('NFC') });
    const seen = await api.request('GET', '/cycles/2026/reports/SP-KH', { token: await api.token({ role: 'association', association: 'SP-KH' }) });
    expect(seen.json.cycle.contact).toEqual({ name: 'Văn phòng Ban Dân vận Tỉnh ủy', phone: '0215 3826 456', email: 'vanphong.bdv@dienbien.gov.vn' });
    expect((await api.request('GET', '/cycles/2025', { token: province })).json.config.contact).toBeUndefined();

    const cases: [unknown, string, string][] = [
      [{ name: 'Văn phòng', phone: '12ab' }, 'contact.phone', 'chữ số'],
      [{ name: 'Văn phòng' }, 'contact.phone', 'Vui lòng nhập số điện thoại'],
      [{ name: '   ', phone: '0215 3826 456' }, 'contact.name', 'Vui lòng nhập tên'],
      [{ name: 'Văn phòng', phone: '0215 3826 456', email: 'vanphong@' }, 'contact.email', 'Email'],
      [{ name: 'Văn phòng', phone: '0215 3826 456', fax: '1' }, 'contact.fax', 'không được phép'],
      ['Văn phòng, 0215 3826 456', 'contact', 'đối tượng'],
    ];
    for (const [contact, field, words] of cases) {
      const refused = await api.request('POST', '/cycles', { token: province, json: { year: 2027, contact } });
      expect(refused.status, JSON.stringify(contact)).toBe(422);
      expect(Object.keys(refused.json.error.fields), JSON.stringify(contact)).toEqual([field]);
      expect(refused.json.error.fields[field]).toContain(words);
    }
    const english = await api.request('POST', '/cycles', { token: province, json: { year: 2027, contact: { name: 'Office', phone: '1' } }, headers: { 'accept-language': 'en' } });
    expect(english.json.error.fields['contact.phone']).toContain('contact.phone must have 6 to 15 digits');
    // Nothing was written.
    expect((await api.request('GET', '/cycles/2027', { token: province })).status).toBe(404);
  });

  it('writes the deployment’s office contact on every page, escaped', async () => {
    for (const path of ['/', '/review', '/province']) {
      const page = await api.request('GET', path);
      expect(page.status).toBe(200);
      const body = /<body[^>]*>/.exec(page.text)![0];
      expect(body, path).toContain('data-office-name="Văn phòng &quot;Ban&quot; Dân vận &lt;tỉnh&gt;"');
      expect(body, path).toContain(`data-office-phone="${OFFICE_PHONE}"`);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });

  it('sends the pages and their files gzipped to a browser that takes it, the same bytes once inflated', async () => {
    const raw = (path: string, acceptEncoding?: string) =>
      new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
        const headers: Record<string, string> = acceptEncoding ? { 'accept-encoding': acceptEncoding } : {};
        get(`${stack.url}${path}`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        }).on('error', reject);
      });
    const plain = await raw('/');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    const zipped = await raw('/', 'gzip, deflate, br');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-security-policy']).toBe(plain.headers['content-security-policy']);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    // A script of the form, by its hashed name from the page.
    const script = `/${/src="(assets\/form-[0-9a-f]+\.js)"/.exec(plain.body.toString('utf8'))![1]!}`;
    const js = await raw(script, 'gzip');
    expect(js.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(js.body).equals((await raw(script)).body)).toBe(true);
    // Refused by q=0: as it is.
    expect((await raw('/', 'gzip;q=0, identity')).headers['content-encoding']).toBeUndefined();
  });

  it('lists a cycle opened before the index once the server restarts, and keeps every link across the restart', async () => {
    const links = (await api.request('GET', '/cycles/2026/links', { token: province })).text;
    // A cycle opened before GET /cycles existed has no index item.
    await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: { pk: CYCLES_PK, sk: '2025' } }));
    expect((await api.request('GET', '/cycles', { token: province })).json.items.map((c: { year: number }) => c.year)).toEqual([2026]);

    const dataDir = stack.dataDir;
    await stack.stop();
    stopped = true;
    const again = await startEmbeddedStack({ dataDir, port: 0, retryIntervalMs: 0 });
    restarted = again;
    const after = stackClient(again.url, again.signingKeyFile);
    expect((await after.request('GET', '/cycles', { token: province })).json.items.map((c: { year: number }) => c.year)).toEqual([2026, 2025]);
    const linksAfter = (await after.request('GET', '/cycles/2026/links', { token: province })).text;
    expect(linksAfter).toBe(links.replaceAll(api.url, again.url));
  }, 120_000);
});
