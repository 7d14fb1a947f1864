// The form's own checks before sending (issue 18): the server's rules for what a secretary
// types (shared/domain/report.ts: the required fields, whole numbers within the limits, new
// members within the members, achievements when nominating, texts no longer than the limit,
// measured as the server measures them), each said gently and all at once, in the form's
// order. What only the server can tell (a hidden character in a text) comes back in its 422
// and is shown the same way. No DOM and no schema library here: the page's bundle stays small.
import { REPORT_FIELD_LABELS, REPORT_LIMITS } from '../../shared/domain/labels.ts';
import { NUMERIC_FIGURES, type NumericFigure, type ReportFields } from '../../shared/domain/types.ts';
import type { form, Translate } from './i18n.ts';

export type FieldName = keyof ReportFields;

/** Every field in the form's order (SPEC section 4), as the domain lists them. */
export const FIELD_ORDER = Object.keys(REPORT_FIELD_LABELS) as FieldName[];

/** The figures that are sums of money, shown with thousands separators while typed. */
export const MONEY_FIELDS: readonly NumericFigure[] = ['charityFundsVnd'];

/** The texts with a length limit, and the limit (the server's). */
export const TEXT_LIMITS = {
  achievements: REPORT_LIMITS.text,
  limitations: REPORT_LIMITS.text,
  proposals: REPORT_LIMITS.text,
  submittedBy: REPORT_LIMITS.submittedBy,
} as const;
export type LimitedText = keyof typeof TEXT_LIMITS;

const NUMBER_LIMITS: Readonly<Record<NumericFigure, number>> = {
  members: REPORT_LIMITS.members,
  newMembers: REPORT_LIMITS.members,
  branches: REPORT_LIMITS.branches,
  charityEvents: REPORT_LIMITS.charityEvents,
  charityFundsVnd: REPORT_LIMITS.charityFundsVnd,
  legalEducationSessions: REPORT_LIMITS.legalEducationSessions,
};

/** What the form holds, as typed: the checkbox as a boolean, everything else as text. */
export type RawReport = { [K in FieldName]: K extends 'nominate' ? boolean : string };

/** How the checks speak: the page's t() and its way of writing a number. */
export interface Say {
  t: Translate<typeof form>;
  count: (n: number) => string;
}

/** A text's length as the server counts it: line breaks as one, NFC, trimmed, in code points. */
export function textLength(text: string): number {
  return [...text.replace(/\r\n?|[\u2028\u2029]/g, '\n').normalize('NFC').trim()].length;
}

export type Count = { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'bad' };

/**
 * A count as typed: plain digits, or grouped by thousands with dots (1.250.000, the Vietnamese
 * way) or commas (1,250,000); spaces ignored. Anything else (letters, a decimal, a sign) is bad.
 */
export function parseCount(raw: string): Count {
  const s = raw.replace(/[\s\u00a0]+/g, '');
  if (s === '') return { kind: 'empty' };
  if (/^\d+$/.test(s) || /^\d{1,3}(\.\d{3})+$/.test(s) || /^\d{1,3}(,\d{3})+$/.test(s)) return { kind: 'number', value: Number(s.replace(/[.,]/g, '')) };
  return { kind: 'bad' };
}

/** Digits grouped by thousands: ("1250000", ".") → "1.250.000". */
export function groupDigits(digits: string, separator: string): string {
  let out = '';
  for (let i = digits.length; i > 0; i -= 3) out = digits.slice(Math.max(0, i - 3), i) + (out ? separator + out : '');
  return out;
}

/**
 * A money field as it is being typed, regrouped: the digits kept, the separators put back where
 * they belong, the caret after the same digit as before. Text with anything but digits,
 * separators and spaces is left as typed (the check says what is wrong with it).
 */
export function regroup(value: string, caret: number, separator: string): { value: string; caret: number } {
  if (!/^[\d.,\s\u00a0]*$/.test(value)) return { value, caret };
  const digitsBefore = value.slice(0, caret).replace(/\D/g, '').length;
  const grouped = groupDigits(value.replace(/\D/g, ''), separator);
  let at = 0;
  for (let seen = 0; seen < digitsBefore && at < grouped.length; at++) if (/\d/.test(grouped[at]!)) seen++;
  return { value: grouped, caret: at };
}

/** Which fields' checks read a field: a change to members may settle newMembers, and so on. */
export const AFFECTS: Readonly<Partial<Record<FieldName, readonly FieldName[]>>> = {
  members: ['members', 'newMembers'],
  newMembers: ['newMembers'],
  nominate: ['achievements'],
};

const isNumber = (name: FieldName): name is NumericFigure => (NUMERIC_FIGURES as readonly string[]).includes(name);
const isLimited = (name: FieldName): name is LimitedText => Object.hasOwn(TEXT_LIMITS, name);

/** The problem of one field, or null. */
export function checkField(name: FieldName, raw: RawReport, say: Say): string | null {
  const { t, count } = say;
  if (isNumber(name)) {
    const parsed = parseCount(raw[name]);
    if (parsed.kind === 'empty') return name === 'members' ? t('needMembers') : null;
    if (parsed.kind === 'bad') return t(MONEY_FIELDS.includes(name) ? 'moneyDigits' : 'digitsOnly');
    if (parsed.value > NUMBER_LIMITS[name]) return t('numberMax', { max: count(NUMBER_LIMITS[name]) });
    if (name === 'newMembers') {
      const members = parseCount(raw.members);
      if (members.kind === 'number' && members.value <= NUMBER_LIMITS.members && parsed.value > members.value) {
        return t('newOverMembers', { n: count(parsed.value), m: count(members.value) });
      }
    }
    return null;
  }
  if (name === 'selfRating') return raw.selfRating === '' ? t('needRating') : null;
  if (isLimited(name)) {
    const n = textLength(raw[name]);
    if (n > TEXT_LIMITS[name]) return t('tooLong', { max: count(TEXT_LIMITS[name]), n: count(n) });
    if (name === 'submittedBy' && n === 0) return t('needSubmittedBy');
    if (name === 'achievements' && n === 0 && raw.nominate) return t('needAchievements');
  }
  return null;
}

/** Every problem of the form, in the form's order, and the body to send when there is none. */
export function checkReport(raw: RawReport, say: Say): { problems: Partial<Record<FieldName, string>>; body: Record<string, unknown> } {
  const problems: Partial<Record<FieldName, string>> = {};
  for (const name of FIELD_ORDER) {
    const problem = checkField(name, raw, say);
    if (problem) problems[name] = problem;
  }
  const body: Record<string, unknown> = {};
  for (const name of NUMERIC_FIGURES) {
    const parsed = parseCount(raw[name]);
    if (parsed.kind === 'number') body[name] = parsed.value; // empty: the API's default (0)
  }
  if (raw.selfRating) body.selfRating = raw.selfRating;
  body.nominate = raw.nominate;
  for (const name of ['achievements', 'limitations', 'proposals'] as const) body[name] = raw[name];
  if (raw.submittedBy !== '') body.submittedBy = raw.submittedBy;
  return { problems, body };
}
