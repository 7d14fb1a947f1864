// The reviewer's page in a real browser (Debian's chromium, playwright-core) against the real
// embedded stack, with a district's worth of seeded reports: the whole list at once, searched
// without accents, filtered, sorted and counted; several reports approved with one score, each
// its own versioned decision; a long text read at the width of the screen; an earlier version
// opened and what changed since the return marked; every state in the URL, so Back returns to
// the filtered list and a report's link opens that report for a colleague after sign-in.
// axe-core at 360 px and 1280 px; screenshots under test-results/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetClock } from '../../shared/adapters/clock.ts';
import { HOA_BINH_UNITS, report } from '../support/cycle.ts';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { axe, horizontalOverflow, openBrowser, screenshots, type Browsing } from './support.ts';

const UNITS = HOA_BINH_UNITS;

const KINDS = ['Hội Nông dân', 'Hội Cựu chiến binh', 'Hội Khuyến học', 'Hội Chữ thập đỏ', 'Hội Sinh vật cảnh', 'Hội Làm vườn', 'Hội Đông y', 'Hội Người mù'];
const PLACES = ['xóm Bãi', 'xóm Chiềng', 'xóm Đồi', 'thôn Ân Nghĩa', 'xóm Mới', 'xóm Ốc', 'xóm Dài', 'xóm Ưng'];
const COMMUNES = ['HB-LS-VL', 'HB-LS-TM'];

/** The district's associations: two named ones at the district, 64 in its communes, and three elsewhere. */
const NAMED = [
  { code: 'LS-NCT', name: 'Hội Người cao tuổi huyện Lạc Sơn', unit: 'HB-LS' },
  { code: 'LS-CTD', name: 'Hội Chữ thập đỏ huyện Lạc Sơn', unit: 'HB-LS' },
];
const COMMUNE_ASSOCIATIONS = KINDS.flatMap((kind, k) =>
  PLACES.map((place, p) => ({ code: `LS-${String(k * PLACES.length + p + 1).padStart(3, '0')}`, name: `${kind} ${place}`, unit: COMMUNES[(k + p) % 2]! })),
);
const ELSEWHERE = [
  { code: 'KB-DY', name: 'Hội Đông y huyện Kim Bôi', unit: 'HB-KB' },
  { code: 'HS-NCT', name: 'Hội Người cao tuổi xã Hùng Sơn', unit: 'HB-KB-HS' },
  { code: 'HB-LG', name: 'Hội Luật gia tỉnh Hòa Bình', unit: 'HB' },
];
const AREA = [...NAMED, ...COMMUNE_ASSOCIATIONS];
/** How to reach each commune association (the registry's optional columns). */
const phoneOf = (code: string) => `0218 3861 ${code.slice(-3)}`;
const emailOf = (code: string) => `${code.toLowerCase()}@hoilacson.vn`;
const ASSOCIATIONS = `code,name,unit_code,special,founded_on,dissolved_on,email,phone\n${[...AREA, ...ELSEWHERE]
  .map((a) => `${a.code},${a.name},${a.unit},false,2001-01-01,,${a.code.startsWith('LS-0') ? `${emailOf(a.code)},${phoneOf(a.code)}` : ','}`)
  .join('\n')}\n`;

/** Submitted before the deadline (15/12), in this order; then after it, late. */
const ON_TIME = ['LS-NCT', 'LS-CTD', ...COMMUNE_ASSOCIATIONS.slice(0, 12).map((a) => a.code)];
const LATE = COMMUNE_ASSOCIATIONS.slice(12, 17).map((a) => a.code);
const nameOf = (code: string) => AREA.find((a) => a.code === code)!.name;

/** An achievement as long as the one that wrapped over eight screens: 2,856 characters. */
const SENTENCES = [
  'Năm 2020, Hội đã tổ chức 24 đợt hiến máu tình nguyện, tiếp nhận 1.250 đơn vị máu an toàn cho bệnh viện đa khoa huyện.',
  'Các chi hội ở 22 xã, thị trấn duy trì tủ thuốc nhân đạo, sơ cấp cứu ban đầu cho hơn 3.400 lượt người dân trong mùa mưa lũ.',
  'Hội phối hợp với các nhà hảo tâm trao 186 suất quà Tết, 42 con bò giống và sửa chữa 15 ngôi nhà nhân đạo cho hộ nghèo.',
  'Phong trào “Mỗi tổ chức, mỗi cá nhân gắn với một địa chỉ nhân đạo” được nhân rộng, giúp đỡ thường xuyên 318 hoàn cảnh khó khăn.',
];
let LONG = '';
for (let i = 0; LONG.length < 2856; i++) LONG += (LONG ? ' ' : '') + SENTENCES[i % SENTENCES.length];
LONG = `${LONG.slice(0, 2855).trimEnd()}.`.padEnd(2856, '.');

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });

describe('the reviewer’s page', () => {
  let stack: TestStack;
  let web: Browsing;
  let reviewer: Page;
  let tokens: { province: string; reviewer: string };
  const associationToken = (code: string) => stack.token({ role: 'association', association: code });
  const submit = async (code: string, extra: Record<string, unknown> = {}) => {
    const sent = await stack.request('PUT', `/cycles/2020/reports/${code}`, { token: await associationToken(code), json: report(100 + code.length, extra) });
    expect(sent.status, sent.text).toBe(200);
    return sent.json.version as number;
  };
  const history = async (code: string) => (await stack.request('GET', `/cycles/2020/reports/${code}`, { token: tokens.province })).json.history as { version: number; action: string; by: string }[];

  const expectAccessible = async (page: Page, state: string) => {
    expect(await axe(page), `axe at 1280 px on ${state}`).toEqual([]);
    await page.setViewportSize({ width: 360, height: 740 });
    expect(await axe(page), `axe at 360 px on ${state}`).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await horizontalOverflow(page), `horizontal scroll at 360 px on ${state}`).toBeLessThanOrEqual(0);
    await screenshots(page, state);
  };
  const count = (page: Page) => page.textContent('#queue-count');
  const rows = (page: Page) => page.locator('#queue-list li');
  const rowNames = (page: Page) => page.locator('#queue-list li a.name').allTextContents();

  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2020-12-10T02:00:00Z' });
    tokens = {
      province: await stack.token({ role: 'province', unit: 'HB' }),
      reviewer: await stack.token({ role: 'reviewer', unit: 'HB-LS' }),
    };
    const opened = await stack.request('POST', '/cycles', { token: tokens.province, json: { year: 2020 } });
    expect(opened.status, opened.text).toBe(201);
    const imported = await stack.request('PUT', '/cycles/2020/registry', { token: tokens.province, json: { units: UNITS, associations: ASSOCIATIONS } });
    expect(imported.status, imported.text).toBe(200);
    for (const code of ON_TIME) {
      if (code === 'LS-CTD') await submit(code, { achievements: LONG });
      else if (code === 'LS-NCT') await submit(code, { branches: 3, achievements: 'Câu lạc bộ dưỡng sinh cho 300 hội viên.' });
      else await submit(code);
    }
    // The reviewer returns LS-NCT's first version; the association corrects it after the deadline.
    const returned = await stack.request('POST', '/cycles/2020/reports/LS-NCT/review', {
      token: tokens.reviewer,
      json: { decision: 'return', version: 1, comment: 'Vui lòng bổ sung số chi hội và các câu lạc bộ.' },
    });
    expect(returned.status, returned.text).toBe(200);
    process.env.TONGKET_CLOCK_START = '2020-12-18T02:00:00Z';
    resetClock();
    await submit('LS-NCT', { branches: 12, achievements: 'Câu lạc bộ dưỡng sinh và câu lạc bộ thơ cho 420 hội viên.' });
    for (const code of LATE) await submit(code);
    web = await openBrowser(stack.url);
    reviewer = await web.context.newPage();
  }, 180_000);
  afterAll(async () => {
    await web?.close();
    await stack?.cleanup();
  });

  it('lists the whole district at once: the count, 50 a page or all, found without accents, late only, by submission', async () => {
    await reviewer.goto(`${stack.url}/review?year=2020&token=${tokens.reviewer}`);
    // 66 in the area (the district's two and 64 in its communes), none from elsewhere.
    const missing = AREA.length - ON_TIME.length - LATE.length;
    await poll(() => count(reviewer)).toBe(`66 báo cáo · ${missing} chưa nộp · đang hiện 1–50`);
    expect(new URL(reviewer.url()).search).toBe('?year=2020');
    expect(await rows(reviewer).count()).toBe(50);
    expect(await reviewer.textContent('#page-info')).toBe('Trang 1/2');
    // Vietnamese order: Chữ before Cựu before Đông before Khuyến.
    const first = await rowNames(reviewer);
    expect(first.slice(0, 2)).toEqual(['Hội Chữ thập đỏ huyện Lạc Sơn', 'Hội Chữ thập đỏ thôn Ân Nghĩa']);
    expect(first.findIndex((n) => n.startsWith('Hội Đông y'))).toBeGreaterThan(first.findIndex((n) => n.startsWith('Hội Cựu chiến binh')));
    await expectAccessible(reviewer, 'review-page-1-list');

    await reviewer.selectOption('#page-size', 'all');
    await poll(() => rows(reviewer).count()).toBe(66);
    expect(await count(reviewer)).toBe(`66 báo cáo · ${missing} chưa nộp`);
    expect(await reviewer.isVisible('#pager')).toBe(false);
    expect(new URL(reviewer.url()).searchParams.get('size')).toBe('all');

    await reviewer.fill('#filter-q', 'hoi nguoi cao tuoi');
    await poll(() => rowNames(reviewer)).toEqual(['Hội Người cao tuổi huyện Lạc Sơn']);
    expect(await count(reviewer)).toBe('1 báo cáo · 0 chưa nộp');
    expect(new URL(reviewer.url()).searchParams.get('q')).toBe('hoi nguoi cao tuoi');
    await reviewer.fill('#filter-q', 'dong y');
    await poll(() => rows(reviewer).count()).toBe(8);
    await reviewer.fill('#filter-q', '');

    // Late: first submitted after the deadline (LS-NCT's correction after it does not make it late).
    await reviewer.check('#filter-late');
    await poll(() => count(reviewer)).toBe(`${LATE.length} báo cáo · 0 chưa nộp`);
    expect((await rowNames(reviewer)).sort()).toEqual(LATE.map(nameOf).sort());
    expect(await reviewer.locator('#queue-list .badge-late').count()).toBe(LATE.length);
    expect(new URL(reviewer.url()).searchParams.get('late')).toBe('1');
    await reviewer.uncheck('#filter-late');

    await reviewer.selectOption('#filter-status', 'missing');
    await poll(() => count(reviewer)).toBe(`${missing} báo cáo · ${missing} chưa nộp`);
    // Who has not submitted, and how to reach them: the registry's phone and email, as links.
    const unsent = COMMUNE_ASSOCIATIONS.find((a) => !ON_TIME.includes(a.code) && !LATE.includes(a.code))!;
    const contact = reviewer.locator(`li[data-code="${unsent.code}"] .reach`);
    expect(await contact.textContent()).toBe(`Liên hệ: ${phoneOf(unsent.code)} · ${emailOf(unsent.code)}`);
    expect(await contact.locator('a').first().getAttribute('href')).toBe(`tel:${phoneOf(unsent.code).replace(/ /g, '')}`);
    await reviewer.selectOption('#filter-unit', 'HB-LS-VL');
    await poll(() => rows(reviewer).count()).toBe(COMMUNE_ASSOCIATIONS.filter((a) => a.unit === 'HB-LS-VL' && !ON_TIME.includes(a.code) && !LATE.includes(a.code)).length);
    await reviewer.selectOption('#filter-unit', 'HB-LS');
    await reviewer.selectOption('#filter-status', '');
    await poll(() => rows(reviewer).count()).toBe(66);
  });

  it('sorts by submission, latest first, from what the list says of each report', async () => {
    await reviewer.selectOption('#sort', 'new');
    // The latest: the late ones, in reverse order of sending, then LS-NCT's resubmission before them.
    await poll(async () => (await rowNames(reviewer)).slice(0, LATE.length + 1)).toEqual([...LATE].reverse().map(nameOf).concat(nameOf('LS-NCT')));
    expect(await reviewer.locator('#queue-list li').first().textContent()).toMatch(/Nộp lúc \d\d\/12\/2020 \d\d:\d\d/);
    await reviewer.selectOption('#sort', 'old');
    await poll(async () => (await rowNames(reviewer))[0]).toBe(nameOf('LS-CTD'));
    await reviewer.selectOption('#sort', 'name');
  });

  it('approves three reports at once with one score; a report changed meanwhile is refused alone, the rest go on', async () => {
    await reviewer.selectOption('#filter-status', 'submitted');
    const chosen = COMMUNE_ASSOCIATIONS.filter((a) => a.name.endsWith('xóm Bãi') && ON_TIME.includes(a.code)).map((a) => a.code);
    expect(chosen.length).toBeGreaterThanOrEqual(2);
    const pick = [...chosen.slice(0, 2), ...LATE.slice(0, 2)];
    for (const code of pick) await reviewer.check(`#pick-${code}`);
    await poll(() => reviewer.textContent('#bulk-selected')).toContain('Đã chọn 4 báo cáo chờ duyệt');
    await reviewer.click('#bulk-button');
    await poll(() => reviewer.textContent('#e-b-score')).toBe('Nhập điểm là số nguyên từ 0 đến 100.');
    await reviewer.fill('#b-score', '90');
    await reviewer.click('#bulk-button');
    await poll(() => reviewer.textContent('#bulk-confirm-text')).toBe(
      'Duyệt 4 báo cáo với điểm 90, xếp loại: theo mức từng hội tự đánh giá? Mỗi báo cáo được ghi vào lịch sử của nó như một lần duyệt riêng.',
    );
    expect(await reviewer.textContent('#bulk-yes')).toBe('Xác nhận duyệt 4 báo cáo');
    await expectAccessible(reviewer, 'review-page-2-bulk-confirm');
    // Meanwhile one association sends a new version: the list's version of it is stale now.
    const stale = LATE[1]!;
    const newer = await submit(stale, { branches: 7 });
    expect(newer).toBe(2);
    await reviewer.click('#bulk-yes');
    await poll(() => reviewer.textContent('#bulk-results-title')).toBe('Đã duyệt 3/4 báo cáo');
    const results = await reviewer.locator('#bulk-results-list li').allTextContents();
    expect(results).toHaveLength(4);
    expect(results.filter((r) => r.includes('đã duyệt phiên bản 1.'))).toHaveLength(3);
    expect(results.find((r) => r.startsWith(nameOf(stale)))).toContain('chưa duyệt — hội vừa nộp phiên bản mới');
    // Each approval is its own decision in its report's history, on the version the list showed.
    for (const code of pick.filter((c) => c !== stale)) {
      const h = await history(code);
      expect(h.at(-1), code).toMatchObject({ version: 1, action: 'approved', by: 'reviewer:HB-LS' });
      const read = await stack.request('GET', `/cycles/2020/reports/${code}`, { token: tokens.reviewer });
      expect(read.json).toMatchObject({ status: 'approved', score: 90, rating: 'excellent' });
    }
    expect((await history(stale)).at(-1)).toMatchObject({ version: 2, action: 'submitted' });
    // The list refreshed: the approved ones left the "awaiting review" filter; the stale one stayed, at version 2.
    await poll(async () => (await rowNames(reviewer)).filter((n) => pick.map(nameOf).includes(n))).toEqual([nameOf(stale)]);
    expect(await reviewer.locator(`li[data-code="${stale}"] .meta`).textContent()).toContain('Phiên bản 2');
    await screenshots(reviewer, 'review-page-3-bulk-done');
    await reviewer.selectOption('#filter-status', '');
  });

  it('reads a 2,856-character achievement at the width of the screen, not in a narrow column', async () => {
    expect(LONG).toHaveLength(2856);
    await reviewer.click(`li[data-code="LS-CTD"] a.name`);
    await poll(() => reviewer.textContent('#report-name')).toBe('Hội Chữ thập đỏ huyện Lạc Sơn');
    expect(new URL(reviewer.url()).searchParams.get('report')).toBe('LS-CTD');
    expect(await reviewer.textContent('#v-achievements')).toBe(LONG);
    const box = await reviewer.locator('#v-achievements').boundingBox();
    expect(box!.width, 'the long text’s width at 1280 px').toBeGreaterThan(600);
    // Comfortable lines: not wider than about 90 characters.
    expect(box!.width).toBeLessThan(90 * 10);
    await reviewer.setViewportSize({ width: 360, height: 740 });
    const narrow = await reviewer.locator('#v-achievements').boundingBox();
    expect(narrow!.width).toBeGreaterThan(280);
    await reviewer.setViewportSize({ width: 1280, height: 900 });
    await expectAccessible(reviewer, 'review-page-4-long-text');
  });

  it('keeps a comment being written across the language switch, which reloads the page', async () => {
    await poll(() => reviewer.textContent('#report-name')).toBe('Hội Chữ thập đỏ huyện Lạc Sơn');
    await reviewer.fill('#a-score', '87');
    await reviewer.fill('#a-comment', 'Hoạt động nhân đạo nổi bật; đề nghị biểu dương.');
    await reviewer.fill('#r-comment', 'Xin bổ sung số liệu quỹ.');
    await Promise.all([reviewer.waitForEvent('load'), reviewer.click('#lang-switch')]);
    await poll(() => reviewer.getAttribute('html', 'lang')).toBe('en');
    await poll(() => reviewer.textContent('#report-name')).toBe('Hội Chữ thập đỏ huyện Lạc Sơn');
    await poll(() => reviewer.inputValue('#a-comment')).toBe('Hoạt động nhân đạo nổi bật; đề nghị biểu dương.');
    expect(await reviewer.inputValue('#a-score')).toBe('87');
    expect(await reviewer.inputValue('#r-comment')).toBe('Xin bổ sung số liệu quỹ.');
    // Kept for the reload only: nothing stays behind in the tab, and never the token.
    expect(await reviewer.evaluate(() => sessionStorage.getItem('tongket.typed'))).toBeNull();
    // And back to Vietnamese, still kept.
    await Promise.all([reviewer.waitForEvent('load'), reviewer.click('#lang-switch')]);
    await poll(() => reviewer.getAttribute('html', 'lang')).toBe('vi');
    await poll(() => reviewer.inputValue('#a-comment')).toBe('Hoạt động nhân đạo nổi bật; đề nghị biểu dương.');
    expect(web.problems).toEqual([]);
  });

  it('Back returns to the list with its filters, in the page and in the browser', async () => {
    await reviewer.click('#back');
    await poll(() => reviewer.isVisible('#list-view')).toBe(true);
    await reviewer.fill('#filter-q', 'nguoi cao');
    await reviewer.selectOption('#filter-status', 'submitted');
    await poll(() => rowNames(reviewer)).toEqual(['Hội Người cao tuổi huyện Lạc Sơn']);
    const listUrl = reviewer.url();
    expect(new URL(listUrl).searchParams.get('status')).toBe('submitted');
    await reviewer.click('li[data-code="LS-NCT"] a.name');
    await poll(() => reviewer.textContent('#report-name')).toBe('Hội Người cao tuổi huyện Lạc Sơn');
    await reviewer.goBack();
    await poll(() => reviewer.isVisible('#list-view')).toBe(true);
    expect(reviewer.url()).toBe(listUrl);
    expect(await reviewer.inputValue('#filter-q')).toBe('nguoi cao');
    expect(await reviewer.inputValue('#filter-status')).toBe('submitted');
    expect(await rowNames(reviewer)).toEqual(['Hội Người cao tuổi huyện Lạc Sơn']);
    await reviewer.goForward();
    await poll(() => reviewer.isVisible('#report-view')).toBe(true);
    await reviewer.click('#back');
    await poll(() => reviewer.isVisible('#list-view')).toBe(true);
    expect(reviewer.url()).toBe(listUrl);
    expect(await reviewer.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Hội Người cao tuổi huyện Lạc Sơn');
  });

  it('marks what changed since the returned version, and opens that earlier version', async () => {
    await reviewer.click('li[data-code="LS-NCT"] a.name');
    await poll(() => reviewer.isVisible('#changes')).toBe(true);
    expect(await reviewer.textContent('#show-changes-label')).toBe('Đánh dấu chỗ đã sửa so với phiên bản 1 (đã bị trả lại)');
    expect(await reviewer.textContent('#changes-summary')).toBe('Đã sửa 2 mục so với phiên bản 1: Số chi hội, cơ sở hội; Thành tích nổi bật.');
    expect(await reviewer.getAttribute('#row-branches', 'class')).toBe('changed');
    expect(await reviewer.textContent('#v-branches')).toBe('12Trước: 3');
    expect(await reviewer.getAttribute('#row-members', 'class')).toBeNull();
    expect(await reviewer.locator('#v-achievements ins').allTextContents()).toEqual(['[thêm] và câu lạc bộ thơ ', '[thêm] 420']);
    expect(await reviewer.locator('#v-achievements del').allTextContents()).toEqual(['[bỏ] 300']);
    await expectAccessible(reviewer, 'review-page-5-changes');

    await reviewer.uncheck('#show-changes');
    await poll(() => reviewer.locator('#report-fields .changed').count()).toBe(0);
    expect(new URL(reviewer.url()).searchParams.get('changes')).toBe('0');
    await reviewer.check('#show-changes');
    await poll(() => reviewer.locator('#report-fields .changed').count()).toBe(2);

    await reviewer.getByRole('button', { name: 'Xem phiên bản 1' }).click();
    await poll(() => reviewer.textContent('#content-title')).toBe('Nội dung báo cáo — phiên bản 1');
    expect(new URL(reviewer.url()).searchParams.get('v')).toBe('1');
    expect(await reviewer.textContent('#old-version-text')).toMatch(/^Đang xem phiên bản 1 \(bản cũ, nộp lúc 10\/12\/2020 \d\d:\d\d\)\. Phiên bản hiện tại là 2;/);
    expect(await reviewer.textContent('#v-branches')).toBe('3');
    expect(await reviewer.textContent('#v-achievements')).toBe('Câu lạc bộ dưỡng sinh cho 300 hội viên.');
    expect(await reviewer.isVisible('#approve-form')).toBe(false);
    expect(await reviewer.textContent('#nothing')).toContain('Đang xem bản cũ');
    await expectAccessible(reviewer, 'review-page-6-earlier-version');
    // The URL holds it: a reload shows the same version of the same report.
    await reviewer.reload();
    await poll(() => reviewer.textContent('#content-title')).toBe('Nội dung báo cáo — phiên bản 1');
    expect(await reviewer.textContent('#v-branches')).toBe('3');
    await reviewer.click('#current-version');
    await poll(() => reviewer.textContent('#content-title')).toBe('Nội dung báo cáo — phiên bản 2');
    expect(new URL(reviewer.url()).searchParams.get('v')).toBeNull();
    expect(await reviewer.isVisible('#approve-form')).toBe(true);
    // Back from the report still returns to the list, whatever version was read on the way.
    await reviewer.goBack();
    await poll(() => reviewer.isVisible('#list-view')).toBe(true);
  });

  it('a report’s link, sent to a colleague, opens that report after they sign in — with no token in any URL', async () => {
    await reviewer.click('li[data-code="LS-NCT"] a.name');
    await poll(() => reviewer.textContent('#report-name')).toBe('Hội Người cao tuổi huyện Lạc Sơn');
    expect(reviewer.url()).not.toContain('token');
    // The page's "copy the link" gives the report's own link, without this reviewer's filters.
    await web.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.url });
    await reviewer.click('#copy-link');
    await poll(() => reviewer.textContent('#notice')).toContain('Đã chép đường link');
    const link = (await reviewer.evaluate('navigator.clipboard.readText()')) as string;
    expect(link).toBe(`${stack.url}/review?year=2020&report=LS-NCT`);

    const colleague = await web.browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
    const urls: string[] = [];
    try {
      const page = await colleague.newPage();
      page.on('framenavigated', (frame) => urls.push(frame.url()));
      await page.goto(link);
      await poll(() => page.locator('#signin').isVisible()).toBe(true);
      await page.fill('#signin-token', await stack.token({ role: 'reviewer', unit: 'HB' }));
      await page.click('#signin-form button[type=submit]');
      await poll(() => page.textContent('#report-name')).toBe('Hội Người cao tuổi huyện Lạc Sơn');
      expect(await page.isVisible('#list-view')).toBe(false);
      expect(page.url()).toBe(link);
      // Their own Back goes to the list of their area, not out of the page.
      await page.click('#back');
      await poll(() => page.isVisible('#list-view')).toBe(true);
      await poll(() => page.textContent('#queue-count')).toMatch(/^69 báo cáo/);
      expect([...urls, page.url()].some((u) => u.includes('token'))).toBe(false);
    } finally {
      await colleague.close();
    }
    expect(web.problems).toEqual([]);
  });
});
