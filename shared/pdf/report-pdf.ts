// The year-end report as a PDF: the report's plan (shared/document/report-plan.ts) laid out
// by the PDF writer (pdf-writer.ts). Pure: same ReportDocument → same bytes.
import { buildReportPlan } from '../document/report-plan.ts';
import type { ReportDocument } from '../domain/types.ts';
import { writePdf } from './pdf-writer.ts';

/** Renders the year-end report. Same input → byte-identical output; a bad input rejects. */
export async function renderReportPdf(input: ReportDocument): Promise<Buffer> {
  return writePdf(buildReportPlan(input));
}
