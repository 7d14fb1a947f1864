// The province office's page (GET /province, SPEC sections 1, 2, 3 and 6): open a cycle,
// import the registry, follow completeness (table and bars), trigger the close and watch its
// steps, download every published revision, reopen one report after close.
// Opened as /province?year=…&token=….
import { CLOSE_STEP_LABELS, CLOSE_STEPS } from '../domain/close-steps.ts';
import { DEFAULT_AWARDS, DEFAULT_MIN_SCORE, DEFAULT_QUOTA_PERCENT } from '../domain/labels.ts';
import { COMMON_DICT, COMMON_JS, completenessTableMarkup, contentVersion, dictionaryScript, pageShell, signInMarkup, tr, type Dictionary } from './common.ts';
import { ASSET_VERSION as FORM_ASSET_VERSION } from './form.ts';
import { escapeHtml } from './html.ts';


export const PROVINCE_DICT: Dictionary = {
  ...COMMON_DICT,
  docTitle: ['Văn phòng tỉnh — Tổng kết', 'Province office — Tổng kết'],
  app: ['Tổng kết · Văn phòng tỉnh', 'Tổng kết · Province office'],
  title: ['Tổng kết năm', 'Year-end review'],
  titleYear: ['Tổng kết năm {year}', 'Year-end review {year}'],
  wrongRole: [
    'Mã truy cập này không phải của Văn phòng tỉnh. Cán bộ duyệt dùng trang /review, hội dùng trang /.',
    'This token is not the province office’s. Reviewers use /review, associations use /.',
  ],
  noCycle: ['Chưa mở kỳ báo cáo năm {year}. Điền cấu hình dưới đây để mở.', 'The {year} cycle is not open yet. Fill in the configuration below to open it.'],
  overview: ['Tình hình chung', 'Overview'],
  statusLine: ['Trạng thái: {status} · Hạn nộp {deadline} · Đã công bố {revision} lần', 'Status: {status} · Deadline {deadline} · Published {revision} times'],
  reopenedFor: ['Đang mở lại cho: {codes}', 'Reopened for: {codes}'],
  sExpected: ['Phải nộp', 'Expected'],
  sApproved: ['Đã duyệt', 'Approved'],
  sPending: ['Chờ duyệt', 'Awaiting review'],
  sReturned: ['Trả lại', 'Returned'],
  sMissing: ['Chưa nộp', 'Not submitted'],
  sLate: ['Nộp muộn', 'Late'],
  // opening a cycle
  openTitle: ['Mở kỳ báo cáo', 'Open a reporting cycle'],
  openAnother: ['Mở kỳ báo cáo năm khác', 'Open another year'],
  openHelp: ['Chỉ năm là bắt buộc; để trống các mục khác để dùng giá trị mặc định.', 'Only the year is required; leave the rest empty for the defaults.'],
  oYear: ['Năm báo cáo', 'Year'],
  oDeadline: ['Hạn nộp', 'Deadline'],
  oDeadlineHint: ['Mặc định 15/12 của năm báo cáo.', 'Defaults to 15 December of the year.'],
  oIssuer: ['Cơ quan ban hành (mỗi dòng một cấp)', 'Issuer (one line per level)'],
  oIssuerHint: ['Ví dụ: TỈNH ỦY LAI CHÂU, xuống dòng, BAN DÂN VẬN. Để trống: Ủy ban nhân dân tỉnh.', 'E.g. TỈNH ỦY LAI CHÂU, new line, BAN DÂN VẬN. Empty: the provincial People’s Committee.'],
  oIssuerKind: ['Loại cơ quan ban hành', 'Issuer kind'],
  oKindAuto: ['Tự nhận biết theo tên', 'Infer from the name'],
  oKindParty: ['Cơ quan Đảng (Hướng dẫn 36-HD/VPTW)', 'Party body (Guide 36-HD/VPTW)'],
  oKindState: ['Cơ quan Nhà nước (Nghị định 30/2020/NĐ-CP)', 'State body (Decree 30/2020/NĐ-CP)'],
  oDocumentNumber: ['Số văn bản', 'Document number'],
  oDocumentNumberHint: ['Ví dụ: Số 25-BC/BDVTU', 'E.g. Số 25-BC/BDVTU'],
  oReportDate: ['Ngày báo cáo', 'Report date'],
  oReportDateHint: ['Để trống: ngày khóa sổ.', 'Empty: the day of the close.'],
  oPlace: ['Địa danh', 'Place'],
  oPlaceHint: ['Ví dụ: Lai Châu. Để trống: tên tỉnh trong danh mục.', 'E.g. Lai Châu. Empty: the province’s name from the registry.'],
  oSpecialLabel: ['Tên gọi hội đặc thù', 'Label for special associations'],
  oSpecialLabelHint: ['Để trống: theo quy định của năm.', 'Empty: the label in force that year.'],
  oCommendation: ['Khen thưởng', 'Commendation'],
  oQuota: ['Tỷ lệ khen thưởng tối đa (%)', 'Quota (%)'],
  oMinScore: ['Điểm tối thiểu', 'Minimum score'],
  oAwardProvince: ['Hình thức khen — cấp tỉnh', 'Award — province level'],
  oAwardDistrict: ['Hình thức khen — cấp huyện', 'Award — district level'],
  oAwardCommune: ['Hình thức khen — cấp xã', 'Award — commune level'],
  openButton: ['Mở kỳ báo cáo', 'Open the cycle'],
  opened: ['Đã mở kỳ báo cáo năm {year}. Bước tiếp theo: nhập danh mục.', 'Opened the {year} cycle. Next: import the registry.'],
  // registry
  registryTitle: ['Danh mục đơn vị và hội', 'Registry of units and associations'],
  registryNow: ['Hiện có {units} đơn vị, {associations} hội (nhập lúc {at}).', 'Now {units} units, {associations} associations (imported {at}).'],
  registryNone: ['Chưa nhập danh mục.', 'No registry imported yet.'],
  registryHelp: ['Hai tệp CSV (UTF-8, có dòng tiêu đề). Nhập lại được khi kỳ báo cáo còn mở; tệp có lỗi thì không nhập gì.', 'Two CSV files (UTF-8, header row). Can be imported again while the cycle is open; a file with errors imports nothing.'],
  unitsFile: ['Tệp đơn vị (units.csv)', 'Units file (units.csv)'],
  unitsFileHint: ['Cột: code, name, level, parent_code', 'Columns: code, name, level, parent_code'],
  associationsFile: ['Tệp hội (associations.csv)', 'Associations file (associations.csv)'],
  associationsFileHint: ['Cột: code, name, unit_code, special, founded_on, dissolved_on', 'Columns: code, name, unit_code, special, founded_on, dissolved_on'],
  importButton: ['Nhập danh mục', 'Import the registry'],
  needFile: ['Chọn tệp.', 'Choose a file.'],
  imported: ['Đã nhập {units} đơn vị và {associations} hội; {expected} hội phải báo cáo năm {year}.', 'Imported {units} units and {associations} associations; {expected} must report for {year}.'],
  problemLine: ['{file}, dòng {line}: {message}', '{file}, line {line}: {message}'],
  problemFile: ['{file}: {message}', '{file}: {message}'],
  // completeness
  completeness: ['Tình hình nộp báo cáo theo đơn vị', 'Completeness by unit'],
  completenessCaption: ['Số báo cáo theo đơn vị (gồm cả đơn vị cấp dưới)', 'Reports per unit (including the units below it)'],
  chartTitle: ['Biểu đồ tiến độ', 'Progress chart'],
  chartLine: ['{approved}/{expected} đã duyệt', '{approved}/{expected} approved'],
  lateMark: ['{n} nộp muộn', '{n} late'],
  kApproved: ['Đã duyệt', 'Approved'],
  kPending: ['Chờ duyệt', 'Awaiting review'],
  kReturned: ['Trả lại', 'Returned'],
  kMissing: ['Chưa nộp', 'Not submitted'],
  noUnits: ['Chưa có số liệu: hãy nhập danh mục.', 'No figures yet: import the registry.'],
  // close
  closeTitle: ['Khóa sổ và công bố', 'Close and publish'],
  closeHelp: [
    'Khóa sổ dừng mọi việc nộp và duyệt, tổng hợp mọi cấp, chọn tập thể được khen thưởng, lập báo cáo PDF, danh sách CSV và số liệu JSON.',
    'Closing stops every submission and review, aggregates every level, selects the commended collectives and renders the PDF, the CSV and the JSON.',
  ],
  closeButton: ['Khóa sổ năm {year}', 'Close {year}'],
  retryButton: ['Khóa sổ lại', 'Close again'],
  confirmText: [
    'Khóa sổ năm {year}? Còn {missing} hội chưa nộp và {pending} báo cáo chưa duyệt; các báo cáo này sẽ không được tính.',
    'Close {year}? {missing} associations have not submitted and {pending} reports are not approved; they will not be counted.',
  ],
  confirmButton: ['Xác nhận khóa sổ', 'Confirm the close'],
  cancel: ['Hủy', 'Cancel'],
  closeStarted: ['Đã bắt đầu khóa sổ.', 'The close has started.'],
  published: ['Đã công bố lần {revision} lúc {at}.', 'Published revision {revision} at {at}.'],
  failed: ['Khóa sổ bị lỗi: {cause}. Bấm “Khóa sổ lại” để tiếp tục; kết quả sẽ giống hệt.', 'The close failed: {cause}. Press “Close again” to resume; the result is the same.'],
  stepsTitle: ['Các bước khóa sổ', 'Close steps'],
  ...Object.fromEntries(CLOSE_STEPS.map((step) => [`step_${step}`, [CLOSE_STEP_LABELS[step].vi, CLOSE_STEP_LABELS[step].en]])),
  stDone: ['Xong', 'Done'],
  stCurrent: ['Đang làm…', 'In progress…'],
  stWaiting: ['Chờ', 'Waiting'],
  stFailed: ['Lỗi', 'Failed'],
  // downloads
  downloadsTitle: ['Tải báo cáo đã công bố', 'Download the published files'],
  noDownloads: ['Chưa công bố lần nào.', 'Nothing published yet.'],
  revision: ['Lần công bố {n}', 'Revision {n}'],
  latest: ['(mới nhất)', '(latest)'],
  dlPdf: ['Báo cáo PDF', 'PDF report'],
  dlCsv: ['Danh sách khen thưởng CSV', 'Commended list CSV'],
  dlJson: ['Số liệu JSON', 'Summary JSON'],
  dlNamed: ['{what}, lần công bố {n}', '{what}, revision {n}'],
  downloaded: ['Đã tải {name}.', 'Downloaded {name}.'],
  // reopen after close
  reopenTitle: ['Mở lại một báo cáo sau khi công bố', 'Reopen one report after publication'],
  reopenHelp: [
    'Hội được mở lại sửa và nộp lại; sau khi duyệt, khóa sổ lần nữa sẽ công bố lần mới. Các lần công bố trước vẫn tải được.',
    'The association may correct and resubmit; after review, closing again publishes a new revision. Earlier revisions stay downloadable.',
  ],
  rAssociation: ['Mã hội', 'Association code'],
  rAssociationHint: ['Ví dụ: LS-NCT (cột code của tệp hội).', 'E.g. LS-NCT (the code column of the associations file).'],
  rComment: ['Lý do mở lại (bắt buộc)', 'Reason (required)'],
  reopenButton: ['Mở lại báo cáo', 'Reopen the report'],
  reopenDone: ['Đã mở lại báo cáo của {name}. Kỳ báo cáo mở lại cho hội này.', 'Reopened the report of {name}. The cycle is open again for it.'],
  needCode: ['Nhập mã hội.', 'Enter the association code.'],
  needComment: ['Nhập lý do.', 'Enter the reason.'],
  needYear: ['Năm gồm 4 chữ số.', 'A 4-digit year.'],
  needNumber: ['Nhập một số từ 0 đến 100.', 'Enter a number from 0 to 100.'],
  busy: ['Đang gửi…', 'Sending…'],
  refresh: ['Cập nhật số liệu', 'Refresh'],
};

export const PROVINCE_JS_BODY = String.raw`/* Tổng kết — the province office's page. */
(function () {
  'use strict';
  var TK = window.TK;
  var t = TK.t, el = TK.el, make = TK.make, setText = TK.setText, show = TK.show;
  var PREFIX = 'tongket.province';
  var STEPS = window.TK_STEPS;
  var state = { year: null, cycle: null, polling: null, busy: false };

  function notice(text, kind) { return TK.message(el('notice'), text ? [text] : [], kind || 'info'); }
  function fail(lines) { return TK.message(el('alert'), lines, 'error'); }
  function cyclePath() { return 'cycles/' + encodeURIComponent(state.year); }

  function start() {
    TK.translatePage();
    el('open-form').addEventListener('submit', onOpen);
    el('registry-form').addEventListener('submit', onImport);
    el('close-button').addEventListener('click', askClose);
    el('confirm-close').addEventListener('click', onClose);
    el('cancel-close').addEventListener('click', function () { show(el('confirm'), false); el('close-button').focus(); });
    el('reopen-form').addEventListener('submit', onReopen);
    el('refresh').addEventListener('click', function () { loadCycle(); });
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
    if (payload.role !== 'province') { fail([t('wrongRole')]); return; }
    if (!/^\d{4}$/.test(String(creds.year || ''))) { TK.askForToken(PREFIX, '', t('badYear'), begin); return; }
    TK.token = creds.token;
    show(el('sign-out'), true);
    setYear(creds.year);
    loadCycle();
  }

  function setYear(year) {
    state.year = String(year);
    TK.setYearInUrl(state.year);
    TK.remember(PREFIX, null, state.year);
    setText(el('page-title'), t('titleYear', { year: state.year }));
    document.title = t('titleYear', { year: state.year }) + ' — Tổng kết';
  }

  function loadCycle() {
    return TK.api('GET', cyclePath()).then(function (result) {
      if (result.status === 200 && result.data) {
        state.cycle = result.data;
        render();
        return result.data;
      }
      if (result.status === 401) {
        TK.forget(PREFIX);
        TK.askForToken(PREFIX, state.year, t('badToken'), begin);
        return null;
      }
      if (result.status === 404) {
        state.cycle = null;
        show(el('dashboard'), false);
        notice(t('noCycle', { year: state.year }));
        showOpenForm(true);
        return null;
      }
      fail([TK.errorOf(result).message]);
      return null;
    });
  }

  function showOpenForm(primary) {
    var box = el('open-box');
    show(box, true);
    box.open = primary;
    setText(el('open-summary'), primary ? t('openTitle') : t('openAnother'));
    if (primary && !el('o-year').value) el('o-year').value = state.year;
  }

  // ---- everything about the cycle ----
  function render() {
    var c = state.cycle;
    show(el('dashboard'), true);
    showOpenForm(false);
    var badge = el('cycle-status');
    badge.className = 'badge badge-cy-' + c.status;
    setText(badge, t('cy_' + c.status));
    setText(el('status-line'), t('statusLine', { status: t('cy_' + c.status), deadline: TK.formatDate(c.config && c.config.deadline), revision: c.revision }));
    var reopened = c.reopenedFor || [];
    setText(el('reopened-line'), reopened.length ? t('reopenedFor', { codes: reopened.join(', ') }) : '');
    show(el('reopened-line'), reopened.length > 0 && c.status === 'open');
    var n = c.counts || {};
    setText(el('n-expected'), TK.number(n.expected));
    setText(el('n-approved'), TK.number(n.approved));
    setText(el('n-pending'), TK.number(Math.max(0, (n.submitted || 0) - (n.approved || 0) - (n.returned || 0))));
    setText(el('n-returned'), TK.number(n.returned));
    setText(el('n-missing'), TK.number(n.missing));
    setText(el('n-late'), TK.number(n.late));

    var reg = c.registry || {};
    setText(el('registry-now'), reg.importedAt
      ? t('registryNow', { units: TK.number(reg.units), associations: TK.number(reg.associations), at: TK.formatDateTime(reg.importedAt) })
      : t('registryNone'));
    show(el('registry'), c.status === 'open');
    var imported = !!reg.importedAt;
    el('dashboard').classList.toggle('no-registry', !imported);
    show(el('close'), imported);
    show(el('completeness'), imported);
    show(el('downloads-box'), (c.revision || 0) > 0);

    renderCompleteness(c.units || []);
    renderClose();
    renderDownloads();
    show(el('reopen'), c.status === 'published' || (c.status === 'open' && c.revision > 0));
  }

  function renderCompleteness(rows) {
    show(el('no-units'), rows.length === 0);
    show(el('completeness-content'), rows.length > 0);
    if (!rows.length) return;
    TK.completenessTable(el('completeness-body'), rows, 'province');
    // Bars: the province, then the level right below it (districts, or communes in a two-tier province).
    var hasDistrict = rows.some(function (r) { return r.level === 'district'; });
    var below = hasDistrict ? 'district' : 'commune';
    var chart = el('chart');
    chart.textContent = '';
    rows.filter(function (r) { return r.level === 'province' || r.level === below; }).forEach(function (r) {
      var li = make('li');
      var caption = make('div', 'caption');
      caption.appendChild(make('span', 'unit', r.name));
      var numbers = make('span', null, t('chartLine', { approved: TK.number(r.approved), expected: TK.number(r.expected) }) + ' ');
      if (r.late > 0) numbers.appendChild(make('span', 'late-mark', t('lateMark', { n: TK.number(r.late) })));
      caption.appendChild(numbers);
      li.appendChild(caption);
      var track = make('div', 'track');
      track.setAttribute('aria-hidden', 'true');
      var total = r.expected || 0;
      var pending = Math.max(0, r.submitted - r.approved - r.returned);
      [['approved', r.approved], ['pending', pending], ['returned', r.returned], ['missing', r.missing]].forEach(function (part) {
        if (!total || !part[1]) return;
        var seg = make('span', 'seg seg-' + part[0]);
        seg.style.width = (100 * part[1] / total).toFixed(2) + '%';
        track.appendChild(seg);
      });
      li.appendChild(track);
      chart.appendChild(li);
    });
  }

  function renderClose() {
    var c = state.cycle;
    var list = el('steps');
    list.textContent = '';
    var at = STEPS.indexOf(c.step);
    var failed = c.status === 'close_failed';
    var closing = c.status === 'closing';
    var published = c.status === 'published';
    STEPS.forEach(function (name, i) {
      var li = make('li');
      var status;
      if (published) status = 'done';
      else if (closing) status = i < at ? 'done' : i === at ? 'current' : 'waiting';
      else status = 'waiting';
      li.className = status;
      if (status === 'current') li.setAttribute('aria-current', 'step');
      li.appendChild(document.createTextNode(t('step_' + name)));
      li.appendChild(make('span', 'state', t({ done: 'stDone', current: 'stCurrent', waiting: 'stWaiting', failed: 'stFailed' }[status])));
      list.appendChild(li);
    });
    if (failed) {
      var bad = make('li', 'failed', t('cy_close_failed'));
      bad.appendChild(make('span', 'state', t('stFailed')));
      list.appendChild(bad);
    }
    show(el('steps-box'), closing || published || failed);
    var fbox = el('failure');
    setText(fbox, failed ? t('failed', { cause: (c.failure && (c.failure.cause || c.failure.error)) || '?' }) : '');
    show(fbox, failed);
    var button = el('close-button');
    setText(button, failed ? t('retryButton') : t('closeButton', { year: c.year }));
    show(button, c.status === 'open' || failed);
    button.disabled = !(c.registry && c.registry.importedAt);
    if (closing) startPolling(); else stopPolling();
  }

  function startPolling() {
    if (state.polling) return;
    state.polling = setInterval(function () {
      TK.api('GET', cyclePath()).then(function (result) {
        if (result.status !== 200 || !result.data) return;
        var before = state.cycle && state.cycle.status;
        state.cycle = result.data;
        render();
        if (before === 'closing' && result.data.status === 'published') {
          notice(t('published', { revision: result.data.revision, at: TK.formatDateTime(result.data.publishedAt) }), 'ok');
        }
      });
    }, 1000);
  }
  function stopPolling() {
    if (state.polling) { clearInterval(state.polling); state.polling = null; }
  }

  function askClose() {
    var n = state.cycle.counts || {};
    var pending = Math.max(0, (n.submitted || 0) - (n.approved || 0));
    setText(el('confirm-text'), t('confirmText', { year: state.year, missing: TK.number(n.missing || 0), pending: TK.number(pending) }));
    show(el('confirm'), true);
    el('confirm-close').focus();
  }

  function onClose() {
    show(el('confirm'), false);
    fail([]);
    TK.api('POST', cyclePath() + '/close').then(function (result) {
      if (result.status === 202 || result.status === 200) {
        notice(t('closeStarted'));
        loadCycle().then(function () { el('steps-title').focus(); });
        return;
      }
      fail([TK.errorOf(result).message]).focus();
    });
  }

  function renderDownloads() {
    var c = state.cycle;
    var list = el('downloads');
    list.textContent = '';
    var revisions = c.revision || 0;
    show(el('no-downloads'), revisions === 0);
    for (var n = revisions; n >= 1; n--) {
      var li = make('li');
      li.appendChild(make('span', 'rev', t('revision', { n: n }) + (n === revisions ? ' ' + t('latest') : '')));
      // link=1: on AWS the files come as short-lived S3 links, which TK.download goes to.
      [['dlPdf', 'report.pdf?link=1&revision=', 'bao-cao-' + c.year + '-r' + n + '.pdf'],
       ['dlCsv', 'commendations?format=csv&link=1&revision=', 'khen-thuong-' + c.year + '-r' + n + '.csv'],
       ['dlJson', 'summary?revision=', 'tong-hop-' + c.year + '-r' + n + '.json']].forEach(function (d) {
        var button = make('button', 'secondary', t(d[0]));
        button.type = 'button';
        button.setAttribute('aria-label', t('dlNamed', { what: t(d[0]), n: n }));
        button.dataset.kind = d[0];
        button.dataset.revision = String(n);
        var path = cyclePath() + '/' + d[1] + n;
        var name = d[2];
        button.addEventListener('click', function () {
          button.disabled = true;
          TK.download(path, name).then(function (result) {
            button.disabled = false;
            if (result.ok) notice(t('downloaded', { name: result.name }), 'ok');
            else fail([result.error.message]);
          });
        });
        li.appendChild(button);
      });
      list.appendChild(li);
    }
  }

  // ---- forms ----
  function busy(form, on) {
    var button = form.querySelector('button[type=submit]');
    if (on) { button.dataset.label = button.textContent; setText(button, t('busy')); }
    else if (button.dataset.label) setText(button, button.dataset.label);
    button.disabled = on;
    state.busy = on;
  }

  function onOpen(event) {
    event.preventDefault();
    if (state.busy) return;
    var form = el('open-form');
    TK.clearFieldErrors(form);
    fail([]);
    var v = function (id) { return el(id).value.trim(); };
    var errors = {};
    var body = {};
    if (!/^\d{4}$/.test(v('o-year'))) errors.year = t('needYear'); else body.year = Number(v('o-year'));
    if (v('o-deadline')) body.deadline = v('o-deadline');
    var issuer = el('o-issuer').value.split('\n').map(function (s) { return s.trim(); }).filter(Boolean);
    if (issuer.length) body.issuer = issuer;
    if (v('o-issuerKind')) body.issuerKind = v('o-issuerKind');
    if (v('o-documentNumber')) body.documentNumber = v('o-documentNumber');
    if (v('o-reportDate')) body.reportDate = v('o-reportDate');
    if (v('o-place')) body.place = v('o-place');
    if (v('o-specialLabel')) body.specialLabel = v('o-specialLabel');
    var commendation = {};
    [['quotaPercent', 'o-commendation.quotaPercent'], ['minScore', 'o-commendation.minScore']].forEach(function (p) {
      var raw = v(p[1]).replace(',', '.');
      if (raw === '') return;
      if (!/^\d+(\.\d+)?$/.test(raw)) { errors['commendation.' + p[0]] = t('needNumber'); return; }
      commendation[p[0]] = Number(raw);
    });
    var awards = {};
    ['province', 'district', 'commune'].forEach(function (level) {
      var value = v('o-commendation.awards.' + level);
      if (value) awards[level] = value;
    });
    if (Object.keys(awards).length) commendation.awards = awards;
    if (Object.keys(commendation).length) body.commendation = commendation;
    if (Object.keys(errors).length) { TK.showFieldErrors(form, 'o-', errors); return; }
    busy(form, true);
    TK.api('POST', 'cycles', body).then(function (result) {
      busy(form, false);
      if (result.status === 201 && result.data) {
        form.reset();
        setYear(result.data.year);
        state.cycle = result.data;
        loadCycle().then(function () { notice(t('opened', { year: result.data.year }), 'ok').focus(); });
        return;
      }
      var error = TK.errorOf(result);
      if ((result.status === 422 || result.status === 409) && error.fields) {
        var orphans = TK.showFieldErrors(form, 'o-', error.fields);
        fail([error.message].concat(orphans));
        if (!Object.keys(error.fields).some(function (k) { return el('o-' + k.split('.')[0]); })) el('alert').focus();
        return;
      }
      fail([error.message]).focus();
    });
  }

  function onImport(event) {
    event.preventDefault();
    if (state.busy) return;
    var form = el('registry-form');
    TK.clearFieldErrors(form);
    fail([]);
    show(el('registry-result'), false);
    var missing = {};
    if (!el('g-units').files.length) missing.units = t('needFile');
    if (!el('g-associations').files.length) missing.associations = t('needFile');
    if (Object.keys(missing).length) { TK.showFieldErrors(form, 'g-', missing); return; }
    busy(form, true);
    Promise.all([TK.readFile(el('g-units')), TK.readFile(el('g-associations'))]).then(function (texts) {
      return TK.api('PUT', cyclePath() + '/registry', { units: texts[0], associations: texts[1] });
    }).then(function (result) {
      busy(form, false);
      var box = el('registry-result');
      if (result.status === 200 && result.data) {
        TK.message(box, [t('imported', { units: TK.number(result.data.units), associations: TK.number(result.data.associations), expected: TK.number(result.data.expected), year: state.year })], 'ok');
        box.focus();
        loadCycle();
        return;
      }
      var error = TK.errorOf(result);
      var problems = error.problems || [];
      var parts = [error.message];
      if (problems.length) {
        var ul = make('ul', 'problems');
        problems.forEach(function (p) {
          var file = String(p.file || '');
          if (file && !/\.csv$/i.test(file)) file += '.csv';
          ul.appendChild(make('li', null, p.line ? t('problemLine', { file: file, line: p.line, message: p.message }) : t('problemFile', { file: file, message: p.message })));
        });
        parts.push(ul);
      }
      TK.message(box, parts, 'error');
      box.focus();
    }, function () {
      busy(form, false);
      fail([t('network')]);
    });
  }

  function onReopen(event) {
    event.preventDefault();
    if (state.busy) return;
    var form = el('reopen-form');
    TK.clearFieldErrors(form);
    fail([]);
    var code = el('p-association').value.trim();
    var comment = el('p-comment').value.trim();
    var errors = {};
    if (!code) errors.association = t('needCode');
    if (!comment) errors.comment = t('needComment');
    if (Object.keys(errors).length) { TK.showFieldErrors(form, 'p-', errors); return; }
    busy(form, true);
    TK.api('POST', cyclePath() + '/reports/' + encodeURIComponent(code) + '/reopen', { comment: comment }).then(function (result) {
      busy(form, false);
      if (result.status === 200 && result.data) {
        form.reset();
        loadCycle().then(function () { notice(t('reopenDone', { name: result.data.name || code }), 'ok').focus(); });
        return;
      }
      var error = TK.errorOf(result);
      if (error.fields) {
        var orphans = TK.showFieldErrors(form, 'p-', error.fields);
        if (orphans.length) fail([error.message].concat(orphans));
        return;
      }
      fail([error.message]).focus();
    });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
`;

export const PROVINCE_JS = dictionaryScript(PROVINCE_DICT) + `window.TK_STEPS = ${JSON.stringify(CLOSE_STEPS)};\n` + COMMON_JS + PROVINCE_JS_BODY;
export const PROVINCE_JS_VERSION = contentVersion(PROVINCE_JS);

const d = PROVINCE_DICT;

function field(id: string, labelKey: string, control: string, hintKey?: string, extraClass = ''): string {
  const hint = hintKey ? tr(d, hintKey, 'p', `class="hint" id="h-${id}"`) : '';
  return `<div class="field${extraClass ? ' ' + extraClass : ''}">
<label for="${id}">${tr(d, labelKey)}</label>
${hint}
<p class="field-error" id="e-${id}" hidden></p>
${control}
</div>`;
}
const described = (id: string) => `aria-describedby="h-${id}"`;
const textInput = (id: string, name: string, extra = '') => `<input type="text" id="${id}" name="${name}" ${described(id)}${extra ? ' ' + extra : ''}>`;

function openFormMarkup(): string {
  return `<form id="open-form" novalidate>
${tr(d, 'openHelp', 'p', 'class="hint"')}
${field('o-year', 'oYear', '<input type="text" id="o-year" name="year" inputmode="numeric" pattern="[0-9]*" maxlength="4" required aria-required="true">', undefined, 'field-narrow')}
${field('o-deadline', 'oDeadline', `<input type="date" id="o-deadline" name="deadline" ${described('o-deadline')}>`, 'oDeadlineHint', 'field-narrow')}
${field('o-issuer', 'oIssuer', `<textarea id="o-issuer" name="issuer" rows="3" ${described('o-issuer')}></textarea>`, 'oIssuerHint')}
${field(
  'o-issuerKind',
  'oIssuerKind',
  `<select id="o-issuerKind" name="issuerKind"><option value="" data-t="oKindAuto">${escapeHtml(d.oKindAuto![0])}</option><option value="party" data-t="oKindParty">${escapeHtml(d.oKindParty![0])}</option><option value="state" data-t="oKindState">${escapeHtml(d.oKindState![0])}</option></select>`,
)}
${field('o-documentNumber', 'oDocumentNumber', textInput('o-documentNumber', 'documentNumber', 'maxlength="80"'), 'oDocumentNumberHint')}
${field('o-reportDate', 'oReportDate', `<input type="date" id="o-reportDate" name="reportDate" ${described('o-reportDate')}>`, 'oReportDateHint', 'field-narrow')}
${field('o-place', 'oPlace', textInput('o-place', 'place', 'maxlength="120"'), 'oPlaceHint')}
${field('o-specialLabel', 'oSpecialLabel', textInput('o-specialLabel', 'specialLabel', 'maxlength="200"'), 'oSpecialLabelHint')}
<fieldset class="group">
<legend>${tr(d, 'oCommendation')}</legend>
<div class="grid">
${field('o-commendation.quotaPercent', 'oQuota', `<input type="text" id="o-commendation.quotaPercent" name="quotaPercent" inputmode="decimal" placeholder="${DEFAULT_QUOTA_PERCENT}" maxlength="6">`)}
${field('o-commendation.minScore', 'oMinScore', `<input type="text" id="o-commendation.minScore" name="minScore" inputmode="decimal" placeholder="${DEFAULT_MIN_SCORE}" maxlength="6">`)}
</div>
${(['province', 'district', 'commune'] as const)
  .map((level) =>
    field(
      `o-commendation.awards.${level}`,
      `oAward${level[0]!.toUpperCase()}${level.slice(1)}`,
      `<input type="text" id="o-commendation.awards.${level}" name="award-${level}" maxlength="200" placeholder="${escapeHtml(DEFAULT_AWARDS[level])}">`,
    ),
  )
  .join('\n')}
</fieldset>
<button type="submit" class="primary">${tr(d, 'openButton')}</button>
</form>`;
}

const STAT = (id: string, key: string, cls: string) => `<li class="${cls}"><span class="num" id="${id}">0</span><span class="lbl">${tr(d, key)}</span></li>`;

export function renderProvincePage(pagesCssVersion: string): string {
  return pageShell(
    d.docTitle![0],
    `<header class="top">
<div class="wrap bar">
<div>
${tr(d, 'app', 'p', 'class="app"')}
<h1 id="page-title">${d.title![0]}</h1>
</div>
<button type="button" class="link" id="sign-out" hidden>${tr(d, 'signOut')}</button>
</div>
</header>
<main class="wrap" id="main" tabindex="-1">
<noscript><p class="alert alert-error">Trang này cần JavaScript. / This page needs JavaScript.</p></noscript>
<p class="alert alert-info" id="notice" role="status" tabindex="-1" hidden></p>
<div class="alert alert-error" id="alert" role="alert" tabindex="-1" hidden></div>
${signInMarkup(d)}
<div id="dashboard" hidden>
<section class="panel first" aria-labelledby="overview-title">
<div class="section-head">
<h2 id="overview-title">${tr(d, 'overview')} <span class="badge" id="cycle-status"></span></h2>
<button type="button" class="secondary" id="refresh">${tr(d, 'refresh')}</button>
</div>
<p class="muted" id="status-line"></p>
<p class="readonly" id="reopened-line" hidden></p>
<ul class="stats">
${STAT('n-expected', 'sExpected', 's-expected')}
${STAT('n-approved', 'sApproved', 's-approved')}
${STAT('n-pending', 'sPending', 's-pending')}
${STAT('n-returned', 'sReturned', 's-returned')}
${STAT('n-missing', 'sMissing', 's-missing')}
${STAT('n-late', 'sLate', 's-late')}
</ul>
</section>
<section class="panel" id="downloads-box" aria-labelledby="downloads-title">
<h2 id="downloads-title">${tr(d, 'downloadsTitle')}</h2>
<p class="empty" id="no-downloads">${tr(d, 'noDownloads')}</p>
<ul class="downloads" id="downloads"></ul>
</section>
<section class="panel" id="close" aria-labelledby="close-title">
<h2 id="close-title">${tr(d, 'closeTitle')}</h2>
${tr(d, 'closeHelp', 'p', 'class="hint"')}
<p class="alert alert-error" id="failure" role="alert" hidden></p>
<div class="btns"><button type="button" class="primary" id="close-button" hidden></button></div>
<div class="confirm" id="confirm" role="group" aria-labelledby="confirm-text" hidden>
<p id="confirm-text"></p>
<div class="btns"><button type="button" class="danger primary" id="confirm-close">${tr(d, 'confirmButton')}</button><button type="button" class="secondary" id="cancel-close">${tr(d, 'cancel')}</button></div>
</div>
<div id="steps-box" hidden>
<h3 id="steps-title" tabindex="-1">${tr(d, 'stepsTitle')}</h3>
<ol class="stepper" id="steps" aria-live="polite"></ol>
</div>
</section>
<section class="panel" id="completeness" aria-labelledby="completeness-title">
<h2 id="completeness-title">${tr(d, 'completeness')}</h2>
${tr(d, 'completenessCaption', 'p', 'class="hint"')}
<p class="empty" id="no-units" hidden>${tr(d, 'noUnits')}</p>
<div id="completeness-content">
${completenessTableMarkup(d, 'completeness-body', 'completeness-title')}
<h3>${tr(d, 'chartTitle')}</h3>
<ul class="legend" aria-hidden="true">
<li class="k-approved">${tr(d, 'kApproved')}</li><li class="k-pending">${tr(d, 'kPending')}</li><li class="k-returned">${tr(d, 'kReturned')}</li><li class="k-missing">${tr(d, 'kMissing')}</li>
</ul>
<ul class="chart" id="chart"></ul>
</div>
</section>
<section class="panel" id="registry" aria-labelledby="registry-title">
<h2 id="registry-title">${tr(d, 'registryTitle')}</h2>
<p id="registry-now"></p>
${tr(d, 'registryHelp', 'p', 'class="hint"')}
<form id="registry-form" novalidate>
${field('g-units', 'unitsFile', `<input type="file" id="g-units" name="units" accept=".csv,text/csv" ${described('g-units')}>`, 'unitsFileHint')}
${field('g-associations', 'associationsFile', `<input type="file" id="g-associations" name="associations" accept=".csv,text/csv" ${described('g-associations')}>`, 'associationsFileHint')}
<button type="submit" class="primary">${tr(d, 'importButton')}</button>
</form>
<div class="alert" id="registry-result" role="status" tabindex="-1" hidden></div>
</section>
<section class="panel" id="reopen" aria-labelledby="reopen-title" hidden>
<h2 id="reopen-title">${tr(d, 'reopenTitle')}</h2>
${tr(d, 'reopenHelp', 'p', 'class="hint"')}
<form id="reopen-form" novalidate>
${field('p-association', 'rAssociation', textInput('p-association', 'association', 'maxlength="40" autocomplete="off" required aria-required="true"'), 'rAssociationHint', 'field-narrow')}
${field('p-comment', 'rComment', '<textarea id="p-comment" name="comment" rows="3" maxlength="2000" required aria-required="true"></textarea>')}
<button type="submit" class="secondary">${tr(d, 'reopenButton')}</button>
</form>
</section>
</div>
<details class="panel" id="open-box" hidden>
<summary id="open-summary">${tr(d, 'openTitle')}</summary>
${openFormMarkup()}
</details>
</main>`,
    {
      css: [
        { file: 'form.css', version: FORM_ASSET_VERSION.css },
        { file: 'pages.css', version: pagesCssVersion },
      ],
      js: [{ file: 'province.js', version: PROVINCE_JS_VERSION }],
    },
  );
}
