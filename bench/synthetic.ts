// A synthetic province of realistic shape for the benchmarks: three tiers (province →
// districts → communes), a few hundred communes, most associations at commune level
// (~2 % province, ~8 % district, ~90 % commune). Deterministic: same size, same province.
import { reportScope } from '../shared/domain/report-scope.ts';
import type { AssociationWithProposals } from '../shared/adapters/report-store.ts';
import { aggregateSubtree, buildSummary } from '../shared/domain/aggregate.ts';
import { orderAppendix, orderProposals } from '../shared/domain/appendix.ts';
import { selectCommended } from '../shared/domain/commendation.ts';
import { DEFAULT_AWARDS } from '../shared/domain/cycle-config.ts';
import type { CycleConfig, Level, Rating, ReportDocument, ReportStatus, Unit } from '../shared/domain/types.ts';

export interface Province {
  year: number;
  units: Unit[];
  associations: AssociationWithProposals[];
}

/** What the associations' reports look like: all approved (the close), or none approved (the heavy appendix). */
export type Outcome = 'all-approved' | 'none-approved' | 'not-submitted';

const SYLLABLES = ['An', 'Bình', 'Cao', 'Đông', 'Hòa', 'Lâm', 'Mường', 'Nậm', 'Phong', 'Quang', 'Sơn', 'Tân', 'Thanh', 'Trung', 'Vĩnh', 'Xuân', 'Ẳng', 'Pá', 'Tà', 'Yên'];
const KINDS = [
  'Hội Người cao tuổi',
  'Hội Chữ thập đỏ',
  'Hội Khuyến học',
  'Hội Cựu thanh niên xung phong',
  'Hội Nạn nhân chất độc da cam/dioxin',
  'Hội Làm vườn',
  'Hội Đông y',
  'Hội Bảo trợ người khuyết tật và trẻ mồ côi',
  'Hội Sinh vật cảnh',
  'Hội Cựu giáo chức',
];

/** A small deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const placeName = (i: number): string => `${SYLLABLES[i % SYLLABLES.length]} ${SYLLABLES[Math.floor(i / SYLLABLES.length) % SYLLABLES.length]}${i >= 400 ? ` ${Math.floor(i / 400) + 1}` : ''}`;

/** Districts and communes for `size` associations: a few hundred communes at 10k and above. */
export function shapeFor(size: number): { districts: number; communesPerDistrict: number } {
  if (size <= 100) return { districts: 2, communesPerDistrict: 3 };
  if (size <= 1_000) return { districts: 8, communesPerDistrict: 12 };
  if (size <= 10_000) return { districts: 12, communesPerDistrict: 25 };
  return { districts: 20, communesPerDistrict: 25 };
}

export function syntheticProvince(size: number, year: number, outcome: Outcome, seed = 1): Province {
  const random = prng(seed * 7919 + size);
  const { districts, communesPerDistrict } = shapeFor(size);
  const province: Unit = { code: 'BT', name: 'Tỉnh Bình Thuận Mẫu', level: 'province', type: 'tinh', parentCode: null, path: 'BT' };
  const units: Unit[] = [province];
  const districtUnits: Unit[] = [];
  const communeUnits: Unit[] = [];
  for (let d = 0; d < districts; d++) {
    const code = `D${String(d + 1).padStart(2, '0')}`;
    const district: Unit = { code, name: `Huyện ${placeName(d * 3 + 1)}`, level: 'district', type: 'huyen', parentCode: province.code, path: `${province.path}/${code}` };
    units.push(district);
    districtUnits.push(district);
    for (let c = 0; c < communesPerDistrict; c++) {
      const ccode = `${code}C${String(c + 1).padStart(3, '0')}`;
      const commune: Unit = {
        code: ccode,
        name: `Xã ${placeName(d * communesPerDistrict + c + 7)}`,
        level: 'commune',
        type: 'xa',
        parentCode: code,
        path: `${district.path}/${ccode}`,
      };
      units.push(commune);
      communeUnits.push(commune);
    }
  }
  const provinceCount = Math.max(1, Math.round(size * 0.02));
  const districtCount = Math.max(1, Math.round(size * 0.08));
  const associations: AssociationWithProposals[] = [];
  const at = `${year}-12-01T02:00:00.000Z`;
  for (let i = 0; i < size; i++) {
    const unit =
      i < provinceCount
        ? province
        : i < provinceCount + districtCount
          ? districtUnits[(i - provinceCount) % districtUnits.length]!
          : communeUnits[(i - provinceCount - districtCount) % communeUnits.length]!;
    const kind = KINDS[i % KINDS.length]!;
    const where = unit.level === 'province' ? 'tỉnh' : unit.name.replace(/^(Huyện|Xã) /, (m) => m.toLowerCase());
    const code = `A${String(i + 1).padStart(6, '0')}`;
    const members = 20 + Math.floor(random() * 2_000);
    const excellent = random() < 0.1;
    const selfRating: Rating = excellent ? 'excellent' : random() < 0.6 ? 'good' : 'completed';
    let status: ReportStatus | null = 'approved';
    let version = 1;
    if (outcome === 'none-approved') {
      const r = random();
      status = r < 0.25 ? null : r < 0.4 ? 'returned' : 'submitted';
      version = status === null ? 0 : 1;
    } else if (outcome === 'not-submitted') {
      status = null;
      version = 0;
    }
    const submitted = version > 0;
    associations.push({
      code,
      name: `${kind} ${where} ${i + 1}`,
      unitCode: unit.code,
      special: unit.level !== 'commune' && i % 7 === 0,
      foundedOn: i % 50 === 0 ? `${year}-03-01` : '2005-01-01',
      dissolvedOn: null,
      level: unit.level,
      unitPath: unit.path,
      expected: true,
      isNew: i % 50 === 0,
      dissolvedInYear: false,
      version,
      status,
      late: submitted && i % 23 === 0,
      firstSubmittedAt: submitted ? at : null,
      lastSubmittedAt: submitted ? at : null,
      figures: submitted
        ? {
            members,
            newMembers: Math.floor(members / 10),
            branches: 1 + Math.floor(random() * 12),
            charityEvents: Math.floor(random() * 8),
            charityFundsVnd: Math.floor(random() * 50_000) * 1_000,
            legalEducationSessions: Math.floor(random() * 6),
          }
        : null,
      selfRating: submitted ? selfRating : null,
      nominate: submitted && excellent,
      score: status === 'approved' ? (excellent ? 90 + Math.floor(random() * 11) : 60 + Math.floor(random() * 30)) : null,
      rating: status === 'approved' ? selfRating : null,
      comment: status === 'returned' ? 'Bổ sung số liệu hội viên.' : null,
      historySeq: status === 'approved' || status === 'returned' ? 2 : submitted ? 1 : 0,
      // none written: the benchmarks stay comparable with those recorded before proposals were carried
      proposals: '',
    });
  }
  return { year, units, associations };
}

export function benchConfig(year: number): CycleConfig {
  return {
    year,
    deadline: `${year}-12-15`,
    autoCloseAt: null,
    issuer: ['ỦY BAN NHÂN DÂN TỈNH BÌNH THUẬN MẪU', 'SỞ NỘI VỤ'],
    issuerKind: 'state',
    documentNumber: 'Số: 125/BC-SNV',
    reportDate: `${year}-12-18`,
    place: 'Bình Thuận Mẫu',
    specialLabel: null,
    signer: null,
    recipients: null,
    narrative: {},
    signOff: false,
    reminders: { daysBefore: [] },
    commendation: { quotaPercent: 20, minScore: 90, awards: { ...DEFAULT_AWARDS } as Record<Level, string> },
  };
}

/** The ReportDocument the close would render for this province, computed in memory by the domain functions. */
export function reportDocumentOf(p: Province): ReportDocument {
  const province = p.units.find((u) => u.parentCode === null)!;
  const total = aggregateSubtree(province.code, p.units, p.associations);
  const config = benchConfig(p.year);
  const commended = selectCommended(total.candidates, total.associations.byLevel, config.commendation);
  const summary = buildSummary({
    year: p.year,
    revision: 1,
    publishedAt: `${p.year}-12-18T02:00:00.000Z`,
    specialLabel: 'hội do Đảng, Nhà nước giao nhiệm vụ',
    province,
    provinceAggregate: total,
    previousYear: null,
    commendedCount: commended.length,
  });
  const children = new Set(p.units.filter((u) => u.parentCode === province.code).map((u) => u.code));
  return {
    config,
    reportDate: config.reportDate!,
    summary,
    completenessUnits: summary.units.filter((u) => children.has(u.code)),
    commended,
    appendix: orderAppendix(total.appendix),
    proposals: orderProposals(total.proposals),
    scope: reportScope(p.units),
  };
}
