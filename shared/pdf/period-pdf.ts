// A period review as a PDF: its plan (shared/document/period-plan.ts) laid out by the PDF
// writer. Pure: same PeriodDocument → same bytes.
import { buildPeriodPlan } from '../document/period-plan.ts';
import type { PeriodDocument } from '../domain/types.ts';
import { writePdf } from './pdf-writer.ts';

/** Renders a period review. Same input → byte-identical output; a bad input rejects. */
export async function renderPeriodPdf(doc: PeriodDocument): Promise<Buffer> {
  return writePdf(buildPeriodPlan(doc));
}
