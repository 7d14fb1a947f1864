// The province office's page in a real browser (Debian's chromium, playwright-core, vi-VN)
// against the real embedded stack, as the office runs a year from it (issue 18): a CSV saved
// by Excel on Vietnamese Windows is refused on the page before anything is sent; a workbook is
// previewed (a dry run) then imported, a re-import names what moved and what was renamed; the
// access links are downloaded, copied and renewed (the old one stops working); a unit's
// missing count lists who has not submitted with how to reach them, and exports it; the year
// switcher lists every cycle; reopening picks an association by name typed without accents;
// after the close nothing is shown as awaiting review. Screenshots at 360 px and 1280 px go to
// test-results/, axe-core checks each state.
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { report } from '../support/cycle.ts';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { axe, horizontalOverflow, openBrowser, type Browsing } from './support.ts';

const UNITS = `code,name,level,parent_code
HB,Tỉnh Hòa Bình,province,
HB-LS,Huyện Lạc Sơn,district,HB
HB-LS-VL,Xã Vũ Lâm,commune,HB-LS
HB-LS-TM,Xã Tân Mỹ,commune,HB-LS
HB-KB,Huyện Kim Bôi,district,HB
HB-KB-HS,Xã Hùng Sơn,commune,HB-KB
`;
const ASSOCIATIONS = `code,name,unit_code,special,founded_on,dissolved_on,email,phone
HB-CTD,Hội Chữ thập đỏ tỉnh Hòa Bình,HB,true,1995-05-08,,ctd@hoabinh.vn,0218 3852 111
LS-NCT,Hội Người cao tuổi huyện Lạc Sơn,HB-LS,false,2001-03-01,,nct.lacson@gmail.com,0912 345 678
VL-KH,Hội Khuyến học xã Vũ Lâm,HB-LS-VL,false,2010-04-02,,khuyenhoc.vulam@gmail.com,0987 654 321
TM-CCB,Hội Cựu chiến binh xã Tân Mỹ,HB-LS-TM,false,2005-01-01,,,
KB-DY,Hội Đông y huyện Kim Bôi,HB-KB,false,2010-01-01,,dongy.kimboi@gmail.com,
`;

/** Waits for what the page shows, polling: the browser and the stack answer at their own pace. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });

/**
 * Text as Excel's "CSV (Comma delimited)" writes it on Vietnamese Windows: Windows-1258, where
 * a toned letter is its base letter (ô, ơ, ư, â, ă, ê, đ are single bytes) followed by a
 * combining tone mark. The byte table is Windows-1258 itself, read back from the platform's
 * decoder; the test checks the bytes decode to the text again.
 */
function windows1258(text: string): Buffer {
  const decoder = new TextDecoder('windows-1258');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(Uint8Array.of(b)), b);
  const TONES = new Set(['\u0300', '\u0301', '\u0303', '\u0309', '\u0323']);
  const bytes: number[] = [];
  for (const char of text.normalize('NFC')) {
    const direct = table.get(char);
    if (direct !== undefined) {
      bytes.push(direct);
      continue;
    }
    const parts = [...char.normalize('NFD')];
    const base = parts.filter((p) => !TONES.has(p)).join('').normalize('NFC');
    const tones = parts.filter((p) => TONES.has(p));
    for (const piece of [base, ...tones]) {
      const b = table.get(piece);
      if (b === undefined) throw new Error(`no Windows-1258 byte for ${JSON.stringify(piece)}`);
      bytes.push(b);
    }
  }
  const out = Buffer.from(bytes);
  expect(new TextDecoder('windows-1258').decode(out).normalize('NFC')).toBe(text.normalize('NFC'));
  return out;
}

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
  /** A 360 px screenshot of one panel, and the whole page at 1280 px. */
  const panelShots = async (selector: string, name: string) => {
    const before = page.viewportSize() ?? { width: 1280, height: 900 };
    await page.setViewportSize({ width: 360, height: 740 });
    await page.waitForTimeout(50);
    await page.locator(selector).screenshot({ path: `test-results/${name}-360.png` });
    await page.setViewportSize(before);
    await page.waitForTimeout(50);
    await page.locator(selector).screenshot({ path: `test-results/${name}-1280.png` });
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

  it('refuses a CSV saved as Windows-1258 on the page, says how to save it as UTF-8, and sends nothing', async () => {
    const opened = await stack.request('POST', '/cycles', { token: province, json: { year: 2020 } });
    expect(opened.status, opened.text).toBe(201);
    await page.goto(`${stack.url}/province?year=2020&token=${province}`);
    await poll(() => page.locator('#registry-form').isVisible()).toBe(true);

    await page.setInputFiles('#g-units', csvFile('units.csv', windows1258(UNITS)));
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
  });

  it('previews a CSV import (the dry run writes nothing), then imports it and says what changed', async () => {
    await page.setInputFiles('#g-units', csvFile('units.csv', UNITS));
    await page.click('#registry-form button[type=submit]');
    await poll(() => page.locator('#registry-preview').isVisible()).toBe(true);
    expect(registryRequests).toEqual([`PUT ${stack.url}/cycles/2020/registry?dryRun=1`]);
    expect(await page.textContent('#preview-line')).toContain('Danh mục mới có 6 đơn vị và 5 hội; 5 hội phải báo cáo năm 2020.');
    const added = page.locator('#preview-changes details[data-kind="added"]');
    expect(await added.locator('summary').textContent()).toBe('Hội thêm mới: 5');
    expect(await added.locator('li[data-code="VL-KH"]').textContent()).toBe('Hội Khuyến học xã Vũ Lâm (VL-KH)');
    // Nothing written yet.
    expect((await stack.request('GET', '/cycles/2020', { token: province })).json.registry.importedAt).toBeNull();
    await expectAccessible('province-page-2-preview');
    await panelShots('#registry', 'province-page-2-preview');

    await page.click('#confirm-import');
    const result = page.locator('#registry-result');
    await poll(() => result.textContent()).toContain('Đã nhập 6 đơn vị và 5 hội; 5 hội phải báo cáo năm 2020.');
    expect(await result.locator('details[data-kind="added"] summary').textContent()).toBe('Hội thêm mới: 5');
    await poll(() => page.textContent('#n-expected')).toBe('5');
  });

  it('re-imports with one association moved and one renamed: the preview and the answer name them', async () => {
    const changed = ASSOCIATIONS.replace('VL-KH,Hội Khuyến học xã Vũ Lâm,HB-LS-VL', 'VL-KH,Hội Khuyến học xã Vũ Lâm,HB-LS-TM').replace(
      'KB-DY,Hội Đông y huyện Kim Bôi',
      'KB-DY,Hội Đông y và Dưỡng sinh huyện Kim Bôi',
    );
    await page.setInputFiles('#g-units', csvFile('units.csv', UNITS));
    await page.setInputFiles('#g-associations', csvFile('associations.csv', changed));
    await page.click('#registry-form button[type=submit]');
    await poll(() => page.locator('#registry-preview').isVisible()).toBe(true);
    const preview = page.locator('#preview-changes');
    expect(await preview.locator('details[data-kind="moved"] li').allTextContents()).toEqual(['Hội Khuyến học xã Vũ Lâm (VL-KH): Xã Vũ Lâm → Xã Tân Mỹ']);
    expect(await preview.locator('details[data-kind="renamed"] li').allTextContents()).toEqual(['KB-DY: Hội Đông y huyện Kim Bôi → Hội Đông y và Dưỡng sinh huyện Kim Bôi']);
    expect(await preview.locator('details[data-kind="added"]').count()).toBe(0);
    await panelShots('#registry-preview', 'province-page-3-reimport-preview');
    await page.click('#confirm-import');
    const result = page.locator('#registry-result');
    await poll(() => result.textContent()).toContain('Đã nhập 6 đơn vị và 5 hội');
    await poll(() => result.locator('details[data-kind="moved"]').count()).toBe(1);
    expect(await result.locator('details[data-kind="moved"] li').allTextContents()).toEqual(['Hội Khuyến học xã Vũ Lâm (VL-KH): Xã Vũ Lâm → Xã Tân Mỹ']);
    expect(await result.locator('details[data-kind="renamed"] li').allTextContents()).toEqual(['KB-DY: Hội Đông y huyện Kim Bôi → Hội Đông y và Dưỡng sinh huyện Kim Bôi']);
    await expectAccessible('province-page-3-reimported');
    await panelShots('#registry', 'province-page-3-reimported');
  });

  it('lists who has not submitted in a unit, with a phone to call and an address to write to', async () => {
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
    await expectAccessible('province-page-4-missing');
    await panelShots('#missing-box', 'province-page-4-missing');
    const vulam = page.locator('#missing-list li[data-association="VL-KH"]');
    expect(await vulam.locator('a.tel').getAttribute('href')).toBe('tel:0987654321');
    expect(await vulam.locator('a.mail').getAttribute('href')).toBe('mailto:khuyenhoc.vulam@gmail.com');
    expect(await page.locator('#missing-list li[data-association="TM-CCB"]').textContent()).toContain('Danh mục chưa có thông tin liên hệ');
    await page.click('#missing-close');
    expect(await page.locator('#missing-box').isVisible()).toBe(false);
    expect(await page.evaluate('document.activeElement?.dataset?.unit')).toBe('HB-LS');
  });

  it('opens the list of every report on the review page with the province’s own token', async () => {
    expect(await page.getAttribute('#review-link', 'href')).toBe('review?year=2020');
    await page.click('#review-link');
    await page.waitForURL(/\/review\?year=2020$/);
    await poll(() => page.locator('#queue-list li').count()).toBe(5);
    expect(await page.locator('#signin').isVisible()).toBe(false);
    await page.goBack();
    await poll(() => page.locator('#dashboard').isVisible()).toBe(true);
  });

  it('reopens after the close: the association is found typed without accents; nothing awaits review any more', async () => {
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

    // After the close: the submitted report is not something to act on; it is not counted.
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
    expect(web.problems).toEqual([]);
  }, 120_000);
});
