// The form's hints name the API's limits (shared/domain/labels.ts): the same numbers, written
// in the page's language, on the server (Vietnamese) and in the browser (the English swap).
import { REPORT_LIMITS } from '../../shared/domain/labels.ts';
import type { ReportFields } from '../../shared/domain/types.ts';
import { formatCount } from './format.ts';
import { form, translator, type Lang } from './i18n.ts';

const HINT_LIMITS: Partial<Record<keyof ReportFields, number>> = {
  members: REPORT_LIMITS.members,
  branches: REPORT_LIMITS.branches,
  achievements: REPORT_LIMITS.text,
  limitations: REPORT_LIMITS.text,
  proposals: REPORT_LIMITS.text,
  submittedBy: REPORT_LIMITS.submittedBy,
};

/** The hint under a form field, in lang. */
export function fieldHint(name: keyof ReportFields, lang: Lang): string {
  const limit = HINT_LIMITS[name];
  return translator(form, lang)(`h_${name}`, limit === undefined ? undefined : { max: formatCount(limit, lang) });
}
