// The Word writer on the report fixtures: the page set up as the official format asks, the same
// words as the PDF of the same document, tables whose header repeats, a header line broken
// between its pieces, the draft's mark, and the same bytes whatever the clock says. The file is
// read with Node's inflate (test/support/zip.ts), not with the library that wrote it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildPeriodPlan } from '../../shared/document/period-plan.ts';
import { buildReportPlan } from '../../shared/document/report-plan.ts';
import type { DocumentPlan } from '../../shared/document/plan.ts';
import { renderPeriodDocx, renderReportDocx } from '../../shared/docx/report-docx.ts';
import { renderPeriodPdf } from '../../shared/pdf/period-pdf.ts';
import { renderReportPdf } from '../../shared/pdf/report-pdf.ts';
import { pdfPages, placedText } from '../support/pdf-text.ts';
import { partyProvinceDocument, periodDocument, stateCity2025Document, stateDistrictDocument } from '../support/report-documents.ts';
import { readZip, wordParagraphs, zipText } from '../support/zip.ts';

const twips = (mm: number): number => Math.round((mm * 1440) / 25.4);

/** The words of a text, without the punctuation a style change may set apart ("180.455" of "**180.455**,"). */
const words = (text: string): string[] =>
  text
    .split(/\s+/u)
    .map((w) => w.replace(/^[,.;:()]+|[,.;:()]+$/gu, ''))
    .filter((w) => w !== '')
    .sort();

/**
 * What two renderings of a plan must share: every word (the PDF repeats a table's header on a
 * new page, Word does that when it prints: the words, not their count), and every figure as
 * many times.
 */
const content = (ws: string[]): { words: string[]; figures: string[] } => ({
  words: [...new Set(ws)].sort(),
  figures: ws.filter((w) => /^[+-]?\d[\d.,/]*$/u.test(w)),
});

/** The PDF's words (its runs of text apart), without the page numbers at the top of pages 2 on. */
async function pdfWords(pdf: Buffer): Promise<string[]> {
  const pages = await placedText(pdf);
  return words(pages.flatMap((p, i) => p.items.filter((item, k) => !(i > 0 && k === 0 && item.str.trim() === String(i + 1))).map((item) => item.str)).join(' '));
}

const tableBlocks = (plan: DocumentPlan): number =>
  [...plan.body, ...plan.appendices.flatMap((a) => a.blocks)].filter((b) => b.kind === 'table').length;

afterEach(() => {
  vi.useRealTimers();
});

describe('the Word report', () => {
  it('is set up as the official format asks: A4 portrait, the plan margins, Times New Roman at the body size, numbered from page 2', async () => {
    const doc = partyProvinceDocument();
    const plan = buildReportPlan(doc);
    const zip = readZip(await renderReportDocx(doc));
    const xml = zipText(zip, 'word/document.xml');
    const sect = /<w:sectPr[\s\S]*<\/w:sectPr>/u.exec(xml)![0];
    expect(sect).toMatch(/<w:pgSz w:w="11906" w:h="16838"/u);
    const m = plan.page.margins;
    expect(sect).toContain(`w:top="${twips(m.top)}"`);
    expect(sect).toContain(`w:bottom="${twips(m.bottom)}"`);
    expect(sect).toContain(`w:left="${twips(m.left)}"`);
    expect(sect).toContain(`w:right="${twips(m.right)}"`);
    // A different first page: its header has no page number, every other page's has PAGE.
    expect(sect).toContain('<w:titlePg/>');
    const headerOf = (type: string): string => {
      const id = new RegExp(`<w:headerReference w:type="${type}" r:id="(rId\\d+)"`, 'u').exec(sect)![1]!;
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`, 'u').exec(zipText(zip, 'word/_rels/document.xml.rels'))!;
      return zipText(zip, `word/${target[1] ?? target[2]}`);
    };
    expect(headerOf('default')).toMatch(/PAGE/u);
    expect(headerOf('first')).not.toMatch(/PAGE/u);
    const styles = zipText(zip, 'word/styles.xml');
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*w:ascii="Times New Roman"[\s\S]*<w:sz w:val="28"\/>/u);
    // The title at the Party format's 16 pt, "ĐẢNG CỘNG SẢN VIỆT NAM" at 15 pt bold and underlined.
    expect(xml).toMatch(/<w:sz w:val="32"\/>(?:(?!<\/w:r>).)*<w:t[^>]*>BÁO CÁO<\/w:t>/su);
    expect(xml).toMatch(/<w:b\/>(?:(?!<\/w:r>).)*<w:sz w:val="30"\/>(?:(?!<\/w:r>).)*<w:t[^>]*>ĐẢNG CỘNG SẢN VIỆT NAM<\/w:t>/su);
    expect(xml).toMatch(/<w:u w:val="single"\/>(?:(?!<\/w:r>).)*<w:t[^>]*>ĐẢNG CỘNG SẢN VIỆT NAM<\/w:t>/su);
    // The place and date in italics.
    expect(xml).toMatch(/<w:i\/>(?:(?!<\/w:r>).)*<w:t[^>]*>Lai Châu, ngày 18 tháng 12 năm 2020<\/w:t>/su);
     // A table's text at the table size, through its paragraph style (not a size on every run).
    const tableText = new RegExp(`<w:style w:type="paragraph" w:styleId="TableText">[\\s\\S]*?<w:sz w:val="${plan.sizes.table * 2}"/>[\\s\\S]*?</w:style>`, 'u');
    expect(styles).toMatch(tableText);
    // Its alignment too: "STT" is centred by TableTextCentre, based on TableText.
    const firstCell = /<w:tc>[\s\S]*?<\/w:tc>/u.exec(xml.slice(xml.indexOf('<w:tblHeader/>')))![0];
    expect(firstCell).toContain('<w:pStyle w:val="TableTextCentre"/>');
    expect(firstCell).not.toContain('<w:sz ');
    expect(firstCell).not.toContain('<w:jc ');
    for (const [id, jc] of [['TableTextCentre', 'center'], ['TableTextRight', 'right']]) {
      const style = new RegExp(`<w:style w:type="paragraph" w:styleId="${id}">(?:(?!</w:style>).)*</w:style>`, 'su').exec(styles)![0];
      expect(style).toContain('<w:basedOn w:val="TableText"/>');
      expect(style).toContain(`<w:jc w:val="${jc}"/>`);
    }
  });

  it.each([
    ['a Party province', partyProvinceDocument],
    ['a State district', stateDistrictDocument],
    ['a State city of 2025', stateCity2025Document],
  ])('says the same words as the PDF of the same document (%s)', async (_name, make) => {
    const doc = make();
    const xml = zipText(await renderReportDocx(doc), 'word/document.xml');
    expect(content(words(wordParagraphs(xml).join(' ')))).toEqual(content(await pdfWords(await renderReportPdf(doc))));
  });

  it('says the same words as the PDF for a period review', async () => {
    const doc = periodDocument();
    const xml = zipText(await renderPeriodDocx(doc), 'word/document.xml');
    expect(content(words(wordParagraphs(xml).join(' ')))).toEqual(content(await pdfWords(await renderPeriodPdf(doc))));
    expect(xml.match(/<w:tblHeader\/>/gu)).toHaveLength(tableBlocks(buildPeriodPlan(doc)));
  });

  it('repeats each table header row on every page and never splits a row', async () => {
    const doc = partyProvinceDocument();
    const xml = zipText(await renderReportDocx(doc), 'word/document.xml');
    const tables = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/gu)].map((t) => t[0]);
    const bordered = tables.filter((t) => /<w:tblBorders><w:top w:val="single"/u.test(t));
    expect(bordered).toHaveLength(tableBlocks(buildReportPlan(doc)));
    for (const table of bordered) {
      const rows = [...table.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/gu)].map((r) => r[0]);
      expect(rows[0]).toContain('<w:tblHeader/>');
      expect(rows.slice(1).some((r) => r.includes('<w:tblHeader/>'))).toBe(false);
      expect(rows.every((r) => r.includes('<w:cantSplit/>'))).toBe(true);
      expect(table).toMatch(/<w:tblLayout w:type="fixed"\/>/u);
    }
  });

  it('writes every row of every table with its cells in order, a cell that repeats from row to row as often as it does', async () => {
    const doc = partyProvinceDocument();
    const plan = buildReportPlan(doc);
    const xml = zipText(await renderReportDocx(doc), 'word/document.xml');
    const bordered = [...xml.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/gu)].map((t) => t[0]).filter((t) => /<w:tblBorders><w:top w:val="single"/u.test(t));
    const written = bordered.map((t) => [...t.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/gu)].map((r) => [...r[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/gu)].map((c) => wordParagraphs(c[0]).join('\n'))));
    const tables = [...plan.body, ...plan.appendices.flatMap((a) => a.blocks)].filter((b) => b.kind === 'table');
    expect(written).toEqual(tables.map((t) => [t.columns.map((c) => c.header), ...t.rows.map((r) => t.columns.map((_, i) => r.cells[i] ?? ''))]));
    // The fixture has cells that repeat within a column (one object written once per row).
    expect(tables.some((t) => t.columns.some((_, i) => new Set(t.rows.map((r) => r.cells[i])).size < t.rows.length))).toBe(true);
  });

  it('breaks an issuer line too long for its column between its pieces, never inside a name, as the PDF does', async () => {
    const paragraphs = wordParagraphs(zipText(await renderReportDocx(stateCity2025Document()), 'word/document.xml'));
    expect(paragraphs.slice(0, 3)).toEqual(['ỦY BAN NHÂN DÂN', 'THÀNH PHỐ HỒ CHÍ MINH', 'SỞ NỘI VỤ']);
    const pdfTop = (await pdfPages(await renderReportPdf(stateCity2025Document())))[0]!;
    expect(pdfTop).toMatch(/^ỦY BAN NHÂN DÂN\s*\n\s*THÀNH PHỐ HỒ CHÍ MINH/u);
  });

  it('marks every page of a draft "DỰ THẢO", the first page too; the final report carries no mark', async () => {
    const draft = readZip(await renderReportDocx(partyProvinceDocument({ draft: true })));
    const headers = [...draft.keys()].filter((n) => /^word\/header\d+\.xml$/u.test(n));
    expect(headers).toHaveLength(2);
    for (const h of headers) expect(zipText(draft, h)).toContain('DỰ THẢO');
    const final = readZip(await renderReportDocx(partyProvinceDocument()));
    for (const h of [...final.keys()].filter((n) => n.startsWith('word/header'))) expect(zipText(final, h)).not.toContain('DỰ THẢO');
  });

  it('gives the same bytes whatever the time of rendering: the report date in the properties, a fixed time on the zip entries', async () => {
    const doc = partyProvinceDocument();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2021-03-04T05:06:07Z'));
    const first = await renderReportDocx(doc);
    vi.setSystemTime(new Date('2030-11-12T13:14:15Z'));
    const second = await renderReportDocx(doc);
    expect(second.equals(first)).toBe(true);
    const zip = readZip(first);
    const core = zipText(zip, 'docProps/core.xml');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2020-12-18T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dc:title>Báo cáo tổng kết công tác Hội quần chúng năm 2020</dc:title>');
    for (const entry of zip.values()) expect([entry.time, entry.date]).toEqual([0, 33]);
  });
});
