// The association's form page (GET /, SPEC sections 1, 4 and 7): a static Vietnamese HTML page,
// its stylesheet and its script, kept as string constants so they are bundled into the Lambda.
// The page carries no request data: the script reads the access link (?year=…&token=…), loads
// GET /cycles/{year}/reports/{association} and submits with PUT, inserting every piece of data
// with textContent only. Everything is served from 'self' under a strict CSP (no inline script
// or style), so the page works with PAGE_CSP below.
import { createHash } from 'node:crypto';
import { documentHead, escapeHtml } from './html.ts';
import { DECODE_PAYLOAD_JS } from './token-payload.ts';
import { RATING_LABELS, REPORT_FIELD_LABELS, REPORT_LIMITS } from '../domain/labels.ts';
import { SELF_RATINGS, type ReportFields } from '../domain/types.ts';

/** The one Content-Security-Policy of every page: only 'self', nothing inline, no framing. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

type FieldKind = 'integer' | 'rating' | 'boolean' | 'text' | 'line';

export interface FormField {
  name: keyof ReportFields;
  kind: FieldKind;
  required: boolean;
  hint: string;
}

/** The form's controls in SPEC section 4 order; `name` is the API field name. */
export const FORM_FIELDS: readonly FormField[] = [
  { name: 'members', kind: 'integer', required: true, hint: 'Số nguyên từ 0 đến 10.000.000, chỉ nhập chữ số.' },
  { name: 'newMembers', kind: 'integer', required: false, hint: 'Không lớn hơn số hội viên. Để trống là 0.' },
  { name: 'branches', kind: 'integer', required: false, hint: 'Từ 0 đến 100.000. Để trống là 0.' },
  { name: 'charityEvents', kind: 'integer', required: false, hint: 'Số hoạt động trong năm. Để trống là 0.' },
  { name: 'charityFundsVnd', kind: 'integer', required: false, hint: 'Tính bằng đồng, ví dụ 150000000. Để trống là 0.' },
  { name: 'legalEducationSessions', kind: 'integer', required: false, hint: 'Số buổi trong năm. Để trống là 0.' },
  { name: 'selfRating', kind: 'rating', required: true, hint: 'Chọn một mức.' },
  { name: 'nominate', kind: 'boolean', required: false, hint: 'Nếu đề nghị, phải nêu thành tích nổi bật.' },
  { name: 'achievements', kind: 'text', required: false, hint: 'Bắt buộc khi đề nghị khen thưởng tập thể. Tối đa 5.000 ký tự.' },
  { name: 'limitations', kind: 'text', required: false, hint: 'Không bắt buộc. Tối đa 5.000 ký tự.' },
  { name: 'proposals', kind: 'text', required: false, hint: 'Không bắt buộc. Tối đa 5.000 ký tự.' },
  { name: 'submittedBy', kind: 'line', required: true, hint: 'Họ tên, chức vụ người lập báo cáo; tối đa 200 ký tự.' },
];

const GROUPS: readonly { legend: string; names: readonly (keyof ReportFields)[]; grid?: boolean }[] = [
  { legend: 'Số liệu năm', names: ['members', 'newMembers', 'branches', 'charityEvents', 'charityFundsVnd', 'legalEducationSessions'], grid: true },
  { legend: 'Đánh giá và khen thưởng', names: ['selfRating', 'nominate', 'achievements'] },
  { legend: 'Hạn chế, kiến nghị', names: ['limitations', 'proposals'] },
  { legend: 'Người báo cáo', names: ['submittedBy'] },
];


function control(field: FormField): string {
  const id = `f-${field.name}`;
  const describedBy = `aria-describedby="h-${field.name}"`;
  const required = field.required ? ' required aria-required="true"' : '';
  switch (field.kind) {
    case 'integer':
      return `<input type="text" id="${id}" name="${field.name}" inputmode="numeric" pattern="[0-9]*" autocomplete="off" maxlength="20"${required} ${describedBy}>`;
    case 'rating':
      return [
        `<select id="${id}" name="${field.name}"${required} ${describedBy}>`,
        '<option value="">— Chọn mức tự đánh giá —</option>',
        ...SELF_RATINGS.map((r) => `<option value="${r}">${escapeHtml(RATING_LABELS[r].vi)}</option>`),
        '</select>',
      ].join('');
    case 'boolean':
      return `<input type="checkbox" id="${id}" name="${field.name}" value="true" ${describedBy}>`;
    case 'text':
      return `<textarea id="${id}" name="${field.name}" rows="5" maxlength="${REPORT_LIMITS.text}"${required} ${describedBy}></textarea>`;
    case 'line':
      return `<input type="text" id="${id}" name="${field.name}" maxlength="${REPORT_LIMITS.submittedBy}" autocomplete="name"${required} ${describedBy}>`;
  }
}

function fieldBlock(field: FormField): string {
  const label = escapeHtml(REPORT_FIELD_LABELS[field.name].vi);
  const marker = field.required ? ' <span class="req">(bắt buộc)</span>' : '';
  const hint = `<p class="hint" id="h-${field.name}">${escapeHtml(field.hint)}</p>`;
  const error = `<p class="field-error" id="e-${field.name}" hidden></p>`;
  if (field.kind === 'boolean') {
    return [
      `<div class="field field-check" data-field="${field.name}">`,
      `<div class="check">${control(field)}<label for="f-${field.name}"><span class="label-text">${label}</span></label></div>`,
      hint,
      error,
      '</div>',
    ].join('\n');
  }
  return [
    `<div class="field" data-field="${field.name}">`,
    `<label for="f-${field.name}"><span class="label-text">${label}</span>${marker}</label>`,
    hint,
    error,
    control(field),
    '</div>',
  ].join('\n');
}

function formMarkup(): string {
  const byName = new Map(FORM_FIELDS.map((f) => [f.name, f]));
  return GROUPS.map((group) =>
    [
      '<fieldset class="group">',
      `<legend>${escapeHtml(group.legend)}</legend>`,
      group.grid ? '<div class="grid">' : '',
      ...group.names.map((n) => fieldBlock(byName.get(n)!)),
      group.grid ? '</div>' : '',
      '</fieldset>',
    ]
      .filter(Boolean)
      .join('\n'),
  ).join('\n');
}

function shell(title: string, body: string, script: boolean): string {
  const head = documentHead(title, [{ file: 'form.css', version: ASSET_VERSION.css }], script ? [{ file: 'form.js', version: ASSET_VERSION.js }] : []);
  return `${head}
<body>
${body}
</body>
</html>
`;
}

/** The form page GET /, the same bytes for every request. */
export function renderFormPage(): string {
  return shell(
    'Báo cáo tổng kết năm — Tổng kết',
    `<header class="top">
<div class="wrap">
<p class="app">Tổng kết · Báo cáo tổng kết năm của hội</p>
<h1 id="page-title">Báo cáo tổng kết năm</h1>
<p class="assoc" id="assoc-name" hidden></p>
</div>
</header>
<main class="wrap" id="main">
<noscript><p class="alert alert-error">Trang này cần JavaScript để tải và nộp báo cáo. Hãy bật JavaScript trong trình duyệt rồi mở lại đường link của hội.</p></noscript>
<p class="alert alert-info" id="notice" role="status" tabindex="-1" hidden></p>
<div class="alert alert-error" id="alert" role="alert" tabindex="-1" hidden></div>
<section class="panel" id="status-panel" aria-labelledby="status-title" hidden>
<h2 id="status-title">Tình trạng báo cáo</h2>
<dl class="facts">
<dt>Hội</dt><dd id="v-name"></dd>
<dt>Năm báo cáo</dt><dd id="v-year"></dd>
<dt>Hạn nộp</dt><dd id="v-deadline"></dd>
<dt>Trạng thái</dt><dd><span class="badge" id="v-status"></span> <span class="badge badge-late" id="v-late" hidden>Nộp muộn</span></dd>
<dt>Phiên bản</dt><dd id="v-version"></dd>
<dt id="t-result" hidden>Kết quả duyệt</dt><dd id="v-result" hidden></dd>
</dl>
<div class="comment" id="comment-box" hidden>
<h3 id="comment-title">Nhận xét của cán bộ duyệt</h3>
<p id="comment-text"></p>
</div>
<p class="readonly" id="readonly-reason" hidden></p>
<p class="late-note" id="late-note" hidden></p>
</section>
<form id="report-form" novalidate hidden>
<div class="error-summary" id="error-summary" role="alert" tabindex="-1" hidden>
<h2>Báo cáo chưa nộp được — cần sửa các mục sau</h2>
<p id="error-summary-text"></p>
<ul id="error-summary-list"></ul>
</div>
<fieldset class="form-body" id="form-body" disabled>
<h2 class="form-title">Nội dung báo cáo</h2>
<p class="hint">Mục có chữ “bắt buộc” phải điền. Số liệu tính đến 31/12 của năm báo cáo.</p>
${formMarkup()}
<div class="actions" id="actions">
<button type="submit" class="primary" id="submit-button">Nộp báo cáo</button>
</div>
</fieldset>
</form>
<section class="panel" id="history-panel" aria-labelledby="history-title" hidden>
<h2 id="history-title">Lịch sử báo cáo</h2>
<ol class="history" id="history-list"></ol>
</section>
</main>
<footer class="wrap foot"><p>Cần đường link mới hoặc gặp trục trặc? Liên hệ Văn phòng tỉnh (cơ quan quản lý hội).</p></footer>`,
    true,
  );
}

export const FORM_CSS = String.raw`/* Tổng kết — form page. System fonts only; single column; contrast >= 4.5:1. */
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 1rem;
  line-height: 1.5;
  color: #1b1b1b;
  background: #f4f5f7;
  overflow-wrap: anywhere;
}
.wrap { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
[hidden] { display: none !important; }
.top { background: #0b3d6e; color: #ffffff; padding: 1rem 0 1.25rem; }
.top .app { margin: 0; font-size: .9375rem; color: #e3ecf7; }
.top h1 { margin: .25rem 0 0; font-size: 1.5rem; line-height: 1.25; }
.top .assoc { margin: .5rem 0 0; font-size: 1.125rem; font-weight: 600; }
main.wrap { padding-top: 1rem; padding-bottom: 2rem; }
h2 { font-size: 1.25rem; line-height: 1.3; margin: 0 0 .75rem; }
h3 { font-size: 1.0625rem; margin: 1rem 0 .5rem; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: .875rem; }
pre { background: #1b1b1b; color: #f4f5f7; padding: .75rem; border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; }
.panel, .form-body {
  background: #ffffff;
  border: 1px solid #c9ced6;
  border-radius: 8px;
  padding: 1rem;
  margin: 0 0 1rem;
}
.form-body { min-width: 0; }
.form-title { margin-top: 0; }
.alert { border-radius: 8px; padding: .75rem 1rem; margin: 0 0 1rem; border: 2px solid; font-weight: 500; }
.alert p { margin: 0; }
.alert p + p { margin-top: .5rem; }
.alert-info { background: #e8f0fe; border-color: #1a56b8; color: #0b2e66; }
.alert-ok { background: #e6f4ea; border-color: #1e7b34; color: #0d4a1f; }
.alert-error { background: #fdecea; border-color: #b3261e; color: #7a1410; }
.facts { display: grid; grid-template-columns: minmax(6.5rem, max-content) 1fr; gap: .5rem 1rem; margin: 0; }
.facts dt { font-weight: 600; color: #3d4249; }
.facts dd { margin: 0; }
.badge { display: inline-block; margin: 0 .25rem .25rem 0; padding: .125rem .625rem; border-radius: 999px; border: 1px solid; font-weight: 600; font-size: .9375rem; }
.badge-none { background: #eef0f3; color: #30343a; border-color: #6b7280; }
.badge-submitted { background: #e8f0fe; color: #0b2e66; border-color: #1a56b8; }
.badge-approved { background: #e6f4ea; color: #0d4a1f; border-color: #1e7b34; }
.badge-returned { background: #fdecea; color: #7a1410; border-color: #b3261e; }
.badge-late { background: #fff4e0; color: #6b3a00; border-color: #a15c00; }
.comment { margin: 1rem 0 0; padding: .75rem 1rem; border-left: 6px solid #6b7280; background: #f4f5f7; border-radius: 4px; }
.comment h3 { margin: 0 0 .25rem; }
.comment p { margin: 0; white-space: pre-wrap; }
.comment.returned { border-left-color: #b3261e; background: #fdecea; color: #7a1410; }
.readonly, .late-note { margin: 1rem 0 0; padding: .75rem 1rem; border-radius: 4px; background: #fff4e0; color: #6b3a00; border: 1px solid #a15c00; }
fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
.group { margin: 1.5rem 0 0; }
.group legend { font-size: 1.125rem; font-weight: 700; padding: 0; margin-bottom: .5rem; }
.grid { display: grid; grid-template-columns: 1fr; gap: 0 1.25rem; }
.field { margin: 0 0 1.25rem; }
.field > label { display: block; font-weight: 600; margin-bottom: .125rem; }
.req { font-weight: 400; color: #7a1410; }
.hint { margin: 0 0 .375rem; font-size: .9375rem; color: #4a4f57; }
.field-error { margin: 0 0 .375rem; font-weight: 600; color: #a1150f; }
.field.has-error { border-left: 4px solid #b3261e; padding-left: .75rem; }
input[type="text"], select, textarea {
  display: block;
  width: 100%;
  min-height: 2.75rem;
  padding: .5rem .75rem;
  font: inherit;
  color: #1b1b1b;
  background: #ffffff;
  border: 2px solid #5f6670;
  border-radius: 6px;
}
textarea { min-height: 8rem; resize: vertical; }
select { appearance: auto; }
input[aria-invalid="true"], select[aria-invalid="true"], textarea[aria-invalid="true"] { border-color: #b3261e; border-width: 3px; }
input:disabled, select:disabled, textarea:disabled {
  background: #eef0f3;
  color: #1b1b1b;
  -webkit-text-fill-color: #1b1b1b;
  border-color: #8a9099;
  opacity: 1;
}
.check { display: flex; align-items: center; gap: .75rem; min-height: 2.75rem; }
.check input {
  appearance: none;
  -webkit-appearance: none;
  display: grid;
  place-content: center;
  width: 1.75rem;
  height: 1.75rem;
  margin: 0;
  flex: none;
  background: #ffffff;
  border: 2px solid #5f6670;
  border-radius: 4px;
  cursor: pointer;
}
.check input::before {
  content: "";
  width: 1rem;
  height: 1rem;
  transform: scale(0);
  background: #ffffff;
  clip-path: polygon(14% 44%, 0 65%, 50% 100%, 100% 16%, 80% 0%, 43% 62%);
}
.check input:checked { background: #0b3d6e; border-color: #0b3d6e; }
.check input:checked::before { transform: scale(1); }
.check input:disabled { background: #eef0f3; border-color: #8a9099; cursor: default; }
.check input:disabled:checked { background: #3d4249; border-color: #3d4249; }
.check label { flex: 1; padding: .625rem 0; font-weight: 600; cursor: pointer; }
.actions { margin-top: 1.5rem; }
button.primary {
  display: block;
  width: 100%;
  min-height: 3rem;
  padding: .75rem 1.5rem;
  font: inherit;
  font-weight: 700;
  color: #ffffff;
  background: #0b57a4;
  border: 2px solid #0b57a4;
  border-radius: 6px;
  cursor: pointer;
}
button.primary:hover { background: #0b3d6e; border-color: #0b3d6e; }
button.primary:disabled { background: #5f6670; border-color: #5f6670; cursor: not-allowed; }
:focus-visible { outline: 3px solid #0b57a4; outline-offset: 2px; }
input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 3px solid #0b57a4; outline-offset: 1px; border-color: #0b3d6e; }
.alert:focus, .error-summary:focus { outline: 3px solid #0b57a4; outline-offset: 2px; }
.error-summary { background: #ffffff; border: 3px solid #b3261e; border-radius: 8px; padding: 1rem; margin: 0 0 1rem; }
.error-summary h2 { color: #7a1410; }
.error-summary p { margin: 0 0 .5rem; }
.error-summary ul { margin: 0; padding: 0; list-style: none; }
.error-summary li { border-top: 1px solid #f1c4c0; }
.error-summary a { color: #a1150f; font-weight: 600; display: block; padding: .625rem 0; }
.history { list-style: none; margin: 0; padding: 0; }
.history li { padding: .625rem 0; border-top: 1px solid #dde1e6; }
.history li:first-child { border-top: 0; padding-top: 0; }
.history .what { display: block; font-weight: 600; }
.history .when { display: block; color: #4a4f57; font-size: .9375rem; }
.history .note { margin: .25rem 0 0; white-space: pre-wrap; }
.foot { color: #4a4f57; font-size: .9375rem; padding-bottom: 2rem; }
@media (min-width: 40rem) {
  .top h1 { font-size: 1.875rem; }
  .panel, .form-body { padding: 1.5rem; }
  .grid { grid-template-columns: 1fr 1fr; align-items: end; }
  button.primary { display: inline-block; width: auto; min-width: 14rem; }
}
@media (prefers-reduced-motion: no-preference) { html { scroll-behavior: smooth; } }
`;

// The browser script. Plain ES2017, no template literals (this is a TS template string).
const FORM_JS_BODY = String.raw`/* Tổng kết — the association's form page. Data is inserted with textContent only. */
(function () {
  'use strict';
  // English when the browser's language starts with "en": every Vietnamese string goes through L().
  var EN = /^en/i.test(String((navigator.languages && navigator.languages[0]) || navigator.language || '')) ? (window.TK_FORM_EN || {}) : null;
  function L(text) { return EN && Object.prototype.hasOwnProperty.call(EN, text) ? EN[text] : text; }
  function translatePage() {
    if (!EN) return;
    document.documentElement.lang = 'en';
    document.title = L(document.title);
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var text = node.nodeValue;
      var key = text.trim();
      if (key && Object.prototype.hasOwnProperty.call(EN, key)) node.nodeValue = text.replace(key, EN[key]);
    }
  }
  var TOKEN_KEY = 'tongket.token';
  var YEAR_KEY = 'tongket.year';
  var NUMBER_FIELDS = ['members', 'newMembers', 'branches', 'charityEvents', 'charityFundsVnd', 'legalEducationSessions'];
  var TEXT_FIELDS = ['achievements', 'limitations', 'proposals', 'submittedBy'];
  var ALL_FIELDS = NUMBER_FIELDS.concat(['selfRating', 'nominate'], TEXT_FIELDS);
  var STATUS_LABELS = {
    none: L('Chưa nộp'),
    submitted: L('Đã nộp, chờ duyệt'),
    approved: L('Đã duyệt'),
    returned: L('Bị trả lại — cần sửa và nộp lại')
  };
  var ACTION_LABELS = { submitted: L('Nộp báo cáo'), approved: L('Được duyệt'), returned: L('Bị trả lại'), reopened: L('Mở lại để sửa') };
  var CYCLE_LABELS = { closing: L('đang khóa sổ'), published: L('đã khóa sổ và công bố'), close_failed: L('đang khóa sổ') };
  var LINK_PROBLEM = L('Đường link truy cập đã hết hạn hoặc không đúng. Xin liên hệ Văn phòng tỉnh (cơ quan quản lý hội) để được cấp đường link mới.');

  var state = { token: null, year: null, association: null, view: null, busy: false };

  function el(id) { return document.getElementById(id); }
  function field(name) { return el('f-' + name); }
  function setText(node, text) { node.textContent = text == null ? '' : String(text); }
  function show(node, visible) { node.hidden = !visible; }
  function make(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = String(text);
    return node;
  }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function formatDateTime(iso) {
    var t = Date.parse(iso);
    if (isNaN(t)) return String(iso);
    var v = new Date(t + 7 * 3600000); // Asia/Ho_Chi_Minh is UTC+7 all year
    return pad(v.getUTCDate()) + '/' + pad(v.getUTCMonth() + 1) + '/' + v.getUTCFullYear() + ' ' + pad(v.getUTCHours()) + ':' + pad(v.getUTCMinutes());
  }
  function formatDate(ymd) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(ymd));
    return m ? m[3] + '/' + m[2] + '/' + m[1] : String(ymd);
  }
  function deadlinePassed(ymd) {
    var t = Date.parse(String(ymd) + 'T23:59:59.999+07:00');
    return !isNaN(t) && Date.now() > t;
  }
  function ratingLabel(value) {
    var options = field('selfRating').options;
    for (var i = 0; i < options.length; i++) if (options[i].value === value) return options[i].textContent;
    return String(value);
  }
  function actorLabel(by) {
    var s = String(by || '');
    var i = s.indexOf(':');
    var role = i < 0 ? s : s.slice(0, i);
    var who = i < 0 ? '' : s.slice(i + 1);
    if (role === 'association') return L('Hội');
    if (role === 'reviewer') return L('Cán bộ duyệt') + (who ? ' (' + who + ')' : '');
    if (role === 'province') return L('Văn phòng tỉnh');
    return s;
  }

  // ---- messages at the top ----
  function notice(text, kind) {
    var node = el('notice');
    node.className = 'alert ' + (kind === 'ok' ? 'alert-ok' : 'alert-info');
    setText(node, text);
    show(node, !!text);
    return node;
  }
  function alertError(lines) {
    var node = el('alert');
    node.textContent = '';
    [].concat(lines).forEach(function (line) { if (line) node.appendChild(make('p', null, line)); });
    show(node, node.childNodes.length > 0);
    return node;
  }

  // ---- the access link ----
  function storage() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }
  function readCredentials() {
    var params = new URLSearchParams(location.search);
    var store = storage();
    var token = params.get('token');
    var year = params.get('year');
    if (token) {
      if (store) {
        try { store.setItem(TOKEN_KEY, token); if (year) store.setItem(YEAR_KEY, year); } catch (e) { /* private mode: keep it in memory */ }
      }
      // The token leaves the visible URL (history, screenshots, shoulder surfing); the year stays.
      params.delete('token');
      var rest = params.toString();
      try { history.replaceState(null, '', location.pathname + (rest ? '?' + rest : '') + location.hash); } catch (e) { /* ignore */ }
    } else if (store) {
      token = store.getItem(TOKEN_KEY);
      if (!year) year = store.getItem(YEAR_KEY);
    }
    return { token: token, year: year };
  }
  ${DECODE_PAYLOAD_JS}
  function forgetToken() {
    var store = storage();
    if (store) { try { store.removeItem(TOKEN_KEY); } catch (e) { /* ignore */ } }
  }

  // ---- the API ----
  function reportPath() {
    return 'cycles/' + encodeURIComponent(state.year) + '/reports/' + encodeURIComponent(state.association);
  }
  function api(method, body) {
    var headers = { 'Authorization': 'Bearer ' + state.token, 'Accept': 'application/json', 'Accept-Language': EN ? 'en' : 'vi' };
    var init = { method: method, headers: headers, cache: 'no-store', credentials: 'omit' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(reportPath(), init).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        return { status: response.status, data: data };
      });
    });
  }
  function errorOf(result) {
    var error = result.data && result.data.error;
    return error && typeof error === 'object' ? error : { message: L('Máy chủ trả lời lỗi ') + result.status + '.' };
  }
  function networkProblem() {
    alertError([L('Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại; nội dung đã điền vẫn còn trên trang.')]);
  }

  // ---- showing the report ----
  function load(afterLoad) {
    notice(L('Đang tải báo cáo…'));
    return api('GET').then(function (result) {
      notice('');
      if (result.status === 200 && result.data) {
        state.view = result.data;
        render(result.data);
      } else if (result.status === 401) {
        forgetToken();
        alertError([LINK_PROBLEM]);
        show(el('report-form'), false);
      } else {
        alertError([errorOf(result).message, L('Kiểm tra lại đường link; nếu vẫn lỗi, liên hệ Văn phòng tỉnh.')]);
        show(el('report-form'), false);
      }
      if (afterLoad) afterLoad();
    }, function () {
      notice('');
      networkProblem();
      if (afterLoad) afterLoad();
    });
  }

  function render(view) {
    var cycle = view.cycle || {};
    var name = view.name || view.association;
    setText(el('assoc-name'), name);
    show(el('assoc-name'), true);
    document.title = name + L(' — Báo cáo tổng kết năm ') + (cycle.year || state.year);
    setText(el('page-title'), L('Báo cáo tổng kết năm ') + (cycle.year || state.year));
    setText(el('v-name'), name + L(' (mã ') + view.association + ')');
    setText(el('v-year'), cycle.year || state.year);
    setText(el('v-deadline'), cycle.deadline ? formatDate(cycle.deadline) : L('—'));

    var status = view.status || 'none';
    var badge = el('v-status');
    badge.className = 'badge badge-' + (STATUS_LABELS[status] ? status : 'none');
    setText(badge, STATUS_LABELS[status] || String(status));
    show(el('v-late'), !!view.late);
    setText(el('v-version'), view.version > 0 ? L('Phiên bản ') + view.version : L('Chưa có'));

    var approved = status === 'approved';
    var result = '';
    if (approved) {
      result = (view.score != null ? L('Điểm thi đua ') + view.score : '') +
        (view.rating ? (view.score != null ? ' · ' : '') + L('Xếp loại: ') + ratingLabel(view.rating) : '');
    }
    setText(el('v-result'), result);
    show(el('t-result'), !!result);
    show(el('v-result'), !!result);

    var box = el('comment-box');
    var returned = status === 'returned';
    box.className = 'comment' + (returned ? ' returned' : '');
    setText(el('comment-title'), returned ? L('Nhận xét của cán bộ duyệt — cần sửa và nộp lại') : L('Nhận xét của cán bộ duyệt'));
    setText(el('comment-text'), view.comment || '');
    show(box, !!view.comment);

    var open = cycle.status === 'open';
    var reason = '';
    if (!open) {
      reason = L('Kỳ báo cáo năm ') + (cycle.year || state.year) + ' ' + (CYCLE_LABELS[cycle.status] || L('không còn mở')) +
        L(': không nộp hay sửa báo cáo được nữa. Nếu cần sửa, liên hệ Văn phòng tỉnh.');
    } else if (approved) {
      reason = L('Báo cáo đã được duyệt nên đã khóa, chỉ xem được. Nếu cần sửa, đề nghị cán bộ duyệt mở lại.');
    }
    setText(el('readonly-reason'), reason);
    show(el('readonly-reason'), !!reason);
    var lateNote = open && !approved && cycle.deadline && deadlinePassed(cycle.deadline);
    setText(el('late-note'), lateNote ? L('Đã quá hạn nộp. Báo cáo nộp bây giờ vẫn được nhận nhưng được tính là nộp muộn.') : '');
    show(el('late-note'), !!lateNote);
    show(el('status-panel'), true);

    fill(view.report);
    clearErrors();
    el('form-body').disabled = !!reason;
    show(el('actions'), !reason);
    setText(el('submit-button'), view.version > 0 ? L('Nộp lại (phiên bản ') + (view.version + 1) + ')' : L('Nộp báo cáo'));
    show(el('report-form'), true);

    renderHistory(view.history || []);
  }

  function fill(report) {
    if (!report) return;
    NUMBER_FIELDS.forEach(function (name) {
      field(name).value = typeof report[name] === 'number' ? String(report[name]) : '';
    });
    TEXT_FIELDS.forEach(function (name) {
      field(name).value = typeof report[name] === 'string' ? report[name] : '';
    });
    field('selfRating').value = report.selfRating || '';
    field('nominate').checked = report.nominate === true;
  }

  function renderHistory(history) {
    var list = el('history-list');
    list.textContent = '';
    for (var i = history.length - 1; i >= 0; i--) {
      var h = history[i] || {};
      var item = make('li');
      var head = make('div');
      head.appendChild(make('span', 'what', L('Phiên bản ') + h.version + ' · ' + (ACTION_LABELS[h.action] || h.action)));
      head.appendChild(make('span', 'when', formatDateTime(h.at) + ' · ' + actorLabel(h.by)));
      item.appendChild(head);
      if (h.comment) item.appendChild(make('p', 'note', L('Nhận xét: ') + h.comment));
      list.appendChild(item);
    }
    show(el('history-panel'), history.length > 0);
  }

  // ---- errors next to the fields ----
  function clearErrors() {
    ALL_FIELDS.forEach(function (name) {
      var control = field(name);
      control.removeAttribute('aria-invalid');
      control.setAttribute('aria-describedby', 'h-' + name);
      var message = el('e-' + name);
      setText(message, '');
      show(message, false);
      control.closest('.field').classList.remove('has-error');
    });
    el('error-summary-list').textContent = '';
    setText(el('error-summary-text'), '');
    show(el('error-summary'), false);
  }

  function showFieldErrors(fields, message) {
    clearErrors();
    var list = el('error-summary-list');
    Object.keys(fields).forEach(function (name) {
      var text = String(fields[name]);
      var control = ALL_FIELDS.indexOf(name) >= 0 ? field(name) : null;
      var item = make('li');
      if (control) {
        var error = el('e-' + name);
        setText(error, text);
        show(error, true);
        control.setAttribute('aria-invalid', 'true');
        control.setAttribute('aria-describedby', 'e-' + name + ' h-' + name);
        control.closest('.field').classList.add('has-error');
        var labelText = control.closest('.field').querySelector('.label-text');
        var link = make('a', null, (labelText ? labelText.textContent + ': ' : '') + text);
        link.href = '#f-' + name;
        link.addEventListener('click', function (event) {
          event.preventDefault();
          control.focus();
        });
        item.appendChild(link);
      } else {
        setText(item, name + ': ' + text);
      }
      list.appendChild(item);
    });
    setText(el('error-summary-text'), message || '');
    show(el('error-summary'), true);
    // Fields in the form's order, so the first invalid one is the first on screen.
    var first = null;
    for (var i = 0; i < ALL_FIELDS.length; i++) {
      if (Object.prototype.hasOwnProperty.call(fields, ALL_FIELDS[i])) { first = field(ALL_FIELDS[i]); break; }
    }
    if (first) first.focus();
    else el('error-summary').focus();
  }

  // ---- submitting ----
  function collect() {
    var body = {};
    var problems = {};
    NUMBER_FIELDS.forEach(function (name) {
      var raw = field(name).value.replace(/\s+/g, '');
      if (raw === '') return; // empty: the API's default applies (members: the API says it is required)
      if (/^\d{1,3}(\.\d{3})+$/.test(raw)) raw = raw.replace(/\./g, ''); // 1.200.000 written the Vietnamese way
      if (!/^\d+$/.test(raw)) { problems[name] = L('Chỉ nhập chữ số (ví dụ 1200), không có dấu phẩy hay chữ.'); return; }
      body[name] = Number(raw);
    });
    var rating = field('selfRating').value;
    if (rating) body.selfRating = rating;
    body.nominate = field('nominate').checked;
    TEXT_FIELDS.forEach(function (name) {
      var value = field(name).value;
      if (value !== '' || name !== 'submittedBy') body[name] = value;
    });
    return { body: body, problems: problems };
  }

  function setBusy(busy) {
    state.busy = busy;
    var button = el('submit-button');
    button.disabled = busy;
    el('report-form').setAttribute('aria-busy', busy ? 'true' : 'false');
    if (busy) setText(button, L('Đang gửi…'));
  }

  function onSubmit(event) {
    event.preventDefault();
    if (state.busy || el('form-body').disabled) return;
    alertError([]);
    notice('');
    var collected = collect();
    if (Object.keys(collected.problems).length) {
      showFieldErrors(collected.problems, L('Báo cáo chưa được gửi đi.'));
      return;
    }
    var label = el('submit-button').textContent;
    setBusy(true);
    api('PUT', collected.body).then(function (result) {
      setBusy(false);
      setText(el('submit-button'), label);
      if (result.status === 200 && result.data) {
        clearErrors();
        var done = L('Đã nộp phiên bản ') + result.data.version + '.' + (result.data.late ? L(' Báo cáo được tính là nộp muộn.') : '') + L(' Báo cáo đang chờ duyệt.');
        load(function () {
          var node = notice(done, 'ok');
          window.scrollTo(0, 0);
          node.focus();
        });
        return;
      }
      var error = errorOf(result);
      if (result.status === 422 && error.fields) {
        showFieldErrors(error.fields, error.message);
      } else if (result.status === 401) {
        forgetToken();
        window.scrollTo(0, 0);
        alertError([LINK_PROBLEM, L('Nội dung đã điền vẫn còn trên trang; nên chép lại trước khi đóng.')]).focus();
      } else if (result.status === 409) {
        // Locked or closed meanwhile: say so, then show the report as it now stands.
        var message = error.message;
        load(function () { window.scrollTo(0, 0); alertError([message]).focus(); });
      } else {
        window.scrollTo(0, 0);
        alertError([error.message]).focus();
      }
    }, function () {
      setBusy(false);
      setText(el('submit-button'), label);
      networkProblem();
      el('alert').focus();
    });
  }

  function start() {
    translatePage();
    el('report-form').addEventListener('submit', onSubmit);
    var credentials = readCredentials();
    if (!credentials.token) {
      alertError([L('Không tìm thấy mã truy cập. Hãy mở trang bằng đường link riêng của hội (có dạng …/?year=2020&token=…) do Văn phòng tỉnh gửi.')]);
      return;
    }
    if (!credentials.year || !/^\d{4}$/.test(credentials.year)) {
      alertError([L('Đường link thiếu năm báo cáo (year=…). Hãy mở lại đúng đường link do Văn phòng tỉnh gửi.')]);
      return;
    }
    var payload = decodePayload(credentials.token);
    if (!payload) {
      alertError([LINK_PROBLEM]);
      return;
    }
    if (payload.role !== 'association' || typeof payload.association !== 'string') {
      alertError([L('Đường link này không phải của một hội. Cán bộ duyệt dùng trang /review, Văn phòng tỉnh dùng trang /province.')]);
      return;
    }
    if (typeof payload.exp === 'number' && payload.exp * 1000 < Date.now()) {
      forgetToken();
      alertError([LINK_PROBLEM]);
      return;
    }
    state.token = credentials.token;
    state.year = credentials.year;
    state.association = payload.association;
    setText(el('v-year'), state.year);
    load();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;

/** The form page in English (navigator.language "en…"): each Vietnamese text, static or from the script, by its exact words. */
const FORM_EN: Record<string, string> = {
  ...Object.fromEntries(Object.values(REPORT_FIELD_LABELS).map((l) => [l.vi, l.en])),
  ...Object.fromEntries(Object.values(RATING_LABELS).map((l) => [l.vi, l.en])),
  'Báo cáo tổng kết năm — Tổng kết': 'Annual report — Tổng kết',
  'Tổng kết · Báo cáo tổng kết năm của hội': 'Tổng kết · The association’s annual report',
  'Báo cáo tổng kết năm': 'Annual report',
  'Tình trạng báo cáo': 'Report status',
  'Hội': 'Association',
  'Năm báo cáo': 'Year',
  'Hạn nộp': 'Deadline',
  'Trạng thái': 'Status',
  'Nộp muộn': 'Late',
  'Phiên bản': 'Version',
  'Kết quả duyệt': 'Review result',
  'Báo cáo chưa nộp được — cần sửa các mục sau': 'The report was not submitted — please correct the following',
  'Nội dung báo cáo': 'Report',
  'Mục có chữ “bắt buộc” phải điền. Số liệu tính đến 31/12 của năm báo cáo.': 'Items marked “required” must be filled in. Figures are as of 31 December of the reporting year.',
  '(bắt buộc)': '(required)',
  'Số liệu năm': 'Figures for the year',
  'Đánh giá và khen thưởng': 'Assessment and commendation',
  'Hạn chế, kiến nghị': 'Shortcomings and proposals',
  '— Chọn mức tự đánh giá —': '— Choose a self-assessment —',
  'Lịch sử báo cáo': 'Report history',
  'Cần đường link mới hoặc gặp trục trặc? Liên hệ Văn phòng tỉnh (cơ quan quản lý hội).': 'Need a new link or having trouble? Contact the province office that manages associations.',
  'Số nguyên từ 0 đến 10.000.000, chỉ nhập chữ số.': 'A whole number from 0 to 10,000,000, digits only.',
  'Không lớn hơn số hội viên. Để trống là 0.': 'Not more than the members. Empty means 0.',
  'Từ 0 đến 100.000. Để trống là 0.': 'From 0 to 100,000. Empty means 0.',
  'Số hoạt động trong năm. Để trống là 0.': 'Activities during the year. Empty means 0.',
  'Tính bằng đồng, ví dụ 150000000. Để trống là 0.': 'In đồng, e.g. 150000000. Empty means 0.',
  'Số buổi trong năm. Để trống là 0.': 'Sessions during the year. Empty means 0.',
  'Chọn một mức.': 'Choose one.',
  'Nếu đề nghị, phải nêu thành tích nổi bật.': 'When nominating, describe the outstanding achievements.',
  'Bắt buộc khi đề nghị khen thưởng tập thể. Tối đa 5.000 ký tự.': 'Required when nominating. At most 5,000 characters.',
  'Không bắt buộc. Tối đa 5.000 ký tự.': 'Optional. At most 5,000 characters.',
  'Họ tên, chức vụ người lập báo cáo; tối đa 200 ký tự.': 'Name and position of the person reporting; at most 200 characters.',
  // from the script
  ' (mã ': ' (code ',
  ' Báo cáo đang chờ duyệt.': ' The report awaits review.',
  ' Báo cáo được tính là nộp muộn.': ' The report counts as late.',
  ' — Báo cáo tổng kết năm ': ' — Annual report ',
  ': không nộp hay sửa báo cáo được nữa. Nếu cần sửa, liên hệ Văn phòng tỉnh.': ': the report can no longer be submitted or changed. To correct it, contact the province office.',
  'Báo cáo chưa được gửi đi.': 'The report was not sent.',
  'Báo cáo tổng kết năm ': 'Annual report ',
  'Báo cáo đã được duyệt nên đã khóa, chỉ xem được. Nếu cần sửa, đề nghị cán bộ duyệt mở lại.': 'The report is approved and therefore locked. To correct it, ask the reviewer to reopen it.',
  'Bị trả lại — cần sửa và nộp lại': 'Returned — correct and resubmit',
  'Bị trả lại': 'Returned',
  'Chưa có': 'None yet',
  'Chưa nộp': 'Not submitted',
  'Chỉ nhập chữ số (ví dụ 1200), không có dấu phẩy hay chữ.': 'Digits only (e.g. 1200), no commas or letters.',
  'Cán bộ duyệt': 'Reviewer',
  'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại; nội dung đã điền vẫn còn trên trang.': 'Could not reach the server. Check the connection and try again; what you filled in is still on the page.',
  'Không tìm thấy mã truy cập. Hãy mở trang bằng đường link riêng của hội (có dạng …/?year=2020&token=…) do Văn phòng tỉnh gửi.': 'No access token. Open the page with your association’s own link (…/?year=2020&token=…) sent by the province office.',
  'Kiểm tra lại đường link; nếu vẫn lỗi, liên hệ Văn phòng tỉnh.': 'Check the link; if it still fails, contact the province office.',
  'Kỳ báo cáo năm ': 'The reporting cycle ',
  'Máy chủ trả lời lỗi ': 'The server answered with error ',
  'Mở lại để sửa': 'Reopened for correction',
  'Nhận xét của cán bộ duyệt — cần sửa và nộp lại': 'Reviewer’s comment — correct and resubmit',
  'Nhận xét của cán bộ duyệt': 'Reviewer’s comment',
  'Nhận xét: ': 'Comment: ',
  'Nội dung đã điền vẫn còn trên trang; nên chép lại trước khi đóng.': 'What you filled in is still on the page; copy it before closing.',
  'Nộp báo cáo': 'Submit the report',
  'Nộp lại (phiên bản ': 'Resubmit (version ',
  'Phiên bản ': 'Version ',
  'Văn phòng tỉnh': 'Province office',
  'Xếp loại: ': 'Rating: ',
  'không còn mở': 'is no longer open',
  'Đang gửi…': 'Sending…',
  'Đang tải báo cáo…': 'Loading the report…',
  'Điểm thi đua ': 'Score ',
  'Đã duyệt': 'Approved',
  'Đã nộp phiên bản ': 'Submitted version ',
  'Đã nộp, chờ duyệt': 'Submitted, awaiting review',
  'Đã quá hạn nộp. Báo cáo nộp bây giờ vẫn được nhận nhưng được tính là nộp muộn.': 'The deadline has passed. A report submitted now is accepted but counts as late.',
  'Đường link này không phải của một hội. Cán bộ duyệt dùng trang /review, Văn phòng tỉnh dùng trang /province.': 'This link is not an association’s. Reviewers use /review, the province office uses /province.',
  'Đường link thiếu năm báo cáo (year=…). Hãy mở lại đúng đường link do Văn phòng tỉnh gửi.': 'The link has no year (year=…). Open the exact link sent by the province office.',
  'Đường link truy cập đã hết hạn hoặc không đúng. Xin liên hệ Văn phòng tỉnh (cơ quan quản lý hội) để được cấp đường link mới.': 'The access link has expired or is not valid. Contact the province office for a new link.',
  'Được duyệt': 'Approved',
  'đang khóa sổ': 'is closing',
  'đã khóa sổ và công bố': 'is closed and published',
  '—': '—',
};

export const FORM_JS = `window.TK_FORM_EN = ${JSON.stringify(FORM_EN).replace(/</g, '\\u003c')};\n` + FORM_JS_BODY;

function version(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** Content hashes, put in the asset URLs so a new deployment is never served a stale file. */
export const ASSET_VERSION = { js: version(FORM_JS), css: version(FORM_CSS) } as const;

/** GET /assets/{file}: exactly these, nothing else. */
export const ASSETS: Readonly<Record<string, { contentType: string; body: string; version: string }>> = {
  'form.js': { contentType: 'text/javascript; charset=utf-8', body: FORM_JS, version: ASSET_VERSION.js },
  'form.css': { contentType: 'text/css; charset=utf-8', body: FORM_CSS, version: ASSET_VERSION.css },
};
