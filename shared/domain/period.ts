// Period reviews (SPEC section 12): the summary over several published years and the period's
// commended collectives. Pure functions on what the years' published revisions hold; the
// result is deterministic whatever the order of the input.

import { awardFor } from './labels.ts';
import { commendationQuota, compareCodes } from './commendation.ts';
import { LEVELS } from './types.ts';
import type { AssociationYearResult, ByLevel, CommendedItem, Level, PeriodCommendationConfig, PeriodConfig, PeriodSummary, PeriodYear, Summary, UnitType } from './types.ts';

/** The years of a period's range, in order. */
export const periodYears = (config: Pick<PeriodConfig, 'from' | 'to'>): number[] => Array.from({ length: config.to - config.from + 1 }, (_, i) => config.from + i);

/** One published year as the period reads it: exactly the figures of that year's published summary. */
export function periodYearOf(summary: Summary): PeriodYear {
  return {
    year: summary.year,
    revision: summary.revision,
    associations: { total: summary.associations.total, byLevel: { ...summary.associations.byLevel } },
    special: { total: summary.associations.special.total },
    new: { total: summary.associations.new.total },
    dissolved: { total: summary.associations.dissolved.total },
    members: summary.figures.members,
    reports: { expected: summary.reports.expected, approved: summary.reports.approved, onTime: summary.reports.onTime },
  };
}

/**
 * The period's summary (GET /periods/{code}/summary) from the latest published summary of each
 * year that has one. Summaries of years outside the range are ignored; two of the same year are
 * an error. `missingYears` are the years of the range with none; `change` is the last published
 * year less the first (0 when one year is published, or none).
 */
export function periodSummary(config: Pick<PeriodConfig, 'code' | 'from' | 'to'>, publishedSummaries: readonly Summary[], commended = 0): PeriodSummary {
  const byYear = new Map<number, Summary>();
  for (const s of publishedSummaries) {
    if (s.year < config.from || s.year > config.to) continue;
    if (byYear.has(s.year)) throw new Error(`two published summaries of ${s.year}`);
    byYear.set(s.year, s);
  }
  const years = [...byYear.keys()].sort((a, b) => a - b).map((y) => periodYearOf(byYear.get(y)!));
  const first = years[0];
  const last = years.at(-1);
  return {
    code: config.code,
    from: config.from,
    to: config.to,
    missingYears: periodYears(config).filter((y) => !byYear.has(y)),
    years,
    change: first && last ? { associations: last.associations.total - first.associations.total, members: last.members - first.members } : { associations: 0, members: 0 },
    commended,
  };
}

/** What the last published year's registry says of an association expected in that year. */
export interface LastYearEntry {
  name: string;
  unit: string;
  unitName: string;
  unitType: UnitType;
  level: Level;
}

/**
 * score ≥ minScore for the mean sum / n of integer scores, exactly: minScore is read as the
 * decimal it prints as (90.5 → 905/10), so no binary rounding decides a mean that is exactly at it.
 */
export function meanAtLeast(sum: number, n: number, minScore: number): boolean {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(minScore));
  if (m === null) throw new RangeError(`minScore ${minScore} is not a plain decimal`);
  const scale = m[2]?.length ?? 0;
  return BigInt(sum) * 10n ** BigInt(scale) >= BigInt(`${m[1]}${m[2] ?? ''}`) * BigInt(n);
}

/** The mean of integer scores rounded to two decimals (half up): what ranks and what is printed. */
export const meanScore = (sum: number, n: number): number => Math.round((sum * 100) / n) / 100;

/**
 * The period's commended collectives (SPEC section 12).
 *
 * - `resultsByYear`: for each published year of the period, the approved results of that year's
 *   latest published revision (AssociationYearResult: approved reports of expected associations,
 *   any final rating). The published years are its keys; the last one is the largest.
 * - `lastYear`: the associations expected in the last published year, by code, with their level,
 *   unit and unit type there. An association absent from it (not in that registry, dissolved or
 *   not yet expected) is not commended: the award goes to a collective that exists at the end of
 *   the period, named and placed as it is then.
 * - `expectedByLevelLastYear`: the expected associations per level in the last published year.
 *
 * Candidates: approved with final rating `excellent` in at least `minYears` of the published
 * years (null: in every published year); their mean score over those years (the years approved
 * as excellent) must be ≥ minScore; `nominate` plays no part. An association founded during the
 * period has fewer years, so with the default it cannot be commended; an explicit minYears lets
 * it. Per level (the last year's), at most floor(quotaPercent × expected / 100), ranked by the
 * mean rounded to two decimals (highest first), then members in the last published year (0 when
 * it has no approved report that year; most first), then code. `score` is that rounded mean;
 * the award the level's, by the unit's type in the last year. Ordered province, district,
 * commune, then rank.
 */
export function selectPeriodCommended(
  resultsByYear: ReadonlyMap<number, readonly AssociationYearResult[]>,
  expectedByLevelLastYear: ByLevel,
  lastYear: ReadonlyMap<string, LastYearEntry>,
  config: Pick<PeriodCommendationConfig, 'quotaPercent' | 'minScore' | 'minYears' | 'awards'>,
): CommendedItem[] {
  const years = [...resultsByYear.keys()].sort((a, b) => a - b);
  const finalYear = years.at(-1);
  if (finalYear === undefined) return [];
  const required = config.minYears ?? years.length;

  const excellent = new Map<string, { sum: number; n: number }>();
  for (const year of years) {
    const seen = new Set<string>();
    for (const r of resultsByYear.get(year)!) {
      if (seen.has(r.association)) throw new Error(`association ${r.association} has two results in ${year}`);
      seen.add(r.association);
      if (r.rating !== 'excellent') continue;
      const e = excellent.get(r.association) ?? { sum: 0, n: 0 };
      e.sum += r.score;
      e.n += 1;
      excellent.set(r.association, e);
    }
  }
  const membersLastYear = new Map(resultsByYear.get(finalYear)!.map((r) => [r.association, r.members]));

  interface Ranked {
    code: string;
    entry: LastYearEntry;
    score: number;
    members: number;
  }
  const candidates: Ranked[] = [];
  for (const [code, { sum, n }] of excellent) {
    const entry = lastYear.get(code);
    if (!entry || n < required || !meanAtLeast(sum, n, config.minScore)) continue;
    candidates.push({ code, entry, score: meanScore(sum, n), members: membersLastYear.get(code) ?? 0 });
  }

  const out: CommendedItem[] = [];
  for (const level of LEVELS) {
    const quota = commendationQuota(config.quotaPercent, expectedByLevelLastYear[level]);
    if (quota === 0) continue;
    const ranked = candidates
      .filter((c) => c.entry.level === level)
      .sort((a, b) => b.score - a.score || b.members - a.members || compareCodes(a.code, b.code))
      .slice(0, quota);
    for (const c of ranked) {
      out.push({
        association: c.code,
        name: c.entry.name,
        unit: c.entry.unit,
        unitName: c.entry.unitName,
        level,
        score: c.score,
        members: c.members,
        award: awardFor(config.awards[level], c.entry.unitType),
      });
    }
  }
  return out;
}
