// TEMPORARY stand-in for the period report's PDF (SPEC section 12). Another engineer writes the
// real renderer (this file and shared/document/period-plan.ts); theirs replaces this one at the
// merge. The signature is the contract: renderPeriodPdf(doc: PeriodDocument): Promise<Buffer>.
// This one lays out a minimal plan with the existing writer: the title, the years, the change,
// the commended list, the narrative; byte-identical for the same document.
import type { PeriodDocument } from '../domain/types.ts';
import type { Block, DocumentPlan } from '../document/plan.ts';
import { writePdf } from './pdf-writer.ts';

const n = (value: number) => value.toLocaleString('de-DE');

export async function renderPeriodPdf(doc: PeriodDocument): Promise<Buffer> {
  const { config, summary } = doc;
  const [y, m, d] = doc.reportDate.split('-');
  const first = summary.years[0];
  const last = summary.years.at(-1);
  const body: Block[] = [
    {
      kind: 'header',
      leftWidth: 0.45,
      issuer: config.issuer.map((text, i) => ({ text, size: 13, bold: i === config.issuer.length - 1 })),
      issuerMark: config.issuerKind === 'party' ? 'star' : 'rule',
      motto:
        config.issuerKind === 'party'
          ? [{ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', size: 15, bold: true, underline: true }]
          : [
              { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', size: 12, bold: true },
              { text: 'Độc lập - Tự do - Hạnh phúc', size: 13, bold: true, underline: true },
            ],
      number: { text: config.documentNumber, size: 13 },
      placeDate: { text: `${config.place}, ngày ${d} tháng ${m} năm ${y}`, size: 14, italic: true },
    },
    { kind: 'title', lines: [{ text: 'BÁO CÁO', size: 16, bold: true }, { text: config.title, size: 14, bold: true }], under: config.issuerKind === 'party' ? 'dashes' : 'rule' },
    {
      kind: 'table',
      title: 'Số liệu qua các năm',
      columns: [
        { header: 'Năm', width: 0.2, align: 'center' },
        { header: 'Số hội', width: 0.2, align: 'right' },
        { header: 'Hội viên', width: 0.3, align: 'right' },
        { header: 'Báo cáo được duyệt', width: 0.3, align: 'right' },
      ],
      rows: summary.years.map((py) => ({ cells: [String(py.year), n(py.associations.total), n(py.members), n(py.reports.approved)] })),
      empty: 'Không có năm nào đã ban hành.',
    },
  ];
  if (first && last && first !== last) {
    body.push({
      kind: 'paragraph',
      runs: [{ text: `So với năm ${first.year}, năm ${last.year} số hội thay đổi ${n(summary.change.associations)}, số hội viên thay đổi ${n(summary.change.members)}.` }],
    });
  }
  body.push({
    kind: 'table',
    title: 'Tập thể được khen thưởng',
    columns: [
      { header: 'STT', width: 0.08, align: 'center' },
      { header: 'Tên tập thể', width: 0.42, align: 'left' },
      { header: 'Địa phương', width: 0.2, align: 'left' },
      { header: 'Hình thức khen thưởng', width: 0.3, align: 'left' },
    ],
    rows: doc.commended.map((c, i) => ({ cells: [String(i + 1), c.name, c.unitName, c.award] })),
    empty: 'Không có tập thể nào đủ điều kiện.',
  });
  for (const text of Object.values(config.narrative)) if (text) body.push({ kind: 'paragraph', runs: [{ text }] });
  body.push({ kind: 'paragraph', runs: [{ text: './.' }] });
  const plan: DocumentPlan = {
    meta: { title: config.title, author: config.issuer.join(' '), subject: config.title, keywords: config.code, language: 'vi-VN', date: doc.reportDate },
    page: { size: 'A4', margins: { top: 20, bottom: 20, left: 30, right: 15 }, numbering: { template: '{n}', size: 13, from: 2 }, mark: null },
    sizes: { body: 14, table: 12 },
    body,
    appendices: [],
  };
  return writePdf(plan);
}
