// The steps of the year-end close as the province follows them (the cycle's `step`, SPEC
// section 3). One list: the state machine's states, the page, the demo and the API's
// messages all name the steps from here.
import type { Localized } from './localized.ts';

export const CLOSE_STEPS = ['Freeze', 'ReviewGate', 'RollupProvince', 'SelectCommendations', 'RenderReport', 'Published'] as const;

export type CloseStep = (typeof CLOSE_STEPS)[number];

export const CLOSE_STEP_LABELS: Readonly<Record<CloseStep, Localized>> = {
  Freeze: { vi: 'Khóa sổ, ngừng nhận báo cáo', en: 'Freeze: no more submissions' },
  ReviewGate: { vi: 'Kiểm tra báo cáo đã duyệt', en: 'Review gate' },
  RollupProvince: { vi: 'Tổng hợp số liệu các cấp', en: 'Aggregate every level' },
  SelectCommendations: { vi: 'Chọn tập thể được khen thưởng', en: 'Select the commended collectives' },
  RenderReport: { vi: 'Lập báo cáo PDF, CSV, JSON', en: 'Render the PDF, CSV and JSON' },
  Published: { vi: 'Công bố', en: 'Publish' },
};
