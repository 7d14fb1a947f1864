// The report in the official format (SPEC section 6): Hướng dẫn 36-HD/VPTW for a Party issuer,
// Nghị định 30/2020/NĐ-CP Phụ lục I for a State one — sizes, positions and words measured in
// the PDF itself with pdfjs-dist, for a Party province of three tiers, a State district root
// and a State city of two tiers (2025).
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReportDocument } from '../../shared/domain/types.ts';
import { renderReportPdf } from '../../shared/pdf/report-pdf.ts';
import { horizontalRules, pdfPages, placedText, type PlacedText } from '../support/pdf-text.ts';
import { partyProvinceDocument, stateCity2025Document, stateDistrictDocument } from '../support/report-documents.ts';

const MM = 72 / 25.4;
const TOP_MARGIN = 20 * MM;
const LEFT = 30 * MM;
const RIGHT = 15 * MM;

interface Rendered {
  pdf: Buffer;
  pages: Awaited<ReturnType<typeof placedText>>;
  text: string;
  all: PlacedText[];
}

async function render(doc: ReportDocument, name: string): Promise<Rendered> {
  const pdf = await renderReportPdf(doc);
  if (process.env.REPORT_PDF_OUT) writeFileSync(`${process.env.REPORT_PDF_OUT}.${name}.pdf`, pdf);
  const pages = await placedText(pdf);
  const text = (await pdfPages(pdf)).join('\n').replace(/\s+/gu, ' ');
  return { pdf, pages, text, all: pages.flatMap((p) => p.items) };
}

/** The one run whose text is exactly `str` (on any page). */
function find(r: Rendered, str: string): PlacedText {
  const hits = r.all.filter((i) => i.str.trim() === str);
  expect(hits, `"${str}" printed once`).toHaveLength(1);
  return hits[0]!;
}

const centre = (i: PlacedText): number => i.x + i.width / 2;

/** Page numbers: none on page 1; from page 2 the bare number, centred in the top margin. */
function expectPageNumbers(r: Rendered, size: number): void {
  expect(r.pages.length).toBeGreaterThan(1);
  const inTopMargin = (p: Rendered['pages'][number]) => p.items.filter((i) => i.y < TOP_MARGIN);
  expect(inTopMargin(r.pages[0]!)).toEqual([]);
  r.pages.slice(1).forEach((page, k) => {
    const numbers = inTopMargin(page).filter((i) => /^\d+$/u.test(i.str.trim()));
    expect(numbers.map((i) => i.str.trim())).toEqual([String(k + 2)]);
    const n = numbers[0]!;
    expect(n.size).toBe(size);
    expect(Math.abs(centre(n) - (LEFT + (page.width - LEFT - RIGHT) / 2))).toBeLessThan(1);
  });
  expect(r.text).not.toMatch(/Trang \d/u);
}

describe('the Party format (Hướng dẫn 36-HD/VPTW): Lai Châu 2020, three tiers', () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(partyProvinceDocument(), 'party');
  });

  it('keeps every line inside the margins, a long table title wrapped rather than run out', () => {
    for (const page of r.pages) {
      for (const item of page.items) {
        expect(item.x, item.str).toBeGreaterThanOrEqual(LEFT - 0.5);
        expect(item.x + item.width, item.str).toBeLessThanOrEqual(page.width - RIGHT + 0.5);
      }
    }
    expect(r.text).toContain('Bảng 1. Tổ chức Hội và hội viên theo cấp (hội viên theo các báo cáo đã được duyệt)');
  });

  it('prints the header, title and body at the sizes the format prescribes', () => {
    expect(find(r, 'ĐẢNG CỘNG SẢN VIỆT NAM').size).toBe(15);
    expect(find(r, 'TỈNH ỦY LAI CHÂU').size).toBe(14);
    expect(find(r, 'BAN DÂN VẬN').size).toBe(14);
    expect(find(r, 'Số 25-BC/BDVTU').size).toBe(14);
    expect(find(r, 'Lai Châu, ngày 18 tháng 12 năm 2020').size).toBe(14);
    const title = find(r, 'BÁO CÁO');
    expect(title.size).toBeGreaterThanOrEqual(15);
    expect(title.size).toBeLessThanOrEqual(16);
    const subject = find(r, 'Tổng kết công tác Hội quần chúng năm 2020');
    // Five dashes under the subject, centred.
    const dashes = find(r, '-----');
    expect(dashes.y).toBeGreaterThan(subject.y);
    expect(Math.abs(centre(dashes) - centre(subject))).toBeLessThan(1);
    const body = r.all.find((i) => i.str.startsWith('Năm 2020, toàn tỉnh có 79'))!;
    expect(body.size).toBe(14);
    // The star under the issuer.
    expect(find(r, '*').y).toBeGreaterThan(find(r, 'BAN DÂN VẬN').y);
  });

  it('numbers the pages at the top centre from page 2, at 14 pt', () => {
    expectPageNumbers(r, 14);
  });

  it('says "toàn tỉnh", names the levels by their unit types, and writes the sections the officer wrote in their places', () => {
    expect(r.text).toContain('Năm 2020, toàn tỉnh có 79 tổ chức Hội, trong đó: Hội có phạm vi hoạt động cấp tỉnh: 24 tổ chức; Hội có phạm vi hoạt động cấp huyện, thành phố: 55 tổ chức. Theo báo cáo của 78 hội đã được duyệt (trên 79 hội phải báo cáo), các Hội có 123.949 hội viên.');
    const order = [
      'I. TÌNH HÌNH CHUNG',
      'II. KẾT QUẢ NỔI BẬT',
      'Các Hội đã bám sát nhiệm vụ chính trị',
      'Nhiều mô hình hay được nhân rộng.',
      'Bảng 2. Kết quả đánh giá, xếp loại các Hội',
      'III. CÔNG TÁC BÁO CÁO',
      'IV. HẠN CHẾ, NGUYÊN NHÂN',
      'Nguyên nhân: cán bộ Hội kiêm nhiệm',
      'V. KHEN THƯỞNG',
      'VI. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2021',
      'VII. KIẾN NGHỊ, ĐỀ XUẤT',
      'Đề nghị Ủy ban nhân dân tỉnh quan tâm',
      'Kiến nghị, đề xuất của 02 Hội được tổng hợp tại Phụ lục II kèm theo báo cáo này.',
      'Trên đây là báo cáo tổng kết công tác Hội quần chúng năm 2020./.',
    ].map((s) => r.text.indexOf(s));
    expect(order.every((i) => i >= 0), JSON.stringify(order)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('counts the ratings in a table that adds up to the approved reports', () => {
    expect(r.text).toContain('Kết quả đánh giá, xếp loại 78 Hội có báo cáo đã được duyệt: 26 Hội hoàn thành xuất sắc nhiệm vụ; 52 Hội hoàn thành tốt nhiệm vụ.');
    // Columns: cấp tỉnh, cấp huyện, thành phố, cấp xã, total.
    expect(r.text).toContain('Hoàn thành xuất sắc nhiệm vụ 8 18 0 26');
    expect(r.text).toContain('Hoàn thành tốt nhiệm vụ 16 36 0 52');
    expect(r.text).toContain('Không hoàn thành nhiệm vụ 0 0 0 0');
    expect(r.text).toContain('Tổng cộng 24 54 0 78');
  });

  it("has a row for the root's own associations, so the completeness rows add up to the total", () => {
    expect(r.text).toContain('Các hội cấp tỉnh 24 24 24 0 0 0 92.949');
    expect(r.text).toContain('1 Thành phố Lai Châu 20 19 19 0 1 2 12.000');
    expect(r.text).toContain('Toàn tỉnh 79 78 78 0 1 2 123.949');
  });

  it('ends the body with "./.", then the signature from the signer, in the Party form, and "Nơi nhận" as given', () => {
    const end = find(r, 'Trên đây là báo cáo tổng kết công tác Hội quần chúng năm 2020./.');
    // KT. given, K/T printed: the Party form.
    const authority = find(r, 'K/T TRƯỞNG BAN');
    const title = find(r, 'PHÓ TRƯỞNG BAN');
    const name = find(r, 'Nguyễn Đình Toán');
    expect(authority.y).toBeGreaterThan(end.y);
    expect(title.y).toBeGreaterThan(authority.y);
    // Room for the signature and the seal between the title and the name.
    expect(name.y - title.y).toBeGreaterThan(20 * MM);
    for (const i of [authority, title, name]) expect(i.size).toBe(14);
    // The signature is centred in the right half.
    const page = r.pages[0]!;
    const rightHalf = LEFT + (page.width - LEFT - RIGHT) * 0.75;
    for (const i of [authority, title, name]) expect(Math.abs(centre(i) - rightHalf)).toBeLessThan(1);
    const recipients = find(r, 'Nơi nhận:');
    expect(recipients.size).toBe(14);
    expect(recipients.x).toBeCloseTo(LEFT, 0);
    expect(r.text).toContain('Nơi nhận: - Ban Dân vận Trung ương (b/c), - Thường trực Tỉnh ủy (b/c), - Các hội quần chúng tỉnh, - Lưu Văn phòng.');
    expect(find(r, '- Lưu Văn phòng.').size).toBe(12);
    expect(r.text).not.toContain('T/M BAN DÂN VẬN');
  });

  it('has both appendices, numbered, noted "của" the issuer, the proposals grouped by level', () => {
    const note = '(Kèm theo Báo cáo số 25-BC/BDVTU, ngày 18 tháng 12 năm 2020 của Ban Dân vận Tỉnh ủy Lai Châu)';
    expect(r.text.split(note).length - 1).toBe(2);
    const order = [
      'PHỤ LỤC I',
      'Các hội chưa báo cáo hoặc chưa được duyệt',
      'Hội Khuyến học phường Tân Phong',
      'PHỤ LỤC II',
      'Kiến nghị, đề xuất của các Hội',
      'I. Các hội cấp tỉnh',
      // The root's own association is named alone; the others with their locality.
      '1. Hội Chữ thập đỏ tỉnh: Đề nghị bổ sung biên chế.',
      'Đề nghị hỗ trợ kinh phí sơ cấp cứu.',
      'II. Các hội cấp huyện, thành phố',
      '1. Hội Nông dân huyện Tam Đường (Huyện Tam Đường): Đề nghị mở lớp tập huấn kỹ thuật trồng chè.',
    ].map((s) => r.text.indexOf(s));
    expect(order.every((i) => i >= 0), JSON.stringify(order)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Each appendix starts a page of its own.
    const firstPageOf = (s: string) => r.pages.findIndex((p) => p.items.some((i) => i.str.trim() === s));
    expect(firstPageOf('PHỤ LỤC II')).toBeGreaterThan(firstPageOf('PHỤ LỤC I'));
  });

  it('names the level of each commended collective by its own unit', () => {
    expect(r.text).toContain('1 Hội Chữ thập đỏ tỉnh Tỉnh Lai Châu Cấp tỉnh Bằng khen của Chủ tịch UBND tỉnh');
    expect(r.text).toContain('2 Hội Người cao tuổi thành phố Thành phố Lai Châu Cấp thành phố Giấy khen của Chủ tịch UBND thành phố');
  });

  it('leaves the name blank and signs as the head of the Ban when no signer is configured', async () => {
    const blank = await render(partyProvinceDocument({ signer: null }), 'party-unsigned');
    expect(find(blank, 'TRƯỞNG BAN').size).toBe(14);
    expect(blank.text).not.toContain('T/M');
  });
});

describe('the State format (Nghị định 30/2020/NĐ-CP): Quận 8, a district root', () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(stateDistrictDocument(), 'district');
  });

  it('prints the national name at 13 pt over the motto at 14 pt, underlined, and the issuer at 13 pt', () => {
    const nation = find(r, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    const motto = find(r, 'Độc lập - Tự do - Hạnh phúc');
    expect(nation.size).toBeGreaterThanOrEqual(12);
    expect(nation.size).toBeLessThanOrEqual(13);
    expect(motto.size).toBeGreaterThanOrEqual(13);
    expect(motto.size).toBeLessThanOrEqual(14);
    expect(motto.y).toBeGreaterThan(nation.y);
    expect(find(r, 'ỦY BAN NHÂN DÂN QUẬN 8').size).toBe(13);
    expect(find(r, 'Số: 215/BC-UBND').size).toBe(13);
    expect(find(r, 'Quận 8, ngày 18 tháng 12 năm 2020').size).toBe(14);
    expect(find(r, 'BÁO CÁO').size).toBe(14);
    expect(r.text).not.toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
  });

  it('numbers the pages at the top centre from page 2', () => {
    expectPageNumbers(r, 14);
  });

  it('draws the short rules under the issuer and under the title clear of their letters, centred under them', async () => {
    const rules = await horizontalRules(r.pdf);
    for (const [line, next] of [
      [find(r, 'ỦY BAN NHÂN DÂN QUẬN 8'), find(r, 'Số: 215/BC-UBND')],
      [find(r, 'Tổng kết công tác Hội quần chúng năm 2020'), find(r, 'I. TÌNH HÌNH CHUNG')],
    ] as const) {
      const under = rules.filter((rule) => rule.y > line.y && rule.y < next.y && Math.abs((rule.x1 + rule.x2) / 2 - centre(line)) < 1);
      expect(under, `one rule under "${line.str}"`).toHaveLength(1);
      const rule = under[0]!;
      // Below the descenders and the dots under Ụ, Ậ (Tinos: 0.22 em) with room to spare, and
      // still the line's own rule, well above the next line's capitals.
      expect(rule.y - line.y).toBeGreaterThanOrEqual(0.22 * line.size + 3);
      expect(rule.y - line.y).toBeLessThanOrEqual(line.size);
      expect(rule.x2 - rule.x1).toBeLessThan(line.width);
    }
  });

  it('speaks of the district and its wards, not of a province', () => {
    expect(r.text).toContain('Năm 2020, toàn quận có 29 tổ chức Hội, với 19.800 hội viên, trong đó: Hội có phạm vi hoạt động cấp quận: 09 tổ chức; Hội có phạm vi hoạt động cấp phường: 20 tổ chức.');
    expect(r.text).toContain('Hội được công nhận là hội có tính chất đặc thù: 02 Hội (cấp quận: 02 Hội).');
    expect(r.text).toContain('có 01 hội thành lập mới (cấp phường 01)');
    expect(r.text).toContain('Các hội cấp quận 9 9 9 0 0 0 15.000');
    expect(r.text).toContain('Toàn quận 29 29 29 0 0 0 19.800');
    expect(r.text).toContain('Cấp quận 9 2 0 15.000');
    expect(r.text).not.toMatch(/toàn tỉnh|cấp tỉnh|cấp huyện|cấp xã|Toàn tỉnh|Cấp tỉnh/u);
  });

  it('signs in the State form (TM., KT.) and lists "Nơi nhận" with semicolons', () => {
    const tm = find(r, 'TM. ỦY BAN NHÂN DÂN');
    const kt = find(r, 'KT. CHỦ TỊCH');
    const name = find(r, 'Trần Thế Thuận');
    expect(kt.y).toBeGreaterThan(tm.y);
    expect(name.y - find(r, 'PHÓ CHỦ TỊCH').y).toBeGreaterThan(20 * MM);
    expect(find(r, 'Nơi nhận:').size).toBe(12);
    expect(r.text).toContain('Nơi nhận: - Sở Nội vụ Thành phố; - Thường trực Quận ủy; - Lưu: VT.');
    expect(find(r, '- Lưu: VT.').size).toBe(11);
    expect(r.text).toContain('./.');
  });

  it('has no appendix when nothing is left out and nobody proposed anything', () => {
    expect(r.text).not.toContain('PHỤ LỤC');
    expect(r.text).not.toContain('Không có.');
    expect(r.text).not.toContain('KIẾN NGHỊ, ĐỀ XUẤT');
    expect(r.text).not.toContain('Phụ lục');
  });
});

describe('the State format: Hồ Chí Minh City, two tiers (2025)', () => {
  let r: Rendered;
  beforeAll(async () => {
    r = await render(stateCity2025Document(), 'city-2025');
  });

  it('breaks a long issuer between the body and its place, at a size the format allows, never mid-name', () => {
    const body = find(r, 'ỦY BAN NHÂN DÂN');
    const place = find(r, 'THÀNH PHỐ HỒ CHÍ MINH');
    expect(place.y).toBeGreaterThan(body.y);
    for (const i of [body, place]) {
      expect(i.size).toBeGreaterThanOrEqual(12);
      expect(i.size).toBeLessThanOrEqual(13);
    }
    expect(find(r, 'SỞ NỘI VỤ').y).toBeGreaterThan(place.y);
  });

  it('keeps the date whole on its line: the line breaks after the place', () => {
    const date = find(r, 'ngày 05 tháng 12 năm 2025');
    const place = find(r, 'Thành phố Hồ Chí Minh,');
    expect(date.y).toBeGreaterThan(place.y);
    expect(date.size).toBeGreaterThanOrEqual(13);
    expect(r.all.some((i) => i.str.trim() === '2025')).toBe(false);
  });

  it('says "toàn thành phố", "cấp phường, xã", and the 2025 label in the table header too', () => {
    expect(r.text).toContain('Năm 2025, toàn thành phố có 68 tổ chức Hội, với 307.900 hội viên');
    // 7 phường, 3 xã and 1 đặc khu: the đặc khu is covered by the tier's name.
    expect(r.text).toContain('Hội có phạm vi hoạt động cấp thành phố: 40 tổ chức; Hội có phạm vi hoạt động cấp phường, xã: 28 tổ chức.');
    expect(r.text).toContain('Hội do Đảng, Nhà nước giao nhiệm vụ');
    expect(r.text).not.toMatch(/đặc thù|cấp huyện|Cấp huyện/u);
    expect(r.text).toContain('Toàn thành phố 68 68 68 0 0 0 307.900');
    // No signer configured: the department's head, in the State form, and its default recipients.
    expect(find(r, 'GIÁM ĐỐC').size).toBe(14);
    expect(r.text).toContain('Nơi nhận: - Các cơ quan, đơn vị liên quan; - Lưu: VT.');
  });
});

describe('the draft', () => {
  it('carries "DỰ THẢO" on every page and is otherwise laid out as the final document', async () => {
    const draft = await render(partyProvinceDocument({ draft: true }), 'draft');
    const final = await render(partyProvinceDocument(), 'final');
    expect(draft.pages.length).toBe(final.pages.length);
    for (const page of draft.pages) {
      const marks = page.items.filter((i) => i.str.trim() === 'DỰ THẢO');
      expect(marks).toHaveLength(1);
      expect(marks[0]!.y).toBeLessThan(TOP_MARGIN);
    }
    expect(final.text).not.toContain('DỰ THẢO');
    const withoutMark = draft.all.filter((i) => i.str.trim() !== 'DỰ THẢO').map((i) => `${i.str}@${i.x.toFixed(2)},${i.y.toFixed(2)}`);
    expect(withoutMark).toEqual(final.all.map((i) => `${i.str}@${i.x.toFixed(2)},${i.y.toFixed(2)}`));
  });

  it('gives byte-identical files for the same document, whatever its Unicode form', async () => {
    const a = await renderReportPdf(stateCity2025Document());
    const nfd = JSON.parse(JSON.stringify(stateCity2025Document()).normalize('NFD')) as ReportDocument;
    expect((await renderReportPdf(nfd)).equals(a)).toBe(true);
  });
});
