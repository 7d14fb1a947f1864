// The demo's summary table speaks the words of the root it ran for (SPEC 6): a quận's table
// reads "Cấp quận", "Cấp phường", "Toàn quận", a province's "Cấp tỉnh" … "Toàn tỉnh".
import { afterEach, describe, expect, it, vi } from 'vitest';
import { printSummary, summaryScope } from '../../cli/demo.ts';
import type { Summary, UnitRollup } from '../../shared/domain/types.ts';

const by = (province: number, district: number, commune: number) => ({ province, district, commune });
const unit = (code: string, name: string, level: UnitRollup['level']): UnitRollup => ({ code, name, level, expected: 1, submitted: 1, approved: 1, returned: 0, missing: 0, late: 0, members: 10 });

function summary(units: UnitRollup[], byLevel: ReturnType<typeof by>): Summary {
  const total = byLevel.province + byLevel.district + byLevel.commune;
  return {
    year: 2020,
    revision: 1,
    publishedAt: '2020-12-22T02:00:00Z',
    specialLabel: 'hội có tính chất đặc thù',
    associations: { total, byLevel, special: { total: 0, byLevel: by(0, 0, 0) }, new: { total: 0, byLevel: by(0, 0, 0) }, dissolved: { total: 0, byLevel: by(0, 0, 0) } },
    reports: { expected: total, submitted: total, approved: total, returned: 0, missing: 0, onTime: total, late: 0 },
    figures: { members: 10 * total, newMembers: 0, branches: 0, charityEvents: 0, charityFundsVnd: 0, legalEducationSessions: 0, membersByLevel: by(10 * byLevel.province, 10 * byLevel.district, 10 * byLevel.commune) },
    ratings: { excellent: { total, byLevel }, good: { total: 0, byLevel: by(0, 0, 0) }, completed: { total: 0, byLevel: by(0, 0, 0) }, not_completed: { total: 0, byLevel: by(0, 0, 0) } },
    units,
    previousYear: null,
    commended: 0,
  };
}

function printed(s: Summary): string {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  printSummary(s);
  return log.mock.calls.map((args) => String(args[0])).join('\n');
}

describe('the demo summary table', () => {
  afterEach(() => vi.restoreAllMocks());

  it('names a district root and its wards', () => {
    const s = summary([unit('Q8', 'Quận 8', 'district'), unit('Q8-P01', 'Phường 1', 'commune'), unit('Q8-P02', 'Phường 2', 'commune')], by(0, 3, 5));
    expect(summaryScope(s).root).toMatchObject({ code: 'Q8', word: 'quận' });
    const text = printed(s);
    expect(text).toMatch(/^ {2}Cấp quận +3 /mu);
    expect(text).toMatch(/^ {2}Cấp phường +5 /mu);
    expect(text).toMatch(/^ {2}Toàn quận +8 /mu);
    expect(text).not.toMatch(/tỉnh|huyện|Cấp xã/u);
  });

  it('names a province of three tiers by its unit types', () => {
    const s = summary(
      [unit('LC', 'Tỉnh Lai Châu', 'province'), unit('LC-TP', 'Thành phố Lai Châu', 'district'), unit('LC-TD', 'Huyện Tam Đường', 'district'), unit('TD-BB', 'Xã Bản Bo', 'commune')],
      by(2, 3, 4),
    );
    const text = printed(s);
    expect(text).toMatch(/^ {2}Cấp tỉnh +2 /mu);
    expect(text).toMatch(/^ {2}Cấp (huyện, thành phố|thành phố, huyện) +3 /mu);
    expect(text).toMatch(/^ {2}Cấp xã +4 /mu);
    expect(text).toMatch(/^ {2}Toàn tỉnh +9 /mu);
  });

  it('leaves out the district row of a two-tier province', () => {
    const s = summary([unit('LC', 'Tỉnh Lai Châu', 'province'), unit('LC-TP', 'Phường Tân Phong', 'commune'), unit('LC-BB', 'Xã Bản Bo', 'commune'), unit('LC-KH', 'Xã Khun Há', 'commune')], by(1, 0, 3));
    const text = printed(s);
    expect(text).not.toMatch(/huyện/u);
    expect(text).toMatch(/^ {2}Cấp xã, phường +3 /mu);
  });
});
