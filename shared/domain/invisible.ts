// Characters that change what a reader sees without being seen (SPEC section 4): the one rule
// for report text and registry names. Pure, no dependencies, so the registry reader and the
// schemas share it.
//
// The rule, precisely:
// - Bidirectional controls are refused everywhere: embeddings and overrides (U+202A–U+202E),
//   isolates (U+2066–U+2069) and the marks (U+200E, U+200F, U+061C). They reorder what is
//   shown ("Mai\u202Egnol" reads "Mailong"); Vietnamese text never needs them.
// - Invisible characters with no job in the text are refused everywhere: zero-width space
//   (U+200B), word joiner and invisible operators (U+2060–U+2064), deprecated format controls
//   (U+206A–U+206F), zero-width no-break space / BOM (U+FEFF), Mongolian vowel separator
//   (U+180E), the Hangul fillers that render as nothing (U+115F, U+1160, U+3164, U+FFA0) and
//   the tag characters (U+E0000–U+E007F), which can smuggle a hidden ASCII text.
// - Zero-width non-joiner and joiner (U+200C, U+200D) spell words in Persian, Arabic and the
//   Indic scripts, and ZWJ builds emoji sequences: they are allowed *inside a word*, i.e. with
//   a letter or combining mark on both sides, and ZWJ between two emoji. Anywhere else (at an
//   edge, next to a space or a digit, doubled) they only hide something and are refused.
// - U+2028 and U+2029 (line and paragraph separators) break a line: the text rules treat them
//   as line breaks (refused in single-line fields), not here.
// - The soft hyphen (U+00AD) is allowed: word processors insert it as a hyphenation hint and it
//   shows as a hyphen where the line breaks, so it hides nothing.

export interface InvisibleFound {
  kind: 'bidi' | 'invisible';
  /** e.g. "U+200B" */
  codePoint: string;
  /** 1-based position in code points, for the message */
  position: number;
}

const CANDIDATES = /[\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\u3164\uFEFF\uFFA0\u{E0000}-\u{E007F}]/gu;
const BIDI = /^[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]$/u;
const WORD_PART = /^[\p{L}\p{M}]$/u;
// An emoji, or what may end one before a ZWJ: a skin tone or the emoji variation selector.
const EMOJI_BEFORE = /^(?:\p{Extended_Pictographic}|[\u{1F3FB}-\u{1F3FF}]|\uFE0F)$/u;
const EMOJI = /^\p{Extended_Pictographic}$/u;

function before(s: string, index: number): string {
  if (index === 0) return '';
  const low = s.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) return s.slice(index - 2, index);
  return s.slice(index - 1, index);
}

function after(s: string, index: number, length: number): string {
  const next = s.codePointAt(index + length);
  return next === undefined ? '' : String.fromCodePoint(next);
}

function joinerAllowed(s: string, index: number, joiner: string): boolean {
  const prev = before(s, index);
  const next = after(s, index, joiner.length);
  if (WORD_PART.test(prev) && WORD_PART.test(next)) return true;
  return joiner === '\u200D' && EMOJI_BEFORE.test(prev) && EMOJI.test(next);
}

/** The first invisible formatting character of `s` that the rule refuses, or null. */
export function findInvisible(s: string): InvisibleFound | null {
  for (const match of s.matchAll(CANDIDATES)) {
    const ch = match[0];
    const index = match.index;
    if ((ch === '\u200C' || ch === '\u200D') && joinerAllowed(s, index, ch)) continue;
    return {
      kind: BIDI.test(ch) ? 'bidi' : 'invisible',
      codePoint: `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`,
      position: [...s.slice(0, index)].length + 1,
    };
  }
  return null;
}

const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

/** True when `s` shows at least one character: a letter, digit, punctuation or symbol. */
export const hasVisible = (s: string): boolean => VISIBLE.test(s);
