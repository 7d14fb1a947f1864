// Text of a PDF, page by page, as a reader's copy-paste would give it (pdfjs-dist).
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  await pdf.destroy();
  return pages;
}

/** A run of text where the PDF places it: top-left origin (points), its font size. */
export interface PlacedText {
  str: string;
  x: number;
  /** distance of the baseline from the top of the page */
  y: number;
  width: number;
  size: number;
}

/** Every run of text of every page, with its position and size (pdfjs-dist). */
export async function placedText(bytes: Uint8Array): Promise<{ width: number; height: number; items: PlacedText[] }[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: { width: number; height: number; items: PlacedText[] }[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const [, , width, height] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const items: PlacedText[] = [];
    for (const item of content.items) {
      if (!('str' in item) || item.str.trim() === '') continue;
      const [a, b, , , e, f] = item.transform as number[];
      items.push({ str: item.str, x: e!, y: height - f!, width: item.width, size: Math.round(Math.hypot(a!, b!) * 100) / 100 });
    }
    pages.push({ width, height, items });
  }
  await pdf.destroy();
  return pages;
}
