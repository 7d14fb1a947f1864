// The rules of review transitions (SPEC section 5): which decision moves a report from which
// status to which, and when a submission or a decision is refused. Plain data and functions,
// no schema library: the stores import them (review.ts re-exports them beside the schemas).
import type { HistoryAction, ReportStatus } from './types.ts';

export const REVIEW_DECISIONS = ['approve', 'return', 'reopen'] as const;
export type ReviewDecisionKind = (typeof REVIEW_DECISIONS)[number];

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
