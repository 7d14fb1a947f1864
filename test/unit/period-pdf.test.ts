// The period review's PDF (SPEC section 12): the official format of section 6 with the title
// from the configuration, the table by year, the change over the period, the commended list.
import { describe, expect, it } from 'vitest';
import { buildPeriodPlan, periodParagraphs, yearRows } from '../../shared/document/period-plan.ts';
import type { PeriodDocument } from '../../shared/domain/types.ts';
import { renderPeriodPdf } from '../../shared/pdf/period-pdf.ts';
import { pdfPages, placedText } from '../support/pdf-text.ts';
import { periodDocument } from '../support/report-documents.ts';

const MM = 72 / 25.4;

describe('the period review', () => {
  it('speaks of the period, its change and its missing year in prose', () => {
    expect(periodParagraphs(periodDocument())).toEqual([
      'Giai đoạn 2016 - 2020, đến năm 2020, toàn quận có 75 tổ chức Hội. Theo báo cáo của 74 hội đã được duyệt (trên 75 hội phải báo cáo), các Hội có 23.110 hội viên. ' +
        'So với năm 2016 (70 tổ chức Hội), số tổ chức Hội tăng 05; số hội viên chưa so sánh được vì chưa đủ báo cáo được duyệt.',
      'Trong giai đoạn, có 07 hội thành lập mới và 02 hội giải thể.',
      'Số liệu năm 2019 chưa được tổng kết, công bố nên không được tổng hợp trong báo cáo này.',
    ]);
    // With every report of the first and last years approved, the members are the district's and compared.
    const complete = periodDocument();
    complete.summary.years = complete.summary.years.map((y) => ({ ...y, reports: { ...y.reports, approved: y.reports.expected } }));
    expect(periodParagraphs(complete)[0]).toBe(
      'Giai đoạn 2016 - 2020, đến năm 2020, toàn quận có 75 tổ chức Hội, với 23.110 hội viên. ' +
        'So với năm 2016 (70 tổ chức Hội, 21.000 hội viên), số tổ chức Hội tăng 05, số hội viên tăng 2.110.',
    );
    expect(yearRows(periodDocument()).map((r) => r.cells[0])).toEqual(['2016', '2017', '2018', '2020', 'Tăng, giảm']);
    expect(yearRows(periodDocument()).at(-1)?.cells).toEqual(['Tăng, giảm', '+5', '', '', '', '+2.110', '', '']);
  });

  it('prints the title, the table by year, the commended list, "./." and the signature in the Party format', async () => {
    const pdf = await renderPeriodPdf(periodDocument());
    const text = (await pdfPages(pdf)).join('\n').replace(/\s+/gu, ' ');
    expect(text).toContain('QUẬN ỦY QUẬN 8');
    expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain('Quận 8, ngày 22 tháng 12 năm 2020');
    expect(text).toContain('Sơ kết 05 năm thực hiện Kết luận số 102-KL/TW ngày 22/9/2014 của Bộ Chính trị về hội quần chúng');
    expect(text).toContain('2016 70 3 0 0 21.000 69 68');
    expect(text).toContain('2020 75 3 3 1 23.110 74 73');
    expect(text).not.toMatch(/\b2019 \d/u);
    expect(text).toContain('1 Hội Chữ thập đỏ quận 8 Quận 8 Cấp quận 95,25 Giấy khen của Chủ tịch UBND quận');
    expect(text).toContain('2 Hội Người cao tuổi phường 5 Phường 5 Cấp phường 92 Giấy khen của Chủ tịch UBND phường');
    expect(text).toContain('Các hội quần chúng từng bước nâng dần chất lượng');
    expect(text).toContain('Trên đây là báo cáo sơ kết 05 năm thực hiện Kết luận số 102-KL/TW ngày 22/9/2014 của Bộ Chính trị về hội quần chúng./.');
    expect(text).toMatch(/TRƯỞNG BAN.*Nguyễn Thị Hồng/u);
    expect(text).toContain('- Lưu Văn phòng.');
    expect(text).not.toMatch(/tỉnh|cấp xã/u);

    const pages = await placedText(pdf);
    const items = pages.flatMap((p) => p.items);
    expect(items.find((i) => i.str.trim() === 'ĐẢNG CỘNG SẢN VIỆT NAM')?.size).toBe(15);
    expect(items.find((i) => i.str.trim() === 'BÁO CÁO')?.size).toBe(16);
    // No number on page 1; the others numbered at the top.
    expect(pages[0]!.items.filter((i) => i.y < 20 * MM)).toEqual([]);
    pages.slice(1).forEach((p, k) => expect(p.items.filter((i) => i.y < 20 * MM).map((i) => i.str.trim())).toEqual([String(k + 2)]));
  });

  it('has no commended table when nobody qualifies, and is pure', async () => {
    const none: PeriodDocument = { ...periodDocument(), commended: [], summary: { ...periodDocument().summary, commended: 0 } };
    const plan = buildPeriodPlan(none);
    expect(plan.body.filter((b) => b.kind === 'table')).toHaveLength(1);
    expect(JSON.stringify(plan)).toContain('không có tập thể đủ điều kiện đề nghị khen thưởng');
    expect((await renderPeriodPdf(periodDocument())).equals(await renderPeriodPdf(periodDocument()))).toBe(true);
  });
});
