import { describe, expect, it } from 'vitest';
import { candidateOf, commendationQuota, compareCandidates, selectCommended } from '../../shared/domain/commendation.ts';
import type { CandidateSource, CommendedCandidate } from '../../shared/domain/commendation.ts';
import { DEFAULT_AWARDS, awardFor } from '../../shared/domain/labels.ts';
import type { ByLevel, CommendationConfig, Level, UnitType } from '../../shared/domain/types.ts';

const config = (over: Partial<CommendationConfig> = {}): CommendationConfig => ({
  quotaPercent: 20,
  minScore: 90,
  awards: { province: 'Bằng khen tỉnh', district: 'Giấy khen huyện', commune: 'Giấy khen xã' },
  ...over,
});

const TYPICAL_TYPE: Record<Level, UnitType> = { province: 'tinh', district: 'huyen', commune: 'xa' };

const cand = (association: string, level: Level, score: number, members: number, unitType = TYPICAL_TYPE[level]): CommendedCandidate => ({
  association,
  name: `Hội ${association}`,
  unit: `U-${level}`,
  unitName: `Đơn vị ${level}`,
  unitType,
  level,
  score,
  members,
});

const by = (province: number, district: number, commune: number): ByLevel => ({ province, district, commune });

/** Deterministic shuffle (mulberry32). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let s = seed >>> 0;
  const rnd = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe('commendationQuota', () => {
  it.each([
    [12.5, 8, 1],
    [20, 24, 4],
    [33.3, 3, 0],
    [100, 7, 7],
    [20, 0, 0],
    [0, 50, 0],
    [20, 179, 35],
    [57, 100, 57],
    [33.3, 3000, 999], // 33.3 * 3000 / 100 is 998.9999999999999 in floating point
    [12.5, 7, 0],
    [12.5, 16, 2],
    [0.5, 200, 1],
  ])('%d%% of %d is %d', (q, e, want) => {
    expect(commendationQuota(q, e)).toBe(want);
  });

  it('refuses a percentage outside 0…100 and a bad count', () => {
    expect(() => commendationQuota(-1, 5)).toThrow(RangeError);
    expect(() => commendationQuota(100.5, 5)).toThrow(RangeError);
    expect(() => commendationQuota(Number.NaN, 5)).toThrow(RangeError);
    expect(() => commendationQuota(20, 2.5)).toThrow(RangeError);
    expect(() => commendationQuota(20, -1)).toThrow(RangeError);
  });

  it('reads tiny percentages written in exponent form exactly', () => {
    expect(commendationQuota(1e-7, 1_000_000_000)).toBe(1);
    expect(commendationQuota(1e-7, 999_999_999)).toBe(0);
  });
});

const X = { name: 'Xã X', type: 'xa' } as const;

describe('candidateOf', () => {
  const base: CandidateSource = {
    code: 'H1',
    name: 'Hội Nông dân',
    unitCode: 'X1',
    level: 'commune',
    status: 'approved',
    rating: 'excellent',
    nominate: true,
    score: 95,
    figures: { members: 420, newMembers: 0, branches: 0, charityEvents: 0, charityFundsVnd: 0, legalEducationSessions: 0 },
    expected: true,
    dissolvedInYear: false,
  };

  it('takes an approved, excellent, nominated report of an expected association', () => {
    expect(candidateOf(base, { name: 'Phường Tân Phong', type: 'phuong' })).toEqual({
      association: 'H1',
      name: 'Hội Nông dân',
      unit: 'X1',
      unitName: 'Phường Tân Phong',
      unitType: 'phuong',
      level: 'commune',
      score: 95,
      members: 420,
    });
  });

  it('leaves out a rating other than excellent', () => {
    for (const rating of ['good', 'completed', 'not_completed', null] as const) {
      expect(candidateOf({ ...base, rating }, X)).toBeNull();
    }
  });

  it('leaves out a report that is not nominated', () => {
    expect(candidateOf({ ...base, nominate: false }, X)).toBeNull();
  });

  it('leaves out a report that is not approved', () => {
    expect(candidateOf({ ...base, status: 'submitted' }, X)).toBeNull();
    expect(candidateOf({ ...base, status: 'returned' }, X)).toBeNull();
    expect(candidateOf({ ...base, status: null }, X)).toBeNull();
  });

  it('leaves out an association not expected or dissolved in the year', () => {
    expect(candidateOf({ ...base, expected: false }, X)).toBeNull();
    expect(candidateOf({ ...base, expected: false, dissolvedInYear: true }, X)).toBeNull();
  });

  it('refuses an approved report without a score', () => {
    expect(() => candidateOf({ ...base, score: null }, X)).toThrow(/no score/);
  });
});

describe('selectCommended', () => {
  it('keeps at most floor(quota × expected / 100) per level, with the level award', () => {
    const cs = [
      cand('P1', 'province', 99, 10),
      cand('P2', 'province', 98, 10),
      cand('D1', 'district', 97, 10),
      cand('D2', 'district', 96, 10),
      cand('C1', 'commune', 95, 10),
      cand('C2', 'commune', 94, 10),
      cand('C3', 'commune', 93, 10),
    ];
    // 12.5% of 8 = 1 province, of 7 = 0 district, of 16 = 2 commune
    const out = selectCommended(cs, by(8, 7, 16), config({ quotaPercent: 12.5 }));
    expect(out.map((c) => [c.association, c.award])).toEqual([
      ['P1', 'Bằng khen tỉnh'],
      ['C1', 'Giấy khen xã'],
      ['C2', 'Giấy khen xã'],
    ]);
  });

  it('ranks by score, then members, then code', () => {
    const cs = [
      cand('C-b', 'commune', 95, 100),
      cand('C-a', 'commune', 95, 100),
      cand('C-z', 'commune', 95, 300),
      cand('C-top', 'commune', 99, 1),
      cand('C-low', 'commune', 91, 5000),
    ];
    const out = selectCommended(cs, by(0, 0, 100), config({ quotaPercent: 100 }));
    expect(out.map((c) => c.association)).toEqual(['C-top', 'C-z', 'C-a', 'C-b', 'C-low']);
    // the quota cuts in the tie: 4% of 100 = 4
    const cut = selectCommended(cs, by(0, 0, 100), config({ quotaPercent: 4 }));
    expect(cut.map((c) => c.association)).toEqual(['C-top', 'C-z', 'C-a', 'C-b']);
  });

  it('compares codes by code point, not by locale', () => {
    const cs = [cand('b', 'commune', 95, 1), cand('B', 'commune', 95, 1), cand('a', 'commune', 95, 1)];
    expect([...cs].sort(compareCandidates).map((c) => c.association)).toEqual(['B', 'a', 'b']);
  });

  it('includes a score equal to minScore and excludes one just below', () => {
    const cs = [cand('A', 'district', 90, 1), cand('B', 'district', 89.5, 1), cand('C', 'district', 89, 1)];
    const out = selectCommended(cs, by(0, 100, 0), config({ quotaPercent: 100, minScore: 90 }));
    expect(out.map((c) => c.association)).toEqual(['A']);
  });

  it('does not let candidates below minScore take quota places', () => {
    const cs = [cand('A', 'district', 80, 1), cand('B', 'district', 95, 1)];
    const out = selectCommended(cs, by(0, 5, 0), config({ quotaPercent: 20, minScore: 90 }));
    expect(out.map((c) => c.association)).toEqual(['B']);
  });

  it('orders province, district, commune whatever the input order, and is deterministic', () => {
    const cs = [
      cand('C1', 'commune', 91, 5),
      cand('D1', 'district', 92, 5),
      cand('P1', 'province', 90, 5),
      cand('C2', 'commune', 99, 5),
      cand('D2', 'district', 92, 6),
      cand('P2', 'province', 90, 5),
      cand('C3', 'commune', 91, 5),
    ];
    const want = selectCommended(cs, by(10, 10, 10), config({ quotaPercent: 20 }));
    expect(want.map((c) => c.association)).toEqual(['P1', 'P2', 'D2', 'D1', 'C2', 'C1']);
    for (let seed = 1; seed <= 20; seed++) {
      expect(selectCommended(shuffled(cs, seed), by(10, 10, 10), config({ quotaPercent: 20 }))).toEqual(want);
    }
  });

  it('does not modify its input', () => {
    const cs = [cand('B', 'commune', 91, 5), cand('A', 'commune', 99, 5)];
    const copy = structuredClone(cs);
    selectCommended(cs, by(0, 0, 10), config({ quotaPercent: 100 }));
    expect(cs).toEqual(copy);
  });

  it('gives nothing when a level has no expected associations or the quota is 0', () => {
    const cs = [cand('P1', 'province', 99, 5)];
    expect(selectCommended(cs, by(0, 10, 10), config({ quotaPercent: 100 }))).toEqual([]);
    expect(selectCommended(cs, by(10, 10, 10), config({ quotaPercent: 0 }))).toEqual([]);
  });

  it('refuses a candidate listed twice', () => {
    const cs = [cand('A', 'commune', 91, 5), cand('A', 'commune', 91, 5)];
    expect(() => selectCommended(cs, by(0, 0, 10), config())).toThrow(/twice/);
  });
});

describe('awards by unit type (SPEC section 6)', () => {
  it('writes the unit type word where a template says {type}', () => {
    expect(awardFor('Giấy khen của Chủ tịch UBND {type}', 'thi_xa')).toBe('Giấy khen của Chủ tịch UBND thị xã');
    expect(awardFor('{type}: Giấy khen của Chủ tịch UBND {type}', 'dac_khu')).toBe('đặc khu: Giấy khen của Chủ tịch UBND đặc khu');
  });

  it.each([
    ['district', 'huyen', 'Giấy khen của Chủ tịch UBND huyện'],
    ['district', 'thanh_pho', 'Giấy khen của Chủ tịch UBND thành phố'],
    ['district', 'quan', 'Giấy khen của Chủ tịch UBND quận'],
    ['commune', 'phuong', 'Giấy khen của Chủ tịch UBND phường'],
    ['commune', 'thi_tran', 'Giấy khen của Chủ tịch UBND thị trấn'],
    ['commune', 'xa', 'Giấy khen của Chủ tịch UBND xã'],
    ['province', 'tinh', 'Bằng khen của Chủ tịch UBND tỉnh'],
    ['province', 'thanh_pho', 'Bằng khen của Chủ tịch UBND thành phố'],
  ] as const)('gives a %s-level association of a %s unit "%s" with the default awards', (level, unitType, award) => {
    const out = selectCommended([cand('A', level, 95, 10, unitType)], by(10, 10, 10), config({ quotaPercent: 100, awards: { ...DEFAULT_AWARDS } }));
    expect(out).toEqual([{ association: 'A', name: 'Hội A', unit: `U-${level}`, unitName: `Đơn vị ${level}`, level, score: 95, members: 10, award }]);
  });

  it('names each association of one level by its own unit type', () => {
    const cs = [cand('D1', 'district', 99, 1, 'thanh_pho'), cand('D2', 'district', 98, 1, 'huyen'), cand('D3', 'district', 97, 1, 'quan')];
    const out = selectCommended(cs, by(0, 3, 0), config({ quotaPercent: 100, awards: { ...DEFAULT_AWARDS } }));
    expect(out.map((c) => c.award)).toEqual([
      'Giấy khen của Chủ tịch UBND thành phố',
      'Giấy khen của Chủ tịch UBND huyện',
      'Giấy khen của Chủ tịch UBND quận',
    ]);
  });

  it('keeps a template without {type} as it is written, whatever the unit type', () => {
    expect(awardFor('Bằng khen của Ban Thường vụ Tỉnh ủy', 'quan')).toBe('Bằng khen của Ban Thường vụ Tỉnh ủy');
    const out = selectCommended([cand('C1', 'commune', 95, 1, 'phuong')], by(0, 0, 5), config({ quotaPercent: 100 }));
    expect(out.map((c) => c.award)).toEqual(['Giấy khen xã']);
  });

  it('publishes no unit type in the commended item', () => {
    const [item] = selectCommended([cand('C1', 'commune', 95, 1, 'phuong')], by(0, 0, 5), config({ quotaPercent: 100 }));
    expect(Object.keys(item ?? {}).sort()).toEqual(['association', 'award', 'level', 'members', 'name', 'score', 'unit', 'unitName']);
  });
});
