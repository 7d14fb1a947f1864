// The province office's page in a real browser (Debian's chromium, playwright-core, vi-VN)
// against the real embedded stack, as the office runs a year from it (issue 18): a CSV saved
// by Excel on Vietnamese Windows is refused on the page before anything is sent; a workbook is
// previewed (a dry run) then imported, a re-import names what moved and what was renamed; the
// access links are downloaded, copied and renewed (the old one stops working); a unit's
// missing count lists who has not submitted with how to reach them, and exports it; the year
// switcher lists every cycle; reopening picks an association by name typed without accents;
// after the close nothing is shown as awaiting review. Screenshots at 360 px and 1280 px go to
// test-results/, axe-core checks each state.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Download, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOA_BINH_UNITS, report } from '../support/cycle.ts';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { windows1258 } from '../support/windows-1258.ts';
import { axe, horizontalOverflow, openBrowser, type Browsing } from './support.ts';

const UNITS = HOA_BINH_UNITS;
/** The associations as the workbook lists them: Vietnamese headers, dd/mm/yyyy, có/không, a contact person. */
const ASSOCIATION_ROWS = [
  ['HB-CTD', 'Hội Chữ thập đỏ tỉnh Hòa Bình', 'HB', 'có', '08/05/1995', '', 'ctd@hoabinh.vn', '0218 3852 111', 'Bà Đinh Thị Hằng'],
  ['LS-NCT', 'Hội Người cao tuổi huyện Lạc Sơn', 'HB-LS', 'không', '01/03/2001', '', 'nct.lacson@gmail.com', '0912 345 678', 'Ông Bùi Văn Hùng'],
  ['VL-KH', 'Hội Khuyến học xã Vũ Lâm', 'HB-LS-VL', 'không', '02/04/2010', '', 'khuyenhoc.vulam@gmail.com', '0987 654 321', 'Bà Quách Thị Nụ'],
  ['TM-CCB', 'Hội Cựu chiến binh xã Tân Mỹ', 'HB-LS-TM', 'không', '01/01/2005', '', '', '', ''],
  ['KB-DY', 'Hội Đông y huyện Kim Bôi', 'HB-KB', 'không', '01/01/2010', '', 'dongy.kimboi@gmail.com', '', 'Ông Nguyễn Văn Thục'],
];
const ASSOCIATION_HEADER = ['mã', 'tên', 'mã đơn vị', 'đặc thù', 'ngày thành lập', 'ngày giải thể', 'email', 'điện thoại', 'người liên hệ'];
/** The same as a CSV text. */
const csvOf = (header: string[], rows: string[][]) => [header, ...rows].map((r) => r.map((c) => (/[",]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';
const ASSOCIATIONS = csvOf(ASSOCIATION_HEADER, ASSOCIATION_ROWS);

/** The registry as an office writes it in Excel: sheets “Đơn vị” and “Hội”. */
async function registryWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const units = workbook.addWorksheet('Đơn vị');
  units.addRow(['mã', 'tên', 'cấp', 'mã đơn vị cha']);
  const level = { province: 'tỉnh', district: 'huyện', commune: 'xã' } as Record<string, string>;
  for (const line of UNITS.trim().split('\n').slice(1)) {
    const [code, name, lv, parent] = line.split(',');
    units.addRow([code, name, level[lv!], parent ?? '']);
  }
  const associations = workbook.addWorksheet('Hội');
  associations.addRow(ASSOCIATION_HEADER);
  for (const row of ASSOCIATION_ROWS) associations.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The rows of a downloaded workbook's first sheet, as text. */
async function workbookRows(download: Download): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : typeof v === 'object' && 'text' in (v as object) ? String((v as { text: unknown }).text) : String(v)))));
  return rows;
}

/** A downloaded CSV's rows (UTF-8 with a BOM). */
function csvRows(download: string): string[][] {
  const bytes = readFileSync(download);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return bytes.subarray(3).toString('utf8').trim().split(/\r?\n/).map((line) => line.split(','));
}

/** Waits for what the page shows, polling: the browser and the stack answer at their own pace. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });

const csvFile = (name: string, bytes: Buffer | string) => ({ name, mimeType: 'text/csv', buffer: typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes });

describe('the province office’s page', () => {
  let stack: TestStack;
  let web: Browsing;
  let page: Page;
  let province: string;
  /** every request the page sent to the registry */
  const registryRequests: string[] = [];

  const expectAccessible = async (state: string) => {
    expect(await axe(page), `axe on ${state}`).toEqual([]);
    expect(await horizontalOverflow(page), `horizontal scroll at 360 px on ${state}`).toBeLessThanOrEqual(0);
  };
  /** One panel at 360 px and at 1280 px. */
  const panelShots = async (selector: string, name: string) => {
    const before = page.viewportSize() ?? { width: 1280, height: 900 };
    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForTimeout(50);
    await page.locator(selector).screenshot({ path: `test-results/${name}-360.png` });
    await page.setViewportSize(before);
    await page.waitForTimeout(50);
    await page.locator(selector).screenshot({ path: `test-results/${name}-1280.png` });
  };
  const downloadOf = async (selector: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    return download;
  };

  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2020-12-10T02:00:00Z' });
    province = await stack.token({ role: 'province', unit: 'HB' });
    web = await openBrowser(stack.url);
    await web.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.url });
    page = await web.context.newPage();
    page.on('request', (request: Request) => {
      if (/\/registry(\?|$)/.test(request.url())) registryRequests.push(`${request.method()} ${request.url()}`);
    });
  });
  afterAll(async () => {
    await web?.close();
    await stack?.cleanup();
  });

  it('opens the year with the office’s contact, shown where the associations will read it', async () => {
    await page.goto(`${stack.url}/province?year=2020&token=${province}`);
    await poll(() => page.locator('#open-form').isVisible()).toBe(true);
    await page.fill('[id="o-contact.name"]', 'Chị Lò Thị Hoa, chuyên viên Sở Nội vụ');
    await page.fill('[id="o-contact.phone"]', 'gọi giờ hành chính');
    await page.click('#open-form button[type=submit]');
    // The API's rule, next to the field.
    await poll(() => page.textContent('[id="e-o-contact.phone"]')).toContain('6 đến 15 chữ số');
    expect(await page.getAttribute('[id="o-contact.phone"]', 'aria-invalid')).toBe('true');
    await expectAccessible('province-page-0-open-contact');
    await panelShots('#open-form fieldset.group:last-of-type', 'province-page-0-open-contact');
    await page.fill('[id="o-contact.phone"]', '0218 3852 468');
    await page.click('#open-form button[type=submit]');
    await poll(() => page.locator('#dashboard').isVisible()).toBe(true);
    expect(await page.textContent('#contact-line')).toBe('Người liên hệ của Văn phòng (hiện trên trang của hội): Chị Lò Thị Hoa, chuyên viên Sở Nội vụ · 0218 3852 468');
    expect((await stack.request('GET', '/cycles/2020', { token: province })).json.config.contact).toEqual({ name: 'Chị Lò Thị Hoa, chuyên viên Sở Nội vụ', phone: '0218 3852 468' });
  });

  it('refuses a CSV saved as Windows-1258 on the page, says how to save it as UTF-8, and sends nothing', async () => {
    const cp1258 = windows1258(UNITS);
    // Real Windows-1258 bytes: not UTF-8, and the text again when read as Windows-1258.
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(cp1258)).toThrow();
    expect(new TextDecoder('windows-1258').decode(cp1258).normalize('NFC')).toBe(UNITS);
    await page.setInputFiles('#g-units', csvFile('units.csv', cp1258));
    await page.setInputFiles('#g-associations', csvFile('associations.csv', ASSOCIATIONS));
    await page.click('#registry-form button[type=submit]');
    const error = page.locator('#e-g-units');
    await poll(() => error.isVisible()).toBe(true);
    expect(await error.textContent()).toContain('Tệp units.csv không phải UTF-8');
    expect(await error.textContent()).toContain('Lưu dạng CSV UTF-8 (*.csv)');
    expect(await page.getAttribute('#g-units', 'aria-invalid')).toBe('true');
    expect(await page.locator('#e-g-associations').isVisible()).toBe(false);
    expect(registryRequests).toEqual([]);
    expect(await page.locator('#registry-preview').isVisible()).toBe(false);
    await expectAccessible('province-page-1-not-utf8');
    await panelShots('#registry', 'province-page-1-not-utf8');
    await page.setInputFiles('#g-units', []);
    await page.setInputFiles('#g-associations', []);
  });

  it('offers the template workbook, previews a workbook import (nothing written), imports it and says what changed', async () => {
    const template = await downloadOf('#template-link');
    const sheets = new ExcelJS.Workbook();
    await sheets.xlsx.load(readFileSync(await template.path()) as unknown as ArrayBuffer);
    expect(sheets.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['Đơn vị', 'Hội']));

    await page.setInputFiles('#g-workbook', { name: 'danh-muc-2020.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await registryWorkbook() });
    await page.click('#registry-form button[type=submit]');
    await poll(() => page.locator('#registry-preview').isVisible()).toBe(true);
    expect(registryRequests).toEqual([`PUT ${stack.url}/cycles/2020/registry?dryRun=1`]);
    expect(await page.textContent('#preview-line')).toContain('Danh mục mới có 6 đơn vị và 5 hội; 5 hội phải báo cáo năm 2020.');
    const added = page.locator('#preview-changes details[data-kind="added"]');
    expect(await added.locator('summary').textContent()).toBe('Hội thêm mới: 5');
    // The names the workbook brings, read on the page.
    expect(await added.locator('li[data-code="VL-KH"]').textContent()).toBe('Hội Khuyến học xã Vũ Lâm (VL-KH)');
    expect((await stack.request('GET', '/cycles/2020', { token: province })).json.registry.importedAt).toBeNull();
    await expectAccessible('province-page-2-preview');
    await panelShots('#registry', 'province-page-2-preview');

    await page.click('#confirm-import');
    const result = page.locator('#registry-result');
    await poll(() => result.textContent()).toContain('Đã nhập 6 đơn vị và 5 hội; 5 hội phải báo cáo năm 2020.');
    expect(await result.locator('details[data-kind="added"] summary').textContent()).toBe('Hội thêm mới: 5');
    expect(await result.locator('details[data-kind="added"] li[data-code="KB-DY"]').textContent()).toBe('Hội Đông y huyện Kim Bôi (KB-DY)');
    await poll(() => page.textContent('#n-expected')).toBe('5');
  });

  it('re-imports the associations file alone, one moved and one renamed: the preview and the answer name them', async () => {
    const rows = ASSOCIATION_ROWS.map((r) => [...r]);
    rows.find((r) => r[0] === 'VL-KH')![2] = 'HB-LS-TM';
    rows.find((r) => r[0] === 'KB-DY')![1] = 'Hội Đông y và Dưỡng sinh huyện Kim Bôi';
    await page.setInputFiles('#g-associations', csvFile('hoi.csv', csvOf(ASSOCIATION_HEADER, rows)));
    await page.click('#registry-form button[type=submit]');
    await poll(() => page.locator('#registry-preview').isVisible()).toBe(true);
    expect(registryRequests.at(-1)).toBe(`PUT ${stack.url}/cycles/2020/registry?dryRun=1`);
    const preview = page.locator('#preview-changes');
    const moved = ['Hội Khuyến học xã Vũ Lâm (VL-KH): Xã Vũ Lâm → Xã Tân Mỹ'];
    const renamed = ['KB-DY: Hội Đông y huyện Kim Bôi → Hội Đông y và Dưỡng sinh huyện Kim Bôi'];
    expect(await preview.locator('details[data-kind="moved"] li').allTextContents()).toEqual(moved);
    expect(await preview.locator('details[data-kind="renamed"] li').allTextContents()).toEqual(renamed);
    expect(await preview.locator('details').count()).toBe(2);
    await panelShots('#registry-preview', 'province-page-3-reimport-preview');
    await page.click('#confirm-import');
    const result = page.locator('#registry-result');
    await poll(() => result.locator('details[data-kind="moved"]').count()).toBe(1);
    expect(await result.textContent()).toContain('Đã nhập 6 đơn vị và 5 hội');
    expect(await result.locator('details[data-kind="moved"] li').allTextContents()).toEqual(moved);
    expect(await result.locator('details[data-kind="renamed"] li').allTextContents()).toEqual(renamed);
    await expectAccessible('province-page-3-reimported');
    await panelShots('#registry', 'province-page-3-reimported');
  });

  it('lists who has not submitted in a unit, with whom to call and where to write, and exports it to Excel', async () => {
    const token = await stack.token({ role: 'association', association: 'LS-NCT' });
    expect((await stack.request('PUT', '/cycles/2020/reports/LS-NCT', { token, json: report(1200) })).status).toBe(200);
    await page.click('#refresh');
    const button = page.locator('#completeness-body button[data-unit="HB-LS"]');
    await poll(() => button.textContent()).toBe('2');
    expect(await button.getAttribute('aria-label')).toBe('Xem 2 hội chưa nộp — Huyện Lạc Sơn');
    await button.click();
    const list = page.locator('#missing-list li');
    await poll(() => list.count()).toBe(2);
    expect(await page.textContent('#missing-title')).toBe('Hội chưa nộp báo cáo — Huyện Lạc Sơn');
    const vulam = page.locator('#missing-list li[data-association="VL-KH"]');
    await poll(() => vulam.locator('a.tel').getAttribute('href')).toBe('tel:0987654321');
    expect(await vulam.locator('a.mail').getAttribute('href')).toBe('mailto:khuyenhoc.vulam@gmail.com');
    expect(await vulam.textContent()).toContain('Người liên hệBà Quách Thị Nụ');
    expect(await page.locator('#missing-list li[data-association="TM-CCB"]').textContent()).toContain('Danh mục chưa có thông tin liên hệ');
    await expectAccessible('province-page-4-missing');
    await panelShots('#missing-box', 'province-page-4-missing');

    const sheet = await workbookRows(await downloadOf('#missing-export'));
    const codes = sheet.map((r) => r[0]);
    expect(codes).toContain('VL-KH');
    expect(codes).toContain('TM-CCB');
    expect(codes).not.toContain('LS-NCT');
    expect(sheet.find((r) => r[0] === 'VL-KH')).toEqual(expect.arrayContaining(['Hội Khuyến học xã Vũ Lâm', 'Bà Quách Thị Nụ', '0987 654 321', 'khuyenhoc.vulam@gmail.com']));

    await page.click('#missing-close');
    expect(await page.locator('#missing-box').isVisible()).toBe(false);
    expect(await page.evaluate('document.activeElement?.dataset?.unit')).toBe('HB-LS');
  });

  it('lists the associations no reminder can reach (no email), in Vietnamese, with their phone where the registry has one', async () => {
    const panel = page.locator('#unreachable');
    await poll(() => panel.isVisible()).toBe(true);
    // TM-CCB alone has no email: the outbox's own rule (expected, no email).
    const outbox = await stack.request('GET', '/cycles/2020/outbox', { token: province });
    expect(outbox.status, outbox.text).toBe(200);
    expect(outbox.json.unreachable).toEqual(['TM-CCB']);
    expect(await page.textContent('#unreachable-title')).toBe('Hội không nhận được thư nhắc (chưa có email)');
    expect(await page.textContent('#unreachable-count')).toBe('1 hội phải nộp báo cáo chưa có email; 1 hội trong số đó cũng chưa có số điện thoại.');
    await page.click('#unreachable-summary');
    const tanmy = page.locator('#unreachable-list li[data-association="TM-CCB"]');
    expect(await tanmy.textContent()).toBe('Hội Cựu chiến binh xã Tân MỹTM-CCB · Xã Tân MỹChưa có số điện thoại trong danh sách hội.');

    // The registry again with Vũ Lâm's email gone (its phone kept), as the previous import left it otherwise.
    const rows = ASSOCIATION_ROWS.map((r) => [...r]);
    rows.find((r) => r[0] === 'VL-KH')![2] = 'HB-LS-TM';
    rows.find((r) => r[0] === 'KB-DY')![1] = 'Hội Đông y và Dưỡng sinh huyện Kim Bôi';
    rows.find((r) => r[0] === 'VL-KH')![6] = '';
    const imported = await stack.request('PUT', '/cycles/2020/registry', { token: province, json: { associations: csvOf(ASSOCIATION_HEADER, rows) } });
    expect(imported.status, imported.text).toBe(200);
    await page.click('#refresh');
    await poll(() => page.locator('#unreachable-list li').count()).toBe(2);
    expect(await page.textContent('#unreachable-count')).toBe('2 hội phải nộp báo cáo chưa có email; 1 hội trong số đó cũng chưa có số điện thoại.');
    expect(await page.textContent('#unreachable-summary')).toBe('Xem 2 hội');
    const vulam = page.locator('#unreachable-list li[data-association="VL-KH"]');
    expect(await vulam.locator('a.tel').getAttribute('href')).toBe('tel:0987654321');
    expect(await vulam.locator('a.tel').getAttribute('aria-label')).toBe('Gọi 0987 654 321 (Hội Khuyến học xã Vũ Lâm)');
    expect(await vulam.textContent()).toContain('Người liên hệBà Quách Thị Nụ');
    expect(await vulam.textContent()).not.toContain('Chưa có số điện thoại');
    await expectAccessible('province-page-4b-unreachable');
    await panelShots('#unreachable', 'province-page-4b-unreachable');
  });

  it('downloads every link for mail merge, copies one association’s, renews it (the old one stops working), and gives a unit’s reviewer link', async () => {
    const links = csvRows(await (await downloadOf('[data-links="csv"]')).path());
    expect(links[0]).toEqual(['code', 'name', 'unit', 'link']);
    expect(links).toHaveLength(6);
    const oldLink = links.find((r) => r[0] === 'KB-DY')![3]!;
    expect(oldLink).toMatch(new RegExp(`^${stack.url}/\\?year=2020&token=`));
    const sheet = await workbookRows(await downloadOf('[data-links="xlsx"]'));
    expect(sheet.find((r) => r[0] === 'KB-DY')).toEqual(['KB-DY', 'Hội Đông y và Dưỡng sinh huyện Kim Bôi', 'HB-KB', oldLink]);

    const input = page.locator('#k-association');
    await input.fill('dong y kim boi');
    await poll(() => page.locator('#k-association-list [role="option"]').count()).toBe(1);
    await input.press('ArrowDown');
    await input.press('Enter');
    await page.click('#link-form button[type=submit]');
    await poll(() => page.inputValue('#link-value')).toBe(oldLink);
    expect(await page.textContent('#link-title')).toBe('Đường link của Hội Đông y và Dưỡng sinh huyện Kim Bôi');
    await page.click('#link-copy');
    await poll(() => page.textContent('#link-copied')).toContain('Đã sao chép đường link của Hội Đông y và Dưỡng sinh huyện Kim Bôi');
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(oldLink);

    await page.click('#link-renew');
    expect(await page.textContent('#link-confirm-text')).toContain('Đường link cũ sẽ không dùng được nữa');
    await expectAccessible('province-page-5-links-renew');
    await panelShots('#links', 'province-page-5-links-renew');
    await page.click('#link-renew-yes');
    await poll(() => page.textContent('#link-copied')).toContain('Đã cấp đường link mới cho Hội Đông y và Dưỡng sinh huyện Kim Bôi');
    const newLink = await page.inputValue('#link-value');
    expect(newLink).not.toBe(oldLink);
    const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
    expect((await stack.request('GET', '/cycles/2020/reports/KB-DY', { token: tokenOf(oldLink) })).status).toBe(401);
    expect((await stack.request('GET', '/cycles/2020/reports/KB-DY', { token: tokenOf(newLink) })).status).toBe(200);

    const reviewers = csvRows(await (await downloadOf('[data-links="reviewer-csv"]')).path());
    expect(reviewers[0]).toEqual(['unit', 'name', 'level', 'link']);
    expect(reviewers).toHaveLength(7);
    const reviewerSheet = await workbookRows(await downloadOf('[data-links="reviewer-xlsx"]'));
    expect(reviewerSheet.map((r) => r[0]).slice(1).sort()).toEqual(reviewers.slice(1).map((r) => r[0]).sort());
    await page.selectOption('#k-unit', 'HB-LS');
    await page.click('#rlink-form button[type=submit]');
    await poll(() => page.inputValue('#rlink-value')).toBe(reviewers.find((r) => r[0] === 'HB-LS')![3]);
    expect(await page.inputValue('#rlink-value')).toMatch(new RegExp(`^${stack.url}/review\\?year=2020&token=`));
    await page.click('#rlink-copy');
    await poll(() => page.textContent('#rlink-copied')).toContain('Đã sao chép đường link của Huyện Lạc Sơn');
    await expectAccessible('province-page-5-links');
    await panelShots('#links', 'province-page-5-links');
  });

  it('opens the list of every report on the review page with the province’s own token', async () => {
    expect(await page.getAttribute('#review-link', 'href')).toBe('review?year=2020');
    await page.click('#review-link');
    await page.waitForURL(/\/review\?year=2020/);
    await poll(() => page.locator('#queue-list li').count()).toBe(5);
    expect(await page.locator('#signin').isVisible()).toBe(false);
    await page.goBack();
    await poll(() => page.locator('#dashboard').isVisible()).toBe(true);
  });

  it('after the close nothing awaits review; reopening finds the association typed without accents', async () => {
    // One approved report (a close needs nothing more), LS-NCT left submitted, the rest missing.
    const ctd = await stack.token({ role: 'association', association: 'HB-CTD' });
    const sent = await stack.request('PUT', '/cycles/2020/reports/HB-CTD', { token: ctd, json: report(5400) });
    expect((await stack.request('POST', '/cycles/2020/reports/HB-CTD/review', { token: province, json: { decision: 'approve', version: sent.json.version, score: 90 } })).status).toBe(200);
    await page.click('#refresh');
    await poll(() => page.textContent('#n-pending-label')).toBe('Chờ duyệt');
    expect(await page.textContent('#n-pending')).toBe('1');
    await page.click('#close-button');
    await page.click('#confirm-close');
    await expect.poll(() => page.textContent('#cycle-status'), { timeout: 60_000, interval: 250 }).toBe('Đã công bố');

    // The submitted report is no longer something to act on: it is not counted.
    expect(await page.textContent('#n-pending-label')).toBe('Chưa được duyệt — không tính');
    expect(await page.textContent('#legend-pending')).toBe('Chưa được duyệt (không tính)');
    expect(await page.textContent('#closed-counts')).toBe(
      'Số liệu tổng hợp của năm chỉ tính 1 báo cáo đã được duyệt. Không được tính: 1 báo cáo chưa được duyệt; 3 hội chưa nộp báo cáo. Các hội này được liệt kê ở phụ lục của báo cáo.',
    );
    expect(await page.locator('text=Chờ duyệt').count()).toBe(0);
    await expectAccessible('province-page-6-after-close');
    await panelShots('.panel.first', 'province-page-6-after-close');

    const input = page.locator('#p-association');
    await input.fill('nguoi cao tuoi lac son');
    await poll(() => page.locator('#p-association-list [role="option"]').count()).toBe(1);
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    expect(await page.textContent('#p-association-status')).toBe('1 kết quả.');
    await input.press('ArrowDown');
    expect(await input.getAttribute('aria-activedescendant')).toBe('p-association-list-o0');
    await panelShots('#reopen', 'province-page-7-reopen-picker');
    await expectAccessible('province-page-7-reopen-picker');
    await input.press('Enter');
    expect(await input.inputValue()).toBe('Hội Người cao tuổi huyện Lạc Sơn');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    await page.fill('#p-comment', 'Bổ sung số hội viên.');
    await page.click('#reopen-form button[type=submit]');
    await poll(() => page.textContent('#notice')).toContain('Đã mở lại báo cáo của Hội Người cao tuổi huyện Lạc Sơn');
  }, 120_000);

  it('lists every year with its status, newest first, and loads the one chosen', async () => {
    expect((await stack.request('POST', '/cycles', { token: province, json: { year: 2021 } })).status).toBe(201);
    await page.reload();
    const years = page.locator('#years-list a');
    await poll(() => years.count()).toBe(2);
    expect(await years.allTextContents()).toEqual(['2021Đang mở', '2020Đang mở']);
    expect(await page.getAttribute('#years-list a[data-year="2020"]', 'aria-current')).toBe('page');
    await expectAccessible('province-page-8-years');
    await panelShots('#years', 'province-page-8-years');

    await page.click('#years-list a[data-year="2021"]');
    await poll(() => page.textContent('#page-title')).toBe('Tổng kết năm 2021');
    expect(new URL(page.url()).search).toBe('?year=2021');
    expect(await page.getAttribute('#years-list a[data-year="2021"]', 'aria-current')).toBe('page');
    await poll(() => page.textContent('#registry-now')).toBe('Chưa nhập danh mục.');
    await page.click('#years-list a[data-year="2020"]');
    await poll(() => page.textContent('#n-expected')).toBe('5');
    expect(new URL(page.url()).search).toBe('?year=2020');
    expect(web.problems).toEqual([]);
  });
});
