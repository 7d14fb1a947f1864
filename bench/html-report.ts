// The alternative a team would otherwise pick: the same report as an HTML page (same header
// block, prose, tables with a repeated <thead>, appendix; the same Tinos fonts), printed to
// PDF by headless Chromium.
import { pathToFileURL } from 'node:url';
import type { ReportDocument } from '../shared/domain/types.ts';
import { formatNumber, formatPlaceDate, formatLongDate } from '../shared/format/vietnamese.ts';
import { fontPath } from '../shared/pdf/fonts.ts';
import { commendedParagraph, generalParagraphs, reportsParagraph } from '../shared/document/report-plan.ts';
import { APPENDIX_REASON_LABELS, LEVEL_LABELS } from '../shared/domain/labels.ts';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function table(title: string | null, headers: string[], rows: string[][]): string {
  const head = `<thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `${title ? `<h3>${esc(title)}</h3>` : ''}<table>${head}<tbody>${body}</tbody></table>`;
}

export function reportHtml(doc: ReportDocument): string {
  const s = doc.summary;
  const n = formatNumber;
  const face = (family: string, style: 'regular' | 'bold' | 'italic' | 'bolditalic') =>
    `@font-face{font-family:${family};src:url('${pathToFileURL(fontPath(style)).href}');font-weight:${style.startsWith('bold') ? 700 : 400};font-style:${style.endsWith('italic') ? 'italic' : 'normal'}}`;
  const css = `${(['regular', 'bold', 'italic', 'bolditalic'] as const).map((st) => face('Tinos', st)).join('\n')}
@page{size:A4;margin:20mm 15mm 20mm 30mm}
body{font-family:Tinos,serif;font-size:13pt;line-height:1.25}
p{text-align:justify;text-indent:12.7mm;margin:0 0 6pt}
.head{display:flex;justify-content:space-between;text-align:center}
table{width:100%;border-collapse:collapse;font-size:12pt;margin-bottom:12pt}
thead{display:table-header-group}
tr{page-break-inside:avoid}
th,td{border:0.6pt solid #000;padding:3pt 4pt}
h1,h2,h3{text-align:center;font-size:13pt}`;
  const levels = (['province', 'district', 'commune'] as const).map((l) => [
    LEVEL_LABELS[l].vi,
    n(s.associations.byLevel[l]),
    n(s.associations.special.byLevel[l]),
    n(s.associations.new.byLevel[l]),
    n(s.figures.membersByLevel[l]),
  ]);
  const completeness = doc.completenessUnits.map((u, i) => [String(i + 1), u.name, ...[u.expected, u.submitted, u.approved, u.returned, u.missing, u.late, u.members].map(n)]);
  const commended = doc.commended.map((c, i) => [String(i + 1), c.name, c.unitName, LEVEL_LABELS[c.level].vi, c.award]);
  const appendix = doc.appendix.map((a, i) => [String(i + 1), a.name, a.unitName, APPENDIX_REASON_LABELS[a.reason].vi]);
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>${css}</style></head><body>
<div class="head"><div>${doc.config.issuer.map((l) => esc(l)).join('<br>')}<br>${esc(doc.config.documentNumber)}</div>
<div><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br><u><b>Độc lập - Tự do - Hạnh phúc</b></u><br><i>${esc(formatPlaceDate(doc.config.place, doc.reportDate))}</i></div></div>
<h1>BÁO CÁO</h1><h2>Tổng kết công tác Hội quần chúng năm ${s.year}</h2>
<h3>I. TÌNH HÌNH CHUNG</h3>${generalParagraphs(doc).map((p) => `<p>${esc(p)}</p>`).join('')}
${table('Bảng 1. Tổ chức Hội và hội viên theo cấp', ['Cấp', 'Số hội', 'Hội đặc thù', 'Thành lập mới', 'Hội viên'], levels)}
<h3>II. CÔNG TÁC BÁO CÁO</h3><p>${esc(reportsParagraph(doc))}</p>
${table('Bảng 2. Tình hình báo cáo theo đơn vị', ['STT', 'Đơn vị', 'Phải báo cáo', 'Đã nộp', 'Đã duyệt', 'Trả lại', 'Chưa nộp', 'Nộp muộn', 'Hội viên'], completeness)}
<h3>III. KHEN THƯỞNG</h3><p>${esc(commendedParagraph(doc))}</p>
${commended.length ? table('Bảng 3. Danh sách tập thể đề nghị khen thưởng', ['STT', 'Tên tập thể', 'Địa phương', 'Cấp', 'Hình thức khen thưởng'], commended) : ''}
<div style="page-break-before:always"></div><h1>PHỤ LỤC</h1><h2>Các hội chưa báo cáo hoặc chưa được duyệt</h2>
<p style="text-align:center;text-indent:0"><i>(Kèm theo Báo cáo, ${esc(formatLongDate(doc.reportDate))})</i></p>
${table(null, ['STT', 'Tên hội', 'Địa phương', 'Tình trạng'], appendix)}
</body></html>`;
}
