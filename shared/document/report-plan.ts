// The year-end report as a document plan (shared/document/plan.ts): the Vietnamese
// administrative document of SPEC section 6 — Hướng dẫn 36-HD/VPTW for a Party issuer, Nghị
// định 30/2020/NĐ-CP Phụ lục I for a State one — built from the summary by pure functions:
// header block, title, the sections (the officer's narrative in its places, the figures in
// prose and tables), "./.", the signature block and "Nơi nhận", then the appendices that have
// something to list. Same ReportDocument → same plan. No layout here: a writer lays it out.
import { orderAppendix } from '../domain/appendix.ts';
import { unitLevelLabel } from '../domain/report-scope.ts';
import { APPENDIX_REASON_LABELS, RATING_LABELS, levelWord } from '../domain/labels.ts';
import { LEVELS, SELF_RATINGS } from '../domain/types.ts';
import type { ByLevel, DocumentConfig, Level, ProposalItem, ReportDocument, ReportScope, Signer, UnitRollup } from '../domain/types.ts';
import { formatLongDate, formatNumber, formatPlaceDate, formatVnd, nfcDeep, twoDigits } from '../format/vietnamese.ts';
import type { Block, DocumentPlan, HeaderBlock, Run, SignatureBlock, StyledLine, TableColumn, TableRow } from './plan.ts';

// ---------------------------------------------------------------------------------------------
// The format of each kind of issuer (sizes in points)

export interface Format {
  issuer: number;
  issuerMin: number;
  motto: StyledLine[];
  number: number;
  placeDate: number;
  placeDateMin: number;
  title: number;
  subject: number;
  body: number;
  table: number;
  pageNumber: number;
  signature: number;
  recipientsTitle: Omit<StyledLine, 'text'>;
  recipients: number;
  /** how the recipient lines end: "," then "." (Party), ";" then "." (State) */
  recipientSeparator: string;
  under: 'rule' | 'dashes';
  issuerMark: 'star' | 'rule';
  leftWidth: number;
}

/** Hướng dẫn 36-HD/VPTW: the Party's name 15, the title 16, the subject and the body 14. */
const PARTY: Format = {
  issuer: 14,
  issuerMin: 12,
  motto: [{ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', size: 15, bold: true, minSize: 13, underline: true }],
  number: 14,
  placeDate: 14,
  placeDateMin: 13,
  title: 16,
  subject: 14,
  body: 14,
  table: 12,
  pageNumber: 14,
  signature: 14,
  recipientsTitle: { size: 14, underline: true },
  recipients: 12,
  recipientSeparator: ',',
  under: 'dashes',
  issuerMark: 'star',
  leftWidth: 0.44,
};

/** Nghị định 30/2020/NĐ-CP Phụ lục I: national name 13, motto 14, issuer 13, title and body 14. */
const STATE: Format = {
  issuer: 13,
  issuerMin: 12,
  motto: [
    { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', size: 13, bold: true, minSize: 12 },
    { text: 'Độc lập - Tự do - Hạnh phúc', size: 14, bold: true, minSize: 13, underline: true },
  ],
  number: 13,
  placeDate: 14,
  placeDateMin: 13,
  title: 14,
  subject: 14,
  body: 14,
  table: 12,
  pageNumber: 14,
  signature: 14,
  recipientsTitle: { size: 12, bold: true, italic: true },
  recipients: 11,
  recipientSeparator: ';',
  under: 'rule',
  issuerMark: 'rule',
  leftWidth: 0.4,
};

/** What a document's header, signature and words are built from: a cycle's or a period's. */
export interface IssuedDocument {
  config: DocumentConfig;
  /** YYYY-MM-DD */
  reportDate: string;
  scope: ReportScope;
}

export const formatOf = (doc: Pick<IssuedDocument, 'config'>): Format => (doc.config.issuerKind === 'party' ? PARTY : STATE);

// ---------------------------------------------------------------------------------------------
// Words of the scope

export const capitalise = (s: string): string => (s === '' ? s : s[0]!.toLocaleUpperCase('vi') + s.slice(1));

/** The levels the report speaks of: the root's and those below it that the registry has. */
function levelsOf(doc: ReportDocument): Level[] {
  const { scope, summary } = doc;
  const from = LEVELS.indexOf(scope.root.level);
  return LEVELS.filter(
    (l, i) => i >= from && (l === scope.root.level || scope.wordsByLevel[l].length > 0 || summary.associations.byLevel[l] > 0),
  );
}

/** "cấp tỉnh", "cấp huyện, thành phố", "cấp phường": the level in the words of its unit types. */
export function levelScope(doc: Pick<IssuedDocument, 'scope'>, level: Level): string {
  const words = level === doc.scope.root.level ? [doc.scope.root.word] : doc.scope.wordsByLevel[level];
  return `cấp ${words.length > 0 ? words.join(', ') : levelWord(level).replace(/^cấp /u, '')}`;
}

/** "cấp huyện": the level by its most common type, where a clause counts it ("cấp huyện 01, cấp xã 10"). */
export function levelShort(doc: Pick<IssuedDocument, 'scope'>, level: Level): string {
  const words = level === doc.scope.root.level ? [doc.scope.root.word] : doc.scope.wordsByLevel[level];
  return `cấp ${words[0] ?? levelWord(level).replace(/^cấp /u, '')}`;
}

/** "Cấp huyện, thành phố": the level in a table cell. */
export const levelLabel = (doc: Pick<IssuedDocument, 'scope'>, level: Level): string => capitalise(levelScope(doc, level));

/** "toàn tỉnh", "toàn thành phố", "toàn quận". */
export const wholeScope = (doc: Pick<IssuedDocument, 'scope'>): string => `toàn ${doc.scope.root.word}`;

// ---------------------------------------------------------------------------------------------
// Prose

const nonZero = (levels: Level[], by: ByLevel): Level[] => levels.filter((l) => by[l] > 0);

/** The paragraphs of "TÌNH HÌNH CHUNG", in the seed report's words. */
export function generalParagraphs(doc: ReportDocument): string[] {
  const s = doc.summary;
  const a = s.associations;
  const year = s.year;
  const levels = levelsOf(doc);
  const scope = (l: Level): string => levelScope(doc, l);
  const paragraphs: string[] = [];

  const parts: string[] = [];
  if (a.total === 0) {
    parts.push(`Năm ${year}, ${wholeScope(doc)} không có tổ chức Hội nào phải báo cáo.`);
  } else {
    const clauses = nonZero(levels, a.byLevel).map((l) => `Hội có phạm vi hoạt động ${scope(l)}: ${twoDigits(a.byLevel[l])} tổ chức`);
    // The members are summed over approved reports only: with some missing, the sum is not the
    // locality's membership, and the prose says whose reports it comes from.
    const members = membersAreComplete(doc) ? `, với ${twoDigits(s.figures.members)} hội viên` : '';
    const head = `Năm ${year}, ${wholeScope(doc)} có ${twoDigits(a.total)} tổ chức Hội${members}`;
    parts.push(clauses.length > 0 ? `${head}, trong đó: ${clauses.join('; ')}.` : `${head}.`);
    if (!membersAreComplete(doc)) parts.push(partialMembersSentence(s.reports.approved, s.reports.expected, s.figures.members));
  }
  if (a.special.total > 0) {
    const by = nonZero(levels, a.special.byLevel).map((l) => `${scope(l)}: ${twoDigits(a.special.byLevel[l])} Hội`);
    const detail = by.length > 0 ? ` (${by.join(', ')})` : '';
    parts.push(`Hội được công nhận là ${s.specialLabel}: ${twoDigits(a.special.total)} Hội${detail}.`);
  } else if (a.total > 0) {
    parts.push(`Không có Hội được công nhận là ${s.specialLabel}.`);
  }
  if (a.new.total > 0) {
    const by = nonZero(levels, a.new.byLevel).map((l) => `${levelShort(doc, l)} ${twoDigits(a.new.byLevel[l])}`);
    const detail = by.length > 0 ? ` (${by.join(', ')})` : '';
    parts.push(`Năm ${year}, có ${twoDigits(a.new.total)} hội thành lập mới${detail}.`);
  } else {
    parts.push(`Năm ${year}, không có hội thành lập mới.`);
  }
  if (a.dissolved.total > 0) {
    const by = nonZero(levels, a.dissolved.byLevel).map((l) => `${levelShort(doc, l)} ${twoDigits(a.dissolved.byLevel[l])}`);
    const detail = by.length > 0 ? ` (${by.join(', ')})` : '';
    parts.push(`Trong năm, có ${twoDigits(a.dissolved.total)} hội giải thể${detail}.`);
  }
  paragraphs.push(parts.join(' '));

  const p = s.previousYear;
  if (p) {
    paragraphs.push(
      membersAreComplete(doc)
        ? `So với năm ${p.year} (${twoDigits(p.associations)} tổ chức Hội, ${twoDigits(p.members)} hội viên), ` +
            `${changeWords(p.associationsChange, 'số tổ chức Hội')}, ${changeWords(p.membersChange, 'số hội viên')}.`
        : `So với năm ${p.year} (${twoDigits(p.associations)} tổ chức Hội), ${changeWords(p.associationsChange, 'số tổ chức Hội')}; ` +
            `số hội viên chưa so sánh được vì chưa đủ báo cáo được duyệt.`,
    );
  }
  return paragraphs;
}

/** Whether every association expected to report was approved, so the members summed are the whole locality's. */
export function membersAreComplete(doc: ReportDocument): boolean {
  return doc.summary.reports.approved >= doc.summary.reports.expected;
}

/** "Theo báo cáo của 124 hội đã được duyệt (trên 179 hội phải báo cáo), các Hội có 90.731 hội viên." */
export function partialMembersSentence(approved: number, expected: number, members: number): string {
  return approved === 0
    ? 'Chưa có báo cáo nào được duyệt nên chưa tổng hợp được số hội viên.'
    : `Theo báo cáo của ${twoDigits(approved)} hội đã được duyệt (trên ${twoDigits(expected)} hội phải báo cáo), các Hội có ${twoDigits(members)} hội viên.`;
}

/** "số hội viên tăng 5.455", "… giảm 02", "… không thay đổi": a change in prose. */
export function changeWords(n: number, what: string): string {
  return n > 0 ? `${what} tăng ${twoDigits(n)}` : n < 0 ? `${what} giảm ${twoDigits(-n)}` : `${what} không thay đổi`;
}

/** What the approved reports say of the year's activities, or null when none was approved. */
export function activitiesParagraph(doc: ReportDocument): string | null {
  const s = doc.summary;
  const f = s.figures;
  if (s.reports.approved === 0) return null;
  return (
    `Theo các báo cáo đã được duyệt, trong năm ${s.year} các Hội đã phát triển ${twoDigits(f.newMembers)} hội viên mới; ` +
    `có ${twoDigits(f.branches)} chi hội; tổ chức ${twoDigits(f.charityEvents)} hoạt động nhân đạo, từ thiện ` +
    `với tổng kinh phí ${formatVnd(f.charityFundsVnd)}; tổ chức ${twoDigits(f.legalEducationSessions)} buổi tuyên truyền, ` +
    `phổ biến, giáo dục pháp luật cho hội viên và Nhân dân.`
  );
}

/** How the approved reports were rated, in a sentence, or null when none was approved. */
export function ratingsParagraph(doc: ReportDocument): string | null {
  const { ratings, reports } = doc.summary;
  if (reports.approved === 0) return null;
  const clauses = SELF_RATINGS.filter((r) => ratings[r].total > 0).map(
    (r) => `${twoDigits(ratings[r].total)} Hội ${RATING_LABELS[r].vi.toLocaleLowerCase('vi')}`,
  );
  return `Kết quả đánh giá, xếp loại ${twoDigits(reports.approved)} Hội có báo cáo đã được duyệt: ${clauses.join('; ')}.`;
}

/** The paragraph of "CÔNG TÁC BÁO CÁO". */
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
    text += ` Số liệu tổng hợp trong báo cáo này chỉ tính các báo cáo đã được duyệt; các hội chưa báo cáo hoặc chưa được duyệt được liệt kê tại ${appendixNames(doc).notReporting}.`;
  }
  return text;
}

/** The paragraph of "KHEN THƯỞNG". */
export function commendedParagraph(doc: ReportDocument): string {
  const n = doc.summary.commended;
  const year = doc.summary.year;
  if (n === 0) return `Năm ${year}, không có tập thể đủ điều kiện đề nghị khen thưởng.`;
  return (
    `Căn cứ kết quả đánh giá, xếp loại các tổ chức Hội năm ${year}, đề nghị khen thưởng ${twoDigits(n)} tập thể ` +
    `có thành tích xuất sắc trong công tác Hội, danh sách như sau:`
  );
}

/** The officer's text as paragraphs: blank lines, and single line breaks, separate them. */
export function textParagraphs(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\n/u)
    .map((p) => p.replace(/\s+/gu, ' ').trim())
    .filter((p) => p !== '');
}

/**
 * The issuer as a name inside a sentence: ["TỈNH ỦY LAI CHÂU", "BAN DÂN VẬN"] → "Ban Dân vận
 * Tỉnh ủy Lai Châu"; ["ỦY BAN NHÂN DÂN QUẬN 8"] → "Ủy ban nhân dân Quận 8". The issuing body
 * (the last line) first, then the bodies above it; capitals as Vietnamese writes names of
 * bodies: the kind of body, its own name, and place names.
 */
export function issuerAsName(issuer: readonly string[]): string {
  const lines = issuer.map((l) => l.trim()).filter((l) => l !== '' && l !== '*').reverse();
  const parts: string[] = [];
  for (const [i, line] of lines.entries()) {
    // "Sở Nội vụ tỉnh Lai Châu", not "Sở Nội vụ Ủy ban nhân dân tỉnh Lai Châu".
    const under = i > 0 ? /^(?:ỦY|UỶ) BAN NHÂN DÂN\s+(.+)$/iu.exec(line) : null;
    const text = under ? under[1]! : line;
    parts.push(sentenceCaseBody(text, i > 0));
    // A body that names its place ("Huyện ủy Đồng Văn") needs no body above it.
    if (namesPlace(text)) break;
  }
  return parts.join(' ');
}

const namesPlace = (line: string): boolean => {
  const words = ` ${line.toLocaleLowerCase('vi').replace(/uỷ/gu, 'ủy').replace(/\s+/gu, ' ')} `;
  return [...COMMITTEES, ...PLACE_WORDS].some((w) => words.includes(` ${w} `) && !words.trimEnd().endsWith(` ${w}`));
};

const PLACE_WORDS = ['tỉnh', 'thành phố', 'huyện', 'quận', 'thị xã', 'xã', 'phường', 'thị trấn', 'đặc khu'];
const COMMITTEES = ['tỉnh ủy', 'thành ủy', 'huyện ủy', 'quận ủy', 'thị ủy', 'đảng ủy', 'đặc khu ủy', 'đảng bộ', 'chi bộ'];
const BODIES = ['ban', 'sở', 'phòng', 'văn phòng', 'cục', 'chi cục', 'ủy ban kiểm tra', 'ban thường vụ', 'ban chấp hành'];

function sentenceCaseBody(line: string, following: boolean): string {
  const lower = line.toLocaleLowerCase('vi').replace(/uỷ/gu, 'ủy').replace(/\s+/gu, ' ');
  const words = lower.split(' ');
  const title = (w: string): string => capitalise(w);
  const startsWith = (i: number, phrase: string): boolean => words.slice(i, i + phrase.split(' ').length).join(' ') === phrase;
  const out = [...words];
  let i = 0;
  // "Ủy ban nhân dân" is one name; a committee ("Tỉnh ủy") is capitalised as a name.
  if (startsWith(0, 'ủy ban nhân dân')) {
    out[0] = title(out[0]!);
    i = 4;
  }
  let placeFollows = false;
  for (; i < words.length; i++) {
    const committee = COMMITTEES.find((c) => startsWith(i, c));
    if (committee) {
      out[i] = title(out[i]!);
      i += committee.split(' ').length - 1;
      placeFollows = true;
      continue;
    }
    const place = PLACE_WORDS.find((p) => startsWith(i, p));
    if (place && (i > 0 || following)) {
      // "tỉnh Lai Châu" inside a name; "Quận 8" (a number) keeps the capital the name needs.
      const next = words[i + place.split(' ').length];
      if (next !== undefined && /^\d/u.test(next)) out[i] = title(out[i]!);
      i += place.split(' ').length - 1;
      placeFollows = true;
      continue;
    }
    const body = i === 0 ? BODIES.find((b) => startsWith(0, b)) : undefined;
    if (body) {
      // "Ban Dân vận", "Sở Nội vụ", "Ban Tuyên giáo và Dân vận": the body's own name starts with a capital.
      const n = body.split(' ').length;
      out[0] = title(out[0]!);
      const own = n;
      if (words[own] !== undefined) out[own] = title(words[own]!);
      for (let k = own + 1; k < words.length && !COMMITTEES.some((c) => startsWith(k, c)) && !PLACE_WORDS.some((p) => startsWith(k, p)); k++) {
        if (words[k - 1] === 'và') out[k] = title(words[k]!);
      }
      i = own;
      continue;
    }
    if (placeFollows) out[i] = title(out[i]!);
    else if (i === 0) out[i] = title(out[i]!);
  }
  return out.join(' ');
}

// ---------------------------------------------------------------------------------------------
// Tables

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

/** Table: associations and members by level; the special column says the year's label. */
export function levelColumns(doc: ReportDocument): TableColumn[] {
  return [
    { header: 'Cấp', width: 0.26, align: 'left' },
    { header: 'Số hội', width: 0.15, align: 'right' },
    { header: capitalise(doc.summary.specialLabel), width: 0.22, align: 'right' },
    { header: 'Thành lập mới', width: 0.17, align: 'right' },
    { header: 'Hội viên', width: 0.2, align: 'right' },
  ];
}

export function levelRows(doc: ReportDocument): TableRow[] {
  const s = doc.summary;
  const a = s.associations;
  const n = formatNumber;
  const rows: TableRow[] = levelsOf(doc).map((l) => ({
    cells: [levelLabel(doc, l), n(a.byLevel[l]), n(a.special.byLevel[l]), n(a.new.byLevel[l]), n(s.figures.membersByLevel[l])],
  }));
  rows.push({ cells: ['Tổng cộng', n(a.total), n(a.special.total), n(a.new.total), n(s.figures.members)], bold: true });
  return rows;
}

/** Table: the final ratings of approved reports, by level. */
export function ratingColumns(doc: ReportDocument): TableColumn[] {
  const levels = levelsOf(doc);
  const share = 0.6 / (levels.length + 1);
  return [
    { header: 'Xếp loại', width: 0.4, align: 'left' },
    ...levels.map((l): TableColumn => ({ header: levelLabel(doc, l), width: share, align: 'right' })),
    { header: 'Tổng số', width: share, align: 'right' },
  ];
}

export function ratingRows(doc: ReportDocument): TableRow[] {
  const { ratings, reports } = doc.summary;
  const levels = levelsOf(doc);
  const rows: TableRow[] = SELF_RATINGS.map((r) => ({
    cells: [RATING_LABELS[r].vi, ...levels.map((l) => formatNumber(ratings[r].byLevel[l])), formatNumber(ratings[r].total)],
  }));
  const approvedAt = (l: Level): number => SELF_RATINGS.reduce((sum, r) => sum + ratings[r].byLevel[l], 0);
  rows.push({ cells: ['Tổng cộng', ...levels.map((l) => formatNumber(approvedAt(l))), formatNumber(reports.approved)], bold: true });
  return rows;
}

type Counts = Pick<UnitRollup, 'expected' | 'submitted' | 'approved' | 'returned' | 'missing' | 'late' | 'members'>;
const COUNT_KEYS = ['expected', 'submitted', 'approved', 'returned', 'missing', 'late', 'members'] as const;

/**
 * Table: completeness by unit. First the root's own associations (the root's row less the
 * units below it), then each unit directly below the root, then the whole: the rows add up
 * to the total.
 */
export function completenessRows(doc: ReportDocument): TableRow[] {
  const s = doc.summary;
  const cells = (u: Counts): string[] => COUNT_KEYS.map((k) => formatNumber(u[k]));
  const total: Counts = s.units.find((u) => u.code === doc.scope.root.code) ?? { ...s.reports, members: s.figures.members };
  const own = Object.fromEntries(
    COUNT_KEYS.map((k) => [k, total[k] - doc.completenessUnits.reduce((sum, u) => sum + u[k], 0)]),
  ) as Counts;
  const rows: TableRow[] = [{ cells: ['', `Các hội ${levelScope(doc, doc.scope.root.level)}`, ...cells(own)] }];
  doc.completenessUnits.forEach((u, i) => rows.push({ cells: [String(i + 1), u.name, ...cells(u)] }));
  rows.push({ cells: ['', capitalise(wholeScope(doc)), ...cells(total)], bold: true });
  return rows;
}

/** Table: the commended collectives, in the domain's order. */
export function commendedRows(doc: ReportDocument): TableRow[] {
  return doc.commended.map((c, i) => ({ cells: [String(i + 1), c.name, c.unitName, unitLevelLabel(doc.scope.unitWords, c.unit, c.level), c.award] }));
}

/** The appendix of associations not counted: in the domain's order (orderAppendix). */
export function appendixRows(doc: ReportDocument): TableRow[] {
  return orderAppendix(doc.appendix).map((it, i) => ({ cells: [String(i + 1), it.name, it.unitName, APPENDIX_REASON_LABELS[it.reason].vi] }));
}

/** "(Kèm theo Báo cáo số 25-BC/BDVTU, ngày 18 tháng 12 năm 2020 của Ban Dân vận Tỉnh ủy Lai Châu)" */
export function appendixNote(doc: Pick<ReportDocument, 'config' | 'reportDate'>): string {
  const number = doc.config.documentNumber.replace(/^\s*số\s*:?\s*/iu, '').trim();
  // A number still blank ("Số:      /BC") is left for the clerk, as on the first page.
  const shown = /^\/|^$/u.test(number) ? '' : ` số ${number}`;
  const issuer = issuerAsName(doc.config.issuer);
  return `(Kèm theo Báo cáo${shown}, ${formatLongDate(doc.reportDate)}${issuer ? ` của ${issuer}` : ''})`;
}

/** The appendices that have something to list, and their names ("Phụ lục", or "Phụ lục I", "II"). */
function appendixNames(doc: ReportDocument): { notReporting: string; proposals: string } {
  const both = doc.appendix.length > 0 && doc.proposals.length > 0;
  return { notReporting: both ? 'Phụ lục I' : 'Phụ lục', proposals: both ? 'Phụ lục II' : 'Phụ lục' };
}

// ---------------------------------------------------------------------------------------------
// Header, signature, recipients

/** The issuer's lines as pieces that stay whole: the kind of body, then its place ("ỦY BAN NHÂN DÂN" | "THÀNH PHỐ HỒ CHÍ MINH"). */
export function issuerPieces(line: string): string[] {
  const m = /^(.*?\S)\s+((?:TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ|XÃ|PHƯỜNG|THỊ TRẤN|ĐẶC KHU)\s.*)$/u.exec(line);
  return m ? [m[1]!, m[2]!] : [line];
}

/** The header block: the issuer (the last line bold), the Party's name or the national motto. */
export function headerBlock(doc: Pick<IssuedDocument, 'config' | 'reportDate'>): HeaderBlock {
  const { config } = doc;
  const f = formatOf(doc);
  const issuer = config.issuer.length > 0 ? config.issuer : [''];
  const place = config.place.trim();
  const placeDate = formatPlaceDate(config.place, doc.reportDate);
  return {
    kind: 'header',
    leftWidth: f.leftWidth,
    issuer: issuer.map((text, i) => ({ text, size: f.issuer, minSize: f.issuerMin, bold: i === issuer.length - 1, pieces: issuerPieces(text) })),
    issuerMark: f.issuerMark,
    motto: f.motto.map((l) => ({ ...l })),
    number: { text: config.documentNumber, size: f.number },
    // The date is never split: the line breaks after the place's comma, if at all.
    placeDate: {
      text: placeDate,
      size: f.placeDate,
      minSize: f.placeDateMin,
      italic: true,
      pieces: place ? [`${place},`, formatLongDate(doc.reportDate)] : [placeDate],
    },
  };
}

// The forms of "on behalf of", "signing for", "by order of", "acting": with a slash in Party
// documents (Hướng dẫn 36), with a dot in State ones (Nghị định 30).
const AUTHORITY_FORMS: [RegExp, string, string][] = [
  [/^(?:T\/M|TM\.?)\s+/u, 'T/M ', 'TM. '],
  [/^(?:K\/T|KT\.?)\s+/u, 'K/T ', 'KT. '],
  [/^(?:T\/L|TL\.?)\s+/u, 'T/L ', 'TL. '],
  [/^(?:TUQ\.?|T\/UQ)\s+/u, 'T/UQ ', 'TUQ. '],
  [/^(?:Q\/|Q\.)\s*/u, 'Q/', 'Q. '],
];

/** A signer line in the form of the issuer's kind ("TM. …" → "T/M …" for a Party issuer, and back). */
export function authorityLine(line: string, kind: 'party' | 'state'): string {
  const upper = line.trim();
  for (const [pattern, party, state] of AUTHORITY_FORMS) {
    if (pattern.test(upper)) return upper.replace(pattern, kind === 'party' ? party : state);
  }
  return upper;
}

/** The signer when none is configured: the head of the issuing body, the name left blank. */
export function defaultSigner(issuer: readonly string[], kind: 'party' | 'state'): Signer {
  const last = (issuer[issuer.length - 1] ?? '').toLocaleUpperCase('vi').replace(/UỶ/gu, 'ỦY').trim();
  if (kind === 'party') {
    if (/^BAN\s/u.test(last)) return { lines: ['TRƯỞNG BAN'], name: '' };
    if (/^(ỦY BAN KIỂM TRA)/u.test(last)) return { lines: ['CHỦ NHIỆM'], name: '' };
    if (/^VĂN PHÒNG/u.test(last)) return { lines: ['CHÁNH VĂN PHÒNG'], name: '' };
    return { lines: ['T/M BAN THƯỜNG VỤ'], name: '' };
  }
  if (/^ỦY BAN NHÂN DÂN/u.test(last)) return { lines: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], name: '' };
  if (/^SỞ\s/u.test(last)) return { lines: ['GIÁM ĐỐC'], name: '' };
  if (/^PHÒNG\s/u.test(last)) return { lines: ['TRƯỞNG PHÒNG'], name: '' };
  if (/^VĂN PHÒNG/u.test(last)) return { lines: ['CHÁNH VĂN PHÒNG'], name: '' };
  return { lines: [last ? `TM. ${last}` : 'THỦ TRƯỞNG CƠ QUAN'], name: '' };
}

/** "Nơi nhận" when none is configured: what fits the issuer's kind. */
export function defaultRecipients(kind: 'party' | 'state'): string[] {
  return kind === 'party' ? ['Các cơ quan, đơn vị liên quan', 'Lưu Văn phòng'] : ['Các cơ quan, đơn vị liên quan', 'Lưu: VT'];
}

/**
 * The recipient lines as the kind's format writes them: each after a dash, the Party's
 * ending in a comma, the State's in a semicolon, the last in a full stop.
 */
export function recipientLines(recipients: readonly string[], kind: 'party' | 'state'): string[] {
  const separator = kind === 'party' ? PARTY.recipientSeparator : STATE.recipientSeparator;
  const bare = recipients.map((r) => r.trim().replace(/^[-–—+•]\s*/u, '').replace(/[;,.]+$/u, '').trim()).filter((r) => r !== '');
  return bare.map((r, i) => `- ${r}${i === bare.length - 1 ? '.' : separator}`);
}

export function signatureBlock(doc: Pick<IssuedDocument, 'config'>): SignatureBlock {
  const { config } = doc;
  const f = formatOf(doc);
  const kind = config.issuerKind;
  const signer = config.signer ?? defaultSigner(config.issuer, kind);
  return {
    kind: 'signature',
    authority: signer.lines.map((l) => ({ text: authorityLine(l, kind), size: f.signature, bold: true })),
    signatureSpace: 28,
    name: signer.name.trim() ? { text: signer.name.trim(), size: f.signature, bold: true } : null,
    recipients: {
      title: { text: 'Nơi nhận:', ...f.recipientsTitle },
      lines: recipientLines(config.recipients ?? defaultRecipients(kind), kind).map((text) => ({ text, size: f.recipients })),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The document

export const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
export const paragraph = (text: string): Block => ({ kind: 'paragraph', runs: [{ text }] });

/** A proposals appendix: by level, each association's name and locality, then what it wrote. */
function proposalBlocks(doc: ReportDocument, items: readonly ProposalItem[]): Block[] {
  const blocks: Block[] = [];
  let group = 0;
  for (const level of LEVELS) {
    const ofLevel = items.filter((p) => p.level === level);
    if (ofLevel.length === 0) continue;
    blocks.push({ kind: 'heading', text: `${ROMAN[group++] ?? String(group)}. Các hội ${levelScope(doc, level)}` });
    ofLevel.forEach((p, i) => {
      const [first = '', ...rest] = textParagraphs(p.text);
      // The root's own associations are named alone: "Hội Chữ thập đỏ tỉnh Lai Châu", not "… (Tỉnh Lai Châu)".
      const where = p.unit === doc.scope.root.code ? '' : ` (${p.unitName})`;
      const runs: Run[] = [{ text: `${i + 1}. ${p.name}${where}: `, bold: true }, { text: first }];
      blocks.push({ kind: 'paragraph', runs });
      for (const more of rest) blocks.push(paragraph(more));
    });
  }
  return blocks;
}

/** The plan of the year-end report. Pure: same document → same plan. */
export function buildReportPlan(input: ReportDocument): DocumentPlan {
  const doc = nfcDeep(input);
  formatLongDate(doc.reportDate); // validates
  const f = formatOf(doc);
  const year = doc.summary.year;
  const narrative = doc.config.narrative;
  const names = appendixNames(doc);

  const sections: { title: string; blocks: Block[] }[] = [];
  sections.push({
    title: 'TÌNH HÌNH CHUNG',
    blocks: [
      ...generalParagraphs(doc).map(paragraph),
      {
        kind: 'table',
        title: `Bảng 1. Tổ chức Hội và hội viên theo cấp${membersAreComplete(doc) ? '' : ' (hội viên theo các báo cáo đã được duyệt)'}`,
        columns: levelColumns(doc),
        rows: levelRows(doc),
        empty: 'Không có.',
      },
    ],
  });
  const results: Block[] = textParagraphs(narrative.results).map(paragraph);
  const activities = activitiesParagraph(doc);
  if (activities) results.push(paragraph(activities));
  const ratings = ratingsParagraph(doc);
  if (ratings) {
    results.push(paragraph(ratings));
    results.push({ kind: 'table', title: 'Bảng 2. Kết quả đánh giá, xếp loại các Hội', columns: ratingColumns(doc), rows: ratingRows(doc), empty: 'Không có.' });
  }
  if (results.length > 0) sections.push({ title: 'KẾT QUẢ NỔI BẬT', blocks: results });
  const tableNumber = ratings ? 3 : 2;
  sections.push({
    title: 'CÔNG TÁC BÁO CÁO',
    blocks: [
      paragraph(reportsParagraph(doc)),
      { kind: 'table', title: `Bảng ${tableNumber}. Tình hình báo cáo theo đơn vị`, columns: COMPLETENESS_COLUMNS, rows: completenessRows(doc), empty: 'Không có.' },
    ],
  });
  const limitations = textParagraphs(narrative.limitations);
  if (limitations.length > 0) sections.push({ title: 'HẠN CHẾ, NGUYÊN NHÂN', blocks: limitations.map(paragraph) });
  const commended: Block[] = [paragraph(commendedParagraph(doc))];
  const commendedTable = commendedRows(doc);
  if (commendedTable.length > 0) {
    commended.push({ kind: 'table', title: `Bảng ${tableNumber + 1}. Danh sách tập thể đề nghị khen thưởng`, columns: COMMENDED_COLUMNS, rows: commendedTable, empty: 'Không có.' });
  }
  sections.push({ title: 'KHEN THƯỞNG', blocks: commended });
  const direction = textParagraphs(narrative.direction);
  if (direction.length > 0) sections.push({ title: `PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM ${year + 1}`, blocks: direction.map(paragraph) });
  const proposals: Block[] = textParagraphs(narrative.proposals).map(paragraph);
  if (doc.proposals.length > 0) {
    proposals.push(paragraph(`Kiến nghị, đề xuất của ${twoDigits(doc.proposals.length)} Hội được tổng hợp tại ${names.proposals} kèm theo báo cáo này.`));
  }
  if (proposals.length > 0) sections.push({ title: 'KIẾN NGHỊ, ĐỀ XUẤT', blocks: proposals });

  const body: Block[] = [
    headerBlock(doc),
    {
      kind: 'title',
      lines: [
        { text: 'BÁO CÁO', size: f.title, bold: true },
        { text: `Tổng kết công tác Hội quần chúng năm ${year}`, size: f.subject, bold: true },
      ],
      under: f.under,
    },
  ];
  sections.forEach((section, i) => {
    body.push({ kind: 'heading', text: `${ROMAN[i] ?? String(i + 1)}. ${section.title}` });
    body.push(...section.blocks);
  });
  // The body ends with "./." (both formats), after the closing sentence.
  body.push({ kind: 'paragraph', runs: [{ text: `Trên đây là báo cáo tổng kết công tác Hội quần chúng năm ${year}./.` }], keepWithNext: true });
  body.push(signatureBlock(doc));

  const note = appendixNote(doc);
  const appendixTitle = (name: string, subject: string): StyledLine[] => [
    { text: name.toLocaleUpperCase('vi'), size: f.subject, bold: true },
    { text: subject, size: f.subject, bold: true },
    { text: note, size: f.body, italic: true },
  ];
  const appendices: DocumentPlan['appendices'] = [];
  if (doc.appendix.length > 0) {
    appendices.push({
      title: appendixTitle(names.notReporting, 'Các hội chưa báo cáo hoặc chưa được duyệt'),
      blocks: [{ kind: 'table', title: null, columns: APPENDIX_COLUMNS, rows: appendixRows(doc), empty: 'Không có.' }],
    });
  }
  if (doc.proposals.length > 0) {
    appendices.push({ title: appendixTitle(names.proposals, 'Kiến nghị, đề xuất của các Hội'), blocks: proposalBlocks(doc, doc.proposals) });
  }

  const issuer = doc.config.issuer;
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
      numbering: { template: '{n}', size: f.pageNumber, from: 2 },
      mark: doc.draft ? 'DỰ THẢO' : null,
    },
    sizes: { body: f.body, table: f.table },
    body,
    appendices,
  };
}
