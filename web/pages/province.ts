// The province office's page (GET /province, SPEC sections 1, 2, 3 and 6): open a cycle,
// import the registry, follow completeness (table and bars), trigger the close and watch its
// steps, read and change a draft awaiting sign-off and publish it, download every published
// revision, reopen one report after close.
// Opened as /province?year=…&token=….
import type { CycleView } from '../../shared/app/cycles.ts';
import type { PeriodListItem } from '../../shared/app/periods.ts';
import { CLOSE_STEPS } from '../../shared/domain/close-steps.ts';
import { LEVELS } from '../../shared/domain/types.ts';
import { completenessTable, type UnitRow } from '../lib/completeness.ts';
import { clearFieldErrors, el, make, maybeEl, message, onReady, readFile, setText, show, showFieldErrors } from '../lib/dom.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';
import { province as provinceTexts } from '../lib/i18n.ts';
import { pageContext, translatePage } from '../lib/page.ts';
import { signIn, type SignedIn } from '../lib/signin.ts';
import { remember, setYearInUrl } from '../lib/token.ts';

let signedIn: SignedIn | undefined;
const PREFIX = 'tongket.province';

interface ImportAnswer {
  units: number;
  associations: number;
  expected: number;
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
} = {
  year: null,
  cycle: null,
  polling: null,
  busy: false,
  documentEdited: false,
};

const notice = (text: string, kind = 'info') => message(el('notice'), text ? [text] : [], kind);
const fail = (lines: readonly (string | Node)[]) => message(el('alert'), lines, 'error');
const cyclePath = () => `cycles/${encodeURIComponent(state.year ?? '')}`;
const value = (id: string) => el<HTMLInputElement>(id).value.trim();

function start(): void {
  translatePage(page);
  el('open-form').addEventListener('submit', (e) => void onOpen(e));
  el('registry-form').addEventListener('submit', (e) => void onImport(e));
  el('close-button').addEventListener('click', askClose);
  el('confirm-close').addEventListener('click', () => void onClose());
  el('cancel-close').addEventListener('click', () => {
    show(el('confirm'), false);
    el('close-button').focus();
  });
  el('reopen-form').addEventListener('submit', (e) => void onReopen(e));
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
  });
  signedIn = signIn(page, { prefix: PREFIX, roles: ['province'], fail, currentYear: () => state.year ?? null, onSignedIn: (credentials) => {
    setYear(credentials.year);
    void loadCycle();
    void loadPeriods();
  } });
}

function setYear(year: string | number): void {
  state.year = String(year);
  setYearInUrl(state.year);
  remember(PREFIX, null, state.year);
  setText(el('page-title'), t('titleYear', { year: state.year }));
  document.title = `${t('titleYear', { year: state.year })} — Tổng kết`;
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
  setText(el('n-expected'), page.count(n.expected));
  setText(el('n-approved'), page.count(n.approved));
  setText(el('n-pending'), page.count(Math.max(0, (n.submitted ?? 0) - (n.approved ?? 0) - (n.returned ?? 0))));
  setText(el('n-returned'), page.count(n.returned));
  setText(el('n-missing'), page.count(n.missing));
  setText(el('n-late'), page.count(n.late));

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
  show(el('downloads-box'), (c.revision || 0) > 0);

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
  completenessTable(el('completeness-body'), rows, root?.level ?? 'province', page.count);
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
  { key: 'dlCsv', path: 'commendations?format=csv&link=1&revision=', name: (year: number, n: number) => `khen-thuong-${year}-r${n}.csv` },
  { key: 'dlJson', path: 'summary?revision=', name: (year: number, n: number) => `tong-hop-${year}-r${n}.json` },
] as const;

/** A button that downloads `path` (with the bearer token) under `name`, and says how it went. */
function downloadButton(key: (typeof DOWNLOADS)[number]['key'] | (typeof DRAFT_DOWNLOADS)[number]['key'], path: string, name: string): HTMLButtonElement {
  const button = make('button', 'secondary', t(key));
  button.type = 'button';
  button.dataset.kind = key;
  button.addEventListener('click', () => {
    button.disabled = true;
    void page.api.download(path, name).then((result) => {
      button.disabled = false;
      if (result.ok) notice(t('downloaded', { name: result.name }), 'ok');
      else fail([result.error.message]);
    });
  });
  return button;
}

function renderDownloads(): void {
  const c = state.cycle!;
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

async function onImport(event: Event): Promise<void> {
  event.preventDefault();
  if (state.busy) return;
  const form = el<HTMLFormElement>('registry-form');
  clearFieldErrors(form);
  fail([]);
  const box = el('registry-result');
  show(box, false);
  const units = el<HTMLInputElement>('g-units');
  const associations = el<HTMLInputElement>('g-associations');
  const missing: Record<string, string> = {};
  if (!units.files?.length) missing.units = t('needFile');
  if (!associations.files?.length) missing.associations = t('needFile');
  if (Object.keys(missing).length) {
    showFieldErrors(form, 'g-', missing);
    return;
  }
  busy(form, true);
  let texts: (string | null)[];
  try {
    texts = await Promise.all([readFile(units), readFile(associations)]);
  } catch {
    busy(form, false);
    fail([t('network')]);
    return;
  }
  const result = await page.api.request<ImportAnswer>('PUT', `${cyclePath()}/registry`, { units: texts[0], associations: texts[1] });
  busy(form, false);
  if (result.status === 200 && result.data) {
    const d = result.data;
    message(box, [t('imported', { units: page.count(d.units), associations: page.count(d.associations), expected: page.count(d.expected), year: state.year ?? '' })], 'ok');
    box.focus();
    void loadCycle();
    return;
  }
  const error = page.errorOf(result);
  const parts: (string | Node)[] = [error.message];
  const problems = error.problems ?? [];
  if (problems.length) {
    const ul = make('ul', 'problems');
    for (const p of problems) {
      let file = String(p.file ?? '');
      if (file && !/\.csv$/i.test(file)) file += '.csv';
      ul.appendChild(make('li', null, p.line ? t('problemLine', { file, line: p.line, message: p.message }) : t('problemFile', { file, message: p.message })));
    }
    parts.push(ul);
  }
  message(box, parts, 'error');
  box.focus();
}

async function onReopen(event: Event): Promise<void> {
  event.preventDefault();
  if (state.busy) return;
  const form = el<HTMLFormElement>('reopen-form');
  clearFieldErrors(form);
  fail([]);
  const code = value('p-association');
  const comment = el<HTMLTextAreaElement>('p-comment').value.trim();
  const errors: Record<string, string> = {};
  if (!code) errors.association = t('needCode');
  if (!comment) errors.comment = t('needComment');
  if (Object.keys(errors).length) {
    showFieldErrors(form, 'p-', errors);
    return;
  }
  busy(form, true);
  const result = await page.api.request<{ name?: string }>('POST', `${cyclePath()}/reports/${encodeURIComponent(code)}/reopen`, { comment });
  busy(form, false);
  if (result.status === 200 && result.data) {
    const name = result.data.name || code;
    form.reset();
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
