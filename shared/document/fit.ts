// How a header line fits its column, decided once for every writer of a plan (the PDF writer
// and the Word writer), so that a long issuer line breaks at the same place in both: between
// its pieces, never inside a name. Pure: a writer hands in how wide a text is in its face.
import type { StyledLine } from './plan.ts';

/** The width (pt) of `text` in the face of `style` at `size` pt. */
export type Measure = (text: string, style: { bold?: boolean | undefined; italic?: boolean | undefined }, size: number) => number;

/**
 * The size a line is set at and its lines within `width`: on one line, shrunk half a point at
 * a time down to its minSize; failing that, broken between its pieces (a name is never cut)
 * at the largest size where each piece fits; failing that, `lines` is null: the writer wraps
 * the text between words at minSize.
 */
export function fitLine(line: StyledLine, width: number, measure: Measure): { size: number; lines: string[] | null } {
  const min = line.minSize ?? line.size;
  const sizes: number[] = [];
  for (let size = line.size; size >= min; size -= 0.5) sizes.push(size);
  for (const size of sizes) {
    if (measure(line.text, line, size) <= width) return { size, lines: [line.text] };
  }
  const pieces = line.pieces ?? [];
  if (pieces.length > 1) {
    for (const size of sizes) {
      if (pieces.every((p) => measure(p, line, size) <= width)) {
        const lines: string[] = [];
        for (const piece of pieces) {
          const last = lines[lines.length - 1];
          if (last !== undefined && measure(`${last} ${piece}`, line, size) <= width) lines[lines.length - 1] = `${last} ${piece}`;
          else lines.push(piece);
        }
        return { size, lines };
      }
    }
  }
  return { size: min, lines: null };
}
