// The floor of PDF drawing: pdfkit drawing the same table rows as the report, with no logic
// (no wrapping, no measuring, no repeated headers, no two-pass pagination, no prose): one
// text call per cell, one rule per row, a new page when the next row does not fit. The
// same embedded Tinos fonts, A4, the same margins.
import PDFDocument from 'pdfkit';
import { APPENDIX_REASON_LABELS, LEVEL_LABELS } from '../shared/domain/labels.ts';
import { loadFonts } from '../shared/pdf/fonts.ts';
import type { ReportDocument } from '../shared/domain/types.ts';

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
