// The year-end report as a document plan (shared/document/plan.ts): the Vietnamese
// administrative document of SPEC section 6 (Nghị định 30/2020/NĐ-CP for State issuers,
// Hướng dẫn 36-HD/VPTW for Party issuers) — header block, title, the summary in prose, the
// tables, the signature block and the appendix — built from the summary by pure functions.
// Same ReportDocument → same plan. No layout here: a writer lays the plan out.
import { orderAppendix } from '../domain/appendix.ts';
import { APPENDIX_REASON_LABELS, LEVEL_LABELS, levelScopeWords, levelWord } from '../domain/labels.ts';
import type { ByLevel, Level, ReportDocument, Summary, UnitRollup } from '../domain/types.ts';
import { formatLongDate, formatNumber, formatPlaceDate, formatVnd, nfcDeep, twoDigits } from '../format/vietnamese.ts';
import type { Block, DocumentPlan, HeaderBlock, StyledLine, TableColumn, TableRow } from './plan.ts';

/** Body text 13 pt (the formats allow 13–14), tables 12 pt. */
const BODY_SIZE = 13;
const TABLE_SIZE = 12;

// ---------------------------------------------------------------------------------------------
// Prose

function levelsOf(doc: ReportDocument): { levels: Level[]; twoTier: boolean } {
  const s = doc.summary;
  const hasDistrictTier =
    s.units.some((u) => u.level === 'district') ||
    doc.completenessUnits.some((u) => u.level === 'district') ||
    s.associations.byLevel.district > 0;
  return { levels: hasDistrictTier ? ['province', 'district', 'commune'] : ['province', 'commune'], twoTier: !hasDistrictTier };
}

function provinceWord(summary: Summary): string {
  const province = summary.units.find((u) => u.level === 'province');
  return province && /^thành phố/iu.test(province.name) ? 'thành phố' : 'tỉnh';
}

/** The paragraphs of "I. TÌNH HÌNH CHUNG", in the seed report's words. */
export function generalParagraphs(doc: ReportDocument): string[] {
  const s = doc.summary;
  const a = s.associations;
  const year = s.year;
  const { levels, twoTier } = levelsOf(doc);
  const scope = (l: Level): string => levelScopeWords(l, twoTier);
  const short = levelWord;
  const nonZero = (by: ByLevel): Level[] => levels.filter((l) => by[l] > 0);
  const paragraphs: string[] = [];

  // Associations, members, levels, special, new, dissolved.
  const parts: string[] = [];
  if (a.total === 0) {
    parts.push(`Năm ${year}, toàn ${provinceWord(s)} không có tổ chức Hội nào phải báo cáo.`);
  } else {
    const clauses = nonZero(a.byLevel).map((l) => `Hội có phạm vi hoạt động ${scope(l)}: ${twoDigits(a.byLevel[l])} tổ chức`);
    const head = `Năm ${year}, toàn ${provinceWord(s)} có ${twoDigits(a.total)} tổ chức Hội, với ${twoDigits(s.figures.members)} hội viên`;
    parts.push(clauses.length > 0 ? `${head}, trong đó: ${clauses.join('; ')}.` : `${head}.`);
  }
  if (a.special.total > 0) {
    const by = nonZero(a.special.byLevel).map((l) => `${scope(l)}: ${twoDigits(a.special.byLevel[l])} Hội`);
    const detail = by.length > 0 ? ` (${by.join(', ')})` : '';
    parts.push(`Hội được công nhận là ${s.specialLabel}: ${twoDigits(a.special.total)} Hội${detail}.`);
  } else if (a.total > 0) {
    parts.push(`Không có Hội được công nhận là ${s.specialLabel}.`);
  }
  if (a.new.total > 0) {
    const by = nonZero(a.new.byLevel).map((l) => `${short(l)} ${twoDigits(a.new.byLevel[l])}`);
    const detail = by.length > 0 ? ` (${by.join(', ')})` : '';
    parts.push(`Năm ${year}, có ${twoDigits(a.new.total)} hội thành lập mới${detail}.`);
  } else {
    parts.push(`Năm ${year}, không có hội thành lập mới.`);
  }
  if (a.dissolved.total > 0) {
    const by = nonZero(a.dissolved.byLevel).map((l) => `${short(l)} ${twoDigits(a.dissolved.byLevel[l])}`);
    const detail = by.length > 0 ? ` (${by.join(', ')})` : '';
    parts.push(`Trong năm, có ${twoDigits(a.dissolved.total)} hội giải thể${detail}.`);
  }
  paragraphs.push(parts.join(' '));

  // Activities, from the approved reports.
  const f = s.figures;
  if (s.reports.approved > 0) {
    paragraphs.push(
      `Theo các báo cáo đã được duyệt, trong năm ${year} các Hội đã phát triển ${twoDigits(f.newMembers)} hội viên mới; ` +
        `có ${twoDigits(f.branches)} chi hội; tổ chức ${twoDigits(f.charityEvents)} hoạt động nhân đạo, từ thiện ` +
        `với tổng kinh phí ${formatVnd(f.charityFundsVnd)}; tổ chức ${twoDigits(f.legalEducationSessions)} buổi tuyên truyền, ` +
        `phổ biến, giáo dục pháp luật cho hội viên và Nhân dân.`,
    );
  }

  // Against the previous year.
  const p = s.previousYear;
  if (p) {
    const change = (n: number, what: string): string =>
      n > 0 ? `${what} tăng ${twoDigits(n)}` : n < 0 ? `${what} giảm ${twoDigits(-n)}` : `${what} không thay đổi`;
    paragraphs.push(
      `So với năm ${p.year} (${twoDigits(p.associations)} tổ chức Hội, ${twoDigits(p.members)} hội viên), ` +
        `${change(p.associationsChange, 'số tổ chức Hội')}, ${change(p.membersChange, 'số hội viên')}.`,
    );
  }
  return paragraphs;
}

/** The paragraph of "II. CÔNG TÁC BÁO CÁO". */
export function reportsParagraph(doc: ReportDocument): string {
  const r = doc.summary.reports;
  const year = doc.summary.year;
  if (r.expected === 0) return `Năm ${year}, không có hội nào phải báo cáo.`;
  const parts: string[] = [`Năm ${year}, có ${twoDigits(r.expected)} hội phải báo cáo`];
  if (r.submitted > 0) {
    const who = r.submitted === r.expected ? 'tất cả các hội đã nộp báo cáo' : `${twoDigits(r.submitted)} hội đã nộp báo cáo`;
    const timing =
      r.late === 0 ? 'đều đúng hạn' : r.onTime === 0 ? `đều nộp muộn` : `${twoDigits(r.onTime)} đúng hạn, ${twoDigits(r.late)} nộp muộn`;
    parts.push(`${who} (${timing})`);
  }
  parts.push(`${twoDigits(r.approved)} báo cáo đã được duyệt`);
  const pending = r.submitted - r.approved - r.returned;
  if (pending > 0) parts.push(`${twoDigits(pending)} báo cáo chưa được duyệt`);
  if (r.returned > 0) parts.push(`${twoDigits(r.returned)} báo cáo bị trả lại, chưa được nộp lại`);
  if (r.missing > 0) parts.push(`${twoDigits(r.missing)} hội chưa nộp báo cáo`);
  let text = `${parts.join('; ')}.`;
  if (doc.appendix.length > 0) {
    text += ' Số liệu tổng hợp trong báo cáo này chỉ tính các báo cáo đã được duyệt; các hội chưa báo cáo hoặc chưa được duyệt được liệt kê tại Phụ lục.';
  }
  return text;
}

/** The paragraph of "III. KHEN THƯỞNG". */
export function commendedParagraph(doc: ReportDocument): string {
  const n = doc.summary.commended;
  const year = doc.summary.year;
  if (n === 0) return `Năm ${year}, không có tập thể đủ điều kiện đề nghị khen thưởng.`;
  return (
    `Căn cứ kết quả đánh giá, xếp loại các tổ chức Hội năm ${year}, đề nghị khen thưởng ${twoDigits(n)} tập thể ` +
    `có thành tích xuất sắc trong công tác Hội, danh sách như sau:`
  );
}

// ---------------------------------------------------------------------------------------------
// Tables

const LEVEL_COLUMNS: TableColumn[] = [
  { header: 'Cấp', width: 0.24, align: 'left' },
  { header: 'Số hội', width: 0.17, align: 'right' },
  { header: 'Hội đặc thù', width: 0.19, align: 'right' },
  { header: 'Thành lập mới', width: 0.2, align: 'right' },
  { header: 'Hội viên', width: 0.2, align: 'right' },
];

const NUM = 0.09;
const COMPLETENESS_COLUMNS: TableColumn[] = [
  { header: 'STT', width: 0.07, align: 'center' },
  { header: 'Đơn vị', width: 1 - 0.07 - 6 * NUM - 0.11, align: 'left' },
  { header: 'Phải báo cáo', width: NUM, align: 'right' },
  { header: 'Đã nộp', width: NUM, align: 'right' },
  { header: 'Đã duyệt', width: NUM, align: 'right' },
  { header: 'Trả lại', width: NUM, align: 'right' },
  { header: 'Chưa nộp', width: NUM, align: 'right' },
  { header: 'Nộp muộn', width: NUM, align: 'right' },
  { header: 'Hội viên', width: 0.11, align: 'right' },
];

const COMMENDED_COLUMNS: TableColumn[] = [
  { header: 'STT', width: 0.07, align: 'center' },
  { header: 'Tên tập thể', width: 0.32, align: 'left' },
  { header: 'Địa phương', width: 0.19, align: 'left' },
  { header: 'Cấp', width: 0.13, align: 'left' },
  { header: 'Hình thức khen thưởng', width: 0.29, align: 'left' },
];

const APPENDIX_COLUMNS: TableColumn[] = [
  // Widths from the text they hold at 12 pt: "10000" (30 pt), "Thị trấn Than Uyên" (95 pt),
  // "Chưa nộp báo cáo" (87 pt), each plus padding; the name takes the rest and wraps least.
  { header: 'STT', width: 0.085, align: 'center' },
  { header: 'Tên hội', width: 0.48, align: 'left' },
  { header: 'Địa phương', width: 0.225, align: 'left' },
  { header: 'Tình trạng', width: 0.21, align: 'left' },
];

/** Table 1: associations and members by level, then the total. */
export function levelRows(doc: ReportDocument): TableRow[] {
  const s = doc.summary;
  const a = s.associations;
  const n = formatNumber;
  const rows: TableRow[] = levelsOf(doc).levels.map((l) => ({
    cells: [LEVEL_LABELS[l].vi, n(a.byLevel[l]), n(a.special.byLevel[l]), n(a.new.byLevel[l]), n(s.figures.membersByLevel[l])],
  }));
  rows.push({ cells: ['Tổng cộng', n(a.total), n(a.special.total), n(a.new.total), n(s.figures.members)], bold: true });
  return rows;
}

/** Table 2: completeness by unit, then the whole province. */
export function completenessRows(doc: ReportDocument): TableRow[] {
  const s = doc.summary;
  type Counts = Pick<UnitRollup, 'expected' | 'submitted' | 'approved' | 'returned' | 'missing' | 'late' | 'members'>;
  const counts = (u: Counts): string[] => [u.expected, u.submitted, u.approved, u.returned, u.missing, u.late, u.members].map((x) => formatNumber(x));
  const rows: TableRow[] = doc.completenessUnits.map((u, i) => ({ cells: [String(i + 1), u.name, ...counts(u)] }));
  const province = s.units.find((u) => u.level === 'province');
  rows.push({ cells: ['', `Toàn ${provinceWord(s)}`, ...counts(province ?? { ...s.reports, members: s.figures.members })], bold: true });
  return rows;
}

/** Table 3: the commended collectives, in the domain's order. */
export function commendedRows(doc: ReportDocument): TableRow[] {
  return doc.commended.map((c, i) => ({ cells: [String(i + 1), c.name, c.unitName, LEVEL_LABELS[c.level].vi, c.award] }));
}

/** The appendix table: in the domain's order (orderAppendix). */
export function appendixRows(doc: ReportDocument): TableRow[] {
  return orderAppendix(doc.appendix).map((it, i) => ({ cells: [String(i + 1), it.name, it.unitName, APPENDIX_REASON_LABELS[it.reason].vi] }));
}

/** "(Kèm theo Báo cáo số 25-BC/BDVTU, ngày 18 tháng 12 năm 2020)" */
export function appendixNote(doc: ReportDocument): string {
  const number = doc.config.documentNumber.replace(/^\s*số\s*:?\s*/iu, '').trim();
  return `(Kèm theo Báo cáo${number ? ` số ${number}` : ''}, ${formatLongDate(doc.reportDate)})`;
}

// ---------------------------------------------------------------------------------------------
// The document

/** The header block: the issuer (the last line bold), the Party's name or the national motto. */
export function headerBlock(doc: ReportDocument): HeaderBlock {
  const { config } = doc;
  const issuer = config.issuer.length > 0 ? config.issuer : [''];
  const party = config.issuerKind === 'party';
  const motto: StyledLine[] = party
    ? [{ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', size: 14, bold: true, minSize: 9 }]
    : [
        { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', size: 12.5, bold: true, minSize: 9 },
        { text: 'Độc lập - Tự do - Hạnh phúc', size: BODY_SIZE, bold: true, minSize: 9 },
      ];
  return {
    kind: 'header',
    leftWidth: 0.42,
    issuer: issuer.map((text, i) => ({ text, size: BODY_SIZE, bold: i === issuer.length - 1, minSize: 10 })),
    issuerMark: party ? 'star' : 'rule',
    motto,
    number: config.documentNumber,
    placeDate: formatPlaceDate(config.place, doc.reportDate),
  };
}

const paragraph = (text: string): Block => ({ kind: 'paragraph', runs: [{ text }] });

/** The plan of the year-end report. Pure: same document → same plan. */
export function buildReportPlan(input: ReportDocument): DocumentPlan {
  const doc = nfcDeep(input);
  formatLongDate(doc.reportDate); // validates
  const year = doc.summary.year;
  const issuer = doc.config.issuer;
  const last = issuer[issuer.length - 1] ?? '';

  const body: Block[] = [
    headerBlock(doc),
    {
      kind: 'title',
      lines: [
        { text: 'BÁO CÁO', size: 14, bold: true },
        { text: `Tổng kết công tác Hội quần chúng năm ${year}`, size: BODY_SIZE, bold: true },
      ],
    },
    { kind: 'heading', text: 'I. TÌNH HÌNH CHUNG' },
    ...generalParagraphs(doc).map(paragraph),
    { kind: 'table', title: 'Bảng 1. Tổ chức Hội và hội viên theo cấp', columns: LEVEL_COLUMNS, rows: levelRows(doc), empty: 'Không có.' },
    { kind: 'heading', text: 'II. CÔNG TÁC BÁO CÁO' },
    paragraph(reportsParagraph(doc)),
    { kind: 'table', title: 'Bảng 2. Tình hình báo cáo theo đơn vị', columns: COMPLETENESS_COLUMNS, rows: completenessRows(doc), empty: 'Không có.' },
    { kind: 'heading', text: 'III. KHEN THƯỞNG' },
    paragraph(commendedParagraph(doc)),
  ];
  const commended = commendedRows(doc);
  if (commended.length > 0) {
    body.push({ kind: 'table', title: 'Bảng 3. Danh sách tập thể đề nghị khen thưởng', columns: COMMENDED_COLUMNS, rows: commended, empty: 'Không có.' });
  }
  body.push({
    kind: 'signature',
    authority: [{ text: last ? `T/M ${last}` : '', size: BODY_SIZE, bold: true }],
    recipients: {
      title: { text: 'Nơi nhận:', size: 12, bold: true, italic: true },
      lines: ['- Các đơn vị liên quan;', '- Lưu VT.'].map((text) => ({ text, size: 11 })),
    },
  });

  return {
    meta: {
      title: `Báo cáo tổng kết công tác Hội quần chúng năm ${year}`,
      author: issuer.join(' - '),
      subject: `Tổng kết công tác Hội quần chúng năm ${year}`,
      keywords: `tổng kết, hội quần chúng, ${year}`,
      language: 'vi-VN',
      date: doc.reportDate,
    },
    page: {
      size: 'A4',
      margins: { top: 20, bottom: 20, left: 30, right: 15 },
      numbering: { template: 'Trang {n}/{N}', size: 11 },
    },
    sizes: { body: BODY_SIZE, table: TABLE_SIZE },
    body,
    appendices: [
      {
        title: [
          { text: 'PHỤ LỤC', size: 14, bold: true },
          { text: 'Các hội chưa báo cáo hoặc chưa được duyệt', size: BODY_SIZE, bold: true },
          { text: appendixNote(doc), size: BODY_SIZE, italic: true },
        ],
        blocks: [{ kind: 'table', title: null, columns: APPENDIX_COLUMNS, rows: appendixRows(doc), empty: 'Không có.' }],
      },
    ],
  };
}
