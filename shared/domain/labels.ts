// Labels, limits and defaults that pages and documents print. No schema library here: the
// pages bundle them without the validation code (see BENCHMARKS.md, bundles).
import type { Localized } from './localized.ts';
import type { AppendixItem, Level, Rating, ReportFields, UnitType } from './types.ts';

/** The one table of level labels: in a table cell or a list ("Cấp tỉnh"). */
export const LEVEL_LABELS: Record<Level, Localized> = {
  province: { vi: 'Cấp tỉnh', en: 'Province level' },
  district: { vi: 'Cấp huyện', en: 'District level' },
  commune: { vi: 'Cấp xã', en: 'Commune level' },
};

/** A level inside a Vietnamese sentence: "cấp tỉnh" (the label, lower-cased). */
export function levelWord(level: Level): string {
  return LEVEL_LABELS[level].vi.toLocaleLowerCase('vi');
}

/** A unit's type as a word inside a Vietnamese sentence: "toàn quận", "UBND phường". */
export const UNIT_TYPE_WORDS: Record<UnitType, string> = {
  tinh: 'tỉnh',
  thanh_pho: 'thành phố',
  huyen: 'huyện',
  quan: 'quận',
  thi_xa: 'thị xã',
  xa: 'xã',
  phuong: 'phường',
  thi_tran: 'thị trấn',
  dac_khu: 'đặc khu',
};

/** The level of an association by its own unit's type, in a table cell or a list ("Cấp phường"). */
const UNIT_TYPE_LEVEL_EN: Record<UnitType, string> = {
  tinh: 'Province level',
  thanh_pho: 'City level',
  huyen: 'District level',
  quan: 'Urban district level',
  thi_xa: 'Town level',
  xa: 'Commune level',
  phuong: 'Ward level',
  thi_tran: 'Township level',
  dac_khu: 'Special zone level',
};
export const UNIT_TYPE_LEVEL_LABELS = Object.fromEntries(
  Object.entries(UNIT_TYPE_WORDS).map(([type, word]) => [type, { vi: `Cấp ${word}`, en: UNIT_TYPE_LEVEL_EN[type as UnitType] }]),
) as Record<UnitType, Localized>;

const TYPE_PREFIXES = Object.entries(UNIT_TYPE_WORDS).map(([type, word]) => [type as UnitType, `${word} `] as const);

/**
 * The type a unit's name starts with ("Thị xã Mường Lay" → thi_xa, "Quận 8" → quan), or
 * null. The word must be followed by a space, so "Xãxyz" or a bare "Phường" name no type;
 * case does not matter and the name is read in NFC, as the registry stores it.
 */
export function unitTypeFromName(name: string): UnitType | null {
  const lower = name.normalize('NFC').trim().toLocaleLowerCase('vi');
  for (const [type, prefix] of TYPE_PREFIXES) {
    if (lower.startsWith(prefix)) return type;
  }
  return null;
}

/** Why an expected association is in the report's appendix. */
export const APPENDIX_REASON_LABELS: Record<AppendixItem['reason'], Localized> = {
  missing: { vi: 'Chưa nộp báo cáo', en: 'No report submitted' },
  submitted: { vi: 'Chưa được duyệt', en: 'Not yet approved' },
  returned: { vi: 'Bị trả lại', en: 'Returned' },
};

/** A report's status in a list or a cell ('missing': no report submitted). */
export const REPORT_STATUS_LABELS: Record<'missing' | 'submitted' | 'approved' | 'returned', Localized> = {
  missing: { vi: 'Chưa nộp', en: 'Not submitted' },
  submitted: { vi: 'Chờ duyệt', en: 'Awaiting review' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
  returned: { vi: 'Bị trả lại', en: 'Returned' },
};

export const REPORT_FIELD_LABELS: Record<keyof ReportFields, Localized> = {
  members: { vi: 'Số hội viên (đến 31/12)', en: 'Members (as of 31 December)' },
  newMembers: { vi: 'Hội viên mới kết nạp trong năm', en: 'New members admitted during the year' },
  branches: { vi: 'Số chi hội, cơ sở hội', en: 'Branches and grassroots units' },
  charityEvents: { vi: 'Hoạt động nhân đạo, từ thiện', en: 'Humanitarian and charity activities' },
  charityFundsVnd: { vi: 'Kinh phí vận động (đồng)', en: 'Funds raised (VND)' },
  legalEducationSessions: { vi: 'Buổi tuyên truyền, phổ biến pháp luật', en: 'Legal education sessions' },
  selfRating: { vi: 'Tự đánh giá', en: 'Self-assessment' },
  nominate: { vi: 'Đề nghị khen thưởng tập thể', en: 'Nominated for collective commendation' },
  achievements: { vi: 'Thành tích nổi bật', en: 'Outstanding achievements' },
  limitations: { vi: 'Hạn chế', en: 'Shortcomings' },
  proposals: { vi: 'Kiến nghị, đề xuất', en: 'Recommendations and proposals' },
  submittedBy: { vi: 'Người báo cáo', en: 'Reported by' },
};

export const RATING_LABELS: Record<Rating, Localized> = {
  excellent: { vi: 'Hoàn thành xuất sắc nhiệm vụ', en: 'Completed its tasks excellently' },
  good: { vi: 'Hoàn thành tốt nhiệm vụ', en: 'Completed its tasks well' },
  completed: { vi: 'Hoàn thành nhiệm vụ', en: 'Completed its tasks' },
  not_completed: { vi: 'Không hoàn thành nhiệm vụ', en: 'Did not complete its tasks' },
};

export const REPORT_LIMITS = {
  members: 10_000_000,
  branches: 100_000,
  charityEvents: 1_000_000,
  charityFundsVnd: 10 ** 13,
  legalEducationSessions: 1_000_000,
  text: 5_000,
  submittedBy: 200,
} as const;

export const DEFAULT_ISSUER: readonly string[] = ['ỦY BAN NHÂN DÂN TỈNH'];
/** The usual blank number left for the clerk's office to fill in by hand. */
export const DEFAULT_DOCUMENT_NUMBER = 'Số:      /BC';
/** Where an award template names the authority by the type of the association's unit. */
export const AWARD_TYPE_PLACEHOLDER = '{type}';
/**
 * Award templates by level (SPEC section 6): `{type}` becomes the word of the association's
 * own unit, so a district-level association of "Thành phố Lai Châu" gets "… UBND thành phố".
 */
export const DEFAULT_AWARDS: Readonly<Record<Level, string>> = {
  province: 'Bằng khen của Chủ tịch UBND {type}',
  district: 'Giấy khen của Chủ tịch UBND {type}',
  commune: 'Giấy khen của Chủ tịch UBND {type}',
};

/** The award an association gets: every `{type}` of the template replaced by its unit's word. */
export function awardFor(template: string, unitType: UnitType): string {
  return template.replaceAll(AWARD_TYPE_PLACEHOLDER, UNIT_TYPE_WORDS[unitType]);
}
export const DEFAULT_QUOTA_PERCENT = 20;
export const DEFAULT_MIN_SCORE = 90;
