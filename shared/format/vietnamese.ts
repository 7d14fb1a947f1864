// Vietnamese formatting: numbers, money, dates as official documents write them
// (Nghị định 30/2020/NĐ-CP), collation, and Unicode normalisation.

/**
 * 180455 → "180.455"; 1234.5 → "1.234,5"; -42 → "-42".
 * Dot for thousands, comma for decimals, at most `maxFractionDigits` decimals (trailing
 * zeros dropped). Does not depend on the ICU data of the runtime.
 */
export function formatNumber(n: number, maxFractionDigits = 2): string {
  if (!Number.isFinite(n)) throw new RangeError(`formatNumber: not a finite number: ${n}`);
  const fixed = Math.abs(n).toFixed(maxFractionDigits);
  const [intPart = '0', fracRaw = ''] = fixed.split('.');
  const frac = fracRaw.replace(/0+$/, '');
  let grouped = '';
  for (let i = intPart.length; i > 0; i -= 3) {
    const start = Math.max(0, i - 3);
    grouped = grouped === '' ? intPart.slice(start, i) : `${intPart.slice(start, i)}.${grouped}`;
  }
  const negative = n < 0 && (grouped !== '0' || frac !== '');
  return `${negative ? '-' : ''}${grouped}${frac ? `,${frac}` : ''}`;
}

/**
 * 125000000 → "125.000.000 đồng" (rounded to the đồng). A total past 2^53 comes as a bigint
 * or as its decimal digits (an ExactSum) and is printed digit for digit, never via a float.
 */
export function formatVnd(n: number | bigint | string): string {
  if (typeof n === 'number') return `${formatNumber(Math.round(n), 0)} đồng`;
  return `${formatWholeNumber(typeof n === 'bigint' ? n : BigInt(n))} đồng`;
}

/** An integer of any size, grouped like formatNumber: 9010000000000000n → "9.010.000.000.000.000". */
export function formatWholeNumber(n: bigint): string {
  const digits = (n < 0n ? -n : n).toString();
  let grouped = '';
  for (let i = digits.length; i > 0; i -= 3) {
    const start = Math.max(0, i - 3);
    grouped = grouped === '' ? digits.slice(start, i) : `${digits.slice(start, i)}.${grouped}`;
  }
  return `${n < 0n ? '-' : ''}${grouped}`;
}

/**
 * Counts in prose as official documents write them: 1–9 with a leading zero ("08 Hội",
 * "cấp huyện 01"), everything else as {@link formatNumber} ("0", "24", "180.455").
 */
export function twoDigits(n: number): string {
  if (Number.isInteger(n) && n >= 1 && n <= 9) return `0${n}`;
  return formatNumber(n);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseIsoDate(date: string): { year: number; month: number; day: number } {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return { year, month, day };
}

/**
 * "2020-12-18" → "ngày 18 tháng 12 năm 2020". As Nghị định 30/2020 requires, days below 10
 * and the months 1 and 2 take a leading zero: "ngày 05 tháng 02 năm 2021", "ngày 05 tháng 3 năm 2021".
 */
export function formatLongDate(date: string): string {
  const { year, month, day } = parseIsoDate(date);
  const dd = day < 10 ? `0${day}` : String(day);
  const mm = month < 3 ? `0${month}` : String(month);
  return `ngày ${dd} tháng ${mm} năm ${year}`;
}

/**
 * An instant as an office reads it, in Asia/Ho_Chi_Minh (UTC+7, no daylight saving):
 * "2020-12-14T17:05:00Z" → "15/12/2020 00:05".
 */
export function formatDateTimeVn(iso: string): string {
  const at = new Date(Date.parse(iso) + 7 * 3_600_000);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not an ISO timestamp: ${iso}`);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(at.getUTCDate())}/${pad(at.getUTCMonth() + 1)}/${at.getUTCFullYear()} ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}`;
}

/** ("Lai Châu", "2020-12-18") → "Lai Châu, ngày 18 tháng 12 năm 2020". */
export function formatPlaceDate(place: string, date: string): string {
  const p = nfc(place).trim();
  return p ? `${p}, ${formatLongDate(date)}` : formatLongDate(date);
}

/**
 * The one Vietnamese collator of the code base: made here, once, and nowhere else; on first
 * use, so that the pages' scripts, which import this module for its number formats, carry none.
 */
let collator: Intl.Collator | undefined;
const vietnameseCollator = (): Intl.Collator => (collator ??= new Intl.Collator('vi', { sensitivity: 'variant', numeric: true }));

/**
 * Vietnamese collation alone (a < ă < â < b … d < đ < e …, numbers by value): 0 for names
 * that collate equal. For sorts that break ties themselves (by code, say).
 */
export function collateVietnamese(a: string, b: string): number {
  return vietnameseCollator().compare(a, b);
}

/**
 * Vietnamese collation (a < ă < â < b … d < đ < e …, numbers compared by value), ties
 * broken by code-point order so that sorting is total and deterministic.
 */
export function compareVietnamese(a: string, b: string): number {
  const c = vietnameseCollator().compare(a, b);
  if (c !== 0) return c;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A name as a search box compares it: lower case, without tones or other diacritics, đ as d,
 * spaces collapsed — "Hội Người cao tuổi" and "hoi nguoi cao tuoi" have the same key.
 */
export function searchKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Unicode NFC (what the fonts, the collator and text extraction expect). */
export function nfc(s: string): string {
  return s.normalize('NFC');
}

/** A copy of a JSON-like value with every string (keys included) in NFC. */
export function nfcDeep<T>(value: T): T {
  return deep(value) as T;
}

function deep(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(deep);
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return value; // Date, Buffer, …: left alone
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k.normalize('NFC')] = deep(v);
    return out;
  }
  return value;
}
