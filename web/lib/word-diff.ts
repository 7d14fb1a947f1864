// What changed between two versions of a text, word by word: a longest common subsequence on
// tokens (words, runs of spaces, single punctuation marks), for the reviewer's page to show
// what an association rewrote after a return. Pure functions, no DOM.

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** Words (letters, digits and their combining marks), runs of white space, and any other single character. */
export function tokens(text: string): string[] {
  return text.match(/[\p{L}\p{N}\p{M}]+|\s+|[^\p{L}\p{N}\p{M}\s]/gu) ?? [];
}

/** Past this many cells the table is not built: the changed middle is shown as replaced whole. */
const MAX_CELLS = 4_000_000;

/** The parts that turn `before` into `after`: kept, removed and added text, in reading order. */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  push('same', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if (n * m > MAX_CELLS) {
    push('removed', midA.join(''));
    push('added', midB.join(''));
  } else {
    // lengths[i][j]: the longest common subsequence of midA[i…] and midB[j…].
    const width = m + 1;
    const lengths = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lengths[i * width + j] = midA[i] === midB[j] ? lengths[(i + 1) * width + j + 1]! + 1 : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        push('same', midA[i]!);
        i++;
        j++;
      } else if (j < m && (i === n || lengths[i * width + j + 1]! >= lengths[(i + 1) * width + j]!)) {
        push('added', midB[j]!);
        j++;
      } else {
        push('removed', midA[i]!);
        i++;
      }
    }
  }
  push('same', a.slice(endA).join(''));
  return tidy(parts);
}

/**
 * Easier to read: a short kept stretch of spaces or punctuation between two changes that both
 * remove and add joins them ("a b c" → "x y z" reads as one removal and one addition, not six
 * alternating pieces). The stretch then goes into both sides, so each side still reads whole.
 */
function tidy(parts: DiffPart[]): DiffPart[] {
  type Group = { removed: string; added: string };
  const runs: (DiffPart | Group)[] = [];
  for (const part of parts) {
    const last = runs[runs.length - 1];
    if (part.kind === 'same') runs.push({ ...part });
    else if (last && !('kind' in last)) last[part.kind] += part.text;
    else runs.push({ removed: part.kind === 'removed' ? part.text : '', added: part.kind === 'added' ? part.text : '' });
  }
  const merged: (DiffPart | Group)[] = [];
  for (let k = 0; k < runs.length; k++) {
    const run = runs[k]!;
    const prev = merged[merged.length - 1];
    const next = runs[k + 1];
    if ('kind' in run && prev && !('kind' in prev) && next && !('kind' in next) && run.text.length <= 3 && /^[\s\p{P}]*$/u.test(run.text)) {
      const removed = prev.removed + next.removed;
      const added = prev.added + next.added;
      if (removed && added) {
        prev.removed = prev.removed + run.text + next.removed;
        prev.added = prev.added + run.text + next.added;
        k++;
        continue;
      }
    }
    merged.push(run);
  }
  const out: DiffPart[] = [];
  for (const run of merged) {
    if ('kind' in run) out.push(run);
    else {
      if (run.removed) out.push({ kind: 'removed', text: run.removed });
      if (run.added) out.push({ kind: 'added', text: run.added });
    }
  }
  return out;
}

/** Whether two versions of a text differ in anything but the spaces at their ends. */
export function textChanged(before: unknown, after: unknown): boolean {
  return String(before ?? '').trim() !== String(after ?? '').trim();
}
