// The steps of the year-end close as the province follows them (the cycle's `step`, SPEC
// section 3). One list: the state machine's states, the page, the demo and the API's
// messages all name the steps from here.
import type { Localized } from './localized.ts';

export const CLOSE_STEPS = ['Freeze', 'ReviewGate', 'RollupProvince', 'SelectCommendations', 'RenderReport', 'Published'] as const;

export type CloseStep = (typeof CLOSE_STEPS)[number];

/**
 * The steps of a close that waits for the province's sign-off (the configuration's
 * `signOff`), between SelectCommendations and the final RenderReport. Not in CLOSE_STEPS: a
 * draft may be rendered any number of times, so they are no stages of a progress bar.
 */
export const SIGN_OFF_STEPS = ['RenderDraft', 'AwaitSignOff'] as const;
export type SignOffStep = (typeof SIGN_OFF_STEPS)[number];

export const SIGN_OFF_STEP_LABELS: Readonly<Record<SignOffStep, Localized>> = {
  RenderDraft: { vi: 'Lập dự thảo báo cáo', en: 'Render the draft report' },
  AwaitSignOff: { vi: 'Chờ ban hành', en: 'Awaiting sign-off' },
};

export const CLOSE_STEP_LABELS: Readonly<Record<CloseStep, Localized>> = {
  Freeze: { vi: 'Khóa sổ, ngừng nhận báo cáo', en: 'Freeze: no more submissions' },
  ReviewGate: { vi: 'Kiểm tra báo cáo đã duyệt', en: 'Review gate' },
  RollupProvince: { vi: 'Tổng hợp số liệu các cấp', en: 'Aggregate every level' },
  SelectCommendations: { vi: 'Chọn tập thể được khen thưởng', en: 'Select the commended collectives' },
  RenderReport: { vi: 'Lập báo cáo PDF, Word, CSV, JSON', en: 'Render the PDF, Word, CSV and JSON' },
  Published: { vi: 'Công bố', en: 'Publish' },
};
