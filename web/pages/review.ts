// The reviewer's page (GET /review, SPEC sections 1 and 5): every report of the reviewer's area
// (loaded once through the paginated API), searched, filtered, sorted and paged in the page;
// several reports approved at once with one score (each its own versioned decision); one report
// read with its long texts full width, its earlier versions, and what changed since the version
// that was returned; the decisions (approve with a score and a final rating, return with a
// comment, reopen an approved report); and the area's completeness. Opened as
// /review?year=…&token=…; every list and report state has its own URL (never with the token).
import type { CycleView } from '../../shared/app/cycles.ts';
import type { ReportView } from '../../shared/app/reports.ts';
import { REPORT_FIELD_LABELS } from '../../shared/domain/labels.ts';
import { SELF_RATINGS, type Level, type ReportFields } from '../../shared/domain/types.ts';
import { completenessTable, depthOf, type UnitRow } from '../lib/completeness.ts';
import { clearFieldErrors, el, make, message, onReady, setText, show, showFieldErrors } from '../lib/dom.ts';
import { download, sayingIn } from '../lib/downloads.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';
import type { ApiErrorBody } from '../lib/api.ts';
import { review as reviewTexts } from '../lib/i18n.ts';
import { pageContext, restoreTyped, translatePage } from '../lib/page.ts';
import { applyView, DEFAULT_VIEW, listPart, pageOf, parseView, subtreeOf, viewQuery, type QueueItem, type ViewState } from '../lib/review-list.ts';
import { signIn, type SignedIn } from '../lib/signin.ts';
import { forget } from '../lib/token.ts';
import { diffWords, textChanged } from '../lib/word-diff.ts';

let signedIn: SignedIn | undefined;
const PREFIX = 'tongket.review';
/** The API's largest page: the whole area comes in as few requests as it can. */
const LOAD_PAGE = 200;
/** The report's fields in the SPEC's order (section 4), as the domain lists them. */
const FIELD_ORDER = Object.keys(REPORT_FIELD_LABELS) as (keyof ReportFields)[];
/** The free texts: full-width blocks below the short facts. */
const LONG_FIELDS: ReadonlySet<keyof ReportFields> = new Set(['achievements', 'limitations', 'proposals']);

/** GET …/reports/{a}: the view; with ?version=n, `report` is that version's and shownVersion says so. */
type ReportAnswer = ReportView;
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
  /** every report of the area, once loaded */
  items: QueueItem[] | null;
  loading: Promise<boolean> | null;
  view: ViewState;
  /** the report's current version */
  report: ReportAnswer | null;
  /** the version being read when it is an earlier one */
  older: ReportAnswer | null;
  /** the version that was returned, to mark what changed since */
  returned: { version: number; report: ReportFields } | null;
  /** association codes ticked for approval together */
  selected: Set<string>;
  busy: boolean;
} = { year: null, unit: null, cycle: null, items: null, loading: null, view: { ...DEFAULT_VIEW }, report: null, older: null, returned: null, selected: new Set(), busy: false };

const notice = (text: string, kind = 'info') => message(el('notice'), text ? [text] : [], kind);
const fail = (lines: readonly (string | Node)[]) => message(el('alert'), lines, 'error');
const statusLabel = (status: string | null) => t(`st_${(status || 'missing') as 'missing'}`);
/** "Cấp phường": the level by the type of the association's own unit, when the registry says it. */
const levelLabel = (level: string, unit: string) => {
  const type = state.cycle?.units?.find((row) => row.code === unit)?.type;
  return type ? t(`ut_${type}`) : t(`lv_${level as Level}`);
};
const ratingLabel = (r: unknown) => ((SELF_RATINGS as readonly unknown[]).includes(r) ? t(`r_${r as 'good'}`) : String(r));
const cycleOpen = () => state.cycle?.status === 'open';

function start(): void {
  translatePage(page, { keepTyped: true });
  try {
    history.scrollRestoration = 'manual';
  } catch {
    /* older browsers */
  }
  const filters = el<HTMLFormElement>('filters');
  filters.addEventListener('submit', (e) => e.preventDefault());
  el('filter-q').addEventListener('input', onFilter);
  for (const id of ['filter-unit', 'filter-status', 'sort', 'page-size', 'filter-late']) el(id).addEventListener('change', onFilter);
  el('prev').addEventListener('click', () => goToPage(state.view.page - 1));
  el('next').addEventListener('click', () => goToPage(state.view.page + 1));
  for (const id of ['workbook-download', 'report-pdf', 'report-docx']) el(id).addEventListener('click', downloadFile);
  el('refresh').addEventListener('click', () => {
    notice('');
    void loadCycle();
    void loadList(false);
  });
  el('select-all').addEventListener('change', onSelectAll);
  el('bulk-form').addEventListener('submit', onBulkAsk);
  el('bulk-yes').addEventListener('click', () => void onBulkApprove());
  el('bulk-no').addEventListener('click', () => {
    show(el('bulk-confirm'), false);
    el('bulk-button').focus();
  });
  el('back').addEventListener('click', backToList);
  el('copy-link').addEventListener('click', () => void copyLink());
  el('current-version').addEventListener('click', () => void readVersion(null));
  el('show-changes').addEventListener('change', () => {
    state.view.changes = el<HTMLInputElement>('show-changes').checked;
    writeUrl('replace');
    renderReport();
  });
  el('approve-form').addEventListener('submit', onApprove);
  el('return-form').addEventListener('submit', onReturn);
  el('reopen-form').addEventListener('submit', onReopen);
  window.addEventListener('popstate', onPopState);
  signedIn = signIn(page, { prefix: PREFIX, roles: ['reviewer', 'province'], fail, currentYear: () => state.year ?? null, onSignedIn: (credentials, payload) => {
    state.year = credentials.year;
    state.unit = typeof payload.unit === 'string' ? payload.unit : null;
    state.view = parseView(location.search);
    writeUrl('replace');
    setText(el('page-title'), t('titleYear', { year: credentials.year }));
    void loadCycle().then((ok) => {
      if (ok) void route(true);
    });
  } });
}

const cyclePath = () => `cycles/${encodeURIComponent(state.year ?? '')}`;
const reportPath = (code: string) => `${cyclePath()}/reports/${encodeURIComponent(code)}`;

// ---- the URL ----
/** The page's URL for a view: its path and the view's query, never the token. */
const urlOf = (view: ViewState) => `${location.pathname}${viewQuery(state.year ?? '', view)}`;

interface EntryState {
  /** this report entry was pushed from the list: Back returns to it */
  fromList?: boolean;
  /** the list's scroll position when a report was opened from it */
  scroll?: number;
}

function writeUrl(how: 'push' | 'replace', entry: EntryState = {}): void {
  try {
    if (how === 'push') history.pushState(entry, '', urlOf(state.view));
    else history.replaceState({ ...((history.state as EntryState | null) ?? {}), ...entry }, '', urlOf(state.view));
  } catch {
    /* a sandboxed frame: the page works without its URL */
  }
}

function onPopState(): void {
  if (!state.year) return;
  const before = state.view;
  state.view = parseView(location.search);
  if (state.view.report) {
    void showReport(state.view.report, state.view.version, before.report !== state.view.report);
    return;
  }
  showList({ focusCode: before.report, scroll: (history.state as EntryState | null)?.scroll, refresh: !!before.report });
}

async function route(focus: boolean): Promise<void> {
  if (state.view.report) {
    await showReport(state.view.report, state.view.version, focus);
    // Behind the report, so that Back shows the list at once.
    void loadList(true);
    return;
  }
  showList({});
}

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
  if (i < 0) return state.unit ? [] : rows.slice();
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

/** The area's top row: the reviewer's unit, or the province's root. */
function topRow(): UnitRow | undefined {
  const units = state.cycle?.units ?? [];
  return units.find((row) => row.code === state.unit) ?? units.find((row) => row.parentCode === null);
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
  renderFiles(cycle);
  const select = el<HTMLSelectElement>('filter-unit');
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
  setControls();
  show(el('queue'), true);
}

// ---- the office's files (SPEC section 11): the area's workbook, the published report ----
const saying = sayingIn(notice, fail, (name) => t('downloaded', { name }));

function renderFiles(cycle: CycleView): void {
  const workbook = cycle.status === 'open' || cycle.status === 'published';
  const revision = cycle.status === 'published' ? cycle.revision : 0;
  show(el('workbook-line'), workbook);
  show(el('report-files'), revision > 0);
  setText(el('report-files-line'), revision > 0 ? t('reportFilesLine', { year: cycle.year, n: revision }) : '');
  show(el('files'), workbook || revision > 0);
}

function downloadFile(event: Event): void {
  const cycle = state.cycle;
  if (!cycle) return;
  const button = event.currentTarget as HTMLButtonElement;
  const files: Record<string, [string, string]> = {
    'workbook-download': [`${cyclePath()}/export.xlsx?link=1`, `tong-hop-${cycle.year}.xlsx`],
    'report-pdf': [`${cyclePath()}/report.pdf?link=1&revision=${cycle.revision}`, `bao-cao-${cycle.year}-r${cycle.revision}.pdf`],
    'report-docx': [`${cyclePath()}/report.docx?link=1&revision=${cycle.revision}`, `bao-cao-${cycle.year}-r${cycle.revision}.docx`],
  };
  const [path, name] = files[button.id]!;
  void download(page.api, button, path, name, saying);
}

function unitName(code: string): string {
  return state.cycle?.units?.find((row) => row.code === code)?.name ?? code;
}

// ---- the list: loaded once, then searched, filtered, sorted and paged here ----
/**
 * Every report of the area, through the paginated API (200 a request, following the cursor),
 * with a progress bar unless `quiet` (a refresh behind a list already shown).
 */
function loadList(quiet: boolean): Promise<boolean> {
  if (state.loading) return state.loading;
  const run = async (): Promise<boolean> => {
    const total = topRow()?.expected ?? 0;
    const bar = el<HTMLProgressElement>('list-progress');
    const progress = (n: number) => {
      if (total > 0) {
        bar.max = total;
        bar.value = Math.min(n, total);
      } else bar.removeAttribute('value');
      setText(el('list-progress-label'), n > 0 ? t('loadingProgress', { n: page.count(n), total: page.count(Math.max(total, n)) }) : t('loadingList'));
    };
    const list = el('queue-list');
    if (!quiet) {
      progress(0);
      show(el('list-loading'), true);
    }
    list.setAttribute('aria-busy', 'true');
    const items: QueueItem[] = [];
    let cursor: string | null = null;
    try {
      do {
        const params = new URLSearchParams({ limit: String(LOAD_PAGE) });
        if (cursor) params.set('cursor', cursor);
        const result = await page.api.request<QueuePage>('GET', `${cyclePath()}/reports?${params.toString()}`);
        if (result.status === 401) {
          signedIn?.askAgain(state.year ?? null);
          return false;
        }
        if (result.status !== 200 || !result.data) {
          fail([page.errorOf(result).message]);
          return false;
        }
        items.push(...(result.data.items ?? []));
        cursor = result.data.cursor ?? null;
        if (!quiet) progress(items.length);
      } while (cursor);
    } finally {
      list.setAttribute('aria-busy', 'false');
      show(el('list-loading'), false);
    }
    state.items = items;
    if (!state.view.report) renderList();
    return true;
  };
  state.loading = run().finally(() => {
    state.loading = null;
  });
  return state.loading;
}

/** Shows the list (loading it the first time, refreshing it quietly after), at the view's filters. */
function showList(options: { focusCode?: string | null; scroll?: number; focusTitle?: boolean; refresh?: boolean }): void {
  state.report = null;
  state.older = null;
  state.returned = null;
  show(el('report-view'), false);
  show(el('list-view'), true);
  document.title = `${t('titleYear', { year: state.year ?? '' })} — Tổng kết`;
  setControls();
  if (!state.items) {
    void loadList(false);
    return;
  }
  renderList();
  if (options.refresh) {
    // Decisions taken meanwhile, here or elsewhere: the list and the counts as they are now.
    void loadList(true);
    void loadCycle();
  }
  if (options.scroll !== undefined) window.scrollTo(0, options.scroll);
  const row = options.focusCode ? el('queue-list').querySelector<HTMLElement>(`li[data-code="${options.focusCode}"] a.name`) : null;
  if (row) row.focus({ preventScroll: options.scroll !== undefined });
  else if (options.focusTitle || options.focusCode) el('queue-title').focus();
}

/** The filter controls as the view says. */
function setControls(): void {
  const v = state.view;
  const q = el<HTMLInputElement>('filter-q');
  if (q.value !== v.q) q.value = v.q;
  const unit = el<HTMLSelectElement>('filter-unit');
  unit.value = v.unit || (unit.options[0]?.value ?? '');
  if (unit.selectedIndex < 0 && unit.options.length) unit.selectedIndex = 0;
  el<HTMLSelectElement>('filter-status').value = v.status;
  el<HTMLSelectElement>('sort').value = v.sort;
  el<HTMLSelectElement>('page-size').value = v.size;
  el<HTMLInputElement>('filter-late').checked = v.late;
}

/** A filter changed: the list shows it at once, from its first page, and the URL says it. */
function onFilter(): void {
  const unitSelect = el<HTMLSelectElement>('filter-unit');
  const top = unitSelect.options[0]?.value ?? '';
  state.view = {
    ...state.view,
    // The select offers only the view's values (the markup's options).
    q: el<HTMLInputElement>('filter-q').value.slice(0, 200),
    unit: unitSelect.value === top ? '' : unitSelect.value,
    status: el<HTMLSelectElement>('filter-status').value as ViewState['status'],
    sort: el<HTMLSelectElement>('sort').value as ViewState['sort'],
    size: el<HTMLSelectElement>('page-size').value as ViewState['size'],
    late: el<HTMLInputElement>('filter-late').checked,
    page: 1,
  };
  writeUrl('replace');
  if (state.items) renderList();
}

function goToPage(n: number): void {
  state.view = { ...state.view, page: Math.max(1, n) };
  writeUrl('push');
  renderList();
  el('queue').scrollIntoView({ block: 'start' });
  el('queue-title').focus({ preventScroll: true });
}

let inArea: { unit: string; codes: Set<string> } | null = null;
/** Whether a unit is the view's unit or below it. */
function unitFilter(): (unit: string) => boolean {
  const unit = state.view.unit;
  if (!unit) return () => true;
  if (!inArea || inArea.unit !== unit) inArea = { unit, codes: subtreeOf(state.cycle?.units ?? [], unit) };
  const codes = inArea.codes;
  return (code) => codes.has(code);
}

/** The reports the view shows (all pages) and the page of them on screen. */
function shownItems() {
  const filtered = applyView(state.items ?? [], state.view, unitFilter());
  return { filtered, paged: pageOf(filtered, state.view.size, state.view.page) };
}

const selectable = (item: QueueItem) => cycleOpen() && item.status === 'submitted';

function renderList(): void {
  if (!state.items) return;
  const { filtered, paged } = shownItems();
  if (paged.page !== state.view.page) {
    state.view = { ...state.view, page: paged.page };
    writeUrl('replace');
  }
  // Only what the reviewer can still see stays selected, at the version the list shows.
  const visible = new Set(filtered.filter(selectable).map((item) => item.association));
  for (const code of [...state.selected]) if (!visible.has(code)) state.selected.delete(code);

  const missing = filtered.filter((item) => item.status === 'missing').length;
  let count = t('countLine', { n: page.count(filtered.length), missing: page.count(missing) });
  if (paged.pages > 1) count += ` · ${t('countShown', { from: page.count(paged.from), to: page.count(paged.to) })}`;
  setText(el('queue-count'), count);

  const list = el('queue-list');
  const focused = document.activeElement instanceof HTMLElement && list.contains(document.activeElement) ? document.activeElement : null;
  const focusKey = focused ? `${focused.closest('li')?.dataset.code ?? ''} ${focused.tagName}` : null;
  list.textContent = '';
  const withPicks = paged.items.some(selectable);
  list.classList.toggle('with-picks', withPicks);
  for (const item of paged.items) list.appendChild(renderItem(item, withPicks));
  if (focusKey) {
    const [code, tag] = focusKey.split(' ');
    list.querySelector<HTMLElement>(`li[data-code="${code}"] ${tag === 'INPUT' ? 'input' : 'a.name'}`)?.focus({ preventScroll: true });
  }
  show(el('queue-empty'), filtered.length === 0);

  show(el('pager'), paged.pages > 1);
  setText(el('page-info'), t('pageInfo', { page: paged.page, pages: paged.pages }));
  el<HTMLButtonElement>('prev').disabled = paged.page <= 1;
  el<HTMLButtonElement>('next').disabled = paged.page >= paged.pages;
  renderBulk(paged.items);
}

function renderItem(item: QueueItem, withPicks: boolean): HTMLElement {
  const li = make('li');
  li.dataset.code = item.association;
  if (withPicks) {
    const pick = make('div', 'check pick');
    if (selectable(item)) {
      const box = make('input');
      box.type = 'checkbox';
      box.id = `pick-${item.association}`;
      box.checked = state.selected.has(item.association);
      box.setAttribute('aria-label', t('selectNamed', { name: item.name }));
      box.addEventListener('change', () => {
        if (box.checked) state.selected.add(item.association);
        else state.selected.delete(item.association);
        renderBulk(shownItems().paged.items);
      });
      pick.appendChild(box);
    }
    li.appendChild(pick);
  }
  const info = make('div', 'info');
  const link = make('a', 'name', item.name);
  link.href = urlOf({ ...listPart(state.view), report: item.association });
  link.addEventListener('click', (event) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    openFromList(item.association);
  });
  info.appendChild(link);
  info.appendChild(document.createTextNode(' '));
  const badges = make('span', 'badges');
  badges.appendChild(make('span', `badge badge-${item.status}`, statusLabel(item.status)));
  if (item.late) badges.appendChild(make('span', 'badge badge-late', t('late')));
  info.appendChild(badges);
  const meta = [unitName(item.unit), levelLabel(item.level, item.unit)];
  if (item.version > 0) meta.push(t('version', { n: item.version }));
  if (item.submittedAt) meta.push(t('submittedAt', { at: formatDateTime(item.submittedAt) }));
  if (item.score != null) meta.push(item.rating ? `${t('score', { n: item.score })} · ${ratingLabel(item.rating)}` : t('score', { n: item.score }));
  info.appendChild(make('span', 'meta', meta.join(' · ')));
  const contact = contactLine(item);
  if (contact) info.appendChild(contact);
  li.appendChild(info);
  return li;
}

/** "Liên hệ: Lò Thị Mai · 0912 345 678 · hoi@…": the registry's contact, when it has one (`labelled`: with "Liên hệ:"). */
function contactLine(item: Pick<QueueItem, 'contact' | 'phone' | 'email'>, labelled = true): HTMLElement | null {
  const parts: Node[] = [];
  if (item.contact) parts.push(document.createTextNode(item.contact));
  if (item.phone) {
    const a = make('a', null, item.phone);
    a.href = `tel:${item.phone.replace(/[^0-9+]/g, '')}`;
    parts.push(a);
  }
  if (item.email) {
    const a = make('a', null, item.email);
    a.href = `mailto:${item.email}`;
    parts.push(a);
  }
  if (!parts.length) return null;
  const line = make('span', 'reach');
  const [before] = t('contactLine', { text: '\u0000' }).split('\u0000');
  if (labelled && before) line.appendChild(document.createTextNode(before));
  parts.forEach((part, i) => {
    if (i) line.appendChild(document.createTextNode(' · '));
    line.appendChild(part);
  });
  return line;
}

function openFromList(code: string): void {
  writeUrl('replace', { scroll: window.scrollY });
  state.view = { ...listPart(state.view), report: code };
  writeUrl('push', { fromList: true });
  notice('');
  void showReport(code, null, true);
}

// ---- approving several at once ----
function renderBulk(pageItems: readonly QueueItem[]): void {
  const candidates = pageItems.filter(selectable);
  const bulk = el('bulk');
  show(bulk, candidates.length > 0 || state.selected.size > 0 || !el('bulk-results').hidden);
  const all = el<HTMLInputElement>('select-all');
  const ticked = candidates.filter((item) => state.selected.has(item.association)).length;
  show(all.closest('.check') as HTMLElement, candidates.length > 0);
  all.checked = candidates.length > 0 && ticked === candidates.length;
  all.indeterminate = ticked > 0 && ticked < candidates.length;
  setText(el('select-all-label'), t('selectAll', { n: page.count(candidates.length) }));
  const n = state.selected.size;
  show(el('bulk-form'), n > 0);
  if (n === 0) show(el('bulk-confirm'), false);
  setText(el('bulk-selected'), t('bulkSelected', { n: page.count(n) }));
  setText(el('bulk-button'), t('bulkButton', { n: page.count(n) }));
}

function onSelectAll(): void {
  const all = el<HTMLInputElement>('select-all');
  for (const item of shownItems().paged.items.filter(selectable)) {
    if (all.checked) state.selected.add(item.association);
    else state.selected.delete(item.association);
  }
  for (const box of el('queue-list').querySelectorAll<HTMLInputElement>('.pick input')) box.checked = all.checked;
  renderBulk(shownItems().paged.items);
}

function bulkScore(): number | null {
  return score('b-');
}

function onBulkAsk(event: Event): void {
  event.preventDefault();
  const form = el<HTMLFormElement>('bulk-form');
  clearFieldErrors(form);
  const s = bulkScore();
  if (s === null) {
    showFieldErrors(form, 'b-', { score: t('needScore') });
    return;
  }
  const n = state.selected.size;
  const rating = el<HTMLSelectElement>('b-rating').value;
  setText(el('bulk-confirm-text'), t('bulkConfirm', { n: page.count(n), score: s, rating: rating ? ratingLabel(rating) : t('bulkOwnRating') }));
  setText(el('bulk-yes'), t('bulkYes', { n: page.count(n) }));
  show(el('bulk-confirm'), true);
  el('bulk-confirm-text').focus();
}

async function onBulkApprove(): Promise<void> {
  if (state.busy) return;
  const s = bulkScore();
  if (s === null) return;
  const rating = el<HTMLSelectElement>('b-rating').value;
  // In the list's order, each at the version the list shows.
  const { filtered } = shownItems();
  const chosen = filtered.filter((item) => state.selected.has(item.association));
  if (!chosen.length) return;
  state.busy = true;
  show(el('bulk-confirm'), false);
  for (const id of ['bulk-yes', 'bulk-button']) el<HTMLButtonElement>(id).disabled = true;
  const progress = el('bulk-progress');
  show(progress, true);
  const results = el('bulk-results-list');
  results.textContent = '';
  show(el('bulk-results'), false);
  let ok = 0;
  let stop = false;
  for (const [i, item] of chosen.entries()) {
    setText(progress, t('bulkProgress', { done: i + 1, n: chosen.length }));
    const body: Record<string, unknown> = { decision: 'approve', version: item.version, score: s };
    if (rating) body.rating = rating;
    const result = await page.api.request<ReportView>('POST', `${reportPath(item.association)}/review`, body);
    const li = make('li');
    if (result.status === 200 && result.data) {
      ok++;
      li.className = 'ok';
      setText(li, t('bulkOk', { name: item.name, n: item.version }));
      patchItem(result.data);
    } else {
      li.className = 'failed';
      const error = page.errorOf(result);
      const reason = result.status === 409 && error.fields?.version ? t('bulkStale') : error.message;
      setText(li, t('bulkFailed', { name: item.name, reason }));
      if (result.status === 401) stop = true;
    }
    state.selected.delete(item.association);
    results.appendChild(li);
    if (stop) break;
  }
  state.busy = false;
  for (const id of ['bulk-yes', 'bulk-button']) el<HTMLButtonElement>(id).disabled = false;
  show(progress, false);
  setText(el('bulk-results-title'), t('bulkDone', { ok, n: chosen.length }));
  show(el('bulk-results'), true);
  el<HTMLFormElement>('bulk-form').reset();
  if (stop) {
    signedIn?.askAgain(state.year ?? null);
    return;
  }
  renderList();
  el('bulk-results').focus();
  void loadCycle();
  await loadList(true);
}

/** The list's row of a report after a decision on it. */
function patchItem(view: ReportView): void {
  const item = state.items?.find((row) => row.association === view.association);
  if (!item) return;
  Object.assign(item, { status: view.status ?? 'missing', version: view.version, late: view.late, score: view.score, rating: view.rating });
}

// ---- one report ----
/** Fetches the report (and the version asked for, and the returned version to compare with) and shows it. */
async function showReport(code: string, version: number | null, focus: boolean): Promise<void> {
  fail([]);
  const result = await page.api.request<ReportAnswer>('GET', reportPath(code));
  if (result.status === 401) {
    signedIn?.askAgain(state.year ?? null);
    return;
  }
  if (result.status !== 200 || !result.data) {
    fail([page.errorOf(result).message]);
    if (!state.report) {
      state.view = listPart(state.view);
      writeUrl('replace');
      showList({});
    }
    return;
  }
  state.report = result.data;
  state.older = null;
  if (version !== null && version !== result.data.version) {
    const older = await fetchVersion(code, version);
    if (older) state.older = older;
    else {
      notice(t('noVersionView'));
      state.view = { ...state.view, version: null };
      writeUrl('replace');
    }
  }
  await loadReturned();
  renderReport();
  const first = el('report-view').hidden;
  show(el('list-view'), false);
  show(el('report-view'), true);
  document.title = `${result.data.name} — ${t('titleYear', { year: state.year ?? '' })}`;
  if (focus || first) {
    window.scrollTo(0, 0);
    el('report-name').focus();
  }
}

/** One earlier version, when the server can show it (GET …?version=n answers shownVersion). */
async function fetchVersion(code: string, version: number): Promise<ReportAnswer | null> {
  const result = await page.api.request<ReportAnswer>('GET', `${reportPath(code)}?version=${version}`);
  if (result.status !== 200 || !result.data || result.data.shownVersion !== version || !result.data.report) return null;
  return result.data;
}

/** The latest returned version before the current one, to compare the current one with. */
async function loadReturned(): Promise<void> {
  const r = state.report!;
  const returned = [...(r.history ?? [])].reverse().find((h) => h.action === 'returned' && h.version < r.version);
  if (!returned || !r.report) {
    state.returned = null;
    return;
  }
  if (state.returned?.version === returned.version) return;
  const older = await fetchVersion(r.association, returned.version);
  state.returned = older?.report ? { version: returned.version, report: older.report } : null;
}

async function readVersion(version: number | null): Promise<void> {
  if (!state.report) return;
  notice('');
  state.view = { ...state.view, version };
  writeUrl('replace');
  await showReport(state.report.association, version, false);
  el(version === null ? 'content-title' : 'old-version-text').focus();
}

function backToList(): void {
  notice('');
  fail([]);
  const code = state.view.report;
  if ((history.state as EntryState | null)?.fromList) {
    history.back();
    return;
  }
  state.view = listPart(state.view);
  writeUrl('push');
  showList({ focusCode: code, focusTitle: true, refresh: true });
}

/**
 * The report's own link for a colleague: the year and the report (and the version read), not
 * this reviewer's list filters; never a token — they sign in with their own.
 */
async function copyLink(): Promise<void> {
  const url = new URL(urlOf({ ...DEFAULT_VIEW, report: state.view.report, version: state.view.version }), location.href).href;
  try {
    await navigator.clipboard.writeText(url);
    notice(t('linkCopied'), 'ok');
  } catch {
    notice(t('linkIs', { url }));
  }
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

/** When a version was submitted: its history entry. */
function submittedAtOf(r: ReportView, version: number): string | null {
  return [...(r.history ?? [])].reverse().find((h) => h.action === 'submitted' && h.version === version)?.at ?? null;
}

function renderReport(): void {
  const r = state.report!;
  const older = state.older;
  const shown = older ?? r;
  const shownVersion = older ? (older.shownVersion ?? older.version) : r.version;
  setText(el('report-name'), r.name);
  const facts = el('report-facts');
  facts.textContent = '';
  const fact = (label: string, value: string | Node) => {
    const row = make('div');
    row.appendChild(make('dt', null, label));
    const dd = make('dd');
    if (typeof value === 'string') setText(dd, value);
    else dd.appendChild(value);
    row.appendChild(dd);
    facts.appendChild(row);
  };
  fact(t('fCode'), r.association);
  fact(t('fUnit'), unitName(r.unit));
  fact(t('fLevel'), levelLabel(r.level, r.unit));
  const badges = make('span');
  badges.appendChild(make('span', `badge badge-${r.status || 'missing'}`, statusLabel(r.status)));
  if (r.late) badges.appendChild(make('span', 'badge badge-late', t('late')));
  fact(t('fStatus'), badges);
  fact(t('fVersion'), r.version > 0 ? String(r.version) : t('noVersion'));
  const at = submittedAtOf(r, r.version);
  if (at) fact(t('fSubmittedAt'), formatDateTime(at));
  if (r.status === 'approved') fact(t('fResult'), t('resultText', { score: String(r.score), rating: ratingLabel(r.rating) }));
  if (r.comment) fact(t('fComment'), r.comment);
  const item = state.items?.find((row) => row.association === r.association);
  const contact = item ? contactLine(item, false) : null;
  if (contact) fact(t('fContact'), contact);

  setText(el('content-title'), shownVersion > 0 ? t('contentVersion', { n: shownVersion }) : t('content'));
  show(el('old-version'), !!older);
  if (older) {
    setText(el('old-version-text'), t('oldVersionText', { n: shownVersion, at: formatDateTime(submittedAtOf(r, shownVersion)), current: r.version }));
    setText(el('current-version'), t('toCurrent', { n: r.version }));
  }
  const base = !older ? state.returned : null;
  const marking = !!base && state.view.changes;
  show(el('changes'), !!base);
  const changed: (keyof ReportFields)[] = [];
  if (base && shown.report) for (const name of FIELD_ORDER) if (textChanged(fieldValue(name, base.report[name]), fieldValue(name, shown.report[name]))) changed.push(name);
  if (base) {
    el<HTMLInputElement>('show-changes').checked = state.view.changes;
    setText(el('show-changes-label'), t('showChanges', { n: base.version }));
    setText(
      el('changes-summary'),
      changed.length
        ? t('changesSummary', { count: changed.length, n: base.version, fields: changed.map((name) => t(`f_${name}`)).join('; ') })
        : t('noChanges', { n: base.version }),
    );
  }

  const fields = el('report-fields');
  fields.textContent = '';
  show(el('no-content'), !shown.report);
  if (shown.report) {
    const short = make('dl', 'fields short');
    const long = make('dl', 'fields long');
    for (const name of FIELD_ORDER) {
      const isLong = LONG_FIELDS.has(name);
      const mark = marking && changed.includes(name);
      const row = make('div', mark ? 'changed' : null);
      row.id = `row-${name}`;
      const dt = make('dt', null, t(`f_${name}`));
      if (mark) dt.appendChild(make('span', 'badge badge-changed', t('changedBadge')));
      row.appendChild(dt);
      const dd = make('dd');
      dd.id = `v-${name}`;
      const now = fieldValue(name, shown.report[name]);
      if (mark && isLong) renderDiff(dd, String(base!.report[name] ?? ''), String(shown.report[name] ?? ''));
      else {
        setText(dd, now);
        if (mark) dd.appendChild(make('span', 'before', t('beforeValue', { value: fieldValue(name, base!.report[name]) })));
      }
      row.appendChild(dd);
      (isLong ? long : short).appendChild(row);
    }
    fields.appendChild(short);
    fields.appendChild(long);
  }

  renderHistory(r, shownVersion);

  const open = r.cycle ? r.cycle.status === 'open' : cycleOpen();
  const canDecide = !older && open && r.status === 'submitted';
  const canReopen = !older && open && r.status === 'approved';
  setText(el('decide-title'), t('decide', { n: r.version }));
  show(el('approve-form'), canDecide);
  show(el('return-form'), canDecide);
  show(el('reopen-form'), canReopen);
  show(el('nothing'), !canDecide && !canReopen);
  setText(el('nothing'), older ? t('viewingOld') : !open && r.version > 0 ? t('cycleNotOpen') : t('nothingToDecide'));
  for (const id of ['approve-form', 'return-form', 'reopen-form']) {
    el<HTMLFormElement>(id).reset();
    clearFieldErrors(el(id));
  }
  if (r.report?.selfRating) el<HTMLSelectElement>('a-rating').value = r.report.selfRating;
  // A comment being written when the language was switched (the reload shows this report again).
  restoreTyped(DECISION_FIELDS);
}

const DECISION_FIELDS = ['a-score', 'a-rating', 'a-comment', 'r-comment', 'o-comment'] as const;

/** A long text with what was removed and added since the returned version marked, word by word. */
function renderDiff(dd: HTMLElement, before: string, after: string): void {
  dd.classList.add('diff');
  for (const part of diffWords(before, after)) {
    if (part.kind === 'same') {
      dd.appendChild(document.createTextNode(part.text));
      continue;
    }
    const node = make(part.kind === 'added' ? 'ins' : 'del');
    node.appendChild(make('span', 'sr-only', t(part.kind === 'added' ? 'srAdded' : 'srRemoved')));
    node.appendChild(document.createTextNode(part.text));
    dd.appendChild(node);
  }
}

function renderHistory(r: ReportView, shownVersion: number): void {
  const list = el('history-list');
  list.textContent = '';
  for (const h of [...(r.history ?? [])].reverse()) {
    const li = make('li');
    const head = make('div');
    head.appendChild(make('span', 'what', `${t('version', { n: h.version })} · ${t(`ac_${h.action as 'submitted'}`)}`));
    head.appendChild(make('span', 'when', `${formatDateTime(h.at)} · ${actor(h.by)}`));
    li.appendChild(head);
    if (h.comment) li.appendChild(make('p', 'note', t('commentPrefix', { text: h.comment })));
    if (h.action === 'submitted' && h.version !== shownVersion) {
      const button = make('button', 'secondary small-button', t('viewVersion', { n: h.version }));
      button.type = 'button';
      button.dataset.version = String(h.version);
      button.addEventListener('click', () => void readVersion(h.version === r.version ? null : h.version));
      li.appendChild(button);
    }
    list.appendChild(li);
  }
  show(el('history'), (r.history ?? []).length > 0);
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
    patchItem(result.data);
    await loadReturned();
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
  reload.addEventListener('click', () => {
    state.view = { ...state.view, version: null };
    writeUrl('replace');
    void showReport(state.report!.association, null, true);
  });
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
