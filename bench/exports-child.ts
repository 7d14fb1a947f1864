// One workbook in a fresh process, so that its peak memory is its own:
//   node exports-child.mjs <streaming|model> <associations> <out.xlsx>
// prints {"ms","bytes","rows","baseRssBytes","maxRssBytes"} on stdout. "streaming" is the
// export's own writer (shared/xlsx/workbook.ts); "model" writes the same "Báo cáo" rows with
// exceljs's in-memory workbook, the writer the streaming one replaces. Bundled by
// bench/exports.ts with esbuild the way the export-workbook Lambda is bundled.
import { writeFileSync } from 'node:fs';
import { appendixNote } from '../shared/document/report-plan.ts';
import { assembleWorkbook } from '../shared/xlsx/workbook-data.ts';
import { writeWorkbook, type ReportTexts } from '../shared/xlsx/workbook.ts';
import { reportDocumentOf, syntheticProvince } from './synthetic.ts';
import { ownPeakRssBytes } from './measure.ts';

const [mode, count, output] = process.argv.slice(2);
if ((mode !== 'streaming' && mode !== 'model') || !count || !output) {
  console.error('usage: exports-child <streaming|model> <associations> <out.xlsx>');
  process.exit(2);
}
const province = syntheticProvince(Number(count), 2030, 'all-approved');
const doc = reportDocumentOf(province);
const root = province.units.find((u) => u.parentCode === null)!;

/** What the reports' texts weigh: a few sentences each, made when asked for, as reads from the table are. */
const textsOf = (code: string): ReportTexts => ({
  achievements: `Hội ${code} đã tổ chức tốt các hoạt động nhân đạo, từ thiện; vận động hội viên tham gia phát triển kinh tế, xây dựng nông thôn mới, giữ gìn an ninh trật tự ở địa phương.`,
  limitations: 'Kinh phí hoạt động còn hạn hẹp; một số chi hội sinh hoạt chưa đều.',
  proposals: 'Đề nghị cấp ủy, chính quyền quan tâm hỗ trợ kinh phí hoạt động cho Hội.',
  submittedBy: 'Nguyễn Thị Hương, Chủ tịch Hội',
});

const data = assembleWorkbook({
  year: province.year,
  revision: 1,
  units: province.units,
  root,
  associations: province.associations,
  specialLabel: doc.summary.specialLabel,
  published: doc.summary,
  commended: doc.commended,
  note: appendixNote(doc),
  state: 'Số liệu đã công bố (lần 1).',
  asOf: `${province.year}-12-18T02:00:00.000Z`,
  texts: async (rows) => new Map(rows.map((r) => [r.code, textsOf(r.code)])),
});
global.gc?.();
const baseRssBytes = process.memoryUsage().rss;
const started = performance.now();
let bytes: Buffer;
if (mode === 'streaming') {
  bytes = await writeWorkbook(data);
} else {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Báo cáo');
  for (const r of data.reports) {
    const t = textsOf(r.code);
    const f = r.figures;
    ws.addRow([r.code, r.name, r.unitCode, r.unitName, r.levelLabel, r.special ? 'Có' : 'Không', r.isNew ? 'Có' : 'Không', r.foundedOn, r.status, r.version, r.late ? 'Có' : 'Không', r.firstSubmittedAt, r.lastSubmittedAt,
      f?.members, f?.newMembers, f?.branches, f?.charityEvents, f?.charityFundsVnd, f?.legalEducationSessions, r.selfRating, r.nominate ? 'Có' : 'Không', t.achievements, t.limitations, t.proposals, t.submittedBy, r.score, r.rating]);
  }
  bytes = Buffer.from(await wb.xlsx.writeBuffer());
}
const ms = performance.now() - started;
writeFileSync(output, bytes);
process.stdout.write(`${JSON.stringify({ ms, bytes: bytes.length, rows: data.reports.length, baseRssBytes, maxRssBytes: ownPeakRssBytes() })}\n`);
