// Review decisions (SPEC section 5) and the province's reopen after close (SPEC section 3).

import * as z from 'zod/mini'; // see validation.ts
import { SELF_RATINGS, type Rating } from './types.ts';
import { MESSAGES, text, validateWith, type MessageTable, type Validated } from './validation.ts';

// The rules of a review's transitions live apart, free of zod, so that the stores (and the
// jobs that only read report states, like the registry import) do not bundle the schemas.
export { MAX_VERSIONS_PER_ASSOCIATION, REVIEW_DECISIONS, REVIEW_TRANSITIONS, reviewRefusal, submissionRefusal } from './review-rules.ts';
export type { ReportPosition, ReviewDecisionKind } from './review-rules.ts';

export type ReviewDecision =
  | { decision: 'approve'; version: number; score: number; rating?: Rating; comment?: string }
  | { decision: 'return'; version: number; comment: string }
  | { decision: 'reopen'; version: number; comment: string };

export interface ReopenAfterClose {
  comment: string;
}

export const COMMENT_MAX = 2_000;

export const REVIEW_MESSAGES: MessageTable = {
  decision: {
    rule: {
      vi: 'Quyết định phải là một trong: approve (duyệt), return (trả lại để sửa), reopen (mở lại báo cáo đã duyệt)',
      en: 'decision must be one of: approve, return, reopen',
    },
  },
  version: {
    rule: {
      vi: 'Phiên bản phải là số nguyên từ 1 trở lên (phiên bản báo cáo bạn đã xem)',
      en: 'version must be an integer of at least 1 (the version of the report you reviewed)',
    },
    notString: MESSAGES.integerNotString,
  },
  score: {
    rule: { vi: 'Điểm phải là số nguyên từ 0 đến 100', en: 'score must be an integer from 0 to 100' },
    notString: MESSAGES.integerNotString,
  },
  rating: {
    rule: {
      vi: 'Xếp loại phải là một trong: excellent, good, completed, not_completed',
      en: 'rating must be one of: excellent, good, completed, not_completed',
    },
  },
  comment: {
    rule: { vi: 'Nhận xét tối đa 2.000 ký tự', en: 'comment must be at most 2,000 characters' },
    required: { vi: 'Bắt buộc nhập nhận xét', en: 'Required: a comment' },
  },
};

// Made by calls marked pure, as in cycle-config.ts: a job that imports this module for
// COMMENT_MAX or the messages only drops the schemas.
const version = /* @__PURE__ */ (() => z.int().check(z.minimum(1)))();
const requiredComment = /* @__PURE__ */ (() => text({ min: 1, max: COMMENT_MAX }))();

const schema = /* @__PURE__ */ (() => z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('approve'),
    version,
    score: z.int().check(z.minimum(0), z.maximum(100)),
    rating: z.optional(z.enum(SELF_RATINGS)),
    comment: z.optional(text({ max: COMMENT_MAX })),
  }),
  z.strictObject({ decision: z.literal('return'), version, comment: requiredComment }),
  z.strictObject({ decision: z.literal('reopen'), version, comment: requiredComment }),
]))();

/**
 * Validates the body of `POST …/review`. `approve`: score is an integer 0…100, rating optional
 * (absent: the caller uses the self rating), comment optional (a blank comment is dropped).
 * `return` and `reopen`: a non-blank comment is required. Comments ≤ 2,000 code points, NFC,
 * trimmed. Fields of another decision are refused as unknown.
 */
export function validateReviewDecision(body: unknown): Validated<ReviewDecision> {
  const result = validateWith(schema, body, REVIEW_MESSAGES);
  if (!result.ok) return result;
  const v = result.value;
  if (v.decision !== 'approve') return { ok: true, value: v };
  const { rating, comment, ...rest } = v;
  return {
    ok: true,
    value: {
      ...rest,
      ...(rating !== undefined ? { rating } : {}),
      ...(comment !== undefined && comment !== '' ? { comment } : {}),
    },
  };
}

const reopenSchema = /* @__PURE__ */ (() => z.strictObject({ comment: requiredComment }))();

/** Validates the body of `POST …/reopen` (province, after close): `{comment}`, required. */
export function validateReopenAfterClose(body: unknown): Validated<ReopenAfterClose> {
  return validateWith(reopenSchema, body, REVIEW_MESSAGES);
}
