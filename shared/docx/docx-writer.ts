// The Word writer of a document plan (shared/document/plan.ts), the PDF writer's twin
// (shared/pdf/pdf-writer.ts): the same blocks in the same order, in Times New Roman at the
// plan's sizes, on A4 with the plan's margins, so that an officer edits the report in Word and
// prints it as it is. Word lays the pages out itself; what the PDF writer decides by hand is
// said here the way Word understands it:
// - the header block is a borderless two-column table, as offices lay it out; its long lines
//   break where the PDF's break (fitLine, measured in the same metrics);
// - tables have fixed column widths, a header row repeated on every page (tableHeader) and rows
//   that never split across pages (cantSplit);
// - the page number is centred in the page header from the plan's page on (a different first
//   page), the draft mark on the right of every page's header;
// - a heading and a table's title stay with what follows (keepNext); the signature block is
//   one row that never splits; each appendix starts a new page.
// Pure and deterministic: same plan → same bytes (the core properties carry the document's
// date, the zip entries a fixed time).
import {
  AlignmentType,
  BorderStyle,
  Document,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  Header,
  type IRunOptions,
  type IParagraphOptions,
  type ITableBordersOptions,
} from 'docx';
import type { Align, Block, DocumentPlan, HeaderBlock, Run, SignatureBlock, StyledLine, TableBlock, TitleBlock } from '../document/plan.ts';
import { fitLine, type Measure } from '../document/fit.ts';

const FONT = 'Times New Roman';
const A4 = { width: 11906, height: 16838 };
const twipsOfMm = (mm: number): number => Math.round((mm * 1440) / 25.4);
const twipsOfPt = (pt: number): number => Math.round(pt * 20);
const halfPoints = (pt: number): number => Math.round(pt * 2);
/** As the PDF writer: a first-line indent of 12.7 mm, 6 pt between paragraphs, cells padded 4 × 3 pt. */
const FIRST_LINE_INDENT = twipsOfMm(12.7);
const PARAGRAPH_GAP = twipsOfPt(6);
const CELL_MARGINS = { top: twipsOfPt(3), bottom: twipsOfPt(3), left: twipsOfPt(4), right: twipsOfPt(4), marginUnitType: WidthType.DXA };
/** Times New Roman's single line is 1.15 em; the PDF sets body lines 3 pt further apart. */
const LINE_EM = 1.15;
const BODY_LINE_GAP_PT = 3;
/** The gap the PDF leaves between the header block's columns. */
const HEADER_GAP_PT = 10;

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'auto' } as const;
const LINE_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const NO_BORDERS: ITableBordersOptions = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};
const GRID_BORDERS: ITableBordersOptions = {
  top: LINE_BORDER,
  bottom: LINE_BORDER,
  left: LINE_BORDER,
  right: LINE_BORDER,
  insideHorizontal: LINE_BORDER,
  insideVertical: LINE_BORDER,
};

/**
 * The paragraph styles of a table cell's lines: the table's size, and each alignment a style
 * of its own (based on TableText) rather than a w:jc on every cell's paragraph.
 */
const TABLE_TEXT = 'TableText';
const TABLE_TEXT_OF: Record<Align, string> = { left: TABLE_TEXT, center: 'TableTextCentre', right: 'TableTextRight' };

/**
 * A table cell written once however many rows hold it. The commended list of a national close
 * is 10,000 rows of five cells, and most of its cells repeat (the level, the award, a
 * commune's name): a cell of the same text, column and weight is one object, and what docx
 * prepares of it for the XML is kept the first time it is asked for. Safe for these cells
 * only: fixed width, no spans, no nested table, so their XML does not depend on where they
 * stand (docx asks a cell again for each row it is in, and only reads what it gets back).
 */
class RepeatedCell extends TableCell {
  private prepared: ReturnType<TableCell['prepForXml']> | undefined;
  override prepForXml(context: Parameters<TableCell['prepForXml']>[0]): ReturnType<TableCell['prepForXml']> {
    this.prepared ??= super.prepForXml(context);
    return this.prepared;
  }
}

/** What every block is laid out in: the text width (pt and twips) and the plan's sizes. */
interface Context {
  plan: DocumentPlan;
  measure: Measure;
  widthPt: number;
  widthTwips: number;
  /** the body's line spacing, in 240ths of a single line (auto rule) */
  bodyLine: number;
}

const run = (text: string, size: number, style: { bold?: boolean | undefined; italic?: boolean | undefined; underline?: boolean | undefined } = {}, extra: IRunOptions = {}): TextRun =>
  new TextRun({
    text,
    size: halfPoints(size),
    ...(style.bold ? { bold: true } : {}),
    ...(style.italic ? { italics: true } : {}),
    ...(style.underline ? { underline: {} } : {}),
    ...extra,
  });

/** A paragraph with no space around it: a line of the header, the signature, a title. */
const tight = (options: IParagraphOptions): Paragraph => new Paragraph({ spacing: { before: 0, after: 0 }, ...options });

/** The lines of a StyledLine fitted to `widthPt` (as the PDF fits them), each its own centred paragraph. */
function fittedLines(ctx: Context, line: StyledLine, widthPt: number, extra: IParagraphOptions = {}): Paragraph[] {
  const fit = fitLine(line, widthPt, ctx.measure);
  const lines = fit.lines ?? [line.text];
  return lines.map((text, i) => tight({ alignment: AlignmentType.CENTER, ...(i === 0 ? extra : {}), children: [run(text, fit.size, line)] }));
}

/** Each line of `lines` centred, Word wrapping it between words where it must. */
const centredLines = (lines: StyledLine[], extra: IParagraphOptions = {}): Paragraph[] =>
  lines.map((l) => tight({ alignment: AlignmentType.CENTER, keepNext: true, ...extra, children: [run(l.text, l.size, l)] }));

/** A short centred rule: an empty paragraph's bottom border, indented to `ruleTwips` wide. */
function rule(widthTwips: number, ruleTwips: number, spaceAfterPt: number): Paragraph {
  const indent = Math.max(0, Math.round((widthTwips - ruleTwips) / 2));
  return new Paragraph({
    spacing: { before: 0, after: twipsOfPt(spaceAfterPt), line: 120, lineRule: LineRuleType.EXACT },
    indent: { left: indent, right: indent },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

/** A cell of a borderless layout table, its content at the top. */
const layoutCell = (widthTwips: number, children: Paragraph[]): TableCell =>
  new TableCell({
    width: { size: widthTwips, type: WidthType.DXA },
    margins: { top: 0, bottom: 0, left: 0, right: 0, marginUnitType: WidthType.DXA },
    borders: { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER },
    children: children.length > 0 ? children : [tight({})],
  });

const layoutTable = (columns: number[], cells: Paragraph[][]): Table =>
  new Table({
    width: { size: columns.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: columns,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [new TableRow({ cantSplit: true, children: cells.map((c, i) => layoutCell(columns[i] ?? 0, c)) })],
  });

// ---------------------------------------------------------------------------------------------
// Blocks

function headerBlock(ctx: Context, b: HeaderBlock): (Paragraph | Table)[] {
  const leftPt = Math.round(ctx.widthPt * b.leftWidth);
  const rightPt = ctx.widthPt - leftPt - HEADER_GAP_PT;
  const leftTwips = twipsOfPt(leftPt);
  const columns = [leftTwips, ctx.widthTwips - leftTwips];
  const issuer: Paragraph[] = b.issuer.flatMap((line) => fittedLines(ctx, line, leftPt));
  if (b.issuerMark === 'star') {
    issuer.push(tight({ alignment: AlignmentType.CENTER, children: [run('*', ctx.plan.sizes.body)] }));
  } else {
    // A short rule under the issuer, a third of the column wide.
    issuer.push(rule(leftTwips, Math.round(leftTwips / 3), 0));
  }
  const motto: Paragraph[] = b.motto.flatMap((line) => fittedLines(ctx, line, rightPt));
  // Two rows, so that the number and the place and date are level whatever the lines above them.
  const gap = { spacing: { before: twipsOfPt(4), after: 0 } };
  const number = fittedLines(ctx, b.number, leftPt, gap);
  const placeDate = fittedLines(ctx, b.placeDate, rightPt, gap);
  const table = new Table({
    width: { size: ctx.widthTwips, type: WidthType.DXA },
    columnWidths: columns,
    layout: TableLayoutType.FIXED,
    borders: NO_BORDERS,
    rows: [
      new TableRow({ cantSplit: true, children: [layoutCell(columns[0]!, issuer), layoutCell(columns[1]!, motto)] }),
      new TableRow({ cantSplit: true, children: [layoutCell(columns[0]!, number), layoutCell(columns[1]!, placeDate)] }),
    ],
  });
  return [table, new Paragraph({ spacing: { before: 0, after: twipsOfPt(22), line: 20, lineRule: LineRuleType.EXACT }, children: [] })];
}

function titleBlock(ctx: Context, b: TitleBlock): Paragraph[] {
  const out = centredLines(b.lines);
  if (b.under === 'dashes') {
    out.push(tight({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: twipsOfPt(12) }, children: [run('-----', ctx.plan.sizes.body)] }));
  } else {
    out.push(rule(ctx.widthTwips, twipsOfPt(80), 14));
  }
  return out;
}

function paragraphBlock(ctx: Context, runs: Run[], keepNext: boolean): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: FIRST_LINE_INDENT },
    spacing: { before: 0, after: PARAGRAPH_GAP, line: ctx.bodyLine, lineRule: LineRuleType.AUTO },
    ...(keepNext ? { keepNext: true, keepLines: true } : {}),
    children: runs.map((r) => run(r.text, ctx.plan.sizes.body, r)),
  });
}

function headingBlock(ctx: Context, text: string): Paragraph {
  return new Paragraph({
    indent: { left: FIRST_LINE_INDENT },
    spacing: { before: twipsOfPt(4), after: PARAGRAPH_GAP, line: ctx.bodyLine, lineRule: LineRuleType.AUTO },
    keepNext: true,
    keepLines: true,
    children: [run(text, ctx.plan.sizes.body, { bold: true })],
  });
}

function tableBlock(ctx: Context, b: TableBlock): (Paragraph | Table)[] {
  const size = ctx.plan.sizes.table;
  const widths = b.columns.map((c) => Math.round(c.width * ctx.widthTwips));
  // The shares add up to 1: what rounding leaves goes to the widest column.
  const widest = widths.indexOf(Math.max(...widths));
  widths[widest] = (widths[widest] ?? 0) + ctx.widthTwips - widths.reduce((a, w) => a + w, 0);
  // A cell's lines take their size and alignment from the TableText styles (and their spacing
  // from the document's default) rather than each run and paragraph its own: a table of
  // 10,000 rows is most of the file, and what every cell repeats is what the writer spends its
  // time and memory on.
  const cellOf = (text: string, width: number, align: Align, bold: boolean, keepNext: boolean): TableCell =>
    new RepeatedCell({
      width: { size: width, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      children: text
        .split('\n')
        .map((l) => new Paragraph({ style: TABLE_TEXT_OF[align], ...(keepNext ? { keepNext: true } : {}), children: [new TextRun(bold ? { text: l, bold: true } : l)] })),
    });
  const cells = new Map<string, TableCell>();
  const cell = (text: string, width: number, align: Align, bold: boolean, keepNext: boolean): TableCell => {
    const key = `${width} ${align} ${bold} ${keepNext} ${text}`;
    let made = cells.get(key);
    if (!made) {
      made = cellOf(text, width, align, bold, keepNext);
      cells.set(key, made);
    }
    return made;
  };
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: b.columns.map((c, i) => cell(c.header, widths[i] ?? 0, 'center', true, true)),
  });
  const rows = b.rows.map(
    (r) => new TableRow({ cantSplit: true, children: b.columns.map((c, i) => cell(r.cells[i] ?? '', widths[i] ?? 0, c.align, r.bold === true, false)) }),
  );
  const out: (Paragraph | Table)[] = [];
  if (b.title) {
    out.push(tight({ alignment: AlignmentType.CENTER, keepNext: true, spacing: { before: 0, after: twipsOfPt(6) }, children: [run(b.title, ctx.plan.sizes.body, { bold: true })] }));
  }
  out.push(
    new Table({
      width: { size: ctx.widthTwips, type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: GRID_BORDERS,
      margins: CELL_MARGINS,
      rows: [header, ...rows],
    }),
  );
  if (b.rows.length === 0) out.push(tight({ spacing: { before: twipsOfPt(4), after: PARAGRAPH_GAP }, children: [run(b.empty, size, { italic: true })] }));
  // The space the PDF leaves under a table; Word also needs a paragraph between two tables.
  out.push(new Paragraph({ spacing: { before: 0, after: 0, line: twipsOfPt(12), lineRule: LineRuleType.EXACT }, children: [] }));
  return out;
}

function signatureBlock(ctx: Context, b: SignatureBlock): (Paragraph | Table)[] {
  const half = Math.round(ctx.widthTwips / 2);
  const right: Paragraph[] = b.authority.map((l) => tight({ alignment: AlignmentType.CENTER, children: [run(l.text, l.size, l)] }));
  // The space for the signature and the seal.
  right.push(new Paragraph({ spacing: { before: 0, after: 0, line: twipsOfMm(b.signatureSpace), lineRule: LineRuleType.EXACT }, children: [] }));
  if (b.name) right.push(tight({ alignment: AlignmentType.CENTER, children: [run(b.name.text, b.name.size, b.name)] }));
  const left: Paragraph[] = [b.recipients.title, ...b.recipients.lines].map((l) => tight({ alignment: AlignmentType.LEFT, children: [run(l.text, l.size, l)] }));
  return [new Paragraph({ spacing: { before: 0, after: twipsOfPt(6), line: 120, lineRule: LineRuleType.EXACT }, keepNext: true, children: [] }), layoutTable([half, ctx.widthTwips - half], [left, right])];
}

function block(ctx: Context, b: Block, next: Block | undefined): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'header':
      return headerBlock(ctx, b);
    case 'title':
      return titleBlock(ctx, b);
    case 'heading':
      return [headingBlock(ctx, b.text)];
    case 'paragraph':
      // The body's last words stay with the signature (the PDF keeps the two on one page).
      return [paragraphBlock(ctx, b.runs, b.keepWithNext === true && next !== undefined)];
    case 'centred':
      return [tight({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: twipsOfPt(4) }, keepNext: true, children: [run(b.line.text, b.line.size, b.line)] })];
    case 'table':
      return tableBlock(ctx, b);
    case 'signature':
      return signatureBlock(ctx, b);
  }
}

// ---------------------------------------------------------------------------------------------
// The page header: the page number centred from the plan's page on, the draft mark on the right

function pageHeader(ctx: Context, numbered: boolean): Header {
  const { numbering, mark } = ctx.plan.page;
  const children: TextRun[] = [];
  if (numbered) {
    // The template's {n} and {N} become Word's PAGE and NUMPAGES fields.
    children.push(new TextRun({ text: '\t', size: halfPoints(numbering.size) }));
    for (const part of numbering.template.split(/(\{n\}|\{N\})/u)) {
      if (part === '') continue;
      const field = part === '{n}' ? PageNumber.CURRENT : part === '{N}' ? PageNumber.TOTAL_PAGES : null;
      children.push(field ? new TextRun({ children: [field], size: halfPoints(numbering.size) }) : new TextRun({ text: part, size: halfPoints(numbering.size) }));
    }
  }
  if (mark) {
    children.push(new TextRun({ text: numbered ? '\t' : '\t\t', size: halfPoints(numbering.size) }));
    children.push(new TextRun({ text: ` ${mark} `, bold: true, size: halfPoints(12), border: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 2 } }));
  }
  return new Header({
    children: [
      new Paragraph({
        spacing: { before: 0, after: 0 },
        tabStops: [
          { type: TabStopType.CENTER, position: Math.round(ctx.widthTwips / 2) },
          { type: TabStopType.RIGHT, position: ctx.widthTwips },
        ],
        children,
      }),
    ],
  });
}

// ---------------------------------------------------------------------------------------------
// Writing

const xmlText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The core properties with the document's date as its creation and modification time: same plan, same bytes. */
function coreXml(plan: DocumentPlan): string {
  const { meta } = plan;
  const at = `${meta.date}T00:00:00Z`;
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlText(meta.title)}</dc:title><dc:subject>${xmlText(meta.subject)}</dc:subject><dc:creator>${xmlText(meta.author)}</dc:creator>` +
    `<cp:keywords>${xmlText(meta.keywords)}</cp:keywords><dc:language>${xmlText(meta.language)}</dc:language>` +
    `<cp:lastModifiedBy>${xmlText(meta.author)}</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${at}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** MS-DOS time and date of 1980-01-01 00:00, the zip format's first day. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * Sets every entry's time in the zip's local headers and central directory to one fixed
 * value (docx stamps them with the time of packing). The headers are outside the CRC: the
 * entries' bytes are untouched.
 */
export function fixZipTimes(zip: Buffer): Buffer {
  const out = Buffer.from(zip);
  let end = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--) {
    if (out.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error('docx-writer: not a zip file (no end of central directory)');
  const entries = out.readUInt16LE(end + 10);
  let at = out.readUInt32LE(end + 16);
  for (let n = 0; n < entries; n++) {
    if (out.readUInt32LE(at) !== 0x02014b50) throw new Error('docx-writer: malformed central directory');
    out.writeUInt16LE(DOS_TIME, at + 12);
    out.writeUInt16LE(DOS_DATE, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('docx-writer: malformed local header');
    out.writeUInt16LE(DOS_TIME, local + 10);
    out.writeUInt16LE(DOS_DATE, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

/** Writes a plan as a .docx file. Same plan → byte-identical output. */
export async function writeDocx(plan: DocumentPlan, measure: Measure): Promise<Buffer> {
  const m = plan.page.margins;
  const widthTwips = A4.width - twipsOfMm(m.left) - twipsOfMm(m.right);
  const body = plan.sizes.body;
  const ctx: Context = {
    plan,
    measure,
    widthTwips,
    widthPt: widthTwips / 20,
    bodyLine: Math.round((240 * (LINE_EM * body + BODY_LINE_GAP_PT)) / (LINE_EM * body)),
  };
  const children: (Paragraph | Table)[] = [];
  plan.body.forEach((b, i) => children.push(...block(ctx, b, plan.body[i + 1])));
  for (const appendix of plan.appendices) {
    const [first, ...rest] = centredLines(appendix.title);
    // Each appendix starts on a new page, under its title lines.
    children.push(new Paragraph({ pageBreakBefore: true, spacing: { before: 0, after: 0 }, children: [] }));
    if (first) children.push(first);
    children.push(...rest.slice(0, -1));
    const last = rest[rest.length - 1];
    if (last) children.push(last);
    children.push(new Paragraph({ spacing: { before: 0, after: twipsOfPt(10) }, keepNext: true, children: [] }));
    appendix.blocks.forEach((b, i) => children.push(...block(ctx, b, appendix.blocks[i + 1])));
  }

  const numberedFromFirst = plan.page.numbering.from <= 1;
  const doc = new Document({
    title: plan.meta.title,
    subject: plan.meta.subject,
    creator: plan.meta.author,
    keywords: plan.meta.keywords,
    lastModifiedBy: plan.meta.author,
    styles: {
      default: {
        document: {
          run: { font: { ascii: FONT, hAnsi: FONT, cs: FONT, eastAsia: FONT }, size: halfPoints(body), language: { value: plan.meta.language } },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      },
      paragraphStyles: [
        { id: TABLE_TEXT, name: 'Table Text', basedOn: 'Normal', quickFormat: true, run: { size: halfPoints(plan.sizes.table) } },
        { id: TABLE_TEXT_OF.center, name: 'Table Text Centre', basedOn: TABLE_TEXT, quickFormat: true, paragraph: { alignment: AlignmentType.CENTER } },
        { id: TABLE_TEXT_OF.right, name: 'Table Text Right', basedOn: TABLE_TEXT, quickFormat: true, paragraph: { alignment: AlignmentType.RIGHT } },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: !numberedFromFirst,
          page: {
            size: { width: A4.width, height: A4.height },
            margin: {
              top: twipsOfMm(m.top),
              bottom: twipsOfMm(m.bottom),
              left: twipsOfMm(m.left),
              right: twipsOfMm(m.right),
              // The number sits in the top margin, about half-way down it, as in the PDF.
              header: twipsOfMm(m.top / 2 - 2.5),
              footer: twipsOfMm(m.bottom / 2),
            },
          },
        },
        headers: { default: pageHeader(ctx, true), first: pageHeader(ctx, numberedFromFirst) },
        children,
      },
    ],
  });
  const zip = await Packer.toBuffer(doc, false, [{ path: 'docProps/core.xml', data: coreXml(plan) }]);
  return fixZipTimes(zip);
}
