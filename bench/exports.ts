// The "exports" figures: the office workbook of a 50,000-association province written by the
// export's streaming writer, its peak memory against a Lambda's, and against exceljs's
// in-memory workbook writing the same rows. Every run is a fresh process, so each peak is its own.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { median, round, runMeasured } from './measure.ts';
import { LAMBDA_LIKE_BUILD, projectRoot, scratchDir } from './paths.ts';

export interface ExportRun {
  ms: number;
  bytes: number;
  rows: number;
  /** the process before writing: the data the workbook is written from */
  baseMiB: number;
  peakMiB: number;
}

export interface ExportFigures {
  associations: number;
  streaming: ExportRun & { runs: number[] };
  model: (ExportRun & { runs: number[] }) | { skipped: string };
  /** the export-workbook Lambda's memory (infra/stack.ts MEMORY_MB) */
  lambdaMiB: number;
}

async function bundleChild(): Promise<string> {
  const out = join(scratchDir(), 'exports-child.mjs');
  await esbuild.build({
    entryPoints: [join(projectRoot, 'bench', 'exports-child.ts')],
    ...LAMBDA_LIKE_BUILD,
    external: ['@aws-sdk/*'],
    outfile: out,
  });
  return out;
}

async function runChild(child: string, mode: 'streaming' | 'model', associations: number, outFile: string): Promise<ExportRun> {
  const run = await runMeasured(process.execPath, ['--expose-gc', child, mode, String(associations), outFile], { timeoutMs: 900_000 });
  if (run.code !== 0) throw new Error(`exports-child ${mode} failed (${run.code}): ${run.stderr.slice(-2000)}`);
  const r = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { ms: number; bytes: number; rows: number; baseRssBytes: number; maxRssBytes: number };
  return { ms: r.ms, bytes: r.bytes, rows: r.rows, baseMiB: r.baseRssBytes / 2 ** 20, peakMiB: Math.max(r.maxRssBytes, run.peakTreeBytes) / 2 ** 20 };
}

const best = (runs: ExportRun[]): ExportRun & { runs: number[] } => {
  const ms = median(runs.map((r) => r.ms));
  const at = runs.find((r) => r.ms === ms) ?? runs[0]!;
  return { ...at, peakMiB: Math.max(...runs.map((r) => r.peakMiB)), runs: runs.map((r) => round(r.ms, 1)) };
};

export async function exportsBench(options: { associations: number; runs: number; model: boolean; lambdaMiB: number; log: (line: string) => void }): Promise<ExportFigures> {
  const dir = join(scratchDir(), 'exports');
  mkdirSync(dir, { recursive: true });
  const child = await bundleChild();
  const streaming: ExportRun[] = [];
  for (let i = 0; i < options.runs; i++) {
    streaming.push(await runChild(child, 'streaming', options.associations, join(dir, 'streaming.xlsx')));
    const last = streaming.at(-1)!;
    options.log(`  exports run ${i + 1}: streaming ${round(last.ms)} ms, ${round(last.peakMiB)} MiB peak (${round(last.baseMiB)} MiB before writing), ${round(last.bytes / 2 ** 20, 2)} MiB file`);
  }
  let model: ExportFigures['model'] = { skipped: 'not run (quick)' };
  if (options.model) {
    const run = await runChild(child, 'model', options.associations, join(dir, 'model.xlsx'));
    options.log(`  exports: in-memory workbook ${round(run.ms)} ms, ${round(run.peakMiB)} MiB peak`);
    model = best([run]);
  }
  return { associations: options.associations, streaming: best(streaming), model, lambdaMiB: options.lambdaMiB };
}
