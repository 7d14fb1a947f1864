// RenderPeriod: the period's summary JSON, commended list (JSON and CSV), PDF and Word file. A
// module of its own so that only this Task's bundle carries pdfkit, docx and the fonts.
import { now } from '../adapters/clock.ts';
import { putFile } from '../adapters/files.ts';
import { commendedCsv } from '../domain/commended-csv.ts';
import { withProvinceName } from '../domain/cycle-config.ts';
import { periodSummary } from '../domain/period.ts';
import type { CommendedItem, PeriodDocument } from '../domain/types.ts';
import { DOCX_TYPE, renderPeriodDocx } from '../docx/report-docx.ts';
import { renderPeriodPdf } from '../pdf/period-pdf.ts';
import { todayInVietnam } from './common.ts';
import { closingPeriod, periodFiles, readPeriodWork, type PeriodKeys, type PeriodPublishKeys, type PeriodYearsWork } from './period-close.ts';
import { updatePeriod } from '../adapters/period-store.ts';

/**
 * Same work files and same first request time, same bytes: a close resumed after close_failed
 * writes identical files (publishedAt and the default report date come from the first request).
 */
export async function renderPeriod(input: PeriodKeys): Promise<PeriodPublishKeys> {
  const period = await closingPeriod(input.code);
  await updatePeriod(input.code, { step: 'RenderPeriod' }, { expectStatus: ['closing'] });
  const [work, commended] = await Promise.all([readPeriodWork<PeriodYearsWork>(input, 'years'), readPeriodWork<CommendedItem[]>(input, 'commended')]);
  const publishedAt = period.closeRequestedAt ?? now().toISOString();
  const summary = periodSummary(period.config, work.years.map((y) => y.summary), commended.length);
  const document: PeriodDocument = {
    config: withProvinceName(period.config, work.lastYear.provinceName),
    reportDate: period.config.reportDate ?? todayInVietnam(new Date(publishedAt)),
    summary,
    commended,
    scope: work.lastYear.scope,
  };
  const files = periodFiles(input.code, input.revision);
  const pdf = await renderPeriodPdf(document);
  const docx = await renderPeriodDocx(document);
  const [pdfSha, docxSha, csvSha, jsonSha, commendationsSha] = await Promise.all([
    putFile(files.pdf, pdf, 'application/pdf'),
    putFile(files.docx, docx, DOCX_TYPE),
    putFile(files.csv, commendedCsv(commended, work.lastYear.scope.unitWords), 'text/csv; charset=utf-8'),
    putFile(files.json, `${JSON.stringify({ ...summary, revision: input.revision, publishedAt }, null, 2)}\n`, 'application/json; charset=utf-8'),
    putFile(files.commendations, JSON.stringify({ code: input.code, revision: input.revision, items: commended }), 'application/json; charset=utf-8'),
  ]);
  return { code: input.code, revision: input.revision, sha256: { pdf: pdfSha, docx: docxSha, csv: csvSha, json: jsonSha, commendations: commendationsSha } };
}
