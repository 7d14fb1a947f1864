// The floor of the Word file (the close writes it beside the PDF since issue 15): the docx
// package writing every line of the report's document plan with no logic of ours, as
// drawPlanNaively (./naive-pdf.ts) is pdfkit's. Times New Roman at the body size as the
// document's default; a paragraph per line or paragraph, its runs' bold and italics; a table
// per table block, its header row and rows, one plain paragraph per cell, at the plan's column
// shares; no header layout table, no fitting of lines, no keep-with-next, no repeated header
// rows, no rules, no page numbers, no table style.
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { Block, DocumentPlan, StyledLine } from '../shared/document/plan.ts';

const TWIPS_PER_MM = 1440 / 25.4;
const A4_WIDTH_MM = 210;

const line = (l: StyledLine, centred = false): Paragraph =>
  new Paragraph({ ...(centred ? { alignment: AlignmentType.CENTER } : {}), children: [new TextRun({ text: l.text, size: l.size * 2, bold: l.bold === true, italics: l.italic === true })] });

function blocks(plan: DocumentPlan, list: readonly Block[], widthTwips: number): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const b of list) {
    if (b.kind === 'header') for (const l of [...b.issuer, b.number, ...b.motto, b.placeDate]) out.push(line(l));
    else if (b.kind === 'title') for (const l of b.lines) out.push(line(l, true));
    else if (b.kind === 'heading') out.push(new Paragraph({ children: [new TextRun({ text: b.text, bold: true })] }));
    else if (b.kind === 'paragraph') out.push(new Paragraph({ children: b.runs.map((r) => new TextRun({ text: r.text, bold: r.bold === true, italics: r.italic === true })) }));
    else if (b.kind === 'centred') out.push(line(b.line, true));
    else if (b.kind === 'table') {
      if (b.title) out.push(new Paragraph({ children: [new TextRun({ text: b.title, bold: true })] }));
      const widths = b.columns.map((c) => Math.round(c.width * widthTwips));
      const row = (cells: readonly string[]) =>
        new TableRow({ children: cells.map((text) => new TableCell({ children: text.split('\n').map((t) => new Paragraph({ children: [new TextRun({ text: t, size: plan.sizes.table * 2 })] })) })) });
      out.push(new Table({ width: { size: widthTwips, type: WidthType.DXA }, columnWidths: widths, rows: [row(b.columns.map((c) => c.header)), ...b.rows.map((r) => row(r.cells))] }));
      if (b.rows.length === 0) out.push(new Paragraph({ text: b.empty }));
    } else {
      for (const l of [...b.authority, ...(b.name ? [b.name] : []), b.recipients.title, ...b.recipients.lines]) out.push(line(l));
    }
  }
  return out;
}

/** The plan as a Word file, the docx package doing all of the work. */
export async function writePlanNaively(plan: DocumentPlan): Promise<Buffer> {
  const m = plan.page.margins;
  const widthTwips = Math.round((A4_WIDTH_MM - m.left - m.right) * TWIPS_PER_MM);
  const children = blocks(plan, plan.body, widthTwips);
  for (const appendix of plan.appendices) {
    children.push(...appendix.title.map((l) => line(l, true)));
    children.push(...blocks(plan, appendix.blocks, widthTwips));
  }
  const doc = new Document({
    styles: { default: { document: { run: { font: 'Times New Roman', size: plan.sizes.body * 2 } } } },
    sections: [{ properties: { page: { margin: { top: m.top * TWIPS_PER_MM, bottom: m.bottom * TWIPS_PER_MM, left: m.left * TWIPS_PER_MM, right: m.right * TWIPS_PER_MM } } }, children }],
  });
  return Packer.toBuffer(doc);
}
