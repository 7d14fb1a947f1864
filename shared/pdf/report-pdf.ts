// The year-end report as a PDF: the report's plan (shared/document/report-plan.ts) laid out
// by the PDF writer (pdf-writer.ts). Pure: same ReportDocument → same bytes.
import { buildReportPlan } from '../document/report-plan.ts';
import type { ReportDocument } from '../domain/types.ts';
import { writePdf } from './pdf-writer.ts';

/** Renders the year-end report. Same input → byte-identical output. */
export function renderReportPdf(input: ReportDocument): Promise<Buffer> {
  let plan;
  try {
    plan = buildReportPlan(input);
  } catch (err) {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
  }
  return writePdf(plan);
}
