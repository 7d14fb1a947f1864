// The "pdf" figures: the renderer alone on the heavy 10,000-association report, against
// headless Chromium printing the same content as HTML, and against pdfkit drawing the same
// rows with no logic. Every run is a fresh process, so each peak memory is its own.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import { median, round, runMeasured } from './measure.ts';
import { reportDocumentOf, syntheticProvince } from './synthetic.ts';
import { reportHtml } from './html-report.ts';
import { LAMBDA_LIKE_BUILD, projectRoot, scratchDir } from './paths.ts';

export const CHROMIUM = '/usr/bin/chromium';

export interface PdfRun {
  ms: number;
  pages: number;
  bytes: number;
  peakMiB: number;
}

export interface PdfFigures {
  associations: number;
  appendixRows: number;
  renderer: PdfRun & { pagesPerSecond: number; runs: number[] };
  naive: PdfRun & { runs: number[] };
  chromium: (PdfRun & { runs: number[] }) | { skipped: string };
  ratios: { chromiumOverRendererTime: number | null; chromiumOverRendererMemory: number | null; rendererOverNaive: number };
  /** the close's own report at the largest tier (all approved), rendered once: its peak against RenderReport's memory */
  closeReport?: PdfRun & { associations: number; lambdaMiB: number; docx: { ms: number; bytes: number; peakMiB: number } };
}

async function bundleChild(): Promise<string> {
  const out = join(scratchDir(), 'pdf-child.mjs');
  await esbuild.build({
    entryPoints: [join(projectRoot, 'bench', 'pdf-child.ts')],
    ...LAMBDA_LIKE_BUILD,
    external: ['@aws-sdk/*'],
    outfile: out,
  });
  // pdfkit reads its sRGB profile (PDF/A) from ./data beside the bundle, as on Lambda.
  mkdirSync(join(scratchDir(), 'data'), { recursive: true });
  copyFileSync(join(projectRoot, 'node_modules', 'pdfkit', 'js', 'data', 'sRGB_IEC61966_2_1.icc'), join(scratchDir(), 'data', 'sRGB_IEC61966_2_1.icc'));
  return out;
}

async function runChild(child: string, mode: 'renderer' | 'naive' | 'docx', docFile: string, outFile: string): Promise<PdfRun> {
  const run = await runMeasured(process.execPath, [child, mode, docFile, outFile], { timeoutMs: 300_000 });
  if (run.code !== 0) throw new Error(`pdf-child ${mode} failed: ${run.stderr}`);
  const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { ms: number; pages: number; bytes: number; maxRssBytes: number };
  return { ms: result.ms, pages: result.pages, bytes: result.bytes, peakMiB: Math.max(result.maxRssBytes, run.peakTreeBytes) / 2 ** 20 };
}

function pdfPages(file: string): number {
  try {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

async function runChromium(htmlFile: string, outFile: string): Promise<PdfRun> {
  const profile = mkdtempSync(join(tmpdir(), 'tongket-bench-chromium-'));
  try {
    const run = await runMeasured(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        '--no-pdf-header-footer',
        `--print-to-pdf=${outFile}`,
        `file://${htmlFile}`,
      ],
      { timeoutMs: 600_000 },
    );
    if (!existsSync(outFile)) throw new Error(`chromium wrote no PDF (exit ${run.code}): ${run.stderr.slice(-2000)}`);
    const { statSync } = await import('node:fs');
    return { ms: run.wallMs, pages: pdfPages(outFile), bytes: statSync(outFile).size, peakMiB: run.peakTreeBytes / 2 ** 20 };
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

const best = <T extends PdfRun>(runs: T[]): T & { runs: number[] } => {
  const ms = median(runs.map((r) => r.ms));
  const at = runs.find((r) => r.ms === ms) ?? runs[0]!;
  return { ...at, peakMiB: Math.max(...runs.map((r) => r.peakMiB)), runs: runs.map((r) => round(r.ms, 1)) };
};

export async function pdfBench(options: { associations: number; runs: number; chromiumRuns: number; closeReport?: { associations: number; lambdaMiB: number }; log: (line: string) => void }): Promise<PdfFigures> {
  const dir = join(scratchDir(), 'pdf');
  mkdirSync(dir, { recursive: true });
  // The heavy case: none of the associations approved, so the appendix lists every one of them.
  const doc = reportDocumentOf(syntheticProvince(options.associations, 2030, 'none-approved'));
  const docFile = join(dir, 'document.json');
  writeFileSync(docFile, JSON.stringify(doc));
  const htmlFile = join(dir, 'report.html');
  writeFileSync(htmlFile, reportHtml(doc));
  const child = await bundleChild();

  const renderer: PdfRun[] = [];
  const naive: PdfRun[] = [];
  for (let i = 0; i < options.runs; i++) {
    renderer.push(await runChild(child, 'renderer', docFile, join(dir, 'renderer.pdf')));
    naive.push(await runChild(child, 'naive', docFile, join(dir, 'naive.pdf')));
    options.log(`  pdf run ${i + 1}: renderer ${round(renderer.at(-1)!.ms)} ms, naive ${round(naive.at(-1)!.ms)} ms`);
  }
  let chromium: PdfFigures['chromium'];
  if (options.chromiumRuns === 0) chromium = { skipped: 'not run (quick)' };
  else if (!existsSync(CHROMIUM)) chromium = { skipped: `${CHROMIUM} not found` };
  else {
    const runs: PdfRun[] = [];
    for (let i = 0; i < options.chromiumRuns; i++) {
      runs.push(await runChromium(htmlFile, join(dir, 'chromium.pdf')));
      options.log(`  chromium run ${i + 1}: ${round(runs.at(-1)!.ms)} ms, ${round(runs.at(-1)!.peakMiB)} MiB`);
    }
    chromium = best(runs);
  }
  let closeReport: PdfFigures['closeReport'];
  if (options.closeReport) {
    const { associations, lambdaMiB } = options.closeReport;
    const closeDoc = join(dir, `close-${associations}.json`);
    writeFileSync(closeDoc, JSON.stringify(reportDocumentOf(syntheticProvince(associations, 2030, 'all-approved'))));
    const docx = await runChild(child, 'docx', closeDoc, join(dir, 'close.docx'));
    closeReport = { ...(await runChild(child, 'renderer', closeDoc, join(dir, 'close.pdf'))), associations, lambdaMiB, docx: { ms: docx.ms, bytes: docx.bytes, peakMiB: docx.peakMiB } };
    options.log(`  the ${associations}-association close's report: PDF ${round(closeReport.ms)} ms, ${closeReport.pages} pages, ${round(closeReport.peakMiB)} MiB peak; Word ${round(docx.ms)} ms, ${round(docx.peakMiB)} MiB peak (Lambda ${lambdaMiB} MiB)`);
  }
  const r = best(renderer);
  const nv = best(naive);
  const c = 'skipped' in chromium ? null : chromium;
  return {
    associations: options.associations,
    appendixRows: doc.appendix.length,
    renderer: { ...r, pagesPerSecond: r.pages / (r.ms / 1000) },
    naive: nv,
    chromium,
    ratios: {
      chromiumOverRendererTime: c ? c.ms / r.ms : null,
      chromiumOverRendererMemory: c ? c.peakMiB / r.peakMiB : null,
      rendererOverNaive: r.ms / nv.ms,
    },
    ...(closeReport ? { closeReport } : {}),
  };
}
