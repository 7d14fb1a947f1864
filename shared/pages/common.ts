// What the reviewer's page (GET /review) and the province's page (GET /province) share: the
// page shell, the sign-in panel, a small dictionary mechanism (Vietnamese by default, English
// when the browser's language starts with "en"), the stylesheet added to form.css, and a
// browser library (window.TK) for the token, the API, numbers, dates, downloads and field
// errors. Like form.ts, everything is a string constant served from 'self' under PAGE_CSP;
// data reaches the DOM through textContent only.
import { createHash } from 'node:crypto';
import { DECODE_PAYLOAD_JS } from './token-payload.ts';
import { documentHead, escapeHtml } from './html.ts';

/** A page's dictionary: key → [Vietnamese, English]. `{name}` marks a value filled in by t(). */
export type Dictionary = Readonly<Record<string, readonly [string, string]>>;

export function contentVersion(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}

/** An element whose text is a dictionary entry: Vietnamese in the markup, swapped for English by the script. */
export function tr(dict: Dictionary, key: string, tag = 'span', attrs = ''): string {
  const entry = dict[key];
  if (!entry) throw new Error(`no dictionary entry ${key}`);
  return `<${tag}${attrs ? ' ' + attrs : ''} data-t="${escapeHtml(key)}">${escapeHtml(entry[0])}</${tag}>`;
}

/** The dictionary as the browser script reads it (a JSON literal, no template syntax). */
export function dictionaryScript(dict: Dictionary): string {
  return `window.TK_DICT = ${JSON.stringify(dict).replace(/</g, '\\u003c')};\n`;
}

export interface PageAssets {
  css: readonly { file: string; version: string }[];
  js: readonly { file: string; version: string }[];
}

export function pageShell(title: string, body: string, assets: PageAssets): string {
  return `${documentHead(title, assets.css, assets.js)}
<body class="wide">
<a class="skip" href="#main">${'Bỏ qua, đến nội dung chính'}</a>
${body}
</body>
</html>
`;
}

/** Entries every page uses (sign-in panel, generic errors, statuses, levels). */
export const COMMON_DICT: Dictionary = {
  skip: ['Bỏ qua, đến nội dung chính', 'Skip to main content'],
  signInTitle: ['Nhập mã truy cập', 'Enter your access token'],
  signInHelp: [
    'Mở trang bằng đường link bạn được cấp (có dạng …?year=2020&token=…), hoặc dán mã truy cập (phần sau token=) vào ô dưới đây.',
    'Open the page with the link you were given (…?year=2020&token=…), or paste the access token (the part after token=) below.',
  ],
  signInToken: ['Mã truy cập', 'Access token'],
  signInYear: ['Năm báo cáo', 'Reporting year'],
  signInButton: ['Tiếp tục', 'Continue'],
  signOut: ['Thoát', 'Sign out'],
  loading: ['Đang tải…', 'Loading…'],
  network: ['Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.', 'Could not reach the server. Check the connection and try again.'],
  serverError: ['Máy chủ trả lời lỗi {status}.', 'The server answered with error {status}.'],
  badToken: [
    'Mã truy cập đã hết hạn hoặc không đúng. Xin Văn phòng tỉnh cấp mã mới.',
    'The access token has expired or is not valid. Ask the province office for a new one.',
  ],
  badYear: ['Năm báo cáo phải gồm 4 chữ số, ví dụ 2020.', 'The reporting year must have 4 digits, e.g. 2020.'],
  noToken: ['Chưa có mã truy cập.', 'No access token yet.'],
  fixBelow: ['Cần sửa các mục sau:', 'Please correct the following:'],
  st_submitted: ['Chờ duyệt', 'Awaiting review'],
  st_approved: ['Đã duyệt', 'Approved'],
  st_returned: ['Đã trả lại', 'Returned'],
  st_missing: ['Chưa nộp', 'Not submitted'],
  lv_province: ['Cấp tỉnh', 'Province level'],
  lv_district: ['Cấp huyện', 'District level'],
  lv_commune: ['Cấp xã', 'Commune level'],
  late: ['Nộp muộn', 'Late'],
  cy_open: ['Đang mở', 'Open'],
  cy_closing: ['Đang khóa sổ', 'Closing'],
  cy_published: ['Đã công bố', 'Published'],
  cy_close_failed: ['Khóa sổ bị lỗi', 'Close failed'],
  colUnit: ['Đơn vị', 'Unit'],
  colExpected: ['Phải nộp', 'Expected'],
  colSubmitted: ['Đã nộp', 'Submitted'],
  colApproved: ['Đã duyệt', 'Approved'],
  colReturned: ['Trả lại', 'Returned'],
  colMissing: ['Chưa nộp', 'Missing'],
  colLate: ['Nộp muộn', 'Late'],
  colMembers: ['Hội viên', 'Members'],
  tableScroll: ['Bảng tình hình nộp báo cáo (cuộn ngang nếu màn hình hẹp)', 'Completeness table (scrolls sideways on a narrow screen)'],
};

/** The sign-in panel: shown when the page was opened without a token. */
export function signInMarkup(dict: Dictionary): string {
  return `<section class="panel" id="signin" aria-labelledby="signin-title" hidden>
${tr(dict, 'signInTitle', 'h2', 'id="signin-title"')}
${tr(dict, 'signInHelp', 'p', 'class="hint"')}
<form id="signin-form" novalidate>
<div class="field">
<label for="signin-token">${tr(dict, 'signInToken')}</label>
<p class="field-error" id="e-signin-token" hidden></p>
<textarea id="signin-token" name="token" rows="3" autocomplete="off" spellcheck="false" required aria-required="true"></textarea>
</div>
<div class="field field-narrow">
<label for="signin-year">${tr(dict, 'signInYear')}</label>
<p class="field-error" id="e-signin-year" hidden></p>
<input type="text" id="signin-year" name="year" inputmode="numeric" pattern="[0-9]*" maxlength="4" required aria-required="true">
</div>
<button type="submit" class="primary">${tr(dict, 'signInButton')}</button>
</form>
</section>`;
}

export const PAGES_CSS = String.raw`/* Tổng kết — the reviewer's and the province's pages; added to form.css. */
.skip { position: absolute; left: -100vw; top: 0; background: #ffffff; color: #0b3d6e; padding: .5rem 1rem; z-index: 10; font-weight: 700; }
.skip:focus { left: .5rem; top: .5rem; }
.wide .wrap { max-width: 72rem; }
.top .who { margin: .375rem 0 0; color: #e3ecf7; }
.top .bar { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: flex-start; gap: .5rem 1rem; }
.top button.link { color: #ffffff; border-color: #e3ecf7; background: transparent; }
.top button.link:hover { background: #16528f; }
.field-narrow input, .field-narrow select { max-width: 14rem; }
button.secondary, button.link, a.button {
  display: inline-flex; align-items: center; justify-content: center;
  min-height: 2.75rem; padding: .5rem 1rem;
  font: inherit; font-weight: 600; text-decoration: none;
  color: #0b3d6e; background: #ffffff; border: 2px solid #0b57a4; border-radius: 6px; cursor: pointer;
}
button.secondary:hover, a.button:hover { background: #e8f0fe; }
button.danger { color: #ffffff; background: #a1150f; border-color: #a1150f; }
button.danger:hover { background: #7a1410; border-color: #7a1410; }
button:disabled { cursor: not-allowed; opacity: .75; }
.row { display: flex; flex-wrap: wrap; gap: .75rem; align-items: flex-end; }
.row > .field { flex: 1 1 12rem; margin-bottom: .75rem; }
.row > button { margin-bottom: .75rem; }
.section-head { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: .5rem; }
.muted { color: #4a4f57; }
.small { font-size: .9375rem; }
.table-wrap { overflow-x: auto; margin: 0 0 .5rem; border: 1px solid #c9ced6; border-radius: 6px; }
.table-wrap:focus-visible { outline: 3px solid #0b57a4; outline-offset: 2px; }
table.data { border-collapse: collapse; width: 100%; min-width: 36rem; font-size: .9375rem; background: #ffffff; }
table.data caption { text-align: left; font-weight: 700; padding: .5rem .75rem; }
table.data th, table.data td { padding: .5rem .625rem; border-bottom: 1px solid #dde1e6; text-align: right; white-space: nowrap; }
table.data th:first-child, table.data td:first-child { text-align: left; white-space: normal; min-width: 10rem; }
table.data thead th { background: #eef0f3; color: #1b1b1b; font-weight: 700; vertical-align: bottom; }
table.data tbody tr.lv-province th { font-weight: 700; background: #f7f8fa; }
table.data tbody tr.lv-province td { font-weight: 700; background: #f7f8fa; }
table.data tbody th { font-weight: 600; text-align: left; }
table.data tr.depth-1 th { padding-left: 1.5rem; }
table.data tr.depth-2 th { padding-left: 2.5rem; font-weight: 400; }
table.data td.warn { color: #6b3a00; font-weight: 700; }
table.data td.bad { color: #a1150f; font-weight: 700; }
.stats { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: .5rem; margin: 0 0 1rem; padding: 0; list-style: none; }
.stats li { background: #ffffff; border: 1px solid #c9ced6; border-radius: 8px; padding: .5rem .75rem; }
.stats .num { display: block; font-size: 1.5rem; font-weight: 700; line-height: 1.2; font-variant-numeric: tabular-nums; }
.stats .lbl { display: block; color: #3d4249; font-size: .9375rem; }
.stats .s-approved { border-left: 6px solid #1e7b34; }
.stats .s-pending { border-left: 6px solid #1a56b8; }
.stats .s-returned { border-left: 6px solid #b3261e; }
.stats .s-missing { border-left: 6px solid #6b7280; }
.stats .s-late { border-left: 6px solid #a15c00; }
.stats .s-expected { border-left: 6px solid #0b3d6e; }
.queue { list-style: none; margin: 0; padding: 0; }
.queue li { display: flex; flex-wrap: wrap; gap: .25rem .75rem; align-items: center; justify-content: space-between; padding: .75rem 0; border-top: 1px solid #dde1e6; }
.queue li:first-child { border-top: 0; }
.queue .info { flex: 1 1 16rem; min-width: 0; }
.queue .name { display: block; font-weight: 700; }
.queue .meta { display: block; color: #4a4f57; font-size: .9375rem; }
.queue button { flex: none; }
.empty { color: #4a4f57; font-style: italic; }
.more { margin-top: .75rem; }
.fields { display: grid; grid-template-columns: 1fr; gap: .25rem 1rem; margin: 0; }
.fields dt { font-weight: 600; color: #3d4249; margin-top: .5rem; }
.fields dd { margin: 0; white-space: pre-wrap; font-variant-numeric: tabular-nums; }
.choice { margin: 0 0 1rem; padding: 1rem; border: 1px solid #c9ced6; border-radius: 8px; background: #f7f8fa; }
.choice h3 { margin-top: 0; }
.choice:last-child { margin-bottom: 0; }
#dashboard { display: flex; flex-direction: column; }
#dashboard > * { order: 2; }
#dashboard > .first { order: 0; }
#dashboard.no-registry > #registry { order: 1; }
#registry-result { margin-top: 1rem; }
.badge-cy-open { background: #e8f0fe; color: #0b2e66; border-color: #1a56b8; }
.badge-cy-closing { background: #fff4e0; color: #6b3a00; border-color: #a15c00; }
.badge-cy-published { background: #e6f4ea; color: #0d4a1f; border-color: #1e7b34; }
.badge-cy-close_failed { background: #fdecea; color: #7a1410; border-color: #b3261e; }
.badge-missing { background: #eef0f3; color: #30343a; border-color: #6b7280; }
.chart { list-style: none; margin: 1rem 0 0; padding: 0; }
.chart li { margin: 0 0 .75rem; }
.chart .caption { display: flex; flex-wrap: wrap; justify-content: space-between; gap: 0 .75rem; font-size: .9375rem; }
.chart .caption .unit { font-weight: 600; }
.chart .track { display: flex; height: 1.25rem; margin-top: .25rem; background: #eef0f3; border: 1px solid #6b7280; border-radius: 4px; overflow: hidden; }
.chart .seg { height: 100%; }
.seg-approved { background: #1e7b34; }
.seg-pending { background: #1a56b8; }
.seg-returned { background: #b3261e; }
.seg-missing { background: #eef0f3; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; margin: .5rem 0 0; padding: 0; list-style: none; font-size: .9375rem; }
.legend li::before { content: ""; display: inline-block; width: .875rem; height: .875rem; margin-right: .375rem; vertical-align: -.125rem; border: 1px solid #3d4249; border-radius: 2px; }
.legend .k-approved::before { background: #1e7b34; }
.legend .k-pending::before { background: #1a56b8; }
.legend .k-returned::before { background: #b3261e; }
.legend .k-missing::before { background: #eef0f3; }
.late-mark { display: inline-block; padding: 0 .375rem; border-radius: 4px; background: #fff4e0; color: #6b3a00; border: 1px solid #a15c00; font-weight: 600; }
.stepper { list-style: none; margin: 0; padding: 0; counter-reset: step; }
.stepper li { position: relative; padding: .5rem 0 .5rem 2.75rem; min-height: 2.5rem; color: #4a4f57; }
.stepper li::before {
  counter-increment: step; content: counter(step);
  position: absolute; left: 0; top: .375rem; width: 2rem; height: 2rem; border-radius: 50%;
  display: grid; place-content: center; font-weight: 700;
  border: 2px solid #6b7280; background: #ffffff; color: #3d4249;
}
.stepper li.done { color: #0d4a1f; }
.stepper li.done::before { content: "✓"; background: #1e7b34; border-color: #1e7b34; color: #ffffff; }
.stepper li.current { color: #0b2e66; font-weight: 700; }
.stepper li.current::before { background: #0b57a4; border-color: #0b57a4; color: #ffffff; }
.stepper li.failed { color: #7a1410; font-weight: 700; }
.stepper li.failed::before { content: "!"; background: #a1150f; border-color: #a1150f; color: #ffffff; }
.stepper .state { display: block; font-weight: 400; font-size: .9375rem; }
.downloads { list-style: none; margin: 0; padding: 0; }
.downloads li { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; padding: .5rem 0; border-top: 1px solid #dde1e6; }
.downloads li:first-child { border-top: 0; }
.downloads .rev { flex: 1 1 10rem; font-weight: 600; }
.problems { margin: .5rem 0 0; padding-left: 1.25rem; }
.problems li { margin: .25rem 0; }
input[type="date"], input[type="number"] {
  display: block; width: 100%; min-height: 2.75rem; padding: .5rem .75rem; font: inherit;
  color: #1b1b1b; background: #ffffff; border: 2px solid #5f6670; border-radius: 6px;
}
input[type="file"] { display: block; width: 100%; padding: .5rem 0; font: inherit; }
input[type="file"]:focus-visible { outline: 3px solid #0b57a4; outline-offset: 2px; }
details.panel > summary { cursor: pointer; font-size: 1.125rem; font-weight: 700; min-height: 2.75rem; display: list-item; padding: .375rem 0; }
details.panel[open] > summary { margin-bottom: .75rem; }
.confirm { margin-top: 1rem; padding: 1rem; border: 2px solid #a15c00; border-radius: 8px; background: #fff4e0; color: #4a2800; }
.confirm p { margin: 0 0 .75rem; }
.btns { display: flex; flex-wrap: wrap; gap: .5rem; }
.cause { white-space: pre-wrap; }
@media (min-width: 40rem) {
  .stats { grid-template-columns: repeat(3, minmax(0, 1fr)); }
  .fields { grid-template-columns: minmax(12rem, max-content) 1fr; }
  .fields dt { margin-top: 0; }
}
@media (min-width: 64rem) {
  .cols > .decision { position: sticky; top: 1rem; }
  .stepper { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .5rem; }
  .stepper li { padding: 2.75rem .5rem 0 0; }
  .stepper li::before { top: 0; }
  .chart { display: grid; grid-template-columns: 1fr 1fr; gap: 0 2rem; }
  .chart li:first-child { grid-column: 1 / -1; }
  .stats { grid-template-columns: repeat(6, minmax(0, 1fr)); }
  .cols { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; align-items: start; }
}
`;

// The browser library. Plain ES2017 (no template literals: this is a TS template string).
export const COMMON_JS = String.raw`/* Tổng kết — shared browser helpers for /review and /province. textContent only. */
(function () {
  'use strict';
  var TK = {};
  var lang = String((navigator.languages && navigator.languages[0]) || navigator.language || 'vi').toLowerCase();
  TK.lang = lang.indexOf('en') === 0 ? 'en' : 'vi';
  TK.dict = window.TK_DICT || {};

  TK.el = function (id) { return document.getElementById(id); };
  TK.setText = function (node, text) { node.textContent = text == null ? '' : String(text); };
  TK.show = function (node, visible) { node.hidden = !visible; };
  TK.make = function (tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text != null) node.textContent = String(text);
    return node;
  };
  TK.t = function (key, vars) {
    var entry = TK.dict[key];
    var s = entry ? entry[TK.lang === 'en' ? 1 : 0] : key;
    if (vars) {
      s = s.replace(/\{(\w+)\}/g, function (m, name) {
        return Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : m;
      });
    }
    return s;
  };
  TK.translatePage = function () {
    if (TK.lang !== 'en') return;
    document.documentElement.lang = 'en';
    var nodes = document.querySelectorAll('[data-t]');
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = TK.t(nodes[i].getAttribute('data-t'));
    var labelled = document.querySelectorAll('[data-t-label]');
    for (var j = 0; j < labelled.length; j++) labelled[j].setAttribute('aria-label', TK.t(labelled[j].getAttribute('data-t-label')));
    var skip = document.querySelector('.skip');
    if (skip) skip.textContent = TK.t('skip');
    if (TK.dict.docTitle) document.title = TK.t('docTitle');
  };

  // ---- numbers and dates (Vietnamese: 180.455 and 18/12/2020) ----
  TK.number = function (n) {
    if (typeof n !== 'number' || !isFinite(n)) return n == null ? '—' : String(n);
    var sep = TK.lang === 'en' ? ',' : '.';
    var sign = n < 0 ? '-' : '';
    var parts = String(Math.abs(n)).split('.');
    return sign + parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, sep) + (parts[1] ? (TK.lang === 'en' ? '.' : ',') + parts[1] : '');
  };
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  TK.formatDate = function (ymd) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(ymd));
    return m ? m[3] + '/' + m[2] + '/' + m[1] : (ymd == null ? '—' : String(ymd));
  };
  TK.formatDateTime = function (iso) {
    var t = Date.parse(iso);
    if (isNaN(t)) return iso == null ? '—' : String(iso);
    var v = new Date(t + 7 * 3600000); // Asia/Ho_Chi_Minh is UTC+7 all year
    return pad(v.getUTCDate()) + '/' + pad(v.getUTCMonth() + 1) + '/' + v.getUTCFullYear() + ' ' + pad(v.getUTCHours()) + ':' + pad(v.getUTCMinutes());
  };

  // ---- the token: from the link once, then sessionStorage; never left in the URL ----
  function storage() {
    try { return window.sessionStorage; } catch (e) { return null; }
  }
  TK.credentials = function (prefix) {
    var params = new URLSearchParams(location.search);
    var store = storage();
    var token = params.get('token');
    var year = params.get('year');
    if (token) {
      TK.remember(prefix, token, year);
      params.delete('token');
      var rest = params.toString();
      try { history.replaceState(null, '', location.pathname + (rest ? '?' + rest : '') + location.hash); } catch (e) { /* ignore */ }
    } else if (store) {
      token = store.getItem(prefix + '.token');
      if (!year) year = store.getItem(prefix + '.year');
    }
    return { token: token, year: year };
  };
  TK.remember = function (prefix, token, year) {
    var store = storage();
    if (!store) return;
    try {
      if (token) store.setItem(prefix + '.token', token);
      if (year) store.setItem(prefix + '.year', year);
    } catch (e) { /* private mode: the token stays in memory */ }
  };
  TK.forget = function (prefix) {
    var store = storage();
    if (store) { try { store.removeItem(prefix + '.token'); } catch (e) { /* ignore */ } }
  };
  TK.setYearInUrl = function (year) {
    var params = new URLSearchParams(location.search);
    params.set('year', String(year));
    params.delete('token');
    try { history.replaceState(null, '', location.pathname + '?' + params.toString()); } catch (e) { /* ignore */ }
  };
  ${DECODE_PAYLOAD_JS}
  TK.decodePayload = decodePayload;

  // ---- the API (relative paths, so the pages work under any base) ----
  TK.token = null;
  TK.api = function (method, path, body) {
    var headers = { 'Authorization': 'Bearer ' + TK.token, 'Accept': 'application/json', 'Accept-Language': TK.lang };
    var init = { method: method, headers: headers, cache: 'no-store', credentials: 'omit' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (response) {
      return response.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        return { status: response.status, data: data };
      });
    }, function () {
      return { status: 0, data: null };
    });
  };
  TK.errorOf = function (result) {
    if (result.status === 0) return { message: TK.t('network') };
    var error = result.data && result.data.error;
    return error && typeof error === 'object' ? error : { message: TK.t('serverError', { status: result.status }) };
  };
  /**
   * Fetches a file with the token and saves it through a Blob URL and an <a download>. A path
   * asking for a link (link=1) may get one back instead (on AWS: a short-lived S3 link, which
   * fetch() may not follow under connect-src 'self'): the page then goes to the link, and
   * S3's Content-Disposition makes that a download, not a navigation away.
   */
  TK.download = function (path, fallbackName) {
    var headers = { 'Authorization': 'Bearer ' + TK.token, 'Accept-Language': TK.lang };
    return fetch(path, { headers: headers, cache: 'no-store', credentials: 'omit' }).then(function (response) {
      if (!response.ok) {
        return response.text().then(function (text) {
          var data = null;
          try { data = JSON.parse(text); } catch (e) { data = null; }
          return { ok: false, error: TK.errorOf({ status: response.status, data: data }) };
        });
      }
      var type = response.headers.get('content-type') || '';
      if (/[?&]link=1(&|$)/.test(path) && type.indexOf('application/json') === 0) {
        return response.json().then(function (data) {
          var link = data && data.link;
          if (!link || typeof link.url !== 'string' || !/^https?:[/][/]/.test(link.url)) {
            return { ok: false, error: { message: TK.t('serverError', { status: response.status }) } };
          }
          var go = document.createElement('a');
          go.href = link.url;
          go.hidden = true;
          document.body.appendChild(go);
          go.click();
          setTimeout(function () { go.remove(); }, 60000);
          return { ok: true, name: typeof link.filename === 'string' ? link.filename : fallbackName };
        });
      }
      var disposition = response.headers.get('content-disposition') || '';
      var m = /filename="([^"]+)"/.exec(disposition);
      var name = m ? m[1] : fallbackName;
      return response.blob().then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = document.createElement('a');
        a.href = url;
        a.download = name;
        a.hidden = true;
        document.body.appendChild(a);
        a.click();
        setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 60000);
        return { ok: true, name: name };
      });
    }, function () {
      return { ok: false, error: { message: TK.t('network') } };
    });
  };
  TK.readFile = function (input) {
    return new Promise(function (resolve, reject) {
      var file = input.files && input.files[0];
      if (!file) { resolve(null); return; }
      var reader = new FileReader();
      reader.onload = function () { resolve(String(reader.result)); };
      reader.onerror = function () { reject(reader.error); };
      reader.readAsText(file, 'utf-8');
    });
  };

  // ---- messages and field errors ----
  TK.message = function (node, lines, kind) {
    node.textContent = '';
    if (kind) node.className = 'alert alert-' + kind;
    [].concat(lines).forEach(function (line) {
      if (line == null || line === '') return;
      if (typeof line === 'string') node.appendChild(TK.make('p', null, line));
      else node.appendChild(line);
    });
    TK.show(node, node.childNodes.length > 0);
    return node;
  };
  /** Clears the errors of the controls whose ids start with prefix inside scope. */
  TK.clearFieldErrors = function (scope) {
    var errors = scope.querySelectorAll('.field-error');
    for (var i = 0; i < errors.length; i++) { errors[i].textContent = ''; errors[i].hidden = true; }
    var invalid = scope.querySelectorAll('[aria-invalid]');
    for (var j = 0; j < invalid.length; j++) invalid[j].removeAttribute('aria-invalid');
    var fields = scope.querySelectorAll('.has-error');
    for (var k = 0; k < fields.length; k++) fields[k].classList.remove('has-error');
  };
  /**
   * Shows each error next to its control (#{prefix}{name}, message in #e-{prefix}{name});
   * dotted names ("commendation.minScore") and list items ("issuer.1") are looked up as is,
   * then by their head. Returns the messages that have no control, for a summary.
   */
  TK.showFieldErrors = function (scope, prefix, fields, labelOf) {
    TK.clearFieldErrors(scope);
    var orphans = [];
    var first = null;
    Object.keys(fields || {}).forEach(function (name) {
      var text = String(fields[name]);
      var key = name;
      var control = TK.el(prefix + key);
      while (!control && key.indexOf('.') > 0) {
        key = key.slice(0, key.lastIndexOf('.'));
        control = TK.el(prefix + key);
      }
      var message = control ? TK.el('e-' + prefix + key) : null;
      if (!control || !message) {
        orphans.push((labelOf ? labelOf(name) : name) + ': ' + text);
        return;
      }
      message.textContent = message.hidden ? text : message.textContent + ' ' + text;
      message.hidden = false;
      control.setAttribute('aria-invalid', 'true');
      var described = (control.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
      if (described.indexOf(message.id) < 0) control.setAttribute('aria-describedby', [message.id].concat(described).join(' '));
      var wrapper = control.closest('.field');
      if (wrapper) wrapper.classList.add('has-error');
      if (!first) first = control;
    });
    if (first) first.focus();
    return orphans;
  };

  /** The sign-in panel: resolves with {token, year} once filled in. */
  TK.askForToken = function (prefix, year, problem, onDone) {
    var panel = TK.el('signin');
    var form = TK.el('signin-form');
    TK.show(panel, true);
    if (year) TK.el('signin-year').value = year;
    var tokenError = TK.el('e-signin-token');
    TK.setText(tokenError, problem || '');
    TK.show(tokenError, !!problem);
    form.onsubmit = function (event) {
      event.preventDefault();
      TK.clearFieldErrors(form);
      var token = TK.el('signin-token').value.replace(/\s+/g, '');
      var m = /[?&]token=([^&#]+)/.exec(token);
      if (m) token = decodeURIComponent(m[1]);
      var y = TK.el('signin-year').value.trim();
      var errors = {};
      if (!TK.decodePayload(token)) errors.token = TK.t(token ? 'badToken' : 'noToken');
      if (!/^\d{4}$/.test(y)) errors.year = TK.t('badYear');
      if (Object.keys(errors).length) { TK.showFieldErrors(form, 'signin-', errors); return; }
      TK.remember(prefix, token, y);
      TK.el('signin-token').value = '';
      TK.show(panel, false);
      onDone({ token: token, year: y });
    };
    TK.el('signin-token').focus();
  };

  TK.levelLabel = function (level) { return TK.t('lv_' + level); };
  TK.statusLabel = function (status) { return TK.t('st_' + (status || 'missing')); };

  /** A completeness table (units rows of GET /cycles/{year}), levels indented. */
  TK.completenessTable = function (tbody, rows, topLevel) {
    tbody.textContent = '';
    var depthOf = { province: 0, district: 1, commune: 2 };
    var base = depthOf[topLevel] || 0;
    rows.forEach(function (row) {
      var tr = TK.make('tr', 'lv-' + row.level + ' depth-' + Math.max(0, Math.min(2, (depthOf[row.level] || 0) - base)));
      var th = TK.make('th', null, row.name);
      th.scope = 'row';
      tr.appendChild(th);
      var pending = row.submitted;
      [row.expected, pending, row.approved, row.returned, row.missing, row.late].forEach(function (n, i) {
        var td = TK.make('td', null, TK.number(n));
        if (i === 4 && n > 0) td.className = 'bad';
        if (i === 5 && n > 0) td.className = 'warn';
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
  };

  window.TK = TK;
})();
`;

/** The completeness table's markup (tbody filled by TK.completenessTable). */
export function completenessTableMarkup(dict: Dictionary, id: string, labelledBy: string): string {
  const cols = ['colExpected', 'colSubmitted', 'colApproved', 'colReturned', 'colMissing', 'colLate'];
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${escapeHtml(dict.tableScroll![0])}" data-t-label="tableScroll">
<table class="data" aria-labelledby="${labelledBy}">
<thead><tr><th scope="col">${tr(dict, 'colUnit')}</th>${cols.map((c) => `<th scope="col">${tr(dict, c)}</th>`).join('')}</tr></thead>
<tbody id="${id}"></tbody>
</table>
</div>`;
}
