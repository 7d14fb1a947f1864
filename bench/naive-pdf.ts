// The floors of PDF drawing. drawPlanNaively (the renderer's and the close's floor): pdfkit
// drawing every line of the report's document plan with no logic of ours. drawRowsNaively
// (kept for comparison with earlier runs): the same table rows with no wrapping at all, one
// text call per cell, one rule per row. The same embedded Tinos fonts, A4, the same margins.
import PDFDocument from 'pdfkit';
import { APPENDIX_REASON_LABELS, LEVEL_LABELS } from '../shared/domain/labels.ts';
import { loadFonts } from '../shared/pdf/fonts.ts';
import type { ReportDocument } from '../shared/domain/types.ts';
import type { Block, DocumentPlan, StyledLine, TableColumn } from '../shared/document/plan.ts';

const MM = 72 / 25.4;
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };

/** Every table row the report draws, as cell strings (the numbers formatted plainly). */
export function reportRows(doc: ReportDocument): string[][] {
  const s = doc.summary;
  const rows: string[][] = [];
  for (const l of ['province', 'district', 'commune'] as const) {
    rows.push([LEVEL_LABELS[l].vi, String(s.associations.byLevel[l]), String(s.associations.special.byLevel[l]), String(s.associations.new.byLevel[l]), String(s.figures.membersByLevel[l])]);
  }
  for (const [i, u] of doc.completenessUnits.entries()) {
    rows.push([String(i + 1), u.name, ...[u.expected, u.submitted, u.approved, u.returned, u.missing, u.late, u.members].map(String)]);
  }
  for (const [i, c] of doc.commended.entries()) rows.push([String(i + 1), c.name, c.unitName, LEVEL_LABELS[c.level].vi, c.award]);
  for (const [i, a] of doc.appendix.entries()) rows.push([String(i + 1), a.name, a.unitName, APPENDIX_REASON_LABELS[a.reason].vi]);
  return rows;
}

export function drawRowsNaively(rows: readonly string[][]): Promise<{ bytes: Buffer; pages: number }> {
  const fonts = loadFonts();
  const pdf = new PDFDocument({ size: 'A4', margins: MARGINS, font: null as unknown as string });
  pdf.registerFont('regular', fonts.regular);
  pdf.font('regular').fontSize(12);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - MARGINS.left - MARGINS.right;
  const bottom = pdf.page.height - MARGINS.bottom;
  const rowHeight = pdf.currentLineHeight(false) + 6;
  let y = MARGINS.top;
  let pages = 1;
  for (const row of rows) {
    if (y + rowHeight > bottom) {
      pdf.addPage();
      pages += 1;
      y = MARGINS.top;
    }
    const cellWidth = width / row.length;
    row.forEach((cell, i) => pdf.text(cell, MARGINS.left + i * cellWidth + 3, y + 3, { lineBreak: false }));
    pdf.moveTo(MARGINS.left, y + rowHeight).lineTo(MARGINS.left + width, y + rowHeight).stroke();
    y += rowHeight;
  }
  pdf.end();
  return done.then((bytes) => ({ bytes, pages }));
}

const styleOf = (s: { bold?: boolean; italic?: boolean }) => (s.bold ? (s.italic ? 'bolditalic' : 'bold') : s.italic ? 'italic' : 'regular');

/**
 * The floor of the renderer, on the content it lays out: pdfkit drawing every line of the
 * report's document plan (shared/document/report-plan.ts) with its fonts, sizes and margins,
 * and no logic of ours: pdfkit wraps a paragraph or a cell to its width and breaks pages in
 * running text; a table row is its cells drawn side by side (the row as tall as its tallest
 * cell) and a rule; the header row once per table; no repeated headers, no keep-with-next, no
 * page numbers, no two-pass measuring.
 */
export function drawPlanNaively(plan: DocumentPlan): Promise<{ bytes: Buffer; pages: number }> {
  const fonts = loadFonts();
  const m = plan.page.margins;
  const margins = { top: m.top * MM, bottom: m.bottom * MM, left: m.left * MM, right: m.right * MM };
  const pdf = new PDFDocument({ size: 'A4', margins, font: null as unknown as string });
  for (const style of ['regular', 'bold', 'italic', 'bolditalic'] as const) pdf.registerFont(style, fonts[style]);
  let pages = 1;
  pdf.on('pageAdded', () => (pages += 1));
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (c: Buffer) => chunks.push(c));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - margins.left - margins.right;
  const bottom = pdf.page.height - margins.bottom;
  const line = (l: StyledLine, options: PDFKit.Mixins.TextOptions = {}) => pdf.font(styleOf(l)).fontSize(l.size).text(l.text, margins.left, undefined, { width, align: 'center', ...options });
  const body = (text: string, style = 'regular', size = plan.sizes.body) => pdf.font(style).fontSize(size).text(text, margins.left, undefined, { width, align: 'justify' });
  const drawRow = (cells: string[], columns: TableColumn[], style: string) => {
    pdf.font(style).fontSize(plan.sizes.table);
    const heights = cells.map((c, i) => pdf.heightOfString(c, { width: columns[i]!.width * width - 4 }));
    const h = Math.max(...heights) + 4;
    if (pdf.y + h > bottom) pdf.addPage();
    const y = pdf.y;
    let x = margins.left;
    cells.forEach((c, i) => {
      const w = columns[i]!.width * width;
      pdf.text(c, x + 2, y + 2, { width: w - 4, align: columns[i]!.align });
      x += w;
    });
    pdf.moveTo(margins.left, y + h).lineTo(margins.left + width, y + h).stroke();
    pdf.x = margins.left;
    pdf.y = y + h;
  };
  const block = (b: Block) => {
    switch (b.kind) {
      case 'header':
        for (const l of [...b.issuer, b.number, ...b.motto, b.placeDate]) line(l);
        break;
      case 'title':
        for (const l of b.lines) line(l);
        break;
      case 'heading':
        body(b.text, 'bold');
        break;
      case 'paragraph':
        for (const r of b.runs) body(r.text, styleOf(r));
        break;
      case 'centred':
        line(b.line);
        break;
      case 'table':
        if (b.title) body(b.title, 'bold', plan.sizes.table);
        drawRow(b.columns.map((c) => c.header), b.columns, 'bold');
        for (const r of b.rows) drawRow(r.cells, b.columns, r.bold ? 'bold' : 'regular');
        if (b.rows.length === 0) body(b.empty, 'italic', plan.sizes.table);
        break;
      case 'signature':
        for (const l of [...b.authority, ...(b.name ? [b.name] : []), b.recipients.title, ...b.recipients.lines]) line(l);
        break;
    }
  };
  for (const b of plan.body) block(b);
  for (const a of plan.appendices) {
    pdf.addPage();
    for (const l of a.title) line(l);
    for (const b of a.blocks) block(b);
  }
  pdf.end();
  return done.then((bytes) => ({ bytes, pages }));
}
