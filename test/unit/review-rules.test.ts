// The review rules an association and a reviewer live by (SPEC section 5): an approved report
// is locked, versions are capped, a decision is taken on the version the reviewer saw and
// from the status it starts from.
import { describe, expect, it } from 'vitest';
import { MAX_VERSIONS_PER_ASSOCIATION, REVIEW_TRANSITIONS, reviewRefusal, submissionRefusal } from '../../shared/domain/review.ts';

describe('submissions', () => {
  it('accepts a first report, a correction of a returned one and a resubmission while awaiting review', () => {
    expect(submissionRefusal({ version: 0, status: null })).toBeNull();
    expect(submissionRefusal({ version: 2, status: 'returned' })).toBeNull();
    expect(submissionRefusal({ version: 1, status: 'submitted' })).toBeNull();
  });

  it('refuses a new version of an approved report, and one past the cap', () => {
    expect(submissionRefusal({ version: 3, status: 'approved' })).toBe('locked');
    expect(submissionRefusal({ version: MAX_VERSIONS_PER_ASSOCIATION - 1, status: 'submitted' })).toBeNull();
    expect(submissionRefusal({ version: MAX_VERSIONS_PER_ASSOCIATION, status: 'submitted' })).toBe('cap');
  });
});

describe('review decisions', () => {
  it('approves or returns a submitted report, and reopens an approved one', () => {
    expect(reviewRefusal({ version: 2, status: 'submitted' }, { decision: 'approve', version: 2 })).toBeNull();
    expect(reviewRefusal({ version: 2, status: 'submitted' }, { decision: 'return', version: 2 })).toBeNull();
    expect(reviewRefusal({ version: 2, status: 'approved' }, { decision: 'reopen', version: 2 })).toBeNull();
  });

  it('refuses a decision on no report, on a version the reviewer did not see, or from the wrong status', () => {
    expect(reviewRefusal({ version: 0, status: null }, { decision: 'approve', version: 1 })).toBe('no_report');
    expect(reviewRefusal({ version: 3, status: 'submitted' }, { decision: 'approve', version: 2 })).toBe('stale');
    expect(reviewRefusal({ version: 2, status: 'approved' }, { decision: 'approve', version: 2 })).toBe('wrong_status');
    expect(reviewRefusal({ version: 2, status: 'returned' }, { decision: 'return', version: 2 })).toBe('wrong_status');
    expect(reviewRefusal({ version: 2, status: 'submitted' }, { decision: 'reopen', version: 2 })).toBe('wrong_status');
  });

  it('moves the report to the status the decision names, and says so in the history', () => {
    expect(REVIEW_TRANSITIONS.approve).toEqual({ from: 'submitted', to: 'approved', action: 'approved' });
    expect(REVIEW_TRANSITIONS.return).toEqual({ from: 'submitted', to: 'returned', action: 'returned' });
    expect(REVIEW_TRANSITIONS.reopen).toEqual({ from: 'approved', to: 'submitted', action: 'reopened' });
  });
});
