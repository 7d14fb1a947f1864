import { describe, expect, it } from 'vitest';
import { aggregateSubtree, buildSummary, emptyAggregate, mergeAggregates } from '../../shared/domain/aggregate.ts';
import type { CountedAssociation, SubtreeAggregate } from '../../shared/domain/aggregate.ts';
import { orderAppendix, orderProposals } from '../../shared/domain/appendix.ts';
import { selectCommended } from '../../shared/domain/commendation.ts';
import { unitTypeFromName } from '../../shared/domain/labels.ts';
import { SELF_RATINGS } from '../../shared/domain/types.ts';
import type { Figures, Level, ProposalItem, Rating, ReportStatus, Summary, Unit } from '../../shared/domain/types.ts';

// ---------------------------------------------------------------------------------------
// fixture helpers

const unit = (code: string, name: string, level: Level, parent: Unit | null): Unit => ({
  code,
  name,
  level,
  type: unitTypeFromName(name) ?? fail(`fixture unit ${name} names no type`),
  parentCode: parent?.code ?? null,
  path: parent === null ? code : `${parent.path}/${code}`,
});

const fail = (why: string): never => {
  throw new Error(why);
};

const figs = (members: number, over: Partial<Figures> = {}): Figures => ({
  members,
  newMembers: 1,
  branches: 1,
  charityEvents: 0,
  charityFundsVnd: 0,
  legalEducationSessions: 1,
  ...over,
});

interface Opts {
  special?: boolean;
  expected?: boolean;
  isNew?: boolean;
  dissolvedInYear?: boolean;
  status?: ReportStatus | null;
  version?: number;
  late?: boolean;
  figures?: Figures | null;
  selfRating?: Rating;
  /** the final rating; an approved report's defaults to the self rating, as a review's does */
  rating?: Rating | null;
  proposals?: string;
  nominate?: boolean;
  score?: number | null;
}

function assoc(code: string, u: Unit, o: Opts = {}): CountedAssociation {
  const status = o.status ?? null;
  const version = o.version ?? (status === null ? 0 : 1);
  const selfRating = version > 0 ? (o.selfRating ?? 'good') : null;
  return {
    code,
    name: `Hội ${code}`,
    unitCode: u.code,
    special: o.special ?? false,
    foundedOn: '2000-01-01',
    dissolvedOn: o.dissolvedInYear ? '2020-06-30' : null,
    level: u.level,
    unitPath: u.path,
    status,
    version,
    late: o.late ?? false,
    figures: o.figures ?? (version > 0 ? figs(10) : null),
    selfRating,
    nominate: o.nominate ?? false,
    score: o.score ?? (status === 'approved' ? 80 : null),
    rating: o.rating !== undefined ? o.rating : status === 'approved' ? selfRating : null,
    proposals: version > 0 ? (o.proposals ?? '') : '',
    expected: o.expected ?? !o.dissolvedInYear,
    isNew: o.isNew ?? false,
    dissolvedInYear: o.dissolvedInYear ?? false,
  };
}

const isUnder = (u: Unit, root: Unit): boolean => u.path === root.path || u.path.startsWith(`${root.path}/`);

/** The close's fan-out: one part per child of the province, plus the province's own part. */
function fanOut(province: Unit, units: Unit[], associations: CountedAssociation[]): SubtreeAggregate[] {
  const unitOf = new Map(units.map((u) => [u.code, u]));
  const own = aggregateSubtree(
    province.code,
    [province],
    associations.filter((a) => a.unitCode === province.code),
  );
  const parts = units
    .filter((u) => u.parentCode === province.code)
    .map((child) =>
      aggregateSubtree(
        child.code,
        units.filter((u) => isUnder(u, child)),
        associations.filter((a) => isUnder(unitOf.get(a.unitCode) as Unit, child)),
      ),
    );
  return [own, ...parts];
}

const summaryOf = (province: Unit, agg: SubtreeAggregate, commendedCount = 0): Summary =>
  buildSummary({
    year: 2020,
    revision: 1,
    publishedAt: '2020-12-18T09:00:00Z',
    specialLabel: 'hội có tính chất đặc thù',
    province,
    provinceAggregate: agg,
    previousYear: null,
    commendedCount,
  });

// ---------------------------------------------------------------------------------------
// the three-tier fixture

const LC = unit('LC', 'Tỉnh Lai Châu', 'province', null);
const TU = unit('TU', 'Huyện Than Uyên', 'district', LC);
const TD = unit('TD', 'Huyện Tam Đường', 'district', LC);
const X1 = unit('X1', 'Xã Bình Lư', 'commune', TD);
const X2 = unit('X2', 'Xã Bản Bo', 'commune', TD);
const X3 = unit('X3', 'Xã Mường Kim', 'commune', TU);
const UNITS = [LC, TU, TD, X1, X2, X3];

const ASSOCIATIONS: CountedAssociation[] = [
  // province level
  assoc('P1', LC, {
    special: true,
    status: 'approved',
    figures: figs(1000, { newMembers: 50, branches: 10, charityEvents: 3, charityFundsVnd: 5_000_000, legalEducationSessions: 4 }),
    rating: 'excellent',
    nominate: true,
    score: 95,
    proposals: 'Đề nghị Tỉnh ủy quan tâm bố trí kinh phí hoạt động.',
  }),
  assoc('P2', LC, {
    special: true,
    status: 'approved',
    late: true,
    figures: figs(2000, { newMembers: 100, branches: 20, charityEvents: 1, charityFundsVnd: 9_000_000_000_000, legalEducationSessions: 2 }),
    // the reviewer's final rating, not the self rating, is counted (and decides candidacy)
    selfRating: 'excellent',
    rating: 'good',
    nominate: true,
    score: 99,
    proposals: ' \n\t\u00a0 ',
  }),
  // awaiting review; a stale excellent rating from a reopened approval must not make it a candidate
  assoc('P3', LC, { status: 'submitted', figures: figs(500, { newMembers: 99 }), rating: 'excellent', nominate: true, score: 99, proposals: 'Chưa duyệt: không đưa vào.' }),
  assoc('P4', LC, { dissolvedInYear: true }),
  // district level, Tam Đường
  assoc('D1a', TD, {
    isNew: true,
    status: 'approved',
    late: true,
    figures: figs(300, { newMembers: 30, branches: 3, charityEvents: 2, charityFundsVnd: 1_000_000, legalEducationSessions: 1 }),
    rating: 'excellent',
    nominate: true,
    score: 90,
  }),
  assoc('D1b', TD, { special: true, status: 'returned', figures: figs(700), proposals: 'Bị trả lại: không đưa vào.' }),
  assoc('D1c', TD),
  // district level, Than Uyên
  assoc('D2a', TU, { status: 'approved', figures: figs(400), selfRating: 'completed', rating: 'excellent', nominate: false, score: 99, proposals: '  Kiến nghị huyện hỗ trợ trụ sở.\n' }),
  // founded next year: not expected, even with a (test-only) approved report
  assoc('D2b', TU, { expected: false, status: 'approved', figures: figs(9999), rating: 'excellent', nominate: true, score: 100, proposals: 'Không thuộc năm: không đưa vào.' }),
  // communes
  assoc('C1a', X1, { isNew: true, status: 'approved', figures: figs(120), rating: 'excellent', nominate: true, score: 89, proposals: 'Đề xuất mở lớp tập huấn.' }),
  assoc('C1b', X1, { status: 'approved', late: true, figures: figs(80), rating: 'excellent', nominate: true, score: 92 }),
  assoc('C1c', X1, { status: 'returned', version: 2, late: true, figures: figs(333) }),
  assoc('C2a', X2, { status: 'approved', figures: figs(60), rating: 'excellent', nominate: true, score: 92, proposals: 'Kiến nghị xã cấp thêm kinh phí.' }),
  assoc('C2b', X2, { dissolvedInYear: true, isNew: true }),
  assoc('C3a', X3, { special: true }),
  assoc('C3b', X3, { isNew: true, status: 'approved', figures: figs(40), selfRating: 'good', rating: 'not_completed', proposals: '' }),
];

const COMMENDATION = {
  quotaPercent: 50,
  minScore: 90,
  awards: { province: 'Bằng khen tỉnh', district: 'Giấy khen huyện', commune: 'Giấy khen xã' },
};

describe('aggregate: three-tier fixture', () => {
  const all = aggregateSubtree('LC', UNITS, ASSOCIATIONS);
  const summary = buildSummary({
    year: 2020,
    revision: 2,
    publishedAt: '2020-12-18T09:00:00Z',
    specialLabel: 'hội có tính chất đặc thù',
    province: LC,
    provinceAggregate: all,
    previousYear: { year: 2019, associations: 10, members: 4500 },
    commendedCount: 4,
  });

  it('counts the associations by level', () => {
    expect(summary.associations).toEqual({
      total: 13,
      byLevel: { province: 3, district: 4, commune: 6 },
      special: { total: 4, byLevel: { province: 2, district: 1, commune: 1 } },
      new: { total: 3, byLevel: { province: 0, district: 1, commune: 2 } },
      dissolved: { total: 2, byLevel: { province: 1, district: 0, commune: 1 } },
    });
  });

  it('counts the reports', () => {
    expect(summary.reports).toEqual({
      expected: 13,
      submitted: 11,
      approved: 8,
      returned: 2,
      missing: 2,
      onTime: 7,
      late: 4,
    });
  });

  it('sums the figures of approved reports of expected associations only', () => {
    expect(summary.figures).toEqual({
      members: 4000,
      newMembers: 185,
      branches: 38,
      charityEvents: 6,
      charityFundsVnd: 9_000_006_000_000,
      legalEducationSessions: 12,
      membersByLevel: { province: 3000, district: 700, commune: 300 },
    });
  });

  it('counts the final ratings of approved reports of expected associations, by level', () => {
    expect(summary.ratings).toEqual({
      excellent: { total: 6, byLevel: { province: 1, district: 2, commune: 3 } },
      good: { total: 1, byLevel: { province: 1, district: 0, commune: 0 } },
      completed: { total: 0, byLevel: { province: 0, district: 0, commune: 0 } },
      not_completed: { total: 1, byLevel: { province: 0, district: 0, commune: 1 } },
    });
    expect(SELF_RATINGS.reduce((n, r) => n + summary.ratings[r].total, 0)).toBe(summary.reports.approved);
  });

  it('places the ratings after the figures, every rating present in a fixed order', () => {
    expect(Object.keys(summary)).toEqual(['year', 'revision', 'publishedAt', 'specialLabel', 'associations', 'reports', 'figures', 'ratings', 'units', 'previousYear', 'commended']);
    expect(Object.keys(summary.ratings)).toEqual(['excellent', 'good', 'completed', 'not_completed']);
    expect(Object.keys(summaryOf(LC, aggregateSubtree('LC', [LC], [])).ratings)).toEqual(['excellent', 'good', 'completed', 'not_completed']);
  });

  it('carries the proposals written in approved reports of expected associations, as written', () => {
    expect(all.proposals).toEqual([
      { association: 'C1a', name: 'Hội C1a', unit: 'X1', unitName: 'Xã Bình Lư', level: 'commune', text: 'Đề xuất mở lớp tập huấn.' },
      { association: 'C2a', name: 'Hội C2a', unit: 'X2', unitName: 'Xã Bản Bo', level: 'commune', text: 'Kiến nghị xã cấp thêm kinh phí.' },
      { association: 'D2a', name: 'Hội D2a', unit: 'TU', unitName: 'Huyện Than Uyên', level: 'district', text: '  Kiến nghị huyện hỗ trợ trụ sở.\n' },
      { association: 'P1', name: 'Hội P1', unit: 'LC', unitName: 'Tỉnh Lai Châu', level: 'province', text: 'Đề nghị Tỉnh ủy quan tâm bố trí kinh phí hoạt động.' },
    ]);
    // grouped by level for print, localities in Vietnamese order (Bản before Bình)
    expect(orderProposals(all.proposals).map((p) => p.association)).toEqual(['P1', 'D2a', 'C2a', 'C1a']);
  });

  it('rolls each unit up over its subtree, in tree order with Vietnamese collation', () => {
    expect(summary.units).toEqual([
      { code: 'LC', name: 'Tỉnh Lai Châu', level: 'province', expected: 13, submitted: 11, approved: 8, returned: 2, missing: 2, late: 4, members: 4000 },
      { code: 'TD', name: 'Huyện Tam Đường', level: 'district', expected: 7, submitted: 6, approved: 4, returned: 2, missing: 1, late: 3, members: 560 },
      { code: 'X2', name: 'Xã Bản Bo', level: 'commune', expected: 1, submitted: 1, approved: 1, returned: 0, missing: 0, late: 0, members: 60 },
      { code: 'X1', name: 'Xã Bình Lư', level: 'commune', expected: 3, submitted: 3, approved: 2, returned: 1, missing: 0, late: 2, members: 200 },
      { code: 'TU', name: 'Huyện Than Uyên', level: 'district', expected: 3, submitted: 2, approved: 2, returned: 0, missing: 1, late: 0, members: 440 },
      { code: 'X3', name: 'Xã Mường Kim', level: 'commune', expected: 2, submitted: 1, approved: 1, returned: 0, missing: 1, late: 0, members: 40 },
    ]);
    // plain UnitRollup rows: no tree bookkeeping leaks into the summary
    expect(Object.keys(summary.units[0] ?? {}).sort()).toEqual(
      ['approved', 'code', 'expected', 'late', 'level', 'members', 'missing', 'name', 'returned', 'submitted'],
    );
  });

  it('fills in the header, the previous year and the commended count', () => {
    expect(summary.year).toBe(2020);
    expect(summary.revision).toBe(2);
    expect(summary.publishedAt).toBe('2020-12-18T09:00:00Z');
    expect(summary.specialLabel).toBe('hội có tính chất đặc thù');
    expect(summary.previousYear).toEqual({ year: 2019, associations: 10, members: 4500, associationsChange: 3, membersChange: -500 });
    expect(summary.commended).toBe(4);
  });

  it('collects the candidates: approved, expected, excellent, nominated', () => {
    expect(all.candidates.map((c) => [c.association, c.score, c.members, c.unitName])).toEqual([
      ['C1a', 89, 120, 'Xã Bình Lư'],
      ['C1b', 92, 80, 'Xã Bình Lư'],
      ['C2a', 92, 60, 'Xã Bản Bo'],
      ['D1a', 90, 300, 'Huyện Tam Đường'],
      ['P1', 95, 1000, 'Tỉnh Lai Châu'],
    ]);
  });

  it('collects the results a period reads: every approved report of an expected association, whatever its rating or nomination', () => {
    expect(all.results.map((r) => [r.association, r.rating, r.score, r.members, r.level, r.unitType, r.unitName])).toEqual([
      ['C1a', 'excellent', 89, 120, 'commune', 'xa', 'Xã Bình Lư'],
      ['C1b', 'excellent', 92, 80, 'commune', 'xa', 'Xã Bình Lư'],
      ['C2a', 'excellent', 92, 60, 'commune', 'xa', 'Xã Bản Bo'],
      ['C3b', 'not_completed', 80, 40, 'commune', 'xa', 'Xã Mường Kim'],
      ['D1a', 'excellent', 90, 300, 'district', 'huyen', 'Huyện Tam Đường'],
      ['D2a', 'excellent', 99, 400, 'district', 'huyen', 'Huyện Than Uyên'],
      ['P1', 'excellent', 95, 1000, 'province', 'tinh', 'Tỉnh Lai Châu'],
      ['P2', 'good', 99, 2000, 'province', 'tinh', 'Tỉnh Lai Châu'],
    ]);
  });

  it('selects the commended collectives from the candidates', () => {
    const commended = selectCommended(all.candidates, all.associations.byLevel, COMMENDATION);
    // 50% of 3 = 1 province, of 4 = 2 district, of 6 = 3 commune; C1a is below minScore
    expect(commended.map((c) => [c.association, c.level, c.award])).toEqual([
      ['P1', 'province', 'Bằng khen tỉnh'],
      ['D1a', 'district', 'Giấy khen huyện'],
      ['C1b', 'commune', 'Giấy khen xã'],
      ['C2a', 'commune', 'Giấy khen xã'],
    ]);
  });

  it('lists every expected association left out of the totals in the appendix', () => {
    expect(all.appendix.map((i) => [i.association, i.reason, i.unitName, i.level])).toEqual([
      ['C1c', 'returned', 'Xã Bình Lư', 'commune'],
      ['C3a', 'missing', 'Xã Mường Kim', 'commune'],
      ['D1b', 'returned', 'Huyện Tam Đường', 'district'],
      ['D1c', 'missing', 'Huyện Tam Đường', 'district'],
      ['P3', 'submitted', 'Tỉnh Lai Châu', 'province'],
    ]);
    expect(orderAppendix(all.appendix).map((i) => i.association)).toEqual(['P3', 'D1b', 'D1c', 'C1c', 'C3a']);
  });

  it('gives the same summary from the fan-out (each district, then the province)', () => {
    const parts = fanOut(LC, UNITS, ASSOCIATIONS);
    expect(parts).toHaveLength(3);
    const merged = mergeAggregates(parts);
    expect(merged).toEqual(all);
    expect(summaryOf(LC, merged)).toEqual(summaryOf(LC, all));
    expect(mergeAggregates([...parts].reverse())).toEqual(all);
    expect(mergeAggregates([mergeAggregates([parts[1] as SubtreeAggregate, parts[2] as SubtreeAggregate]), parts[0] as SubtreeAggregate])).toEqual(all);
  });

  it('keeps a part JSON-serialisable', () => {
    const parts = fanOut(LC, UNITS, ASSOCIATIONS);
    const roundTripped = parts.map((p) => JSON.parse(JSON.stringify(p)) as SubtreeAggregate);
    expect(roundTripped).toEqual(parts);
    expect(mergeAggregates(roundTripped)).toEqual(all);
  });

  it('rolls up a district subtree on its own', () => {
    const td = aggregateSubtree('TD', [TD, X1, X2], ASSOCIATIONS.filter((a) => ['TD', 'X1', 'X2'].includes(a.unitCode)));
    expect(td.units.map((r) => [r.code, r.expected, r.members])).toEqual([
      ['TD', 7, 560],
      ['X1', 3, 200],
      ['X2', 1, 60],
    ]);
    expect(td.associations.byLevel).toEqual({ province: 0, district: 3, commune: 4 });
  });
});

describe('aggregate: two-tier province (province → communes)', () => {
  const HG = unit('HG', 'Tỉnh Hà Giang', 'province', null);
  const A = unit('A', 'Xã Đồng Văn', 'commune', HG);
  const B = unit('B', 'Xã Dào San', 'commune', HG);
  const C = unit('C', 'Phường Hà Giang 1', 'commune', HG);
  const units = [HG, A, B, C];
  const associations = [
    assoc('H1', HG, { special: true, status: 'approved', figures: figs(500) }),
    assoc('A1', A, { status: 'approved', figures: figs(100), isNew: true }),
    assoc('A2', A),
    assoc('B1', B, { status: 'submitted', late: true }),
    assoc('C1', C, { status: 'approved', figures: figs(50) }),
  ];
  const all = aggregateSubtree('HG', units, associations);
  const summary = summaryOf(HG, all);

  it('has every byLevel key, with district 0', () => {
    expect(summary.associations.byLevel).toEqual({ province: 1, district: 0, commune: 4 });
    expect(summary.associations.special.byLevel).toEqual({ province: 1, district: 0, commune: 0 });
    expect(summary.associations.new.byLevel).toEqual({ province: 0, district: 0, commune: 1 });
    expect(summary.associations.dissolved).toEqual({ total: 0, byLevel: { province: 0, district: 0, commune: 0 } });
    expect(summary.figures.membersByLevel).toEqual({ province: 500, district: 0, commune: 150 });
    expect(summary.reports).toEqual({ expected: 5, submitted: 4, approved: 3, returned: 0, missing: 1, onTime: 3, late: 1 });
  });

  it('lists the communes under the province in Vietnamese order', () => {
    // "Phường" before "Xã"; among the "Xã", D before Đ
    expect(summary.units.map((u) => [u.code, u.expected, u.members])).toEqual([
      ['HG', 5, 650],
      ['C', 1, 50],
      ['B', 1, 0],
      ['A', 2, 100],
    ]);
  });

  it('gives the same summary from the fan-out over communes', () => {
    expect(mergeAggregates(fanOut(HG, units, associations))).toEqual(all);
  });
});

describe('aggregate: guards', () => {
  it('needs the province part even when the province has no associations of its own', () => {
    const parts = fanOut(LC, UNITS, ASSOCIATIONS).slice(1);
    expect(() => summaryOf(LC, mergeAggregates(parts))).toThrow(/no row for the province LC/);
    const own = aggregateSubtree('LC', [LC], []);
    const summary = summaryOf(LC, mergeAggregates([own, ...parts]));
    expect(summary.units[0]).toMatchObject({ code: 'LC', expected: 10, members: 1000 });
  });

  it('refuses a unit or an association outside the subtree', () => {
    expect(() => aggregateSubtree('TD', [TD, X1, X3], [])).toThrow(/not in the subtree of TD/);
    expect(() => aggregateSubtree('TD', [TD, X1], [assoc('Z', X3)])).toThrow(/not in the subtree of TD/);
    expect(() => aggregateSubtree('TD', [X1], [])).toThrow(/root unit TD/);
  });

  it('refuses inconsistent states', () => {
    expect(() => aggregateSubtree('LC', [LC], [assoc('Z', LC, { status: 'approved', version: 0 })])).toThrow(/no version/);
    expect(() => aggregateSubtree('LC', [LC], [{ ...assoc('Z', LC, { status: 'approved' }), figures: null }])).toThrow(/no figures/);
    expect(() => aggregateSubtree('LC', [LC], [assoc('Z', LC, { status: 'approved', figures: figs(1.5) })])).toThrow(/members/);
    expect(() => aggregateSubtree('LC', [LC], [assoc('Z', LC), assoc('Z', LC)])).toThrow(/twice/);
    expect(() => aggregateSubtree('LC', [LC], [{ ...assoc('Z', LC), level: 'commune' }])).toThrow(/level/);
  });

  it('sums money exactly past 2^53: 901 reports at the 10^13 đồng limit, one pass or fan-out', () => {
    // 900 at the limit and one a đồng short: 9,009,999,999,999,999 is odd and past 2^53, so
    // a float sum cannot hold it (it gives 9,010,000,000,000,000).
    const funds = (i: number) => (i === 900 ? 10 ** 13 - 1 : 10 ** 13);
    const associations = Array.from({ length: 901 }, (_, i) =>
      assoc(`A${String(i).padStart(3, '0')}`, X1, { status: 'approved', figures: figs(1, { charityFundsVnd: funds(i) }) }),
    );
    const exact = '9009999999999999';
    expect(String(associations.reduce((sum, a) => sum + a.figures!.charityFundsVnd, 0))).toBe('9010000000000000');

    const onePass = aggregateSubtree('X1', [X1], associations);
    expect(onePass.figures.charityFundsVnd).toBe(exact);
    const parts = associations.map((a) => aggregateSubtree('X1', [X1], [a]));
    expect(parts[0]!.figures.charityFundsVnd).toBe(10 ** 13);
    // Through JSON, as the close's Tasks pass parts along, and in any grouping.
    const merged = mergeAggregates([mergeAggregates(parts.slice(0, 450)), mergeAggregates(parts.slice(450))].map((p) => JSON.parse(JSON.stringify(p)) as SubtreeAggregate));
    expect(merged.figures.charityFundsVnd).toBe(exact);
    expect(mergeAggregates(parts.slice(0, 900)).figures.charityFundsVnd).toBe(9 * 10 ** 15);

    const province = { ...LC };
    const total = mergeAggregates([aggregateSubtree('LC', [province], []), aggregateSubtree('TD', [TD, X1], associations)]);
    const summary = buildSummary({ year: 2020, revision: 1, publishedAt: '2020-12-18T09:00:00Z', specialLabel: 'x', province, provinceAggregate: total, previousYear: null, commendedCount: 0 });
    expect(summary.figures.charityFundsVnd).toBe(exact);
    expect(JSON.stringify(summary)).toContain(`"charityFundsVnd":"${exact}"`);
  });

  it('keeps a money sum a JSON number up to 2^53 − 1 and its digits from 2^53 on', () => {
    const one = (code: string, vnd: number) => aggregateSubtree('X1', [X1], [assoc(code, X1, { status: 'approved', figures: figs(1, { charityFundsVnd: vnd }) })]);
    const upTo = (last: number) => mergeAggregates([...Array.from({ length: 900 }, (_, i) => one(`A${i}`, 10 ** 13)), one('B', last)]).figures.charityFundsVnd;
    expect(upTo(Number.MAX_SAFE_INTEGER - 9 * 10 ** 15)).toBe(Number.MAX_SAFE_INTEGER);
    expect(upTo(Number.MAX_SAFE_INTEGER - 9 * 10 ** 15 + 1)).toBe('9007199254740992');
    expect(upTo(Number.MAX_SAFE_INTEGER - 9 * 10 ** 15 + 2)).toBe('9007199254740993');
  });

  it('refuses a money figure that is not a whole number, and a count sum that is not exact', () => {
    expect(() => aggregateSubtree('X1', [X1], [assoc('A', X1, { status: 'approved', figures: figs(1, { charityFundsVnd: 1.5 }) })])).toThrow(/charityFundsVnd/);
    const bad = { ...emptyAggregate(), figures: { ...emptyAggregate().figures, charityFundsVnd: '12.5' } };
    expect(() => mergeAggregates([bad])).toThrow(/charityFundsVnd/);
    const huge = (code: string) => aggregateSubtree('X1', [X1], [assoc(code, X1, { status: 'approved', figures: figs(2 ** 52) })]);
    expect(() => mergeAggregates([huge('A'), huge('B')])).toThrow(/members.*exceeds/);
  });

  it('refuses an approved report without a final rating', () => {
    expect(() => aggregateSubtree('X1', [X1], [assoc('A', X1, { status: 'approved', rating: null })])).toThrow(/A is approved but has no final rating/);
    const unknown = { ...assoc('A', X1, { status: 'approved' }), rating: 'outstanding' as Rating };
    expect(() => aggregateSubtree('X1', [X1], [unknown])).toThrow(/no final rating/);
  });

  it('refuses an association merged twice', () => {
    const p = aggregateSubtree('X1', [X1], [assoc('A', X1)]);
    expect(() => mergeAggregates([p, p])).toThrow(/two merged parts/);
    // approved, not a candidate: its proposals give it away
    const q = aggregateSubtree('X1', [X1], [assoc('B', X1, { status: 'approved', proposals: 'Đề xuất.' })]);
    expect(() => mergeAggregates([q, q])).toThrow(/B appears in two merged parts/);
  });

  it('merges nothing into an empty aggregate', () => {
    expect(mergeAggregates([])).toEqual(emptyAggregate());
  });
});

// ---------------------------------------------------------------------------------------
// property: fan-out and merge (in any order and grouping) equal one aggregation of the tree

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['Bản Bo', 'Bình Lư', 'Đông Phong', 'Dào San', 'Ấm Áp', 'An Bình', 'Mường Kim', 'Tả Lèng', 'Nà Tăm', 'Ô Quý Hồ'];

function randomProvince(seed: number): { province: Unit; units: Unit[]; associations: CountedAssociation[] } {
  const rnd = prng(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T,>(xs: readonly T[]): T => xs[int(xs.length)] as T;
  const province = unit('P', 'Tỉnh Thử', 'province', null);
  const units: Unit[] = [province];
  const districts = int(4);
  for (let d = 0; d < districts; d++) {
    const du = unit(`D${d}`, `Huyện ${pick(NAMES)}`, 'district', province);
    units.push(du);
    for (let c = int(4); c > 0; c--) units.push(unit(`${du.code}C${c}`, `Xã ${pick(NAMES)}`, 'commune', du));
  }
  for (let c = int(4); c > 0; c--) units.push(unit(`PC${c}`, `Xã ${pick(NAMES)}`, 'commune', province));

  const associations: CountedAssociation[] = [];
  let n = 0;
  for (const u of units) {
    for (let k = int(6); k > 0; k--) {
      const code = `A${String(n++).padStart(3, '0')}`;
      const kind = int(10);
      if (kind === 0) {
        associations.push(assoc(code, u, { dissolvedInYear: true, isNew: rnd() < 0.3, special: rnd() < 0.5 }));
        continue;
      }
      if (kind === 1) {
        associations.push(assoc(code, u, { expected: false, special: rnd() < 0.5 }));
        continue;
      }
      const status = pick([null, 'submitted', 'returned', 'approved', 'approved', 'approved'] as const);
      const version = status === null ? 0 : 1 + int(3);
      associations.push(
        assoc(code, u, {
          special: rnd() < 0.2,
          isNew: rnd() < 0.2,
          status,
          version,
          late: version > 0 && rnd() < 0.3,
          figures:
            version > 0
              ? figs(int(5000), {
                  newMembers: int(100),
                  branches: int(50),
                  charityEvents: int(20),
                  charityFundsVnd: int(10 ** 9) * 10_000,
                  legalEducationSessions: int(30),
                })
              : null,
          selfRating: pick(SELF_RATINGS),
          // undefined: the final rating is the self rating, as when the reviewer gives none
          rating: status === 'approved' ? pick(['excellent', 'excellent', 'good', 'completed', 'not_completed', undefined] as const) : null,
          nominate: rnd() < 0.6,
          score: status === 'approved' ? 80 + int(21) : null,
          proposals: pick(['', '', ' \n ', `Kiến nghị của ${code}.`, `Đề xuất ${pick(NAMES)}`]),
        }),
      );
    }
  }
  // the order of the input must not matter
  for (let i = units.length - 1; i > 0; i--) {
    const j = int(i + 1);
    [units[i], units[j]] = [units[j] as Unit, units[i] as Unit];
  }
  return { province, units, associations: associations.reverse() };
}

/** Merges the parts in a random order and a random grouping. */
function randomMerge(parts: SubtreeAggregate[], rnd: () => number): SubtreeAggregate {
  const pool = [...parts];
  while (pool.length > 1) {
    const i = Math.floor(rnd() * pool.length);
    const a = pool.splice(i, 1)[0] as SubtreeAggregate;
    const j = Math.floor(rnd() * pool.length);
    const b = pool.splice(j, 1)[0] as SubtreeAggregate;
    pool.push(rnd() < 0.5 ? mergeAggregates([a, b]) : mergeAggregates([b, a]));
  }
  return pool[0] ?? mergeAggregates([]);
}

describe('aggregate: fan-out equals one pass (seeded random trees)', () => {
  for (let seed = 1; seed <= 40; seed++) {
    it(`seed ${seed}`, () => {
      const { province, units, associations } = randomProvince(seed);
      const whole = aggregateSubtree(province.code, units, associations);
      const parts = fanOut(province, units, associations);
      expect(mergeAggregates(parts)).toEqual(whole);
      const rnd = prng(seed * 7919);
      const regrouped = randomMerge(parts, rnd);
      expect(regrouped).toEqual(whole);
      expect(summaryOf(province, regrouped, 3)).toEqual(summaryOf(province, whole, 3));

      // the finest fan-out: one part per unit, holding only its own associations
      const perUnit = units.map((u) => aggregateSubtree(u.code, [u], associations.filter((a) => a.unitCode === u.code)));
      expect(randomMerge(perUnit, rnd)).toEqual(whole);

      const config = { ...COMMENDATION, quotaPercent: 30 };
      expect(selectCommended(regrouped.candidates, regrouped.associations.byLevel, config)).toEqual(
        selectCommended(whole.candidates, whole.associations.byLevel, config),
      );

      // the rows of the summary are the rollups by definition
      const s = summaryOf(province, whole);
      const unitOf = new Map(units.map((u) => [u.code, u]));
      for (const row of s.units) {
        const root = unitOf.get(row.code) as Unit;
        const inside = associations.filter((a) => a.expected && !a.dissolvedInYear && isUnder(unitOf.get(a.unitCode) as Unit, root));
        expect(row.expected).toBe(inside.length);
        expect(row.approved).toBe(inside.filter((a) => a.status === 'approved').length);
        expect(row.members).toBe(inside.filter((a) => a.status === 'approved').reduce((t, a) => t + (a.figures?.members ?? 0), 0));
      }
      expect(s.units).toHaveLength(units.length);
      expect(s.units[0]?.code).toBe(province.code);

      // ratings and proposals by definition: approved reports of expected associations
      const counted = associations.filter((a) => a.expected && !a.dissolvedInYear && a.status === 'approved');
      for (const r of SELF_RATINGS) {
        for (const level of ['province', 'district', 'commune'] as const) {
          expect(s.ratings[r].byLevel[level]).toBe(counted.filter((a) => a.rating === r && a.level === level).length);
        }
      }
      expect(SELF_RATINGS.reduce((n, r) => n + s.ratings[r].total, 0)).toBe(s.reports.approved);
      expect(whole.proposals.map((p) => [p.association, p.text])).toEqual(
        counted
          .filter((a) => a.proposals.trim() !== '')
          .map((a) => [a.code, a.proposals])
          .sort(([x], [y]) => (x! < y! ? -1 : 1)),
      );
    });
  }
});

// ---------------------------------------------------------------------------------------
// the print order of the associations' proposals

describe('orderProposals', () => {
  const item = (association: string, level: Level, unitName: string, name: string): ProposalItem => ({
    association,
    name,
    unit: `U-${unitName}`,
    unitName,
    level,
    text: `Kiến nghị ${association}`,
  });

  it('groups by level, then orders by locality and association name in Vietnamese collation, then code', () => {
    const items = [
      item('c5', 'commune', 'Xã Đông Phong', 'Hội Khuyến học'),
      item('c4', 'commune', 'Xã Dào San', 'Hội Người cao tuổi'),
      item('c3', 'commune', 'Xã Dào San', 'Hội Cựu chiến binh'),
      item('d2', 'district', 'Huyện Tam Đường', 'Hội Ăn chay'),
      item('d1', 'district', 'Huyện Tam Đường', 'Hội An dưỡng'),
      item('p9', 'province', 'Tỉnh Lai Châu', 'Hội Luật gia'),
      item('p1', 'province', 'Tỉnh Lai Châu', 'Hội Luật gia'),
      item('c1', 'commune', 'Phường Tân Phong', 'Hội Đông y'),
    ];
    const expected = ['p1', 'p9', 'd1', 'd2', 'c1', 'c3', 'c4', 'c5'];
    expect(orderProposals(items).map((i) => i.association)).toEqual(expected);
    // whatever the input order, and without touching the input
    const before = items.map((i) => i.association);
    expect(orderProposals([...items].reverse()).map((i) => i.association)).toEqual(expected);
    expect(items.map((i) => i.association)).toEqual(before);
  });

  it('keeps each item and its text as they are', () => {
    const nfc = item('a', 'commune', 'Xã Bản Bo', 'Hội Người cao tuổi');
    const [only] = orderProposals([{ ...nfc, text: '  Đề nghị hỗ trợ.\n' }]);
    expect(only).toEqual({ ...nfc, text: '  Đề nghị hỗ trợ.\n' });
    expect(orderProposals([])).toEqual([]);
  });
});
