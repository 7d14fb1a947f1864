// The office exports on the embedded stack (SPEC section 11), read back with LibreOffice, an
// independent reader: the Word report says what the PDF says and comes out of a re-run close
// byte for byte; the workbook holds the summary's figures, the units in tree order, one row per
// expected association with numbers as numbers and dates as dates, the commended list laid out
// to print, and no formula — a name starting with "=" stays text.
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobHandler } from '../../infra/local/step-functions.ts';
import { getFile } from '../../shared/adapters/files.ts';
import { publishedFiles } from '../../shared/app/close.ts';
import type { CommendedItem, Summary } from '../../shared/domain/types.ts';
import { closeAndWait, seedCycle, THREE_TIER_ASSOCIATIONS, THREE_TIER_UNITS, type SeedReport } from '../support/cycle.ts';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { sheetsAsCsv, toPdf } from '../support/libreoffice.ts';
import { placedText } from '../support/pdf-text.ts';
import { readZip, zipText } from '../support/zip.ts';

const YEAR = 2022;
const FORMULA_NAME = '=SUM(1+2) Hội Cựu giáo chức Mường Nhé';
/** Every tone mark on every vowel that carries one, in a name the files must keep exactly (NFC). */
const MARKED_NAME = 'Hội Ái hữu Ưu tú Ỷ Ẵ Ộ Ữ Ỳ Ặ Ẫ Ễ Ị Ọ Ỡ Ợ Ụ Ự Ỹ Đồng Khánh';
const ASSOCIATIONS = `${THREE_TIER_ASSOCIATIONS}MN-EQ,${FORMULA_NAME},DB-MN,false,2010-05-04,
TG-AH,${MARKED_NAME},DB-TG,false,2022-02-01,
`;
const PERIOD = { code: 'EX-2022', from: YEAR, to: YEAR, title: 'Sơ kết công tác Hội quần chúng năm 2022', issuer: ['TỈNH ỦY ĐIỆN BIÊN', 'BAN DÂN VẬN'], reportDate: '2022-12-28' };
const CONFIG = {
  issuer: ['TỈNH ỦY ĐIỆN BIÊN', 'BAN DÂN VẬN'],
  documentNumber: 'Số 12-BC/BDVTU',
  reportDate: '2022-12-20',
  commendation: { quotaPercent: 50, minScore: 90 },
};
const REPORTS: SeedReport[] = [
  { association: 'DB-CTD', members: 21000, score: 96 },
  { association: 'DB-LG', members: 400, score: 92, rating: 'good', extra: { proposals: 'Đề nghị Tỉnh ủy bố trí trụ sở làm việc cho Hội.' } },
  { association: 'MN-NCT', members: 3100, score: 95 },
  { association: 'MN-EQ', members: 77, score: 97, extra: { achievements: '=HYPERLINK("http://x") Vận động hội viên', submittedBy: '@Lò Văn Minh' } },
  { association: 'CH-NCT', members: 180, score: 91 },
  { association: 'SP-KH', members: 60, outcome: 'submitted' },
  { association: 'TG-CTD', members: 2500, score: 89, extra: { selfRating: 'completed' } },
  { association: 'TG-AH', members: 1234, score: 93 },
  { association: 'QC-NCT', members: 210, outcome: 'none' },
];

/** RenderReport fails once after its work (a permanent fault: close_failed), so that the close runs it again. */
let failRenderOnce = false;
const wrapTask = (state: string, handler: JobHandler): JobHandler => async (input, context) => {
  if (state === 'RenderReport' && failRenderOnce) {
    failRenderOnce = false;
    await handler(input, context);
    throw Object.assign(new Error('not authorized to perform: s3:PutObject'), { name: 'AccessDenied' });
  }
  return handler(input, context);
};

type Sheets = Record<string, string[][]>;

/** A sheet's rows as objects by the header row's names (the header at `headerRow`, 0-based). */
function records(rows: string[][], headerRow = 0): Record<string, string>[] {
  const header = rows[headerRow]!;
  return rows.slice(headerRow + 1).filter((r) => r.some((c) => c !== '')).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** "21,000" as LibreOffice shows a number formatted #,##0 → 21000. */
const num = (cell: string | undefined): number => Number(String(cell).replace(/,/gu, ''));

/** The cells of a worksheet's XML: reference → its attributes and inner XML. */
function cells(xml: string): Map<string, { attrs: string; inner: string }> {
  return new Map([...xml.matchAll(/<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/gu)].map((m) => [m[1]!, { attrs: m[2]!, inner: m[3] ?? '' }]));
}

/** The worksheet part of a sheet, by its name in workbook.xml. */
function sheetXml(zip: ReturnType<typeof readZip>, name: string): string {
  const workbook = zipText(zip, 'xl/workbook.xml');
  const id = new RegExp(`<sheet [^>]*name="${name}"[^>]*r:id="(rId\\d+)"`, 'u').exec(workbook)?.[1];
  if (!id) throw new Error(`no sheet ${name} in ${workbook}`);
  const rels = zipText(zip, 'xl/_rels/workbook.xml.rels');
  const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`, 'u').exec(rels)![1]!;
  return zipText(zip, `xl/${target.replace(/^\/?xl\//u, '')}`);
}

/** Words of a PDF's text runs, without the page numbers at the top of pages 2 on. */
async function pdfWords(pdf: Buffer): Promise<string[]> {
  const pages = await placedText(pdf);
  return pages
    .flatMap((p, i) => p.items.filter((item, k) => !(i > 0 && k === 0 && item.str.trim() === String(i + 1))).map((item) => item.str))
    .join(' ')
    .split(/\s+/u)
    .map((w) => w.replace(/^[,.;:()]+|[,.;:()]+$/gu, ''))
    .filter((w) => w !== '');
}

describe('the office exports', () => {
  let stack: TestStack;
  let province: string;
  let summary: Summary;
  let commended: CommendedItem[];
  let pdf: Buffer;
  let docx: Buffer;
  let docxOfFailedRun: Buffer | null;
  let docxAsPdf: Buffer;
  let openCounts: Record<string, number>;
  const xlsx: Record<string, Buffer> = {};
  let sheets: Record<string, Sheets>;
  let periodDocx: Buffer;
  let periodPdf: Buffer;

  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2022-12-01T02:00:00Z', wrapTask });
    province = await seedCycle(stack, { year: YEAR, province: 'DB', units: THREE_TIER_UNITS, associations: ASSOCIATIONS, config: CONFIG, reports: REPORTS });
    const reviewer = await stack.token({ role: 'reviewer', unit: 'DB-MN' });
    const get = async (path: string, token: string) => {
      const response = await stack.request('GET', path, { token });
      expect(response.status, response.text).toBe(200);
      return response;
    };
    // While open: the live figures, the province's and a district reviewer's.
    xlsx['open.xlsx'] = (await get(`/cycles/${YEAR}/export.xlsx`, province)).bytes;
    xlsx['reviewer.xlsx'] = (await get(`/cycles/${YEAR}/export.xlsx`, reviewer)).bytes;
    openCounts = (await get(`/cycles/${YEAR}`, province)).json.counts;

    // The close renders twice: once into close_failed, once to publish.
    failRenderOnce = true;
    expect(await closeAndWait(stack, YEAR, province)).toMatchObject({ status: 'close_failed' });
    docxOfFailedRun = await getFile(publishedFiles(YEAR, 1).docx);
    expect(await closeAndWait(stack, YEAR, province)).toMatchObject({ status: 'published', revision: 1 });

    docx = (await get(`/cycles/${YEAR}/report.docx`, province)).bytes;
    pdf = (await get(`/cycles/${YEAR}/report.pdf`, province)).bytes;
    summary = (await get(`/cycles/${YEAR}/summary`, province)).json;
    commended = (await get(`/cycles/${YEAR}/commendations`, province)).json.items;
    xlsx['published.xlsx'] = (await get(`/cycles/${YEAR}/export.xlsx`, province)).bytes;

    // A period review over the published year: its close writes its Word file too.
    expect((await stack.request('POST', '/periods', { token: province, json: PERIOD })).status).toBe(201);
    expect((await stack.request('POST', `/periods/${PERIOD.code}/close`, { token: province })).status).toBe(202);
    for (let status = ''; status !== 'published'; ) {
      status = (await get(`/periods/${PERIOD.code}`, province)).json.status;
      expect(status).not.toBe('close_failed');
      await new Promise((r) => setTimeout(r, 100));
    }
    periodDocx = (await get(`/periods/${PERIOD.code}/report.docx`, province)).bytes;
    periodPdf = (await get(`/periods/${PERIOD.code}/report.pdf`, province)).bytes;

    // One LibreOffice run per kind of conversion.
    docxAsPdf = (await toPdf({ 'report.docx': docx }))['report.docx']!;
    sheets = await sheetsAsCsv(xlsx);
    if (process.env.TONGKET_KEEP_EXPORTS) {
      mkdirSync(process.env.TONGKET_KEEP_EXPORTS, { recursive: true });
      for (const [name, body] of Object.entries({ ...xlsx, 'report.docx': docx, 'report.pdf': pdf, 'report-docx.pdf': docxAsPdf })) writeFileSync(`${process.env.TONGKET_KEEP_EXPORTS}/${name}`, body);
    }
  }, 300_000);

  afterAll(async () => stack?.cleanup());

  describe('the Word report', () => {
    it('comes out of a close run again byte for byte, and is served as a Word file', async () => {
      expect(docxOfFailedRun).not.toBeNull();
      expect(docx.equals(docxOfFailedRun!)).toBe(true);
      const response = await stack.request('GET', `/cycles/${YEAR}/report.docx`, { token: await stack.token({ role: 'association', association: 'QC-NCT' }) });
      expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(response.headers.get('content-disposition')).toBe(`attachment; filename="bao-cao-${YEAR}-r1.docx"`);
      expect(response.bytes.equals(docx)).toBe(true);
    });

    it('says, as LibreOffice reads it, every word and figure the PDF says, each commended collective with its award', async () => {
      const fromWord = await pdfWords(docxAsPdf);
      const fromPdf = await pdfWords(pdf);
      expect([...new Set(fromWord)].sort()).toEqual([...new Set(fromPdf)].sort());
      const figures = (ws: string[]) => ws.filter((w) => /^[+-]?\d[\d.,/]*$/u.test(w)).sort();
      expect(figures(fromWord)).toEqual(figures(fromPdf));
      const text = (await placedText(docxAsPdf)).flatMap((p) => p.items.map((i) => i.str)).join(' ').replace(/\s+/gu, ' ');
      expect(text).toBe(text.normalize('NFC'));
      expect(commended.map((c) => c.name)).toContain(FORMULA_NAME);
      for (const c of commended) {
        expect(text).toContain(c.name);
        expect(text).toContain(c.award);
      }
      expect(text).toContain(`có ${String(summary.associations.total).padStart(2, '0')} tổ chức Hội`);
    });
  });

  it("serves a period review's Word file, the same words as its PDF", async () => {
    const words = (ws: string[]) => [...new Set(ws)].sort();
    const xml = zipText(periodDocx, 'word/document.xml');
    const docxWords = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((m) => m[1]!).join(' ').split(/\s+/u).map((w) => w.replace(/^[,.;:()]+|[,.;:()]+$/gu, '')).filter((w) => w !== '');
    expect(words(docxWords)).toEqual(words(await pdfWords(periodPdf)));
    expect(xml).toContain(PERIOD.title);
  });

  describe('the workbook', () => {
    it('has no formula anywhere, and keeps a name starting with "=" as text', () => {
      for (const [name, body] of Object.entries(xlsx)) {
        const zip = readZip(body);
        const parts = [...zip.keys()].filter((k) => /^xl\/worksheets\/.*\.xml$/u.test(k));
        expect(parts.length, name).toBeGreaterThanOrEqual(3);
        for (const part of parts) expect(zipText(zip, part)).not.toMatch(/<f[ >]/u);
      }
      const rows = records(sheets['published.xlsx']!['Báo cáo']!);
      const row = rows.find((r) => r['Mã hội'] === 'MN-EQ')!;
      expect(row['Tên hội']).toBe(FORMULA_NAME);
      expect(row['Thành tích nổi bật']).toBe('=HYPERLINK("http://x") Vận động hội viên');
      expect(row['Người báo cáo']).toBe('@Lò Văn Minh');
    });

    it('gives the published figures in "Tổng hợp", the units in tree order with their counts in "Đơn vị"', () => {
      const published = sheets['published.xlsx']!;
      const total = new Map(published['Tổng hợp']!.map((r) => [r[0], r]));
      expect(num(total.get('Tổ chức Hội phải báo cáo')?.[1])).toBe(summary.associations.total);
      expect(num(total.get('Hội viên (theo các báo cáo đã duyệt)')?.[1])).toBe(summary.figures.members);
      expect(num(total.get('Báo cáo đã duyệt')?.[1])).toBe(summary.reports.approved);
      expect(num(total.get('Hội chưa nộp báo cáo')?.[1])).toBe(summary.reports.missing);
      expect(num(total.get('Kinh phí vận động (đồng)')?.[1])).toBe(summary.figures.charityFundsVnd);
      expect(num(total.get('Xếp loại: Hoàn thành xuất sắc nhiệm vụ')?.[1])).toBe(summary.ratings.excellent.total);
      expect(num(total.get('Tập thể đề nghị khen thưởng')?.[1])).toBe(summary.commended);
      const units = records(published['Đơn vị']!);
      expect(units.map((u) => u['Mã đơn vị'])).toEqual(summary.units.map((u) => u.code));
      for (const [i, u] of summary.units.entries()) {
        expect([units[i]!['Đơn vị'], num(units[i]!['Phải báo cáo']), num(units[i]!['Đã duyệt']), num(units[i]!['Chưa nộp']), num(units[i]!['Hội viên'])]).toEqual([u.name, u.expected, u.approved, u.missing, u.members]);
      }
    });

    it('lists every expected association once in "Báo cáo", numbers as numbers, dates as dates, yes and no in words, Vietnamese exactly', () => {
      const zip = readZip(xlsx['published.xlsx']!);
      const rows = records(sheets['published.xlsx']!['Báo cáo']!);
      expect(rows.map((r) => r['Mã hội']).sort()).toEqual(REPORTS.map((r) => r.association).sort());
      const byCode = new Map(rows.map((r) => [r['Mã hội'], r]));
      expect(byCode.get('TG-AH')!['Tên hội']).toBe(MARKED_NAME.normalize('NFC'));
      for (const r of REPORTS) {
        const row = byCode.get(r.association)!;
        expect(row['Trạng thái']).toBe({ approve: 'Đã duyệt', submitted: 'Chờ duyệt', none: 'Chưa nộp' }[r.outcome ?? 'approve']);
        expect(row['Số hội viên (đến 31/12)']).toBe(r.outcome === 'none' ? '' : String(r.members));
      }
      expect(byCode.get('DB-CTD')).toMatchObject({ 'Đặc thù': 'Có', 'Nộp muộn': 'Không', 'Ngày thành lập': '01/01/1993', 'Điểm': '96', 'Phiên bản': '1' });
      expect(byCode.get('QC-NCT')).toMatchObject({ 'Đặc thù': 'Không', 'Nộp muộn': '', 'Phiên bản': '0', 'Điểm': '' });
      expect(byCode.get('DB-LG')!['Xếp loại (kết quả duyệt)']).toBe('Hoàn thành tốt nhiệm vụ');
      expect(byCode.get('DB-LG')!['Kiến nghị, đề xuất']).toBe('Đề nghị Tỉnh ủy bố trí trụ sở làm việc cho Hội.');
      // Submitted on the stack's clock: 2 December 2022 in Việt Nam.
      expect(byCode.get('DB-CTD')!['Nộp lần cuối']).toMatch(/^0[12]\/12\/2022 \d\d:\d\d$/u);
      // In the sheet itself: the figures and dates are number cells (no t="s"), the texts shared strings.
      const xml = sheetXml(zip, 'Báo cáo');
      const header = sheets['published.xlsx']!['Báo cáo']![0]!;
      const column = (name: string) => {
        let s = '';
        for (let k = header.indexOf(name) + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
        return s;
      };
      const line = rows.findIndex((r) => r['Mã hội'] === 'DB-CTD') + 2;
      const c = cells(xml);
      for (const name of ['Số hội viên (đến 31/12)', 'Kinh phí vận động (đồng)', 'Điểm', 'Phiên bản', 'Ngày thành lập']) {
        const cell = c.get(`${column(name)}${line}`)!;
        expect(cell.attrs, name).not.toMatch(/t="/u);
        expect(cell.inner, name).toMatch(/^<v>\d+(\.\d+)?<\/v>$/u);
      }
      expect(c.get(`${column('Tên hội')}${line}`)!.attrs).toMatch(/t="s"/u);
      // Header row frozen, filters on.
      expect(xml).toMatch(/<pane[^>]*ySplit="1"[^>]*state="frozen"/u);
      expect(xml).toMatch(/<autoFilter ref="A1:[A-Z]+1"\/>/u);
      expect(xml).toMatch(/<col [^>]*width="\d/u);
    });

    it('lays out "Khen thưởng" to print: the published list, Times New Roman 13, A4 portrait fitted to the width, the header row on every page', () => {
      const rows = records(sheets['published.xlsx']!['Khen thưởng']!, 3);
      expect(rows.map((r) => [r['Tên tập thể'], r['Hình thức khen thưởng'], num(r['Điểm'])])).toEqual(commended.map((c) => [c.name, c.award, c.score]));
      expect(sheets['published.xlsx']!['Khen thưởng']![0]![0]).toBe('DANH SÁCH TẬP THỂ ĐỀ NGHỊ KHEN THƯỞNG');
      const zip = readZip(xlsx['published.xlsx']!);
      const xml = sheetXml(zip, 'Khen thưởng');
      expect(xml).toMatch(/<pageSetup[^>]*paperSize="9"[^>]*orientation="portrait"/u);
      expect(xml).toMatch(/<pageSetup[^>]*fitToWidth="1"[^>]*fitToHeight="0"/u);
      expect(xml).toMatch(/<sheetPr>[\s\S]*<pageSetUpPr fitToPage="1"\/>/u);
      expect(zipText(zip, 'xl/workbook.xml')).toMatch(/<definedName name="_xlnm.Print_Titles" localSheetId="3">(?:'|&apos;)Khen thưởng(?:'|&apos;)!\$4:\$4<\/definedName>/u);
      expect(zipText(zip, 'xl/styles.xml')).toMatch(/<font><sz val="13"\/>(?:<color [^>]*\/>)?<name val="Times New Roman"\/>/u);
      // Those names in the PDF too.
      expect(commended.length).toBeGreaterThan(0);
    });

    it('while open: the live counts of the cycle view, members over the reports approved so far, no "Khen thưởng"', () => {
      const open = sheets['open.xlsx']!;
      expect(Object.keys(open).sort()).toEqual(['Báo cáo', 'Tổng hợp', 'Đơn vị'].sort());
      const total = new Map(open['Tổng hợp']!.map((r) => [r[0], r]));
      expect(num(total.get('Báo cáo phải nộp')?.[1])).toBe(openCounts.expected);
      expect(num(total.get('Báo cáo đã nộp')?.[1])).toBe(openCounts.submitted);
      expect(num(total.get('Báo cáo đã duyệt')?.[1])).toBe(openCounts.approved);
      const approved = REPORTS.filter((r) => (r.outcome ?? 'approve') === 'approve').reduce((sum, r) => sum + r.members, 0);
      expect(num(total.get('Hội viên (theo các báo cáo đã duyệt)')?.[1])).toBe(approved);
      expect(open['Tổng hợp']![2]![0]).toMatch(/^Kỳ báo cáo đang mở/u);
    });

    it("gives a reviewer its own unit's subtree only, and refuses an association", async () => {
      const reviewer = sheets['reviewer.xlsx']!;
      expect(records(reviewer['Báo cáo']!).map((r) => r['Mã hội']).sort()).toEqual(['CH-NCT', 'MN-EQ', 'MN-NCT', 'SP-KH']);
      expect(records(reviewer['Đơn vị']!).map((r) => r['Mã đơn vị'])).toEqual(['DB-MN', 'DB-MN-CH', 'DB-MN-SP']);
      expect(reviewer['Tổng hợp']![1]![0]).toBe('Phạm vi: Huyện Mường Nhé');
      const refused = await stack.request('GET', `/cycles/${YEAR}/export.xlsx`, { token: await stack.token({ role: 'association', association: 'QC-NCT' }) });
      expect(refused.status).toBe(403);
      expect(refused.json.error.message).toMatch(/[À-ỹ]/u);
    });
  });
});
