// The PDF writer of a document plan (shared/document/plan.ts): lays ANY plan out on A4 pages
// with pdfkit, in the embedded Tinos faces (fonts.ts), the page number in the top margin from
// the page the plan says, wrapped table cells and table headers repeated on every page. Pure:
// same plan → same bytes.
//
// Speed: every line is placed by hand (own word wrapping, measured table rows, one text call
// per line, one stroke per table row, fonts always named by alias, no buffered pages).
import PDFDocument from 'pdfkit';
import type { Align, Block, DocumentPlan, HeaderBlock, Run, SignatureBlock, StyledLine, TableColumn, TableRow, TitleBlock } from '../document/plan.ts';
import { fitLine } from '../document/fit.ts';
import { FONT_STYLES, loadFonts, type FontStyle } from './fonts.ts';

const MM = 72 / 25.4;
const BODY_LINE_GAP = 3;
const PARAGRAPH_GAP = 6;
const FIRST_LINE_INDENT = 12.7 * MM;
const CELL_PAD_X = 4;
const CELL_PAD_Y = 3;
const RULE_WIDTH = 0.6;
/** How far below a line's box (its descenders) a short rule of the header or the title sits. */
const RULE_CLEARANCE = 5;

const PRODUCER = 'Tổng kết (pdfkit)';

interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

function marginsOf(plan: DocumentPlan): Margins {
  const m = plan.page.margins;
  return { top: m.top * MM, bottom: m.bottom * MM, left: m.left * MM, right: m.right * MM };
}

function styleOf(x: { bold?: boolean | undefined; italic?: boolean | undefined }): FontStyle {
  return x.bold ? (x.italic ? 'bolditalic' : 'bold') : x.italic ? 'italic' : 'regular';
}

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
  readonly left: number;
  readonly width: number;
  readonly bottom: number;
  readonly top: number;
  y: number;
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
  readonly margins: Margins;
  readonly bodySize: number;
  readonly tableSize: number;
  readonly numbering: DocumentPlan['page']['numbering'];
  readonly mark: string | null;

  constructor(pdf: PDFKit.PDFDocument, plan: DocumentPlan, dry: boolean, measured: Measured[][] = []) {
    this.pdf = pdf;
    this.dry = dry;
    this.measured = measured;
    this.margins = marginsOf(plan);
    this.left = this.margins.left;
    this.top = this.margins.top;
    this.y = this.top;
    this.bodySize = plan.sizes.body;
    this.tableSize = plan.sizes.table;
    this.numbering = plan.page.numbering;
    this.mark = plan.page.mark;
    this.width = pdf.page.width - this.margins.left - this.margins.right;
    this.bottom = pdf.page.height - this.margins.bottom;
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

  /**
   * What the top margin carries: the page number, centred (both formats: none on page 1),
   * and the plan's mark ("DỰ THẢO") boxed in the right corner.
   */
  pageTop(): void {
    if (this.dry) return;
    const { style, size } = this;
    if (this.page >= this.numbering.from) {
      this.font('regular', this.numbering.size);
      const y = this.margins.top / 2 - this.lineHeight() / 2;
      const text = this.numbering.template.replace('{n}', String(this.page)).replace('{N}', String(this.totalPages));
      this.aligned(text, this.left, y, this.width, 'center');
    }
    if (this.mark) {
      this.font('bold', 12);
      const w = this.textWidth(this.mark);
      const h = this.lineHeight();
      const x = this.left + this.width - w - 6;
      const y = this.margins.top / 2 - h / 2;
      this.line(this.mark, x, y, 0, w);
      this.pdf.rect(x - 5, y - 3, w + 10, h + 5).lineWidth(1).stroke();
    }
    if (style) this.font(style, size);
  }

  newPage(): void {
    this.page += 1;
    this.y = this.top;
    if (!this.dry) {
      this.pdf.addPage();
      this.pageTop();
    }
  }

  /** Starts a new page unless `height` fits below the cursor. */
  ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > this.top) this.newPage();
  }

  /** A body paragraph of runs: first-line indent, justified, lines break across pages. */
  paragraph(runs: Run[]): void {
    const style = runs[0] ? styleOf(runs[0]) : 'regular';
    if (runs.every((r) => styleOf(r) === style)) return this.plainParagraph(runs.map((r) => r.text).join(''), style);
    this.mixedParagraph(runs);
  }

  /** The height a paragraph of runs takes (its lines as a plain paragraph wraps them, and the gap after). */
  paragraphHeight(runs: Run[]): number {
    const style = runs[0] ? styleOf(runs[0]) : 'regular';
    this.font(style, this.bodySize);
    const lines = this.wrap(runs.map((r) => r.text).join(''), this.width, this.width - FIRST_LINE_INDENT);
    return lines.length * (this.lineHeight() + BODY_LINE_GAP) + PARAGRAPH_GAP;
  }

  /**
   * Runs of different styles: words wrapped and justified like a plain paragraph, each piece
   * of a word in its own face (a word may span runs: "**180.455**,"). A word wider than the
   * line is not cut here.
   */
  private mixedParagraph(runs: Run[]): void {
    interface Piece {
      text: string;
      style: FontStyle;
      width: number;
    }
    const words: Piece[][] = [];
    let current: Piece[] = [];
    for (const run of runs) {
      const style = styleOf(run);
      this.font(style, this.bodySize);
      for (const part of run.text.split(/(\s+)/u)) {
        if (part === '') continue;
        if (/^\s+$/u.test(part)) {
          if (current.length > 0) words.push(current);
          current = [];
          continue;
        }
        current.push({ text: part, style, width: this.textWidth(part) });
      }
    }
    if (current.length > 0) words.push(current);
    const wordWidth = (word: Piece[]): number => word.reduce((sum, p) => sum + p.width, 0);
    this.font('regular', this.bodySize);
    const space = this.spaceWidth();
    const lh = this.lineHeight();
    const lines: Piece[][][] = [];
    let line: Piece[][] = [];
    let lineW = 0;
    for (const word of words) {
      const limit = lines.length === 0 ? this.width - FIRST_LINE_INDENT : this.width;
      const ww = wordWidth(word);
      if (line.length > 0 && lineW + space + ww > limit) {
        lines.push(line);
        line = [];
        lineW = 0;
      }
      lineW += (line.length > 0 ? space : 0) + ww;
      line.push(word);
    }
    lines.push(line);
    lines.forEach((l, i) => {
      this.ensure(lh);
      const indent = i === 0 ? FIRST_LINE_INDENT : 0;
      const natural = l.reduce((sum, word) => sum + wordWidth(word), 0) + (l.length - 1) * space;
      const gap = i < lines.length - 1 && l.length > 1 ? space + Math.max(0, (this.width - indent - natural) / (l.length - 1)) : space;
      let x = this.left + indent;
      for (const word of l) {
        for (const p of word) {
          this.font(p.style, this.bodySize);
          this.line(p.text, x, this.y, 0, p.width);
          x += p.width;
        }
        x += gap;
      }
      this.y += lh + BODY_LINE_GAP;
    });
    this.y += PARAGRAPH_GAP;
  }

  /** A paragraph in one style. */
  private plainParagraph(text: string, style: FontStyle): void {
    this.font(style, this.bodySize);
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
    this.font('bold', this.bodySize);
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
  table(title: string | null, columns: TableColumn[], rows: TableRow[], empty = 'Không có.'): void {
    const widths = columns.map((c) => c.width * this.width);
    const xs: number[] = [];
    let right = this.left;
    for (const w of widths) {
      xs.push(right);
      right += w;
    }
    const index = this.tableIndex++;

    const measure = (cells: string[], style: FontStyle): Measured => {
      this.font(style, this.tableSize);
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
      this.font(style, this.tableSize);
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
    this.font('bold', this.bodySize);
    // A title longer than the line wraps, centred, rather than running into the margins.
    const titleLines = title ? this.wrap(title, this.width) : [];
    const titleHeight = titleLines.length > 0 ? titleLines.length * this.lineHeight() + 6 : 0;
    const firstHeight = measured[0]?.height ?? 2 * this.tableSize;
    this.ensure(titleHeight + header.height + firstHeight);
    if (titleLines.length > 0) {
      this.font('bold', this.bodySize);
      for (const [i, l] of titleLines.entries()) this.aligned(l, this.left, this.y + i * this.lineHeight(), this.width, 'center');
      this.y += titleHeight;
    }
    drawRow(header, 'bold', this.y, true);
    this.y += header.height;
    if (rows.length === 0) {
      this.font('italic', this.tableSize);
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
// Blocks

/**
 * Sets the line's font and answers its lines within `width`, as fitLine (shared with the Word
 * writer) decides them; a line that fits nowhere is wrapped between words at its minSize.
 */
function fitStyled(w: Writer, line: StyledLine, width: number): string[] {
  const style = styleOf(line);
  const fit = fitLine(line, width, (text, s, size) => {
    w.font(styleOf(s), size);
    return w.textWidth(text);
  });
  w.font(style, fit.size);
  return fit.lines ?? w.wrap(line.text, width);
}

/** Lines of a StyledLine centred in [x, x + width] from y; an underlined one gets its rule. Returns the y below. */
function centredStyled(w: Writer, line: StyledLine, x: number, y: number, width: number): number {
  let lastWidth = 0;
  for (const l of fitStyled(w, line, width)) {
    lastWidth = w.aligned(l, x, y, width, 'center');
    y += w.lineHeight();
  }
  if (line.underline) {
    const cx = x + width / 2;
    w.rule(cx - lastWidth / 2, cx + lastWidth / 2, y + 1);
    y += 4;
  }
  return y;
}

function headerBlock(w: Writer, b: HeaderBlock): void {
  const gap = 10;
  const leftW = Math.round(w.width * b.leftWidth);
  const rightX = w.left + leftW + gap;
  const rightW = w.width - leftW - gap;
  const top = w.y;

  // Left: the issuer, each line fitted (shrunk, then broken between its pieces), then the mark.
  let ly = top;
  let lastWidth = 0;
  for (const line of b.issuer) {
    for (const l of fitStyled(w, line, leftW)) {
      lastWidth = w.aligned(l, w.left, ly, leftW, 'center');
      ly += w.lineHeight();
    }
  }
  w.font('regular', w.bodySize);
  if (b.issuerMark === 'star') {
    w.aligned('*', w.left, ly, leftW, 'center');
    ly += w.lineHeight();
  } else {
    // A rule of its own under the issuer (Nghị định 30), not an underline: clear of the
    // descenders and of the dots under Ụ, Ậ, as Word's paragraph spacing places it.
    const ruleW = Math.max(30, Math.min(lastWidth, leftW) / 2);
    const cx = w.left + leftW / 2;
    w.rule(cx - ruleW / 2, cx + ruleW / 2, ly + RULE_CLEARANCE);
    ly += RULE_CLEARANCE + 6;
  }

  // Right: the motto lines, each fitted on one line where the format's sizes allow.
  let ry = top;
  for (const line of b.motto) ry = centredStyled(w, line, rightX, ry, rightW);
  ry += 1;

  // The document number under the issuer, the place and date under the motto, level.
  const y = Math.max(ly, ry) + 4;
  const ny = centredStyled(w, b.number, w.left, y, leftW);
  const py = centredStyled(w, b.placeDate, rightX, y, rightW);
  w.y = Math.max(ny, py) + 22;
}

function centredLines(w: Writer, lines: StyledLine[], gapAfter: number): void {
  lines.forEach((line, i) => {
    w.font(styleOf(line), line.size);
    w.centred(line.text, i === lines.length - 1 ? gapAfter : 0);
  });
}

function titleBlock(w: Writer, b: TitleBlock): void {
  centredLines(w, b.lines, 0);
  const cx = w.left + w.width / 2;
  if (b.under === 'dashes') {
    w.font('regular', w.bodySize);
    w.centred('-----');
    w.y += 12;
  } else {
    w.rule(cx - 40, cx + 40, w.y + RULE_CLEARANCE);
    w.y += RULE_CLEARANCE + 16;
  }
}

/** The height the signature block takes: it is never split. */
function signatureHeight(w: Writer, b: SignatureBlock): number {
  const colW = w.width / 2;
  const heightOf = (l: StyledLine, width: number): number => {
    w.font(styleOf(l), l.size);
    return w.wrap(l.text, width).length * w.lineHeight();
  };
  const right = b.authority.reduce((h, l) => h + heightOf(l, colW), 0) + b.signatureSpace * MM + (b.name ? heightOf(b.name, colW) + (b.name.underline ? 4 : 0) : 0);
  const left = [b.recipients.title, ...b.recipients.lines].reduce((h, l) => h + heightOf(l, colW - 10), 0);
  return 6 + Math.max(right, left);
}

/** The signer (right: authority lines, the space for signature and seal, the name) beside "Nơi nhận" (left). */
function signatureBlock(w: Writer, b: SignatureBlock): void {
  const colW = w.width / 2;
  const space = b.signatureSpace * MM;
  // The block is never split: the signature stays with the lines it signs for.
  w.ensure(signatureHeight(w, b));
  w.y += 6;
  const y = w.y;
  let ry = y;
  for (const line of b.authority) {
    w.font(styleOf(line), line.size);
    for (const l of w.wrap(line.text, colW)) {
      w.aligned(l, w.left + colW, ry, colW, 'center');
      ry += w.lineHeight();
    }
  }
  ry += space;
  if (b.name) ry = centredStyled(w, b.name, w.left + colW, ry, colW);
  let ly = y;
  for (const line of [b.recipients.title, ...b.recipients.lines]) {
    w.font(styleOf(line), line.size);
    for (const l of w.wrap(line.text, colW - 10)) {
      const width = w.aligned(l, w.left, ly, colW - 10, 'left');
      if (line.underline) w.rule(w.left, w.left + width, ly + w.lineHeight() - 1.5);
      ly += w.lineHeight();
    }
  }
  w.y = Math.max(ly, ry);
}

function block(w: Writer, b: Block): void {
  switch (b.kind) {
    case 'header':
      return headerBlock(w, b);
    case 'title':
      return titleBlock(w, b);
    case 'heading':
      return w.heading(b.text);
    case 'paragraph':
      return w.paragraph(b.runs);
    case 'centred':
      w.font(styleOf(b.line), b.line.size);
      return w.centred(b.line.text, 4);
    case 'table':
      return w.table(b.title, b.columns, b.rows, b.empty);
    case 'signature':
      return signatureBlock(w, b);
  }
}

/** The height `b` needs on the page it starts on: all of a signature; the first line of anything else. */
function startHeight(w: Writer, b: Block | undefined): number {
  if (!b) return 0;
  if (b.kind === 'signature') return signatureHeight(w, b);
  w.font('regular', w.bodySize);
  return w.lineHeight() + BODY_LINE_GAP;
}

function layout(w: Writer, plan: DocumentPlan): void {
  if (!w.dry) w.pageTop();
  plan.body.forEach((b, i) => {
    if (b.kind === 'paragraph' && b.keepWithNext) w.ensure(w.paragraphHeight(b.runs) + startHeight(w, plan.body[i + 1]));
    block(w, b);
  });
  for (const appendix of plan.appendices) {
    w.newPage();
    centredLines(w, appendix.title, 10);
    for (const b of appendix.blocks) block(w, b);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

function xmlSafe(s: string): string {
  return s.replace(/[<>&]/g, ' ');
}

/** Writes a plan as a PDF/A-2b file. Same plan → byte-identical output. */
export function writePdf(plan: DocumentPlan): Promise<Buffer> {
  const { meta } = plan;
  const date = new Date(`${meta.date}T00:00:00+07:00`);
  const fonts = loadFonts();
  const pdf = new PDFDocument({
    size: plan.page.size,
    layout: 'portrait',
    margins: marginsOf(plan),
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    tagged: true,
    lang: meta.language,
    displayTitle: true,
    // Without a default font pdfkit loads no standard (unembedded) font, which PDF/A forbids.
    font: null as unknown as string,
    info: {
      Title: meta.title,
      Author: xmlSafe(meta.author),
      Subject: meta.subject,
      Keywords: meta.keywords,
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
    const dry = new Writer(pdf, plan, true);
    layout(dry, plan);
    const w = new Writer(pdf, plan, false, dry.measured);
    w.totalPages = dry.page;
    layout(w, plan);
    if (w.page !== dry.page) throw new Error(`pdf-writer: pagination differs between passes (${dry.page} ≠ ${w.page})`);
  } catch (err) {
    pdf.end();
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
  pdf.end();
  return done;
}
