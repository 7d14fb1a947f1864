// Review decisions (SPEC section 5) and the province's reopen after close (SPEC section 3).

import * as z from 'zod'; // namespace import: esbuild drops zod's unused parts (the named `z` keeps every locale)
import { SELF_RATINGS, type HistoryAction, type Rating, type ReportStatus } from './types.ts';
import { MESSAGES, text, validateWith, type MessageTable, type Validated } from './validation.ts';

export const REVIEW_DECISIONS = ['approve', 'return', 'reopen'] as const;
export type ReviewDecisionKind = (typeof REVIEW_DECISIONS)[number];

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

const version = z.int().min(1);
const requiredComment = text({ min: 1, max: COMMENT_MAX });

const schema = z.discriminatedUnion('decision', [
  z.strictObject({
    decision: z.literal('approve'),
    version,
    score: z.int().min(0).max(100),
    rating: z.enum(SELF_RATINGS).optional(),
    comment: text({ max: COMMENT_MAX }).optional(),
  }),
  z.strictObject({ decision: z.literal('return'), version, comment: requiredComment }),
  z.strictObject({ decision: z.literal('reopen'), version, comment: requiredComment }),
]);

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

const reopenSchema = z.strictObject({ comment: requiredComment });

/** Validates the body of `POST …/reopen` (province, after close): `{comment}`, required. */
export function validateReopenAfterClose(body: unknown): Validated<ReopenAfterClose> {
  return validateWith(reopenSchema, body, REVIEW_MESSAGES);
}

/** Versions one association may submit in one cycle: past it a submission is refused. */
export const MAX_VERSIONS_PER_ASSOCIATION = 500;

/**
 * Each review decision: the status the report must have, the one it leaves with, and what the
 * history says. The store writes exactly this transition, conditional on the status it read.
 */
export const REVIEW_TRANSITIONS: Readonly<Record<ReviewDecisionKind, { from: ReportStatus; to: ReportStatus; action: HistoryAction }>> = {
  approve: { from: 'submitted', to: 'approved', action: 'approved' },
  return: { from: 'submitted', to: 'returned', action: 'returned' },
  reopen: { from: 'approved', to: 'submitted', action: 'reopened' },
};

/** What a report is, for the rules below: its current version and status. */
export interface ReportPosition {
  version: number;
  status: ReportStatus | null;
}

/** Why a new version is not accepted from this position, or null: an approved report is locked; versions are capped. */
export function submissionRefusal(current: ReportPosition): 'locked' | 'cap' | null {
  if (current.status === 'approved') return 'locked';
  if (current.version >= MAX_VERSIONS_PER_ASSOCIATION) return 'cap';
  return null;
}

/**
 * Why this decision cannot be taken on the report as it is, or null: there is no report yet,
 * the reviewer saw another version, or the report is not in the status the decision starts from.
 */
export function reviewRefusal(current: ReportPosition, decision: { decision: ReviewDecisionKind; version: number }): 'no_report' | 'stale' | 'wrong_status' | null {
  if (current.version === 0) return 'no_report';
  if (decision.version !== current.version) return 'stale';
  if (current.status !== REVIEW_TRANSITIONS[decision.decision].from) return 'wrong_status';
  return null;
}
