// The year-end report as a PDF: a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP
// for State issuers, Hướng dẫn 36-HD/VPTW for Party issuers) with the summary in prose, the
// tables, the signature block and an appendix. Pure: same ReportDocument → same bytes.
//
// Speed: every line is placed by hand (own word wrapping, measured table rows, one text call
// per line, one stroke per table row, fonts always named by alias, no buffered pages).
import PDFDocument from 'pdfkit';
import type { AppendixItem, ByLevel, Level, ReportDocument, Summary, UnitRollup } from '../domain/types.ts';
import { compareVietnamese, formatLongDate, formatNumber, formatPlaceDate, formatVnd, nfcDeep, twoDigits } from '../format/vietnamese.ts';
import { FONT_STYLES, loadFonts, type FontStyle } from './fonts.ts';

const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const BODY_SIZE = 13;
const BODY_LINE_GAP = 3;
const PARAGRAPH_GAP = 6;
const FIRST_LINE_INDENT = 12.7 * MM;
const TABLE_SIZE = 12;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 3;
const RULE_WIDTH = 0.6;
const FOOTER_SIZE = 11;

export const LEVEL_LABELS: Record<Level, string> = { province: 'Cấp tỉnh', district: 'Cấp huyện', commune: 'Cấp xã' };

export const APPENDIX_REASON_LABELS: Record<AppendixItem['reason'], string> = {
  missing: 'Chưa nộp báo cáo',
  submitted: 'Chưa được duyệt',
  returned: 'Bị trả lại',
};

const PRODUCER = 'Tổng kết (pdfkit)';

type Align = 'left' | 'center' | 'right';

interface Column {
  header: string;
  /** share of the content width; the shares of a table add up to 1 */
  share: number;
  align: Align;
}

interface Row {
  cells: string[];
  bold?: boolean;
}

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
  const scope: Record<Level, string> = {
    province: 'cấp tỉnh',
    district: 'cấp huyện, thành phố',
    commune: twoTier ? 'cấp xã, phường' : 'cấp xã',
  };
  const short: Record<Level, string> = { province: 'cấp tỉnh', district: 'cấp huyện', commune: 'cấp xã' };
  const nonZero = (by: ByLevel): Level[] => levels.filter((l) => by[l] > 0);
  const paragraphs: string[] = [];

  // Associations, members, levels, special, new, dissolved.
  const parts: string[] = [];
  if (a.total === 0) {
    parts.push(`Năm ${year}, toàn ${provinceWord(s)} không có tổ chức Hội nào phải báo cáo.`);
  } else {
    const clauses = nonZero(a.byLevel).map((l) => `Hội có phạm vi hoạt động ${scope[l]}: ${twoDigits(a.byLevel[l])} tổ chức`);
    const head = `Năm ${year}, toàn ${provinceWord(s)} có ${twoDigits(a.total)} tổ chức Hội, với ${twoDigits(s.figures.members)} hội viên`;
    parts.push(clauses.length > 0 ? `${head}, trong đó: ${clauses.join('; ')}.` : `${head}.`);
  }
  if (a.special.total > 0) {
    const by = nonZero(a.special.byLevel).map((l) => `${scope[l]}: ${twoDigits(a.special.byLevel[l])} Hội`);
    const detail = by.length > 0 ? ` (${by.join(', ')})` : '';
    parts.push(`Hội được công nhận là ${s.specialLabel}: ${twoDigits(a.special.total)} Hội${detail}.`);
  } else if (a.total > 0) {
    parts.push(`Không có Hội được công nhận là ${s.specialLabel}.`);
  }
  if (a.new.total > 0) {
    const by = nonZero(a.new.byLevel).map((l) => `${short[l]} ${twoDigits(a.new.byLevel[l])}`);
    const detail = by.length > 0 ? ` (${by.join(', ')})` : '';
    parts.push(`Năm ${year}, có ${twoDigits(a.new.total)} hội thành lập mới${detail}.`);
  } else {
    parts.push(`Năm ${year}, không có hội thành lập mới.`);
  }
  if (a.dissolved.total > 0) {
    const by = nonZero(a.dissolved.byLevel).map((l) => `${short[l]} ${twoDigits(a.dissolved.byLevel[l])}`);
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
// Layout

/** A wrapped table row: the lines of each cell, their widths, and the row's height. */
interface Measured {
  lines: string[][];
  widths: number[][];
  height: number;
}

/**
 * Lays the document out on pdfkit pages. The layout runs twice over the same content: a dry
 * pass that only measures and counts pages, then the drawing pass, which knows the page count
 * ("Trang 3/12") and so never has to buffer pages (buffered pages keep every content chunk
 * alive until the end: twice the time for 10,000 rows). Both passes make the same decisions
 * from the same measurements, so they paginate identically; table rows measured in the dry
 * pass are reused.
 */
class Writer {
  readonly pdf: PDFKit.PDFDocument;
  readonly dry: boolean;
  readonly left = MARGINS.left;
  readonly width: number;
  readonly bottom: number;
  readonly top = MARGINS.top;
  y = MARGINS.top;
  page = 1;
  /** known in the drawing pass */
  totalPages = 0;
  /** measured table rows, by table, shared from the dry pass */
  readonly measured: Measured[][];
  private tableIndex = 0;
  private readonly widthCaches = new Map<string, Map<string, number>>();
  private widthCache: Map<string, number> | undefined;
  private space: number | undefined;
  private style: FontStyle | null = null;
  private size = 0;

  constructor(pdf: PDFKit.PDFDocument, dry: boolean, measured: Measured[][] = []) {
    this.pdf = pdf;
    this.dry = dry;
    this.measured = measured;
    this.width = pdf.page.width - MARGINS.left - MARGINS.right;
    this.bottom = pdf.page.height - MARGINS.bottom;
  }

  /** Fonts are always named by alias (STACK.md: never by path as well): a map lookup. */
  font(style: FontStyle, size: number): this {
    if (style !== this.style || size !== this.size) {
      this.pdf.font(style).fontSize(size);
      this.style = style;
      this.size = size;
      this.widthCache = undefined;
      this.space = undefined;
    }
    return this;
  }

  lineHeight(): number {
    return this.pdf.currentLineHeight(false);
  }

  /**
   * Width of a string in the current font: words are measured once per font and size and
   * cached (pdfkit's own measure walks the string character by character on every call).
   */
  textWidth(s: string): number {
    let cache = this.widthCache;
    if (!cache) {
      const key = `${this.style ?? ''}/${this.size}`;
      cache = this.widthCaches.get(key);
      if (!cache) {
        cache = new Map();
        this.widthCaches.set(key, cache);
      }
      this.widthCache = cache;
    }
    let w = cache.get(s);
    if (w !== undefined) return w;
    if (s.includes(' ') && s.length > 1) {
      // lines are not cached: their words are
      const words = s.split(' ');
      w = (words.length - 1) * this.spaceWidth();
      for (const word of words) w += word === '' ? 0 : this.textWidth(word);
      return w;
    }
    w = this.pdf.widthOfString(s);
    cache.set(s, w);
    return w;
  }

  spaceWidth(): number {
    let w = this.space;
    if (w === undefined) {
      w = this.pdf.widthOfString(' ');
      this.space = w;
    }
    return w;
  }

  /**
   * Greedy word wrap in the current font; the first line may be narrower (`firstWidth`);
   * a word wider than the line is cut between characters.
   */
  wrap(text: string, width: number, firstWidth = width, widths?: number[]): string[] {
    const lines: string[] = [];
    const space = this.spaceWidth();
    for (const para of text.split('\n')) {
      let limit = lines.length === 0 ? firstWidth : width;
      let lineW = 0;
      const push = (l: string): void => {
        lines.push(l);
        widths?.push(lineW);
        limit = width;
      };
      let line = '';
      for (const word of para.split(/\s+/)) {
        if (word === '') continue;
        const w = this.textWidth(word);
        if (line !== '' && lineW + space + w <= limit) {
          line += ` ${word}`;
          lineW += space + w;
          continue;
        }
        if (line !== '') push(line);
        if (w <= limit) {
          line = word;
          lineW = w;
          continue;
        }
        line = '';
        lineW = 0;
        for (const ch of word) {
          const cw = this.textWidth(ch);
          if (line !== '' && lineW + cw > limit) {
            push(line);
            line = '';
            lineW = 0;
          }
          line += ch;
          lineW += cw;
        }
      }
      push(line);
    }
    return lines;
  }

  /**
   * One line with its top at (x, y): no wrapping, no page break. The measured width is
   * handed to pdfkit so that it does not measure the line again.
   */
  line(text: string, x: number, y: number, wordSpacing = 0, width = this.dry ? 0 : this.textWidth(text)): void {
    if (this.dry || text === '') return;
    const options: PDFKit.Mixins.TextOptions & { textWidth: number; wordCount?: number } = { lineBreak: false, textWidth: width };
    if (wordSpacing > 0) options.wordSpacing = wordSpacing;
    this.pdf.text(text, x, y, options);
  }

  /** One line aligned in [x, x + width]; returns its width. */
  aligned(text: string, x: number, y: number, width: number, align: Align): number {
    const w = this.textWidth(text);
    const dx = align === 'left' ? 0 : align === 'right' ? width - w : (width - w) / 2;
    this.line(text, x + dx, y, 0, w);
    return w;
  }

  /** A line stretched to `width` (justified): the gaps between words grow. */
  justified(text: string, x: number, y: number, width: number): void {
    const words = text.split(' ');
    if (words.length < 2) return void this.line(text, x, y);
    const natural = this.textWidth(text);
    const extra = (width - natural) / (words.length - 1);
    this.line(text, x, y, Math.max(0, extra), natural);
  }

  rule(x1: number, x2: number, y: number, width = RULE_WIDTH): void {
    if (this.dry) return;
    this.pdf.moveTo(x1, y).lineTo(x2, y).lineWidth(width).stroke();
  }

  /** The page number, centred in the bottom margin. */
  footer(): void {
    if (this.dry) return;
    const { style, size } = this;
    this.font('regular', FOOTER_SIZE);
    const y = this.pdf.page.height - MARGINS.bottom / 2 - this.lineHeight() / 2;
    this.aligned(`Trang ${this.page}/${this.totalPages}`, this.left, y, this.width, 'center');
    if (style) this.font(style, size);
  }

  newPage(): void {
    this.page += 1;
    this.y = this.top;
    if (!this.dry) {
      this.pdf.addPage();
      this.footer();
    }
  }

  /** Starts a new page unless `height` fits below the cursor. */
  ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > this.top) this.newPage();
  }

  /** A body paragraph: first-line indent, justified, lines break across pages. */
  paragraph(text: string, style: FontStyle = 'regular'): void {
    this.font(style, BODY_SIZE);
    const lh = this.lineHeight();
    const lines = this.wrap(text, this.width, this.width - FIRST_LINE_INDENT);
    lines.forEach((l, i) => {
      this.ensure(lh);
      const indent = i === 0 ? FIRST_LINE_INDENT : 0;
      if (i < lines.length - 1) this.justified(l, this.left + indent, this.y, this.width - indent);
      else this.line(l, this.left + indent, this.y);
      this.y += lh + BODY_LINE_GAP;
    });
    this.y += PARAGRAPH_GAP;
  }

  /** A section heading ("I. …"), kept with the two lines that follow it. */
  heading(text: string): void {
    this.font('bold', BODY_SIZE);
    const lh = this.lineHeight() + BODY_LINE_GAP;
    this.ensure(3 * lh + PARAGRAPH_GAP + 4);
    this.y += 4;
    for (const l of this.wrap(text, this.width - FIRST_LINE_INDENT)) {
      this.line(l, this.left + FIRST_LINE_INDENT, this.y);
      this.y += lh;
    }
    this.y += PARAGRAPH_GAP;
  }

  /** Centred lines in the current font, wrapped to the content width. */
  centred(text: string, gapAfter = 0): void {
    const lh = this.lineHeight();
    for (const l of this.wrap(text, this.width)) {
      this.ensure(lh);
      this.aligned(l, this.left, this.y, this.width, 'center');
      this.y += lh + 2;
    }
    this.y += gapAfter;
  }

  /**
   * A bordered table. Rows are measured (wrapped cells), never split across pages; the
   * header row is repeated at the top of every page; the title stays with the header and
   * the first row.
   */
  table(title: string | null, columns: Column[], rows: Row[], empty = 'Không có.'): void {
    const widths = columns.map((c) => c.share * this.width);
    const xs: number[] = [];
    let right = this.left;
    for (const w of widths) {
      xs.push(right);
      right += w;
    }
    const index = this.tableIndex++;

    const measure = (cells: string[], style: FontStyle): Measured => {
      this.font(style, TABLE_SIZE);
      let max = 1;
      const lineWidths: number[][] = [];
      const lines = cells.map((c, i) => {
        const lw: number[] = [];
        const wrapped = this.wrap(c, (widths[i] ?? 0) - 2 * CELL_PAD_X, undefined, lw);
        lineWidths.push(lw);
        if (wrapped.length > max) max = wrapped.length;
        return wrapped;
      });
      return { lines, widths: lineWidths, height: max * this.lineHeight() + 2 * CELL_PAD_Y };
    };
    let measured = this.measured[index];
    if (!measured) {
      measured = rows.map((r) => measure(r.cells, r.bold ? 'bold' : 'regular'));
      this.measured[index] = measured;
    }

    const pdf = this.pdf;
    const drawRow = (m: Measured, style: FontStyle, y: number, isHeader: boolean): void => {
      if (this.dry) return;
      this.font(style, TABLE_SIZE);
      const lineH = this.lineHeight();
      for (let i = 0; i < m.lines.length; i++) {
        const cellLines = m.lines[i] ?? [];
        const lineWidths = m.widths[i] ?? [];
        const x = (xs[i] ?? 0) + CELL_PAD_X;
        const w = (widths[i] ?? 0) - 2 * CELL_PAD_X;
        const align: Align = isHeader ? 'center' : (columns[i]?.align ?? 'left');
        let ly = y + (m.height - cellLines.length * lineH) / 2;
        for (let k = 0; k < cellLines.length; k++) {
          const lw = lineWidths[k] ?? 0;
          const dx = align === 'left' ? 0 : align === 'right' ? w - lw : (w - lw) / 2;
          this.line(cellLines[k] ?? '', x + dx, ly, 0, lw);
          ly += lineH;
        }
      }
      // One path per row: its bottom edge and the verticals (the top edge is the previous
      // row's bottom edge, or the header's).
      const bottom = y + m.height;
      if (isHeader) pdf.moveTo(this.left, y).lineTo(right, y);
      pdf.moveTo(this.left, bottom).lineTo(right, bottom);
      for (const x of xs) pdf.moveTo(x, y).lineTo(x, bottom);
      pdf.moveTo(right, y).lineTo(right, bottom);
      pdf.lineWidth(RULE_WIDTH).stroke();
    };

    const header = measure(
      columns.map((c) => c.header),
      'bold',
    );
    this.font('bold', BODY_SIZE);
    const titleHeight = title ? this.lineHeight() + 6 : 0;
    const firstHeight = measured[0]?.height ?? 2 * TABLE_SIZE;
    this.ensure(titleHeight + header.height + firstHeight);
    if (title) {
      this.font('bold', BODY_SIZE);
      this.aligned(title, this.left, this.y, this.width, 'center');
      this.y += titleHeight;
    }
    drawRow(header, 'bold', this.y, true);
    this.y += header.height;
    if (rows.length === 0) {
      this.font('italic', TABLE_SIZE);
      this.line(empty, this.left + CELL_PAD_X, this.y + 4);
      this.y += this.lineHeight() + 4 + PARAGRAPH_GAP;
      return;
    }
    for (let i = 0; i < rows.length; i++) {
      const m = measured[i] as Measured;
      if (this.y + m.height > this.bottom && this.y > this.top + header.height) {
        this.newPage();
        drawRow(header, 'bold', this.y, true);
        this.y += header.height;
      }
      drawRow(m, rows[i]?.bold ? 'bold' : 'regular', this.y, false);
      this.y += m.height;
    }
    this.y += PARAGRAPH_GAP * 2;
  }
}

// ---------------------------------------------------------------------------------------------
// The document's parts

function headerBlock(w: Writer, doc: ReportDocument): void {
  const { config } = doc;
  const gap = 10;
  const leftW = Math.round(w.width * 0.42);
  const rightX = w.left + leftW + gap;
  const rightW = w.width - leftW - gap;
  const top = w.y;

  // Left: the issuer (the last line bold), "*" or a short rule, then the document number.
  let ly = top;
  const issuer = config.issuer.length > 0 ? config.issuer : [''];
  let lastWidth = 0;
  issuer.forEach((text, i) => {
    const style: FontStyle = i === issuer.length - 1 ? 'bold' : 'regular';
    let size = BODY_SIZE;
    w.font(style, size);
    while (size > 10 && w.textWidth(text) > leftW) w.font(style, (size -= 0.5));
    for (const l of w.wrap(text, leftW)) {
      lastWidth = w.aligned(l, w.left, ly, leftW, 'center');
      ly += w.lineHeight();
    }
  });
  w.font('regular', BODY_SIZE);
  if (config.issuerKind === 'party') {
    w.aligned('*', w.left, ly, leftW, 'center');
    ly += w.lineHeight();
  } else {
    const ruleW = Math.max(30, Math.min(lastWidth, leftW) / 2);
    const cx = w.left + leftW / 2;
    w.rule(cx - ruleW / 2, cx + ruleW / 2, ly + 2);
    ly += 8;
  }

  // Right: the national (State) or Party heading, underlined.
  let ry = top;
  const fitted = (text: string, style: FontStyle, maxSize: number): number => {
    let size = maxSize;
    w.font(style, size);
    while (size > 9 && w.textWidth(text) > rightW) w.font(style, (size -= 0.5));
    const tw = w.aligned(text, rightX, ry, rightW, 'center');
    ry += w.lineHeight();
    return tw;
  };
  if (config.issuerKind === 'state') fitted('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'bold', 12.5);
  const tw = fitted(config.issuerKind === 'party' ? 'ĐẢNG CỘNG SẢN VIỆT NAM' : 'Độc lập - Tự do - Hạnh phúc', 'bold', config.issuerKind === 'party' ? 14 : BODY_SIZE);
  const cx = rightX + rightW / 2;
  w.rule(cx - tw / 2, cx + tw / 2, ry + 1.5);
  ry += 5;

  // The document number and the place and date on one line, under the two columns.
  const y = Math.max(ly, ry) + 4;
  w.font('regular', BODY_SIZE);
  let ny = y;
  for (const l of w.wrap(config.documentNumber, leftW)) {
    w.aligned(l, w.left, ny, leftW, 'center');
    ny += w.lineHeight();
  }
  w.font('italic', BODY_SIZE);
  let py = y;
  for (const l of w.wrap(formatPlaceDate(config.place, doc.reportDate), rightW)) {
    w.aligned(l, rightX, py, rightW, 'center');
    py += w.lineHeight();
  }
  w.y = Math.max(ny, py) + 22;
}

function titleBlock(w: Writer, year: number): void {
  w.font('bold', 14);
  w.centred('BÁO CÁO');
  w.font('bold', BODY_SIZE);
  w.centred(`Tổng kết công tác Hội quần chúng năm ${year}`);
  const cx = w.left + w.width / 2;
  w.rule(cx - 40, cx + 40, w.y + 2);
  w.y += 18;
}

function signatureBlock(w: Writer, issuer: string[]): void {
  const colW = w.width / 2;
  w.font('bold', BODY_SIZE);
  w.ensure(7 * w.lineHeight());
  w.y += 6;
  const y = w.y;
  const last = issuer[issuer.length - 1] ?? '';
  let ry = y;
  for (const l of w.wrap(last ? `T/M ${last}` : '', colW)) {
    w.aligned(l, w.left + colW, ry, colW, 'center');
    ry += w.lineHeight();
  }
  w.font('bolditalic', 12);
  w.line('Nơi nhận:', w.left, y);
  let ly = y + w.lineHeight();
  w.font('regular', 11);
  for (const l of ['- Các đơn vị liên quan;', '- Lưu VT.']) {
    w.line(l, w.left, ly);
    ly += w.lineHeight();
  }
  w.y = Math.max(ly, ry + 60);
}

/** Everything the layout draws, computed once for both passes. */
interface Plan {
  doc: ReportDocument;
  general: string[];
  reports: string;
  commended: string;
  levelRows: Row[];
  completenessRows: Row[];
  commendedRows: Row[];
  appendixRows: Row[];
  appendixNote: string;
}

function plan(doc: ReportDocument): Plan {
  const s = doc.summary;
  const a = s.associations;
  const n = formatNumber;
  const { levels } = levelsOf(doc);

  const levelRows: Row[] = levels.map((l) => ({
    cells: [LEVEL_LABELS[l], n(a.byLevel[l]), n(a.special.byLevel[l]), n(a.new.byLevel[l]), n(s.figures.membersByLevel[l])],
  }));
  levelRows.push({ cells: ['Tổng cộng', n(a.total), n(a.special.total), n(a.new.total), n(s.figures.members)], bold: true });

  type Counts = Pick<UnitRollup, 'expected' | 'submitted' | 'approved' | 'returned' | 'missing' | 'late' | 'members'>;
  const counts = (u: Counts): string[] => [u.expected, u.submitted, u.approved, u.returned, u.missing, u.late, u.members].map(n);
  const completenessRows: Row[] = doc.completenessUnits.map((u, i) => ({ cells: [String(i + 1), u.name, ...counts(u)] }));
  const province = s.units.find((u) => u.level === 'province');
  completenessRows.push({ cells: ['', `Toàn ${provinceWord(s)}`, ...counts(province ?? { ...s.reports, members: s.figures.members })], bold: true });

  const commendedRows: Row[] = doc.commended.map((c, i) => ({
    cells: [String(i + 1), c.name, c.unitName, LEVEL_LABELS[c.level], c.award],
  }));

  // Unit names first ranked (few distinct), then names: fewer collator calls for big lists.
  const unitRank = new Map([...new Set(doc.appendix.map((x) => x.unitName))].sort(compareVietnamese).map((u, i) => [u, i]));
  const appendix = [...doc.appendix].sort(
    (x, y) =>
      (unitRank.get(x.unitName) ?? 0) - (unitRank.get(y.unitName) ?? 0) ||
      compareVietnamese(x.name, y.name) ||
      compareVietnamese(x.association, y.association),
  );
  const appendixRows: Row[] = appendix.map((it, i) => ({ cells: [String(i + 1), it.name, it.unitName, APPENDIX_REASON_LABELS[it.reason]] }));

  const number = doc.config.documentNumber.replace(/^\s*số\s*:?\s*/iu, '').trim();
  return {
    doc,
    general: generalParagraphs(doc),
    reports: reportsParagraph(doc),
    commended: commendedParagraph(doc),
    levelRows,
    completenessRows,
    commendedRows,
    appendixRows,
    appendixNote: `(Kèm theo Báo cáo${number ? ` số ${number}` : ''}, ${formatLongDate(doc.reportDate)})`,
  };
}

const LEVEL_COLUMNS: Column[] = [
  { header: 'Cấp', share: 0.24, align: 'left' },
  { header: 'Số hội', share: 0.17, align: 'right' },
  { header: 'Hội đặc thù', share: 0.19, align: 'right' },
  { header: 'Thành lập mới', share: 0.2, align: 'right' },
  { header: 'Hội viên', share: 0.2, align: 'right' },
];

const NUM = 0.09;
const COMPLETENESS_COLUMNS: Column[] = [
  { header: 'STT', share: 0.07, align: 'center' },
  { header: 'Đơn vị', share: 1 - 0.07 - 6 * NUM - 0.11, align: 'left' },
  { header: 'Phải báo cáo', share: NUM, align: 'right' },
  { header: 'Đã nộp', share: NUM, align: 'right' },
  { header: 'Đã duyệt', share: NUM, align: 'right' },
  { header: 'Trả lại', share: NUM, align: 'right' },
  { header: 'Chưa nộp', share: NUM, align: 'right' },
  { header: 'Nộp muộn', share: NUM, align: 'right' },
  { header: 'Hội viên', share: 0.11, align: 'right' },
];

const COMMENDED_COLUMNS: Column[] = [
  { header: 'STT', share: 0.07, align: 'center' },
  { header: 'Tên tập thể', share: 0.32, align: 'left' },
  { header: 'Địa phương', share: 0.19, align: 'left' },
  { header: 'Cấp', share: 0.13, align: 'left' },
  { header: 'Hình thức khen thưởng', share: 0.29, align: 'left' },
];

const APPENDIX_COLUMNS: Column[] = [
  // Widths from the text they hold at 12 pt: "10000" (30 pt), "Thị trấn Than Uyên" (95 pt),
  // "Chưa nộp báo cáo" (87 pt), each plus padding; the name takes the rest and wraps least.
  { header: 'STT', share: 0.085, align: 'center' },
  { header: 'Tên hội', share: 0.48, align: 'left' },
  { header: 'Địa phương', share: 0.225, align: 'left' },
  { header: 'Tình trạng', share: 0.21, align: 'left' },
];

function layout(w: Writer, p: Plan): void {
  const { doc } = p;
  if (!w.dry) w.footer();
  headerBlock(w, doc);
  titleBlock(w, doc.summary.year);

  w.heading('I. TÌNH HÌNH CHUNG');
  for (const para of p.general) w.paragraph(para);
  w.table('Bảng 1. Tổ chức Hội và hội viên theo cấp', LEVEL_COLUMNS, p.levelRows);

  w.heading('II. CÔNG TÁC BÁO CÁO');
  w.paragraph(p.reports);
  w.table('Bảng 2. Tình hình báo cáo theo đơn vị', COMPLETENESS_COLUMNS, p.completenessRows);

  w.heading('III. KHEN THƯỞNG');
  w.paragraph(p.commended);
  if (p.commendedRows.length > 0) w.table('Bảng 3. Danh sách tập thể đề nghị khen thưởng', COMMENDED_COLUMNS, p.commendedRows);

  signatureBlock(w, doc.config.issuer);

  w.newPage();
  w.font('bold', 14);
  w.centred('PHỤ LỤC');
  w.font('bold', BODY_SIZE);
  w.centred('Các hội chưa báo cáo hoặc chưa được duyệt');
  w.font('italic', BODY_SIZE);
  w.centred(p.appendixNote, 10);
  w.table(null, APPENDIX_COLUMNS, p.appendixRows);
}

// ---------------------------------------------------------------------------------------------
// Rendering

function xmlSafe(s: string): string {
  return s.replace(/[<>&]/g, ' ');
}

/** Renders the year-end report. Same input → byte-identical output. */
export function renderReportPdf(input: ReportDocument): Promise<Buffer> {
  const doc = nfcDeep(input);
  formatLongDate(doc.reportDate); // validates
  const date = new Date(`${doc.reportDate}T00:00:00+07:00`);
  const year = doc.summary.year;
  const fonts = loadFonts();
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'portrait',
    margins: MARGINS,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: 'vi-VN',
    displayTitle: true,
    // Without a default font pdfkit loads no standard (unembedded) font, which PDF/A forbids.
    font: null as unknown as string,
    info: {
      Title: `Báo cáo tổng kết công tác Hội quần chúng năm ${year}`,
      Author: xmlSafe(doc.config.issuer.join(' - ')),
      Subject: `Tổng kết công tác Hội quần chúng năm ${year}`,
      Keywords: `tổng kết, hội quần chúng, ${year}`,
      Creator: PRODUCER,
      Producer: PRODUCER,
      CreationDate: date,
      ModDate: date,
    },
  });
  for (const style of FONT_STYLES) pdf.registerFont(style, fonts[style]);

  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  try {
    const p = plan(doc);
    const dry = new Writer(pdf, true);
    layout(dry, p);
    const w = new Writer(pdf, false, dry.measured);
    w.totalPages = dry.page;
    layout(w, p);
    if (w.page !== dry.page) throw new Error(`report-pdf: pagination differs between passes (${dry.page} ≠ ${w.page})`);
  } catch (err) {
    pdf.end();
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
  pdf.end();
  return done;
}
