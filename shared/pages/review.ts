// The reviewer's page (GET /review, SPEC sections 1 and 5): the queue of reports in the
// reviewer's area, filterable by unit and status, one report with every field and its
// history, the decisions (approve with a score and a final rating, return with a comment,
// reopen an approved report), and the area's completeness. Opened as /review?year=…&token=….
import { RATING_LABELS, REPORT_FIELD_LABELS } from '../domain/labels.ts';
import { SELF_RATINGS } from '../domain/types.ts';
import { COMMON_DICT, COMMON_JS, completenessTableMarkup, contentVersion, dictionaryScript, pageShell, signInMarkup, tr, type Dictionary } from './common.ts';
import { ASSET_VERSION as FORM_ASSET_VERSION } from './form.ts';

const FIELD_ORDER = [
  'members',
  'newMembers',
  'branches',
  'charityEvents',
  'charityFundsVnd',
  'legalEducationSessions',
  'selfRating',
  'nominate',
  'achievements',
  'limitations',
  'proposals',
  'submittedBy',
] as const;

export const REVIEW_DICT: Dictionary = {
  ...COMMON_DICT,
  docTitle: ['Duyệt báo cáo — Tổng kết', 'Review reports — Tổng kết'],
  app: ['Tổng kết · Duyệt báo cáo tổng kết năm', 'Tổng kết · Reviewing annual reports'],
  title: ['Duyệt báo cáo', 'Review reports'],
  titleYear: ['Duyệt báo cáo năm {year}', 'Review the {year} reports'],
  area: ['Địa bàn: {unit}', 'Area: {unit}'],
  wrongRole: [
    'Mã truy cập này không phải của cán bộ duyệt. Hội dùng trang /, Văn phòng tỉnh dùng trang /province.',
    'This token is not a reviewer’s. Associations use the page /, the province office uses /province.',
  ],
  noCycle: ['Chưa có kỳ báo cáo năm {year}.', 'There is no {year} reporting cycle.'],
  cycleState: ['Kỳ báo cáo: {status} · Hạn nộp {deadline}', 'Cycle: {status} · Deadline {deadline}'],
  cycleNotOpen: [
    'Kỳ báo cáo không còn mở: chỉ xem được, không duyệt được nữa.',
    'The cycle is no longer open: reports can be read but not reviewed.',
  ],
  completeness: ['Tình hình nộp báo cáo trong địa bàn', 'Completeness in your area'],
  completenessCaption: ['Số báo cáo theo đơn vị (gồm cả đơn vị cấp dưới)', 'Reports per unit (including the units below it)'],
  queue: ['Danh sách báo cáo', 'Reports'],
  filterUnit: ['Đơn vị', 'Unit'],
  filterStatus: ['Trạng thái', 'Status'],
  allStatuses: ['Tất cả', 'All'],
  filterButton: ['Lọc', 'Filter'],
  more: ['Xem thêm', 'Show more'],
  noItems: ['Không có báo cáo nào khớp bộ lọc.', 'No report matches the filter.'],
  shown: ['Đang hiện {n} báo cáo.', 'Showing {n} reports.'],
  open: ['Mở', 'Open'],
  openNamed: ['Mở báo cáo của {name}', 'Open the report of {name}'],
  version: ['Phiên bản {n}', 'Version {n}'],
  score: ['Điểm {n}', 'Score {n}'],
  back: ['← Quay lại danh sách', '← Back to the list'],
  reportTitle: ['Báo cáo', 'Report'],
  facts: ['Thông tin chung', 'Overview'],
  fCode: ['Mã hội', 'Code'],
  fUnit: ['Đơn vị quản lý', 'Unit'],
  fLevel: ['Cấp', 'Level'],
  fStatus: ['Trạng thái', 'Status'],
  fVersion: ['Phiên bản hiện tại', 'Current version'],
  fResult: ['Kết quả duyệt', 'Review result'],
  fComment: ['Nhận xét gần nhất', 'Latest comment'],
  noVersion: ['Chưa nộp', 'None yet'],
  resultText: ['Điểm {score} · Xếp loại: {rating}', 'Score {score} · Rating: {rating}'],
  content: ['Nội dung báo cáo', 'Report content'],
  noContent: ['Hội chưa nộp báo cáo.', 'The association has not submitted a report.'],
  yes: ['Có', 'Yes'],
  no: ['Không', 'No'],
  empty: ['(để trống)', '(empty)'],
  history: ['Lịch sử', 'History'],
  ac_submitted: ['Nộp báo cáo', 'Submitted'],
  ac_approved: ['Duyệt', 'Approved'],
  ac_returned: ['Trả lại', 'Returned'],
  ac_reopened: ['Mở lại', 'Reopened'],
  byAssociation: ['Hội', 'The association'],
  byReviewer: ['Cán bộ duyệt ({unit})', 'Reviewer ({unit})'],
  byProvince: ['Văn phòng tỉnh', 'Province office'],
  commentPrefix: ['Nhận xét: {text}', 'Comment: {text}'],
  decide: ['Quyết định duyệt phiên bản {n}', 'Decision on version {n}'],
  approveTitle: ['Duyệt', 'Approve'],
  scoreLabel: ['Điểm thi đua (0–100)', 'Score (0–100)'],
  scoreHint: ['Số nguyên từ 0 đến 100.', 'A whole number from 0 to 100.'],
  ratingLabel: ['Xếp loại cuối cùng', 'Final rating'],
  ratingHint: ['Mặc định là mức hội tự đánh giá.', 'Defaults to the association’s self-assessment.'],
  approveComment: ['Nhận xét (không bắt buộc)', 'Comment (optional)'],
  approveButton: ['Duyệt báo cáo', 'Approve the report'],
  returnTitle: ['Trả lại để hội sửa', 'Return for correction'],
  returnComment: ['Nhận xét gửi hội (bắt buộc)', 'Comment for the association (required)'],
  returnHint: ['Nói rõ cần sửa hoặc bổ sung gì; hội sẽ thấy nhận xét này trên trang báo cáo.', 'Say what must be corrected or added; the association sees it on its form.'],
  returnButton: ['Trả lại báo cáo', 'Return the report'],
  reopenTitle: ['Mở lại báo cáo đã duyệt', 'Reopen the approved report'],
  reopenComment: ['Lý do mở lại (bắt buộc)', 'Reason (required)'],
  reopenButton: ['Mở lại báo cáo', 'Reopen the report'],
  nothingToDecide: ['Không có quyết định nào cần làm với báo cáo này lúc này.', 'There is nothing to decide on this report now.'],
  needScore: ['Nhập điểm là số nguyên từ 0 đến 100.', 'Enter a whole number from 0 to 100.'],
  needComment: ['Nhập nhận xét.', 'Enter a comment.'],
  approved: ['Đã duyệt báo cáo của {name} (phiên bản {n}).', 'Approved the report of {name} (version {n}).'],
  returned: ['Đã trả lại báo cáo của {name}.', 'Returned the report of {name}.'],
  reopened: ['Đã mở lại báo cáo của {name}.', 'Reopened the report of {name}.'],
  stale: [
    'Báo cáo đã thay đổi từ lúc bạn mở (hội vừa nộp phiên bản mới hoặc người khác vừa duyệt). Tải lại để xem bản hiện tại trước khi quyết định.',
    'The report changed since you opened it (a new version or another decision). Reload it before deciding.',
  ],
  reload: ['Tải lại báo cáo', 'Reload the report'],
  busy: ['Đang gửi…', 'Sending…'],
};

export const REVIEW_JS_BODY = String.raw`/* Tổng kết — the reviewer's page. */
(function () {
  'use strict';
  var TK = window.TK;
  var t = TK.t, el = TK.el, make = TK.make, setText = TK.setText, show = TK.show;
  var PREFIX = 'tongket.review';
  var FIELDS = window.TK_FIELDS;
  var RATINGS = window.TK_RATINGS;
  var PAGE = 20;
  var state = { year: null, unit: null, role: null, cycle: null, units: [], cursor: null, count: 0, report: null, busy: false };

  function notice(text, kind) { return TK.message(el('notice'), text ? [text] : [], kind || 'info'); }
  function fail(lines) { return TK.message(el('alert'), lines, 'error'); }

  function start() {
    TK.translatePage();
    el('filters').addEventListener('submit', function (e) { e.preventDefault(); loadList(true); });
    el('more').addEventListener('click', function () { loadList(false); });
    el('back').addEventListener('click', backToList);
    el('approve-form').addEventListener('submit', onApprove);
    el('return-form').addEventListener('submit', onReturn);
    el('reopen-form').addEventListener('submit', onReopen);
    el('sign-out').addEventListener('click', function () { TK.forget(PREFIX); location.replace(location.pathname + (state.year ? '?year=' + state.year : '')); });
    var creds = TK.credentials(PREFIX);
    if (!creds.token) { TK.askForToken(PREFIX, creds.year, null, begin); return; }
    begin(creds);
  }

  function begin(creds) {
    fail([]);
    var payload = TK.decodePayload(creds.token);
    if (!payload || (typeof payload.exp === 'number' && payload.exp * 1000 < Date.now())) {
      TK.forget(PREFIX);
      TK.askForToken(PREFIX, creds.year, t('badToken'), begin);
      return;
    }
    if (payload.role !== 'reviewer' && payload.role !== 'province') { fail([t('wrongRole')]); return; }
    if (!/^\d{4}$/.test(String(creds.year || ''))) { TK.askForToken(PREFIX, '', t('badYear'), begin); return; }
    TK.token = creds.token;
    state.year = creds.year;
    state.unit = payload.unit;
    state.role = payload.role;
    TK.setYearInUrl(state.year);
    show(el('sign-out'), true);
    setText(el('page-title'), t('titleYear', { year: state.year }));
    document.title = t('titleYear', { year: state.year }) + ' — Tổng kết';
    loadCycle().then(function (ok) { if (ok) loadList(true); });
  }

  // ---- the cycle and the area ----
  function loadCycle() {
    return TK.api('GET', 'cycles/' + encodeURIComponent(state.year)).then(function (result) {
      if (result.status === 200 && result.data) {
        state.cycle = result.data;
        renderCycle();
        return true;
      }
      if (result.status === 401) {
        TK.forget(PREFIX);
        TK.askForToken(PREFIX, state.year, t('badToken'), begin);
        return false;
      }
      fail([result.status === 404 ? t('noCycle', { year: state.year }) : TK.errorOf(result).message]);
      return false;
    });
  }

  var LEVEL_RANK = { province: 0, district: 1, commune: 2 };
  /** The reviewer's unit row and its subtree: the rows after it whose parent is in the area (rows come depth first). */
  function areaRows(rows) {
    var i = -1;
    for (var k = 0; k < rows.length; k++) if (rows[k].code === state.unit) { i = k; break; }
    if (i < 0) return [];
    var top = rows[i];
    var out = [top];
    var inArea = {};
    inArea[top.code] = true;
    for (var j = i + 1; j < rows.length; j++) {
      if (!inArea[rows[j].parentCode]) break;
      inArea[rows[j].code] = true;
      out.push(rows[j]);
    }
    return out;
  }

  function renderCycle() {
    var cycle = state.cycle;
    var rows = areaRows(cycle.units || []);
    state.units = rows;
    var top = rows[0];
    setText(el('area'), t('area', { unit: top ? top.name : state.unit }));
    show(el('area'), true);
    setText(el('cycle-state'), t('cycleState', { status: t('cy_' + cycle.status), deadline: TK.formatDate(cycle.config && cycle.config.deadline) }));
    show(el('cycle-state'), true);
    show(el('closed-note'), cycle.status !== 'open');
    TK.completenessTable(el('completeness-body'), rows, top ? top.level : 'province');
    show(el('completeness'), rows.length > 0);
    var select = el('filter-unit');
    var keep = select.value;
    select.textContent = '';
    rows.forEach(function (row) {
      var depth = Math.max(0, LEVEL_RANK[row.level] - LEVEL_RANK[top.level]);
      var option = make('option', null, (depth ? '\u00a0\u00a0\u00a0\u00a0'.repeat(depth) : '') + row.name);
      option.value = row.code;
      select.appendChild(option);
    });
    if (!rows.length) {
      var own = make('option', null, state.unit);
      own.value = state.unit;
      select.appendChild(own);
    }
    if (keep) select.value = keep;
    if (!select.value) select.value = state.unit;
    show(el('queue'), true);
  }

  function unitName(code) {
    var rows = (state.cycle && state.cycle.units) || [];
    for (var i = 0; i < rows.length; i++) if (rows[i].code === code) return rows[i].name;
    return code;
  }

  // ---- the queue ----
  function loadList(reset) {
    if (reset) { state.cursor = null; state.count = 0; }
    var params = new URLSearchParams();
    params.set('unit', el('filter-unit').value || state.unit);
    if (el('filter-status').value) params.set('status', el('filter-status').value);
    params.set('limit', String(PAGE));
    if (!reset && state.cursor) params.set('cursor', state.cursor);
    var list = el('queue-list');
    list.setAttribute('aria-busy', 'true');
    el('more').disabled = true;
    return TK.api('GET', 'cycles/' + encodeURIComponent(state.year) + '/reports?' + params.toString()).then(function (result) {
      list.setAttribute('aria-busy', 'false');
      el('more').disabled = false;
      if (result.status !== 200 || !result.data) { fail([TK.errorOf(result).message]); return; }
      fail([]);
      if (reset) list.textContent = '';
      var firstNew = null;
      (result.data.items || []).forEach(function (item) {
        var li = renderItem(item);
        if (!firstNew) firstNew = li;
        list.appendChild(li);
        state.count++;
      });
      state.cursor = result.data.cursor || null;
      show(el('more'), !!state.cursor);
      show(el('queue-empty'), state.count === 0);
      setText(el('queue-count'), state.count ? t('shown', { n: state.count }) : '');
      if (!reset && firstNew) firstNew.querySelector('button').focus();
    });
  }

  function renderItem(item) {
    var li = make('li');
    var info = make('div', 'info');
    info.appendChild(make('span', 'name', item.name));
    var meta = [unitName(item.unit), TK.levelLabel(item.level)];
    if (item.version > 0) meta.push(t('version', { n: item.version }));
    if (item.score != null) meta.push(t('score', { n: item.score }));
    info.appendChild(make('span', 'meta', meta.join(' · ')));
    var badges = make('span');
    badges.appendChild(make('span', 'badge badge-' + item.status, TK.statusLabel(item.status)));
    if (item.late) badges.appendChild(make('span', 'badge badge-late', t('late')));
    info.appendChild(badges);
    li.appendChild(info);
    var button = make('button', 'secondary', t('open'));
    button.type = 'button';
    button.setAttribute('aria-label', t('openNamed', { name: item.name }));
    button.addEventListener('click', function () { openReport(item.association); });
    li.appendChild(button);
    return li;
  }

  // ---- one report ----
  function openReport(code) {
    notice('');
    fail([]);
    return TK.api('GET', reportPath(code)).then(function (result) {
      if (result.status !== 200 || !result.data) { fail([TK.errorOf(result).message]); return; }
      state.report = result.data;
      renderReport();
      show(el('list-view'), false);
      show(el('report-view'), true);
      window.scrollTo(0, 0);
      el('report-name').focus();
    });
  }
  function reportPath(code) {
    return 'cycles/' + encodeURIComponent(state.year) + '/reports/' + encodeURIComponent(code);
  }
  function backToList() {
    show(el('report-view'), false);
    show(el('list-view'), true);
    notice('');
    fail([]);
    loadCycle();
    loadList(true).then(function () { el('queue-title').focus(); });
  }

  function ratingLabel(r) { return RATINGS[r] ? RATINGS[r][TK.lang === 'en' ? 1 : 0] : String(r); }
  function actor(by) {
    var s = String(by || '');
    var i = s.indexOf(':');
    var role = i < 0 ? s : s.slice(0, i);
    var who = i < 0 ? '' : s.slice(i + 1);
    if (role === 'association') return t('byAssociation');
    if (role === 'reviewer') return t('byReviewer', { unit: unitName(who) });
    if (role === 'province') return t('byProvince');
    return s;
  }
  function fieldValue(name, value) {
    if (value == null || value === '') return t('empty');
    if (name === 'selfRating') return ratingLabel(value);
    if (name === 'nominate') return value ? t('yes') : t('no');
    if (typeof value === 'number') return TK.number(value);
    return String(value);
  }

  function renderReport() {
    var r = state.report;
    setText(el('report-name'), r.name);
    var facts = el('report-facts');
    facts.textContent = '';
    function fact(label, value) {
      facts.appendChild(make('dt', null, label));
      var dd = make('dd');
      if (value && value.nodeType) dd.appendChild(value); else setText(dd, value);
      facts.appendChild(dd);
    }
    fact(t('fCode'), r.association);
    fact(t('fUnit'), unitName(r.unit));
    fact(t('fLevel'), TK.levelLabel(r.level));
    var badges = make('span');
    badges.appendChild(make('span', 'badge badge-' + (r.status || 'missing'), TK.statusLabel(r.status)));
    if (r.late) badges.appendChild(make('span', 'badge badge-late', t('late')));
    fact(t('fStatus'), badges);
    fact(t('fVersion'), r.version > 0 ? String(r.version) : t('noVersion'));
    if (r.status === 'approved') fact(t('fResult'), t('resultText', { score: r.score, rating: ratingLabel(r.rating) }));
    if (r.comment) fact(t('fComment'), r.comment);

    var fields = el('report-fields');
    fields.textContent = '';
    show(el('no-content'), !r.report);
    if (r.report) {
      FIELDS.forEach(function (f) {
        fields.appendChild(make('dt', null, f.label[TK.lang === 'en' ? 1 : 0]));
        var dd = make('dd', null, fieldValue(f.name, r.report[f.name]));
        dd.id = 'v-' + f.name;
        fields.appendChild(dd);
      });
    }

    var list = el('history-list');
    list.textContent = '';
    (r.history || []).slice().reverse().forEach(function (h) {
      var li = make('li');
      var head = make('div');
      head.appendChild(make('span', 'what', t('version', { n: h.version }) + ' · ' + t('ac_' + h.action)));
      head.appendChild(make('span', 'when', TK.formatDateTime(h.at) + ' · ' + actor(h.by)));
      li.appendChild(head);
      if (h.comment) li.appendChild(make('p', 'note', t('commentPrefix', { text: h.comment })));
      list.appendChild(li);
    });
    show(el('history'), (r.history || []).length > 0);

    var open = r.cycle ? r.cycle.status === 'open' : (state.cycle && state.cycle.status === 'open');
    var canDecide = open && r.status === 'submitted';
    var canReopen = open && r.status === 'approved';
    setText(el('decide-title'), t('decide', { n: r.version }));
    show(el('approve-form'), canDecide);
    show(el('return-form'), canDecide);
    show(el('reopen-form'), canReopen);
    show(el('nothing'), !canDecide && !canReopen);
    setText(el('nothing'), !open && r.version > 0 ? t('cycleNotOpen') : t('nothingToDecide'));
    ['approve-form', 'return-form', 'reopen-form'].forEach(function (id) { el(id).reset(); TK.clearFieldErrors(el(id)); });
    if (r.report && r.report.selfRating) el('a-rating').value = r.report.selfRating;
  }

  // ---- decisions ----
  function decide(form, prefix, body, done) {
    if (state.busy) return;
    TK.clearFieldErrors(form);
    fail([]);
    notice('');
    var button = form.querySelector('button[type=submit]');
    var label = button.textContent;
    state.busy = true;
    button.disabled = true;
    setText(button, t('busy'));
    TK.api('POST', reportPath(state.report.association) + '/review', body).then(function (result) {
      state.busy = false;
      button.disabled = false;
      setText(button, label);
      if (result.status === 200 && result.data) {
        var name = state.report.name;
        state.report = result.data;
        renderReport();
        loadCycle();
        notice(done(name), 'ok').focus();
        return;
      }
      var error = TK.errorOf(result);
      if (result.status === 409) { staleOrConflict(error); return; }
      if (result.status === 422 && error.fields) {
        var orphans = TK.showFieldErrors(form, prefix, error.fields);
        if (orphans.length) fail([error.message].concat(orphans)).focus();
        return;
      }
      if (result.status === 401) { TK.forget(PREFIX); }
      fail([error.message]).focus();
    });
  }

  function staleOrConflict(error) {
    var reload = make('button', 'secondary', t('reload'));
    reload.type = 'button';
    reload.id = 'reload';
    reload.addEventListener('click', function () { openReport(state.report.association); });
    var isStale = error.fields && error.fields.version;
    var lines = isStale ? [t('stale'), error.message] : [error.message];
    fail(lines.concat([reload]));
    el('alert').focus();
  }

  function score(prefix) {
    var raw = el(prefix + 'score').value.trim();
    if (!/^\d{1,3}$/.test(raw) || Number(raw) > 100) return null;
    return Number(raw);
  }

  function onApprove(event) {
    event.preventDefault();
    var form = el('approve-form');
    var s = score('a-');
    if (s === null) { TK.showFieldErrors(form, 'a-', { score: t('needScore') }); return; }
    var body = { decision: 'approve', version: state.report.version, score: s };
    var rating = el('a-rating').value;
    if (rating) body.rating = rating;
    var comment = el('a-comment').value.trim();
    if (comment) body.comment = comment;
    var n = state.report.version;
    decide(form, 'a-', body, function (name) { return t('approved', { name: name, n: n }); });
  }
  function onReturn(event) {
    event.preventDefault();
    var form = el('return-form');
    var comment = el('r-comment').value.trim();
    if (!comment) { TK.showFieldErrors(form, 'r-', { comment: t('needComment') }); return; }
    decide(form, 'r-', { decision: 'return', version: state.report.version, comment: comment }, function (name) { return t('returned', { name: name }); });
  }
  function onReopen(event) {
    event.preventDefault();
    var form = el('reopen-form');
    var comment = el('o-comment').value.trim();
    if (!comment) { TK.showFieldErrors(form, 'o-', { comment: t('needComment') }); return; }
    decide(form, 'o-', { decision: 'reopen', version: state.report.version, comment: comment }, function (name) { return t('reopened', { name: name }); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;

const FIELDS_DATA = FIELD_ORDER.map((name) => ({ name, label: [REPORT_FIELD_LABELS[name].vi, REPORT_FIELD_LABELS[name].en] }));
const RATINGS_DATA = Object.fromEntries(SELF_RATINGS.map((r) => [r, [RATING_LABELS[r].vi, RATING_LABELS[r].en]]));

export const REVIEW_JS =
  dictionaryScript(REVIEW_DICT) +
  `window.TK_FIELDS = ${JSON.stringify(FIELDS_DATA)};\nwindow.TK_RATINGS = ${JSON.stringify(RATINGS_DATA)};\n` +
  COMMON_JS +
  REVIEW_JS_BODY;

export const REVIEW_JS_VERSION = contentVersion(REVIEW_JS);

function field(id: string, labelKey: string, control: string, hintKey?: string, extraClass = ''): string {
  const d = REVIEW_DICT;
  const hint = hintKey ? tr(d, hintKey, 'p', `class="hint" id="h-${id}"`) : '';
  return `<div class="field${extraClass ? ' ' + extraClass : ''}">
<label for="${id}">${tr(d, labelKey)}</label>
${hint}
<p class="field-error" id="e-${id}" hidden></p>
${control}
</div>`;
}

function ratingOptions(): string {
  return SELF_RATINGS.map((r) => `<option value="${r}">${RATING_LABELS[r].vi}</option>`).join('');
}

export function renderReviewPage(pagesCssVersion: string): string {
  const d = REVIEW_DICT;
  const statusOptions = ['submitted', 'returned', 'approved', 'missing'].map((s) => `<option value="${s}" data-t="st_${s}">${d[`st_${s}`]![0]}</option>`).join('');
  return pageShell(
    d.docTitle![0],
    `<header class="top">
<div class="wrap bar">
<div>
${tr(d, 'app', 'p', 'class="app"')}
<h1 id="page-title">${d.title![0]}</h1>
<p class="who" id="area" hidden></p>
</div>
<button type="button" class="link" id="sign-out" hidden>${tr(d, 'signOut')}</button>
</div>
</header>
<main class="wrap" id="main" tabindex="-1">
<noscript><p class="alert alert-error">Trang này cần JavaScript. / This page needs JavaScript.</p></noscript>
<p class="alert alert-info" id="notice" role="status" tabindex="-1" hidden></p>
<div class="alert alert-error" id="alert" role="alert" tabindex="-1" hidden></div>
${signInMarkup(d)}
<div id="list-view">
<p class="muted" id="cycle-state" hidden></p>
<p class="readonly" id="closed-note" hidden>${d.cycleNotOpen![0]}</p>
<section class="panel" id="queue" aria-labelledby="queue-title" hidden>
<h2 id="queue-title" tabindex="-1">${tr(d, 'queue')}</h2>
<form id="filters" class="row" novalidate>
<div class="field"><label for="filter-unit">${tr(d, 'filterUnit')}</label><select id="filter-unit" name="unit"></select></div>
<div class="field"><label for="filter-status">${tr(d, 'filterStatus')}</label><select id="filter-status" name="status"><option value="" data-t="allStatuses">${d.allStatuses![0]}</option>${statusOptions}</select></div>
<button type="submit" class="secondary">${tr(d, 'filterButton')}</button>
</form>
<p class="muted small" id="queue-count" role="status"></p>
<ul class="queue" id="queue-list" aria-labelledby="queue-title"></ul>
<p class="empty" id="queue-empty" hidden>${tr(d, 'noItems')}</p>
<button type="button" class="secondary more" id="more" hidden>${tr(d, 'more')}</button>
</section>
<section class="panel" id="completeness" aria-labelledby="completeness-title" hidden>
<h2 id="completeness-title">${tr(d, 'completeness')}</h2>
${tr(d, 'completenessCaption', 'p', 'class="hint"')}
${completenessTableMarkup(d, 'completeness-body', 'completeness-title')}
</section>
</div>
<div id="report-view" hidden>
<p><button type="button" class="secondary" id="back">${tr(d, 'back')}</button></p>
<div class="cols">
<div>
<section class="panel" aria-labelledby="report-name">
<h2 id="report-name" tabindex="-1"></h2>
<dl class="facts" id="report-facts"></dl>
</section>
<section class="panel" aria-labelledby="content-title">
<h2 id="content-title">${tr(d, 'content')}</h2>
<p class="empty" id="no-content" hidden>${tr(d, 'noContent')}</p>
<dl class="fields" id="report-fields"></dl>
</section>
<section class="panel" id="history" aria-labelledby="history-title" hidden>
<h2 id="history-title">${tr(d, 'history')}</h2>
<ol class="history" id="history-list"></ol>
</section>
</div>
<section class="panel decision" aria-labelledby="decide-title">
<h2 id="decide-title">${tr(d, 'approveTitle')}</h2>
<p class="muted" id="nothing" hidden></p>
<form id="approve-form" class="choice" novalidate aria-labelledby="approve-title" hidden>
<h3 id="approve-title">${tr(d, 'approveTitle')}</h3>
${field('a-score', 'scoreLabel', '<input type="text" id="a-score" name="score" inputmode="numeric" pattern="[0-9]*" maxlength="3" required aria-required="true" aria-describedby="h-a-score" autocomplete="off">', 'scoreHint', 'field-narrow')}
${field('a-rating', 'ratingLabel', `<select id="a-rating" name="rating" aria-describedby="h-a-rating">${ratingOptions()}</select>`, 'ratingHint')}
${field('a-comment', 'approveComment', '<textarea id="a-comment" name="comment" rows="2" maxlength="2000"></textarea>')}
<button type="submit" class="primary">${tr(d, 'approveButton')}</button>
</form>
<form id="return-form" class="choice" novalidate aria-labelledby="return-title" hidden>
<h3 id="return-title">${tr(d, 'returnTitle')}</h3>
${field('r-comment', 'returnComment', '<textarea id="r-comment" name="comment" rows="3" maxlength="2000" required aria-required="true" aria-describedby="h-r-comment"></textarea>', 'returnHint')}
<button type="submit" class="secondary">${tr(d, 'returnButton')}</button>
</form>
<form id="reopen-form" class="choice" novalidate aria-labelledby="reopen-title" hidden>
<h3 id="reopen-title">${tr(d, 'reopenTitle')}</h3>
${field('o-comment', 'reopenComment', '<textarea id="o-comment" name="comment" rows="3" maxlength="2000" required aria-required="true"></textarea>')}
<button type="submit" class="secondary">${tr(d, 'reopenButton')}</button>
</form>
</section>
</div>
</div>
</main>`,
    {
      css: [
        { file: 'form.css', version: FORM_ASSET_VERSION.css },
        { file: 'pages.css', version: pagesCssVersion },
      ],
      js: [{ file: 'review.js', version: REVIEW_JS_VERSION }],
    },
  );
}
