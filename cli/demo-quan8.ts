// `tongket demo quan-8`: a district running its own cycles. Quận 8 (Hồ Chí Minh City) runs
// 2016…2020 one year after another on a fresh embedded stack, through the HTTP API as its
// associations and its office would, then the five-year review of Kết luận 102-KL/TW
// (SPEC section 12) over the published years. Data: demo/quan-8-2016-2020/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { startEmbeddedStack } from '../infra/local/runtime.ts';
import { resetClock } from '../shared/adapters/clock.ts';
import { runBounded } from '../shared/util/run-bounded.ts';
import { CLOSE_STEPS } from '../shared/domain/close-steps.ts';
import type { PeriodSummary, Summary } from '../shared/domain/types.ts';
import { formatNumber } from '../shared/format/vietnamese.ts';
import { ApiClient } from './api-client.ts';
import { readDemoReports } from './demo-data.ts';
import { printSummary, summaryScope } from './demo.ts';
import { mintToken } from './tokens.ts';

export const QUAN8_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'demo', 'quan-8-2016-2020');
export const QUAN8_YEARS = [2016, 2017, 2018, 2019, 2020] as const;
const ROOT = 'Q8';
const POLL_MS = 200;

interface CycleConfigFile {
  year: number;
  deadline: string;
  reportDate: string;
  [key: string]: unknown;
}

export function quan8Registry(): { units: string; associations: string } {
  return { units: readFileSync(join(QUAN8_DIR, 'units.csv'), 'utf8'), associations: readFileSync(join(QUAN8_DIR, 'associations.csv'), 'utf8') };
}
export function quan8CycleConfig(year: number): CycleConfigFile {
  return JSON.parse(readFileSync(join(QUAN8_DIR, `cycle-${year}.json`), 'utf8')) as CycleConfigFile;
}
export function quan8Period(): Record<string, unknown> & { code: string; reportDate: string } {
  return JSON.parse(readFileSync(join(QUAN8_DIR, 'period.json'), 'utf8')) as Record<string, unknown> & { code: string; reportDate: string };
}

/** Moves the simulated clock of this process (the embedded stack runs in it) to `iso`, from which time runs on. */
function setClock(iso: string): void {
  process.env.TONGKET_CLOCK_START = iso;
  resetClock();
}

/** A step of the demo that failed: which one, and why. */
export class DemoStepError extends Error {
  override readonly name = 'DemoStepError';
  constructor(
    readonly step: string,
    cause: unknown,
  ) {
    super(`Bước “${step}” thất bại / step failed: ${(cause as Error)?.message ?? String(cause)}`);
  }
}
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DemoStepError) throw error;
    throw new DemoStepError(name, error);
  }
}

export async function runQuan8Demo(options: { outDir: string }): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongket-demo-q8-'));
  const outDir = resolve(options.outDir);
  const configs = QUAN8_YEARS.map((year) => quan8CycleConfig(year));
  // Each year replays its own weeks: reports come in ten days before the deadline.
  setClock(submissionTime(configs[0]!));
  const stack = await startEmbeddedStack({ dataDir, port: 0 });
  try {
    process.env.TONGKET_SIGNING_KEY_FILE = stack.signingKeyFile;
    const office = new ApiClient(stack.url, await mintToken({ role: 'province', unit: ROOT, days: 1 }));
    const registry = quan8Registry();
    const summaries: Summary[] = [];

    const bars = new cliProgress.MultiBar(
      { format: ' {label} |{bar}| {value}/{total} {info}', hideCursor: true, clearOnComplete: false, noTTYOutput: true, notTTYSchedule: 2000 },
      cliProgress.Presets.shades_classic,
    );
    try {
      for (const config of configs) {
        const year = config.year;
        const reports = readDemoReports(join(QUAN8_DIR, `reports-${year}.csv`));
        const bar = bars.create(2 * reports.length + CLOSE_STEPS.length, 0, { label: `Năm ${year}`, info: 'mở kỳ' });
        setClock(submissionTime(config));
        await step(`mở kỳ năm ${year} (POST /cycles)`, () => office.call('POST', '/cycles', config));
        const imported = await step(`nhập danh sách năm ${year} (PUT /cycles/${year}/registry)`, () =>
          office.call<{ expected: number }>('PUT', `/cycles/${year}/registry`, registry),
        );
        if (imported.expected !== reports.length) throw new DemoStepError(`nhập danh sách năm ${year}`, new Error(`${imported.expected} hội phải báo cáo, dữ liệu có ${reports.length} báo cáo`));
        bar.update(0, { info: `${imported.expected} hội nộp, quận duyệt` });
        await runBounded(reports, 8, async (demo) => {
          const association = office.withToken(await mintToken({ role: 'association', association: demo.association, days: 1 }));
          const { version } = await step(`${demo.association} nộp báo cáo năm ${year}`, () =>
            association.call<{ version: number }>('PUT', `/cycles/${year}/reports/${demo.association}`, demo.report),
          );
          bar.increment();
          // The district's office reviews: it is the root, the reviewer of every association here.
          await step(`duyệt báo cáo ${demo.association} năm ${year}`, () =>
            office.call('POST', `/cycles/${year}/reports/${demo.association}/review`, { decision: 'approve', version, score: demo.score, rating: demo.rating }),
          );
          bar.increment();
        });
        // Closed on the report's own date, so nothing is published before the document that states it.
        setClock(`${config.reportDate}T02:00:00.000Z`);
        await step(`tổng kết năm ${year} (POST /cycles/${year}/close)`, () => office.call('POST', `/cycles/${year}/close`));
        await step(`tổng kết năm ${year}`, async () => {
          for (;;) {
            const cycle = await office.call<{ status: string; step: string | null; failure: { cause: string } | null }>('GET', `/cycles/${year}`);
            const done = Math.max(0, (CLOSE_STEPS as readonly string[]).indexOf(cycle.step ?? '') + (cycle.status === 'published' ? 1 : 0));
            bar.update(2 * reports.length + done, { info: cycle.step ?? cycle.status });
            if (cycle.status === 'published') return;
            if (cycle.status === 'close_failed') throw new Error(`close_failed: ${cycle.failure?.cause ?? ''}`);
            await sleep(POLL_MS);
          }
        });
        bar.update(2 * reports.length + CLOSE_STEPS.length, { info: 'published' });
        summaries.push(await step(`tải tổng hợp năm ${year}`, () => office.call<Summary>('GET', `/cycles/${year}/summary`)));
      }
    } finally {
      bars.stop();
    }

    mkdirSync(outDir, { recursive: true });
    const last = summaries[summaries.length - 1]!;
    const written = await step(`tải tệp năm ${last.year}`, async () => {
      const files = {
        pdf: join(outDir, `bao-cao-${last.year}.pdf`),
        csv: join(outDir, `khen-thuong-${last.year}.csv`),
        json: join(outDir, `tong-hop-${last.year}.json`),
      };
      writeFileSync(files.pdf, await office.download(`/cycles/${last.year}/report.pdf`));
      writeFileSync(files.csv, await office.download(`/cycles/${last.year}/commendations?format=csv`));
      writeFileSync(files.json, `${JSON.stringify(last, null, 2)}\n`);
      return Object.values(files);
    });
    printSummary(last);
    printYears(
      summaries.map((s) => ({ year: s.year, associations: s.associations.total, members: s.figures.members, approved: s.reports.approved, expected: s.reports.expected, onTime: s.reports.onTime, commended: s.commended })),
      `Các năm ${QUAN8_YEARS[0]}–${last.year} — ${summaryScope(last).root.name}`,
    );
    console.log(`\nĐã ghi / written:\n  ${written.join('\n  ')}`);

    // The period review (SPEC 12), over the published years.
    try {
      const periodFiles = await runPeriod(office, outDir);
      console.log(`\nĐã ghi / written:\n  ${periodFiles.join('\n  ')}`);
    } catch (error) {
      console.error(`\nSơ kết giai đoạn không hoàn thành / the period review did not complete.\n${(error as Error).message}`);
      console.error(`Phần hằng năm (${QUAN8_YEARS[0]}–${last.year}) đã xong / the annual part is done.`);
      process.exitCode = 1;
    }
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Ten days before the deadline, 09:00 in Hồ Chí Minh City. */
function submissionTime(config: CycleConfigFile): string {
  const at = new Date(`${config.deadline}T02:00:00.000Z`);
  at.setUTCDate(at.getUTCDate() - 10);
  return at.toISOString();
}

async function runPeriod(office: ApiClient, outDir: string): Promise<string[]> {
  const period = quan8Period();
  const code = period.code;
  // The review is signed on its own date, after the last year's close.
  setClock(`${period.reportDate}T02:00:00.000Z`);
  console.log(`\nSơ kết ${code}:`);
  await step(`mở sơ kết ${code} (POST /periods)`, () => office.call('POST', '/periods', period));
  console.log('  mở / opened');
  await step(`tổng hợp sơ kết (POST /periods/${code}/close)`, () => office.call('POST', `/periods/${code}/close`));
  await step(`tổng hợp sơ kết ${code} (GET /periods/${code})`, async () => {
    let last = '';
    for (;;) {
      const state = await office.call<{ status: string; step?: string | null; failure?: { cause: string } | null }>('GET', `/periods/${code}`);
      const line = `${state.status}${state.step ? ` · ${state.step}` : ''}`;
      if (line !== last) console.log(`  ${line}`);
      last = line;
      if (state.status === 'published') return;
      if (state.status === 'close_failed') throw new Error(`close_failed: ${state.failure?.cause ?? ''}`);
      await sleep(POLL_MS);
    }
  });
  const files = {
    pdf: join(outDir, `so-ket-${code}.pdf`),
    docx: join(outDir, `so-ket-${code}.docx`),
    csv: join(outDir, `khen-thuong-${code}.csv`),
    json: join(outDir, `tong-hop-${code}.json`),
  };
  writeFileSync(files.pdf, await step(`tải báo cáo sơ kết (GET /periods/${code}/report.pdf)`, () => office.download(`/periods/${code}/report.pdf`)));
  writeFileSync(files.docx, await step(`tải bản Word (GET /periods/${code}/report.docx)`, () => office.download(`/periods/${code}/report.docx`)));
  writeFileSync(files.csv, await step(`tải danh sách khen thưởng (GET /periods/${code}/commendations?format=csv)`, () => office.download(`/periods/${code}/commendations?format=csv`)));
  const summary = await step(`tải tổng hợp sơ kết (GET /periods/${code}/summary)`, () => office.call<PeriodSummary>('GET', `/periods/${code}/summary`));
  writeFileSync(files.json, `${JSON.stringify(summary, null, 2)}\n`);
  printYears(
    summary.years.map((y) => ({ year: y.year, associations: y.associations.total, members: y.members, approved: y.reports.approved, expected: y.reports.expected, onTime: y.reports.onTime, commended: null })),
    `Sơ kết ${summary.from}–${summary.to}${summary.missingYears.length ? ` (thiếu năm ${summary.missingYears.join(', ')})` : ''}`,
  );
  console.log(`  Thay đổi cả giai đoạn: ${signed(summary.change.associations)} hội, ${signed(summary.change.members)} hội viên.`);
  console.log(`  Tập thể được khen thưởng giai đoạn: ${summary.commended}.`);
  return Object.values(files);
}

interface YearRow {
  year: number;
  associations: number;
  members: number;
  approved: number;
  expected: number;
  onTime: number;
  /** commended that year; null when not known (the period's table) */
  commended: number | null;
}

function printYears(rows: YearRow[], title: string): void {
  const withCommended = rows.some((r) => r.commended !== null);
  const header = ['Năm', 'Số hội', 'Hội viên', 'Đã duyệt', 'Đúng hạn', ...(withCommended ? ['Khen thưởng'] : [])];
  const cells = [
    header,
    ...rows.map((r) => [String(r.year), formatNumber(r.associations), formatNumber(r.members), `${formatNumber(r.approved)}/${formatNumber(r.expected)}`, formatNumber(r.onTime), ...(withCommended ? [r.commended === null ? '' : formatNumber(r.commended)] : [])]),
  ];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  console.log(`\n${title}`);
  for (const [i, row] of cells.entries()) {
    console.log(`  ${row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join('  ')}`);
    if (i === 0) console.log(`  ${widths.map((w) => '─'.repeat(w)).join('  ')}`);
  }
}

const signed = (n: number): string => (n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : '0');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
