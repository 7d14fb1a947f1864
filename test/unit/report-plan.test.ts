// The report's plan (shared/document/report-plan.ts): the Vietnamese prose as strings, the
// tables' rows, what is left out when empty, and the plan's shape. No PDF here.
import { describe, expect, it } from 'vitest';
import type { Block, DocumentPlan, TableBlock } from '../../shared/document/plan.ts';
import {
  levelColumns,
  activitiesParagraph,
  authorityLine,
  defaultSigner,
  issuerAsName,
  issuerPieces,
  ratingsParagraph,
  recipientLines,
  textParagraphs,
  appendixNote,
  appendixRows,
  buildReportPlan,
  commendedParagraph,
  generalParagraphs,
  headerBlock,
  levelRows,
  reportsParagraph,
} from '../../shared/document/report-plan.ts';
import { orderAppendix } from '../../shared/domain/appendix.ts';
import { APPENDIX_REASON_LABELS, LEVEL_LABELS, levelWord } from '../../shared/domain/labels.ts';
import { specialLabelFor } from '../../shared/domain/registry.ts';
import type { AppendixItem, ByLevel, ReportDocument, Summary, UnitRollup } from '../../shared/domain/types.ts';
import { cycleConfig, ratingsOf, scopeOf } from '../support/report-documents.ts';
import { collateVietnamese, compareVietnamese, formatLongDate, formatNumber } from '../../shared/format/vietnamese.ts';

const by = (province: number, district: number, commune: number): ByLevel => ({ province, district, commune });

function rollup(code: string, name: string, level: UnitRollup['level'], expected: number, members: number): UnitRollup {
  return { code, name, level, expected, submitted: expected, approved: expected, returned: 0, missing: 0, late: 0, members };
}

/** The Lai Châu 2020 figures of the demo (SPEC section 9). */
function laiChau(over: { summary?: Partial<Summary>; appendix?: AppendixItem[]; state?: boolean } = {}): ReportDocument {
  const units = [rollup('LC', 'Tỉnh Lai Châu', 'province', 179, 180455), rollup('TĐ', 'Huyện Tam Đường', 'district', 20, 16000)];
  const summary: Summary = {
    year: 2020,
    revision: 1,
    publishedAt: '2020-12-18T09:00:00Z',
    specialLabel: specialLabelFor(2020, null),
    associations: {
      total: 179,
      byLevel: by(24, 56, 99),
      special: { total: 18, byLevel: by(10, 8, 0) },
      new: { total: 11, byLevel: by(0, 1, 10) },
      dissolved: { total: 0, byLevel: by(0, 0, 0) },
    },
    reports: { expected: 179, submitted: 179, approved: 179, returned: 0, missing: 0, onTime: 179, late: 0 },
    figures: {
      members: 180455,
      newMembers: 0,
      branches: 0,
      charityEvents: 0,
      charityFundsVnd: 0,
      legalEducationSessions: 0,
      membersByLevel: by(60200, 70100, 50155),
    },
    ratings: ratingsOf({ excellent: by(10, 20, 30), good: by(14, 36, 69) }),
    units,
    previousYear: null,
    commended: 0,
    ...over.summary,
  };
  return {
    config: cycleConfig({
      year: summary.year,
      ...(over.state ? { issuer: ['ỦY BAN NHÂN DÂN', 'TỈNH LAI CHÂU'], issuerKind: 'state' as const } : {}),
      commendation: { quotaPercent: 20, minScore: 90, awards: { province: 'a', district: 'b', commune: 'c' } },
    }),
    reportDate: '2020-12-18',
    summary,
    completenessUnits: units.slice(1),
    commended: [],
    appendix: over.appendix ?? [],
    proposals: [],
    scope: scopeOf(units[0]!, [...units.slice(1), { code: 'TP', name: 'Thành phố Lai Châu', level: 'district' }, { code: 'BB', name: 'Xã Bản Bo', level: 'commune' }]),
  };
}

const tables = (blocks: Block[]): TableBlock[] => blocks.filter((b): b is TableBlock => b.kind === 'table');
const texts = (plan: DocumentPlan): string[] =>
  plan.body.flatMap((b) => (b.kind === 'heading' ? [b.text] : b.kind === 'paragraph' ? [b.runs.map((r) => r.text).join('')] : b.kind === 'table' && b.title ? [b.title] : []));

describe('labels and collation, written once', () => {
  it('has one level label per level, and the words of a sentence from it', () => {
    expect(LEVEL_LABELS.province.vi).toBe('Cấp tỉnh');
    expect(LEVEL_LABELS.district.vi).toBe('Cấp huyện');
    expect(LEVEL_LABELS.commune.vi).toBe('Cấp xã');
    expect(levelWord('district')).toBe('cấp huyện');
    expect(APPENDIX_REASON_LABELS.missing.vi).toBe('Chưa nộp báo cáo');
  });

  it('collates Vietnamese with one collator; the total order breaks ties by code point', () => {
    expect(['Đông', 'Dương', 'Em'].sort(collateVietnamese)).toEqual(['Dương', 'Đông', 'Em']);
    expect(['Hội 10', 'Hội 9'].sort(compareVietnamese)).toEqual(['Hội 9', 'Hội 10']);
  });
});

describe('the prose', () => {
  it('writes the Lai Châu 2020 figures as the seed report reads', () => {
    const [first] = generalParagraphs(laiChau());
    expect(first).toBe(
      'Năm 2020, toàn tỉnh có 179 tổ chức Hội, với 180.455 hội viên, trong đó: ' +
        'Hội có phạm vi hoạt động cấp tỉnh: 24 tổ chức; Hội có phạm vi hoạt động cấp huyện, thành phố: 56 tổ chức; ' +
        'Hội có phạm vi hoạt động cấp xã: 99 tổ chức. ' +
        'Hội được công nhận là hội có tính chất đặc thù: 18 Hội (cấp tỉnh: 10 Hội, cấp huyện, thành phố: 08 Hội). ' +
        'Năm 2020, có 11 hội thành lập mới (cấp huyện 01, cấp xã 10).',
    );
  });

  it('formats numbers and dates the Vietnamese way', () => {
    expect(formatNumber(180455)).toBe('180.455');
    expect(formatLongDate('2020-12-18')).toBe('ngày 18 tháng 12 năm 2020');
    expect(headerBlock(laiChau()).placeDate.text).toBe('Lai Châu, ngày 18 tháng 12 năm 2020');
    expect(appendixNote(laiChau())).toBe('(Kèm theo Báo cáo số 25-BC/BDVTU, ngày 18 tháng 12 năm 2020 của Ban Dân vận Tỉnh ủy Lai Châu)');
    // A number still blank is left blank, as on the first page.
    const blank = laiChau();
    blank.config.documentNumber = 'Số:      /BC';
    expect(appendixNote(blank)).toBe('(Kèm theo Báo cáo, ngày 18 tháng 12 năm 2020 của Ban Dân vận Tỉnh ủy Lai Châu)');
  });

  it('names the special associations by the label of the year', () => {
    const y2025 = laiChau({ summary: { year: 2025, specialLabel: specialLabelFor(2025, null) } });
    expect(generalParagraphs(y2025)[0]).toContain('Hội được công nhận là hội do Đảng, Nhà nước giao nhiệm vụ: 18 Hội');
    // The table's column says the same label as the prose.
    expect(levelColumns(y2025)[2]?.header).toBe('Hội do Đảng, Nhà nước giao nhiệm vụ');
    expect(levelColumns(laiChau())[2]?.header).toBe('Hội có tính chất đặc thù');
    const none = laiChau({ summary: { associations: { ...laiChau().summary.associations, special: { total: 0, byLevel: by(0, 0, 0) } } } });
    expect(generalParagraphs(none)[0]).toContain('Không có Hội được công nhận là hội có tính chất đặc thù.');
  });

  it('leaves out what is empty: activities without approved reports, the previous year, the commended table, the appendix note', () => {
    const doc = laiChau({ summary: { reports: { ...laiChau().summary.reports, approved: 0 } } });
    expect(generalParagraphs(doc)).toHaveLength(1);
    expect(activitiesParagraph(doc)).toBeNull();
    expect(ratingsParagraph(doc)).toBeNull();
    expect(reportsParagraph(laiChau())).toBe('Năm 2020, có 179 hội phải báo cáo; tất cả các hội đã nộp báo cáo (đều đúng hạn); 179 báo cáo đã được duyệt.');
    expect(commendedParagraph(laiChau())).toBe('Năm 2020, không có tập thể đủ điều kiện đề nghị khen thưởng.');
    const plan = buildReportPlan(laiChau());
    expect(tables(plan.body).map((t) => t.title)).toEqual([
      'Bảng 1. Tổ chức Hội và hội viên theo cấp',
      'Bảng 2. Kết quả đánh giá, xếp loại các Hội',
      'Bảng 3. Tình hình báo cáo theo đơn vị',
    ]);
    expect(texts(plan).join('\n')).not.toContain('So với năm');
    // No narrative, no proposals, nothing left out: no such sections, no appendix.
    expect(texts(plan).filter((t) => /^[IVX]+\. /u.test(t))).toEqual(['I. TÌNH HÌNH CHUNG', 'II. KẾT QUẢ NỔI BẬT', 'III. CÔNG TÁC BÁO CÁO', 'IV. KHEN THƯỞNG']);
    expect(plan.appendices).toEqual([]);
  });

  it('compares with the previous year and writes the activities', () => {
    const doc = laiChau({
      summary: {
        previousYear: { year: 2019, associations: 168, members: 175000, associationsChange: 11, membersChange: 5455 },
        figures: { ...laiChau().summary.figures, newMembers: 3120, charityFundsVnd: 1250000000 },
      },
    });
    const paragraphs = generalParagraphs(doc);
    expect(activitiesParagraph(doc)).toContain('đã phát triển 3.120 hội viên mới');
    expect(activitiesParagraph(doc)).toContain('với tổng kinh phí 1.250.000.000 đồng');
    expect(paragraphs[1]).toBe('So với năm 2019 (168 tổ chức Hội, 175.000 hội viên), số tổ chức Hội tăng 11, số hội viên tăng 5.455.');
  });

  it('does not present the members of the approved reports as the province’s when some are not approved', () => {
    const previousYear = { year: 2019, associations: 168, members: 175000, associationsChange: 11, membersChange: -84269 };
    const doc = laiChau({ summary: { previousYear, reports: { ...laiChau().summary.reports, approved: 124 }, figures: { ...laiChau().summary.figures, members: 90731 } } });
    const [first, comparison] = generalParagraphs(doc);
    expect(first).toContain('Năm 2020, toàn tỉnh có 179 tổ chức Hội, trong đó: Hội có phạm vi hoạt động cấp tỉnh: 24 tổ chức;');
    expect(first).toContain('Theo báo cáo của 124 hội đã được duyệt (trên 179 hội phải báo cáo), các Hội có 90.731 hội viên.');
    expect(first).not.toMatch(/179 tổ chức Hội, với/u);
    // A drop of 84.269 members would be the missing reports, not the associations: no comparison of members.
    expect(comparison).toBe('So với năm 2019 (168 tổ chức Hội), số tổ chức Hội tăng 11; số hội viên chưa so sánh được vì chưa đủ báo cáo được duyệt.');
    expect(tables(buildReportPlan(doc).body)[0]?.title).toBe('Bảng 1. Tổ chức Hội và hội viên theo cấp (hội viên theo các báo cáo đã được duyệt)');
    const none = laiChau({ summary: { reports: { ...laiChau().summary.reports, approved: 0 } } });
    expect(generalParagraphs(none)[0]).toContain('Chưa có báo cáo nào được duyệt nên chưa tổng hợp được số hội viên.');
  });
});

describe('the plan', () => {
  it('has the header, title, sections, tables, signature and appendix in order', () => {
    const plan = buildReportPlan(laiChau());
    expect(plan.body.map((b) => b.kind)).toEqual([
      'header', 'title',
      'heading', 'paragraph', 'table', // I
      'heading', 'paragraph', 'paragraph', 'table', // II: activities, ratings
      'heading', 'paragraph', 'table', // III
      'heading', 'paragraph', // IV
      'paragraph', // "Trên đây là …./."
      'signature',
    ]);
    const header = plan.body[0];
    expect(header?.kind === 'header' && header.motto.map((l) => l.text)).toEqual(['ĐẢNG CỘNG SẢN VIỆT NAM']);
    expect(header?.kind === 'header' && header.issuer.map((l) => [l.text, !!l.bold])).toEqual([
      ['TỈNH ỦY LAI CHÂU', false],
      ['BAN DÂN VẬN', true],
    ]);
    const sig = plan.body[plan.body.length - 1];
    // No signer configured: the head of the Ban signs, the name left to be written.
    expect(sig?.kind === 'signature' && sig.authority.map((l) => l.text)).toEqual(['TRƯỞNG BAN']);
    expect(sig?.kind === 'signature' && sig.name).toBeNull();
    const withAppendix = buildReportPlan(laiChau({ appendix: [{ association: 'A', name: 'Hội A', unit: 'X', unitName: 'Xã X', level: 'commune', reason: 'missing' }] }));
    expect(withAppendix.appendices.map((a) => a.title.map((l) => l.text)[0])).toEqual(['PHỤ LỤC']);
    for (const t of [...tables(plan.body), ...plan.appendices.flatMap((a) => tables(a.blocks))]) {
      expect(t.columns.reduce((s, c) => s + c.width, 0)).toBeCloseTo(1, 9);
    }
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan); // plain data, no format notions
  });

  it('writes issuers as names inside a sentence, signer lines and recipients in the form of the kind', () => {
    expect(issuerAsName(['TỈNH ỦY LAI CHÂU', 'BAN DÂN VẬN'])).toBe('Ban Dân vận Tỉnh ủy Lai Châu');
    expect(issuerAsName(['ỦY BAN NHÂN DÂN QUẬN 8'])).toBe('Ủy ban nhân dân Quận 8');
    expect(issuerAsName(['ỦY BAN NHÂN DÂN TỈNH LAI CHÂU', 'SỞ NỘI VỤ'])).toBe('Sở Nội vụ tỉnh Lai Châu');
    expect(issuerAsName(['ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH'])).toBe('Ủy ban nhân dân thành phố Hồ Chí Minh');
    expect(issuerAsName(['BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY'])).toBe('Ban Tuyên giáo và Dân vận Tỉnh ủy');
    expect(issuerAsName(['ĐẢNG BỘ TỈNH HÀ GIANG', 'HUYỆN ỦY ĐỒNG VĂN'])).toBe('Huyện ủy Đồng Văn');
    expect(authorityLine('KT. TRƯỞNG BAN', 'party')).toBe('K/T TRƯỞNG BAN');
    expect(authorityLine('T/M ỦY BAN NHÂN DÂN', 'state')).toBe('TM. ỦY BAN NHÂN DÂN');
    expect(authorityLine('PHÓ CHỦ TỊCH', 'state')).toBe('PHÓ CHỦ TỊCH');
    expect(recipientLines(['- Như trên;', 'Lưu: VT'], 'state')).toEqual(['- Như trên;', '- Lưu: VT.']);
    expect(recipientLines(['Ban Dân vận Trung ương (b/c)', 'Lưu Văn phòng.'], 'party')).toEqual(['- Ban Dân vận Trung ương (b/c),', '- Lưu Văn phòng.']);
    expect(defaultSigner(['ỦY BAN NHÂN DÂN QUẬN 8'], 'state').lines).toEqual(['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']);
    expect(defaultSigner(['HUYỆN ỦY ĐỒNG VĂN'], 'party').lines).toEqual(['T/M BAN THƯỜNG VỤ']);
    expect(issuerPieces('ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH')).toEqual(['ỦY BAN NHÂN DÂN', 'THÀNH PHỐ HỒ CHÍ MINH']);
    expect(textParagraphs('Một.\n\n  Hai   ba.\nBốn.')).toEqual(['Một.', 'Hai ba.', 'Bốn.']);
  });

  it('writes the national motto for a State issuer', () => {
    const header = headerBlock(laiChau({ state: true }));
    expect(header.motto.map((l) => l.text)).toEqual(['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc']);
    expect(header.issuerMark).toBe('rule');
  });

  it('labels the levels by the unit types of the registry', () => {
    expect(levelRows(laiChau()).map((r) => r.cells[0])).toEqual(['Cấp tỉnh', 'Cấp huyện, thành phố', 'Cấp xã', 'Tổng cộng']);
    expect(levelRows(laiChau()).map((r) => r.cells[4])).toEqual(['60.200', '70.100', '50.155', '180.455']);
  });

  it("lists the appendix in the domain's order (level, locality, name)", () => {
    const item = (association: string, name: string, unitName: string, level: AppendixItem['level']): AppendixItem => ({
      association,
      name,
      unit: 'X',
      unitName,
      level,
      reason: 'missing',
    });
    const appendix = [
      item('A4', 'Hội Đông y xã Sơn Bình', 'Huyện Tam Đường', 'commune'),
      item('A3', 'Hội Khuyến học xã Dào San', 'Huyện Phong Thổ', 'commune'),
      item('A2', 'Hội Luật gia huyện', 'Huyện Tam Đường', 'district'),
      item('A1', 'Hội Chữ thập đỏ xã Ka Lăng', 'Huyện Mường Tè', 'commune'),
    ];
    const names = appendixRows(laiChau({ appendix })).map((r) => r.cells[1]);
    expect(names).toEqual(orderAppendix(appendix).map((a) => a.name));
    expect(names).toEqual(['Hội Luật gia huyện', 'Hội Chữ thập đỏ xã Ka Lăng', 'Hội Khuyến học xã Dào San', 'Hội Đông y xã Sơn Bình']);
    expect(appendixRows(laiChau({ appendix }))[0]?.cells).toEqual(['1', 'Hội Luật gia huyện', 'Huyện Tam Đường', 'Chưa nộp báo cáo']);
  });

  it('is pure: the same document gives the same plan', () => {
    expect(buildReportPlan(laiChau())).toEqual(buildReportPlan(laiChau()));
  });
});
