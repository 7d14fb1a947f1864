// The vocabulary of Tổng kết, shared by the domain, the adapters, the handlers and the PDF.
// Names follow ../shared/SPEC.md; JSON field names are the contract.

import type { ExactSum } from './exact-sum.ts';

export const LEVELS = ['province', 'district', 'commune'] as const;
export type Level = (typeof LEVELS)[number];
export type ByLevel = Record<Level, number>;

/**
 * The kind of an administrative unit (SPEC section 2): the word documents use for it
 * ("toàn quận", "Giấy khen của Chủ tịch UBND phường"). A level has several kinds.
 */
export const UNIT_TYPES = ['tinh', 'thanh_pho', 'huyen', 'quan', 'thi_xa', 'xa', 'phuong', 'thi_tran', 'dac_khu'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

export const ROLES = ['association', 'reviewer', 'province'] as const;
export type Role = (typeof ROLES)[number];

export const SELF_RATINGS = ['excellent', 'good', 'completed', 'not_completed'] as const;
export type Rating = (typeof SELF_RATINGS)[number];

export const CYCLE_STATUSES = ['open', 'closing', 'draft', 'published', 'close_failed'] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export const REPORT_STATUSES = ['submitted', 'approved', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export type HistoryAction = 'submitted' | 'approved' | 'returned' | 'reopened';

/** A unit of the administrative tree, as imported from units.csv (NFC). */
export interface Unit {
  code: string;
  name: string;
  level: Level;
  type: UnitType;
  /** null for the root: the province, or a district running its own cycle */
  parentCode: string | null;
  /** Codes from the root down to this unit, joined by '/', e.g. "LC/TD/BB". */
  path: string;
}

/** An association, as imported from associations.csv (NFC). */
export interface Association {
  code: string;
  name: string;
  unitCode: string;
  special: boolean;
  /** YYYY-MM-DD */
  foundedOn: string;
  /** YYYY-MM-DD or null */
  dissolvedOn: string | null;
  /** the contact for reminders, when the registry gives one */
  email?: string;
  /** a contact number, shown to reviewers */
  phone?: string;
  /** the person to ask for (registry column `contact`, `người liên hệ`), shown to reviewers */
  contact?: string;
}

/** What the registry says of one association in one cycle year. */
export interface AssociationInYear {
  expected: boolean;
  isNew: boolean;
  dissolvedInYear: boolean;
}

/** The annual report's fields (SPEC section 4), after validation and defaults. */
export interface ReportFields {
  members: number;
  newMembers: number;
  branches: number;
  charityEvents: number;
  charityFundsVnd: number;
  legalEducationSessions: number;
  selfRating: Rating;
  nominate: boolean;
  achievements: string;
  limitations: string;
  proposals: string;
  submittedBy: string;
}

export const NUMERIC_FIGURES = [
  'members',
  'newMembers',
  'branches',
  'charityEvents',
  'charityFundsVnd',
  'legalEducationSessions',
] as const;
export type NumericFigure = (typeof NUMERIC_FIGURES)[number];
export type Figures = Record<NumericFigure, number>;

export interface CommendationConfig {
  quotaPercent: number;
  minScore: number;
  awards: Record<Level, string>;
}

/** Who signs the report: the authority and title lines above the signature, and the name under it. */
export interface Signer {
  /** e.g. ["K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"] or ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] */
  lines: string[];
  /** "" leaves the name to be written by hand */
  name: string;
}

export const NARRATIVE_SECTIONS = ['results', 'limitations', 'direction', 'proposals'] as const;
export type NarrativeSection = (typeof NARRATIVE_SECTIONS)[number];
/** The sections the officer writes; a section left out (or blank) is left out of the report. */
export type Narrative = Partial<Record<NarrativeSection, string>>;

/** What the province may change while the close waits at `draft` (PATCH /cycles/{y}/document). */
export const DOCUMENT_DETAILS = ['documentNumber', 'reportDate', 'signer', 'recipients', 'narrative'] as const;
export type DocumentDetails = Pick<CycleConfig, (typeof DOCUMENT_DETAILS)[number]>;

/** The cycle configuration (SPEC section 3) with every default filled in. */
export interface CycleConfig {
  year: number;
  /** YYYY-MM-DD; end of that day in Asia/Ho_Chi_Minh is the deadline */
  deadline: string;
  /** ISO timestamp or null */
  autoCloseAt: string | null;
  issuer: string[];
  issuerKind: 'party' | 'state';
  documentNumber: string;
  /** YYYY-MM-DD or null: null means the day of the close */
  reportDate: string | null;
  place: string;
  /** null: the label of the year (SPEC section 2) */
  specialLabel: string | null;
  /** null: the signature lines that fit the issuer, no name */
  signer: Signer | null;
  /** the "Nơi nhận" lines; null: the default of the issuer's kind */
  recipients: string[] | null;
  narrative: Narrative;
  /** true: the close stops at `draft` until the province publishes */
  signOff: boolean;
  reminders: { daysBefore: number[] };
  commendation: CommendationConfig;
  /** the office to call about the cycle (the pages show it); absent when not given */
  contact?: CycleContact;
}

/** The office an association or reviewer calls about the cycle: a person or desk and a number. */
export interface CycleContact {
  name: string;
  phone: string;
  email?: string;
}

// ---------------------------------------------------------------------------------------------
// Period reviews (SPEC section 12)

export interface PeriodCommendationConfig extends CommendationConfig {
  /** years approved as excellent an association needs; null: every published year of the period */
  minYears: number | null;
}

/** A period review (sơ kết, tổng kết several years) as POST /periods gives it, defaults filled in. */
export interface PeriodConfig {
  /** `[A-Za-z0-9_-]{1,40}` */
  code: string;
  from: number;
  to: number;
  /** the report's subject: "Sơ kết 05 năm thực hiện Kết luận số 102-KL/TW …" */
  title: string;
  issuer: string[];
  issuerKind: 'party' | 'state';
  documentNumber: string;
  /** YYYY-MM-DD or null: the day of the close */
  reportDate: string | null;
  place: string;
  signer: Signer | null;
  recipients: string[] | null;
  narrative: Narrative;
  commendation: PeriodCommendationConfig;
}

export const PERIOD_STATUSES = ['open', 'closing', 'published', 'close_failed'] as const;
export type PeriodStatus = (typeof PERIOD_STATUSES)[number];

/** One published year of a period, from that year's latest published summary. */
export interface PeriodYear {
  year: number;
  revision: number;
  associations: { total: number; byLevel: ByLevel };
  special: { total: number };
  new: { total: number };
  dissolved: { total: number };
  members: number;
  reports: { expected: number; approved: number; onTime: number };
}

/** GET /periods/{code}/summary */
export interface PeriodSummary {
  code: string;
  from: number;
  to: number;
  missingYears: number[];
  years: PeriodYear[];
  /** the last published year less the first */
  change: { associations: number; members: number };
  commended: number;
}

/** What the period's commendation reads of an association's approved report in one published year. */
export interface AssociationYearResult {
  association: string;
  name: string;
  unit: string;
  unitName: string;
  level: Level;
  unitType: UnitType;
  rating: Rating;
  score: number;
  members: number;
}

/** Everything the period report's PDF needs; plain data, no I/O. */
export interface PeriodDocument {
  config: PeriodConfig;
  /** YYYY-MM-DD */
  reportDate: string;
  summary: PeriodSummary;
  /** the period's commended collectives; `score` is the mean score (two decimals) */
  commended: CommendedItem[];
  /** the words of the last published year's registry */
  scope: ReportScope;
}

/** The fields of a configuration that make a document's header, signature and sections. */
export type DocumentConfig = Pick<CycleConfig, 'issuer' | 'issuerKind' | 'documentNumber' | 'place' | 'signer' | 'recipients' | 'narrative'>;

/** One approved (or not) association as the close sees it. */
export interface AssociationState extends Association {
  level: Level;
  unitPath: string;
  status: ReportStatus | null;
  version: number;
  late: boolean;
  /** figures of the current version, when a version exists */
  figures: Figures | null;
  selfRating: Rating | null;
  nominate: boolean;
  /** set when approved */
  score: number | null;
  /** final rating, set when approved */
  rating: Rating | null;
  /** the `proposals` text of the current version as stored (NFC); '' when none or no version */
  proposals: string;
}

/** One row of `units` in the summary: the counts of the unit's whole subtree. */
export interface UnitRollup {
  code: string;
  name: string;
  level: Level;
  expected: number;
  submitted: number;
  approved: number;
  returned: number;
  missing: number;
  late: number;
  members: number;
}

export interface Summary {
  year: number;
  revision: number;
  publishedAt: string;
  specialLabel: string;
  associations: {
    total: number;
    byLevel: ByLevel;
    special: { total: number; byLevel: ByLevel };
    new: { total: number; byLevel: ByLevel };
    dissolved: { total: number; byLevel: ByLevel };
  };
  reports: {
    expected: number;
    submitted: number;
    approved: number;
    returned: number;
    missing: number;
    onTime: number;
    late: number;
  };
  /**
   * Sums over approved reports. `charityFundsVnd` is exact at any size: a number while it is
   * a safe integer, its decimal digits as a string beyond 2^53 (see exact-sum.ts).
   */
  figures: Omit<Figures, 'charityFundsVnd'> & { charityFundsVnd: ExactSum; membersByLevel: ByLevel };
  /** final ratings of approved reports of expected associations; every rating present */
  ratings: Record<Rating, { total: number; byLevel: ByLevel }>;
  units: UnitRollup[];
  previousYear: null | {
    year: number;
    associations: number;
    members: number;
    associationsChange: number;
    membersChange: number;
  };
  commended: number;
}

export interface CommendedItem {
  association: string;
  name: string;
  unit: string;
  unitName: string;
  level: Level;
  score: number;
  members: number;
  award: string;
}

/** An association listed in the report's appendix: expected but not in the totals. */
export interface AppendixItem {
  association: string;
  name: string;
  unit: string;
  unitName: string;
  level: Level;
  /** why it is not counted */
  reason: 'missing' | 'submitted' | 'returned';
}

export interface ProposalItem {
  association: string;
  name: string;
  unit: string;
  unitName: string;
  level: Level;
  text: string;
}

/**
 * The words a document uses for the locality and its levels, from the registry's unit types:
 * the root ("tỉnh", "thành phố", "quận"), and per level the types present there, in the
 * order of UNIT_TYPES ({ district: ["huyện", "thành phố"], commune: ["xã", "phường", "thị trấn"] }).
 */
export interface ReportScope {
  root: { code: string; name: string; level: Level; word: string };
  wordsByLevel: Record<Level, string[]>;
  /** the type word of each unit, by unit code */
  unitWords: Record<string, string>;
}

/** Everything the PDF renderer needs; plain data, no I/O. */
export interface ReportDocument {
  config: CycleConfig;
  /** YYYY-MM-DD: the date printed and used as the PDF CreationDate */
  reportDate: string;
  summary: Summary;
  /** the units listed in the completeness table (the province's direct children) */
  completenessUnits: UnitRollup[];
  commended: CommendedItem[];
  appendix: AppendixItem[];
  /** the associations' own proposals, in print order (orderProposals) */
  proposals: ProposalItem[];
  scope: ReportScope;
  /** a draft for the province to read before it publishes: every page carries "DỰ THẢO" */
  draft?: boolean;
}

export const emptyByLevel = (): ByLevel => ({ province: 0, district: 0, commune: 0 });
