// `tongket demo` / `npm run demo`: the whole Lai Châu 2020 cycle on a fresh embedded stack,
// through the HTTP API as associations, reviewers and the province would drive it.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import cliProgress from 'cli-progress';
import { startEmbeddedStack } from '../infra/local/runtime.ts';
import { resetClock } from '../shared/adapters/clock.ts';
import { runBounded } from '../shared/util/run-bounded.ts';
import { CLOSE_STEPS } from '../shared/domain/close-steps.ts';
import { reportScope } from '../shared/domain/report-scope.ts';
import { LEVELS } from '../shared/domain/types.ts';
import type { Level, ReportScope, Summary, Unit } from '../shared/domain/types.ts';
import { storedUnitType } from '../shared/domain/unit-type.ts';
import { formatNumber } from '../shared/format/vietnamese.ts';
import { ApiClient } from './api-client.ts';
import { DEMO_YEAR, demoCycleConfig, demoRegistry, demoReports } from './demo-data.ts';
import { writeExports } from './export.ts';
import { mintToken } from './tokens.ts';

const DEMO_CLOCK_START = '2020-12-10T01:00:00.000Z';
/** The report's own date (18 December 2020, 09:00 in Lai Châu): the office closes the year the day it signs. */
const DEMO_CLOSE_AT = '2020-12-18T02:00:00.000Z';

export async function runDemo(options: { outDir: string }): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongket-demo-'));
  const outDir = resolve(options.outDir);
  // The demo replays December 2020: reports come in before the 15 December deadline.
  process.env.TONGKET_CLOCK_START ??= DEMO_CLOCK_START;
  const stack = await startEmbeddedStack({ dataDir, port: 0 });
  try {
    process.env.TONGKET_SIGNING_KEY_FILE = stack.signingKeyFile;
    const province = new ApiClient(stack.url, await mintToken({ role: 'province', unit: 'LC', days: 1 }));
    await province.call('POST', '/cycles', demoCycleConfig());
    const imported = await province.call<{ units: number; associations: number; expected: number }>('PUT', `/cycles/${DEMO_YEAR}/registry`, demoRegistry());
    console.log(`Danh sách: ${imported.units} đơn vị, ${imported.associations} hội, ${imported.expected} hội phải báo cáo năm ${DEMO_YEAR}.`);

    const reports = demoReports();
    const bars = new cliProgress.MultiBar(
      { format: ' {label} |{bar}| {value}/{total} {info}', hideCursor: true, clearOnComplete: false, noTTYOutput: true, notTTYSchedule: 2000 },
      cliProgress.Presets.shades_classic,
    );
    const submitted = bars.create(reports.length, 0, { label: 'Hội nộp báo cáo  ', info: '' });
    const reviewed = bars.create(reports.length, 0, { label: 'Cấp trên duyệt   ', info: '' });
    const closing = bars.create(CLOSE_STEPS.length, 0, { label: 'Tổng kết         ', info: '' });
    try {
      await runBounded(reports, 8, async (demo) => {
        const association = province.withToken(await mintToken({ role: 'association', association: demo.association, days: 1 }));
        const { version } = await association.call<{ version: number }>('PUT', `/cycles/${DEMO_YEAR}/reports/${demo.association}`, demo.report);
        submitted.increment();
        // The province reviews here; a district reviewer could for its own associations.
        await province.call('POST', `/cycles/${DEMO_YEAR}/reports/${demo.association}/review`, {
          decision: 'approve',
          version,
          score: demo.score,
          rating: demo.rating,
        });
        reviewed.increment();
      });
      // Reports came in before the 15 December deadline; the year is closed on the report's date,
      // so the summary is not published before the document that states it.
      if (process.env.TONGKET_CLOCK_START === DEMO_CLOCK_START) {
        process.env.TONGKET_CLOCK_START = DEMO_CLOSE_AT;
        resetClock();
      }
      await province.call('POST', `/cycles/${DEMO_YEAR}/close`);
      for (;;) {
        const cycle = await province.call<{ status: string; step: string | null; failure: { cause: string } | null }>('GET', `/cycles/${DEMO_YEAR}`);
        closing.update(Math.max(0, (CLOSE_STEPS as readonly string[]).indexOf(cycle.step ?? '') + (cycle.status === 'published' ? 1 : 0)), { info: cycle.step ?? '' });
        if (cycle.status === 'published') break;
        if (cycle.status === 'close_failed') throw new Error(`Tổng kết thất bại / close failed: ${cycle.failure?.cause}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      closing.update(CLOSE_STEPS.length, { info: 'published' });
    } finally {
      bars.stop();
    }

    mkdirSync(outDir, { recursive: true });
    const files = {
      pdf: join(outDir, `bao-cao-${DEMO_YEAR}.pdf`),
      csv: join(outDir, `khen-thuong-${DEMO_YEAR}.csv`),
      json: join(outDir, `tong-hop-${DEMO_YEAR}.json`),
    };
    writeFileSync(files.pdf, await province.download(`/cycles/${DEMO_YEAR}/report.pdf`));
    writeFileSync(files.csv, await province.download(`/cycles/${DEMO_YEAR}/commendations?format=csv`));
    const summary = await province.call<Summary>('GET', `/cycles/${DEMO_YEAR}/summary`);
    writeFileSync(files.json, `${JSON.stringify(summary, null, 2)}\n`);
    // The office exports beside them: the report as a Word file, the workbook.
    const exports = await writeExports(province, DEMO_YEAR, outDir);
    printSummary(summary);
    console.log(`\nĐã ghi / written:\n${[files.pdf, files.csv, files.json, ...exports].map((f) => `  ${f}`).join('\n')}`);
  } finally {
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The words of the summary's locality, from its unit rows: the root is the one unit of the
 * highest level present (its children are all of lower levels), each unit's type read from its
 * name as the registry does when no type is given ("Quận 8" → quận, "Phường 1" → phường).
 */
export function summaryScope(summary: Pick<Summary, 'units'>): ReportScope {
  const top = Math.min(...summary.units.map((u) => LEVELS.indexOf(u.level)));
  const root = summary.units.find((u) => LEVELS.indexOf(u.level) === top);
  if (!root) throw new Error('summaryScope: the summary has no units');
  const units: Unit[] = summary.units.map((u) => ({
    code: u.code,
    name: u.name,
    level: u.level,
    type: storedUnitType(undefined, u.name, u.level),
    parentCode: u === root ? null : root.code,
    path: u === root ? root.code : `${root.code}/${u.code}`,
  }));
  return reportScope(units);
}

/** "Cấp quận", "Cấp huyện, thành phố": a level as the locality's documents name it; null when the level has no unit. */
export function scopeLevelLabel(scope: ReportScope, level: Level): string | null {
  if (LEVELS.indexOf(level) < LEVELS.indexOf(scope.root.level)) return null;
  const words = scope.wordsByLevel[level];
  return words.length > 0 ? `Cấp ${words.join(', ')}` : null;
}

export function printSummary(summary: Summary): void {
  const a = summary.associations;
  const scope = summaryScope(summary);
  const rows: [string, number, number, number, number][] = [];
  for (const level of LEVELS) {
    const label = scopeLevelLabel(scope, level);
    if (label === null) continue;
    rows.push([label, a.byLevel[level], a.special.byLevel[level], a.new.byLevel[level], summary.figures.membersByLevel[level]]);
  }
  rows.push([`Toàn ${scope.root.word}`, a.total, a.special.total, a.new.total, summary.figures.members]);
  const header = ['Cấp', 'Số hội', 'Đặc thù', 'Thành lập mới', 'Hội viên'];
  const cells = [header, ...rows.map((r) => [r[0], ...r.slice(1).map((n) => formatNumber(n as number))])];
  const widths = header.map((_, i) => Math.max(...cells.map((row) => row[i]!.length)));
  console.log(`\nTổng kết năm ${summary.year} (lần công bố ${summary.revision}) — ${scope.root.name}`);
  for (const [i, row] of cells.entries()) {
    console.log(`  ${row.map((cell, j) => (j === 0 ? cell.padEnd(widths[j]!) : cell.padStart(widths[j]!))).join('  ')}`);
    if (i === 0 || i === cells.length - 2) console.log(`  ${widths.map((w) => '─'.repeat(w)).join('  ')}`);
  }
  const r = summary.reports;
  console.log(`\n  Báo cáo: ${r.submitted}/${r.expected} đã nộp, ${r.approved} đã duyệt, ${r.late} nộp muộn, ${r.missing} chưa nộp.`);
  console.log(`  Tập thể được đề nghị khen thưởng: ${summary.commended}.`);
}
