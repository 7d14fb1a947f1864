// One PDF rendering in a fresh process, so that its peak memory is its own:
//   node pdf-child.mjs <renderer|naive|docx> <document.json> <out.pdf>
// prints {"ms","pages","bytes","maxRssBytes"} on stdout. Bundled by bench/pdf.ts with esbuild
// the way the render-report Lambda is bundled.
import { readFileSync, writeFileSync } from 'node:fs';
import type { ReportDocument } from '../shared/domain/types.ts';
import { renderReportPdf } from '../shared/pdf/report-pdf.ts';
import { loadFonts } from '../shared/pdf/fonts.ts';
import { buildReportPlan } from '../shared/document/report-plan.ts';
import { drawPlanNaively } from './naive-pdf.ts';
import { ownPeakRssBytes } from './measure.ts';
import { renderReportDocx } from '../shared/docx/report-docx.ts';

const [mode, input, output] = process.argv.slice(2);
if ((mode !== 'renderer' && mode !== 'naive' && mode !== 'docx') || !input || !output) {
  console.error('usage: pdf-child <renderer|naive|docx> <document.json> <out.pdf>');
  process.exit(2);
}
const doc = JSON.parse(readFileSync(input, 'utf8')) as ReportDocument;
loadFonts(); // reading the TTF files is not drawing
const started = performance.now();
let bytes: Buffer;
let pages: number;
if (mode === 'renderer') {
  bytes = await renderReportPdf(doc);
  pages = (bytes.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
} else if (mode === 'docx') {
  // the Word file RenderReport writes beside the PDF, in the same process
  bytes = await renderReportDocx(doc);
  pages = 0;
} else {
  ({ bytes, pages } = await drawPlanNaively(buildReportPlan(doc)));
}
const ms = performance.now() - started;
writeFileSync(output, bytes);
process.stdout.write(`${JSON.stringify({ ms, pages, bytes: bytes.length, maxRssBytes: ownPeakRssBytes() })}\n`);
