// The year-end report and a period review as Word documents: the same plans as the PDFs
// (shared/document/report-plan.ts, period-plan.ts), laid out by the Word writer. Pure: same
// document → same bytes.
import { buildPeriodPlan } from '../document/period-plan.ts';
import { buildReportPlan } from '../document/report-plan.ts';
import type { PeriodDocument, ReportDocument } from '../domain/types.ts';
import { textMeasure } from '../pdf/measure.ts';
import { writeDocx } from './docx-writer.ts';

export { DOCX_TYPE } from './types.ts';

/** Renders the year-end report. Same input → byte-identical output; a bad input rejects. */
export async function renderReportDocx(input: ReportDocument): Promise<Buffer> {
  return writeDocx(buildReportPlan(input), textMeasure());
}

/** Renders a period review. Same input → byte-identical output. */
export async function renderPeriodDocx(doc: PeriodDocument): Promise<Buffer> {
  return writeDocx(buildPeriodPlan(doc), textMeasure());
}
