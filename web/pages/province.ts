// The province office's page (GET /province, SPEC sections 1, 2, 3, 6 and 7): switch between
// the years, open a cycle (with the office's contact), import the registry (a workbook or CSV
// files, checked for UTF-8 here, a dry run showing what changes, then the import), follow
// completeness (table and bars; each unit's missing count opens who has not submitted, with
// their contacts), hand out the access links (files for mail merge, one copied or renewed),
// trigger the close and watch its steps, read and change a draft awaiting sign-off and publish
// it, download every published revision, reopen one report after close (picked by name).
// Opened as /province?year=…&token=….
import type { CycleView } from '../../shared/app/cycles.ts';
import type { PeriodListItem } from '../../shared/app/periods.ts';
import { CLOSE_STEPS } from '../../shared/domain/close-steps.ts';
import { LEVELS } from '../../shared/domain/types.ts';
import { combobox, type Picker, type PickerItem } from '../lib/combobox.ts';
import { completenessTable, depthOf, type UnitRow } from '../lib/completeness.ts';
import { contactOf, telHref, type OfficeContact } from '../lib/contact.ts';
import { csvRecords } from '../lib/csv.ts';
import { download as fetchDownload, downloadButton as makeDownloadButton, sayingIn } from '../lib/downloads.ts';
import { workbookNames } from '../lib/xlsx-names.ts';
import { clearFieldErrors, el, make, maybeEl, message, onReady, setText, show, showFieldErrors } from '../lib/dom.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';
import { province as provinceTexts, type KeyOf } from '../lib/i18n.ts';
import { pageContext, restoreTyped, translatePage } from '../lib/page.ts';
import { signIn, type SignedIn } from '../lib/signin.ts';
import { hideUnreachable, showUnreachable } from '../lib/unreachable.ts';
import { remember, setYearInUrl } from '../lib/token.ts';

let signedIn: SignedIn | undefined;
const PREFIX = 'tongket.province';
/** The review page's storage prefix (web/pages/review.ts): the province's token handed to it. */
const REVIEW_PREFIX = 'tongket.review';

type Key = KeyOf<typeof provinceTexts>;
const CHANGE_KINDS = ['added', 'removed', 'moved', 'renamed', 'unitsAdded', 'unitsRemoved'] as const;
type ChangeKind = (typeof CHANGE_KINDS)[number];

/** PUT /cycles/{year}/registry's answer (SPEC section 2), with ?dryRun=1 the same, nothing written. */
type ImportAnswer = {
  units: number;
  associations: number;
  expected: number;
  dryRun?: boolean;
} & Partial<Record<ChangeKind, string[]>>;

/** An item of GET /cycles/{year}/reports (the contact details when the registry has them). */
interface ListItem {
  association: string;
  name: string;
  unit: string;
  status: string;
  contact?: string | null;
  phone?: string | null;
  email?: string | null;
}

/** An item of GET /cycles. */
interface CycleListItem {
  year: number;
  status: CycleView['status'];
  revision: number;
  deadline?: string;
}

/** What a dry run was asked with, kept for the import that confirms it. */
interface PendingImport {
  body: Record<string, string>;
  workbook: boolean;
  /** file names chosen, for the problems' lines */
  files: Partial<Record<'units' | 'associations', string>>;
  /** the new names a CSV file brings (code → name, and an association's unit) */
  newUnits: Map<string, string>;
  newAssociations: Map<string, { name: string; unit: string }>;
}

const page = pageContext(provinceTexts);
const { t } = page;
const state: {
  year: string | null;
  cycle: CycleView | null;
  polling: ReturnType<typeof setInterval> | null;
  busy: boolean;
  /** the document form holds what the officer typed: polling must not overwrite it */
  documentEdited: boolean;
  /** every cycle, newest first (GET /cycles); null until known */
  years: CycleListItem[] | null;
  /** the year's associations (the pickers' list), loaded once per year and registry */
  associations: ListItem[] | null;
  associationsFor: string | null;
  pending: PendingImport | null;
  /** the unit whose missing associations are listed */
  missingUnit: string | null;
} = {
  year: null,
  cycle: null,
  polling: null,
  busy: false,
  documentEdited: false,
  years: null,
  associations: null,
  associationsFor: null,
  pending: null,
  missingUnit: null,
};
let reopenPicker: Picker;
let linkPicker: Picker;

const notice = (text: string, kind = 'info') => message(el('notice'), text ? [text] : [], kind);
const fail = (lines: readonly (string | Node)[]) => message(el('alert'), lines, 'error');
const cyclePath = () => `cycles/${encodeURIComponent(state.year ?? '')}`;
const value = (id: string) => el<HTMLInputElement>(id).value.trim();

function start(): void {
  translatePage(page, { keepTyped: true });
  el('open-form').addEventListener('submit', (e) => void onOpen(e));
  el('registry-form').addEventListener('submit', (e) => void onImport(e));
  el('close-button').addEventListener('click', askClose);
  el('confirm-close').addEventListener('click', () => void onClose());
  el('cancel-close').addEventListener('click', () => {
    show(el('confirm'), false);
    el('close-button').focus();
  });
  el('reopen-form').addEventListener('submit', (e) => void onReopen(e));
  el('confirm-import').addEventListener('click', () => void onConfirmImport());
  el('cancel-import').addEventListener('click', () => {
    cancelPreview();
    notice(t('importCancelled'));
    el<HTMLFormElement>('registry-form').querySelector<HTMLButtonElement>('button[type=submit]')?.focus();
  });
  for (const id of ['g-workbook', 'g-units', 'g-associations']) el(id).addEventListener('change', cancelPreview);
  el('missing-close').addEventListener('click', closeMissing);
  el('missing-export').addEventListener('click', () => void exportMissing());
  el('workbook-download').addEventListener('click', (event) => void download(event.currentTarget as HTMLButtonElement, `${cyclePath()}/export.xlsx?link=1`, `tong-hop-${state.year ?? ''}.xlsx`));
  el('review-link').addEventListener('click', () => remember(REVIEW_PREFIX, page.token, state.year));
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-links]')) button.addEventListener('click', () => void downloadLinks(button));
  el('link-form').addEventListener('submit', (e) => void onShowLink(e, 'link'));
  el('rlink-form').addEventListener('submit', (e) => void onShowLink(e, 'rlink'));
  for (const prefix of ['link', 'rlink'] as const) {
    el(`${prefix}-copy`).addEventListener('click', () => void copyLink(prefix));
    el(`${prefix}-renew`).addEventListener('click', () => askRenew(prefix));
    el(`${prefix}-renew-yes`).addEventListener('click', () => void onRenew(prefix));
    el(`${prefix}-renew-no`).addEventListener('click', () => {
      show(el(`${prefix}-confirm`), false);
      el(`${prefix}-renew`).focus();
    });
  }
  const pickerTexts = {
    matches: (n: number) => t('pkMatches', { n: page.count(n) }),
    capped: (shown: number, total: number) => t('pkCapped', { shown: page.count(shown), total: page.count(total) }),
    none: t('pkNone'),
    chosen: (label: string) => t('pkChosen', { label }),
  };
  reopenPicker = combobox(el<HTMLInputElement>('p-association'), el('p-association-list'), el('p-association-status'), pickerTexts);
  linkPicker = combobox(el<HTMLInputElement>('k-association'), el('k-association-list'), el('k-association-status'), pickerTexts);
  linkPicker.onChoose(() => show(el('link-result'), false));
  el('k-unit').addEventListener('change', () => show(el('rlink-result'), false));
  el('document-form').addEventListener('submit', (e) => void onSaveDocument(e));
  el('document-form').addEventListener('input', () => (state.documentEdited = true));
  el('publish-button').addEventListener('click', askPublish);
  el('confirm-publish-yes').addEventListener('click', () => void onPublish());
  el('cancel-publish').addEventListener('click', () => {
    show(el('confirm-publish'), false);
    el('publish-button').focus();
  });
  el('refresh').addEventListener('click', () => {
    void loadCycle();
    void loadPeriods();
    void loadYears();
  });
  signedIn = signIn(page, { prefix: PREFIX, roles: ['province'], fail, currentYear: () => state.year ?? null, onSignedIn: (credentials) => {
    setYear(credentials.year);
    void loadCycle();
    void loadPeriods();
    void loadYears();
  } });
  // What was typed before a language switch: every form of this page is drawn from the start.
  // The document's details then count as edited, so the cycle's arrival does not overwrite them.
  restoreTyped();
}

function setYear(year: string | number): void {
  state.year = String(year);
  setYearInUrl(state.year);
  remember(PREFIX, null, state.year);
  setText(el('page-title'), t('titleYear', { year: state.year }));
  document.title = `${t('titleYear', { year: state.year })} — Tổng kết`;
  el<HTMLAnchorElement>('review-link').href = `review?year=${encodeURIComponent(state.year)}`;
}

// ---- the year switcher (GET /cycles) ----
async function loadYears(): Promise<void> {
  const result = await page.api.request<{ items: CycleListItem[] }>('GET', 'cycles');
  // Without the list (an older API) the page works for the year of its link.
  if (result.status !== 200 || !Array.isArray(result.data?.items)) return;
  state.years = result.data.items;
  renderYears();
}

function renderYears(): void {
  const items = state.years;
  if (!items) return;
  const list = el('years-list');
  list.textContent = '';
  show(el('years'), items.length > 0);
  for (const c of items) {
    const li = make('li');
    const a = make('a', 'year');
    a.href = `province?year=${c.year}`;
    a.dataset.year = String(c.year);
    a.appendChild(make('span', 'year-num', c.year));
    a.appendChild(make('span', `badge badge-cy-${c.status}`, t(`cy_${c.status}`)));
    if (String(c.year) === state.year) a.setAttribute('aria-current', 'page');
    a.addEventListener('click', (e) => {
      // A new tab or window opens the year there, as a link does.
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey || e.button !== 0) return;
      e.preventDefault();
      void switchYear(String(c.year));
    });
    li.appendChild(a);
    list.appendChild(li);
  }
}

/** Loads another year in place: what belonged to the year shown is forgotten. */
async function switchYear(year: string): Promise<void> {
  if (year === state.year) return;
  stopPolling();
  fail([]);
  notice('');
  state.cycle = null;
  state.documentEdited = false;
  cancelPreview();
  closeMissing();
  message(el('registry-result'), []);
  for (const prefix of ['link', 'rlink']) show(el(`${prefix}-result`), false);
  reopenPicker.clear();
  linkPicker.clear();
  setYear(year);
  renderYears();
  // The list was drawn again: the focus stays on the year chosen.
  document.querySelector<HTMLAnchorElement>(`#years-list a[data-year="${year}"]`)?.focus();
  await loadCycle();
}

async function loadCycle(): Promise<CycleView | null> {
  const result = await page.api.request<CycleView>('GET', cyclePath());
  if (result.status === 200 && result.data) {
    state.cycle = result.data;
    render();
    return result.data;
  }
  if (result.status === 401) {
    signedIn?.askAgain(state.year ?? null);
    return null;
  }
  if (result.status === 404) {
    state.cycle = null;
    show(el('dashboard'), false);
    notice(t('noCycle', { year: state.year ?? '' }));
    showOpenForm(true);
    return null;
  }
  fail([page.errorOf(result).message]);
  return null;
}

function showOpenForm(primary: boolean): void {
  const box = el<HTMLDetailsElement>('open-box');
  show(box, true);
  box.open = primary;
  setText(el('open-summary'), primary ? t('openTitle') : t('openAnother'));
  if (primary && !value('o-year')) el<HTMLInputElement>('o-year').value = state.year ?? '';
}

// ---- everything about the cycle ----
function render(): void {
  const c = state.cycle!;
  show(el('dashboard'), true);
  showOpenForm(false);
  const badge = el('cycle-status');
  badge.className = `badge badge-cy-${c.status}`;
  setText(badge, t(`cy_${c.status}`));
  setText(el('status-line'), t('statusLine', { status: t(`cy_${c.status}`), deadline: formatDate(c.config?.deadline), revision: c.revision }));
  const reopened = c.reopenedFor ?? [];
  setText(el('reopened-line'), reopened.length ? t('reopenedFor', { codes: reopened.join(', ') }) : '');
  show(el('reopened-line'), reopened.length > 0 && c.status === 'open');
  const n: Partial<CycleView['counts']> = c.counts ?? {};
  const pending = Math.max(0, (n.submitted ?? 0) - (n.approved ?? 0) - (n.returned ?? 0));
  setText(el('n-expected'), page.count(n.expected));
  setText(el('n-approved'), page.count(n.approved));
  setText(el('n-pending'), page.count(pending));
  setText(el('n-returned'), page.count(n.returned));
  setText(el('n-missing'), page.count(n.missing));
  setText(el('n-late'), page.count(n.late));
  renderAfterClose(c, pending);
  renderContact(c);
  const listed = state.years?.find((y) => String(y.year) === String(c.year));
  if (listed && (listed.status !== c.status || listed.revision !== c.revision)) {
    listed.status = c.status;
    listed.revision = c.revision;
    renderYears();
  }

  const reg: Partial<CycleView['registry']> = c.registry ?? {};
  setText(
    el('registry-now'),
    reg.importedAt
      ? t('registryNow', { units: page.count(reg.units), associations: page.count(reg.associations), at: formatDateTime(reg.importedAt) })
      : t('registryNone'),
  );
  show(el('registry'), c.status === 'open');
  const imported = !!reg.importedAt;
  el('dashboard').classList.toggle('no-registry', !imported);
  show(el('close'), imported);
  show(el('completeness'), imported);
  show(el('links'), imported);
  show(el('downloads-box'), (c.revision || 0) > 0);
  if (imported) {
    fillUnitSelect(c.units ?? []);
    void loadAssociations();
  }
  if (imported && c.status === 'open') {
    const year = state.year;
    const units = new Map((c.units ?? []).map((u) => [u.code, u.name]));
    void showUnreachable({
      page,
      cyclePath: cyclePath(),
      associations: () => loadAssociations().then(() => state.associations),
      unitName: (code) => units.get(code) ?? code,
      current: () => state.year === year,
    });
  } else hideUnreachable();

  renderCompleteness(c.units ?? []);
  renderSignOff();
  renderClose();
  renderDownloads();
  show(el('reopen'), c.status === 'published' || (c.status === 'open' && c.revision > 0));
}

function renderCompleteness(rows: readonly UnitRow[]): void {
  show(el('no-units'), rows.length === 0);
  show(el('completeness-content'), rows.length > 0);
  if (!rows.length) return;
  // The root is the province, or a district running its own cycle (SPEC section 2).
  const root = rows.find((row) => row.parentCode === null);
  completenessTable(el('completeness-body'), rows, root?.level ?? 'province', page.count, {
    missing: {
      label: (row) => t('missingOpen', { n: page.count(row.missing), unit: row.name }),
      open: (row) => void openMissing(row),
    },
  });
  // The list shown stays with its unit's row (the table is drawn again on every refresh).
  if (state.missingUnit && !rows.some((r) => r.code === state.missingUnit)) closeMissing();
  // Bars: the root, then the level right below it (districts, or communes in a two-tier province or under a district root).
  const below = rows.some((r) => r !== root && r.level === 'district') ? 'district' : 'commune';
  const chart = el('chart');
  chart.textContent = '';
  for (const r of rows.filter((row) => row === root || row.level === below)) {
    const li = make('li');
    const caption = make('div', 'caption');
    caption.appendChild(make('span', 'unit', r.name));
    const numbers = make('span', null, `${t('chartLine', { approved: page.count(r.approved), expected: page.count(r.expected) })} `);
    if (r.late > 0) numbers.appendChild(make('span', 'late-mark', t('lateMark', { n: page.count(r.late) })));
    caption.appendChild(numbers);
    li.appendChild(caption);
    const track = make('div', 'track');
    track.setAttribute('aria-hidden', 'true');
    const total = r.expected || 0;
    const pending = Math.max(0, r.submitted - r.approved - r.returned);
    const parts: [string, number][] = [['approved', r.approved], ['pending', pending], ['returned', r.returned], ['missing', r.missing]];
    for (const [kind, n] of parts) {
      if (!total || !n) continue;
      const seg = make('span', `seg seg-${kind}`);
      // CSSOM, not a style attribute: allowed under style-src 'self'.
      seg.style.width = `${((100 * n) / total).toFixed(2)}%`;
      track.appendChild(seg);
    }
    li.appendChild(track);
    chart.appendChild(li);
  }
}

/**
 * After the close nothing awaits review any more: the summary counts approved reports only
 * (shared/domain/aggregate.ts), and the report lists the rest in its appendix with the
 * domain's reasons (shared/domain/appendix.ts). The dashboard says so instead of "Chờ duyệt".
 */
function renderAfterClose(c: CycleView, pending: number): void {
  const closed = c.status !== 'open';
  const n: Partial<CycleView['counts']> = c.counts ?? {};
  setText(el('n-pending-label'), t(closed ? 'sNotCounted' : 'sPending'));
  el('n-pending-box').classList.toggle('s-notcounted', closed);
  setText(el('legend-pending'), t(closed ? 'kNotCounted' : 'kPending'));
  el('chart').classList.toggle('closed', closed);
  const parts: string[] = [];
  if (pending > 0) parts.push(t('ncPending', { n: page.count(pending) }));
  if ((n.returned ?? 0) > 0) parts.push(t('ncReturned', { n: page.count(n.returned) }));
  if ((n.missing ?? 0) > 0) parts.push(t('ncMissing', { n: page.count(n.missing) }));
  const line = el('closed-counts');
  setText(line, parts.length ? t('closedCounts', { approved: page.count(n.approved ?? 0), parts: parts.join('; ') }) : t('closedAll', { approved: page.count(n.approved ?? 0) }));
  show(line, closed && (n.expected ?? 0) > 0);
}

/** The office's contact the associations' pages show: the cycle's, else the deployment's default. */
function renderContact(c: CycleView): void {
  const configured = contactOf(c.config.contact);
  const fallback = contactOf({ name: document.body.dataset.officeName, phone: document.body.dataset.officePhone });
  const words = (x: OfficeContact) => [x.name, x.phone, x.email].filter(Boolean).join(' · ');
  let text: string;
  if (configured) text = t('contactLine', { contact: words(configured) });
  else if (fallback) text = t('contactDefault', { contact: words(fallback) });
  else text = t('contactNone');
  setText(el('contact-line'), text);
}

type StepState = 'done' | 'current' | 'waiting';
const STEP_STATE_KEYS = { done: 'stDone', current: 'stCurrent', waiting: 'stWaiting' } as const;

function renderClose(): void {
  const c = state.cycle!;
  const list = el('steps');
  list.textContent = '';
  const at = (CLOSE_STEPS as readonly (string | null)[]).indexOf(c.step);
  const failed = c.status === 'close_failed';
  const closing = c.status === 'closing';
  const published = c.status === 'published';
  const draft = c.status === 'draft';
  // A draft stops before the final files: what comes before is done.
  const draftAt = CLOSE_STEPS.indexOf('RenderReport');
  CLOSE_STEPS.forEach((name, i) => {
    const li = make('li');
    let status: StepState;
    if (published) status = 'done';
    else if (closing) status = i < at ? 'done' : i === at ? 'current' : 'waiting';
    else if (draft) status = i < draftAt ? 'done' : 'waiting';
    else status = 'waiting';
    li.className = status;
    if (status === 'current') li.setAttribute('aria-current', 'step');
    li.appendChild(document.createTextNode(t(`step_${name}`)));
    li.appendChild(make('span', 'state', t(STEP_STATE_KEYS[status])));
    list.appendChild(li);
  });
  if (failed) {
    const bad = make('li', 'failed', t('cy_close_failed'));
    bad.appendChild(make('span', 'state', t('stFailed')));
    list.appendChild(bad);
  }
  show(el('steps-box'), closing || published || failed || draft);
  const box = el('failure');
  const failure = c.failure as { cause?: string; error?: string } | null;
  setText(box, failed ? t('failed', { cause: failure?.cause || failure?.error || '?' }) : '');
  show(box, failed);
  const button = el<HTMLButtonElement>('close-button');
  setText(button, failed ? t('retryButton') : t('closeButton', { year: c.year }));
  show(button, c.status === 'open' || failed);
  button.disabled = !c.registry?.importedAt;
  // A draft being rendered again is followed too, until it waits for the province.
  if (closing || (draft && c.step !== 'AwaitSignOff')) startPolling();
  else stopPolling();
}

// ---- the sign-off of a draft ----
const DRAFT_DOWNLOADS = [
  { key: 'dlDraftPdf', path: 'report.pdf?draft=1&link=1', name: (year: number) => `du-thao-bao-cao-${year}.pdf` },
  { key: 'dlDraftDocx', path: 'report.docx?draft=1&link=1', name: (year: number) => `du-thao-bao-cao-${year}.docx` },
  { key: 'dlDraftCsv', path: 'commendations?draft=1&format=csv&link=1', name: (year: number) => `du-thao-khen-thuong-${year}.csv` },
  { key: 'dlDraftJson', path: 'summary?draft=1', name: (year: number) => `du-thao-tong-hop-${year}.json` },
] as const;

const NARRATIVE = ['results', 'limitations', 'direction', 'proposals'] as const;
const lines = (id: string) => el<HTMLTextAreaElement>(id).value.split('\n').map((l) => l.trim()).filter(Boolean);

function renderSignOff(): void {
  const c = state.cycle!;
  const draft = c.status === 'draft';
  show(el('signoff'), draft);
  if (!draft) {
    state.documentEdited = false;
    return;
  }
  const waiting = c.step === 'AwaitSignOff';
  setText(el('draft-line'), waiting ? t('draftLine', { n: c.draftRevision ?? 1 }) : t('draftRendering'));
  const list = el('draft-downloads');
  list.textContent = '';
  if (waiting) {
    const li = make('li');
    for (const d of DRAFT_DOWNLOADS) {
      li.appendChild(downloadButton(d.key, `${cyclePath()}/${d.path}`, d.name(c.year)));
    }
    list.appendChild(li);
  }
  el<HTMLButtonElement>('publish-button').disabled = !waiting;
  if (!state.documentEdited) fillDocumentForm(c.config);
}

/** The form shows the details the draft is rendered from. */
function fillDocumentForm(config: CycleView['config']): void {
  const set = (id: string, text: string) => (el<HTMLInputElement | HTMLTextAreaElement>(id).value = text);
  set('d-documentNumber', config.documentNumber ?? '');
  set('d-reportDate', config.reportDate ?? '');
  set('d-signer.lines', (config.signer?.lines ?? []).join('\n'));
  set('d-signer.name', config.signer?.name ?? '');
  set('d-recipients', (config.recipients ?? []).join('\n'));
  for (const section of NARRATIVE) set(`d-narrative.${section}`, config.narrative?.[section] ?? '');
}

/** The form as PATCH /document takes it: empty means the default (signer, recipients, date) or left out (narrative). */
function documentBody(): Record<string, unknown> {
  const signerLines = lines('d-signer.lines');
  const signerName = value('d-signer.name');
  const recipients = lines('d-recipients');
  const narrative: Record<string, string> = {};
  for (const section of NARRATIVE) {
    const text = el<HTMLTextAreaElement>(`d-narrative.${section}`).value.trim();
    if (text) narrative[section] = text;
  }
  return {
    documentNumber: value('d-documentNumber'),
    reportDate: value('d-reportDate') || null,
    // A name without lines is refused by the API, which names the field.
    signer: signerLines.length || signerName ? { lines: signerLines, name: signerName } : null,
    recipients: recipients.length ? recipients : null,
    narrative,
  };
}

async function onSaveDocument(event: Event): Promise<void> {
  event.preventDefault();
  if (state.busy) return;
  const form = el<HTMLFormElement>('document-form');
  clearFieldErrors(form);
  fail([]);
  busy(form, true);
  const result = await page.api.request<{ status: string; draftRevision: number }>('PATCH', `${cyclePath()}/document`, documentBody());
  busy(form, false);
  if (result.status === 202) {
    state.documentEdited = false;
    notice(t('draftSaved'), 'ok');
    await loadCycle();
    return;
  }
  const error = page.errorOf(result);
  if (result.status === 422 && error.fields) {
    const orphans = showFieldErrors(form, 'd-', error.fields);
    fail([error.message, ...orphans]);
    return;
  }
  fail([error.message]).focus();
  void loadCycle();
}

function askPublish(): void {
  setText(el('confirm-publish-text'), t('confirmPublish', { year: state.year ?? '' }));
  show(el('confirm-publish'), true);
  el('confirm-publish-yes').focus();
}

async function onPublish(): Promise<void> {
  show(el('confirm-publish'), false);
  fail([]);
  const result = await page.api.request('POST', `${cyclePath()}/publish`);
  if (result.status === 202) {
    notice(t('publishStarted'));
    await loadCycle();
    el('steps-title').focus();
    return;
  }
  fail([page.errorOf(result).message]).focus();
  void loadCycle();
}

function startPolling(): void {
  if (state.polling) return;
  state.polling = setInterval(() => {
    void page.api.request<CycleView>('GET', cyclePath()).then((result) => {
      if (result.status !== 200 || !result.data) return;
      const before = state.cycle?.status;
      state.cycle = result.data;
      render();
      if ((before === 'closing' || before === 'draft') && result.data.status === 'published') {
        notice(t('published', { revision: result.data.revision, at: formatDateTime(result.data.publishedAt) }), 'ok');
      }
    });
  }, 1000);
}

function stopPolling(): void {
  if (state.polling) {
    clearInterval(state.polling);
    state.polling = null;
  }
}

function askClose(): void {
  const n: Partial<CycleView['counts']> = state.cycle?.counts ?? {};
  const pending = Math.max(0, (n.submitted ?? 0) - (n.approved ?? 0));
  setText(el('confirm-text'), t('confirmText', { year: state.year ?? '', missing: page.count(n.missing ?? 0), pending: page.count(pending) }));
  show(el('confirm'), true);
  el('confirm-close').focus();
}

async function onClose(): Promise<void> {
  show(el('confirm'), false);
  fail([]);
  const result = await page.api.request('POST', `${cyclePath()}/close`);
  if (result.status === 202 || result.status === 200) {
    notice(t('closeStarted'));
    await loadCycle();
    el('steps-title').focus();
    return;
  }
  fail([page.errorOf(result).message]).focus();
}

const DOWNLOADS = [
  { key: 'dlPdf', path: 'report.pdf?link=1&revision=', name: (year: number, n: number) => `bao-cao-${year}-r${n}.pdf` },
  { key: 'dlDocx', path: 'report.docx?link=1&revision=', name: (year: number, n: number) => `bao-cao-${year}-r${n}.docx` },
  { key: 'dlCsv', path: 'commendations?format=csv&link=1&revision=', name: (year: number, n: number) => `khen-thuong-${year}-r${n}.csv` },
  { key: 'dlJson', path: 'summary?revision=', name: (year: number, n: number) => `tong-hop-${year}-r${n}.json` },
] as const;

const saying = sayingIn(notice, fail, (name) => t('downloaded', { name }));
const downloadButton = (key: Key, path: string, name: string) => makeDownloadButton(page.api, key, t(key), path, name, saying);
const download = (button: HTMLButtonElement, path: string, name: string) => fetchDownload(page.api, button, path, name, saying);

/** The office workbook (SPEC section 11) is built from the reports as they stand: open or published. */
const workbookReady = (c: CycleView) => c.status === 'open' || c.status === 'published';

function renderDownloads(): void {
  const c = state.cycle!;
  show(el('workbook-line'), workbookReady(c));
  const list = el('downloads');
  list.textContent = '';
  const revisions = c.revision || 0;
  show(el('no-downloads'), revisions === 0);
  for (let n = revisions; n >= 1; n--) {
    const li = make('li');
    li.appendChild(make('span', 'rev', t('revision', { n }) + (n === revisions ? ` ${t('latest')}` : '')));
    // link=1: on AWS the files come as short-lived S3 links, which the client goes to.
    for (const d of DOWNLOADS) {
      const button = downloadButton(d.key, `${cyclePath()}/${d.path}${n}`, d.name(c.year, n));
      button.setAttribute('aria-label', t('dlNamed', { what: t(d.key), n }));
      button.dataset.revision = String(n);
      li.appendChild(button);
    }
    list.appendChild(li);
  }
}

// ---- period reviews (SPEC section 12): listed here, created by the CLI ----
const PERIOD_DOWNLOADS = [
  { key: 'dlPdf', path: 'report.pdf?link=1', name: (code: string, n: number) => `bao-cao-${code}-r${n}.pdf` },
  { key: 'dlDocx', path: 'report.docx?link=1', name: (code: string, n: number) => `bao-cao-${code}-r${n}.docx` },
  { key: 'dlCsv', path: 'commendations?format=csv&link=1', name: (code: string, n: number) => `khen-thuong-${code}-r${n}.csv` },
  { key: 'dlJson', path: 'summary', name: (code: string, n: number) => `tong-hop-${code}-r${n}.json` },
] as const;

async function loadPeriods(): Promise<void> {
  const result = await page.api.request<{ items: PeriodListItem[] }>('GET', 'periods');
  if (result.status === 200 && result.data) {
    renderPeriods(result.data.items);
    return;
  }
  // 401: the cycle's own request asks for the token again.
  if (result.status !== 401) fail([page.errorOf(result).message]);
}

function renderPeriods(items: readonly PeriodListItem[]): void {
  show(el('periods'), true);
  show(el('no-periods'), items.length === 0);
  const list = el('periods-list');
  list.textContent = '';
  for (const p of items) {
    const li = make('li');
    li.dataset.period = p.code;
    li.appendChild(make('span', 'rev', t('periodLine', { title: p.title, years: `${p.from}–${p.to}` })));
    const badge = make('span', `badge badge-cy-${p.status}`, t(`pe_${p.status}`));
    badge.dataset.status = p.status;
    li.appendChild(badge);
    if (p.status === 'published') {
      for (const d of PERIOD_DOWNLOADS) {
        const button = downloadButton(d.key, `periods/${encodeURIComponent(p.code)}/${d.path}`, d.name(p.code, p.revision));
        button.setAttribute('aria-label', t('dlPeriodNamed', { what: t(d.key), title: p.title }));
        li.appendChild(button);
      }
    }
    list.appendChild(li);
  }
}

// ---- forms ----
function busy(form: HTMLFormElement, on: boolean): void {
  const button = form.querySelector<HTMLButtonElement>('button[type=submit]')!;
  if (on) {
    button.dataset.label = button.textContent ?? '';
    setText(button, t('busy'));
  } else if (button.dataset.label) setText(button, button.dataset.label);
  button.disabled = on;
  state.busy = on;
}

async function onOpen(event: Event): Promise<void> {
  event.preventDefault();
  if (state.busy) return;
  const form = el<HTMLFormElement>('open-form');
  clearFieldErrors(form);
  fail([]);
  const errors: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  if (!/^\d{4}$/.test(value('o-year'))) errors.year = t('needYear');
  else body.year = Number(value('o-year'));
  if (value('o-deadline')) body.deadline = value('o-deadline');
  const issuer = el<HTMLTextAreaElement>('o-issuer').value.split('\n').map((s) => s.trim()).filter(Boolean);
  if (issuer.length) body.issuer = issuer;
  for (const name of ['issuerKind', 'documentNumber', 'reportDate', 'place', 'specialLabel']) {
    if (value(`o-${name}`)) body[name] = value(`o-${name}`);
  }
  const commendation: Record<string, unknown> = {};
  for (const name of ['quotaPercent', 'minScore']) {
    const raw = value(`o-commendation.${name}`).replace(',', '.');
    if (raw === '') continue;
    if (!/^\d+(\.\d+)?$/.test(raw)) {
      errors[`commendation.${name}`] = t('needNumber');
      continue;
    }
    commendation[name] = Number(raw);
  }
  const awards: Record<string, string> = {};
  for (const level of LEVELS) {
    const award = value(`o-commendation.awards.${level}`);
    if (award) awards[level] = award;
  }
  if (Object.keys(awards).length) commendation.awards = awards;
  if (Object.keys(commendation).length) body.commendation = commendation;
  // The office's contact (shown on the associations' pages): a name and a phone, or nothing.
  const contact = { name: value('o-contact.name'), phone: value('o-contact.phone'), email: value('o-contact.email') };
  if (contact.name || contact.phone || contact.email) {
    if (!contact.name) errors['contact.name'] = t('needContact');
    if (!contact.phone) errors['contact.phone'] = t('needContact');
    body.contact = { name: contact.name, phone: contact.phone, ...(contact.email ? { email: contact.email } : {}) };
  }
  if (Object.keys(errors).length) {
    showFieldErrors(form, 'o-', errors);
    return;
  }
  busy(form, true);
  const result = await page.api.request<CycleView>('POST', 'cycles', body);
  busy(form, false);
  if (result.status === 201 && result.data) {
    const opened = result.data;
    form.reset();
    setYear(opened.year);
    state.cycle = opened;
    void loadYears();
    await loadCycle();
    notice(t('opened', { year: opened.year }), 'ok').focus();
    return;
  }
  const error = page.errorOf(result);
  if ((result.status === 422 || result.status === 409) && error.fields) {
    const orphans = showFieldErrors(form, 'o-', error.fields);
    fail([error.message, ...orphans]);
    if (!Object.keys(error.fields).some((k) => maybeEl(`o-${k.split('.')[0]}`))) el('alert').focus();
    return;
  }
  fail([error.message]).focus();
}

// ---- the registry import: files read here, a dry run, then the import ----
const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // a zip: what every .xlsx is

/** The bytes as base64, in chunks (String.fromCharCode takes so many arguments at once). */
function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** A CSV file's text, or null when it is not valid UTF-8 (Excel's "CSV" on Vietnamese Windows writes Windows-1258). */
function utf8Text(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** The request a dry run is asked with, from the files chosen; field errors (not UTF-8, not .xlsx, none chosen) instead when the files cannot be sent. */
async function readImport(): Promise<{ pending: PendingImport } | { errors: Record<string, string> }> {
  const chosen = (id: string) => el<HTMLInputElement>(id).files?.[0] ?? null;
  const workbook = chosen('g-workbook');
  const csv = { units: chosen('g-units'), associations: chosen('g-associations') };
  if (!workbook && !csv.units && !csv.associations) return { errors: { workbook: t('needFile') } };
  if (workbook && (csv.units || csv.associations)) return { errors: { workbook: t('notBoth') } };
  const pending: PendingImport = { body: {}, workbook: !!workbook, files: {}, newUnits: new Map(), newAssociations: new Map() };
  if (workbook) {
    const bytes = new Uint8Array(await workbook.arrayBuffer());
    if (!XLSX_MAGIC.every((b, i) => bytes[i] === b)) return { errors: { workbook: t('notXlsx', { file: workbook.name }) } };
    pending.body.workbook = base64Of(bytes);
    // The names it brings, for the preview; the server reads it again (null: codes alone).
    const names = await workbookNames(bytes);
    if (names) {
      pending.newUnits = names.units;
      pending.newAssociations = names.associations;
    }
    return { pending };
  }
  const errors: Record<string, string> = {};
  for (const name of ['units', 'associations'] as const) {
    const file = csv[name];
    if (!file) continue;
    const text = utf8Text(new Uint8Array(await file.arrayBuffer()));
    if (text === null) {
      errors[name] = t('notUtf8', { file: file.name });
      continue;
    }
    pending.body[name] = text;
    pending.files[name] = file.name;
  }
  if (Object.keys(errors).length) return { errors };
  // The names the files bring, for the lists of what changes (the server parses them again).
  for (const row of csvRecords(pending.body.units ?? '')) {
    const code = row.code ?? row['mã'];
    if (code) pending.newUnits.set(code, row.name ?? row['tên'] ?? code);
  }
  for (const row of csvRecords(pending.body.associations ?? '')) {
    const code = row.code ?? row['mã'];
    if (code) pending.newAssociations.set(code, { name: row.name ?? row['tên'] ?? code, unit: row.unit_code ?? row['mã đơn vị'] ?? '' });
  }
  return { pending };
}

function cancelPreview(): void {
  state.pending = null;
  show(el('registry-preview'), false);
}

async function onImport(event: Event): Promise<void> {
  event.preventDefault();
  if (state.busy) return;
  const form = el<HTMLFormElement>('registry-form');
  clearFieldErrors(form);
  fail([]);
  cancelPreview();
  message(el('registry-result'), []);
  busy(form, true);
  let read: Awaited<ReturnType<typeof readImport>>;
  try {
    read = await readImport();
  } catch {
    busy(form, false);
    fail([t('network')]);
    return;
  }
  if ('errors' in read) {
    // Nothing is sent: the page says at once what to do with the file.
    busy(form, false);
    showFieldErrors(form, 'g-', read.errors);
    return;
  }
  // The names before the import, for the lists of what changes.
  await loadAssociations();
  const result = await page.api.request<ImportAnswer>('PUT', `${cyclePath()}/registry?dryRun=1`, read.pending.body);
  busy(form, false);
  if (result.status === 200 && result.data) {
    state.pending = read.pending;
    const d = result.data;
    setText(el('preview-line'), t('previewLine', { units: page.count(d.units), associations: page.count(d.associations), expected: page.count(d.expected), year: state.year ?? '' }));
    const changes = el('preview-changes');
    changes.textContent = '';
    changes.appendChild(changeLists(d, read.pending, state.associations ?? []));
    show(el('registry-preview'), true);
    el('preview-title').focus();
    return;
  }
  importRefused(result, read.pending);
}

async function onConfirmImport(): Promise<void> {
  const pending = state.pending;
  if (!pending || state.busy) return;
  const button = el<HTMLButtonElement>('confirm-import');
  button.disabled = true;
  state.busy = true;
  const before = state.associations ?? [];
  const result = await page.api.request<ImportAnswer>('PUT', `${cyclePath()}/registry`, pending.body);
  state.busy = false;
  button.disabled = false;
  cancelPreview();
  if (result.status === 200 && result.data) {
    const d = result.data;
    el<HTMLFormElement>('registry-form').reset();
    // The new names, for the lists (a workbook's are read by the server only).
    await loadAssociations(true);
    const after = new Map((state.associations ?? []).map((a) => [a.association, { name: a.name, unit: a.unit }]));
    const merged: PendingImport = { ...pending, newAssociations: new Map([...after, ...pending.newAssociations]) };
    const box = message(
      el('registry-result'),
      [t('imported', { units: page.count(d.units), associations: page.count(d.associations), expected: page.count(d.expected), year: state.year ?? '' }), make('h3', null, t('changedTitle')), changeLists(d, merged, before)],
      'ok',
    );
    box.focus();
    void loadCycle();
    return;
  }
  importRefused(result, pending);
}

/** A refused import: the problems by file (or sheet) and line, or the fields, or the message. */
function importRefused(result: Parameters<typeof page.errorOf>[0], pending: PendingImport): void {
  const box = el('registry-result');
  const error = page.errorOf(result);
  if (result.status === 422 && error.fields && !error.problems?.length) {
    const orphans = showFieldErrors(el('registry-form'), 'g-', error.fields);
    if (orphans.length) message(box, [error.message, ...orphans], 'error').focus();
    return;
  }
  const parts: (string | Node)[] = [error.message];
  const problems = error.problems ?? [];
  if (problems.length) {
    const ul = make('ul', 'problems');
    for (const p of problems) {
      const which = p.file === 'units' || p.file === 'associations' ? p.file : null;
      let text: string;
      if (pending.workbook && which && p.line) {
        text = t('problemSheet', { sheet: t(which === 'units' ? 'sheetUnits' : 'sheetAssociations'), line: p.line, message: p.message });
      } else {
        let file = (which && pending.files[which]) || String(p.file ?? '');
        if (file && !/\.(csv|xlsx)$/i.test(file)) file += pending.workbook ? '' : '.csv';
        text = p.line ? t('problemLine', { file, line: p.line, message: p.message }) : t('problemFile', { file, message: p.message });
      }
      ul.appendChild(make('li', null, text));
    }
    parts.push(ul);
  }
  message(box, parts, 'error');
  box.focus();
}

/**
 * The lists of what an import changes, each collapsible with its count: associations added,
 * removed, moved to another unit, renamed; units added and removed. Names from the registry
 * before (old) and from the files (new), else the code alone.
 */
function changeLists(answer: ImportAnswer, pending: PendingImport, before: readonly ListItem[]): Node {
  const old = new Map(before.map((a) => [a.association, a]));
  const unitName = (code: string) => pending.newUnits.get(code) ?? state.cycle?.units?.find((u) => u.code === code)?.name ?? code;
  const oldUnitName = (code: string) => state.cycle?.units?.find((u) => u.code === code)?.name ?? pending.newUnits.get(code) ?? code;
  const named = (name: string | undefined, code: string) => (name && name !== code ? t('chItem', { name, code }) : code);
  const describe: Record<ChangeKind, (code: string) => string> = {
    added: (code) => named(pending.newAssociations.get(code)?.name, code),
    removed: (code) => named(old.get(code)?.name, code),
    moved: (code) => {
      const was = old.get(code);
      const now = pending.newAssociations.get(code);
      return t('chMoved', { name: now?.name ?? was?.name ?? code, code, from: was ? oldUnitName(was.unit) : '?', to: now?.unit ? unitName(now.unit) : '?' });
    },
    renamed: (code) => {
      const was = old.get(code)?.name;
      const now = pending.newAssociations.get(code)?.name;
      return was && now ? t('chRenamed', { code, from: was, to: now }) : named(now ?? was, code);
    },
    unitsAdded: (code) => named(unitName(code), code),
    unitsRemoved: (code) => named(oldUnitName(code), code),
  };
  const wrap = make('div', 'registry-changes');
  let associationChanges = 0;
  for (const kind of CHANGE_KINDS) {
    const codes = answer[kind] ?? [];
    if (!kind.startsWith('units')) associationChanges += codes.length;
    if (!codes.length) continue;
    const details = make('details', `change change-${kind}`);
    details.dataset.kind = kind;
    // Short lists open; long ones stay folded under their count.
    details.open = codes.length <= 10;
    details.appendChild(make('summary', null, t(`ch_${kind}`, { n: page.count(codes.length) })));
    const ul = make('ul');
    for (const code of codes) {
      const li = make('li', null, describe[kind](code));
      li.dataset.code = code;
      ul.appendChild(li);
    }
    details.appendChild(ul);
    wrap.appendChild(details);
  }
  if (associationChanges === 0) wrap.insertBefore(make('p', 'muted', t('noChange')), wrap.firstChild);
  return wrap;
}

// ---- the year's associations: the pickers' list ----
/** Every item of GET /cycles/{year}/reports for `query`, following the cursor; null (the error shown) when it fails. */
async function listAll(query: Record<string, string>): Promise<ListItem[] | null> {
  const items: ListItem[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ ...query, limit: '200' });
    if (cursor) params.set('cursor', cursor);
    const result = await page.api.request<{ items: ListItem[]; cursor: string | null }>('GET', `${cyclePath()}/reports?${params.toString()}`);
    if (result.status !== 200 || !result.data) {
      if (result.status === 401) signedIn?.askAgain(state.year ?? null);
      else fail([page.errorOf(result).message]);
      return null;
    }
    items.push(...result.data.items);
    cursor = result.data.cursor;
  } while (cursor);
  return items;
}

let loadingAssociations: Promise<void> | null = null;

/** The associations of the year shown, for the pickers (loaded once per year, again after an import when `fresh`). */
function loadAssociations(fresh = false): Promise<void> {
  const key = `${state.year}:${state.cycle?.registry?.importedAt ?? ''}`;
  if (!fresh && state.associationsFor === key && state.associations) return Promise.resolve();
  if (!fresh && loadingAssociations) return loadingAssociations;
  const year = state.year;
  loadingAssociations = listAll({}).then((items) => {
    loadingAssociations = null;
    if (!items || year !== state.year) return;
    state.associations = items;
    state.associationsFor = `${state.year}:${state.cycle?.registry?.importedAt ?? ''}`;
    const units = new Map((state.cycle?.units ?? []).map((u) => [u.code, u.name]));
    const pickerItems: PickerItem[] = items.map((a) => ({ value: a.association, label: a.name, detail: `${a.association} · ${units.get(a.unit) ?? a.unit}` }));
    reopenPicker.setItems(pickerItems);
    linkPicker.setItems(pickerItems);
  });
  return loadingAssociations;
}

// ---- who has not submitted (a unit's missing count opens it) ----
async function openMissing(row: UnitRow): Promise<void> {
  state.missingUnit = row.code;
  const box = el('missing-box');
  box.dataset.unit = row.code;
  show(box, true);
  setText(el('missing-title'), t('missingTitle', { unit: row.name }));
  setText(el('missing-count'), t('loading'));
  el('missing-list').textContent = '';
  el('missing-title').focus();
  const items = await listAll({ unit: row.code, status: 'missing' });
  if (!items || state.missingUnit !== row.code) return;
  renderMissing(items);
}

function renderMissing(items: readonly ListItem[]): void {
  setText(el('missing-count'), items.length ? t('missingCount', { n: page.count(items.length) }) : t('missingNone'));
  show(el('missing-export'), items.length > 0);
  const units = new Map((state.cycle?.units ?? []).map((u) => [u.code, u.name]));
  const list = el('missing-list');
  list.textContent = '';
  for (const a of items) {
    const li = make('li');
    li.dataset.association = a.association;
    li.appendChild(make('span', 'name', a.name));
    li.appendChild(make('span', 'meta', `${a.association} · ${units.get(a.unit) ?? a.unit}`));
    const dl = make('dl', 'contact-info');
    const add = (key: Key, node: Node) => {
      dl.appendChild(make('dt', null, t(key)));
      const dd = make('dd');
      dd.appendChild(node);
      dl.appendChild(dd);
    };
    if (a.contact) add('cContact', document.createTextNode(a.contact));
    const tel = a.phone ? telHref(a.phone) : null;
    if (a.phone && tel) {
      const link = make('a', 'tel', a.phone);
      link.href = tel;
      link.setAttribute('aria-label', t('callNamed', { phone: a.phone, name: a.name }));
      add('cPhone', link);
    } else if (a.phone) add('cPhone', document.createTextNode(a.phone));
    if (a.email) {
      const mail = make('a', 'mail', a.email);
      mail.href = `mailto:${encodeURI(a.email)}`;
      mail.setAttribute('aria-label', t('mailNamed', { email: a.email, name: a.name }));
      add('cEmail', mail);
    }
    if (dl.childNodes.length) li.appendChild(dl);
    else li.appendChild(make('span', 'meta no-contact', t('noContactInfo')));
    list.appendChild(li);
  }
}

function closeMissing(): void {
  const unit = state.missingUnit;
  state.missingUnit = null;
  show(el('missing-box'), false);
  // Back to the count that opened it.
  if (unit) document.querySelector<HTMLButtonElement>(`#completeness-body button[data-unit="${CSS.escape(unit)}"]`)?.focus();
}

async function exportMissing(): Promise<void> {
  const unit = state.missingUnit;
  if (!unit) return;
  const params = new URLSearchParams({ unit, status: 'missing', format: 'xlsx' });
  await download(el<HTMLButtonElement>('missing-export'), `${cyclePath()}/reports?${params.toString()}`, `chua-nop-${unit}-${state.year ?? ''}.xlsx`);
}

// ---- access links: files for mail merge, one shown, copied, renewed ----
const LINK_FILES: Readonly<Record<string, { query: string; name: (year: string) => string }>> = {
  csv: { query: '', name: (y) => `duong-link-hoi-${y}.csv` },
  xlsx: { query: '?format=xlsx', name: (y) => `duong-link-hoi-${y}.xlsx` },
  'reviewer-csv': { query: '?role=reviewer', name: (y) => `duong-link-can-bo-duyet-${y}.csv` },
  'reviewer-xlsx': { query: '?role=reviewer&format=xlsx', name: (y) => `duong-link-can-bo-duyet-${y}.xlsx` },
};

async function downloadLinks(button: HTMLButtonElement): Promise<void> {
  const file = LINK_FILES[button.dataset.links ?? ''];
  if (file) await download(button, `${cyclePath()}/links${file.query}`, file.name(state.year ?? ''));
}

/** The units in tree order, indented by level, for the reviewer links' choice. */
function fillUnitSelect(rows: readonly UnitRow[]): void {
  const select = el<HTMLSelectElement>('k-unit');
  // The same units (a refresh, the close's polling): the list stays as it is, open or not.
  const signature = rows.map((r) => `${r.code}:${r.name}`).join('|');
  if (select.dataset.units === signature) return;
  select.dataset.units = signature;
  const keep = select.value;
  const root = rows.find((r) => r.parentCode === null);
  select.textContent = '';
  for (const row of rows) {
    const depth = Math.max(0, depthOf(row.level) - depthOf(root?.level ?? 'province'));
    const option = make('option', null, '\u00a0\u00a0\u00a0\u00a0'.repeat(depth) + row.name);
    option.value = row.code;
    select.appendChild(option);
  }
  if (keep && rows.some((r) => r.code === keep)) select.value = keep;
}

type LinkPrefix = 'link' | 'rlink';
/** The link shown in each box: whose, and for what (an association, or a unit's reviewer). */
const shownLinks: Partial<Record<LinkPrefix, { code: string; name: string }>> = {};

async function onShowLink(event: Event, prefix: LinkPrefix): Promise<void> {
  event.preventDefault();
  const form = el<HTMLFormElement>(`${prefix}-form`);
  clearFieldErrors(form);
  fail([]);
  show(el(`${prefix}-result`), false);
  let code: string;
  let name: string;
  let path: string;
  let column: string;
  if (prefix === 'link') {
    const chosen = linkPicker.value();
    const item = chosen ? state.associations?.find((a) => a.association === chosen.value) : undefined;
    if (!chosen || !item) {
      showFieldErrors(form, 'k-', { association: t('needCode') });
      return;
    }
    ({ association: code, name } = item);
    // The association's own unit narrows the list to a few rows.
    path = `${cyclePath()}/links?unit=${encodeURIComponent(item.unit)}`;
    column = 'code';
  } else {
    code = el<HTMLSelectElement>('k-unit').value;
    if (!code) {
      showFieldErrors(form, 'k-', { unit: t('needUnit') });
      return;
    }
    name = state.cycle?.units?.find((u) => u.code === code)?.name ?? code;
    path = `${cyclePath()}/links?role=reviewer&unit=${encodeURIComponent(code)}`;
    column = 'unit';
  }
  busy(form, true);
  const result = await page.api.getText(path);
  busy(form, false);
  if (result.text === null) {
    fail([page.errorOf(result).message]).focus();
    return;
  }
  const row = csvRecords(result.text).find((r) => r[column] === code);
  if (!row?.link) {
    fail([t('noLink', { name })]).focus();
    return;
  }
  showLink(prefix, code, name, row.link);
}

function showLink(prefix: LinkPrefix, code: string, name: string, link: string): void {
  shownLinks[prefix] = { code, name };
  setText(el(`${prefix}-title`), prefix === 'link' ? t('linkOf', { name }) : t('linkOfReviewer', { name }));
  el<HTMLInputElement>(`${prefix}-value`).value = link;
  el(`${prefix}-result`).dataset.code = code;
  setText(el(`${prefix}-copied`), '');
  show(el(`${prefix}-confirm`), false);
  show(el(`${prefix}-result`), true);
  el(`${prefix}-copy`).focus();
}

async function copyLink(prefix: LinkPrefix): Promise<void> {
  const input = el<HTMLInputElement>(`${prefix}-value`);
  const status = el(`${prefix}-copied`);
  status.className = 'copied';
  try {
    await navigator.clipboard.writeText(input.value);
    setText(status, t('copied', { name: shownLinks[prefix]?.name ?? '' }));
    status.classList.add('ok');
  } catch {
    // Without the clipboard (an older browser, a refused permission) the link is selected for Ctrl+C.
    input.focus();
    input.select();
    setText(status, t('copyManual'));
  }
}

function askRenew(prefix: LinkPrefix): void {
  setText(el(`${prefix}-copied`), '');
  setText(el(`${prefix}-confirm-text`), t('confirmRenew', { name: shownLinks[prefix]?.name ?? '' }));
  show(el(`${prefix}-confirm`), true);
  el(`${prefix}-renew-yes`).focus();
}

async function onRenew(prefix: LinkPrefix): Promise<void> {
  const shown = shownLinks[prefix];
  show(el(`${prefix}-confirm`), false);
  if (!shown) return;
  fail([]);
  const path = `${cyclePath()}/links/${encodeURIComponent(shown.code)}${prefix === 'rlink' ? '?role=reviewer' : ''}`;
  const button = el<HTMLButtonElement>(`${prefix}-renew`);
  button.disabled = true;
  const result = await page.api.request<{ link?: string }>('POST', path);
  button.disabled = false;
  if (result.status === 200 && typeof result.data?.link === 'string') {
    showLink(prefix, shown.code, shown.name, result.data.link);
    const status = el(`${prefix}-copied`);
    status.className = 'copied ok';
    setText(status, t('renewed', { name: shown.name }));
    return;
  }
  fail([page.errorOf(result).message]).focus();
}

async function onReopen(event: Event): Promise<void> {
  event.preventDefault();
  if (state.busy) return;
  const form = el<HTMLFormElement>('reopen-form');
  clearFieldErrors(form);
  fail([]);
  const chosen = reopenPicker.value();
  const comment = el<HTMLTextAreaElement>('p-comment').value.trim();
  const errors: Record<string, string> = {};
  if (!chosen) errors.association = t('needCode');
  if (!comment) errors.comment = t('needComment');
  if (!chosen || Object.keys(errors).length) {
    showFieldErrors(form, 'p-', errors);
    return;
  }
  const code = chosen.value;
  busy(form, true);
  const result = await page.api.request<{ name?: string }>('POST', `${cyclePath()}/reports/${encodeURIComponent(code)}/reopen`, { comment });
  busy(form, false);
  if (result.status === 200 && result.data) {
    const name = result.data.name || chosen.label;
    form.reset();
    reopenPicker.clear();
    await loadCycle();
    notice(t('reopenDone', { name }), 'ok').focus();
    return;
  }
  const error = page.errorOf(result);
  if (error.fields) {
    const orphans = showFieldErrors(form, 'p-', error.fields);
    if (orphans.length) fail([error.message, ...orphans]);
    return;
  }
  fail([error.message]).focus();
}

onReady(start);
