// RenderReport: the summary JSON, the commended list (JSON and CSV), the PDF and the Word file
// of a close. A module of its own: only this Task's bundle carries pdfkit, docx and the fonts.
import { now } from '../adapters/clock.ts';
import { getFile, putFile, sha256Hex } from '../adapters/files.ts';
import { getUnits } from '../adapters/registry-store.ts';
import { getCycle, type CycleRecord } from '../adapters/cycle-store.ts';
import { getRevision } from '../adapters/revision-store.ts';
import { buildSummary, type SubtreeAggregate } from '../domain/aggregate.ts';
import { orderAppendix, orderProposals } from '../domain/appendix.ts';
import { commendedCsv } from '../domain/commended-csv.ts';
import { withProvinceName } from '../domain/cycle-config.ts';
import { specialLabelFor } from '../domain/registry.ts';
import { reportScope } from '../domain/report-scope.ts';
import type { CommendedItem, ReportDocument, Summary } from '../domain/types.ts';
import { DOCX_TYPE, renderReportDocx } from '../docx/report-docx.ts';
import { renderReportPdf } from '../pdf/report-pdf.ts';
import { CloseError, closingCycle, provinceOf, provinceTotal, publishedFiles, readWork, recordCurrentStep, type CloseKeys, type PublishKeys } from './close.ts';
import { todayInVietnam } from './common.ts';
import { draftFiles } from './draft.ts';

/**
 * RenderReport: the summary JSON, the commended list (JSON and CSV), the PDF and the same
 * report as a Word file (SPEC section 11), both written from one document plan. Answers
 * the SHA-256 of each file as written, for Publish to record with the revision: a file that
 * later differs from its digest is refused when served.
 */
export async function renderReport(input: CloseKeys): Promise<PublishKeys> {
  const cycle = await closingCycle(input.year);
  await recordCurrentStep(input.year, 'RenderReport');
  const sha256 = await renderFiles(input, cycle, publishedFiles(input.year, input.revision), false);
  return { year: input.year, revision: input.revision, sha256 };
}

/**
 * RenderDraft (sign-off): the same files from the same data, the PDF marked "DỰ THẢO", under the
 * revision's draft/ prefix. The cycle may already be `draft` (a draft rendered again after a
 * PATCH). Answers the documentVersion it rendered, read with the configuration in one read, so
 * that AwaitSignOff can tell whether the details changed meanwhile.
 */
export async function renderDraft(input: CloseKeys): Promise<CloseKeys & { documentVersion: number }> {
  const cycle = await closingCycle(input.year, ['closing', 'draft']);
  await recordCurrentStep(input.year, 'RenderDraft', ['closing', 'draft']);
  await renderFiles(input, cycle, draftFiles(input.year, input.revision), true);
  return { year: input.year, revision: input.revision, documentVersion: cycle.documentVersion ?? 0 };
}

/** The one rendering of both: a draft differs from the final files by its mark and its keys only. */
async function renderFiles(input: CloseKeys, cycle: CycleRecord, files: ReturnType<typeof draftFiles> & { results?: string }, draft: boolean): Promise<PublishKeys['sha256']> {
  const unitsRead = getUnits(input.year, cycle.registryVersion);
  const [units, total, commended, previousYear] = await Promise.all([
    unitsRead,
    unitsRead.then((read) => provinceTotal(input, read)),
    readWork<CommendedItem[]>(input, 'commended'),
    previousYearFigures(input.year),
  ]);
  const results = resultsToWrite(input, total, files.results, draft);
  const province = provinceOf(units);
  // The request time of this revision's close, kept across retries: same data, same files.
  const publishedAt = cycle.closeRequestedAt ?? now().toISOString();
  const summary = buildSummary({
    year: input.year,
    revision: input.revision,
    publishedAt,
    specialLabel: specialLabelFor(input.year, cycle.config.specialLabel),
    province,
    provinceAggregate: total,
    previousYear,
    commendedCount: commended.length,
  });
  const reportDate = cycle.config.reportDate ?? todayInVietnam(new Date(publishedAt));
  const childCodes = new Set(units.filter((u) => u.parentCode === province.code).map((u) => u.code));
  const document: ReportDocument = {
    config: withProvinceName(cycle.config, province.name),
    reportDate,
    summary,
    completenessUnits: summary.units.filter((u) => childCodes.has(u.code)),
    commended,
    appendix: orderAppendix(total.appendix),
    proposals: orderProposals(total.proposals),
    scope: reportScope(units),
    ...(draft ? { draft: true } : {}),
  };
  const pdf = await renderReportPdf(document);
  const docx = await renderReportDocx(document);
  const [pdfSha, docxSha, csvSha, jsonSha, commendationsSha, resultsSha] = await Promise.all([
    putFile(files.pdf, pdf, 'application/pdf'),
    putFile(files.docx, docx, DOCX_TYPE),
    putFile(files.csv, commendedCsv(commended, document.scope.unitWords), 'text/csv; charset=utf-8'),
    putFile(files.json, `${JSON.stringify(summary, null, 2)}\n`, 'application/json; charset=utf-8'),
    putFile(files.commendations, JSON.stringify({ year: input.year, revision: input.revision, items: commended }), 'application/json; charset=utf-8'),
    results ? putFile(results.key, JSON.stringify({ year: input.year, revision: input.revision, items: results.items }), 'application/json; charset=utf-8') : undefined,
  ]);
  return { pdf: pdfSha, docx: docxSha, csv: csvSha, json: jsonSha, commendations: commendationsSha, ...(resultsSha !== undefined ? { results: resultsSha } : {}) };
}

/**
 * The approved results a period review reads (SPEC section 12): with the published files only,
 * a draft has none. Checked before anything is drawn or written.
 */
function resultsToWrite(input: CloseKeys, total: SubtreeAggregate, key: string | undefined, draft: boolean): { key: string; items: unknown[] } | null {
  if (draft || key === undefined) return null;
  if (!Array.isArray(total.results)) throw new CloseError(`The rollup of ${input.year} revision ${input.revision} has no results: close again`);
  return { key, items: total.results };
}

async function previousYearFigures(year: number): Promise<{ year: number; associations: number; members: number } | null> {
  const previous = await getCycle(year - 1);
  if (!previous || previous.revision < 1) return null;
  const body = await getFile(publishedFiles(year - 1, previous.revision).json);
  if (!body) return null;
  const recorded = (await getRevision(year - 1, previous.revision))?.sha256?.json;
  if (recorded !== undefined && sha256Hex(body) !== recorded) {
    throw new CloseError(`The published summary of ${year - 1} (revision ${previous.revision}) no longer matches its recorded SHA-256; it is not compared with`);
  }
  const summary = JSON.parse(body.toString('utf8')) as Summary;
  return { year: year - 1, associations: summary.associations.total, members: summary.figures.members };
}
