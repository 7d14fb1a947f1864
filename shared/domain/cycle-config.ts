// The cycle configuration (SPEC section 3): validation with every default filled in.
//
// `place` defaults to "" and `issuer` to DEFAULT_ISSUER: the province's name is not known when
// a cycle is opened (its registry is imported afterwards), so whoever renders the report calls
// `withProvinceName(config, provinceName)` to fill them from the registry's province unit.

import * as z from 'zod'; // namespace import: esbuild drops zod's unused parts (the named `z` keeps every locale)
import type { Localized } from './localized.ts';
import type { CommendationConfig, CycleConfig } from './types.ts';
import { DEFAULT_AWARDS, DEFAULT_DOCUMENT_NUMBER, DEFAULT_ISSUER, DEFAULT_MIN_SCORE, DEFAULT_QUOTA_PERCENT, unitTypeFromName } from './labels.ts';
import { MESSAGES, addIssue, text, validateWith, type MessageTable, type Validated } from './validation.ts';

export { DEFAULT_AWARDS, DEFAULT_DOCUMENT_NUMBER, DEFAULT_ISSUER, DEFAULT_MIN_SCORE, DEFAULT_QUOTA_PERCENT } from './labels.ts';

const defaultCommendation = (): CommendationConfig => ({
  quotaPercent: DEFAULT_QUOTA_PERCENT,
  minScore: DEFAULT_MIN_SCORE,
  awards: { ...DEFAULT_AWARDS },
});

// Party committees and their commissions; "UỶ" (older tone placement) is read as "ỦY".
const PARTY_PREFIXES = [
  'TỈNH ỦY',
  'THÀNH ỦY',
  'HUYỆN ỦY',
  'QUẬN ỦY',
  'THỊ ỦY',
  'ĐẢNG ỦY',
  'ĐẢNG ĐOÀN',
  'BAN CÁN SỰ ĐẢNG',
  'BAN CHẤP HÀNH ĐẢNG BỘ',
];
const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi').replace(/UỶ/g, 'ỦY').replace(/\s+/g, ' ').trim();

/** 'party' for a Party committee or one of its commissions (Ban Dân vận…), else 'state'. */
export function inferIssuerKind(issuer: readonly string[]): 'party' | 'state' {
  const lines = issuer.map(upper);
  const first = lines[0] ?? '';
  if (PARTY_PREFIXES.some((p) => first.startsWith(p))) return 'party';
  if (lines.some((l) => l.includes('BAN DÂN VẬN'))) return 'party';
  return 'state';
}

/**
 * Fills what only the registry knows: `place` when empty (the province's name without its
 * "Tỉnh " prefix: "Tỉnh Lai Châu" → "Lai Châu") and `issuer` when it is still DEFAULT_ISSUER
 * ("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU"). The root may be a district running its own cycle, so a
 * name that starts with its type keeps it ("Quận 8" → "ỦY BAN NHÂN DÂN QUẬN 8"); only a bare
 * name is taken for a province's. Returns a new object; anything given explicitly is kept.
 */
export function withProvinceName(config: CycleConfig, provinceName: string): CycleConfig {
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

export const CYCLE_CONFIG_MESSAGES: MessageTable = {
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
};

const line = (max: number) => text({ min: 1, max, multiline: false });
const percent = z.number().min(0).max(100);

const schema = z
  .strictObject({
    year: z.int().min(2000).max(2100),
    deadline: z.iso.date().optional(),
    autoCloseAt: z.iso.datetime({ offset: true }).nullable().default(null),
    issuer: z.array(line(120)).min(1).max(4).optional(),
    issuerKind: z.enum(['party', 'state']).optional(),
    documentNumber: line(80).default(DEFAULT_DOCUMENT_NUMBER),
    reportDate: z.iso.date().nullable().default(null),
    place: text({ max: 120, multiline: false }).default(''),
    specialLabel: line(200).nullable().default(null),
    commendation: z
      .strictObject({
        quotaPercent: percent.default(DEFAULT_QUOTA_PERCENT),
        minScore: percent.default(DEFAULT_MIN_SCORE),
        awards: z
          .strictObject({
            province: line(200).default(DEFAULT_AWARDS.province),
            district: line(200).default(DEFAULT_AWARDS.district),
            commune: line(200).default(DEFAULT_AWARDS.commune),
          })
          .default(() => ({ ...DEFAULT_AWARDS })),
      })
      .default(defaultCommendation),
  })
  .superRefine(
    (v, ctx) => {
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
        !payload.issues.some((i) => i.path?.[0] === 'year' || i.path?.[0] === 'deadline'),
    },
  )
  .transform(
    (v): CycleConfig => {
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
        commendation: v.commendation,
      };
    },
  );

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
