// The annual report form (SPEC section 4): validation of a submission, JSON or form, and the
// labels the pages and the PDF print.

import * as z from 'zod/mini'; // see validation.ts
import type { Localized } from './localized.ts';
import { RATING_LABELS, REPORT_LIMITS } from './labels.ts';
import { SELF_RATINGS, type ReportFields } from './types.ts';
import {
  addIssue,
  formBoolean,
  formInteger,
  formString,
  MESSAGES,
  text,
  validateWith,
  type MessageTable,
  type Validated,
} from './validation.ts';

export { RATING_LABELS, REPORT_FIELD_LABELS, REPORT_LIMITS } from './labels.ts';

const RATING_CHOICES_VI = SELF_RATINGS.map((r) => `${r} (${RATING_LABELS[r].vi})`).join(', ');
const RATING_CHOICES_EN = SELF_RATINGS.map((r) => `${r} (${RATING_LABELS[r].en.toLowerCase()})`).join(', ');

export const REPORT_MESSAGES = {
  members: {
    notString: MESSAGES.integerNotString,
    rule: {
      vi: 'Số hội viên phải là số nguyên từ 0 đến 10.000.000',
      en: 'members must be an integer from 0 to 10,000,000',
    },
    required: {
      vi: 'Vui lòng nhập số hội viên',
      en: 'Please give members, the number of members',
    },
  },
  newMembers: {
    notString: MESSAGES.integerNotString,
    rule: {
      vi: 'Hội viên mới kết nạp phải là số nguyên từ 0 đến số hội viên',
      en: 'newMembers must be an integer from 0 up to members',
    },
  },
  branches: {
    notString: MESSAGES.integerNotString,
    rule: {
      vi: 'Số chi hội, cơ sở hội phải là số nguyên từ 0 đến 100.000',
      en: 'branches must be an integer from 0 to 100,000',
    },
  },
  charityEvents: {
    notString: MESSAGES.integerNotString,
    rule: {
      vi: 'Số hoạt động nhân đạo, từ thiện phải là số nguyên từ 0 đến 1.000.000',
      en: 'charityEvents must be an integer from 0 to 1,000,000',
    },
  },
  charityFundsVnd: {
    notString: MESSAGES.integerNotString,
    rule: {
      vi: 'Kinh phí vận động phải là số đồng nguyên từ 0 đến 10.000.000.000.000 (mười nghìn tỷ)',
      en: 'charityFundsVnd must be a whole number of đồng from 0 to 10,000,000,000,000 (ten trillion)',
    },
  },
  legalEducationSessions: {
    notString: MESSAGES.integerNotString,
    rule: {
      vi: 'Số buổi tuyên truyền, phổ biến pháp luật phải là số nguyên từ 0 đến 1.000.000',
      en: 'legalEducationSessions must be an integer from 0 to 1,000,000',
    },
  },
  selfRating: {
    rule: {
      vi: `Tự đánh giá phải là một trong: ${RATING_CHOICES_VI}`,
      en: `selfRating must be one of: ${RATING_CHOICES_EN}`,
    },
    required: {
      vi: 'Vui lòng chọn mức tự đánh giá',
      en: 'Please choose a self-assessment (selfRating)',
    },
  },
  nominate: {
    rule: {
      vi: 'Đề nghị khen thưởng phải là true hoặc false',
      en: 'nominate must be true or false',
    },
  },
  achievements: {
    rule: {
      vi: 'Thành tích nổi bật tối đa 5.000 ký tự',
      en: 'achievements must be at most 5,000 characters',
    },
  },
  limitations: {
    rule: { vi: 'Hạn chế tối đa 5.000 ký tự', en: 'limitations must be at most 5,000 characters' },
  },
  proposals: {
    rule: {
      vi: 'Kiến nghị, đề xuất tối đa 5.000 ký tự',
      en: 'proposals must be at most 5,000 characters',
    },
  },
  submittedBy: {
    rule: {
      vi: 'Người báo cáo phải có từ 1 đến 200 ký tự, trên một dòng',
      en: 'submittedBy must be 1 to 200 characters on one line',
    },
    required: {
      vi: 'Vui lòng nhập họ tên người báo cáo',
      en: 'Please give submittedBy, the name of the person reporting',
    },
  },
} satisfies Record<keyof ReportFields, MessageTable[string]>;

export const NEW_MEMBERS_OVER_MEMBERS: Localized = {
  vi: 'Số hội viên mới kết nạp không thể nhiều hơn số hội viên; vui lòng xem lại',
  en: 'newMembers cannot be greater than members',
};
export const ACHIEVEMENTS_REQUIRED: Localized = {
  vi: 'Vui lòng nêu thành tích nổi bật khi đề nghị khen thưởng tập thể',
  en: 'Please describe the achievements: they are required when nominate is true',
};
export const NOMINATE_FORM_INVALID: Localized = {
  vi: 'Đề nghị khen thưởng chỉ nhận true, on, 1 (có) hoặc false, off, 0 (không)',
  en: 'nominate accepts only true, on, 1 (yes) or false, off, 0 (no)',
};

const count = (max: number) => z.int().check(z.minimum(0), z.maximum(max));

// Made by calls marked pure, as in cycle-config.ts: the jobs that import this module for its
// labels or messages only (get-report, list-reports) drop the schemas.
const FIELD = /* @__PURE__ */ (() => ({
  members: count(REPORT_LIMITS.members),
  newMembers: z._default(count(REPORT_LIMITS.members), 0),
  branches: z._default(count(REPORT_LIMITS.branches), 0),
  charityEvents: z._default(count(REPORT_LIMITS.charityEvents), 0),
  charityFundsVnd: z._default(count(REPORT_LIMITS.charityFundsVnd), 0),
  legalEducationSessions: z._default(count(REPORT_LIMITS.legalEducationSessions), 0),
  selfRating: z.enum(SELF_RATINGS),
  nominate: z._default(z.boolean(), false),
  achievements: z._default(text({ max: REPORT_LIMITS.text }), ''),
  limitations: z._default(text({ max: REPORT_LIMITS.text }), ''),
  proposals: z._default(text({ max: REPORT_LIMITS.text }), ''),
  submittedBy: text({ min: 1, max: REPORT_LIMITS.submittedBy, multiline: false }),
}))();

/** Runs a cross-field rule only when none of its fields has an issue of its own (the other
 *  fields' problems do not hide it: a secretary sees every problem of the form at once). */
const when =
  (...keys: (keyof ReportFields)[]) =>
  (payload: z.core.ParsePayload): boolean =>
    typeof payload.value === 'object' &&
    payload.value !== null &&
    !payload.issues.some((i) => keys.includes(i.path?.[0] as keyof ReportFields));

function withCrossChecks<S extends z.ZodMiniType<ReportFields, unknown>>(schema: S) {
  return schema.check(
    z.superRefine(
      (v: ReportFields, ctx) => {
        if (v.newMembers > v.members) addIssue(ctx, NEW_MEMBERS_OVER_MEMBERS, ['newMembers']);
      },
      { when: when('members', 'newMembers') },
    ),
    z.superRefine(
      (v: ReportFields, ctx) => {
        if (v.nominate && v.achievements === '') addIssue(ctx, ACHIEVEMENTS_REQUIRED, ['achievements']);
      },
      { when: when('nominate', 'achievements') },
    ),
  );
}

const jsonSchema = /* @__PURE__ */ (() => withCrossChecks(z.strictObject(FIELD)))();

const formSchema = /* @__PURE__ */ (() => withCrossChecks(
  z.strictObject({
    members: formInteger(FIELD.members),
    newMembers: formInteger(FIELD.newMembers),
    branches: formInteger(FIELD.branches),
    charityEvents: formInteger(FIELD.charityEvents),
    charityFundsVnd: formInteger(FIELD.charityFundsVnd),
    legalEducationSessions: formInteger(FIELD.legalEducationSessions),
    selfRating: formString(FIELD.selfRating, true),
    nominate: formBoolean(FIELD.nominate, NOMINATE_FORM_INVALID),
    achievements: formString(FIELD.achievements),
    limitations: formString(FIELD.limitations),
    proposals: formString(FIELD.proposals),
    submittedBy: formString(FIELD.submittedBy),
  }),
))();

/**
 * Validates a report submission. `json`: the parsed JSON body, strict types. `form`: the
 * urlencoded body as `Record<string, string | string[]>`; numbers as plain digits (empty = the
 * default), `nominate` true/on/1 or false/off/0/missing, a field sent twice refused.
 * Text is CRLF→LF, NFC, trimmed. Defaults filled; unknown fields refused.
 */
export function validateReport(body: unknown, source: 'json' | 'form'): Validated<ReportFields> {
  return validateWith(source === 'json' ? jsonSchema : formSchema, body, REPORT_MESSAGES);
}
