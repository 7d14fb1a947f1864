// Text of a PDF, page by page, as a reader's copy-paste would give it (pdfjs-dist).
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';

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

/** A horizontal line the page draws (a rule under a heading, a table's border): top-left origin, points. */
export interface HorizontalRule {
  x1: number;
  x2: number;
  /** distance from the top of the page */
  y: number;
}

/**
 * The horizontal segments drawn on one page, read from its operator list (pdfjs-dist 5:
 * constructPath carries [opcode, x, y, …] with 0 = moveTo and 1 = lineTo, in the page's
 * user space, which pdfkit flips so that y runs down from the top).
 */
export async function horizontalRules(bytes: Uint8Array, pageNumber = 1): Promise<HorizontalRule[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const page = await pdf.getPage(pageNumber);
  const list = await page.getOperatorList();
  const rules: HorizontalRule[] = [];
  list.fnArray.forEach((fn, i) => {
    if (fn !== OPS.constructPath) return;
    const path = Object.values((list.argsArray[i] as unknown[])[1] as Record<string, number>[]).flatMap((part) => Object.values(part));
    let at: [number, number] | null = null;
    for (let k = 0; k < path.length; k += 3) {
      const [op, x, y] = [path[k], path[k + 1]!, path[k + 2]!];
      if (op === 1 && at && Math.abs(at[1] - y) < 0.01 && Math.abs(at[0] - x) > 0.01) rules.push({ x1: Math.min(at[0], x), x2: Math.max(at[0], x), y });
      at = op === 0 || op === 1 ? [x, y] : null;
      if (op !== 0 && op !== 1) break; // curves and rectangles carry other argument counts: not a rule
    }
  });
  await pdf.destroy();
  return rules;
}
