// The people's pages in a real browser (Debian's chromium, playwright-core) against the real
// embedded stack: the province opens the cycle and imports the registry, an association
// submits through its form, a reviewer returns it, the association corrects it, the reviewer
// approves it (after a stale 409), the province closes and downloads the PDF. axe-core runs on
// every page in each main state; screenshots at 360 px and 1280 px go to test-results/.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sheetsAsCsv, toPdf } from '../support/libreoffice.ts';
import { pdfPages } from '../support/pdf-text.ts';
import { closeAndWait, HOA_BINH_UNITS, seedCycle, THREE_TIER_ASSOCIATIONS, THREE_TIER_UNITS } from '../support/cycle.ts';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { axe, horizontalOverflow, openBrowser, screenshots, type Browsing } from './support.ts';

const UNITS = HOA_BINH_UNITS;
const ASSOCIATIONS = `code,name,unit_code,special,founded_on,dissolved_on
HB-CTD,Hội Chữ thập đỏ tỉnh Hòa Bình,HB,true,1995-05-08,
LS-NCT,Hội Người cao tuổi huyện Lạc Sơn,HB-LS,false,2001-03-01,
VL-KH,Hội Khuyến học xã Vũ Lâm,HB-LS-VL,false,2020-04-02,
TM-CCB,Hội Cựu chiến binh xã Tân Mỹ,HB-LS-TM,false,2005-01-01,
KB-DY,Hội Đông y huyện Kim Bôi,HB-KB,false,2010-01-01,
`;
const BROKEN_ASSOCIATIONS = `${ASSOCIATIONS}BAD,Hội Sai,HB,maybe,2020-02-30,\n`;

/** Waits for what the page shows, polling: the browser and the stack answer at their own pace. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });

const file = (name: string, text: string) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });

describe('the people’s pages in a browser', () => {
  let stack: TestStack;
  let web: Browsing;
  let province: Page;
  let reviewer: Page;
  let association: Page;
  let tokens: { province: string; reviewer: string; association: string };

  const expectAccessible = async (page: Page, state: string) => {
    expect(await axe(page), `axe on ${state}`).toEqual([]);
    expect(await horizontalOverflow(page), `horizontal scroll at 360 px on ${state}`).toBeLessThanOrEqual(0);
    await screenshots(page, state);
  };

  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2020-12-10T02:00:00Z' });
    tokens = {
      province: await stack.token({ role: 'province', unit: 'HB' }),
      reviewer: await stack.token({ role: 'reviewer', unit: 'HB-LS' }),
      association: await stack.token({ role: 'association', association: 'LS-NCT' }),
    };
    web = await openBrowser(stack.url);
    province = await web.context.newPage();
    reviewer = await web.context.newPage();
    association = await web.context.newPage();
  });
  afterAll(async () => {
    await web?.close();
    await stack?.cleanup();
  });

  it('province: opens the cycle from the page, with the server’s field errors next to the fields', async () => {
    await province.goto(`${stack.url}/province?year=2020&token=${tokens.province}`);
    await poll(() => province.locator('#open-form').isVisible()).toBe(true);
    expect(new URL(province.url()).search).toBe('?year=2020');
    expect(await province.inputValue('#o-year')).toBe('2020');
    await expectAccessible(province, 'province-1-open-cycle');

    await province.fill('#o-issuer', 'ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH\nSỞ NỘI VỤ');
    await province.fill('#o-documentNumber', 'Số 12/BC-SNV');
    await province.fill('#o-place', 'Hòa Bình');
    await province.fill('[id="o-commendation.minScore"]', '150');
    await province.click('#open-form button[type=submit]');
    const error = province.locator('[id="e-o-commendation.minScore"]');
    await poll(() => error.textContent()).toMatch(/Điểm tối thiểu/);
    expect(await province.getAttribute('[id="o-commendation.minScore"]', 'aria-invalid')).toBe('true');
    await expectAccessible(province, 'province-2-open-cycle-errors');

    await province.fill('[id="o-commendation.minScore"]', '90');
    await province.click('#open-form button[type=submit]');
    await poll(() => province.locator('#dashboard').isVisible()).toBe(true);
    expect(await province.textContent('#notice')).toContain('Đã mở kỳ báo cáo năm 2020');
  });

  it('province: a broken registry is refused with every problem by file and line; a good one is imported', async () => {
    await province.setInputFiles('#g-units', file('units.csv', UNITS));
    await province.setInputFiles('#g-associations', file('associations.csv', BROKEN_ASSOCIATIONS));
    await province.click('#registry-form button[type=submit]');
    const result = province.locator('#registry-result');
    await poll(() => result.textContent()).toMatch(/associations\.csv, dòng 7: /);
    expect(await result.getAttribute('class')).toContain('alert-error');
    await province.locator('#registry').scrollIntoViewIfNeeded();
    await expectAccessible(province, 'province-3-registry-errors');

    await province.setInputFiles('#g-associations', file('associations.csv', ASSOCIATIONS));
    await province.click('#registry-form button[type=submit]');
    // A dry run first (what would change), then the import itself.
    await poll(() => province.locator('#registry-preview').isVisible()).toBe(true);
    expect(await province.textContent('#preview-changes')).toContain('Hội thêm mới: 5');
    await province.click('#confirm-import');
    await poll(() => result.textContent()).toContain('Đã nhập 6 đơn vị và 5 hội; 5 hội phải báo cáo năm 2020.');
    await poll(() => province.textContent('#n-expected')).toBe('5');
    expect(await province.locator('#completeness-body tr').count()).toBe(6);
  });

  it('association: opens its link and submits through the form', async () => {
    await association.goto(`${stack.url}/?year=2020&token=${tokens.association}`);
    await poll(() => association.locator('#report-form').isVisible()).toBe(true);
    await expectAccessible(association, 'form-1-empty');
    await association.fill('#f-members', '1200');
    await association.fill('#f-newMembers', '40');
    await association.selectOption('#f-selfRating', 'excellent');
    await association.check('#f-nominate');
    await association.fill('#f-achievements', 'Câu lạc bộ dưỡng sinh cho 300 hội viên.');
    await association.fill('#f-submittedBy', 'Bùi Văn Hùng, Chủ tịch Hội');
    await association.click('#submit-button');
    await poll(() => association.textContent('#notice')).toContain('Đã nộp phiên bản 1');
    await expectAccessible(association, 'form-2-submitted');
  });

  it('reviewer: sees the area’s queue and completeness, opens the report, returns it with a comment', async () => {
    await reviewer.goto(`${stack.url}/review?year=2020&token=${tokens.reviewer}`);
    const items = reviewer.locator('#queue-list li');
    await poll(() => items.count()).toBe(3); // Lạc Sơn: the district's association and its communes'
    expect(await reviewer.textContent('#area')).toBe('Địa bàn: Huyện Lạc Sơn');
    expect(await reviewer.locator('#filter-unit option').allTextContents()).toEqual(['Huyện Lạc Sơn', '\u00a0\u00a0\u00a0\u00a0Xã Tân Mỹ', '\u00a0\u00a0\u00a0\u00a0Xã Vũ Lâm']);
    expect(await reviewer.locator('#completeness-body tr').first().textContent()).toBe('Huyện Lạc Sơn' + '3' + '1' + '0' + '0' + '2' + '0');
    await expectAccessible(reviewer, 'review-1-queue');

    await reviewer.selectOption('#filter-status', 'submitted'); // applies at once
    await poll(() => items.count()).toBe(1);
    await reviewer.getByRole('link', { name: 'Hội Người cao tuổi huyện Lạc Sơn' }).click();
    await poll(() => reviewer.locator('#report-view').isVisible()).toBe(true);
    expect(await reviewer.textContent('#report-fields')).toContain('Số hội viên (đến 31/12)1.200');
    expect(await reviewer.inputValue('#a-rating')).toBe('excellent');
    await expectAccessible(reviewer, 'review-2-report');

    await reviewer.click('#return-form button[type=submit]');
    await poll(() => reviewer.textContent('#e-r-comment')).toBe('Nhập nhận xét.');
    await reviewer.fill('#r-comment', 'Bổ sung số chi hội, cơ sở hội.');
    await reviewer.click('#return-form button[type=submit]');
    await poll(() => reviewer.textContent('#notice')).toContain('Đã trả lại báo cáo của Hội Người cao tuổi huyện Lạc Sơn');
    expect(await reviewer.textContent('#history-list')).toContain('Nhận xét: Bổ sung số chi hội, cơ sở hội.');
  });

  it('association: reloads, sees the comment, corrects and resubmits', async () => {
    await association.reload();
    await poll(() => association.textContent('#comment-text')).toBe('Bổ sung số chi hội, cơ sở hội.');
    await screenshots(association, 'form-3-returned');
    expect(await axe(association)).toEqual([]);
    await association.fill('#f-branches', '12');
    await association.click('#submit-button');
    await poll(() => association.textContent('#notice')).toContain('Đã nộp phiên bản 2');
  });

  it('reviewer: a decision on a stale version is refused with a reload; then approves with a score', async () => {
    await reviewer.click('#back');
    await poll(() => reviewer.inputValue('#filter-status')).toBe('submitted'); // the list as it was left
    await reviewer.selectOption('#filter-status', '');
    await reviewer.getByRole('link', { name: 'Hội Người cao tuổi huyện Lạc Sơn' }).click();
    await poll(() => reviewer.textContent('#decide-title')).toBe('Quyết định duyệt phiên bản 2');
    // The association sends a third version while the reviewer reads the second.
    const third = await stack.request('PUT', '/cycles/2020/reports/LS-NCT', {
      token: tokens.association,
      json: { members: 1200, newMembers: 40, branches: 12, selfRating: 'excellent', nominate: true, achievements: 'Câu lạc bộ dưỡng sinh.', submittedBy: 'Bùi Văn Hùng' },
    });
    expect(third.json.version).toBe(3);
    await reviewer.fill('#a-score', '95');
    await reviewer.click('#approve-form button[type=submit]');
    await poll(() => reviewer.textContent('#alert')).toContain('Báo cáo đã thay đổi từ lúc bạn mở');
    await expectAccessible(reviewer, 'review-3-stale');
    await reviewer.click('#reload');
    await poll(() => reviewer.textContent('#decide-title')).toBe('Quyết định duyệt phiên bản 3');
    await reviewer.fill('#a-score', '101');
    await reviewer.click('#approve-form button[type=submit]');
    await poll(() => reviewer.textContent('#e-a-score')).toContain('0 đến 100');
    await reviewer.fill('#a-score', '95');
    await reviewer.click('#approve-form button[type=submit]');
    await poll(() => reviewer.textContent('#notice')).toContain('Đã duyệt báo cáo của Hội Người cao tuổi huyện Lạc Sơn (phiên bản 3)');
    expect(await reviewer.textContent('#report-facts')).toContain('Điểm 95 · Xếp loại: Hoàn thành xuất sắc nhiệm vụ');
    expect(await reviewer.isVisible('#reopen-form')).toBe(true);
    await expectAccessible(reviewer, 'review-4-approved');
  });

  it('reviewer: downloads the area’s workbook while the cycle is open, its own associations only', async () => {
    await reviewer.click('#back');
    await poll(() => reviewer.isVisible('#workbook-download')).toBe(true);
    expect(await reviewer.isVisible('#report-files')).toBe(false); // nothing published yet
    const [download] = await Promise.all([reviewer.waitForEvent('download'), reviewer.click('#workbook-download')]);
    expect(download.suggestedFilename()).toBe('tong-hop-2020-HB-LS.xlsx');
    const sheets = (await sheetsAsCsv({ 'area.xlsx': readFileSync(await download.path()) }))['area.xlsx']!;
    expect(Object.keys(sheets)).toEqual(expect.arrayContaining(['Tổng hợp', 'Đơn vị', 'Báo cáo']));
    const codes = sheets['Báo cáo']!.map((row) => row[0]).filter((code) => /^[A-Z]+-[A-Z]+$/.test(code ?? ''));
    expect(codes.sort()).toEqual(['LS-NCT', 'TM-CCB', 'VL-KH']);
    expect(sheets['Báo cáo']!.flat().join(' ')).toContain('Hội Người cao tuổi huyện Lạc Sơn');
  }, 120_000);

  it('province: closes, watches the steps to published, downloads the PDF with the province’s totals', async () => {
    // One more approved report, at province level, through the API.
    const ctd = await stack.token({ role: 'association', association: 'HB-CTD' });
    const sent = await stack.request('PUT', '/cycles/2020/reports/HB-CTD', { token: ctd, json: { members: 5400, selfRating: 'good', submittedBy: 'Nguyễn Thị Lan' } });
    await stack.request('POST', '/cycles/2020/reports/HB-CTD/review', { token: tokens.province, json: { decision: 'approve', version: sent.json.version, score: 88 } });

    await province.reload();
    await poll(() => province.textContent('#n-approved')).toBe('2');
    expect(await province.locator('#chart li').count()).toBe(3); // the province and its two districts
    await expectAccessible(province, 'province-4-dashboard');

    await province.click('#close-button');
    expect(await province.textContent('#confirm-text')).toContain('Còn 3 hội chưa nộp');
    await province.click('#confirm-close');
    await poll(() => province.locator('#steps li').count()).toBe(6);
    await expect.poll(() => province.textContent('#cycle-status'), { timeout: 60_000, interval: 250 }).toBe('Đã công bố');
    expect(await province.locator('#steps li.done').count()).toBe(6);
    expect(await province.textContent('#notice')).toContain('Đã công bố lần 1');
    await expectAccessible(province, 'province-5-published');

    const [download] = await Promise.all([province.waitForEvent('download'), province.click('button[data-kind="dlPdf"][data-revision="1"]')]);
    expect(download.suggestedFilename()).toBe('bao-cao-2020-r1.pdf');
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await pdfPages(bytes)).join('\n').replace(/\s+/g, ' ');
    expect(text).toMatch(/toàn tỉnh có 0?5 tổ chức Hội, trong đó:/);
    expect(text).toMatch(/Theo báo cáo của 0?2 hội đã được duyệt \(trên 0?5 hội phải báo cáo\), các Hội có 6\.600 hội viên\./);
    expect(text).toContain('Huyện Lạc Sơn');
    expect(text).toContain('Huyện Kim Bôi');

    const [csv] = await Promise.all([province.waitForEvent('download'), province.click('button[data-kind="dlCsv"][data-revision="1"]')]);
    expect(readFileSync(await csv.path()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [json] = await Promise.all([province.waitForEvent('download'), province.click('button[data-kind="dlJson"][data-revision="1"]')]);
    expect(JSON.parse(readFileSync(await json.path(), 'utf8'))).toMatchObject({ year: 2020, revision: 1, figures: { members: 6600 } });

    // The same report as a Word file, read back by LibreOffice, says what the PDF says.
    const [docx] = await Promise.all([province.waitForEvent('download'), province.click('button[data-kind="dlDocx"][data-revision="1"]')]);
    expect(docx.suggestedFilename()).toBe('bao-cao-2020-r1.docx');
    const word = (await pdfPages((await toPdf({ 'r1.docx': readFileSync(await docx.path()) }))['r1.docx']!)).join('\n').replace(/\s+/g, ' ');
    expect(word).toMatch(/Theo báo cáo của 0?2 hội đã được duyệt \(trên 0?5 hội phải báo cáo\), các Hội có 6\.600 hội viên\./);
    expect(word).toContain('Huyện Kim Bôi');

    // The whole province's workbook, now with the commended list.
    expect(await province.isVisible('#workbook-download')).toBe(true);
    const [workbook] = await Promise.all([province.waitForEvent('download'), province.click('#workbook-download')]);
    expect(workbook.suggestedFilename()).toBe('tong-hop-2020.xlsx');
    const sheets = (await sheetsAsCsv({ 'all.xlsx': readFileSync(await workbook.path()) }))['all.xlsx']!;
    expect(Object.keys(sheets)).toEqual(expect.arrayContaining(['Tổng hợp', 'Đơn vị', 'Báo cáo', 'Khen thưởng']));
    expect(sheets['Báo cáo']!.map((row) => row[0])).toEqual(expect.arrayContaining(['HB-CTD', 'LS-NCT', 'VL-KH', 'TM-CCB', 'KB-DY']));
  }, 180_000);

  it('reviewer: once published, downloads the published report as PDF and as Word', async () => {
    await reviewer.reload();
    await poll(() => reviewer.isVisible('#report-files')).toBe(true);
    expect(await reviewer.textContent('#report-files-line')).toBe('Báo cáo tổng kết năm 2020 đã công bố (lần 1):');
    const [pdf] = await Promise.all([reviewer.waitForEvent('download'), reviewer.click('#report-pdf')]);
    expect(pdf.suggestedFilename()).toBe('bao-cao-2020-r1.pdf');
    expect(readFileSync(await pdf.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const [docx] = await Promise.all([reviewer.waitForEvent('download'), reviewer.click('#report-docx')]);
    expect(docx.suggestedFilename()).toBe('bao-cao-2020-r1.docx');
    expect(readFileSync(await docx.path()).subarray(0, 2).toString('latin1')).toBe('PK');
    await expectAccessible(reviewer, 'review-5-published');
  }, 60_000);

  it('province: lists the period reviews; one over the published year shows its status and downloads its PDF', async () => {
    await province.reload();
    await poll(() => province.locator('#no-periods').isVisible()).toBe(true);
    expect(await province.textContent('#no-periods')).toBe('Chưa có kỳ sơ kết, tổng kết nào.');
    const created = await stack.request('POST', '/periods', { token: tokens.province, json: { code: 'SK-2020', from: 2019, to: 2020, title: 'Sơ kết 02 năm' } });
    expect(created.status, created.text).toBe(201);
    expect((await stack.request('POST', '/periods/SK-2020/close', { token: tokens.province })).status).toBe(202);
    await expect
      .poll(async () => (await stack.request('GET', '/periods/SK-2020', { token: tokens.province })).json?.status, { timeout: 60_000, interval: 250 })
      .toBe('published');

    await province.reload();
    const row = province.locator('#periods-list li[data-period="SK-2020"]');
    await poll(() => row.locator('.badge').textContent()).toBe('Đã công bố');
    expect(await row.locator('.rev').textContent()).toBe('Sơ kết 02 năm (2019–2020)');
    expect(await province.locator('#no-periods').isVisible()).toBe(false);
    await expectAccessible(province, 'province-5b-periods');
    const [download] = await Promise.all([province.waitForEvent('download'), row.locator('button[data-kind="dlPdf"]').click()]);
    expect(download.suggestedFilename()).toBe('bao-cao-SK-2020-r1.pdf');
    expect(readFileSync(await download.path()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 120_000);

  it('province: reopens one report after close; the cycle is open again for it', async () => {
    await province.fill('#p-association', 'LS-NCT');
    await province.click('#reopen-form button[type=submit]');
    await poll(() => province.textContent('#e-p-comment')).toBe('Nhập lý do.');
    await province.fill('#p-comment', 'Sửa số hội viên theo rà soát cuối năm.');
    await province.click('#reopen-form button[type=submit]');
    await poll(() => province.textContent('#notice')).toContain('Đã mở lại báo cáo của Hội Người cao tuổi huyện Lạc Sơn');
    expect(await province.textContent('#cycle-status')).toBe('Đang mở');
    expect(await province.textContent('#reopened-line')).toContain('LS-NCT');
    expect(await province.locator('#downloads li').count()).toBe(1);
    await expectAccessible(province, 'province-6-reopened');
  });

  it('province: reads the draft of a close awaiting sign-off, changes the signer, and publishes', async () => {
    await seedCycle(stack, {
      year: 2021,
      province: 'HB',
      units: UNITS,
      associations: ASSOCIATIONS,
      config: { signOff: true, issuer: ['TỈNH ỦY HÒA BÌNH', 'BAN DÂN VẬN'], reportDate: '2021-12-20' },
      reports: [{ association: 'HB-CTD', members: 5400, score: 95 }],
    });
    expect((await stack.request('POST', '/cycles/2021/close', { token: tokens.province })).status).toBe(202);
    await stack.waitForStatus(2021, tokens.province, ['draft']);
    const page = await web.context.newPage();
    await page.goto(`${stack.url}/province?year=2021&token=${tokens.province}`);
    await poll(() => page.locator('#signoff').isVisible()).toBe(true);
    await poll(() => page.locator('#draft-downloads button').count()).toBe(4);
    expect(await page.textContent('#cycle-status')).toBe('Dự thảo chờ ban hành');
    expect(await page.isVisible('#workbook-line')).toBe(false); // the workbook waits for a published revision
    await expectAccessible(page, 'province-7-draft');

    const [draft] = await Promise.all([page.waitForEvent('download'), page.click('button[data-kind="dlDraftPdf"]')]);
    expect(draft.suggestedFilename()).toMatch(/^du-thao-bao-cao-2021(-r1)?\.pdf$/u);
    expect((await pdfPages(readFileSync(await draft.path()))).every((p) => p.includes('DỰ THẢO'))).toBe(true);
    const [draftWord] = await Promise.all([page.waitForEvent('download'), page.click('button[data-kind="dlDraftDocx"]')]);
    expect(draftWord.suggestedFilename()).toMatch(/^du-thao-bao-cao-2021(-r1)?\.docx$/u);
    expect(readFileSync(await draftWord.path()).subarray(0, 2).toString('latin1')).toBe('PK');

    await page.fill('#d-documentNumber', 'Số 31-BC/BDVTU');
    await page.fill('#d-signer\\.lines', 'K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN');
    await page.fill('#d-signer\\.name', 'Bùi Văn Cửu');
    await page.click('#document-form button[type=submit]');
    await expect.poll(async () => (await stack.request('GET', '/cycles/2021', { token: tokens.province })).json.draftRevision, { timeout: 60_000, interval: 250 }).toBe(2);
    await poll(() => page.locator('#draft-downloads button').count()).toBe(4);
    const [second] = await Promise.all([page.waitForEvent('download'), page.click('button[data-kind="dlDraftPdf"]')]);
    const text = (await pdfPages(readFileSync(await second.path()))).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Số 31-BC/BDVTU');
    expect(text).toMatch(/K\/T TRƯỞNG BAN PHÓ TRƯỞNG BAN.*Bùi Văn Cửu/u);

    await page.click('#publish-button');
    await page.click('#confirm-publish-yes');
    await expect.poll(() => page.textContent('#cycle-status'), { timeout: 60_000, interval: 250 }).toBe('Đã công bố');
    expect(await page.locator('#signoff').isVisible()).toBe(false);
    await expectAccessible(page, 'province-8-published-after-sign-off');
    await page.close();
  }, 180_000);

  it('asks for the token when the link has none, and the pages never broke their CSP or went outside', async () => {
    const page = await web.context.newPage();
    await page.goto(`${stack.url}/review?year=2020`);
    await poll(() => page.locator('#signin').isVisible()).toBe(true);
    await expectAccessible(page, 'review-0-signin');
    await page.fill('#signin-token', tokens.reviewer);
    await page.click('#signin-form button[type=submit]');
    await poll(() => page.locator('#queue-list li').count()).toBe(3);
    await page.close();
    expect(web.problems).toEqual([]);
  });
});

describe('Vietnamese first: an English browser gets Vietnamese, the switch gives English, remembered', () => {
  let stack: TestStack;
  let web: Browsing;
  beforeAll(async () => {
    stack = await startTestStack();
    web = await openBrowser(stack.url, { locale: 'en-GB' });
  });
  afterAll(async () => {
    await web?.close();
    await stack?.cleanup();
  });

  /** The Accept-Language of every API request the page made (the pages' own fetch, not navigations). */
  const apiLanguages = (page: Page): string[] => {
    const seen: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'fetch' && new URL(r.url()).pathname.startsWith('/cycles')) seen.push(r.headers()['accept-language'] ?? '(none)');
    });
    return seen;
  };

  it('shows the pages in Vietnamese whatever the browser says; the switch gives English, kept across reloads and pages, with the API’s errors in the language chosen', async () => {
    const token = await stack.token({ role: 'province', unit: 'X' });
    const page = await web.context.newPage();
    const languages = apiLanguages(page);
    // The browser asks for English (navigator.languages, and its own Accept-Language).
    expect(await page.evaluate('navigator.languages[0]')).toBe('en-GB');
    await page.goto(`${stack.url}/province?year=2031&token=${token}`);
    await poll(() => page.locator('#open-form').isVisible()).toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
    expect(await page.textContent('#open-form button[type=submit]')).toBe('Mở kỳ báo cáo');
    const toggle = page.locator('#lang-switch');
    expect(await toggle.textContent()).toBe('English');
    expect(await toggle.getAttribute('lang')).toBe('en');
    expect(await toggle.isVisible()).toBe(true);
    // The API's error, asked in Vietnamese.
    await page.fill('#o-deadline', '2040-01-01');
    await page.click('#open-form button[type=submit]');
    await poll(() => page.textContent('#e-o-deadline')).toBe('Hạn nộp phải trong khoảng từ 01/01/2031 đến 30/06/2032');
    expect(languages.length).toBeGreaterThan(0);
    expect(new Set(languages)).toEqual(new Set(['vi']));
    languages.length = 0;

    await Promise.all([page.waitForEvent('load'), toggle.click()]);
    await poll(() => page.getAttribute('html', 'lang')).toBe('en');
    await poll(() => page.locator('#open-form').isVisible()).toBe(true);
    expect(await page.textContent('#open-form button[type=submit]')).toBe('Open the cycle');
    // What was typed is still there after the switch's reload.
    expect(await page.inputValue('#o-deadline')).toBe('2040-01-01');
    expect(await toggle.textContent()).toBe('Tiếng Việt');
    expect(await toggle.getAttribute('lang')).toBe('vi');
    // Remembered on the device: a reload stays English (the token came back from storage).
    await page.reload();
    await poll(() => page.locator('#open-form').isVisible()).toBe(true);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#open-form button[type=submit]')).toBe('Open the cycle');
    // The API's error, now asked in English.
    await page.fill('#o-deadline', '2040-01-01');
    await page.click('#open-form button[type=submit]');
    await poll(() => page.textContent('#e-o-deadline')).toBe('deadline must be between 2031-01-01 and 2032-06-30');
    expect(new Set(languages)).toEqual(new Set(['en']));
    expect(await axe(page)).toEqual([]);
    await screenshots(page, 'province-en');

    // The other pages follow the choice without being asked again.
    const review = await web.context.newPage();
    await review.goto(`${stack.url}/review`);
    await poll(() => review.textContent('#signin-title')).toBe('Enter your access token');
    const form = await web.context.newPage();
    await form.goto(`${stack.url}/`);
    // No token: the "lost link" panel (issue 18), not an error.
    await poll(() => form.textContent('#lost-title')).toBe('Open your association’s report');
    expect(await form.textContent('h1')).toBe('Annual report');
    expect(await form.textContent('label[for="f-members"]')).toContain('Members (as of 31 December)');

    // And back: Vietnamese again, everywhere.
    await Promise.all([form.waitForEvent('load'), form.locator('#lang-switch').click()]);
    await poll(() => form.textContent('#lost-title')).toBe('Mở báo cáo của hội');
    expect(await form.getAttribute('html', 'lang')).toBe('vi');
    expect(await form.textContent('#lang-switch')).toBe('English');
    await review.reload();
    await poll(() => review.textContent('#signin-title')).toBe('Nhập mã truy cập');
    expect(web.problems).toEqual([]);
  });
});

describe('downloads as on AWS: short-lived S3 links (the embedded stack in presign mode)', () => {
  let stack: TestStack;
  let web: Browsing;
  let s3Origin: string;
  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2022-12-01T02:00:00Z', downloads: 'presign' });
    s3Origin = new URL(process.env.S3_ENDPOINT!).origin;
    web = await openBrowser(stack.url, { alsoAllowed: [s3Origin] });
  });
  afterAll(async () => {
    await web?.close();
    await stack?.cleanup();
  });

  it('the province page downloads the PDF, the CSV, the Word report and the workbook through presigned links, under the same CSP', async () => {
    const province = await seedCycle(stack, {
      year: 2022,
      province: 'DB',
      units: THREE_TIER_UNITS,
      associations: THREE_TIER_ASSOCIATIONS,
      reports: [
        { association: 'DB-CTD', members: 21000, score: 96 },
        { association: 'MN-NCT', members: 3100, score: 95 },
      ],
    });
    expect(await closeAndWait(stack, 2022, province)).toMatchObject({ status: 'published', revision: 1 });
    // The API as the page's fetch() meets it: a redirect to S3 it may not follow, or the link as JSON.
    const redirect = await stack.request('GET', '/cycles/2022/report.pdf', { token: province });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toMatch(new RegExp(`^${s3Origin}/.*X-Amz-Signature=`));
    const asLink = await stack.request('GET', '/cycles/2022/report.pdf?link=1', { token: province });
    expect(asLink.status).toBe(200);
    expect(asLink.json).toMatchObject({ link: { filename: 'bao-cao-2022-r1.pdf', expiresInSeconds: 300 } });
    const badLink = await stack.request('GET', '/cycles/2022/report.pdf?link=yes', { token: province });
    expect(badLink.status).toBe(422);
    expect(badLink.json).toMatchObject({ error: { code: 'validation_failed', fields: { link: expect.any(String) } } });

    const page = await web.context.newPage();
    await page.goto(`${stack.url}/province?year=2022&token=${province}`);
    await poll(() => page.textContent('#cycle-status')).toBe('Đã công bố');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('button[data-kind="dlPdf"][data-revision="1"]')]);
    // Fetched by the browser from S3 itself, with the signature, not through the API.
    expect(download.url().startsWith(`${s3Origin}/`)).toBe(true);
    expect(download.url()).toContain('X-Amz-Signature=');
    expect(download.suggestedFilename()).toBe('bao-cao-2022-r1.pdf');
    const bytes = readFileSync(await download.path());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect((await pdfPages(bytes)).join('\n')).toContain('Huyện Mường Nhé');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('button[data-kind="dlCsv"][data-revision="1"]')]);
    expect(csv.url().startsWith(`${s3Origin}/`)).toBe(true);
    expect(csv.suggestedFilename()).toBe('khen-thuong-2022-r1.csv');
    expect(readFileSync(await csv.path()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    // The office's files too: the Word report and the workbook (built on request, stored under exports/).
    const [docx] = await Promise.all([page.waitForEvent('download'), page.click('button[data-kind="dlDocx"][data-revision="1"]')]);
    expect(docx.url().startsWith(`${s3Origin}/`)).toBe(true);
    expect(docx.suggestedFilename()).toBe('bao-cao-2022-r1.docx');
    const [workbook] = await Promise.all([page.waitForEvent('download'), page.click('#workbook-download')]);
    expect(workbook.url().startsWith(`${s3Origin}/`)).toBe(true);
    expect(workbook.suggestedFilename()).toBe('tong-hop-2022.xlsx');
    expect(readFileSync(await workbook.path()).subarray(0, 2).toString('latin1')).toBe('PK');
    // The page stayed where it was, and nothing broke its CSP.
    expect(new URL(page.url()).origin).toBe(new URL(stack.url).origin);
    await poll(() => page.textContent('#notice')).toContain('Đã tải tong-hop-2022.xlsx');
    expect(web.problems).toEqual([]);
  }, 180_000);
});
