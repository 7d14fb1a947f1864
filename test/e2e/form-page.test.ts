// The association secretary's form in a real browser (Debian's chromium, playwright-core)
// against the embedded stack (issue 18, points 10–12): every error of a submission at once and
// in the form's order, each cleared once fixed; Enter in a one-line field sends nothing; long
// texts count down before the limit and are never cut; money shows its thousands separators;
// the link keeps working on the phone, and a lost link can be pasted back, with the office to
// call. axe-core on each state; screenshots at 360 px and 1280 px in test-results/.
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { axe, horizontalOverflow, openBrowser, screenshots, type Browsing } from './support.ts';

const UNITS = `code,name,level,parent_code
HB,Tỉnh Hòa Bình,province,
HB-LS,Huyện Lạc Sơn,district,HB
HB-LS-VL,Xã Vũ Lâm,commune,HB-LS
`;
const ASSOCIATIONS = `code,name,unit_code,special,founded_on,dissolved_on
LS-NCT,Hội Người cao tuổi huyện Lạc Sơn,HB-LS,false,2001-03-01,
VL-KH,Hội Khuyến học xã Vũ Lâm,HB-LS-VL,false,2020-04-02,
`;

/** Waits for what the page shows, polling: the browser and the stack answer at their own pace. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });

/** The PUTs a page sends (a report submitted). */
function watchPuts(page: Page): Request[] {
  const puts: Request[] = [];
  page.on('request', (request) => {
    if (request.method() === 'PUT') puts.push(request);
  });
  return puts;
}

const summaryItems = (page: Page) => page.locator('#error-summary-list li').allTextContents();
const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id);

describe('the secretary’s form (vi-VN)', () => {
  let stack: TestStack;
  let web: Browsing;
  let page: Page;
  let puts: Request[];
  let province: string;
  let token: string;

  const expectAccessible = async (p: Page, state: string) => {
    expect(await axe(p), `axe on ${state}`).toEqual([]);
    expect(await horizontalOverflow(p), `horizontal scroll at 360 px on ${state}`).toBeLessThanOrEqual(0);
    await screenshots(p, state);
  };

  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2020-12-10T02:00:00Z' });
    province = await stack.token({ role: 'province', unit: 'HB' });
    const opened = await stack.request('POST', '/cycles', { token: province, json: { year: 2020 } });
    expect(opened.status, opened.text).toBe(201);
    const imported = await stack.request('PUT', '/cycles/2020/registry', { token: province, json: { units: UNITS, associations: ASSOCIATIONS } });
    expect(imported.status, imported.text).toBe(200);
    token = await stack.token({ role: 'association', association: 'LS-NCT' });
    web = await openBrowser(stack.url);
    page = await web.context.newPage();
    puts = watchPuts(page);
  });
  afterAll(async () => {
    await web?.close();
    await stack?.cleanup();
  });

  it('three required fields left empty and a bad number: every error at once, in the form’s order, nothing sent', async () => {
    await page.goto(`${stack.url}/?year=2020&token=${token}`);
    await poll(() => page.locator('#report-form').isVisible()).toBe(true);
    // The token is read and taken out of the address at once; the year stays.
    expect(new URL(page.url()).search).toBe('?year=2020');

    await page.fill('#f-branches', '12');
    await page.fill('#f-newMembers', '4O'); // a letter O for a zero, as happens on a phone
    await page.click('#submit-button');

    await poll(() => page.locator('#error-summary').isVisible()).toBe(true);
    expect(await activeId(page)).toBe('error-summary');
    expect(await summaryItems(page)).toEqual([
      'Số hội viên (đến 31/12): Vui lòng nhập số hội viên.',
      'Hội viên mới kết nạp trong năm: Vui lòng chỉ nhập chữ số, ví dụ 1200 (không có chữ hay dấu phẩy).',
      'Tự đánh giá: Vui lòng chọn mức tự đánh giá.',
      'Người báo cáo: Vui lòng nhập họ tên, chức vụ người báo cáo.',
    ]);
    for (const [name, text] of [
      ['members', 'Vui lòng nhập số hội viên.'],
      ['newMembers', 'Vui lòng chỉ nhập chữ số'],
      ['selfRating', 'Vui lòng chọn mức tự đánh giá.'],
      ['submittedBy', 'Vui lòng nhập họ tên, chức vụ người báo cáo.'],
    ] as const) {
      expect(await page.textContent(`#e-${name}`), name).toContain(text);
      expect(await page.getAttribute(`#f-${name}`, 'aria-invalid'), name).toBe('true');
      expect((await page.getAttribute(`#f-${name}`, 'aria-describedby'))?.split(' '), name).toEqual([`e-${name}`, `h-${name}`]);
    }
    expect(await page.getAttribute('#f-branches', 'aria-invalid')).toBeNull();
    expect(puts).toHaveLength(0);
    await expectAccessible(page, 'form-page-1-all-errors');
  });

  it('fixing a field clears its error at once, under it and in the summary; a summary link goes to its field', async () => {
    await page.fill('#f-members', '1200');
    await poll(() => page.locator('#e-members').isVisible()).toBe(false);
    expect(await page.getAttribute('#f-members', 'aria-invalid')).toBeNull();
    expect(await page.getAttribute('#f-members', 'aria-describedby')).toBe('h-members');
    expect(await summaryItems(page)).toHaveLength(3);
    expect((await summaryItems(page))[0]).toMatch(/^Hội viên mới kết nạp trong năm: /);
    // A screen reader hears, politely, how many are left.
    await poll(() => page.textContent('#live')).toBe('Còn 3 mục cần sửa.');

    // Still wrong, differently: the message follows what is now wrong.
    await page.fill('#f-newMembers', '1300');
    await poll(() => page.textContent('#e-newMembers')).toBe('Vui lòng xem lại: số hội viên mới kết nạp (1.300) không thể nhiều hơn số hội viên (1.200).');
    // Fixed by changing the other field: members now covers them.
    await page.fill('#f-members', '1500');
    await poll(() => page.locator('#e-newMembers').isVisible()).toBe(false);
    expect(await summaryItems(page)).toEqual(['Tự đánh giá: Vui lòng chọn mức tự đánh giá.', 'Người báo cáo: Vui lòng nhập họ tên, chức vụ người báo cáo.']);

    await page.click('#error-summary-list a >> nth=0');
    expect(await activeId(page)).toBe('f-selfRating');
    await page.selectOption('#f-selfRating', 'good');
    await page.fill('#f-submittedBy', 'Bùi Văn Hùng, Chủ tịch Hội');
    await poll(() => page.locator('#error-summary').isVisible()).toBe(false);
    await poll(() => page.textContent('#live')).toBe('Đã sửa hết các mục; có thể nộp báo cáo.');
    expect(puts).toHaveLength(0);
  });

  it('Enter in a number field (or the name) sends nothing; in a long text it is a new line', async () => {
    await page.click('#f-charityEvents');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await page.click('#f-submittedBy');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(700);
    expect(puts).toHaveLength(0);
    expect(await page.locator('#notice').isVisible()).toBe(false);
    expect(await page.inputValue('#f-charityEvents')).toBe('3');

    await page.click('#f-proposals');
    await page.keyboard.type('Thứ nhất');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Thứ hai');
    expect(await page.inputValue('#f-proposals')).toBe('Thứ nhất\nThứ hai');
    expect(puts).toHaveLength(0);
  });

  it('money shows its thousands separators as typed, the caret where it was; the report saves the plain number', async () => {
    const money = page.locator('#f-charityFundsVnd');
    expect(await money.getAttribute('inputmode')).toBe('numeric');
    await money.click();
    await page.keyboard.type('1250000');
    expect(await money.inputValue()).toBe('1.250.000');
    // A digit typed in the middle: the dots move, the caret stays after it.
    await money.evaluate((input: HTMLInputElement) => input.setSelectionRange(3, 3)); // 1.2|50.000
    await page.keyboard.type('9');
    expect(await money.inputValue()).toBe('12.950.000');
    expect(await money.evaluate((input: HTMLInputElement) => input.selectionStart)).toBe(4); // 12.9|50.000
    await page.keyboard.press('Backspace');
    expect(await money.inputValue()).toBe('1.250.000');
    // Backspace just after a dot takes the digit before it.
    await money.evaluate((input: HTMLInputElement) => input.setSelectionRange(2, 2)); // 1.|250.000
    await page.keyboard.press('Backspace');
    expect(await money.inputValue()).toBe('250.000');
    await money.fill('');
    await money.click();
    await page.keyboard.type('1250000');
    expect(await money.inputValue()).toBe('1.250.000');
    await screenshots(page, 'form-page-2-money');

    await page.click('#submit-button');
    await poll(() => page.textContent('#notice')).toContain('Đã nộp phiên bản 1');
    expect(puts).toHaveLength(1);
    expect(puts[0]!.postDataJSON()).toMatchObject({ members: 1500, newMembers: 1300, charityFundsVnd: 1250000, charityEvents: 3, selfRating: 'good' });
    const saved = await stack.request('GET', '/cycles/2020/reports/LS-NCT', { token: province });
    expect(saved.json.report).toMatchObject({ charityFundsVnd: 1250000, proposals: 'Thứ nhất\nThứ hai', submittedBy: 'Bùi Văn Hùng, Chủ tịch Hội' });
    // Shown again the same way.
    expect(await money.inputValue()).toBe('1.250.000');
    await expectAccessible(page, 'form-page-3-submitted');
  });

  it('a long text counts down from 80 % of its limit; over the limit it is an error that blocks sending, and nothing is cut', async () => {
    const counter = page.locator('#c-achievements');
    await page.fill('#f-achievements', 'a'.repeat(3999));
    expect(await counter.isVisible()).toBe(false);
    await page.fill('#f-achievements', 'Câu lạc bộ dưỡng sinh. '.repeat(300).slice(0, 4688));
    await poll(() => counter.textContent()).toBe('Còn 312 ký tự (4.688/5.000)');
    expect((await page.getAttribute('#f-achievements', 'aria-describedby'))?.split(' ')).toEqual(['h-achievements', 'c-achievements']);
    // Announced politely once typing pauses.
    expect(await page.getAttribute('#live', 'aria-live')).toBe('polite');
    await poll(() => page.textContent('#live')).toBe('Còn 312 ký tự (4.688/5.000)');
    await screenshots(page, 'form-page-4-counter');

    // A long paste: kept whole (no maxlength), counted, refused with the reason.
    expect(await page.getAttribute('#f-achievements', 'maxlength')).toBeNull();
    const pasted = 'Tổ chức 12 buổi sinh hoạt chuyên đề cho hội viên. '.repeat(101); // 5.049 characters once trimmed, as the server counts
    await page.fill('#f-achievements', pasted);
    expect(await page.inputValue('#f-achievements')).toBe(pasted);
    await poll(() => counter.textContent()).toBe('Vượt 49 ký tự so với mức tối đa 5.000: vui lòng rút gọn');
    expect(await counter.getAttribute('class')).toContain('over');
    await page.click('#submit-button');
    await poll(() => page.locator('#error-summary').isVisible()).toBe(true);
    expect(await summaryItems(page)).toEqual(['Thành tích nổi bật: Vui lòng rút gọn còn tối đa 5.000 ký tự (hiện có 5.049 ký tự).']);
    expect(puts).toHaveLength(1); // still the one submission of before
    await expectAccessible(page, 'form-page-5-over-limit');

    await page.fill('#f-achievements', pasted.slice(0, 4900));
    await poll(() => page.locator('#error-summary').isVisible()).toBe(false);
    expect(await counter.getAttribute('class')).not.toContain('over');
  });

  it('the server’s own errors come the same way, in the form’s order, and clear when the text is changed', async () => {
    await page.fill('#f-achievements', 'Câu lạc bộ dưỡng sinh.');
    await page.fill('#f-limitations', 'Thiếu\u200bkinh phí'); // a zero-width space, as pasted from a chat
    await page.fill('#f-proposals', 'Đề nghị \u202ehỗ trợ'); // a hidden direction mark
    await page.click('#submit-button');
    await poll(() => summaryItems(page)).toHaveLength(2);
    const items = await summaryItems(page);
    expect(items[0]).toMatch(/^Hạn chế: Có ký tự vô hình U\+200B/);
    expect(items[1]).toMatch(/^Kiến nghị, đề xuất: Có ký tự ẩn đảo chiều chữ/);
    expect(await activeId(page)).toBe('error-summary');
    expect(puts).toHaveLength(2);
    await page.fill('#f-limitations', 'Thiếu kinh phí');
    await poll(() => page.locator('#e-limitations').isVisible()).toBe(false);
    expect(await summaryItems(page)).toHaveLength(1);
  });

  it('the link keeps working on this phone: the bare page opens the form; “Thoát” forgets it', async () => {
    const again = await web.context.newPage();
    await again.goto(`${stack.url}/`);
    await poll(() => again.locator('#report-form').isVisible()).toBe(true);
    expect(await again.textContent('#assoc-name')).toBe('Hội Người cao tuổi huyện Lạc Sơn');
    expect(await again.locator('#lost-link').isVisible()).toBe(false);

    await again.click('#sign-out');
    await poll(() => again.locator('#lost-link').isVisible()).toBe(true);
    expect(await again.textContent('#notice')).toBe('Đã thoát. Máy này không còn nhớ đường link của hội.');
    expect(await again.locator('#report-form').isVisible()).toBe(false);
    expect(await again.inputValue('#f-members')).toBe(''); // what was shown is gone from the page too
    await again.goto(`${stack.url}/`);
    await poll(() => again.locator('#lost-link').isVisible()).toBe(true);
    expect(await again.locator('#report-form').isVisible()).toBe(false);
    await again.close();
  });

  it('the lost-link page: the office to call, a box that takes the whole link (or the token and the year)', async () => {
    const lost = await web.context.newPage();
    await lost.goto(`${stack.url}/`);
    await poll(() => lost.locator('#lost-link').isVisible()).toBe(true);
    // No office configured anywhere: the generic sentence.
    expect(await lost.textContent('#contact-line')).toBe('Vui lòng liên hệ Văn phòng tỉnh để được cấp lại đường link.');
    expect(await lost.locator('#alert').isVisible()).toBe(false);
    await expectAccessible(lost, 'form-page-6-lost-link');

    await lost.click('#link-form button[type=submit]');
    await poll(() => lost.textContent('#e-link-input')).toBe('Vui lòng dán đường link hoặc mã truy cập của hội.');
    await lost.fill('#link-input', `${stack.url}/?year=2020&token=eyJhbGciOi`); // cut short when copied
    await lost.click('#link-form button[type=submit]');
    await poll(() => lost.textContent('#e-link-input')).toContain('Không đọc được đường link này.');
    expect(await lost.getAttribute('#link-input', 'aria-invalid')).toBe('true');

    // The link as a chat message carries it: words around it, wrapped over two lines.
    const link = `${stack.url}/?year=2020&token=${token}`;
    await lost.fill('#link-input', `Link báo cáo của hội: ${link.slice(0, 60)}\n${link.slice(60)} .`);
    await lost.click('#link-form button[type=submit]');
    await poll(() => lost.locator('#report-form').isVisible()).toBe(true);
    expect(await lost.inputValue('#f-charityFundsVnd')).toBe('1.250.000');
    expect(await lost.locator('#lost-link').isVisible()).toBe(false);

    // The token alone: the year box says when it is needed.
    await lost.click('#sign-out');
    await poll(() => lost.locator('#lost-link').isVisible()).toBe(true);
    await lost.fill('#link-year', '');
    await lost.fill('#link-input', token);
    await lost.click('#link-form button[type=submit]');
    await poll(() => lost.textContent('#e-link-year')).toBe('Vui lòng nhập năm báo cáo gồm 4 chữ số, ví dụ 2020.');
    await lost.fill('#link-year', '2020');
    await lost.click('#link-form button[type=submit]');
    await poll(() => lost.locator('#report-form').isVisible()).toBe(true);
    await lost.close();
  });

  it('the deployment’s office (on the page’s <body>) when no cycle has named one on this phone', async () => {
    // A phone that never opened a report, on a deployment configured with its office
    // (OFFICE_CONTACT_NAME / OFFICE_CONTACT_PHONE, written by the pages job on <body>).
    const fresh = await web.browser.newContext({ locale: 'vi-VN', viewport: { width: 360, height: 740 } });
    const tab = await fresh.newPage();
    await tab.route(`${stack.url}/`, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace('<body>', '<body data-office-name="Văn phòng Sở Nội vụ" data-office-phone="0218 3852 123">');
      await route.fulfill({ response, body: html });
    });
    await tab.goto(`${stack.url}/`);
    await poll(() => tab.textContent('#contact-line')).toBe('Vui lòng liên hệ Văn phòng Sở Nội vụ để được cấp lại đường link, điện thoại 0218 3852 123.');
    expect(await tab.getAttribute('#contact-line a', 'href')).toBe('tel:02183852123');
    expect(await tab.textContent('#footer-text')).toBe('Cần đường link mới hoặc gặp trục trặc? Liên hệ Văn phòng Sở Nội vụ, điện thoại 0218 3852 123.');
    expect(await axe(tab)).toEqual([]);
    await fresh.close();
  });

  it('a link renewed by the office (the old one revoked): the page says so and takes the new one', async () => {
    const old = await stack.token({ role: 'association', association: 'VL-KH' });
    const jti = JSON.parse(Buffer.from(old.split('.')[1]!, 'base64url').toString('utf8')).jti as string;
    const tab = await web.context.newPage();
    await tab.goto(`${stack.url}/?year=2020&token=${old}`);
    await poll(() => tab.textContent('#assoc-name')).toBe('Hội Khuyến học xã Vũ Lâm');
    expect((await stack.request('POST', '/tokens/revocations', { token: province, json: { jti } })).status).toBe(204);

    await tab.goto(`${stack.url}/`);
    await poll(() => tab.locator('#lost-link').isVisible()).toBe(true);
    expect(await tab.textContent('#alert')).toContain('Đường link truy cập đã hết hạn, đã được thay bằng link mới, hoặc không đúng.');
    expect(await tab.locator('#report-form').isVisible()).toBe(false);
    await expectAccessible(tab, 'form-page-7-link-revoked');
    const renewed = await stack.token({ role: 'association', association: 'VL-KH' });
    await tab.fill('#link-input', `${stack.url}/?year=2020&token=${renewed}`);
    await tab.click('#link-form button[type=submit]');
    await poll(() => tab.locator('#report-form').isVisible()).toBe(true);
    expect(await tab.locator('#alert').isVisible()).toBe(false);
    await tab.close();
    expect(web.problems).toEqual([]);
  });

  it('the office named in the cycle (POST /cycles contact): on the form, and on the page that says the link no longer works', async () => {
    const contact = { name: 'Văn phòng Ban Dân vận tỉnh Hòa Bình', phone: '0218 3852 123' };
    const opened = await stack.request('POST', '/cycles', { token: province, json: { year: 2021, contact } });
    expect(opened.status, opened.text).toBe(201);
    expect((await stack.request('PUT', '/cycles/2021/registry', { token: province, json: { units: UNITS, associations: ASSOCIATIONS } })).status).toBe(200);
    const link = await stack.token({ role: 'association', association: 'LS-NCT' });
    const tab = await web.context.newPage();
    await tab.goto(`${stack.url}/?year=2021&token=${link}`);
    await poll(() => tab.locator('#report-form').isVisible()).toBe(true);
    await poll(() => tab.textContent('#footer-text')).toBe('Cần đường link mới hoặc gặp trục trặc? Liên hệ Văn phòng Ban Dân vận tỉnh Hòa Bình, điện thoại 0218 3852 123.');
    expect(await tab.getAttribute('#footer-text a', 'href')).toBe('tel:02183852123');

    // The office renews the link: on this phone the old one is refused, and the page names whom to call.
    const jti = JSON.parse(Buffer.from(link.split('.')[1]!, 'base64url').toString('utf8')).jti as string;
    expect((await stack.request('POST', '/tokens/revocations', { token: province, json: { jti } })).status).toBe(204);
    await tab.goto(`${stack.url}/`);
    await poll(() => tab.locator('#lost-link').isVisible()).toBe(true);
    expect(await tab.textContent('#alert')).toContain('hoặc liên hệ Văn phòng Ban Dân vận tỉnh Hòa Bình để được cấp lại, điện thoại 0218 3852 123.');
    expect(await tab.textContent('#contact-line')).toBe('Vui lòng liên hệ Văn phòng Ban Dân vận tỉnh Hòa Bình để được cấp lại đường link, điện thoại 0218 3852 123.');
    expect(await tab.getAttribute('#contact-line a', 'href')).toBe('tel:02183852123');
    await expectAccessible(tab, 'form-page-9-cycle-contact');
    await tab.close();
    expect(web.problems).toEqual([]);
  });
});

describe('the secretary’s form in English, chosen with the switch', () => {
  let stack: TestStack;
  let web: Browsing;
  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2020-12-10T02:00:00Z' });
    const province = await stack.token({ role: 'province', unit: 'HB' });
    expect((await stack.request('POST', '/cycles', { token: province, json: { year: 2020 } })).status).toBe(201);
    expect((await stack.request('PUT', '/cycles/2020/registry', { token: province, json: { units: UNITS, associations: ASSOCIATIONS } })).status).toBe(200);
    web = await openBrowser(stack.url, { locale: 'en-GB' });
  });
  afterAll(async () => {
    await web?.close();
    await stack?.cleanup();
  });

  it('says the errors, the counter and the lost-link page in English', async () => {
    const page = await web.context.newPage();
    await page.goto(`${stack.url}/`);
    // An English browser still gets Vietnamese; the switch in the header gives English.
    await poll(() => page.textContent('#lost-title')).toBe('Mở báo cáo của hội');
    await Promise.all([page.waitForEvent('load'), page.click('#lang-switch')]);
    await poll(() => page.textContent('#lost-title')).toBe('Open your association’s report');
    expect(await page.textContent('#contact-line')).toBe('Please contact the province office for a new link.');
    const token = await stack.token({ role: 'association', association: 'LS-NCT' });
    await page.fill('#link-input', `${stack.url}/?year=2020&token=${token}`);
    await page.click('#link-form button[type=submit]');
    await poll(() => page.locator('#report-form').isVisible()).toBe(true);

    await page.click('#f-charityFundsVnd');
    await page.keyboard.type('1250000');
    expect(await page.inputValue('#f-charityFundsVnd')).toBe('1,250,000');
    await page.fill('#f-submittedBy', 'x'.repeat(170));
    await poll(() => page.textContent('#c-submittedBy')).toBe('30 characters left (170/200)');
    await page.click('#submit-button');
    await poll(() => page.locator('#error-summary').isVisible()).toBe(true);
    expect(await page.textContent('#error-summary h2')).toBe('The report was not sent — please look again');
    expect(await summaryItems(page)).toEqual([
      'Members (as of 31 December): Please enter the number of members.',
      'Self-assessment: Please choose a self-assessment.',
    ]);
    expect(await axe(page)).toEqual([]);
    await screenshots(page, 'form-page-8-english');
    expect(web.problems).toEqual([]);
  });
});
