// The reviewer's page (GET /review, SPEC sections 1 and 5): the queue of reports in the
// reviewer's area, filterable by unit and status, one report with every field and its history,
// the decisions (approve with a score and a final rating, return with a comment, reopen an
// approved report), and the area's completeness. Opened as /review?year=…&token=….
import type { CycleView } from '../../shared/app/cycles.ts';
import type { ReportView } from '../../shared/app/reports.ts';
import { REPORT_FIELD_LABELS } from '../../shared/domain/labels.ts';
import { SELF_RATINGS, type Level, type ReportFields } from '../../shared/domain/types.ts';
import { completenessTable, depthOf, type UnitRow } from '../lib/completeness.ts';
import { clearFieldErrors, el, make, message, onReady, setText, show, showFieldErrors } from '../lib/dom.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';
import type { ApiErrorBody } from '../lib/api.ts';
import { review as reviewTexts } from '../lib/i18n.ts';
import { pageContext, translatePage } from '../lib/page.ts';
import { signIn, type SignedIn } from '../lib/signin.ts';
import { forget, setYearInUrl } from '../lib/token.ts';

let signedIn: SignedIn | undefined;
const PREFIX = 'tongket.review';
const PAGE_SIZE = 20;
/** The report's fields in the SPEC's order (section 4), as the domain lists them. */
const FIELD_ORDER = Object.keys(REPORT_FIELD_LABELS) as (keyof ReportFields)[];

interface QueueItem {
  association: string;
  name: string;
  unit: string;
  level: Level;
  version: number;
  status: string | null;
  late: boolean;
  score: number | null;
}
interface QueuePage {
  items: QueueItem[];
  cursor: string | null;
}

const page = pageContext(reviewTexts);
const { t } = page;
const state: {
  year: string | null;
  unit: string | null;
  cycle: CycleView | null;
  cursor: string | null;
  count: number;
  report: ReportView | null;
  busy: boolean;
} = { year: null, unit: null, cycle: null, cursor: null, count: 0, report: null, busy: false };

const notice = (text: string, kind = 'info') => message(el('notice'), text ? [text] : [], kind);
const fail = (lines: readonly (string | Node)[]) => message(el('alert'), lines, 'error');
const statusLabel = (status: string | null) => t(`st_${(status || 'missing') as 'missing'}`);
/** "Cấp phường": the level by the type of the association's own unit, when the registry says it. */
const levelLabel = (level: string, unit: string) => {
  const type = state.cycle?.units?.find((row) => row.code === unit)?.type;
  return type ? t(`ut_${type}`) : t(`lv_${level as Level}`);
};
const ratingLabel = (r: unknown) => ((SELF_RATINGS as readonly unknown[]).includes(r) ? t(`r_${r as 'good'}`) : String(r));

function start(): void {
  translatePage(page);
  el('filters').addEventListener('submit', (e) => {
    e.preventDefault();
    void loadList(true);
  });
  el('more').addEventListener('click', () => void loadList(false));
  el('back').addEventListener('click', backToList);
  el('approve-form').addEventListener('submit', onApprove);
  el('return-form').addEventListener('submit', onReturn);
  el('reopen-form').addEventListener('submit', onReopen);
  signedIn = signIn(page, { prefix: PREFIX, roles: ['reviewer', 'province'], fail, currentYear: () => state.year ?? null, onSignedIn: (credentials, payload) => {
    state.year = credentials.year;
    state.unit = typeof payload.unit === 'string' ? payload.unit : null;
    setYearInUrl(credentials.year);
    setText(el('page-title'), t('titleYear', { year: credentials.year }));
    document.title = `${t('titleYear', { year: credentials.year })} — Tổng kết`;
    void loadCycle().then((ok) => {
      if (ok) void loadList(true);
    });
  } });
}

const cyclePath = () => `cycles/${encodeURIComponent(state.year ?? '')}`;
const reportPath = (code: string) => `${cyclePath()}/reports/${encodeURIComponent(code)}`;

// ---- the cycle and the area ----
async function loadCycle(): Promise<boolean> {
  const result = await page.api.request<CycleView>('GET', cyclePath());
  if (result.status === 200 && result.data) {
    state.cycle = result.data;
    renderCycle();
    return true;
  }
  if (result.status === 401) {
    signedIn?.askAgain(state.year ?? null);
    return false;
  }
  fail([result.status === 404 ? t('noCycle', { year: state.year ?? '' }) : page.errorOf(result).message]);
  return false;
}

/** The reviewer's unit row and its subtree: the rows after it whose parent is in the area (rows come depth first). */
function areaRows(rows: readonly UnitRow[]): UnitRow[] {
  const i = rows.findIndex((row) => row.code === state.unit);
  if (i < 0) return [];
  const top = rows[i]!;
  const out = [top];
  const inArea = new Set([top.code]);
  for (const row of rows.slice(i + 1)) {
    if (!row.parentCode || !inArea.has(row.parentCode)) break;
    inArea.add(row.code);
    out.push(row);
  }
  return out;
}

function renderCycle(): void {
  const cycle = state.cycle!;
  const rows = areaRows(cycle.units ?? []);
  const top = rows[0];
  setText(el('area'), t('area', { unit: top ? top.name : (state.unit ?? '') }));
  show(el('area'), true);
  setText(el('cycle-state'), t('cycleState', { status: t(`cy_${cycle.status}`), deadline: formatDate(cycle.config?.deadline) }));
  show(el('cycle-state'), true);
  show(el('closed-note'), cycle.status !== 'open');
  completenessTable(el('completeness-body'), rows, top ? top.level : 'province', page.count);
  show(el('completeness'), rows.length > 0);
  const select = el<HTMLSelectElement>('filter-unit');
  const keep = select.value;
  select.textContent = '';
  for (const row of rows) {
    const depth = Math.max(0, depthOf(row.level) - depthOf(top!.level));
    const option = make('option', null, '\u00a0\u00a0\u00a0\u00a0'.repeat(depth) + row.name);
    option.value = row.code;
    select.appendChild(option);
  }
  if (!rows.length && state.unit) {
    const own = make('option', null, state.unit);
    own.value = state.unit;
    select.appendChild(own);
  }
  if (keep) select.value = keep;
  if (!select.value && state.unit) select.value = state.unit;
  show(el('queue'), true);
}

function unitName(code: string): string {
  return state.cycle?.units?.find((row) => row.code === code)?.name ?? code;
}

// ---- the queue ----
async function loadList(reset: boolean): Promise<void> {
  if (reset) {
    state.cursor = null;
    state.count = 0;
  }
  const params = new URLSearchParams();
  params.set('unit', el<HTMLSelectElement>('filter-unit').value || (state.unit ?? ''));
  const status = el<HTMLSelectElement>('filter-status').value;
  if (status) params.set('status', status);
  params.set('limit', String(PAGE_SIZE));
  if (!reset && state.cursor) params.set('cursor', state.cursor);
  const list = el('queue-list');
  const more = el<HTMLButtonElement>('more');
  list.setAttribute('aria-busy', 'true');
  more.disabled = true;
  const result = await page.api.request<QueuePage>('GET', `${cyclePath()}/reports?${params.toString()}`);
  list.setAttribute('aria-busy', 'false');
  more.disabled = false;
  if (result.status !== 200 || !result.data) {
    fail([page.errorOf(result).message]);
    return;
  }
  fail([]);
  if (reset) list.textContent = '';
  let firstNew: HTMLElement | null = null;
  for (const item of result.data.items ?? []) {
    const li = renderItem(item);
    firstNew ??= li;
    list.appendChild(li);
    state.count++;
  }
  state.cursor = result.data.cursor ?? null;
  show(more, !!state.cursor);
  show(el('queue-empty'), state.count === 0);
  setText(el('queue-count'), state.count ? t('shown', { n: state.count }) : '');
  if (!reset && firstNew) firstNew.querySelector('button')?.focus();
}

function renderItem(item: QueueItem): HTMLElement {
  const li = make('li');
  const info = make('div', 'info');
  info.appendChild(make('span', 'name', item.name));
  const meta = [unitName(item.unit), levelLabel(item.level, item.unit)];
  if (item.version > 0) meta.push(t('version', { n: item.version }));
  if (item.score != null) meta.push(t('score', { n: item.score }));
  info.appendChild(make('span', 'meta', meta.join(' · ')));
  const badges = make('span');
  badges.appendChild(make('span', `badge badge-${item.status}`, statusLabel(item.status)));
  if (item.late) badges.appendChild(make('span', 'badge badge-late', t('late')));
  info.appendChild(badges);
  li.appendChild(info);
  const button = make('button', 'secondary', t('open'));
  button.type = 'button';
  button.setAttribute('aria-label', t('openNamed', { name: item.name }));
  button.addEventListener('click', () => void openReport(item.association));
  li.appendChild(button);
  return li;
}

// ---- one report ----
async function openReport(code: string): Promise<void> {
  notice('');
  fail([]);
  const result = await page.api.request<ReportView>('GET', reportPath(code));
  if (result.status !== 200 || !result.data) {
    fail([page.errorOf(result).message]);
    return;
  }
  state.report = result.data;
  renderReport();
  show(el('list-view'), false);
  show(el('report-view'), true);
  window.scrollTo(0, 0);
  el('report-name').focus();
}

function backToList(): void {
  show(el('report-view'), false);
  show(el('list-view'), true);
  notice('');
  fail([]);
  void loadCycle();
  void loadList(true).then(() => el('queue-title').focus());
}

function actor(by: unknown): string {
  const s = String(by ?? '');
  const i = s.indexOf(':');
  const role = i < 0 ? s : s.slice(0, i);
  const who = i < 0 ? '' : s.slice(i + 1);
  if (role === 'association') return t('byAssociation');
  if (role === 'reviewer') return t('byReviewer', { unit: unitName(who) });
  if (role === 'province') return t('byProvince');
  return s;
}

function fieldValue(name: keyof ReportFields, value: unknown): string {
  if (value == null || value === '') return t('empty');
  if (name === 'selfRating') return ratingLabel(value);
  if (name === 'nominate') return value ? t('yes') : t('no');
  if (typeof value === 'number') return page.count(value);
  return String(value);
}

function renderReport(): void {
  const r = state.report!;
  setText(el('report-name'), r.name);
  const facts = el('report-facts');
  facts.textContent = '';
  const fact = (label: string, value: string | Node) => {
    facts.appendChild(make('dt', null, label));
    const dd = make('dd');
    if (typeof value === 'string') setText(dd, value);
    else dd.appendChild(value);
    facts.appendChild(dd);
  };
  fact(t('fCode'), r.association);
  fact(t('fUnit'), unitName(r.unit));
  fact(t('fLevel'), levelLabel(r.level, r.unit));
  const badges = make('span');
  badges.appendChild(make('span', `badge badge-${r.status || 'missing'}`, statusLabel(r.status)));
  if (r.late) badges.appendChild(make('span', 'badge badge-late', t('late')));
  fact(t('fStatus'), badges);
  fact(t('fVersion'), r.version > 0 ? String(r.version) : t('noVersion'));
  if (r.status === 'approved') fact(t('fResult'), t('resultText', { score: String(r.score), rating: ratingLabel(r.rating) }));
  if (r.comment) fact(t('fComment'), r.comment);

  const fields = el('report-fields');
  fields.textContent = '';
  show(el('no-content'), !r.report);
  if (r.report) {
    for (const name of FIELD_ORDER) {
      fields.appendChild(make('dt', null, t(`f_${name}`)));
      const dd = make('dd', null, fieldValue(name, r.report[name]));
      dd.id = `v-${name}`;
      fields.appendChild(dd);
    }
  }

  const list = el('history-list');
  list.textContent = '';
  for (const h of [...(r.history ?? [])].reverse()) {
    const li = make('li');
    const head = make('div');
    head.appendChild(make('span', 'what', `${t('version', { n: h.version })} · ${t(`ac_${h.action as 'submitted'}`)}`));
    head.appendChild(make('span', 'when', `${formatDateTime(h.at)} · ${actor(h.by)}`));
    li.appendChild(head);
    if (h.comment) li.appendChild(make('p', 'note', t('commentPrefix', { text: h.comment })));
    list.appendChild(li);
  }
  show(el('history'), (r.history ?? []).length > 0);

  const open = r.cycle ? r.cycle.status === 'open' : state.cycle?.status === 'open';
  const canDecide = open && r.status === 'submitted';
  const canReopen = open && r.status === 'approved';
  setText(el('decide-title'), t('decide', { n: r.version }));
  show(el('approve-form'), canDecide);
  show(el('return-form'), canDecide);
  show(el('reopen-form'), canReopen);
  show(el('nothing'), !canDecide && !canReopen);
  setText(el('nothing'), !open && r.version > 0 ? t('cycleNotOpen') : t('nothingToDecide'));
  for (const id of ['approve-form', 'return-form', 'reopen-form']) {
    el<HTMLFormElement>(id).reset();
    clearFieldErrors(el(id));
  }
  if (r.report?.selfRating) el<HTMLSelectElement>('a-rating').value = r.report.selfRating;
}

// ---- decisions ----
async function decide(form: HTMLFormElement, prefix: string, body: Record<string, unknown>, done: (name: string) => string): Promise<void> {
  if (state.busy || !state.report) return;
  clearFieldErrors(form);
  fail([]);
  notice('');
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  const label = button.textContent ?? '';
  state.busy = true;
  button.disabled = true;
  setText(button, t('busy'));
  const result = await page.api.request<ReportView>('POST', `${reportPath(state.report.association)}/review`, body);
  state.busy = false;
  button.disabled = false;
  setText(button, label);
  if (result.status === 200 && result.data) {
    const name = state.report.name;
    state.report = result.data;
    renderReport();
    void loadCycle();
    notice(done(name), 'ok').focus();
    return;
  }
  const error = page.errorOf(result);
  if (result.status === 409) {
    staleOrConflict(error);
    return;
  }
  if (result.status === 422 && error.fields) {
    const orphans = showFieldErrors(form, prefix, error.fields);
    if (orphans.length) fail([error.message, ...orphans]).focus();
    return;
  }
  if (result.status === 401) forget(PREFIX);
  fail([error.message]).focus();
}

function staleOrConflict(error: ApiErrorBody): void {
  const reload = make('button', 'secondary', t('reload'));
  reload.type = 'button';
  reload.id = 'reload';
  reload.addEventListener('click', () => void openReport(state.report!.association));
  const lines = error.fields?.version ? [t('stale'), error.message] : [error.message];
  fail([...lines, reload]);
  el('alert').focus();
}

function score(prefix: string): number | null {
  const raw = el<HTMLInputElement>(`${prefix}score`).value.trim();
  if (!/^\d{1,3}$/.test(raw) || Number(raw) > 100) return null;
  return Number(raw);
}

function onApprove(event: Event): void {
  event.preventDefault();
  const form = el<HTMLFormElement>('approve-form');
  const s = score('a-');
  if (s === null) {
    showFieldErrors(form, 'a-', { score: t('needScore') });
    return;
  }
  const n = state.report!.version;
  const body: Record<string, unknown> = { decision: 'approve', version: n, score: s };
  const rating = el<HTMLSelectElement>('a-rating').value;
  if (rating) body.rating = rating;
  const comment = el<HTMLTextAreaElement>('a-comment').value.trim();
  if (comment) body.comment = comment;
  void decide(form, 'a-', body, (name) => t('approved', { name, n }));
}

function onReturn(event: Event): void {
  event.preventDefault();
  const form = el<HTMLFormElement>('return-form');
  const comment = el<HTMLTextAreaElement>('r-comment').value.trim();
  if (!comment) {
    showFieldErrors(form, 'r-', { comment: t('needComment') });
    return;
  }
  void decide(form, 'r-', { decision: 'return', version: state.report!.version, comment }, (name) => t('returned', { name }));
}

function onReopen(event: Event): void {
  event.preventDefault();
  const form = el<HTMLFormElement>('reopen-form');
  const comment = el<HTMLTextAreaElement>('o-comment').value.trim();
  if (!comment) {
    showFieldErrors(form, 'o-', { comment: t('needComment') });
    return;
  }
  void decide(form, 'o-', { decision: 'reopen', version: state.report!.version, comment }, (name) => t('reopened', { name }));
}

onReady(start);
