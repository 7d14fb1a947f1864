// Turning zod's issues into the API's per-field messages (SPEC section 7), in both languages,
// plus the text rule every free-text field of the API shares (NFC, trimmed, no hidden controls).
//
// Messages come from a table keyed by field (the rule of each field, written for a secretary),
// never from zod's default English texts. A refinement that knows better carries its own
// Localized message in `params.message` (see `addIssue`).

// zod/mini, not the classic build: classic binds every method onto every schema it makes, which
// cost each API Lambda ~94 KB and ~20 ms of its cold start (issue 16); the checks are the same core.
import * as z from 'zod/mini';
import type { Localized } from './localized.ts';
import { findInvisible, hasVisible } from './invisible.ts';

export type FieldErrors = Record<string, Localized>;
export type Validated<T> = { ok: true; value: T } | { ok: false; fields: FieldErrors };

export interface FieldMessages {
  /** The field's rule in full ("Số hội viên phải là số nguyên từ 0 đến 10.000.000"); used for
   *  any value of the wrong type or out of range. */
  rule: Localized;
  /** When the field is missing (or blank, for text); defaults to MESSAGES.required. */
  required?: Localized;
  /** When a JSON string is given instead of a number or boolean; defaults by the expected type
   *  (MESSAGES.numberNotString, MESSAGES.booleanNotString). Integer fields use
   *  MESSAGES.integerNotString. */
  notString?: Localized;
}
/** Keyed by field path joined with '.'; a numeric segment may be written '*' ("issuer.*"). */
export type MessageTable = Record<string, FieldMessages>;

export const MESSAGES = {
  required: { vi: 'Bắt buộc nhập', en: 'Required' },
  unknownField: { vi: 'Trường không được phép', en: 'Unknown field' },
  body: {
    vi: 'Nội dung gửi lên phải là một đối tượng JSON {…} hoặc một biểu mẫu',
    en: 'The body must be a JSON object {…} or a form',
  },
  integerNotString: {
    vi: 'Phải là số nguyên (không đặt trong dấu ngoặc kép)',
    en: 'Must be a JSON integer, not a string',
  },
  numberNotString: {
    vi: 'Phải là một số (không đặt trong dấu ngoặc kép)',
    en: 'Must be a JSON number, not a string',
  },
  booleanNotString: {
    vi: 'Phải là true hoặc false (không đặt trong dấu ngoặc kép)',
    en: 'Must be a JSON boolean (true or false), not a string',
  },
  controlChar: {
    vi: 'Có ký tự điều khiển ẩn không được phép (chỉ cho phép xuống dòng và tab)',
    en: 'Contains a hidden control character; only line breaks and tabs are allowed',
  },
  singleLine: {
    vi: 'Chỉ được viết trên một dòng (không xuống dòng, không tab)',
    en: 'Must be a single line (no line breaks or tabs)',
  },
  bidi: {
    vi: 'Có ký tự ẩn đảo chiều chữ (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) không được phép; hãy gõ lại đoạn văn bản này',
    en: 'Contains a hidden text-direction control character (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which is not allowed; please retype this text',
  },
  brokenChar: {
    vi: 'Có ký tự bị lỗi mã hóa (nửa cặp surrogate), hãy gõ lại đoạn văn bản này',
    en: 'Contains a broken character (an unpaired surrogate); please retype this text',
  },
  duplicate: {
    vi: 'Trường này được gửi nhiều lần; chỉ gửi một giá trị',
    en: 'This field was sent more than once; send a single value',
  },
  digitsOnly: {
    vi: 'Chỉ nhập chữ số 0–9 (không dấu +/-, không khoảng trắng, không dấu chấm hay phẩy)',
    en: 'Digits 0–9 only (no sign, spaces, decimal point, separators or exponent)',
  },
  invalid: { vi: 'Giá trị không hợp lệ', en: 'Invalid value' },
} as const satisfies Record<string, Localized>;

const isLocalized = (v: unknown): v is Localized =>
  typeof v === 'object' && v !== null && typeof (v as Localized).vi === 'string' && typeof (v as Localized).en === 'string';

const customIssue = (message: Localized | 'rule' | 'required', path?: (string | number)[]) => ({
  code: 'custom' as const,
  message: typeof message === 'string' ? message : message.en,
  params: { message },
  ...(path ? { path } : {}),
});

/**
 * Adds a custom issue from a refinement (`z.superRefine`). `message` is the Localized text, or
 * 'rule' (the default) for the field's rule from the table, or 'required' for the field's
 * "required" message.
 */
export function addIssue(
  ctx: z.core.$RefinementCtx,
  message: Localized | 'rule' | 'required' = 'rule',
  path?: (string | number)[],
): void {
  ctx.addIssue(customIssue(message, path));
}

/**
 * The same from a transform, whose payload has no addIssue in zod/mini: the issue is pushed as
 * classic zod's transform context pushed it (with the input, and without `continue`, so that
 * what follows the transform in its pipe does not run on z.NEVER).
 */
function refuse(payload: z.core.ParsePayload, message: Localized | 'rule' | 'required' = 'rule'): void {
  payload.issues.push({ ...customIssue(message), input: payload.value });
}

function lookup(table: MessageTable, key: string): FieldMessages | undefined {
  return table[key] ?? table[key.replace(/(^|\.)\d+(?=\.|$)/g, '$1*')];
}

function messageFor(issue: z.core.$ZodIssue, key: string, table: MessageTable): Localized {
  const entry = lookup(table, key);
  const rule = entry?.rule ?? MESSAGES.invalid;
  if (issue.code === 'custom') {
    const own: unknown = issue.params?.message;
    if (own === 'required') return entry?.required ?? MESSAGES.required;
    return isLocalized(own) ? own : rule;
  }
  // Parsing runs with reportInput, so an issue without input is one about a missing value.
  const input = (issue as { input?: unknown }).input;
  if (input === undefined) return entry?.required ?? MESSAGES.required;
  if (issue.code === 'invalid_type' && typeof input === 'string') {
    if (issue.expected === 'int') return entry?.notString ?? MESSAGES.integerNotString;
    if (issue.expected === 'number') return entry?.notString ?? MESSAGES.numberNotString;
    if (issue.expected === 'boolean') return entry?.notString ?? MESSAGES.booleanNotString;
  }
  return rule;
}

/** One message per field (the first issue of each), keyed by the field path joined with '.'. */
export function fieldErrors(error: z.core.$ZodError, table: MessageTable): FieldErrors {
  // No prototype: a body's field named "__proto__" or "constructor" is named like any other.
  const out: FieldErrors = Object.create(null) as FieldErrors;
  const put = (key: string, message: Localized) => {
    if (!Object.hasOwn(out, key)) out[key] = message;
  };
  for (const issue of error.issues) {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) put(base ? `${base}.${k}` : k, MESSAGES.unknownField);
    } else if (base === '' && issue.code === 'invalid_type') {
      put('body', MESSAGES.body);
    } else {
      put(base === '' ? 'body' : base, messageFor(issue, base, table));
    }
  }
  return out;
}

/** Parses `body` with `schema`; on failure, the per-field messages from `table`. */
export function validateWith<S extends z.ZodMiniType>(schema: S, body: unknown, table: MessageTable): Validated<z.output<S>> {
  const result = schema.safeParse(body, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, fields: fieldErrors(result.error, table) };
}

// ---------------------------------------------------------------------------------------------
// Text

// Cc except \t (09) and \n (0A); \r is normalised to \n before this runs.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const LONE_SURROGATE = /\p{Cs}/u;

const invisibleChar = (codePoint: string, position: number): Localized => ({
  vi: `Có ký tự vô hình ${codePoint} (ở ký tự thứ ${position}) không được phép, ví dụ khoảng trắng độ rộng 0; hãy gõ lại đoạn văn bản này`,
  en: `Contains an invisible character ${codePoint} (character ${position}), e.g. a zero-width space, which is not allowed; please retype this text`,
});

export interface TextRule {
  /** maximum length in Unicode code points, after NFC and trimming */
  max: number;
  /** minimum length after trimming; 0 allows the empty string; blank with min ≥ 1 is "required" */
  min?: number;
  /** allow \n and \t (default true) */
  multiline?: boolean;
}

/** Counts Unicode code points. */
export const codePoints = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/**
 * A text field: a JSON string, CR/CRLF turned into LF, NFC-normalised, trimmed; refuses control
 * characters other than \n and \t, invisible formatting characters (the rule of
 * ./invisible.ts: bidi controls, zero-width spaces, joiners outside words) and unpaired
 * surrogates (which cannot be stored as UTF-8). U+2028/U+2029 are line breaks: refused in a
 * single-line field, stored as \n in a multi-line one. A required text (min ≥ 1) must show at
 * least one letter, digit, punctuation mark or symbol. Length is checked in code points after
 * all that. Out-of-range lengths are reported with the field's rule from the message table.
 */
export function text(rule: TextRule) {
  const min = rule.min ?? 0;
  const multiline = rule.multiline ?? true;
  return z.pipe(
    z.string(),
    z.transform((raw: string, ctx) => {
      const s = raw.replace(/\r\n?|[\u2028\u2029]/g, '\n').normalize('NFC');
      const invisible = LONE_SURROGATE.test(s) ? null : findInvisible(s);
      if (LONE_SURROGATE.test(s)) refuse(ctx, MESSAGES.brokenChar);
      else if (invisible?.kind === 'bidi') refuse(ctx, MESSAGES.bidi);
      else if (invisible) refuse(ctx, invisibleChar(invisible.codePoint, invisible.position));
      else if (CONTROL.test(s)) refuse(ctx, MESSAGES.controlChar);
      else if (!multiline && /[\n\t]/.test(s.trim())) refuse(ctx, MESSAGES.singleLine);
      else {
        const t = s.trim();
        const n = codePoints(t);
        if (min > 0 && !hasVisible(t)) refuse(ctx, 'required');
        else if (n < min || n > rule.max) refuse(ctx);
        else return t;
      }
      return z.NEVER;
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// application/x-www-form-urlencoded values, turned into their JSON equivalents before the same
// schema as JSON checks them (so limits and messages are identical for both sources).

/** Classic zod's `z.preprocess(fn, inner)`: a transform piped into the schema. */
const preprocess = <S extends z.ZodMiniType>(fn: (v: unknown, ctx: z.core.ParsePayload) => unknown, inner: S) =>
  z.pipe(z.transform(fn), inner);

function single(v: unknown, ctx: z.core.ParsePayload): unknown {
  if (Array.isArray(v)) {
    refuse(ctx, MESSAGES.duplicate);
    return z.NEVER;
  }
  return v;
}

/** A form number: plain digits; empty means "not given" (the default, or Required). */
export function formInteger<S extends z.ZodMiniType>(inner: S) {
  return preprocess((v, ctx) => {
    const one = single(v, ctx);
    if (typeof one !== 'string') return one;
    if (one === '') return undefined;
    if (!/^[0-9]+$/.test(one)) {
      refuse(ctx, MESSAGES.digitsOnly);
      return z.NEVER;
    }
    return Number(one);
  }, inner);
}

/** A form checkbox: true/on/1, false/off/0 or missing (false); anything else refused. */
export function formBoolean<S extends z.ZodMiniType>(inner: S, invalid: Localized) {
  return preprocess((v, ctx) => {
    const one = single(v, ctx);
    if (one === undefined) return undefined;
    if (one === 'true' || one === 'on' || one === '1') return true;
    if (one === 'false' || one === 'off' || one === '0') return false;
    refuse(ctx, invalid);
    return z.NEVER;
  }, inner);
}

/** A form text or choice: one value; an empty choice counts as not given. */
export function formString<S extends z.ZodMiniType>(inner: S, emptyIsMissing = false) {
  return preprocess((v, ctx) => {
    const one = single(v, ctx);
    return emptyIsMissing && one === '' ? undefined : one;
  }, inner);
}
