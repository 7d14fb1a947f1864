import { writeFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { AppendixItem, ByLevel, CommendedItem, Level, ReportDocument, Summary, UnitRollup } from '../../shared/domain/types.ts';
import {
  compareVietnamese,
  formatLongDate,
  formatNumber,
  formatPlaceDate,
  formatVnd,
  nfc,
  nfcDeep,
  twoDigits,
} from '../../shared/format/vietnamese.ts';
import { renderReportPdf } from '../../shared/pdf/report-pdf.ts';
import { cycleConfig, ratingsOf, scopeOf } from '../support/report-documents.ts';

// ---------------------------------------------------------------------------------------------
// Fixtures

const by = (province: number, district: number, commune: number): ByLevel => ({ province, district, commune });

/** The 134 precomposed Vietnamese letters: 66 vowels with marks and đ, lower and upper case. */
function vietnameseLetters(): string[] {
  const lower: string[] = [];
  for (const base of 'aăâeêioôơuưy') {
    for (const mark of ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323']) {
      const ch = (base + mark).normalize('NFC');
      if (ch.length === 1 && ch.charCodeAt(0) > 0x7f) lower.push(ch);
    }
  }
  lower.push('đ');
  return [...lower, ...lower.map((c) => c.toUpperCase())];
}
/** The letters in words of six, so that a table cell can wrap them. */
const LETTERS = vietnameseLetters()
  .join('')
  .replace(/(.{6})/gu, '$1 ')
  .trim();

const DISTRICTS = [
  ['TP', 'Thành phố Lai Châu'],
  ['TĐ', 'Huyện Tam Đường'],
  ['PT', 'Huyện Phong Thổ'],
  ['SH', 'Huyện Sìn Hồ'],
  ['MT', 'Huyện Mường Tè'],
  ['TU', 'Huyện Than Uyên'],
  ['TUY', 'Huyện Tân Uyên'],
  ['NN', 'Huyện Nậm Nhùn'],
] as const;

function rollup(code: string, name: string, level: Level, expected: number, members: number, missing = 0): UnitRollup {
  return { code, name, level, expected, submitted: expected - missing, approved: expected - missing, returned: 0, missing, late: 0, members };
}

function laiChau(opts: { commended?: number; appendix?: AppendixItem[] } = {}): ReportDocument {
  const units = [
    { ...rollup('LC', 'Tỉnh Lai Châu', 'province', 179, 180455), approved: 176, returned: 1, late: 4 },
    ...DISTRICTS.map(([c, n], i) => rollup(c, n, 'district', 19 + i, 15000 + i * 1000)),
  ];
  const summary: Summary = {
    year: 2020,
    revision: 1,
    publishedAt: '2020-12-18T09:00:00Z',
    specialLabel: 'hội có tính chất đặc thù',
    associations: {
      total: 179,
      byLevel: by(24, 56, 99),
      special: { total: 18, byLevel: by(10, 8, 0) },
      new: { total: 11, byLevel: by(0, 1, 10) },
      dissolved: { total: 0, byLevel: by(0, 0, 0) },
    },
    reports: { expected: 179, submitted: 179, approved: 176, returned: 1, missing: 0, onTime: 175, late: 4 },
    figures: {
      members: 180455,
      newMembers: 3120,
      branches: 412,
      charityEvents: 87,
      charityFundsVnd: 1250000000,
      legalEducationSessions: 5,
      membersByLevel: by(60200, 70100, 50155),
    },
    ratings: ratingsOf({ excellent: by(10, 20, 30), good: by(10, 30, 60), completed: by(4, 6, 6) }),
    units,
    previousYear: { year: 2019, associations: 168, members: 175000, associationsChange: 11, membersChange: 5455 },
    commended: opts.commended ?? 7,
  };
  const awards: Record<Level, string> = {
    province: 'Bằng khen của Chủ tịch UBND tỉnh',
    district: 'Giấy khen của Chủ tịch UBND huyện',
    commune: 'Giấy khen của Chủ tịch UBND xã',
  };
  const levels: Level[] = ['province', 'province', 'district', 'district', 'commune', 'commune', 'commune'];
  const count = opts.commended ?? 7;
  const commended: CommendedItem[] = Array.from({ length: count }, (_, i) => {
    const level = levels[Math.min(i, levels.length - 1)] ?? 'commune';
    return {
      association: `A${String(i + 1).padStart(5, '0')}`,
      name: i === 0 ? `Hội Người cao tuổi tỉnh (${LETTERS})` : `Hội Cựu thanh niên xung phong số ${i + 1} xã Bản Giang`,
      unit: 'TĐ',
      unitName: i < 2 ? 'Tỉnh Lai Châu' : 'Huyện Tam Đường',
      level,
      score: 99 - (i % 10),
      members: 400 - i,
      award: awards[level],
    };
  });
  const appendix: AppendixItem[] = opts.appendix ?? [
    { association: 'A9003', name: 'Hội Đông y xã Sơn Bình', unit: 'TĐ', unitName: 'Huyện Tam Đường', level: 'commune', reason: 'submitted' },
    { association: 'A9001', name: 'Hội Chữ thập đỏ xã Ka Lăng', unit: 'MT', unitName: 'Huyện Mường Tè', level: 'commune', reason: 'returned' },
    { association: 'A9002', name: 'Hội Khuyến học xã Dào San', unit: 'PT', unitName: 'Huyện Phong Thổ', level: 'commune', reason: 'submitted' },
  ];
  return {
    config: cycleConfig({ commendation: { quotaPercent: 20, minScore: 90, awards } }),
    reportDate: '2020-12-18',
    summary,
    completenessUnits: units.slice(1),
    commended,
    appendix,
    proposals: [],
    // 12 xã and 1 thị trấn: the commune level is "cấp xã", as the seed writes it.
    scope: scopeOf(units[0]!, [
      ...units.slice(1),
      ...Array.from({ length: 12 }, (_, i) => ({ code: `X${i}`, name: `Xã Bản ${i}`, level: 'commune' as const })),
      { code: 'TT', name: 'Thị trấn Tam Đường', level: 'commune' },
    ]),
  };
}

function twoTier(): ReportDocument {
  const base = laiChau();
  const communes = ['Phường Đoàn Kết', 'Phường Tân Phong', 'Xã Bình Lư', 'Xã Sìn Hồ'].map((n, i) => rollup(`C${i}`, n, 'commune', 10, 2000));
  return {
    ...base,
    config: {
      ...base.config,
      year: 2025,
      issuer: ['ỦY BAN NHÂN DÂN', 'TỈNH LAI CHÂU'],
      issuerKind: 'state',
      documentNumber: 'Số: 12/BC-UBND',
      reportDate: '2025-12-05',
    },
    reportDate: '2025-12-05',
    summary: {
      ...base.summary,
      year: 2025,
      specialLabel: 'hội do Đảng, Nhà nước giao nhiệm vụ',
      associations: {
        total: 52,
        byLevel: by(12, 0, 40),
        special: { total: 3, byLevel: by(3, 0, 0) },
        new: { total: 0, byLevel: by(0, 0, 0) },
        dissolved: { total: 2, byLevel: by(0, 0, 2) },
      },
      reports: { expected: 52, submitted: 50, approved: 50, returned: 0, missing: 2, onTime: 50, late: 0 },
      figures: { ...base.summary.figures, members: 9000, membersByLevel: by(1000, 0, 8000) },
      ratings: {
        excellent: { total: 10, byLevel: by(2, 0, 8) },
        good: { total: 30, byLevel: by(8, 0, 22) },
        completed: { total: 10, byLevel: by(2, 0, 8) },
        not_completed: { total: 0, byLevel: by(0, 0, 0) },
      },
      units: [rollup('LC', 'Tỉnh Lai Châu', 'province', 52, 9000, 2), ...communes],
      previousYear: null,
      commended: 0,
    },
    completenessUnits: communes,
    commended: [],
    appendix: [],
    scope: scopeOf(rollup('LC', 'Tỉnh Lai Châu', 'province', 52, 9000, 2), communes),
  };
}

// ---------------------------------------------------------------------------------------------
// Helpers

interface Extracted {
  pages: string[];
  text: string;
}

async function extract(pdf: Buffer): Promise<Extracted> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const content = await page.getTextContent();
    let s = '';
    for (const item of content.items) {
      if (!('str' in item)) continue;
      s += item.str;
      if (item.hasEOL) s += ' ';
    }
    pages.push(s.replace(/\s+/g, ' ').trim());
  }
  await task.destroy();
  return { pages, text: pages.join('\n') };
}

const latin1 = (b: Buffer): string => b.toString('latin1');

// ---------------------------------------------------------------------------------------------
// Formats

describe('Vietnamese formats', () => {
  it('formats numbers and money', () => {
    expect(formatNumber(180455)).toBe('180.455');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe('1.000');
    expect(formatNumber(-1234567)).toBe('-1.234.567');
    expect(formatNumber(1234.5)).toBe('1.234,5');
    expect(formatNumber(0.25)).toBe('0,25');
    expect(formatNumber(-0.001)).toBe('0');
    expect(formatVnd(125000000)).toBe('125.000.000 đồng');
    // Totals past 2^53 come as digits (the summary's exact sum) or a bigint, and print exactly.
    expect(formatVnd('9009999999999999')).toBe('9.009.999.999.999.999 đồng');
    expect(formatVnd(9_009_999_999_999_999n)).toBe('9.009.999.999.999.999 đồng');
    expect(formatVnd('0')).toBe('0 đồng');
    expect(twoDigits(8)).toBe('08');
    expect(twoDigits(1)).toBe('01');
    expect(twoDigits(0)).toBe('0');
    expect(twoDigits(24)).toBe('24');
    expect(twoDigits(180455)).toBe('180.455');
  });

  it('formats dates as Nghị định 30/2020 writes them', () => {
    expect(formatLongDate('2020-12-18')).toBe('ngày 18 tháng 12 năm 2020');
    expect(formatLongDate('2021-02-05')).toBe('ngày 05 tháng 02 năm 2021');
    expect(formatLongDate('2021-01-05')).toBe('ngày 05 tháng 01 năm 2021');
    expect(formatLongDate('2021-03-09')).toBe('ngày 09 tháng 3 năm 2021');
    expect(formatLongDate('2021-10-10')).toBe('ngày 10 tháng 10 năm 2021');
    expect(formatPlaceDate('Lai Châu', '2020-12-18')).toBe('Lai Châu, ngày 18 tháng 12 năm 2020');
    expect(() => formatLongDate('2021-02-30')).toThrow(RangeError);
    expect(() => formatLongDate('18/12/2020')).toThrow(RangeError);
  });

  it('sorts with Vietnamese collation, totally', () => {
    expect(['E', 'Đ', 'D'].sort(compareVietnamese)).toEqual(['D', 'Đ', 'E']);
    expect(['B', 'Â', 'Ă', 'A'].sort(compareVietnamese)).toEqual(['A', 'Ă', 'Â', 'B']);
    expect(['Đông', 'Dương', 'Em'].sort(compareVietnamese)).toEqual(['Dương', 'Đông', 'Em']);
    expect(['Hội 10', 'Hội 9'].sort(compareVietnamese)).toEqual(['Hội 9', 'Hội 10']);
    expect(compareVietnamese('a', 'a')).toBe(0);
    expect(compareVietnamese('a', 'A')).not.toBe(0);
    expect(Math.sign(compareVietnamese('a', 'A'))).toBe(-Math.sign(compareVietnamese('A', 'a')));
  });

  it('normalises to NFC, deeply', () => {
    const nfd = 'Hội Người cao tuổi'.normalize('NFD');
    expect(nfc(nfd)).toBe('Hội Người cao tuổi');
    const out = nfcDeep({ a: [nfd, 1, null, { b: nfd }], c: true });
    expect(out).toEqual({ a: ['Hội Người cao tuổi', 1, null, { b: 'Hội Người cao tuổi' }], c: true });
  });
});

// ---------------------------------------------------------------------------------------------
// The PDF

describe('renderReportPdf', () => {
  it('has the 134 precomposed Vietnamese letters in the fixture', () => {
    expect(vietnameseLetters()).toHaveLength(134);
    expect(new Set(vietnameseLetters()).size).toBe(134);
  });

  it('writes the Lai Châu 2020 report as the seed reads', async () => {
    const pdf = await renderReportPdf(laiChau());
    if (process.env.REPORT_PDF_OUT) writeFileSync(process.env.REPORT_PDF_OUT, pdf);
    const { text, pages } = await extract(pdf);

    // Header block, Party issuer.
    expect(pages[0]).toContain('TỈNH ỦY LAI CHÂU');
    expect(pages[0]).toContain('BAN DÂN VẬN');
    expect(pages[0]).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(pages[0]).toContain('Số 25-BC/BDVTU');
    expect(pages[0]).toContain('Lai Châu, ngày 18 tháng 12 năm 2020');
    expect(pages[0]).not.toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(pages[0]).toContain('BÁO CÁO');
    expect(pages[0]).toContain('Tổng kết công tác Hội quần chúng năm 2020');

    // The seed's sentence; with three reports not approved, the members are said to come from the approved ones.
    expect(text).toContain(
      'Năm 2020, toàn tỉnh có 179 tổ chức Hội, trong đó: Hội có phạm vi hoạt động cấp tỉnh: 24 tổ chức; ' +
        'Hội có phạm vi hoạt động cấp huyện, thành phố: 56 tổ chức; Hội có phạm vi hoạt động cấp xã: 99 tổ chức. ' +
        'Theo báo cáo của 176 hội đã được duyệt (trên 179 hội phải báo cáo), các Hội có 180.455 hội viên.',
    );
    expect(text).toContain('Hội được công nhận là hội có tính chất đặc thù: 18 Hội (cấp tỉnh: 10 Hội, cấp huyện, thành phố: 08 Hội).');
    expect(text).toContain('Năm 2020, có 11 hội thành lập mới (cấp huyện 01, cấp xã 10).');
    expect(text).toContain('1.250.000.000 đồng');
    expect(text).toContain('So với năm 2019 (168 tổ chức Hội), số tổ chức Hội tăng 11; số hội viên chưa so sánh được vì chưa đủ báo cáo được duyệt.');
    expect(text).toContain('đề nghị khen thưởng 07 tập thể');
    expect(text).toContain('175 đúng hạn, 04 nộp muộn');

    // Tables.
    expect(text).toContain('Huyện Nậm Nhùn');
    expect(text).toContain('Bằng khen của Chủ tịch UBND tỉnh');
    expect(text).toContain('Tổng cộng 179 18 11 180.455');
    expect(text).toContain('Toàn tỉnh 179 179 176 1 0 4 180.455');

    // Every Vietnamese letter extracts exactly.
    expect(text).toContain(LETTERS);

    // Appendix, in Vietnamese order of unit then name.
    const a = text.indexOf('Các hội chưa báo cáo hoặc chưa được duyệt');
    expect(a).toBeGreaterThan(0);
    const appendixText = text.slice(a);
    const order = ['Hội Chữ thập đỏ xã Ka Lăng', 'Hội Khuyến học xã Dào San', 'Hội Đông y xã Sơn Bình'].map((s) => appendixText.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(appendixText).toContain('Bị trả lại');
    expect(appendixText).toContain('Chưa được duyệt');

    // Page numbers: none on page 1, then the bare number first on the page (the top margin).
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[0]).toMatch(/^TỈNH ỦY LAI CHÂU/u);
    pages.slice(1).forEach((p, i) => expect(p.startsWith(`${i + 2} `)).toBe(true));
    expect(text).not.toContain('Trang ');

    // PDF/A, language, page count.
    const raw = latin1(pdf);
    expect(raw.startsWith('%PDF-1.7')).toBe(true);
    expect(raw).toContain('pdfaid:part>2<');
    expect(raw).toContain('pdfaid:conformance>B<');
    expect(raw).toContain('/Lang (vi-VN)');
    expect(raw).toContain('/DisplayDocTitle true');
    expect(raw).not.toContain('/Helvetica');
    const count = /\/Type \/Pages\s*\/Count (\d+)/.exec(raw);
    expect(Number(count?.[1])).toBe(pages.length);
  });

  it('prints a total of funds past 2^53 digit for digit', async () => {
    const doc = laiChau();
    doc.summary.figures.charityFundsVnd = '9009999999999999';
    const { text } = await extract(await renderReportPdf(doc));
    expect(text).toContain('với tổng kinh phí 9.009.999.999.999.999 đồng;');
  });

  it('gives byte-identical output for the same input', async () => {
    const [a, b] = await Promise.all([renderReportPdf(laiChau()), renderReportPdf(laiChau())]);
    expect(a.equals(b)).toBe(true);
    const nfd = JSON.parse(JSON.stringify(laiChau()).normalize('NFD')) as ReportDocument;
    expect((await renderReportPdf(nfd)).equals(a)).toBe(true);
  });

  it('writes the State header and a two-tier summary without a district clause', async () => {
    const pdf = await renderReportPdf(twoTier());
    if (process.env.REPORT_PDF_OUT) writeFileSync(`${process.env.REPORT_PDF_OUT}.state.pdf`, pdf);
    const { text, pages } = await extract(pdf);
    expect(pages[0]).toContain('ỦY BAN NHÂN DÂN');
    expect(pages[0]).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(pages[0]).toContain('Độc lập - Tự do - Hạnh phúc');
    expect(pages[0]).toContain('Số: 12/BC-UBND');
    expect(pages[0]).toContain('Lai Châu, ngày 05 tháng 12 năm 2025');
    expect(pages[0]).not.toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
    expect(text).toContain(
      'Năm 2025, toàn tỉnh có 52 tổ chức Hội, trong đó: Hội có phạm vi hoạt động cấp tỉnh: 12 tổ chức; ' +
        'Hội có phạm vi hoạt động cấp xã, phường: 40 tổ chức. Theo báo cáo của 50 hội đã được duyệt (trên 52 hội phải báo cáo), các Hội có 9.000 hội viên.',
    );
    expect(text).toContain('Hội được công nhận là hội do Đảng, Nhà nước giao nhiệm vụ: 03 Hội (cấp tỉnh: 03 Hội).');
    expect(text).toContain('Năm 2025, không có hội thành lập mới.');
    expect(text).toContain('có 02 hội giải thể (cấp xã 02)');
    expect(text).toContain('02 hội chưa nộp báo cáo');
    expect(text).not.toMatch(/cấp huyện/i);
    expect(text).not.toContain('Cấp huyện');
    expect(text).toContain('Phường Đoàn Kết');
    // Nothing to list, no appendix: no page saying "Không có.".
    expect(text).not.toContain('Không có.');
    expect(text).not.toContain('PHỤ LỤC');
  });

  it('repeats the header row of the commended table on every page', async () => {
    const pdf = await renderReportPdf(laiChau({ commended: 200 }));
    if (process.env.REPORT_PDF_OUT) writeFileSync(`${process.env.REPORT_PDF_OUT}.200.pdf`, pdf);
    const { pages } = await extract(pdf);
    const header = 'STT Tên tập thể Địa phương Cấp Hình thức khen thưởng';
    const withRows = pages.filter((p) => p.includes('Hội Cựu thanh niên xung phong số'));
    expect(withRows.length).toBeGreaterThan(2);
    for (const p of withRows) expect(p).toContain(header);
    // no row is lost or duplicated
    const all = pages.join(' ');
    for (let i = 2; i <= 200; i++) {
      expect(all.split(`xung phong số ${i} xã Bản Giang`).length - 1).toBe(1);
    }
  });

  it('renders 10,000 appendix rows, the last one on the last page', async () => {
    const appendix: AppendixItem[] = Array.from({ length: 10_000 }, (_, i) => ({
      association: `X${String(i).padStart(5, '0')}`,
      name: `Hội Nông dân thôn ${i % 97} xã Bản Giang số ${i}`,
      unit: DISTRICTS[i % 8]?.[0] ?? 'TP',
      unitName: DISTRICTS[i % 8]?.[1] ?? 'Thành phố Lai Châu',
      level: 'commune',
      reason: (['missing', 'submitted', 'returned'] as const)[i % 3] ?? 'missing',
    }));
    const pdf = await renderReportPdf(laiChau({ appendix }));
    const { pages } = await extract(pdf);
    const last = pages[pages.length - 1] ?? '';
    expect(last).toContain('STT Tên hội Địa phương Tình trạng');
    expect(last).toMatch(/\b10000 /);
  });
});
