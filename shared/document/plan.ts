// A document plan: what a Vietnamese administrative document says, in what order, and how
// its parts are styled, independent of any file format. Writers lay a plan out: the PDF
// writer (shared/pdf/pdf-writer.ts) today, a Word writer later. Plain data (JSON-safe), no
// functions and no notion of a particular library.
//
// Units: sizes are typographic points and page margins millimetres. Both are what the
// official formats prescribe (Nghị định 30/2020/NĐ-CP: "cỡ chữ 13–14", "lề trên 20 mm") and
// what both PDF (1/72 inch) and Word (half-points, twips = 1/20 pt) measure in, so a writer
// converts exactly and no relative scale has to be interpreted twice. Widths inside the
// text area are fractions of it, so a plan does not depend on the paper.

export type Align = 'left' | 'center' | 'right';

/** A piece of text with one style. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

/** One line of a heading or a header column: text, its style and its size (pt). */
export interface StyledLine {
  text: string;
  size: number;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  /** when the line is wider than its column, the size may shrink down to this (pt) */
  minSize?: number;
  /**
   * Where the line may break when it does not fit even at minSize: the text as pieces that
   * stay whole ("ỦY BAN NHÂN DÂN" | "THÀNH PHỐ HỒ CHÍ MINH"), so a name is never cut. Absent:
   * the line breaks between any two words.
   */
  pieces?: string[];
}

/**
 * The header block of an official document: on the left the issuer's lines, a mark under
 * them ("*" for a Party issuer, a short rule for a State one) and the document number; on the
 * right the national motto (State) or the Party's name, underlined, and under both columns
 * the place and date in italics.
 */
export interface HeaderBlock {
  kind: 'header';
  /** share of the text width taken by the left column */
  leftWidth: number;
  issuer: StyledLine[];
  issuerMark: 'star' | 'rule';
  /** the right column's lines; the last one is underlined */
  motto: StyledLine[];
  /** under the issuer */
  number: StyledLine;
  /** under the motto */
  placeDate: StyledLine;
}

/**
 * The document's title lines, centred, and what goes under them: a short rule (State) or
 * five dashes (Party: Hướng dẫn 36-HD/VPTW).
 */
export interface TitleBlock {
  kind: 'title';
  lines: StyledLine[];
  under: 'rule' | 'dashes';
}

/** A section heading ("I. TÌNH HÌNH CHUNG"), kept with what follows. */
export interface HeadingBlock {
  kind: 'heading';
  text: string;
}

/** A body paragraph: first-line indent, justified. */
export interface ParagraphBlock {
  kind: 'paragraph';
  runs: Run[];
  /** never the last thing on a page before the next block: the body's last words stay with the signature */
  keepWithNext?: boolean;
}

/** A centred line (an appendix's group title, a closing mark). */
export interface CentredBlock {
  kind: 'centred';
  line: StyledLine;
}

export interface TableColumn {
  header: string;
  /** share of the text width; the shares of a table add up to 1 */
  width: number;
  align: Align;
}

export interface TableRow {
  cells: string[];
  bold?: boolean;
}

/**
 * A bordered table: the header row repeats at the top of every page; a row is never split
 * across pages; cells wrap between words.
 */
export interface TableBlock {
  kind: 'table';
  title: string | null;
  columns: TableColumn[];
  rows: TableRow[];
  /** what the table says when it has no rows */
  empty: string;
}

/** The signature block (right) and "Nơi nhận" (left), side by side. */
export interface SignatureBlock {
  kind: 'signature';
  /** the authority and title lines ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"), centred in the right half */
  authority: StyledLine[];
  /** the space left for the signature and the seal, in millimetres */
  signatureSpace: number;
  /** the signer's name under that space, or null to leave it to be written by hand */
  name: StyledLine | null;
  /** "Nơi nhận:" and its lines, in the left half */
  recipients: { title: StyledLine; lines: StyledLine[] };
}

export type Block = HeaderBlock | TitleBlock | HeadingBlock | ParagraphBlock | CentredBlock | TableBlock | SignatureBlock;

/** An appendix: starts on a new page under its centred title lines. */
export interface Appendix {
  title: StyledLine[];
  blocks: Block[];
}

export interface DocumentPlan {
  meta: {
    title: string;
    author: string;
    subject: string;
    keywords: string;
    /** BCP 47 */
    language: string;
    /** YYYY-MM-DD: the document's date, also its creation date (same plan, same file) */
    date: string;
  };
  page: {
    size: 'A4';
    /** millimetres */
    margins: { top: number; bottom: number; left: number; right: number };
    /**
     * The page number: `template` with {n} (and {N}, the page count), centred in the top
     * margin (both formats), from page `from` on (2: none on the first page).
     */
    numbering: { template: string; size: number; from: number };
    /** a mark on every page, in the top margin's right corner ("DỰ THẢO"), or null */
    mark: string | null;
  };
  /** sizes in points: body text, table text */
  sizes: { body: number; table: number };
  body: Block[];
  appendices: Appendix[];
}
