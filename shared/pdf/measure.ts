// Text widths in the report's faces (Tinos: Times New Roman's metrics), for a writer that
// cannot measure by itself: the Word writer decides where a header line breaks (fitLine) as
// the PDF writer does, so the issuer never breaks inside a name in either file.
import PDFDocument from 'pdfkit';
import type { Measure } from '../document/fit.ts';
import { FONT_STYLES, loadFonts, type FontStyle } from './fonts.ts';

let measurer: PDFKit.PDFDocument | undefined;

/** Widths as pdfkit measures them for the PDF, so both writers break the same lines. */
export function textMeasure(): Measure {
  if (!measurer) {
    const fonts = loadFonts();
    // No page, no output: a document used only for its font metrics.
    measurer = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
    for (const style of FONT_STYLES) measurer.registerFont(style, fonts[style]);
  }
  const doc = measurer;
  return (text, s, size) => {
    const style: FontStyle = s.bold ? (s.italic ? 'bolditalic' : 'bold') : s.italic ? 'italic' : 'regular';
    return doc.font(style).fontSize(size).widthOfString(text);
  };
}
