import { describe, expect, it } from 'vitest';
import { meanAtLeast, meanScore, periodSummary, selectPeriodCommended, type LastYearEntry } from '../../shared/domain/period.ts';
import { validatePeriodConfig } from '../../shared/domain/period-config.ts';
import { DEFAULT_AWARDS } from '../../shared/domain/labels.ts';
import type { AssociationYearResult, ByLevel, Level, PeriodCommendationConfig, Rating, Summary, UnitType } from '../../shared/domain/types.ts';

const TYPE: Record<Level, UnitType> = { province: 'tinh', district: 'huyen', commune: 'xa' };
const by = (province: number, district: number, commune: number): ByLevel => ({ province, district, commune });
const config = (over: Partial<PeriodCommendationConfig> = {}): PeriodCommendationConfig => ({
  quotaPercent: 100,
  minScore: 90,
  minYears: null,
  awards: { province: 'Bằng khen {type}', district: 'Giấy khen {type}', commune: 'Giấy khen {type}' },
  ...over,
});
const result = (association: string, score: number, rating: Rating = 'excellent', members = 10, level: Level = 'commune'): AssociationYearResult => ({
  association,
  name: `Hội ${association}`,
  unit: `U-${level}`,
  unitName: `Đơn vị ${level}`,
  level,
  unitType: TYPE[level],
  rating,
  score,
  members,
});
const entry = (level: Level = 'commune', unitType: UnitType = TYPE[level]): LastYearEntry => ({ name: 'Tên cuối kỳ', unit: `U-${level}`, unitName: `Đơn vị ${level}`, unitType, level });
const registry = (codes: string[], level: Level = 'commune') => new Map(codes.map((c) => [c, entry(level)]));
const years = (...lists: AssociationYearResult[][]) => new Map(lists.map((l, i) => [2018 + i, l]));

describe('selectPeriodCommended', () => {
  it('needs excellent in every published year by default; nominate plays no part; mean ≥ minScore', () => {
    const r = years([result('A', 90), result('B', 100), result('C', 95)], [result('A', 92), result('B', 80, 'good'), result('C', 80)]);
    const got = selectPeriodCommended(r, by(0, 0, 10), registry(['A', 'B', 'C']), config());
    // A: mean 91; B: good in 2019; C: mean 87.5 < 90
    expect(got.map((c) => [c.association, c.score])).toEqual([['A', 91]]);
    expect(got[0]).toMatchObject({ name: 'Tên cuối kỳ', level: 'commune', award: 'Giấy khen xã', members: 10 });
  });

  it('an explicit minYears counts the years approved as excellent, the mean over those years only', () => {
    const r = years([result('A', 90), result('B', 96)], [result('A', 70, 'good'), result('B', 80, 'completed')], [result('A', 94), result('B', 60, 'good')]);
    expect(selectPeriodCommended(r, by(0, 0, 10), registry(['A', 'B']), config({ minYears: 2 })).map((c) => [c.association, c.score])).toEqual([['A', 92]]);
    expect(selectPeriodCommended(r, by(0, 0, 10), registry(['A', 'B']), config({ minYears: 1 })).map((c) => [c.association, c.score])).toEqual([
      ['B', 96],
      ['A', 92],
    ]);
    // more than the published years: nobody
    expect(selectPeriodCommended(r, by(0, 0, 10), registry(['A', 'B']), config({ minYears: 4 }))).toEqual([]);
  });

  it('a mean exactly at minScore passes, a hair below does not', () => {
    const r = years([result('A', 89), result('B', 89)], [result('A', 91), result('B', 90)]);
    expect(selectPeriodCommended(r, by(0, 0, 10), registry(['A', 'B']), config()).map((c) => c.association)).toEqual(['A']);
    expect(meanAtLeast(181, 2, 90.5)).toBe(true);
    expect(meanAtLeast(180, 2, 90.5)).toBe(false);
    expect(meanAtLeast(271, 3, 90.33)).toBe(true);
    expect(meanScore(271, 3)).toBe(90.33);
    expect(meanScore(541, 6)).toBe(90.17);
  });

  it('ties: the rounded mean, then members in the last year, then code', () => {
    // C and D: 271/3 = 90.333… and 90.33 rounded equal → members; A and B equal on score and members → code
    const r = years(
      [result('B', 95, 'excellent', 5), result('A', 95, 'excellent', 1), result('D', 90), result('C', 91)],
      [result('B', 95, 'excellent', 5), result('A', 95, 'excellent', 1), result('D', 90), result('C', 90)],
      [result('B', 95, 'excellent', 7), result('A', 95, 'excellent', 7), result('D', 91, 'excellent', 50), result('C', 90, 'excellent', 40)],
    );
    const got = selectPeriodCommended(r, by(0, 0, 10), registry(['A', 'B', 'C', 'D']), config());
    expect(got.map((c) => [c.association, c.score, c.members])).toEqual([
      ['A', 95, 7],
      ['B', 95, 7],
      ['D', 90.33, 50],
      ['C', 90.33, 40],
    ]);
  });

  it('quota per level from the last year’s expected associations, 0 included; ordered province, district, commune', () => {
    const r = years([result('P1', 99, 'excellent', 1, 'province'), result('D1', 95, 'excellent', 1, 'district'), result('D2', 96, 'excellent', 1, 'district'), result('C1', 99)]);
    const last = new Map([...registry(['P1'], 'province'), ...registry(['D1', 'D2'], 'district'), ...registry(['C1'])]);
    const got = selectPeriodCommended(r, by(5, 10, 4), last, config({ quotaPercent: 20 }));
    // province floor(1) = 1, district floor(2) = 2, commune floor(0.8) = 0
    expect(got.map((c) => [c.association, c.level])).toEqual([
      ['P1', 'province'],
      ['D2', 'district'],
      ['D1', 'district'],
    ]);
    expect(selectPeriodCommended(r, by(5, 9, 4), last, config({ quotaPercent: 20 })).filter((c) => c.level === 'district')).toHaveLength(1);
    expect(selectPeriodCommended(r, by(0, 0, 0), last, config())).toEqual([]);
    expect(got[0]!.award).toBe('Bằng khen tỉnh');
  });

  it('the level, name and unit type are the last year’s; absent from the last year’s registry is not commended', () => {
    const r = years([result('A', 95, 'excellent', 3, 'commune'), result('B', 95)], [result('A', 95, 'excellent', 8, 'district')]);
    const last = new Map([['A', entry('district', 'quan')]]);
    const got = selectPeriodCommended(r, by(0, 10, 10), last, config({ minYears: 1 }));
    expect(got).toEqual([{ association: 'A', name: 'Tên cuối kỳ', unit: 'U-district', unitName: 'Đơn vị district', level: 'district', score: 95, members: 8, award: 'Giấy khen quận' }]);
  });

  it('an association founded mid-period: out with the default minYears, in with an explicit one; members 0 when not approved in the last year', () => {
    const r = years([result('OLD', 95)], [result('OLD', 95), result('NEW', 99)], [result('OLD', 95), result('NEW', 99)]);
    const reg = registry(['OLD', 'NEW']);
    expect(selectPeriodCommended(r, by(0, 0, 10), reg, config()).map((c) => c.association)).toEqual(['OLD']);
    expect(selectPeriodCommended(r, by(0, 0, 10), reg, config({ minYears: 2 })).map((c) => c.association)).toEqual(['NEW', 'OLD']);
    const notLast = years([result('X', 95)], [result('X', 95)], [result('Y', 1, 'good')]);
    expect(selectPeriodCommended(notLast, by(0, 0, 10), registry(['X', 'Y']), config({ minYears: 2 }))).toMatchObject([{ association: 'X', members: 0 }]);
  });

  it('a missing year is simply not among the published years; the result does not depend on input order', () => {
    const r = new Map([
      [2020, [result('A', 95), result('B', 91)]],
      [2018, [result('B', 91), result('A', 93)]],
    ]);
    const reversed = new Map([...r].reverse().map(([y, l]) => [y, [...l].reverse()]));
    const got = selectPeriodCommended(r, by(0, 0, 10), registry(['A', 'B']), config());
    expect(got.map((c) => [c.association, c.score])).toEqual([
      ['A', 94],
      ['B', 91],
    ]);
    expect(selectPeriodCommended(reversed, by(0, 0, 10), registry(['A', 'B']), config())).toEqual(got);
    expect(selectPeriodCommended(new Map(), by(1, 1, 1), registry(['A']), config())).toEqual([]);
  });

  it('refuses two results of one association in one year', () => {
    expect(() => selectPeriodCommended(years([result('A', 95), result('A', 96)]), by(0, 0, 1), registry(['A']), config())).toThrow(/two results/);
  });
});

const summary = (year: number, total: number, members: number, revision = 1): Summary =>
  ({
    year,
    revision,
    publishedAt: `${year}-12-18T09:00:00Z`,
    specialLabel: 'x',
    associations: {
      total,
      byLevel: by(1, 2, total - 3),
      special: { total: 2, byLevel: by(1, 1, 0) },
      new: { total: 1, byLevel: by(0, 0, 1) },
      dissolved: { total: 0, byLevel: by(0, 0, 0) },
    },
    reports: { expected: total, submitted: total, approved: total - 1, returned: 0, missing: 0, onTime: total - 2, late: 2 },
    figures: { members, newMembers: 0, branches: 0, charityEvents: 0, charityFundsVnd: 0, legalEducationSessions: 0, membersByLevel: by(0, 0, 0) },
  }) as unknown as Summary;

describe('periodSummary', () => {
  it('years sorted, figures as published, missing years, change last − first, years outside the range ignored', () => {
    const s = periodSummary({ code: 'P', from: 2018, to: 2020 }, [summary(2020, 12, 700, 3), summary(2017, 1, 1), summary(2018, 10, 500)], 4);
    expect(s.years.map((y) => [y.year, y.revision])).toEqual([
      [2018, 1],
      [2020, 3],
    ]);
    expect(s.missingYears).toEqual([2019]);
    expect(s.change).toEqual({ associations: 2, members: 200 });
    expect(s.commended).toBe(4);
    expect(s.years[1]).toEqual({
      year: 2020,
      revision: 3,
      associations: { total: 12, byLevel: by(1, 2, 9) },
      special: { total: 2 },
      new: { total: 1 },
      dissolved: { total: 0 },
      members: 700,
      reports: { expected: 12, approved: 11, onTime: 10 },
    });
  });
  it('no published year: every year missing, no change', () => {
    expect(periodSummary({ code: 'P', from: 2018, to: 2019 }, [])).toMatchObject({ years: [], missingYears: [2018, 2019], change: { associations: 0, members: 0 } });
  });
  it('refuses two summaries of a year', () => {
    expect(() => periodSummary({ code: 'P', from: 2018, to: 2019 }, [summary(2018, 5, 5), summary(2018, 5, 5, 2)])).toThrow(/two published/);
  });
});

describe('validatePeriodConfig', () => {
  const base = { code: 'KL102-2016-2020', from: 2016, to: 2020, title: 'Sơ kết 05 năm thực hiện Kết luận số 102-KL/TW' };
  const fields = (body: unknown) => {
    const r = validatePeriodConfig(body);
    if (r.ok) throw new Error('expected invalid');
    return r.fields;
  };
  it('fills the defaults and infers the issuer kind', () => {
    const r = validatePeriodConfig({ ...base, issuer: ['QUẬN ỦY QUẬN 8', 'BAN DÂN VẬN'] });
    expect(r.ok && r.value).toMatchObject({ ...base, issuerKind: 'party', reportDate: null, place: '', signer: null, recipients: null, narrative: {} });
    expect(r.ok && r.value.commendation).toEqual({ quotaPercent: 20, minScore: 90, minYears: null, awards: { ...DEFAULT_AWARDS } });
    const state = validatePeriodConfig(base);
    expect(state.ok && state.value.issuerKind).toBe('state');
  });
  it('names each field at fault, in both languages', () => {
    expect(Object.keys(fields({ ...base, code: 'bad code' }))).toEqual(['code']);
    expect(Object.keys(fields({ ...base, from: 1999 }))).toEqual(['from']);
    expect(Object.keys(fields({ ...base, to: '2020' }))).toEqual(['to']);
    expect(fields({ ...base, from: 2021 }).to!.vi).toContain('không sau');
    expect(fields({ ...base, from: 2000, to: 2020 }).to!.en).toContain('at most 20 years');
    expect(Object.keys(fields({ ...base, title: 'a\nb' }))).toEqual(['title']);
    expect(Object.keys(fields({ ...base, title: 'x'.repeat(301) }))).toEqual(['title']);
    expect(Object.keys(fields({ code: 'P', from: 2016, to: 2020 }))).toEqual(['title']);
    expect(Object.keys(fields({ ...base, extra: 1 }))).toEqual(['extra']);
    expect(Object.keys(fields({ ...base, commendation: { minYears: 6 } }))).toEqual(['commendation.minYears']);
    expect(Object.keys(fields({ ...base, commendation: { minYears: 0 } }))).toEqual(['commendation.minYears']);
    expect(Object.keys(fields({ ...base, commendation: { bogus: 1 } }))).toEqual(['commendation.bogus']);
    expect(Object.keys(fields({ ...base, reportDate: '2020-02-30' }))).toEqual(['reportDate']);
    const ok = validatePeriodConfig({ ...base, commendation: { minYears: 5 } });
    expect(ok.ok && ok.value.commendation.minYears).toBe(5);
  });
});
