// A period review's configuration (SPEC section 12): the body of POST /periods, validated with
// every default filled in. The document fields (issuer, number, date, place, signer, recipients,
// narrative) and the commendation's quota, score and awards follow a cycle's rules and messages
// (cycle-config.ts); what is a period's own is its code, its range of years, its title and
// `commendation.minYears`.

import * as z from 'zod/mini'; // see validation.ts
import { awardsField, CYCLE_CONFIG_MESSAGES, documentFields, inferIssuerKind, issuerField, line, percent, placeField } from './cycle-config.ts';
import { DEFAULT_DOCUMENT_NUMBER, DEFAULT_ISSUER, DEFAULT_MIN_SCORE, DEFAULT_QUOTA_PERCENT, DEFAULT_AWARDS } from './labels.ts';
import type { Localized } from './localized.ts';
import type { PeriodConfig } from './types.ts';
import { addIssue, MESSAGES, validateWith, type MessageTable, type Validated } from './validation.ts';

import { PERIOD_CODE } from './period-code.ts';

export { PERIOD_CODE };
/** The most years one period may span. */
export const MAX_PERIOD_YEARS = 20;

const yearRule: Localized = { vi: 'Năm phải là số nguyên từ 2000 đến 2100', en: 'must be an integer from 2000 to 2100' };

export const PERIOD_CONFIG_MESSAGES: MessageTable = {
  ...Object.fromEntries(
    Object.entries(CYCLE_CONFIG_MESSAGES).filter(([field]) => !['year', 'deadline', 'autoCloseAt', 'specialLabel', 'signOff', 'reminders', 'reminders.daysBefore', 'reminders.daysBefore.*', 'commendation'].includes(field)),
  ),
  code: {
    rule: {
      vi: 'Mã kỳ sơ kết, tổng kết gồm 1 đến 40 ký tự chữ không dấu, chữ số, "_" hoặc "-" (ví dụ "KL102-2016-2020")',
      en: 'code must be 1 to 40 letters (no accents), digits, "_" or "-" (e.g. "KL102-2016-2020")',
    },
  },
  from: { rule: { vi: `Năm đầu kỳ: ${yearRule.vi.toLowerCase()}`, en: `from ${yearRule.en}` }, notString: MESSAGES.integerNotString },
  to: { rule: { vi: `Năm cuối kỳ: ${yearRule.vi.toLowerCase()}`, en: `to ${yearRule.en}` }, notString: MESSAGES.integerNotString },
  title: {
    rule: {
      vi: 'Trích yếu (tiêu đề) báo cáo phải có từ 1 đến 300 ký tự, trên một dòng',
      en: 'title must be 1 to 300 characters on one line',
    },
  },
  commendation: {
    rule: {
      vi: 'Khen thưởng phải là một đối tượng {quotaPercent, minScore, minYears, awards}',
      en: 'commendation must be an object {quotaPercent, minScore, minYears, awards}',
    },
  },
  'commendation.minYears': {
    rule: {
      vi: 'Số năm xuất sắc tối thiểu phải là null (mọi năm đã ban hành) hoặc số nguyên từ 1 đến số năm của kỳ',
      en: 'minYears must be null (every published year) or an integer from 1 to the number of years of the period',
    },
    notString: MESSAGES.integerNotString,
  },
};

const year = z.int().check(z.minimum(2000), z.maximum(2100));

const fields = z
  .strictObject({
    code: z.string().check(z.regex(PERIOD_CODE)),
    from: year,
    to: year,
    title: line(300),
    issuer: z.optional(issuerField),
    issuerKind: z.optional(z.enum(['party', 'state'])),
    documentNumber: z._default(documentFields.documentNumber, DEFAULT_DOCUMENT_NUMBER),
    reportDate: z._default(documentFields.reportDate, null),
    place: z._default(placeField, ''),
    signer: z._default(documentFields.signer, null),
    recipients: z._default(documentFields.recipients, null),
    narrative: z._default(documentFields.narrative, {}),
    commendation: z._default(
      z.strictObject({
        quotaPercent: z._default(percent, DEFAULT_QUOTA_PERCENT),
        minScore: z._default(percent, DEFAULT_MIN_SCORE),
        minYears: z._default(z.nullable(z.int().check(z.minimum(1), z.maximum(MAX_PERIOD_YEARS))), null),
        awards: awardsField,
      }),
      () => ({ quotaPercent: DEFAULT_QUOTA_PERCENT, minScore: DEFAULT_MIN_SCORE, minYears: null, awards: { ...DEFAULT_AWARDS } }),
    ),
  })
  .check(
    z.superRefine(
      (v: { from: number; to: number; commendation: { minYears: number | null } }, ctx) => {
        if (v.from > v.to) {
          addIssue(ctx, { vi: `Năm đầu kỳ (${v.from}) phải không sau năm cuối kỳ (${v.to})`, en: `from (${v.from}) must not be after to (${v.to})` }, ['to']);
          return;
        }
        const years = v.to - v.from + 1;
        if (years > MAX_PERIOD_YEARS) {
          addIssue(ctx, { vi: `Một kỳ gồm tối đa ${MAX_PERIOD_YEARS} năm (ở đây ${years} năm)`, en: `A period spans at most ${MAX_PERIOD_YEARS} years (this one ${years})` }, ['to']);
          return;
        }
        const minYears = v.commendation.minYears;
        if (minYears !== null && minYears > years) {
          addIssue(
            ctx,
            { vi: `Số năm xuất sắc tối thiểu (${minYears}) vượt quá số năm của kỳ (${years})`, en: `minYears (${minYears}) is more than the period's ${years} years` },
            ['commendation', 'minYears'],
          );
        }
      },
      {
        when: (payload) =>
          typeof payload.value === 'object' &&
          payload.value !== null &&
          !Array.isArray(payload.value) &&
          !payload.issues.some((i) => i.path?.[0] === 'from' || i.path?.[0] === 'to' || i.path?.[0] === 'commendation'),
      },
    ),
  );

const schema = z.pipe(
  fields,
  z.transform((v: z.output<typeof fields>): PeriodConfig => {
    const issuer = v.issuer ?? [...DEFAULT_ISSUER];
    return {
      code: v.code,
      from: v.from,
      to: v.to,
      title: v.title,
      issuer,
      issuerKind: v.issuerKind ?? inferIssuerKind(issuer),
      documentNumber: v.documentNumber,
      reportDate: v.reportDate,
      place: v.place,
      signer: v.signer,
      recipients: v.recipients,
      narrative: v.narrative,
      commendation: v.commendation,
    };
  }),
);

/**
 * Validates the body of `POST /periods`. Required: code, from, to, title. Defaults as for a
 * cycle (issuer DEFAULT_ISSUER, issuerKind inferred from it, documentNumber, reportDate null =
 * the day of the first close request, place "" = the registry's province name); commendation
 * 20 % / 90 points / minYears null (every published year) / DEFAULT_AWARDS.
 */
export function validatePeriodConfig(body: unknown): Validated<PeriodConfig> {
  return validateWith(schema, body, PERIOD_CONFIG_MESSAGES);
}
