// The cycle configuration (SPEC section 3): validation with every default filled in.
//
// `place` defaults to "" and `issuer` to DEFAULT_ISSUER: the province's name is not known when
// a cycle is opened (its registry is imported afterwards), so whoever renders the report calls
// `withProvinceName(config, provinceName)` to fill them from the registry's province unit.

import * as z from 'zod/mini'; // see validation.ts
import type { Localized } from './localized.ts';
import { NARRATIVE_SECTIONS, type CommendationConfig, type CycleConfig, type DocumentDetails, type Narrative } from './types.ts';
import { DEFAULT_AWARDS, DEFAULT_DOCUMENT_NUMBER, DEFAULT_ISSUER, DEFAULT_MIN_SCORE, DEFAULT_QUOTA_PERCENT, unitTypeFromName } from './labels.ts';
import { MESSAGES, addIssue, text, validateWith, type MessageTable, type Validated } from './validation.ts';
import { isEmailAddress, isPhoneNumber } from './contact-rules.ts';

export { DEFAULT_AWARDS, DEFAULT_DOCUMENT_NUMBER, DEFAULT_ISSUER, DEFAULT_MIN_SCORE, DEFAULT_QUOTA_PERCENT } from './labels.ts';

const defaultCommendation = (): CommendationConfig => ({
  quotaPercent: DEFAULT_QUOTA_PERCENT,
  minScore: DEFAULT_MIN_SCORE,
  awards: { ...DEFAULT_AWARDS },
});

// A Party body names itself by its committee ("TỈNH ỦY LAI CHÂU", "HUYỆN ỦY ĐỒNG VĂN", "BAN
// TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY"), its organisation ("ĐẢNG BỘ TỈNH HÀ GIANG", "CHI BỘ …"), or
// its commissions; any line may say so. "ỦY BAN NHÂN DÂN" is State: the committee words need
// the level before "ỦY". "UỶ" (older tone placement) is read as "ỦY".
const PARTY_WORDS = /(^|[^\p{L}])((TỈNH|THÀNH|HUYỆN|QUẬN|THỊ|ĐẢNG|ĐẶC KHU) ỦY|ĐẢNG BỘ|ĐẢNG ĐOÀN|CHI BỘ|BAN CÁN SỰ ĐẢNG|ĐẢNG CỘNG SẢN|BAN DÂN VẬN|BAN TUYÊN GIÁO|BAN TỔ CHỨC)(?![\p{L}])/u;
const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi').replace(/UỶ/g, 'ỦY').replace(/\s+/g, ' ').trim();

/** 'party' when any issuer line names a Party committee, organisation or commission, else 'state'. */
export function inferIssuerKind(issuer: readonly string[]): 'party' | 'state' {
  return issuer.some((line) => PARTY_WORDS.test(upper(line))) ? 'party' : 'state';
}

/**
 * Fills what only the registry knows: `place` when empty (the province's name without its
 * "Tỉnh " prefix: "Tỉnh Lai Châu" → "Lai Châu") and `issuer` when it is still DEFAULT_ISSUER
 * ("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"). The root may be a district running its own cycle, so a
 * name that starts with its type keeps it ("Quận 8" → "ỦY BAN NHÂN DÂN QUẬN 8"); only a bare
 * name is taken for a province's. Returns a new object; anything given explicitly is kept.
 */
export function withProvinceName<C extends Pick<CycleConfig, 'issuer' | 'place'>>(config: C, provinceName: string): C {
  const name = provinceName.normalize('NFC').trim();
  if (name === '') return config;
  const isDefaultIssuer =
    config.issuer.length === DEFAULT_ISSUER.length && config.issuer.every((l, i) => l === DEFAULT_ISSUER[i]);
  const upperName = upper(name);
  const withKind = unitTypeFromName(name) !== null ? upperName : `TỈNH ${upperName}`;
  return {
    ...config,
    place: config.place === '' ? name.replace(/^tỉnh\s+/iu, '') : config.place,
    issuer: isDefaultIssuer ? [`ỦY BAN NHÂN DÂN ${withKind}`] : config.issuer,
  };
}

// The messages and the schemas are made by calls marked pure: a bundle that imports this module
// only for withProvinceName or inferIssuerKind (every job that reaches shared/app/cycles.ts)
// drops them, and with them most of this module's weight.
export const CYCLE_CONFIG_MESSAGES: MessageTable = /* @__PURE__ */ (() => ({
  year: {
    rule: { vi: 'Năm phải là số nguyên từ 2000 đến 2100', en: 'year must be an integer from 2000 to 2100' },
    notString: MESSAGES.integerNotString,
  },
  deadline: {
    rule: {
      vi: 'Hạn nộp phải là một ngày có thật, dạng YYYY-MM-DD (ví dụ 2020-12-15)',
      en: 'deadline must be a real date written YYYY-MM-DD (e.g. 2020-12-15)',
    },
  },
  autoCloseAt: {
    rule: {
      vi: 'Thời điểm tự động kết thúc phải là null hoặc thời điểm ISO 8601 có múi giờ, ví dụ 2020-12-20T17:00:00+07:00',
      en: 'autoCloseAt must be null or an ISO 8601 timestamp with a time zone, e.g. 2020-12-20T17:00:00+07:00',
    },
  },
  issuer: {
    rule: {
      vi: 'Cơ quan ban hành phải là danh sách từ 1 đến 4 dòng chữ, ví dụ ["TỈNH ỦY LAI CHÂU", "BAN DÂN VẬN"]',
      en: 'issuer must be a list of 1 to 4 lines of text, e.g. ["TỈNH ỦY LAI CHÂU", "BAN DÂN VẬN"]',
    },
  },
  'issuer.*': {
    rule: {
      vi: 'Mỗi dòng cơ quan ban hành phải có từ 1 đến 120 ký tự',
      en: 'Each issuer line must be 1 to 120 characters',
    },
  },
  issuerKind: {
    rule: {
      vi: 'Loại cơ quan ban hành phải là "party" (cơ quan Đảng) hoặc "state" (cơ quan Nhà nước)',
      en: 'issuerKind must be "party" (a Party body) or "state" (a State body)',
    },
  },
  documentNumber: {
    rule: {
      vi: 'Số văn bản phải có từ 1 đến 80 ký tự, trên một dòng (ví dụ "Số 25-BC/BDVTU")',
      en: 'documentNumber must be 1 to 80 characters on one line (e.g. "Số 25-BC/BDVTU")',
    },
  },
  reportDate: {
    rule: {
      vi: 'Ngày báo cáo phải là null hoặc một ngày có thật, dạng YYYY-MM-DD',
      en: 'reportDate must be null or a real date written YYYY-MM-DD',
    },
  },
  place: {
    rule: {
      vi: 'Địa danh phải có tối đa 120 ký tự, trên một dòng (ví dụ "Lai Châu")',
      en: 'place must be at most 120 characters on one line (e.g. "Lai Châu")',
    },
  },
  specialLabel: {
    rule: {
      vi: 'Tên gọi hội đặc thù phải là null hoặc từ 1 đến 200 ký tự, trên một dòng',
      en: 'specialLabel must be null or 1 to 200 characters on one line',
    },
  },
  signer: {
    rule: {
      vi: 'Người ký phải là một đối tượng {lines, name}, ví dụ {"lines": ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"], "name": "Nguyễn Đình Toán"}',
      en: 'signer must be an object {lines, name}, e.g. {"lines": ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"], "name": "Nguyễn Đình Toán"}',
    },
  },
  'signer.lines': {
    rule: {
      vi: 'Các dòng thẩm quyền, chức vụ người ký phải là danh sách từ 1 đến 4 dòng chữ',
      en: 'signer.lines must be a list of 1 to 4 lines of text',
    },
  },
  'signer.lines.*': {
    rule: { vi: 'Mỗi dòng thẩm quyền, chức vụ phải có từ 1 đến 120 ký tự, trên một dòng', en: 'Each signer line must be 1 to 120 characters on one line' },
  },
  'signer.name': {
    rule: { vi: 'Họ tên người ký phải có tối đa 120 ký tự, trên một dòng', en: 'signer.name must be at most 120 characters on one line' },
  },
  recipients: {
    rule: {
      vi: 'Nơi nhận phải là danh sách từ 1 đến 30 dòng, ví dụ ["Ban Dân vận Trung ương (b/c)", "Lưu Văn phòng"]',
      en: 'recipients must be a list of 1 to 30 lines, e.g. ["Ban Dân vận Trung ương (b/c)", "Lưu Văn phòng"]',
    },
  },
  'recipients.*': {
    rule: { vi: 'Mỗi nơi nhận phải có từ 1 đến 200 ký tự, trên một dòng', en: 'Each recipient must be 1 to 200 characters on one line' },
  },
  narrative: {
    rule: {
      vi: 'Nội dung báo cáo phải là một đối tượng {results, limitations, direction, proposals}',
      en: 'narrative must be an object {results, limitations, direction, proposals}',
    },
  },
  ...Object.fromEntries(
    NARRATIVE_SECTIONS.map((section) => [
      `narrative.${section}`,
      {
        rule: {
          vi: 'Mỗi phần nội dung báo cáo có tối đa 20.000 ký tự; các đoạn cách nhau một dòng trống',
          en: `narrative.${section} must be at most 20,000 characters; separate paragraphs with a blank line`,
        },
      },
    ]),
  ),
  signOff: {
    rule: { vi: 'Duyệt dự thảo trước khi ban hành phải là true hoặc false', en: 'signOff must be true or false' },
  },
  reminders: {
    rule: { vi: 'Nhắc hạn phải là một đối tượng {daysBefore}, ví dụ {"daysBefore": [7, 1]}', en: 'reminders must be an object {daysBefore}, e.g. {"daysBefore": [7, 1]}' },
  },
  'reminders.daysBefore': {
    rule: {
      vi: 'Các ngày nhắc trước hạn phải là danh sách tối đa 10 số nguyên khác nhau, từ 0 đến 90',
      en: 'reminders.daysBefore must be a list of at most 10 distinct integers from 0 to 90',
    },
  },
  'reminders.daysBefore.*': {
    rule: { vi: 'Số ngày nhắc trước hạn phải là số nguyên từ 0 đến 90', en: 'Each of reminders.daysBefore must be an integer from 0 to 90' },
    notString: MESSAGES.integerNotString,
  },
  commendation: {
    rule: {
      vi: 'Khen thưởng phải là một đối tượng {quotaPercent, minScore, awards}',
      en: 'commendation must be an object {quotaPercent, minScore, awards}',
    },
  },
  'commendation.quotaPercent': {
    rule: {
      vi: 'Tỷ lệ khen thưởng (%) phải là một số từ 0 đến 100',
      en: 'quotaPercent must be a number from 0 to 100',
    },
  },
  'commendation.minScore': {
    rule: {
      vi: 'Điểm tối thiểu để được khen thưởng phải là một số từ 0 đến 100',
      en: 'minScore must be a number from 0 to 100',
    },
  },
  'commendation.awards': {
    rule: {
      vi: 'Hình thức khen thưởng phải là một đối tượng {province, district, commune}',
      en: 'awards must be an object {province, district, commune}',
    },
  },
  ...Object.fromEntries(
    (['province', 'district', 'commune'] as const).map((level) => [
      `commendation.awards.${level}`,
      {
        rule: {
          vi: 'Hình thức khen thưởng phải có từ 1 đến 200 ký tự, trên một dòng',
          en: `awards.${level} must be 1 to 200 characters on one line`,
        },
      },
    ]),
  ),
  contact: {
    rule: {
      vi: 'Liên hệ của văn phòng phải là một đối tượng {name, phone, email}, ví dụ {"name": "Văn phòng Ban Dân vận tỉnh", "phone": "0213 3876 543"}',
      en: 'contact must be an object {name, phone, email}, e.g. {"name": "Provincial office", "phone": "0213 3876 543"}',
    },
  },
  'contact.name': {
    rule: { vi: 'Tên người hoặc bộ phận liên hệ phải có từ 1 đến 120 ký tự, trên một dòng', en: 'contact.name must be 1 to 120 characters on one line' },
    required: { vi: 'Vui lòng nhập tên người hoặc bộ phận liên hệ', en: 'Please give contact.name' },
  },
  'contact.phone': {
    rule: {
      vi: 'Số điện thoại liên hệ gồm 6 đến 15 chữ số, có thể có dấu cách, dấu chấm, gạch nối, ngoặc và dấu + ở đầu, ví dụ 0213 3876 543',
      en: 'contact.phone must have 6 to 15 digits, with optional spaces, dots, hyphens, brackets and a leading +, e.g. 0213 3876 543',
    },
    required: { vi: 'Vui lòng nhập số điện thoại liên hệ', en: 'Please give contact.phone' },
  },
  'contact.email': {
    rule: { vi: 'Email liên hệ không hợp lệ, ví dụ vanphong@laichau.gov.vn', en: 'contact.email is not a valid address, e.g. office@laichau.gov.vn' },
  },
}))();

/** A required one-line text of at most `max` characters (every free-text field's rules). */
export const line = (max: number) => text({ min: 1, max, multiline: false });
export const percent = /* @__PURE__ */ (() => z.number().check(z.minimum(0), z.maximum(100)))();

/** Paragraphs are separated by blank lines; more than one blank line is one. */
const narrativeText = /* @__PURE__ */ (() =>
  z.pipe(
    text({ max: 20_000 }),
    z.transform((t: string) => t.replace(/\n[ \t]*\n(?:[ \t]*\n)+/g, '\n\n')),
  ))();

/** The fields PATCH /cycles/{y}/document may change, with the same rules as when opening. */
export const documentFields = /* @__PURE__ */ (() => ({
  documentNumber: line(80),
  reportDate: z.nullable(z.iso.date()),
  signer: z.nullable(
    z.strictObject({
      lines: z.array(line(120)).check(z.minLength(1), z.maxLength(4)),
      name: z._default(text({ max: 120, multiline: false }), ''),
    }),
  ),
  recipients: z.nullable(z.array(line(200)).check(z.minLength(1), z.maxLength(30))),
  narrative: z.pipe(
    z.strictObject(Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s, z.optional(narrativeText)])) as Record<(typeof NARRATIVE_SECTIONS)[number], z.ZodMiniOptional<typeof narrativeText>>),
    // A blank section is a section left out, not one printed empty.
    z.transform((n: Partial<Record<(typeof NARRATIVE_SECTIONS)[number], string>>): Narrative => Object.fromEntries(Object.entries(n).filter(([, v]) => typeof v === 'string' && v !== '')) as Narrative),
  ),
}))();

/** The issuer lines, the place and the awards of a configuration (a cycle's or a period's). */
export const issuerField = /* @__PURE__ */ (() => z.array(line(120)).check(z.minLength(1), z.maxLength(4)))();
export const placeField = /* @__PURE__ */ (() => text({ max: 120, multiline: false }))();
export const awardsField = /* @__PURE__ */ (() => z._default(
  z.strictObject({
    province: z._default(line(200), DEFAULT_AWARDS.province),
    district: z._default(line(200), DEFAULT_AWARDS.district),
    commune: z._default(line(200), DEFAULT_AWARDS.commune),
  }),
  () => ({ ...DEFAULT_AWARDS }),
))();

/** The office to call: a name, a telephone number (the registry's rule), an optional email. */
export const contactField = /* @__PURE__ */ (() => z.strictObject({
  name: line(120),
  phone: text({ min: 1, max: 24, multiline: false }).check(z.refine(isPhoneNumber)),
  email: z.optional(text({ min: 1, max: 254, multiline: false }).check(z.refine(isEmailAddress))),
}))();

const daysBefore = /* @__PURE__ */ (() => z.pipe(
  z
    .array(z.int().check(z.minimum(0), z.maximum(90)))
    .check(
      z.maxLength(10),
      z.refine((days: number[]) => new Set(days).size === days.length),
    ),
  z.transform((days: number[]) => [...days].sort((a, b) => b - a)),
))();

const schema = /* @__PURE__ */ (() => {
  const fields = z
    .strictObject({
      year: z.int().check(z.minimum(2000), z.maximum(2100)),
      deadline: z.optional(z.iso.date()),
      autoCloseAt: z._default(z.nullable(z.iso.datetime({ offset: true })), null),
      issuer: z.optional(issuerField),
      issuerKind: z.optional(z.enum(['party', 'state'])),
      documentNumber: z._default(documentFields.documentNumber, DEFAULT_DOCUMENT_NUMBER),
      reportDate: z._default(documentFields.reportDate, null),
      place: z._default(placeField, ''),
      specialLabel: z._default(z.nullable(line(200)), null),
      signer: z._default(documentFields.signer, null),
      recipients: z._default(documentFields.recipients, null),
      narrative: z._default(documentFields.narrative, {}),
      signOff: z._default(z.boolean(), false),
      reminders: z._default(z.strictObject({ daysBefore: z._default(daysBefore, []) }), () => ({ daysBefore: [] })),
      commendation: z._default(
        z.strictObject({
          quotaPercent: z._default(percent, DEFAULT_QUOTA_PERCENT),
          minScore: z._default(percent, DEFAULT_MIN_SCORE),
          awards: awardsField,
        }),
        defaultCommendation,
      ),
      contact: z.optional(contactField),
    })
    .check(
      z.superRefine(
        (v: { year: number; deadline?: string | undefined }, ctx) => {
          if (v.deadline === undefined) return;
          const first = `${v.year}-01-01`;
          const last = `${v.year + 1}-06-30`;
          if (v.deadline < first || v.deadline > last) {
            const message: Localized = {
              vi: `Hạn nộp phải trong khoảng từ 01/01/${v.year} đến 30/06/${v.year + 1}`,
              en: `deadline must be between ${first} and ${last}`,
            };
            addIssue(ctx, message, ['deadline']);
          }
        },
        {
          when: (payload) =>
            typeof payload.value === 'object' &&
            payload.value !== null &&
            !Array.isArray(payload.value) &&
            !payload.issues.some((i) => i.path?.[0] === 'year' || i.path?.[0] === 'deadline'),
        },
      ),
    );
  return z.pipe(
    fields,
    z.transform((v: z.output<typeof fields>): CycleConfig => {
      const issuer = v.issuer ?? [...DEFAULT_ISSUER];
      return {
        year: v.year,
        deadline: v.deadline ?? `${v.year}-12-15`,
        autoCloseAt: v.autoCloseAt,
        issuer,
        issuerKind: v.issuerKind ?? inferIssuerKind(issuer),
        documentNumber: v.documentNumber,
        reportDate: v.reportDate,
        place: v.place,
        specialLabel: v.specialLabel,
        signer: v.signer,
        recipients: v.recipients,
        narrative: v.narrative,
        signOff: v.signOff,
        reminders: v.reminders,
        commendation: v.commendation,
        ...(v.contact ? { contact: v.contact } : {}),
      };
    }),
  );
})();

/**
 * Validates the body of `POST /cycles`. Only `year` is required; defaults: deadline
 * `${year}-12-15` (a real date from `${year}-01-01` to `${year+1}-06-30`), autoCloseAt null,
 * issuer DEFAULT_ISSUER, issuerKind inferred from issuer, documentNumber DEFAULT_DOCUMENT_NUMBER,
 * reportDate null (the day of the close), place "" (see withProvinceName), specialLabel null,
 * commendation 20 % / 90 points / DEFAULT_AWARDS (a partial object is merged with them).
 */
export function validateCycleConfig(body: unknown): Validated<CycleConfig> {
  return validateWith(schema, body, CYCLE_CONFIG_MESSAGES);
}

const documentDetailsSchema = /* @__PURE__ */ (() => z.partial(z.strictObject(documentFields)).check(z.superRefine((v: object, ctx) => {
  if (Object.keys(v).length === 0) {
    addIssue(ctx, {
      vi: 'Cần ít nhất một trong các trường documentNumber, reportDate, signer, recipients, narrative',
      en: 'Give at least one of documentNumber, reportDate, signer, recipients, narrative',
    });
  }
})))();

/**
 * Validates the body of `PATCH /cycles/{year}/document`: any of the document details, with the
 * rules and messages of `POST /cycles`. Only the given fields are in the result.
 */
export function validateDocumentDetails(body: unknown): Validated<Partial<DocumentDetails>> {
  return validateWith(documentDetailsSchema, body, CYCLE_CONFIG_MESSAGES);
}
