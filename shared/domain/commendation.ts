// Commended collectives (SPEC section 6): candidates, per-level quota, ranking, awards.
// Pure functions; the result is deterministic whatever the order of the input.

import { awardFor } from './labels.ts';
import { LEVELS } from './types.ts';
import type { AssociationState, ByLevel, CommendationConfig, CommendedItem, Unit, UnitType } from './types.ts';

/**
 * An approved report that may be commended: what ranking and the commended list need, and
 * the type of its unit, which names the authority in its award (SPEC section 6).
 */
export type CommendedCandidate = Omit<CommendedItem, 'award'> & { unitType: UnitType };

/** What `candidateOf` reads of an association: its state and the registry's year flags. */
export type CandidateSource = Pick<
  AssociationState,
  'code' | 'name' | 'unitCode' | 'level' | 'status' | 'rating' | 'nominate' | 'score' | 'figures'
> & { expected: boolean; dissolvedInYear: boolean };

/**
 * The candidate for an association, or null when it cannot be commended: it must be
 * expected in the year (and not dissolved in it), approved, with final rating `excellent`
 * and `nominate` set. The `minScore` threshold is applied by `selectCommended`, so that
 * candidates can be collected before the configuration is at hand.
 */
export function candidateOf(a: CandidateSource, unit: Pick<Unit, 'name' | 'type'>): CommendedCandidate | null {
  if (!a.expected || a.dissolvedInYear) return null;
  if (a.status !== 'approved' || a.rating !== 'excellent' || !a.nominate) return null;
  if (a.score === null || a.figures === null) {
    throw new Error(`association ${a.code} is approved but has no score or no figures`);
  }
  return {
    association: a.code,
    name: a.name,
    unit: a.unitCode,
    unitName: unit.name,
    unitType: unit.type,
    level: a.level,
    score: a.score,
    members: a.figures.members,
  };
}

/** Plain code-point comparison: the same on every machine and locale. */
export const compareCodes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Ranking order: score (highest first), then members (most first), then association code. */
export function compareCandidates(a: CommendedCandidate, b: CommendedCandidate): number {
  return b.score - a.score || b.members - a.members || compareCodes(a.association, b.association);
}

/**
 * floor(quotaPercent × expected / 100), computed exactly: `quotaPercent` is read as the
 * decimal it prints as (12.5 → 125/10, 33.3 → 333/10), so no binary floating-point error
 * reaches the floor (20% of 24 is 4, not 4.8 rounded from 4.799…).
 */
export function commendationQuota(quotaPercent: number, expected: number): number {
  if (!Number.isFinite(quotaPercent) || quotaPercent < 0 || quotaPercent > 100) {
    throw new RangeError(`quotaPercent must be a number from 0 to 100, got ${quotaPercent}`);
  }
  if (!Number.isSafeInteger(expected) || expected < 0) {
    throw new RangeError(`expected must be a non-negative integer, got ${expected}`);
  }
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(quotaPercent));
  if (m === null) throw new RangeError(`quotaPercent ${quotaPercent} is not a plain decimal`);
  const digits = BigInt(`${m[1] ?? ''}${m[2] ?? ''}`);
  // quotaPercent = digits × 10^-scale
  const scale = (m[2]?.length ?? 0) - Number(m[3] ?? '0');
  const numerator = scale >= 0 ? digits * BigInt(expected) : digits * BigInt(expected) * 10n ** BigInt(-scale);
  const denominator = 100n * 10n ** BigInt(Math.max(scale, 0));
  return Number(numerator / denominator); // BigInt division truncates; both are ≥ 0, so it floors
}

/**
 * The commended collectives. Of the candidates with `score` ≥ `config.minScore`, at each
 * level at most `commendationQuota(config.quotaPercent, expectedByLevel[level])` are kept,
 * by rank (`compareCandidates`); each gets the award of its level, `config.awards[level]`,
 * with `{type}` written as its unit's type (`awardFor`). Ordered province,
 * district, commune, then rank. Candidates must be those of `candidateOf` (approved,
 * excellent, nominated); a duplicated association code is an error.
 */
export function selectCommended(
  candidates: readonly CommendedCandidate[],
  expectedByLevel: ByLevel,
  config: CommendationConfig,
): CommendedItem[] {
  const seen = new Set<string>();
  for (const c of candidates) {
    if (seen.has(c.association)) throw new Error(`association ${c.association} is a candidate twice`);
    seen.add(c.association);
  }
  const out: CommendedItem[] = [];
  for (const level of LEVELS) {
    const quota = commendationQuota(config.quotaPercent, expectedByLevel[level]);
    if (quota === 0) continue;
    const ranked = candidates
      .filter((c) => c.level === level && c.score >= config.minScore)
      .sort(compareCandidates)
      .slice(0, quota);
    for (const c of ranked) {
      out.push({
        association: c.association,
        name: c.name,
        unit: c.unit,
        unitName: c.unitName,
        level: c.level,
        score: c.score,
        members: c.members,
        award: awardFor(config.awards[level], c.unitType),
      });
    }
  }
  return out;
}
