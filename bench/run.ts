// `tongket bench` / `npm run bench`: every figure of BENCHMARKS.md on the embedded stack,
// each as a ratio against a floor measured in the same run. Prints a table and writes
// bench/results.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startEmbeddedStack } from '../infra/local/runtime.ts';
import { signToken } from '../shared/auth/tokens.ts';
import { currentKeyOf, readKeySetFile } from '../shared/adapters/signing-key.ts';
import { bundleBench, type BundleFigures } from './bundles.ts';
import { closeBench, type CloseFigures } from './close.ts';
import { machine, round } from './measure.ts';
import { exportsBench, type ExportFigures } from './exports.ts';
import { formWeightPart } from './form-weight.ts';
import { pdfBench, type PdfFigures } from './pdf.ts';
import { MEMORY_MB } from '../infra/stack.ts';
import { submitBench, type SubmitFigures } from './submit.ts';

export interface BenchOptions {
  quick: boolean;
  out: string;
  /** parts to run (default all) */
  only?: ('submit' | 'close' | 'pdf' | 'bundles' | 'exports')[];
  /** bundle only these jobs (the smoke test); default every folder under functions/ */
  bundleJobs?: string[];
  log?: (line: string) => void;
}

export interface BenchSizes {
  submissions: number;
  warmup: number;
  concurrency: number;
  closeTiers: number[];
  pdfAssociations: number;
  pdfRuns: number;
  chromiumRuns: number;
  initRuns: number;
  /** the office workbook: associations, runs, and whether exceljs's in-memory writer runs too */
  exportAssociations: number;
  exportRuns: number;
  exportModel: boolean;
}

export const FULL: BenchSizes = {
  submissions: 5_000,
  warmup: 300,
  concurrency: 32,
  closeTiers: [1_000, 10_000, 50_000],
  pdfAssociations: 10_000,
  pdfRuns: 5,
  chromiumRuns: 2,
  initRuns: 5,
  exportAssociations: 50_000,
  exportRuns: 2,
  exportModel: true,
};

export const QUICK: BenchSizes = {
  submissions: 60,
  warmup: 10,
  concurrency: 8,
  closeTiers: [60, 300],
  pdfAssociations: 200,
  pdfRuns: 1,
  chromiumRuns: 0,
  initRuns: 1,
  exportAssociations: 500,
  exportRuns: 1,
  exportModel: false,
};

export const TARGETS = {
  submitRatioMin: 0.7,
  closeRatioMax: 1.3,
  closeGrowthMax: 5.5,
  pdfChromiumTimeMin: 10,
  pdfChromiumMemoryMin: 10,
  pdfNaiveMax: 1.3,
  apiBundleMaxBytes: 850 * 1024, // the AWS SDK bundled (infra/stack.ts): ~410–560 KB of the clients a job uses, on the ≤ 250 KB of ours (BENCHMARKS.md)
  apiInitRatioMax: 1.5,
  /** the workbook's peak memory, as a share of the export-workbook Lambda's */
  exportPeakShareMax: 0.5,
};

export interface BenchResults {
  version: 1;
  startedAt: string;
  durationS: number;
  mode: 'full' | 'quick';
  machine: Record<string, unknown>;
  sizes: BenchSizes;
  targets: typeof TARGETS;
  submit?: SubmitFigures;
  close?: { tiers: CloseFigures[]; growth50kOver10k: number | null };
  pdf?: PdfFigures;
  bundles?: BundleFigures;
  exports?: ExportFigures;
  verdicts: { figure: string; value: number | null; target: string; met: boolean | null }[];
}

export async function runBench(options: BenchOptions): Promise<BenchResults> {
  const log = options.log ?? ((line: string) => console.log(line));
  const sizes = options.quick ? QUICK : FULL;
  const parts = new Set(options.only ?? ['submit', 'close', 'pdf', 'bundles', 'exports']);
  const started = Date.now();
  const results: BenchResults = {
    version: 1,
    startedAt: new Date(started).toISOString(),
    durationS: 0,
    mode: options.quick ? 'quick' : 'full',
    machine: machine(),
    sizes,
    targets: TARGETS,
    verdicts: [],
  };

  if (parts.has('submit') || parts.has('close')) {
    const dataDir = mkdtempSync(join(tmpdir(), 'tongket-bench-'));
    // Real time, not the demo's simulated clock.
    delete process.env.TONGKET_CLOCK_START;
    const stack = await startEmbeddedStack({ dataDir, port: 0 });
    try {
      const key = currentKeyOf(readKeySetFile(stack.signingKeyFile));
      const provinceToken = await signToken({ role: 'province', unit: 'BT' }, key, 4 * 3600);
      if (parts.has('submit')) {
        log(`submit: ${sizes.submissions} submissions at concurrency ${sizes.concurrency}`);
        results.submit = await submitBench({
          url: stack.url,
          signingKey: key,
          provinceToken,
          count: sizes.submissions,
          warmup: sizes.warmup,
          concurrency: sizes.concurrency,
          years: [2040, 2041],
          log,
        });
      }
      if (parts.has('close')) {
        log(`close: ${sizes.closeTiers.join(', ')} associations`);
        const tiers: CloseFigures[] = [];
        for (const [i, size] of sizes.closeTiers.entries()) {
          tiers.push(await closeBench({ url: stack.url, provinceToken, size, year: 2050 + i, log }));
        }
        const at = (n: number) => tiers.find((t) => t.associations === n);
        const t10 = at(10_000);
        const t50 = at(50_000);
        results.close = { tiers, growth50kOver10k: t10 && t50 ? round(t50.closeMs / t10.closeMs, 2) : null };
      }
    } finally {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }
  if (parts.has('pdf')) {
    log(`pdf: the ${sizes.pdfAssociations}-association report with every association in the appendix`);
    results.pdf = await pdfBench({ associations: sizes.pdfAssociations, runs: sizes.pdfRuns, chromiumRuns: sizes.chromiumRuns, log });
  }
  if (parts.has('exports')) {
    log(`exports: the office workbook of ${sizes.exportAssociations} associations`);
    results.exports = await exportsBench({ associations: sizes.exportAssociations, runs: sizes.exportRuns, model: sizes.exportModel, lambdaMiB: MEMORY_MB['export-workbook'] ?? 512, log });
  }
  if (parts.has('bundles')) {
    log('bundles: every Lambda, minified, and its init time');
    results.bundles = await bundleBench({ runs: sizes.initRuns, jobs: options.bundleJobs, log });
  }
  // The AWS SDK external vs bundled (issue 17): its own part, `--only sdk`, not in the default list.
  if ((parts as Set<string>).has('sdk')) Object.assign(results, { sdk: await (await import('./sdk.ts')).sdkBench({ runs: Math.max(sizes.initRuns, 3), log }) });
  results.durationS = round((Date.now() - started) / 1000, 1);
  results.verdicts = verdicts(results);
  if (options.only ? (options.only as string[]).includes('form') : !options.quick) await formWeightPart(results, log);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, `${JSON.stringify(results, null, 2)}\n`);
  log('');
  log(formatTable(results));
  log(`\nwritten ${options.out} (${results.durationS} s)`);
  return results;
}

function verdicts(r: BenchResults): BenchResults['verdicts'] {
  const out: BenchResults['verdicts'] = [];
  const push = (figure: string, value: number | null, target: string, met: (v: number) => boolean) =>
    out.push({ figure, value, target, met: value === null ? null : met(value) });
  if (r.submit) push('submit: HTTP / floor throughput', r.submit.ratio, `≥ ${TARGETS.submitRatioMin}`, (v) => v >= TARGETS.submitRatioMin);
  if (r.close) {
    for (const t of r.close.tiers) {
      push(`close ${t.associations}: close / floor`, t.ratio, t.associations >= 10_000 ? `≤ ${TARGETS.closeRatioMax}` : '(no target)', (v) => t.associations < 10_000 || v <= TARGETS.closeRatioMax);
    }
    push('close growth 50k / 10k', r.close.growth50kOver10k, `≤ ${TARGETS.closeGrowthMax}`, (v) => v <= TARGETS.closeGrowthMax);
  }
  if (r.pdf) {
    push('pdf: Chromium / renderer time', r.pdf.ratios.chromiumOverRendererTime, `≥ ${TARGETS.pdfChromiumTimeMin}`, (v) => v >= TARGETS.pdfChromiumTimeMin);
    push('pdf: Chromium / renderer memory', r.pdf.ratios.chromiumOverRendererMemory, `≥ ${TARGETS.pdfChromiumMemoryMin}`, (v) => v >= TARGETS.pdfChromiumMemoryMin);
    push('pdf: renderer / naive pdfkit time', r.pdf.ratios.rendererOverNaive, `≤ ${TARGETS.pdfNaiveMax}`, (v) => v <= TARGETS.pdfNaiveMax);
  }
  if (r.exports) {
    const e = r.exports;
    push(`exports ${e.associations}: peak / Lambda memory`, round(e.streaming.peakMiB / e.lambdaMiB, 3), `≤ ${TARGETS.exportPeakShareMax}`, (v) => v <= TARGETS.exportPeakShareMax);
  }
  if (r.bundles) {
    const api = r.bundles.functions.filter((f) => f.api);
    if (api.length > 0) push('API bundles: largest (KB)', round(Math.max(...api.map((f) => f.bytes)) / 1024, 1), `≤ ${TARGETS.apiBundleMaxBytes / 1024}`, (v) => v <= TARGETS.apiBundleMaxBytes / 1024);
    if (api.length > 0) push('API bundles: worst init / empty', Math.max(...api.map((f) => f.initRatio)), `≤ ${TARGETS.apiInitRatioMax}`, (v) => v <= TARGETS.apiInitRatioMax);
  }
  return out;
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const lpad = (s: string, n: number) => (s.length >= n ? s : ' '.repeat(n - s.length) + s);
const fmt = (x: number | null | undefined, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? '—' : String(round(x, d)));

export function formatTable(r: BenchResults): string {
  const lines: string[] = [];
  const m = r.machine as { cpus: number; cpuModel: string; memoryGiB: number; node: string };
  lines.push(`Tổng kết bench (${r.mode}) — ${m.cpus} × ${m.cpuModel}, ${m.memoryGiB} GiB, Node ${m.node}`);
  if (r.submit) {
    const s = r.submit;
    lines.push('', 'submit            req     conc  req/s    p50 ms  p99 ms  errors');
    for (const [name, f] of [['HTTP', s.http], ['floor (SDK)', s.floor]] as const) {
      lines.push(`  ${pad(name, 14)}${lpad(String(f.requests), 6)}${lpad(String(f.concurrency), 7)}${lpad(fmt(f.throughput, 1), 8)}${lpad(fmt(f.p50Ms), 9)}${lpad(fmt(f.p99Ms), 8)}${lpad(String(f.errors), 8)}`);
    }
    lines.push(`  ratio HTTP / floor: ${fmt(s.ratio, 3)}`);
  }
  if (r.close) {
    lines.push('', 'close        assoc   units  seed s  close ms  read ms  draw ms  floor ms  ratio  pages');
    for (const t of r.close.tiers) {
      lines.push(
        `  ${lpad(String(t.associations), 13)}${lpad(String(t.units), 8)}${lpad(fmt(t.seedMs / 1000, 1), 8)}${lpad(String(t.closeMs), 10)}${lpad(String(t.floor.readMs), 9)}${lpad(String(t.floor.drawMs), 9)}${lpad(String(t.floor.totalMs), 10)}${lpad(fmt(t.ratio, 3), 7)}${lpad(String(t.pages ?? '—'), 7)}`,
      );
    }
    lines.push(`  growth 50k / 10k: ${fmt(r.close.growth50kOver10k)}`);
  }
  if (r.pdf) {
    const p = r.pdf;
    lines.push('', `pdf (${p.associations} associations, ${p.appendixRows} appendix rows)   ms   pages  pages/s  peak MiB`);
    const c = 'skipped' in p.chromium ? null : p.chromium;
    lines.push(`  renderer                       ${lpad(fmt(p.renderer.ms, 0), 7)}${lpad(String(p.renderer.pages), 7)}${lpad(fmt(p.renderer.pagesPerSecond, 0), 9)}${lpad(fmt(p.renderer.peakMiB, 0), 10)}`);
    lines.push(`  pdfkit, same rows, no logic    ${lpad(fmt(p.naive.ms, 0), 7)}${lpad(String(p.naive.pages), 7)}${lpad('', 9)}${lpad(fmt(p.naive.peakMiB, 0), 10)}`);
    lines.push(c ? `  Chromium --print-to-pdf        ${lpad(fmt(c.ms, 0), 7)}${lpad(String(c.pages), 7)}${lpad('', 9)}${lpad(fmt(c.peakMiB, 0), 10)}` : `  Chromium: skipped`);
  }
  if (r.bundles) {
    const b = r.bundles;
    lines.push('', `bundles (init: fresh node, median of ${b.runs}; empty handler ${fmt(b.empty.initMs, 1)} ms, DynamoDB SDK alone ${fmt(b.dynamoOnly.initMs, 1)} ms)`);
    for (const f of b.functions) lines.push(`  ${pad(f.job + (f.api ? '' : ' (task)'), 28)}${lpad(fmt(f.bytes / 1024, 1), 8)} KB${lpad(fmt(f.initMs, 1), 8)} ms  ×${fmt(f.initRatio)}`);
  }
  if (r.exports) {
    const e = r.exports;
    const m = 'skipped' in e.model ? null : e.model;
    lines.push('', `exports (${e.associations} associations; Lambda ${e.lambdaMiB} MiB)   ms   file MiB  data MiB  peak MiB`);
    lines.push(`  streaming writer (the export)   ${lpad(fmt(e.streaming.ms, 0), 7)}${lpad(fmt(e.streaming.bytes / 2 ** 20, 2), 10)}${lpad(fmt(e.streaming.baseMiB, 0), 10)}${lpad(fmt(e.streaming.peakMiB, 0), 10)}`);
    lines.push(m ? `  exceljs in-memory workbook      ${lpad(fmt(m.ms, 0), 7)}${lpad(fmt(m.bytes / 2 ** 20, 2), 10)}${lpad(fmt(m.baseMiB, 0), 10)}${lpad(fmt(m.peakMiB, 0), 10)}` : '  exceljs in-memory workbook: skipped');
  }
  lines.push('', 'targets');
  for (const v of r.verdicts) lines.push(`  ${pad(v.figure, 36)}${lpad(fmt(v.value, 3), 9)}  ${pad(v.target, 12)}${v.met === null ? '—' : v.met ? 'met' : 'NOT met'}`);
  return lines.join('\n');
}
