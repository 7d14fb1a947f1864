// Year-end aggregation (SPEC section 6), shaped for the close's fan-out:
//
//   parts = children(province).map(c => aggregateSubtree(c.code, subtreeUnits(c), subtreeAssociations(c)))
//   own   = aggregateSubtree(province.code, [province], provinceLevelAssociations)
//   total = mergeAggregates([own, ...parts])
//   summary = buildSummary({ ..., province, provinceAggregate: total, ... })
//
// gives exactly what aggregateSubtree(province.code, allUnits, allAssociations) gives.
// mergeAggregates is associative and commutative (its output is in a canonical order), and
// every sum is an exact integer. Money (charityFundsVnd, up to 10^13 đồng a report) is summed
// with BigInt and kept as an ExactSum, since 901 reports at the limit pass 2^53; the counts
// cannot get there (10^7 members a report would need 9×10^8 reports), and one that would
// throws rather than publish a rounded figure.

import { LEVELS, SELF_RATINGS, emptyByLevel } from './types.ts';
import type { AppendixItem, AssociationState, AssociationYearResult, ByLevel, Figures, Level, NumericFigure, ProposalItem, Rating, Summary, Unit, UnitRollup } from './types.ts';
import { addExact } from './exact-sum.ts';
import { appendixItemOf, proposalItemOf } from './appendix.ts';
import { candidateOf, compareCodes } from './commendation.ts';
import type { CommendedCandidate } from './commendation.ts';
import { collateVietnamese } from '../format/vietnamese.ts';

/** An association's state with what the registry says of it in the cycle year (SPEC section 2). */
export interface CountedAssociation extends AssociationState {
  expected: boolean;
  isNew: boolean;
  dissolvedInYear: boolean;
}

/**
 * A `UnitRollup` row with the unit's place in the tree. Within an aggregate, a row counts
 * the associations of that aggregate registered at the unit or below it.
 */
export interface UnitRollupRow extends UnitRollup {
  parentCode: string | null;
  path: string;
}

export type ReportCounts = Summary['reports'];
export type SummaryFigures = Summary['figures'];

/**
 * Everything the summary needs of a set of associations (one subtree, the province's own
 * associations, or a merge of such parts). Plain JSON data: integers, strings, arrays.
 */
export interface SubtreeAggregate {
  associations: {
    /** expected, by level */
    byLevel: ByLevel;
    /** special among the expected */
    special: ByLevel;
    /** new in the year among the expected */
    new: ByLevel;
    /** dissolved in the year (never expected) */
    dissolved: ByLevel;
  };
  reports: ReportCounts;
  /** sums over approved reports of expected associations */
  figures: SummaryFigures;
  /** the final ratings of the same reports, by level */
  ratings: Record<Rating, ByLevel>;
  /** one row per unit of the part, ordered by code */
  units: UnitRollupRow[];
  /** approved, excellent, nominated (minScore not yet applied), ordered by association code */
  candidates: CommendedCandidate[];
  /** expected and not approved, ordered by association code */
  appendix: AppendixItem[];
  /** approved reports of expected associations with proposals written, ordered by association code */
  proposals: ProposalItem[];
  /**
   * every approved report of an expected association (any final rating), ordered by association
   * code: what a period review reads of the year (SPEC section 12), published with the revision
   */
  results: AssociationYearResult[];
}

// ---------------------------------------------------------------------------------------
// exact integer sums

function checkCount(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative integer no greater than ${Number.MAX_SAFE_INTEGER}, got ${value}`);
  }
  return value;
}

/**
 * a + b for non-negative safe integers. The floating-point sum is exact whenever the true
 * sum is ≤ MAX_SAFE_INTEGER, and is > MAX_SAFE_INTEGER otherwise, so checking the result
 * is enough. Only counts go through here (money goes through addExact): bounded per report,
 * they cannot get there; if one ever did, the close fails naming the figure rather than
 * publish a rounded one.
 */
function add(a: number, b: number, what: string): number {
  const sum = a + b;
  if (!Number.isSafeInteger(sum)) {
    throw new RangeError(`${what}: the sum exceeds ${Number.MAX_SAFE_INTEGER} and cannot be published exactly`);
  }
  return sum;
}

const addByLevel = (into: ByLevel, from: ByLevel, what: string): void => {
  for (const l of LEVELS) into[l] = add(into[l], from[l], `${what}.${l}`);
};

const emptyRatings = (): Record<Rating, ByLevel> => ({
  excellent: emptyByLevel(),
  good: emptyByLevel(),
  completed: emptyByLevel(),
  not_completed: emptyByLevel(),
});

const isRating = (value: unknown): value is Rating => (SELF_RATINGS as readonly unknown[]).includes(value);

const ROLLUP_COUNTS = ['expected', 'submitted', 'approved', 'returned', 'missing', 'late', 'members'] as const;
type RollupCounts = Pick<UnitRollup, (typeof ROLLUP_COUNTS)[number]>;

const addRollup = (into: RollupCounts, from: RollupCounts): void => {
  for (const k of ROLLUP_COUNTS) into[k] = add(into[k], from[k], `units.${k}`);
};

const REPORT_COUNTS = ['expected', 'submitted', 'approved', 'returned', 'missing', 'onTime', 'late'] as const;

/** The figures summed as plain numbers: each bounded per report far below what could reach 2^53. */
const COUNT_FIGURES = ['members', 'newMembers', 'branches', 'charityEvents', 'legalEducationSessions'] as const satisfies readonly NumericFigure[];

// ---------------------------------------------------------------------------------------
// construction

export function emptyAggregate(): SubtreeAggregate {
  return {
    associations: { byLevel: emptyByLevel(), special: emptyByLevel(), new: emptyByLevel(), dissolved: emptyByLevel() },
    reports: { expected: 0, submitted: 0, approved: 0, returned: 0, missing: 0, onTime: 0, late: 0 },
    figures: {
      members: 0,
      newMembers: 0,
      branches: 0,
      charityEvents: 0,
      charityFundsVnd: 0,
      legalEducationSessions: 0,
      membersByLevel: emptyByLevel(),
    },
    ratings: emptyRatings(),
    units: [],
    candidates: [],
    appendix: [],
    proposals: [],
    results: [],
  };
}

const rowOf = (u: Unit): UnitRollupRow => ({
  code: u.code,
  name: u.name,
  level: u.level,
  expected: 0,
  submitted: 0,
  approved: 0,
  returned: 0,
  missing: 0,
  late: 0,
  members: 0,
  parentCode: u.parentCode,
  path: u.path,
});

const isUnder = (path: string, rootPath: string): boolean => path === rootPath || path.startsWith(`${rootPath}/`);

/**
 * Aggregates one subtree. `units` are the units of the subtree rooted at `rootUnitCode`
 * (the root included; a part may also be just the root, e.g. the province with its own
 * associations only); `associations` are associations registered at those units.
 * Throws on inconsistent input (unit outside the subtree, unknown unit, level mismatch,
 * approved without figures or final rating, status without a version, figures that are not
 * integers).
 */
export function aggregateSubtree(
  rootUnitCode: string,
  units: readonly Unit[],
  associations: readonly CountedAssociation[],
): SubtreeAggregate {
  const byCode = new Map<string, Unit>();
  for (const u of units) {
    if (byCode.has(u.code)) throw new Error(`unit ${u.code} is listed twice`);
    byCode.set(u.code, u);
  }
  const root = byCode.get(rootUnitCode);
  if (root === undefined) throw new Error(`the root unit ${rootUnitCode} is not among the units`);
  const rows = new Map<string, UnitRollupRow>();
  for (const u of units) {
    if (!isUnder(u.path, root.path)) throw new Error(`unit ${u.code} (${u.path}) is not in the subtree of ${rootUnitCode}`);
    if (u.path.split('/').at(-1) !== u.code) throw new Error(`unit ${u.code} has path ${u.path}, which does not end with its code`);
    rows.set(u.code, rowOf(u));
  }

  const agg = emptyAggregate();
  const { associations: counts, reports, figures } = agg;
  const seen = new Set<string>();
  for (const a of associations) {
    if (seen.has(a.code)) throw new Error(`association ${a.code} is listed twice`);
    seen.add(a.code);
    const unit = byCode.get(a.unitCode);
    if (unit === undefined) throw new Error(`association ${a.code} is registered at ${a.unitCode}, which is not in the subtree of ${rootUnitCode}`);
    if (a.level !== unit.level) throw new Error(`association ${a.code} has level ${a.level} but its unit ${unit.code} is ${unit.level}`);
    const level: Level = unit.level;

    if (a.dissolvedInYear) {
      counts.dissolved[level] += 1;
      continue;
    }
    if (!a.expected) continue;

    checkCount(a.version, `association ${a.code}: version`);
    if (a.status !== null && a.version < 1) throw new Error(`association ${a.code} has status ${a.status} but no version`);

    counts.byLevel[level] += 1;
    if (a.special) counts.special[level] += 1;
    if (a.isNew) counts.new[level] += 1;

    const own: RollupCounts = { expected: 1, submitted: 0, approved: 0, returned: 0, missing: 0, late: 0, members: 0 };
    reports.expected += 1;
    if (a.version >= 1) {
      reports.submitted += 1;
      own.submitted = 1;
      if (a.late) {
        reports.late += 1;
        own.late = 1;
      } else {
        reports.onTime += 1;
      }
    } else {
      reports.missing += 1;
      own.missing = 1;
    }
    if (a.status === 'returned') {
      reports.returned += 1;
      own.returned = 1;
    }
    if (a.status === 'approved') {
      if (a.figures === null) throw new Error(`association ${a.code} is approved but has no figures`);
      if (!isRating(a.rating)) throw new Error(`association ${a.code} is approved but has no final rating (${String(a.rating)})`);
      reports.approved += 1;
      own.approved = 1;
      const f: Figures = a.figures;
      for (const k of COUNT_FIGURES) {
        figures[k] = add(figures[k], checkCount(f[k], `association ${a.code}: ${k}`), `figures.${k}`);
      }
      figures.charityFundsVnd = addExact(figures.charityFundsVnd, f.charityFundsVnd, `association ${a.code}: charityFundsVnd`);
      figures.membersByLevel[level] = add(figures.membersByLevel[level], f.members, `figures.membersByLevel.${level}`);
      own.members = f.members;
      agg.ratings[a.rating][level] += 1;
      if (a.score === null) throw new Error(`association ${a.code} is approved but has no score`);
      agg.results.push({
        association: a.code,
        name: a.name,
        unit: a.unitCode,
        unitName: unit.name,
        level,
        unitType: unit.type,
        rating: a.rating,
        score: a.score,
        members: f.members,
      });
    }

    // the unit and each of its ancestors within this part
    for (const code of unit.path.split('/')) {
      const row = rows.get(code);
      if (row !== undefined) addRollup(row, own);
    }

    const candidate = candidateOf(a, unit);
    if (candidate !== null) agg.candidates.push(candidate);
    const item = appendixItemOf(a, unit.name);
    if (item !== null) agg.appendix.push(item);
    const proposal = proposalItemOf(a, unit.name);
    if (proposal !== null) agg.proposals.push(proposal);
  }

  agg.units = [...rows.values()].sort((x, y) => compareCodes(x.code, y.code));
  agg.candidates.sort((x, y) => compareCodes(x.association, y.association));
  agg.appendix.sort((x, y) => compareCodes(x.association, y.association));
  agg.proposals.sort((x, y) => compareCodes(x.association, y.association));
  agg.results.sort((x, y) => compareCodes(x.association, y.association));
  return agg;
}

// ---------------------------------------------------------------------------------------
// merge

/**
 * Combines aggregates of disjoint sets of associations (e.g. the subtrees under the
 * province and the province's own part). Exact, associative and commutative: the result
 * does not depend on grouping or order. A unit present in several parts has its rows
 * summed. A row also receives what other parts hold below it: for a part that lacks unit U
 * but has rows under U, the topmost of those rows (on each branch) are added to U's row.
 * A duplicated association (candidate, appendix or proposals) across parts is an error.
 */
export function mergeAggregates(parts: readonly SubtreeAggregate[]): SubtreeAggregate {
  const out = emptyAggregate();
  const rows = new Map<string, UnitRollupRow>();

  for (const p of parts) {
    addByLevel(out.associations.byLevel, p.associations.byLevel, 'associations.byLevel');
    addByLevel(out.associations.special, p.associations.special, 'associations.special');
    addByLevel(out.associations.new, p.associations.new, 'associations.new');
    addByLevel(out.associations.dissolved, p.associations.dissolved, 'associations.dissolved');
    for (const k of REPORT_COUNTS) out.reports[k] = add(out.reports[k], p.reports[k], `reports.${k}`);
    for (const k of COUNT_FIGURES) out.figures[k] = add(out.figures[k], p.figures[k], `figures.${k}`);
    out.figures.charityFundsVnd = addExact(out.figures.charityFundsVnd, p.figures.charityFundsVnd, 'figures.charityFundsVnd');
    addByLevel(out.figures.membersByLevel, p.figures.membersByLevel, 'figures.membersByLevel');
    for (const r of SELF_RATINGS) addByLevel(out.ratings[r], p.ratings[r], `ratings.${r}`);
    for (const r of p.units) {
      const row = rows.get(r.code);
      if (row === undefined) rows.set(r.code, { ...r });
      else addRollup(row, r);
    }
    out.candidates.push(...p.candidates);
    out.appendix.push(...p.appendix);
    out.proposals.push(...p.proposals);
    out.results.push(...p.results);
  }

  // propagate each part's counts to the ancestors it does not hold itself
  for (const p of parts) {
    const own = new Set(p.units.map((r) => r.code));
    for (const r of p.units) {
      const ancestors = r.path.split('/').slice(0, -1).reverse(); // nearest first
      for (const code of ancestors) {
        if (own.has(code)) break; // that row of the same part already counts r and carries it upward
        const target = rows.get(code);
        if (target !== undefined) addRollup(target, r);
      }
    }
  }

  out.units = [...rows.values()].sort((x, y) => compareCodes(x.code, y.code));
  out.candidates.sort((x, y) => compareCodes(x.association, y.association));
  out.appendix.sort((x, y) => compareCodes(x.association, y.association));
  out.proposals.sort((x, y) => compareCodes(x.association, y.association));
  out.results.sort((x, y) => compareCodes(x.association, y.association));
  for (const list of [out.candidates, out.appendix, out.proposals, out.results].map((items) => items.map((i) => i.association))) {
    for (let i = 1; i < list.length; i++) {
      if (list[i] === list[i - 1]) throw new Error(`association ${list[i]} appears in two merged parts`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// summary

/** Siblings: Vietnamese collation of the name, then code. */
const compareSiblings = (a: UnitRollupRow, b: UnitRollupRow): number => collateVietnamese(a.name, b.name) || compareCodes(a.code, b.code);

const toRollup = (r: UnitRollupRow): UnitRollup => ({
  code: r.code,
  name: r.name,
  level: r.level,
  expected: r.expected,
  submitted: r.submitted,
  approved: r.approved,
  returned: r.returned,
  missing: r.missing,
  late: r.late,
  members: r.members,
});

const total = (b: ByLevel): number => b.province + b.district + b.commune;
const copyByLevel = (b: ByLevel): ByLevel => ({ province: b.province, district: b.district, commune: b.commune });

export interface PreviousYearFigures {
  year: number;
  associations: number;
  members: number;
}

export interface BuildSummaryArgs {
  year: number;
  revision: number;
  publishedAt: string;
  specialLabel: string;
  /** the registry's root: the province, or a district running its own cycle */
  province: Unit;
  /** the merge of every part under the root and of the root's own part */
  provinceAggregate: SubtreeAggregate;
  /** the previous year's published totals (its associations.total and figures.members), if any */
  previousYear: PreviousYearFigures | null;
  /** the number of commended collectives (selectCommended(...).length) */
  commendedCount: number;
}

/**
 * The summary JSON (SPEC section 6). `units` lists every unit once: the province first,
 * then depth first, parent before children, siblings in Vietnamese collation of the name
 * (ties by code). Throws if the province row is missing (its own part was not merged, even
 * when it has no associations) or a unit cannot be reached from the province.
 */
export function buildSummary(args: BuildSummaryArgs): Summary {
  const { province, provinceAggregate: agg } = args;
  // The root may be a district running its own cycle (SPEC section 2): the root is the unit without a parent, whatever its level.
  if (province.parentCode !== null) throw new Error(`unit ${province.code} is not the root of the registry`);

  const children = new Map<string | null, UnitRollupRow[]>();
  for (const r of agg.units) {
    const list = children.get(r.parentCode);
    if (list === undefined) children.set(r.parentCode, [r]);
    else list.push(r);
  }
  const provinceRow = agg.units.find((r) => r.code === province.code);
  if (provinceRow === undefined) {
    throw new Error(`the aggregate has no row for the province ${province.code}: merge aggregateSubtree(${province.code}, [province], provinceLevelAssociations) into it`);
  }
  const ordered: UnitRollup[] = [];
  const visit = (r: UnitRollupRow): void => {
    ordered.push(toRollup(r));
    for (const c of [...(children.get(r.code) ?? [])].sort(compareSiblings)) visit(c);
  };
  visit(provinceRow);
  if (ordered.length !== agg.units.length) {
    const reached = new Set(ordered.map((r) => r.code));
    const lost = agg.units.filter((r) => !reached.has(r.code)).map((r) => r.code);
    throw new Error(`units not reachable from the province ${province.code}: ${lost.join(', ')}`);
  }
  const ratings = Object.fromEntries(
    SELF_RATINGS.map((r) => [r, { total: total(agg.ratings[r]), byLevel: copyByLevel(agg.ratings[r]) }]),
  ) as Summary['ratings'];
  const rated = SELF_RATINGS.reduce((sum, r) => sum + ratings[r].total, 0);
  if (provinceRow.expected !== agg.reports.expected || provinceRow.members !== agg.figures.members || rated !== agg.reports.approved) {
    throw new Error(`the province row does not add up to the totals: the aggregate is inconsistent`);
  }

  const a = agg.associations;
  const associationsTotal = total(a.byLevel);
  return {
    year: args.year,
    revision: args.revision,
    publishedAt: args.publishedAt,
    specialLabel: args.specialLabel,
    associations: {
      total: associationsTotal,
      byLevel: copyByLevel(a.byLevel),
      special: { total: total(a.special), byLevel: copyByLevel(a.special) },
      new: { total: total(a.new), byLevel: copyByLevel(a.new) },
      dissolved: { total: total(a.dissolved), byLevel: copyByLevel(a.dissolved) },
    },
    reports: { ...agg.reports },
    figures: {
      members: agg.figures.members,
      newMembers: agg.figures.newMembers,
      branches: agg.figures.branches,
      charityEvents: agg.figures.charityEvents,
      charityFundsVnd: agg.figures.charityFundsVnd,
      legalEducationSessions: agg.figures.legalEducationSessions,
      membersByLevel: copyByLevel(agg.figures.membersByLevel),
    },
    ratings,
    units: ordered,
    previousYear:
      args.previousYear === null
        ? null
        : {
            year: args.previousYear.year,
            associations: args.previousYear.associations,
            members: args.previousYear.members,
            associationsChange: associationsTotal - args.previousYear.associations,
            membersChange: agg.figures.members - args.previousYear.members,
          },
    commended: args.commendedCount,
  };
}
