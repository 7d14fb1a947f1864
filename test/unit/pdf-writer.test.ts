// The PDF writer lays out any document plan, not only the year-end report's.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import type { DocumentPlan } from '../../shared/document/plan.ts';
import { writePdf } from '../../shared/pdf/pdf-writer.ts';

async function pagesOf(pdf: Buffer): Promise<string[]> {
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(
      content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : ''))
        .join('')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  }
  await task.destroy();
  return pages;
}

function plan(rows: number): DocumentPlan {
  return {
    meta: { title: 'Thử', author: 'Ban Dân vận', subject: 'Thử', keywords: 'thử', language: 'vi-VN', date: '2021-02-05' },
    page: { size: 'A4', margins: { top: 20, bottom: 20, left: 30, right: 15 }, numbering: { template: 'Trang {n}/{N}', size: 11, from: 1 }, mark: null },
    sizes: { body: 13, table: 12 },
    body: [
      { kind: 'title', lines: [{ text: 'THÔNG BÁO', size: 14, bold: true }], under: 'rule' },
      { kind: 'heading', text: 'I. NỘI DUNG' },
      {
        kind: 'paragraph',
        runs: [{ text: 'Toàn tỉnh có ' }, { text: '180.455', bold: true }, { text: ' hội viên, ' }, { text: 'trong đó', italic: true }, { text: ' nhiều hội mới. '.repeat(12) }],
      },
      {
        kind: 'table',
        title: 'Bảng 1. Danh sách',
        columns: [
          { header: 'STT', width: 0.1, align: 'center' },
          { header: 'Tên hội', width: 0.9, align: 'left' },
        ],
        rows: Array.from({ length: rows }, (_, i) => ({ cells: [String(i + 1), `Hội Nông dân xã Bản Giang số ${i + 1}`] })),
        empty: 'Không có.',
      },
    ],
    appendices: [{ title: [{ text: 'PHỤ LỤC', size: 14, bold: true }], blocks: [{ kind: 'paragraph', runs: [{ text: 'Hết.' }] }] }],
  };
}

describe('the PDF writer', () => {
  it('writes runs of mixed styles, repeats table headers, numbers the pages and starts appendices on a page of their own', async () => {
    const pages = await pagesOf(await writePdf(plan(120)));
    expect(pages.length).toBeGreaterThanOrEqual(4);
    expect(pages[0]).toContain('Toàn tỉnh có 180.455 hội viên, trong đó nhiều hội mới.');
    for (const [i, page] of pages.slice(0, -1).entries()) {
      expect(page).toContain('STT Tên hội');
      expect(page).toContain(`Trang ${i + 1}/${pages.length}`);
    }
    expect(pages[pages.length - 1]).toBe(`Trang ${pages.length}/${pages.length} PHỤ LỤC Hết.`);
  });

  it('writes the same bytes for the same plan', async () => {
    expect((await writePdf(plan(5))).equals(await writePdf(plan(5)))).toBe(true);
  });
});
