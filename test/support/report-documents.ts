// ReportDocuments for the report's tests: the scope words from unit names, and empty ratings.
import { reportScope } from '../../shared/domain/report-scope.ts';
import { unitTypeFromName } from '../../shared/domain/labels.ts';
import { SELF_RATINGS, type ByLevel, type Level, type Rating, type ReportScope, type Summary, type Unit, type UnitType } from '../../shared/domain/types.ts';

/** The type a unit's name starts with ("Huyện Tam Đường" → huyen). */
function typeOfName(name: string): UnitType {
  const type = unitTypeFromName(name);
  if (!type) throw new Error(`no type word at the start of ${name}`);
  return type;
}

/** The scope of a root and the units below it, their type words read from their names. */
export function scopeOf(root: { code: string; name: string; level: Level }, below: { code: string; name: string; level: Level }[]): ReportScope {
  const units: Unit[] = [
    { ...root, type: typeOfName(root.name), parentCode: null, path: root.code },
    ...below.map((u) => ({ ...u, type: typeOfName(u.name), parentCode: root.code, path: `${root.code}/${u.code}` })),
  ];
  return reportScope(units);
}

/** Ratings from counts per rating and level. */
export function ratingsOf(counts: Partial<Record<Rating, ByLevel>> = {}): Summary['ratings'] {
  return Object.fromEntries(
    SELF_RATINGS.map((r) => {
      const byLevel = counts[r] ?? { province: 0, district: 0, commune: 0 };
      return [r, { total: byLevel.province + byLevel.district + byLevel.commune, byLevel }];
    }),
  ) as Summary['ratings'];
}

// ---------------------------------------------------------------------------------------------
// Whole documents: a Party province of three tiers, a State district root, a State city of two
// tiers (2025). Their counts add up (the rows of the completeness table to the root's).

import type { AppendixItem, CommendedItem, CycleConfig, ProposalItem, ReportDocument, UnitRollup } from '../../shared/domain/types.ts';

const by = (province: number, district: number, commune: number): ByLevel => ({ province, district, commune });

interface UnitSpec {
  code: string;
  name: string;
  level: Level;
  expected: number;
  members: number;
  missing?: number;
  late?: number;
}

const rollupOf = (u: UnitSpec): UnitRollup => ({
  code: u.code,
  name: u.name,
  level: u.level,
  expected: u.expected,
  submitted: u.expected - (u.missing ?? 0),
  approved: u.expected - (u.missing ?? 0),
  returned: 0,
  missing: u.missing ?? 0,
  late: u.late ?? 0,
  members: u.members,
});

/** The Lai Châu 2020 cycle configuration (Ban Dân vận, Party) with `over` in its place. */
export function cycleConfig(over: Partial<CycleConfig> = {}): CycleConfig {
  return {
    year: 2020,
    deadline: '2020-12-15',
    autoCloseAt: null,
    issuer: ['TỈNH ỦY LAI CHÂU', 'BAN DÂN VẬN'],
    issuerKind: 'party',
    documentNumber: 'Số 25-BC/BDVTU',
    reportDate: '2020-12-18',
    place: 'Lai Châu',
    specialLabel: null,
    signer: null,
    recipients: null,
    narrative: {},
    signOff: false,
    reminders: { daysBefore: [] },
    commendation: { quotaPercent: 20, minScore: 90, awards: { province: 'a', district: 'b', commune: 'c' } },
    ...over,
  };
}

/**
 * A document over a root with `own` associations of its own and the units below it; every
 * association expected, the missing ones in the appendix, the rest approved and rated.
 */
function documentOf(spec: {
  config: CycleConfig;
  root: { code: string; name: string; level: Level };
  own: { expected: number; members: number };
  children: UnitSpec[];
  /** units further below, for the scope's words only */
  grandchildren?: { code: string; name: string; level: Level }[];
  specialLabel: string;
  commended?: CommendedItem[];
  appendix?: AppendixItem[];
  proposals?: ProposalItem[];
  draft?: boolean;
}): ReportDocument {
  const children = spec.children.map(rollupOf);
  const sum = (k: keyof UnitRollup): number => children.reduce((s, u) => s + (u[k] as number), 0);
  const rootRow: UnitRollup = {
    code: spec.root.code,
    name: spec.root.name,
    level: spec.root.level,
    expected: spec.own.expected + sum('expected'),
    submitted: spec.own.expected + sum('submitted'),
    approved: spec.own.expected + sum('approved'),
    returned: 0,
    missing: sum('missing'),
    late: sum('late'),
    members: spec.own.members + sum('members'),
  };
  const byLevel = by(0, 0, 0);
  const membersByLevel = by(0, 0, 0);
  byLevel[spec.root.level] += spec.own.expected;
  membersByLevel[spec.root.level] += spec.own.members;
  for (const c of children) {
    byLevel[c.level] += c.expected;
    membersByLevel[c.level] += c.members;
  }
  const approvedBy = { ...byLevel };
  for (const c of children) approvedBy[c.level] -= c.missing;
  const excellent = by(Math.ceil(approvedBy.province / 3), Math.ceil(approvedBy.district / 3), Math.ceil(approvedBy.commune / 3));
  const good = by(approvedBy.province - excellent.province, approvedBy.district - excellent.district, approvedBy.commune - excellent.commune);
  const commended = spec.commended ?? [];
  return {
    config: spec.config,
    reportDate: spec.config.reportDate ?? '2020-12-18',
    summary: {
      year: spec.config.year,
      revision: 1,
      publishedAt: `${spec.config.reportDate ?? '2020-12-18'}T02:00:00.000Z`,
      specialLabel: spec.specialLabel,
      associations: {
        total: rootRow.expected,
        byLevel,
        special: { total: 2, byLevel: { ...by(0, 0, 0), [spec.root.level]: 2 } },
        new: { total: 1, byLevel: { ...by(0, 0, 0), commune: 1 } },
        dissolved: { total: 0, byLevel: by(0, 0, 0) },
      },
      reports: {
        expected: rootRow.expected,
        submitted: rootRow.submitted,
        approved: rootRow.approved,
        returned: 0,
        missing: rootRow.missing,
        onTime: rootRow.submitted - rootRow.late,
        late: rootRow.late,
      },
      figures: { members: rootRow.members, newMembers: 120, branches: 40, charityEvents: 12, charityFundsVnd: 350_000_000, legalEducationSessions: 30, membersByLevel },
      ratings: ratingsOf({ excellent, good }),
      units: [rootRow, ...children],
      previousYear: null,
      commended: commended.length,
    },
    completenessUnits: children,
    commended,
    appendix: spec.appendix ?? [],
    proposals: spec.proposals ?? [],
    scope: scopeOf(spec.root, [...spec.children, ...(spec.grandchildren ?? [])]),
    ...(spec.draft ? { draft: true } : {}),
  };
}

const NARRATIVE = {
  results:
    'Các Hội đã bám sát nhiệm vụ chính trị của địa phương, vận động hội viên tham gia phát triển kinh tế, xây dựng nông thôn mới.\n\nNhiều mô hình hay được nhân rộng.',
  limitations: 'Một số Hội cấp xã hoạt động còn hình thức; kinh phí hoạt động hạn hẹp.\n\nNguyên nhân: cán bộ Hội kiêm nhiệm, thay đổi thường xuyên.',
  direction: 'Tiếp tục củng cố tổ chức, nâng cao chất lượng hoạt động của các Hội.',
  proposals: 'Đề nghị Ủy ban nhân dân tỉnh quan tâm bố trí kinh phí hỗ trợ các Hội đặc thù.',
};

/** Lai Châu 2020, Ban Dân vận Tỉnh ủy: Party format, three tiers, signer, recipients, narrative, both appendices. */
export function partyProvinceDocument(over: { draft?: boolean; signer?: CycleConfig['signer'] } = {}): ReportDocument {
  return documentOf({
    config: cycleConfig({
      signer: 'signer' in over ? (over.signer ?? null) : { lines: ['KT. TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN'], name: 'Nguyễn Đình Toán' },
      recipients: ['Ban Dân vận Trung ương (b/c)', 'Thường trực Tỉnh ủy (b/c)', 'Các hội quần chúng tỉnh', 'Lưu Văn phòng'],
      narrative: NARRATIVE,
    }),
    root: { code: 'LC', name: 'Tỉnh Lai Châu', level: 'province' },
    own: { expected: 24, members: 92949 },
    children: [
      { code: 'TP', name: 'Thành phố Lai Châu', level: 'district', expected: 20, members: 12000, missing: 1, late: 2 },
      { code: 'TĐ', name: 'Huyện Tam Đường', level: 'district', expected: 18, members: 10000 },
      { code: 'PT', name: 'Huyện Phong Thổ', level: 'district', expected: 17, members: 9000 },
    ],
    grandchildren: [
      ...Array.from({ length: 10 }, (_, i) => ({ code: `X${i}`, name: `Xã Bản ${i}`, level: 'commune' as const })),
      { code: 'TT', name: 'Thị trấn Tam Đường', level: 'commune' },
    ],
    specialLabel: 'hội có tính chất đặc thù',
    commended: [
      { association: 'A1', name: 'Hội Chữ thập đỏ tỉnh', unit: 'LC', unitName: 'Tỉnh Lai Châu', level: 'province', score: 98, members: 4000, award: 'Bằng khen của Chủ tịch UBND tỉnh' },
      { association: 'A2', name: 'Hội Người cao tuổi thành phố', unit: 'TP', unitName: 'Thành phố Lai Châu', level: 'district', score: 95, members: 900, award: 'Giấy khen của Chủ tịch UBND thành phố' },
    ],
    appendix: [{ association: 'A9', name: 'Hội Khuyến học phường Tân Phong', unit: 'TP', unitName: 'Thành phố Lai Châu', level: 'district', reason: 'missing' }],
    proposals: [
      { association: 'A1', name: 'Hội Chữ thập đỏ tỉnh', unit: 'LC', unitName: 'Tỉnh Lai Châu', level: 'province', text: 'Đề nghị bổ sung biên chế.\n\nĐề nghị hỗ trợ kinh phí sơ cấp cứu.' },
      { association: 'A3', name: 'Hội Nông dân huyện Tam Đường', unit: 'TĐ', unitName: 'Huyện Tam Đường', level: 'district', text: 'Đề nghị mở lớp tập huấn kỹ thuật trồng chè.' },
    ],
    ...(over.draft ? { draft: true } : {}),
  });
}

/** Quận 8, 2020: a district root of phường, State format, signed for the People's Committee. */
export function stateDistrictDocument(): ReportDocument {
  return documentOf({
    config: cycleConfig({
      issuer: ['ỦY BAN NHÂN DÂN QUẬN 8'],
      issuerKind: 'state',
      documentNumber: 'Số: 215/BC-UBND',
      place: 'Quận 8',
      signer: { lines: ['T/M ỦY BAN NHÂN DÂN', 'K/T CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], name: 'Trần Thế Thuận' },
      recipients: ['Sở Nội vụ Thành phố', 'Thường trực Quận ủy', 'Lưu: VT'],
    }),
    root: { code: 'Q8', name: 'Quận 8', level: 'district' },
    own: { expected: 9, members: 15000 },
    children: Array.from({ length: 4 }, (_, i) => ({ code: `P${i + 1}`, name: `Phường ${i + 1}`, level: 'commune' as const, expected: 5, members: 1200 })),
    specialLabel: 'hội có tính chất đặc thù',
  });
}

/** Hồ Chí Minh City, 2025: two tiers (phường, xã, an đặc khu), a department of the city's People's Committee. */
export function stateCity2025Document(): ReportDocument {
  return documentOf({
    config: cycleConfig({
      year: 2025,
      deadline: '2025-12-15',
      issuer: ['ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH', 'SỞ NỘI VỤ'],
      issuerKind: 'state',
      documentNumber: 'Số: 1234/BC-SNV',
      reportDate: '2025-12-05',
      place: 'Thành phố Hồ Chí Minh',
    }),
    root: { code: 'HCM', name: 'Thành phố Hồ Chí Minh', level: 'province' },
    own: { expected: 40, members: 300000 },
    children: [
      ...Array.from({ length: 7 }, (_, i) => ({ code: `P${i}`, name: `Phường Bến Thành ${i}`, level: 'commune' as const, expected: 3, members: 900 })),
      ...Array.from({ length: 3 }, (_, i) => ({ code: `X${i}`, name: `Xã Bình Chánh ${i}`, level: 'commune' as const, expected: 2, members: 500 })),
      { code: 'CĐ', name: 'Đặc khu Côn Đảo', level: 'commune', expected: 1, members: 100 },
    ],
    specialLabel: 'hội do Đảng, Nhà nước giao nhiệm vụ',
  });
}

// ---------------------------------------------------------------------------------------------
// A period review: Quận 8, 2016–2020, 2019 not published.

import type { PeriodDocument, PeriodYear } from '../../shared/domain/types.ts';

const periodYear = (year: number, total: number, members: number, fresh: number, dissolved: number): PeriodYear => ({
  year,
  revision: 1,
  associations: { total, byLevel: by(0, 18, total - 18) },
  special: { total: 3 },
  new: { total: fresh },
  dissolved: { total: dissolved },
  members,
  reports: { expected: total, approved: total - 1, onTime: total - 2 },
});

export function periodDocument(): PeriodDocument {
  const years = [periodYear(2016, 70, 21000, 0, 0), periodYear(2017, 72, 21900, 2, 0), periodYear(2018, 73, 22500, 2, 1), periodYear(2020, 75, 23110, 3, 1)];
  const wards = Array.from({ length: 16 }, (_, i) => ({ code: `P${i + 1}`, name: `Phường ${i + 1}`, level: 'commune' as const }));
  return {
    config: {
      code: 'KL102-2016-2020',
      from: 2016,
      to: 2020,
      title: 'Sơ kết 05 năm thực hiện Kết luận số 102-KL/TW ngày 22/9/2014 của Bộ Chính trị về hội quần chúng',
      issuer: ['QUẬN ỦY QUẬN 8', 'BAN DÂN VẬN'],
      issuerKind: 'party',
      documentNumber: 'Số 12-BC/BDVQU',
      reportDate: '2020-12-22',
      place: 'Quận 8',
      signer: { lines: ['TRƯỞNG BAN'], name: 'Nguyễn Thị Hồng' },
      recipients: ['Ban Dân vận Thành ủy (b/c)', 'Thường trực Quận ủy (b/c)', 'Lưu Văn phòng'],
      narrative: { results: 'Các hội quần chúng từng bước nâng dần chất lượng và hiệu quả hoạt động.' },
      commendation: { quotaPercent: 15, minScore: 90, minYears: 3, awards: { province: 'a', district: 'Giấy khen của Chủ tịch UBND {type}', commune: 'Giấy khen của Chủ tịch UBND {type}' } },
    },
    reportDate: '2020-12-22',
    summary: {
      code: 'KL102-2016-2020',
      from: 2016,
      to: 2020,
      missingYears: [2019],
      years,
      change: { associations: 5, members: 2110 },
      commended: 2,
    },
    commended: [
      { association: 'Q8-CTD', name: 'Hội Chữ thập đỏ quận 8', unit: 'Q8', unitName: 'Quận 8', level: 'district', score: 95.25, members: 4200, award: 'Giấy khen của Chủ tịch UBND quận' },
      { association: 'P5-NCT', name: 'Hội Người cao tuổi phường 5', unit: 'P5', unitName: 'Phường 5', level: 'commune', score: 92, members: 610, award: 'Giấy khen của Chủ tịch UBND phường' },
    ],
    scope: scopeOf({ code: 'Q8', name: 'Quận 8', level: 'district' }, wards),
  };
}
