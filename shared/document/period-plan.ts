// A period review (sơ kết, tổng kết several years; SPEC section 12) as a document plan: the
// official format of the issuer's kind (the header, signature and "Nơi nhận" of the year-end
// report, shared/document/report-plan.ts), the title from the period's configuration, a table
// by year, the change over the period in prose, the commended collectives and the sections the
// officer wrote. Pure: same PeriodDocument → same plan.
import { unitLevelLabel } from '../domain/report-scope.ts';
import type { PeriodDocument, PeriodYear } from '../domain/types.ts';
import { formatLongDate, formatNumber, nfcDeep, twoDigits } from '../format/vietnamese.ts';
import type { Block, DocumentPlan, TableColumn, TableRow } from './plan.ts';
import { ROMAN, capitalise, changeWords, formatOf, headerBlock, paragraph, partialMembersSentence, signatureBlock, textParagraphs, wholeScope } from './report-plan.ts';

/** "2016 - 2020", as the period is named in prose. */
const span = (doc: PeriodDocument): string => `${doc.summary.from} - ${doc.summary.to}`;

/** The years in prose: "năm 2019", "các năm 2017, 2019". */
const yearsWord = (years: readonly number[]): string => (years.length === 1 ? `năm ${years[0]}` : `các năm ${years.join(', ')}`);


/** The paragraphs over the years: where the period ends, the change since its first year, and what is missing. */
export function periodParagraphs(doc: PeriodDocument): string[] {
  const s = doc.summary;
  const first = s.years[0];
  const last = s.years[s.years.length - 1];
  const paragraphs: string[] = [];
  if (!first || !last) return [`Giai đoạn ${span(doc)} chưa có năm nào được tổng kết và công bố.`];
  // A year's members are summed over its approved reports: the prose only calls them the
  // locality's members, or compares them, where every expected report was approved.
  const complete = (y: PeriodYear): boolean => y.reports.approved >= y.reports.expected;
  const lastMembers = complete(last)
    ? `, với ${twoDigits(last.members)} hội viên.`
    : `. ${partialMembersSentence(last.reports.approved, last.reports.expected, last.members)}`;
  const comparison =
    last.year === first.year
      ? ''
      : complete(first) && complete(last)
        ? ` So với năm ${first.year} (${twoDigits(first.associations.total)} tổ chức Hội, ${twoDigits(first.members)} hội viên), ` +
          `${changeWords(s.change.associations, 'số tổ chức Hội')}, ${changeWords(s.change.members, 'số hội viên')}.`
        : ` So với năm ${first.year} (${twoDigits(first.associations.total)} tổ chức Hội), ${changeWords(s.change.associations, 'số tổ chức Hội')}; ` +
          `số hội viên chưa so sánh được vì chưa đủ báo cáo được duyệt.`;
  paragraphs.push(`Giai đoạn ${span(doc)}, đến năm ${last.year}, ${wholeScope(doc)} có ${twoDigits(last.associations.total)} tổ chức Hội${lastMembers}${comparison}`);
  const founded = s.years.reduce((n, y) => n + y.new.total, 0);
  const dissolved = s.years.reduce((n, y) => n + y.dissolved.total, 0);
  paragraphs.push(
    `Trong giai đoạn, có ${twoDigits(founded)} hội thành lập mới` + (dissolved > 0 ? ` và ${twoDigits(dissolved)} hội giải thể.` : ', không có hội giải thể.'),
  );
  if (s.missingYears.length > 0) {
    paragraphs.push(`Số liệu ${yearsWord(s.missingYears)} chưa được tổng kết, công bố nên không được tổng hợp trong báo cáo này.`);
  }
  return paragraphs;
}

const YEAR_COLUMNS: TableColumn[] = [
  { header: 'Năm', width: 0.13, align: 'center' },
  { header: 'Số hội', width: 0.12, align: 'right' },
  { header: 'Hội đặc thù', width: 0.12, align: 'right' },
  { header: 'Thành lập mới', width: 0.13, align: 'right' },
  { header: 'Giải thể', width: 0.11, align: 'right' },
  { header: 'Hội viên', width: 0.13, align: 'right' },
  { header: 'Báo cáo được duyệt', width: 0.14, align: 'right' },
  { header: 'Nộp đúng hạn', width: 0.12, align: 'right' },
];

/** The table by year, then the change from the first published year to the last. */
export function yearRows(doc: PeriodDocument): TableRow[] {
  const n = formatNumber;
  const row = (y: PeriodYear): TableRow => ({
    cells: [String(y.year), n(y.associations.total), n(y.special.total), n(y.new.total), n(y.dissolved.total), n(y.members), n(y.reports.approved), n(y.reports.onTime)],
  });
  const rows = doc.summary.years.map(row);
  const signed = (x: number): string => (x > 0 ? `+${n(x)}` : x < 0 ? `-${n(-x)}` : '0');
  if (doc.summary.years.length > 1) {
    const c = doc.summary.change;
    rows.push({ cells: ['Tăng, giảm', signed(c.associations), '', '', '', signed(c.members), '', ''], bold: true });
  }
  return rows;
}

const COMMENDED_COLUMNS: TableColumn[] = [
  { header: 'STT', width: 0.07, align: 'center' },
  { header: 'Tên tập thể', width: 0.3, align: 'left' },
  { header: 'Địa phương', width: 0.17, align: 'left' },
  { header: 'Cấp', width: 0.12, align: 'left' },
  { header: 'Điểm bình quân', width: 0.1, align: 'right' },
  { header: 'Hình thức khen thưởng', width: 0.24, align: 'left' },
];

export function periodCommendedRows(doc: PeriodDocument): TableRow[] {
  return doc.commended.map((c, i) => ({
    cells: [String(i + 1), c.name, c.unitName, unitLevelLabel(doc.scope.unitWords, c.unit, c.level), formatNumber(c.score), c.award],
  }));
}

export function periodCommendedParagraph(doc: PeriodDocument): string {
  const n = doc.commended.length;
  if (n === 0) return `Giai đoạn ${span(doc)}, không có tập thể đủ điều kiện đề nghị khen thưởng.`;
  return (
    `Căn cứ kết quả đánh giá, xếp loại các tổ chức Hội qua các năm của giai đoạn ${span(doc)}, đề nghị khen thưởng ` +
    `${twoDigits(n)} tập thể có thành tích tốt, danh sách như sau:`
  );
}

/** "Sơ kết 05 năm …" → "sơ kết 05 năm …", the title inside the closing sentence. */
const inSentence = (title: string): string => (title === '' ? title : title[0]!.toLocaleLowerCase('vi') + title.slice(1));

/** The plan of a period review. Pure: same document → same plan. */
export function buildPeriodPlan(input: PeriodDocument): DocumentPlan {
  const doc = nfcDeep(input);
  formatLongDate(doc.reportDate); // validates
  const f = formatOf(doc);
  const { narrative, title } = doc.config;

  const sections: { title: string; blocks: Block[] }[] = [];
  sections.push({
    title: 'TÌNH HÌNH CÁC HỘI QUA CÁC NĂM',
    blocks: [
      ...periodParagraphs(doc).map(paragraph),
      { kind: 'table', title: `Bảng 1. Tổ chức Hội và hội viên qua các năm ${span(doc)}`, columns: YEAR_COLUMNS, rows: yearRows(doc), empty: 'Không có.' },
    ],
  });
  const results = textParagraphs(narrative.results);
  if (results.length > 0) sections.push({ title: 'KẾT QUẢ NỔI BẬT', blocks: results.map(paragraph) });
  const limitations = textParagraphs(narrative.limitations);
  if (limitations.length > 0) sections.push({ title: 'HẠN CHẾ, NGUYÊN NHÂN', blocks: limitations.map(paragraph) });
  const commended: Block[] = [paragraph(periodCommendedParagraph(doc))];
  const rows = periodCommendedRows(doc);
  if (rows.length > 0) {
    commended.push({ kind: 'table', title: 'Bảng 2. Danh sách tập thể đề nghị khen thưởng', columns: COMMENDED_COLUMNS, rows, empty: 'Không có.' });
  }
  sections.push({ title: 'KHEN THƯỞNG', blocks: commended });
  const direction = textParagraphs(narrative.direction);
  if (direction.length > 0) sections.push({ title: 'PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI', blocks: direction.map(paragraph) });
  const proposals = textParagraphs(narrative.proposals);
  if (proposals.length > 0) sections.push({ title: 'KIẾN NGHỊ, ĐỀ XUẤT', blocks: proposals.map(paragraph) });

  const body: Block[] = [
    headerBlock(doc),
    {
      kind: 'title',
      lines: [
        { text: 'BÁO CÁO', size: f.title, bold: true },
        { text: title, size: f.subject, bold: true },
      ],
      under: f.under,
    },
  ];
  sections.forEach((section, i) => {
    body.push({ kind: 'heading', text: `${ROMAN[i] ?? String(i + 1)}. ${section.title}` });
    body.push(...section.blocks);
  });
  body.push({ kind: 'paragraph', runs: [{ text: `Trên đây là báo cáo ${inSentence(title)}./.` }], keepWithNext: true });
  body.push(signatureBlock(doc));

  return {
    meta: {
      title: `Báo cáo ${inSentence(title)}`,
      author: doc.config.issuer.join(' - '),
      subject: capitalise(title),
      keywords: `sơ kết, tổng kết, hội quần chúng, ${span(doc)}`,
      language: 'vi-VN',
      date: doc.reportDate,
    },
    page: {
      size: 'A4',
      margins: { top: 20, bottom: 20, left: 30, right: 15 },
      numbering: { template: '{n}', size: f.pageNumber, from: 2 },
      mark: null,
    },
    sizes: { body: f.body, table: f.table },
    body,
    appendices: [],
  };
}
