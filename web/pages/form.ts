// The association's form page (GET /, SPEC sections 1, 4 and 7): reads the access link
// (?year=…&token=…) and keeps it on this device, loads GET /cycles/{year}/reports/{association}
// and submits with PUT. Without a working link it shows the "lost link" panel: a box to paste
// the link, and the office to call.
import type { ReportView } from '../../shared/app/reports.ts';
import { isPastDeadline } from '../../shared/domain/deadline.ts';
import { NUMERIC_FIGURES, SELF_RATINGS, type ReportFields } from '../../shared/domain/types.ts';
import { contactOf, officeContact, officeSentence, rememberContact, type OfficeContact } from '../lib/contact.ts';
import { clearFieldErrors, el, make, onReady, setText, show, showFieldErrors as showFormErrors } from '../lib/dom.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';
import {
  AFFECTS,
  checkField,
  checkReport,
  FIELD_ORDER,
  groupDigits,
  MONEY_FIELDS,
  regroup,
  TEXT_LIMITS,
  textLength,
  type FieldName,
  type LimitedText,
  type RawReport,
  type Say,
} from '../lib/form-checks.ts';
import { fieldHint } from '../lib/form-hints.ts';
import { form as formTexts } from '../lib/i18n.ts';
import { kept, newIdempotencyKey, type Kept, type QueuedSubmission } from '../lib/offline-store.ts';
import { pageContext, translatePage } from '../lib/page.ts';
import { decodePayload, forget, isExpired, readCredentials, readPastedLink, remember, type Credentials } from '../lib/token.ts';

const PREFIX = 'tongket';
/** The association's link is kept on the device (localStorage) until "Thoát". */
const KEEP = 'local' as const;
const TEXT_FIELDS = ['achievements', 'limitations', 'proposals', 'submittedBy'] as const;
const LIMITED = Object.keys(TEXT_LIMITS) as LimitedText[];
const STATUSES = ['none', 'submitted', 'approved', 'returned'] as const;
/** A counter shows from this share of the limit on. */
const COUNTER_FROM = 0.8;
/** The counter is announced once typing pauses this long, not at every key. */
const ANNOUNCE_AFTER_MS = 1200;
/** What is typed is kept on the phone once typing pauses this long. */
const DRAFT_AFTER_MS = 300;
/**
 * While a submission waits or the page shows the copy kept on the phone, the server is tried
 * again this often: the browser's `online` event comes late or never on a weak mobile network.
 */
const RETRY_EVERY_MS = 10_000;

interface SubmitResult {
  version: number;
  late: boolean;
}

/** A field's error: the page's own check, or the server's (kept until the value sent changes). */
interface FieldError {
  message: string;
  fromServer: boolean;
  sent: string;
}

const page = pageContext(formTexts);
const { t } = page;
const say: Say = { t, count: (n) => page.count(n) };
const SEPARATOR = page.lang === 'en' ? ',' : '.';
const state: { year: string | null; association: string | null; busy: boolean; contact: OfficeContact | null; kept: Kept<RawReport, ReportView> | null; offline: boolean } = {
  year: null,
  association: null,
  busy: false,
  contact: null,
  kept: null,
  offline: false,
};
let draftTimer: number | undefined;
let retryTimer: number | undefined;
const errors = new Map<FieldName, FieldError>();
let announceTimer: number | undefined;

const field = <T extends HTMLElement = HTMLInputElement>(name: string): T => el<T>(`f-${name}`);
const isMoney = (name: string): boolean => (MONEY_FIELDS as readonly string[]).includes(name);

function ratingLabel(value: string): string {
  return (SELF_RATINGS as readonly string[]).includes(value) ? t(`r_${value as (typeof SELF_RATINGS)[number]}`) : value;
}

function actorLabel(by: string): string {
  const i = by.indexOf(':');
  const role = i < 0 ? by : by.slice(0, i);
  const who = i < 0 ? '' : by.slice(i + 1);
  if (role === 'association') return t('byAssociation');
  if (role === 'reviewer') return who ? t('byReviewerOf', { unit: who }) : t('byReviewer');
  if (role === 'province') return t('byProvince');
  return by;
}

/** The language switch wired; in English: the labels, the rating options and the marked texts. */
function translateForm(): void {
  translatePage(page, { beforeSwitch: keepTypedNow });
  if (page.lang !== 'en') return;
  for (const name of FIELD_ORDER) {
    const label = document.querySelector(`[data-field="${name}"] .label-text`);
    if (label) setText(label, t(`f_${name}`));
  }
  for (const name of FIELD_ORDER) setText(el(`h-${name}`), fieldHint(name, 'en'));
  for (const option of field<HTMLSelectElement>('selfRating').options) {
    if (option.value) setText(option, ratingLabel(option.value));
  }
}

// ---- the office to call ----
function office(): string {
  return state.contact?.name ?? t('officeGeneric');
}

/** A sentence ending with the office, followed by its phone (a tel: link) when known. */
function officeLine(key: 'linkProblem' | 'checkLink' | 'closedReason' | 'contactAsk' | 'footerWith' | 'linkExpired', vars: Record<string, string> = {}): Node[] {
  return officeSentence(t(key, { ...vars, office: office() }), state.contact, { phone: t('phoneWord'), email: t('emailWord') });
}

function fillWith(node: HTMLElement, nodes: readonly Node[]): void {
  node.textContent = '';
  for (const n of nodes) node.appendChild(n);
}

/** The contact wherever the page names whom to call: the lost-link panel and the footer. */
function renderContact(): void {
  state.contact = officeContact();
  fillWith(el('contact-line'), officeLine('contactAsk'));
  if (state.contact) fillWith(el('footer-text'), officeLine('footerWith'));
}

// ---- messages at the top ----
function notice(text: string, kind?: 'ok'): HTMLElement {
  const node = el('notice');
  node.className = `alert ${kind === 'ok' ? 'alert-ok' : 'alert-info'}`;
  setText(node, text);
  show(node, !!text);
  return node;
}
type Line = string | readonly Node[];
function alertError(lines: readonly Line[]): HTMLElement {
  const node = el('alert');
  node.textContent = '';
  for (const line of lines) {
    if (!line || line.length === 0) continue;
    const p = make('p');
    if (typeof line === 'string') setText(p, line);
    else for (const n of line) p.appendChild(n);
    node.appendChild(p);
  }
  show(node, node.childNodes.length > 0);
  return node;
}
function networkProblem(): void {
  alertError([t('networkKeep')]);
}
/** Says something politely to a screen reader (the visible page says it too). */
function announce(text: string): void {
  const live = el('live');
  setText(live, '');
  window.setTimeout(() => setText(live, text), 50);
}

// ---- the API ----
function reportPath(): string {
  return `cycles/${encodeURIComponent(state.year ?? '')}/reports/${encodeURIComponent(state.association ?? '')}`;
}

// ---- the lost link ----
/** No working link: the panel to paste one (the form stays when it holds what was typed). */
function openLostLink(lines: readonly Line[], options: { keepForm?: boolean } = {}): void {
  page.token = null;
  alertError(lines);
  renderContact();
  const year = el<HTMLInputElement>('link-year');
  if (!year.value && state.year) year.value = state.year;
  show(el('sign-out'), false);
  show(el('lost-link'), true);
  if (!options.keepForm) {
    show(el('report-form'), false);
    show(el('status-panel'), false);
    show(el('history-panel'), false);
    show(el('assoc-name'), false);
  }
}

function onLinkSubmit(event: Event): void {
  event.preventDefault();
  const linkForm = el<HTMLFormElement>('link-form');
  const input = el<HTMLTextAreaElement>('link-input');
  const yearInput = el<HTMLInputElement>('link-year');
  clearFieldErrors(linkForm);
  const pasted = readPastedLink(input.value);
  if (pasted.year) yearInput.value = pasted.year;
  const year = yearInput.value.trim();
  const problems: Record<string, string> = {};
  const payload = decodePayload(pasted.token);
  if (!pasted.token) problems.input = t('linkEmpty');
  else if (!payload) problems.input = t('linkUnreadable');
  else if (payload.role !== 'association' || typeof payload.association !== 'string') problems.input = t('notAssociation');
  else if (isExpired(payload, Date.now())) problems.input = `${t('linkExpired', { office: office() })}.`;
  if (pasted.token && !/^\d{4}$/.test(year)) problems.year = t('needYear');
  if (Object.keys(problems).length) {
    showFormErrors(linkForm, 'link-', problems);
    return;
  }
  // What was typed in the form (a link renewed while filling it in) is kept.
  const typed = el('report-form').hidden ? null : readRaw();
  remember(PREFIX, pasted.token, year, KEEP);
  input.value = '';
  begin({ token: pasted.token, year }, typed);
}

/** Starts with a token and a year: checked as far as the page can, then the report loaded. */
function begin(credentials: Credentials, typed: RawReport | null = null): void {
  if (credentials.year && /^\d{4}$/.test(credentials.year)) state.year = credentials.year;
  if (!credentials.token) {
    openLostLink([]);
    return;
  }
  if (!credentials.year || !/^\d{4}$/.test(credentials.year)) {
    openLostLink([t('noLinkYear')]);
    return;
  }
  const payload = decodePayload(credentials.token);
  if (!payload || isExpired(payload, Date.now())) {
    forget(PREFIX, KEEP);
    openLostLink([officeLine('linkProblem')]);
    return;
  }
  if (payload.role !== 'association' || typeof payload.association !== 'string') {
    forget(PREFIX, KEEP);
    openLostLink([t('notAssociation')]);
    return;
  }
  page.token = credentials.token;
  state.association = payload.association;
  state.kept = kept<RawReport, ReportView>(state.year ?? '', payload.association);
  alertError([]);
  show(el('lost-link'), false);
  setText(el('v-year'), state.year);
  void load({ typed });
}

function signOut(): void {
  forget(PREFIX, KEEP);
  state.association = null;
  state.kept = null;
  window.clearTimeout(draftTimer);
  window.clearTimeout(retryTimer);
  saveState(null);
  el<HTMLFormElement>('report-form').reset();
  clearErrors();
  for (const name of LIMITED) updateCounter(name, false);
  el('history-list').textContent = '';
  setText(el('page-title'), t('title'));
  document.title = t('docTitle');
  openLostLink([]);
  notice(t('signedOut'), 'ok').focus();
}

// ---- showing the report ----
async function load(options: { typed?: RawReport | null; after?: () => void } = {}): Promise<void> {
  notice(t('loadingReport'));
  const store = state.kept;
  // The draft kept on this phone is read while the report loads, so that the form opens with
  // it: read after the form was shown, the report's own values showed for a moment first.
  const keptDraft = options.typed ? undefined : store?.readDraft().catch(() => undefined);
  const result = await page.api.request<ReportView>('GET', reportPath());
  notice('');
  // Only now: installing it fetches the page's files again, which on a weak connection would
  // compete with the report this secretary opened the page for.
  registerServiceWorker();
  state.offline = result.status === 0;
  if (result.status === 200 && result.data) {
    const draft = await keptDraft;
    render(result.data, options.typed ?? draft ?? null);
    await store?.saveView(result.data);
    await afterRender(result.data, !!options.typed || !!draft);
  } else if (result.status === 0) {
    // No network: the report as last loaded on this phone, with what was typed since.
    const view = await store?.readView();
    if (view) {
      const draft = await keptDraft;
      render(view, options.typed ?? draft ?? null);
      await afterRender(view, !!options.typed || !!draft);
      notice(t('offlineView'));
      retryLater();
    } else {
      networkProblem();
    }
  } else if (result.status === 401) {
    forget(PREFIX, KEEP);
    openLostLink([officeLine('linkProblem')]);
  } else {
    openLostLink([page.errorOf(result).message, officeLine('checkLink')]);
  }
  options.after?.();
}

// ---- on this phone: the draft, the queue, and the line saying where the report stands ----
type SaveState = { kind: 'draft' } | { kind: 'queued' } | { kind: 'sent'; version: number } | { kind: 'returned'; version: number; comment: string } | null;

function stateText(to: NonNullable<SaveState>): string {
  switch (to.kind) {
    case 'draft':
      return t('stDraft');
    case 'queued':
      return t('stQueued');
    case 'sent':
      return t('stSent', { n: to.version });
    case 'returned':
      return t('stReturned', { n: to.version });
  }
}

/**
 * The line saying where the report stands, in a live region (role=status) that is always in
 * the page, empty when there is nothing to say: a region that appears already filled (hidden →
 * shown) is not announced by screen readers, one whose text changes is. A returned report's
 * comment is said too, for the ear only (it is shown just above).
 */
function saveState(to: SaveState): void {
  const node = el('save-state');
  const text = to ? stateText(to) : '';
  const heard = to?.kind === 'returned' && to.comment ? t('stReturnedComment', { text: to.comment }) : '';
  node.className = `save-state${to ? ` save-${to.kind}` : ''}`;
  // The same words again are not announced again.
  if (node.textContent === (heard ? `${text} ${heard}` : text)) return;
  node.textContent = '';
  if (!text) return;
  node.append(text);
  if (heard) node.append(' ', make('span', 'sr-only', heard));
}

const formLocked = (): boolean => el<HTMLFieldSetElement>('form-body').disabled;

/** After a view is shown (with what was typed, or the draft kept on the phone, over it): the queue's state said, the queue sent. */
async function afterRender(view: ReportView, typed: boolean): Promise<void> {
  const store = state.kept;
  if (!store) return;
  const queued = await store.readQueued();
  // A locked form (approved, or the cycle no longer open) showed the report, not the draft.
  const drafting = typed && !formLocked();
  if (queued) saveState({ kind: 'queued' });
  else if (drafting) saveState({ kind: 'draft' });
  else if (view.status === 'returned' && view.version > 0) saveState({ kind: 'returned', version: view.version, comment: view.comment ?? '' });
  else saveState(view.version > 0 ? { kind: 'sent', version: view.version } : null);
  if (queued && navigator.onLine !== false) void sendQueued();
}

function keepDraft(): void {
  window.clearTimeout(draftTimer);
  const store = state.kept;
  if (!store || formLocked()) return;
  draftTimer = window.setTimeout(() => {
    draftTimer = undefined;
    void (async () => {
      if (!(await store.saveDraft(readRaw()))) return;
      if (state.kept !== store) return;
      if (!(await store.readQueued())) saveState({ kind: 'draft' });
    })();
  }, DRAFT_AFTER_MS);
}

/** What typing just paused on, kept now rather than after the pause (the page is about to reload). */
async function keepTypedNow(): Promise<void> {
  if (draftTimer === undefined) return;
  window.clearTimeout(draftTimer);
  draftTimer = undefined;
  const store = state.kept;
  if (store && !formLocked()) await store.saveDraft(readRaw());
}

/** The connection may be back: the waiting submission sent, else the report loaded again (a comment may be there). */
async function reconnect(): Promise<void> {
  const store = state.kept;
  if (!store || !page.token) return;
  if (state.busy) {
    retryLater();
    return;
  }
  if (await store.readQueued()) await sendQueued();
  else if (state.offline) {
    // What is typed is in the draft (kept now if typing just paused): the view, then the draft over it.
    await keepTypedNow();
    await load();
  }
}

function retryLater(): void {
  window.clearTimeout(retryTimer);
  retryTimer = window.setTimeout(() => void reconnect(), RETRY_EVERY_MS);
}

/** The submission waiting on this phone, sent again with its own Idempotency-Key. */
async function sendQueued(): Promise<void> {
  const store = state.kept;
  if (!store || state.busy) return;
  const item = await store.readQueued();
  if (item) await send(item, store);
}

function render(view: ReportView, typed: RawReport | null): void {
  const cycle: Partial<ReportView['cycle']> = view.cycle ?? {};
  // The office of this cycle, remembered for the day the link no longer works.
  rememberContact(contactOf(cycle.contact));
  renderContact();
  const year = String(cycle.year ?? state.year);
  const name = view.name || view.association;
  setText(el('assoc-name'), name);
  show(el('assoc-name'), true);
  show(el('sign-out'), true);
  document.title = t('docTitleNamed', { name, year });
  setText(el('page-title'), t('titleYear', { year }));
  setText(el('v-name'), t('codeOf', { name, code: view.association }));
  setText(el('v-year'), year);
  setText(el('v-deadline'), cycle.deadline ? formatDate(cycle.deadline) : '—');

  const status = view.status ?? 'none';
  const known = (STATUSES as readonly string[]).includes(status);
  const badge = el('v-status');
  badge.className = `badge badge-${known ? status : 'none'}`;
  setText(badge, known ? t(`fst_${status}`) : status);
  show(el('v-late'), !!view.late);
  setText(el('v-version'), view.version > 0 ? t('versionN', { n: view.version }) : t('noVersion'));

  const approved = status === 'approved';
  let result = '';
  if (approved) {
    const parts: string[] = [];
    if (view.score != null) parts.push(t('scoreN', { n: view.score }));
    if (view.rating) parts.push(t('ratingIs', { rating: ratingLabel(view.rating) }));
    result = parts.join(' · ');
  }
  setText(el('v-result'), result);
  show(el('t-result'), !!result);
  show(el('v-result'), !!result);

  const box = el('comment-box');
  const returned = status === 'returned';
  box.className = `comment${returned ? ' returned' : ''}`;
  setText(el('comment-title'), returned ? t('commentTitleReturned') : t('commentTitle'));
  setText(el('comment-text'), view.comment ?? '');
  show(box, !!view.comment);

  const open = cycle.status === 'open';
  const reasonNode = el('readonly-reason');
  let locked = false;
  if (!open) {
    const known = cycle.status === 'closing' || cycle.status === 'draft' || cycle.status === 'published' || cycle.status === 'close_failed';
    const stateText = known ? t(`fcy_${cycle.status as 'closing' | 'draft' | 'published' | 'close_failed'}`) : t('fcy_other');
    fillWith(reasonNode, officeLine('closedReason', { year, state: stateText }));
    locked = true;
  } else if (approved) {
    setText(reasonNode, t('lockedReason'));
    locked = true;
  } else {
    setText(reasonNode, '');
  }
  show(reasonNode, locked);
  // The API's own rule (shared/domain/deadline.ts) says it beforehand: a submission now counts as late.
  const lateNote = open && !approved && !!cycle.deadline && isPastDeadline(cycle.deadline, Date.now());
  setText(el('late-note'), lateNote ? t('lateNote') : '');
  show(el('late-note'), lateNote);
  show(el('status-panel'), true);

  fill(view.report);
  if (typed && !locked) restore(typed);
  clearErrors();
  el<HTMLFieldSetElement>('form-body').disabled = locked;
  show(el('actions'), !locked);
  setText(el('submit-button'), view.version > 0 ? t('resubmit', { n: view.version + 1 }) : t('submit'));
  show(el('report-form'), true);

  renderHistory(view.history ?? []);
}

function moneyText(n: number): string {
  return groupDigits(String(n), SEPARATOR);
}

function fill(report: ReportFields | null): void {
  if (!report) return;
  for (const name of NUMERIC_FIGURES) {
    const value = report[name];
    field(name).value = typeof value === 'number' ? (isMoney(name) ? moneyText(value) : String(value)) : '';
  }
  for (const name of TEXT_FIELDS) {
    const value = report[name];
    field<HTMLInputElement | HTMLTextAreaElement>(name).value = typeof value === 'string' ? value : '';
  }
  field<HTMLSelectElement>('selfRating').value = report.selfRating || '';
  field('nominate').checked = report.nominate === true;
  for (const name of LIMITED) updateCounter(name, false);
}

/** What the form holds now, as typed. */
function readRaw(): RawReport {
  const raw = { nominate: field('nominate').checked } as RawReport;
  for (const name of FIELD_ORDER) {
    if (name !== 'nominate') (raw as Record<string, unknown>)[name] = field<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(name).value;
  }
  return raw;
}

function restore(raw: RawReport): void {
  for (const name of FIELD_ORDER) {
    if (name === 'nominate') field('nominate').checked = raw.nominate;
    else field<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(name).value = raw[name];
  }
  for (const name of LIMITED) updateCounter(name, false);
}

function renderHistory(history: ReportView['history']): void {
  const list = el('history-list');
  list.textContent = '';
  for (const h of [...history].reverse()) {
    const item = make('li');
    const head = make('div');
    const action = ['submitted', 'approved', 'returned', 'reopened'].includes(h.action) ? t(`fac_${h.action as 'submitted'}`) : h.action;
    head.appendChild(make('span', 'what', `${t('versionN', { n: h.version })} · ${action}`));
    head.appendChild(make('span', 'when', `${formatDateTime(h.at)} · ${actorLabel(String(h.by ?? ''))}`));
    item.appendChild(head);
    if (h.comment) item.appendChild(make('p', 'note', t('commentIs', { text: h.comment })));
    list.appendChild(item);
  }
  show(el('history-panel'), history.length > 0);
}

// ---- the character counters ----
function counterShown(name: string): boolean {
  const node = document.getElementById(`c-${name}`);
  return !!node && !node.hidden;
}

/** The control's description: its error (when it has one), its hint, its counter (when shown). */
function describe(name: FieldName): void {
  const ids = [errors.has(name) ? `e-${name}` : null, `h-${name}`, counterShown(name) ? `c-${name}` : null].filter(Boolean);
  field(name).setAttribute('aria-describedby', ids.join(' '));
}

/** Shows the counter from 80 % of the limit; over the limit it turns to an error. */
function updateCounter(name: LimitedText, typed: boolean): void {
  const max = TEXT_LIMITS[name];
  const n = textLength(field<HTMLInputElement | HTMLTextAreaElement>(name).value);
  const node = el(`c-${name}`);
  const visible = n >= Math.ceil(max * COUNTER_FROM);
  const over = n > max;
  const text = !visible
    ? ''
    : over
      ? t('counterOver', { over: say.count(n - max), max: say.count(max) })
      : t('counterLeft', { left: say.count(max - n), n: say.count(n), max: say.count(max) });
  const changed = node.textContent !== text;
  setText(node, text);
  show(node, visible);
  node.classList.toggle('over', over);
  describe(name);
  if (typed && changed && visible) {
    // Politely, once typing pauses: a screen reader hears "còn 312 ký tự", not every key.
    window.clearTimeout(announceTimer);
    announceTimer = window.setTimeout(() => announce(node.textContent ?? ''), ANNOUNCE_AFTER_MS);
  }
}

// ---- errors: next to each field, and in a summary at the top ----
function rawText(raw: RawReport, name: FieldName): string {
  return String(raw[name]);
}

function summaryItem(name: FieldName, message: string): HTMLLIElement {
  const item = make('li');
  item.dataset.field = name;
  const control = field(name);
  const label = control.closest('.field')?.querySelector('.label-text')?.textContent ?? name;
  const link = make('a');
  link.append(make('span', 'summary-label', `${label}:`), ' ', make('span', null, message));
  link.href = `#f-${name}`;
  link.addEventListener('click', (event) => {
    event.preventDefault();
    control.closest('.field')?.scrollIntoView({ block: 'start' });
    control.focus({ preventScroll: true });
  });
  item.appendChild(link);
  return item;
}

/** Each field's error under its label, wired to the control. */
function renderFieldError(name: FieldName): void {
  const error = errors.get(name);
  const control = field(name);
  const slot = el(`e-${name}`);
  setText(slot, error?.message ?? '');
  show(slot, !!error);
  if (error) control.setAttribute('aria-invalid', 'true');
  else control.removeAttribute('aria-invalid');
  control.closest('.field')?.classList.toggle('has-error', !!error);
  describe(name);
}

function clearErrors(): void {
  errors.clear();
  for (const name of FIELD_ORDER) renderFieldError(name);
  el('error-summary-list').textContent = '';
  show(el('error-summary'), false);
}

/** Every error of a submission at once, in the form's order; the summary gets the focus. */
function showErrors(fields: Readonly<Record<string, unknown>>, fromServer: boolean, raw: RawReport): void {
  clearErrors();
  const list = el('error-summary-list');
  for (const name of FIELD_ORDER) {
    if (!Object.hasOwn(fields, name)) continue;
    const message = String(fields[name]);
    errors.set(name, { message, fromServer, sent: rawText(raw, name) });
    renderFieldError(name);
    list.appendChild(summaryItem(name, message));
  }
  // A field the form has no control for (the API's own names): said as the API says it.
  for (const name of Object.keys(fields)) {
    if (!(FIELD_ORDER as readonly string[]).includes(name)) list.appendChild(make('li', null, `${name}: ${String(fields[name])}`));
  }
  const summary = el('error-summary');
  show(summary, true);
  summary.focus();
}

/**
 * After a change to a field: the errors it settles are cleared (or their message updated),
 * under the field and in the summary. No new error appears while typing; a server's error
 * stays until the value it was about changes.
 */
function recheck(changed: FieldName): void {
  const raw = readRaw();
  let cleared = false;
  for (const name of AFFECTS[changed] ?? [changed]) {
    const error = errors.get(name);
    if (!error) continue;
    const untouched = error.fromServer && rawText(raw, name) === error.sent;
    if (untouched) continue;
    const problem = checkField(name, raw, say);
    const item = el('error-summary-list').querySelector<HTMLElement>(`li[data-field="${name}"]`);
    if (problem) {
      if (problem === error.message) continue;
      errors.set(name, { message: problem, fromServer: false, sent: rawText(raw, name) });
      item?.replaceWith(summaryItem(name, problem));
    } else {
      errors.delete(name);
      item?.remove();
      cleared = true;
    }
    renderFieldError(name);
  }
  if (!cleared) return;
  const left = el('error-summary-list').childElementCount;
  if (left === 0) show(el('error-summary'), false);
  announce(left === 0 ? t('allFixed') : t('remaining', { n: left }));
}

function nameOf(target: EventTarget | null): FieldName | null {
  const id = (target as HTMLElement | null)?.id ?? '';
  const name = id.startsWith('f-') ? id.slice(2) : '';
  return (FIELD_ORDER as readonly string[]).includes(name) ? (name as FieldName) : null;
}

function onFieldInput(event: Event): void {
  const name = nameOf(event.target);
  if (!name) return;
  if (event.type === 'input' && isMoney(name)) {
    const input = field(name);
    const next = regroup(input.value, input.selectionStart ?? input.value.length, SEPARATOR);
    if (next.value !== input.value) {
      input.value = next.value;
      if (document.activeElement === input) input.setSelectionRange(next.caret, next.caret);
    }
  }
  if ((LIMITED as readonly string[]).includes(name)) updateCounter(name as LimitedText, event.type === 'input');
  recheck(name);
  keepDraft();
}

/** Backspace just after a thousands separator deletes the digit before it (and Delete the one after). */
function onMoneyKey(event: KeyboardEvent): void {
  const input = event.target as HTMLInputElement;
  if (!isMoney(nameOf(input) ?? '') || event.ctrlKey || event.altKey || event.metaKey) return;
  const at = input.selectionStart;
  if (at === null || at !== input.selectionEnd) return;
  if (event.key === 'Backspace' && at > 0 && /[.,]/.test(input.value[at - 1] ?? '')) input.setSelectionRange(at - 1, at - 1);
  if (event.key === 'Delete' && /[.,]/.test(input.value[at] ?? '')) input.setSelectionRange(at + 1, at + 1);
}

/** Enter in a one-line field does not send the report (in a textarea it is a new line, as usual). */
function onKeydown(event: KeyboardEvent): void {
  if (event.key !== 'Enter' || event.isComposing) return;
  if ((event.target as HTMLElement | null)?.tagName === 'INPUT') event.preventDefault();
}

// ---- submitting ----
function setBusy(busy: boolean): void {
  state.busy = busy;
  const button = el<HTMLButtonElement>('submit-button');
  button.disabled = busy;
  el('report-form').setAttribute('aria-busy', busy ? 'true' : 'false');
  if (busy) setText(button, t('sending'));
}

async function onSubmit(event: Event): Promise<void> {
  event.preventDefault();
  if (state.busy || el<HTMLFieldSetElement>('form-body').disabled) return;
  alertError([]);
  notice('');
  const raw = readRaw();
  const checked = checkReport(raw, say);
  if (Object.keys(checked.problems).length) {
    showErrors(checked.problems, false, raw);
    return;
  }
  // One Idempotency-Key per submission, kept with it: every retry of it is the same submission.
  const item: QueuedSubmission = { key: newIdempotencyKey(), body: checked.body, queuedAt: new Date().toISOString() };
  const store = state.kept;
  window.clearTimeout(draftTimer);
  draftTimer = undefined;
  await store?.saveDraft(raw);
  const queued = (await store?.queue(item)) ?? false;
  await send(item, queued ? store : null, raw);
}

/**
 * Sends a submission. `store` holds it queued: it leaves the queue on an answer (success or a
 * 4xx) and stays on none (no network, the answer lost) to be sent again, with the same key,
 * when the connection returns or the page is opened again.
 */
async function send(item: QueuedSubmission, store: Kept<RawReport, ReportView> | null, typed: RawReport = readRaw()): Promise<void> {
  if (state.busy) return;
  const button = el('submit-button');
  const label = button.textContent ?? '';
  setBusy(true);
  const result = await page.api.request<SubmitResult>('PUT', reportPath(), item.body, { 'Idempotency-Key': item.key });
  setBusy(false);
  setText(button, label);
  if (result.status === 0 || result.status >= 500) {
    if (store) {
      saveState({ kind: 'queued' });
      retryLater();
      if (result.status === 0) return;
    }
    if (result.status === 0) {
      networkProblem();
      el('alert').focus();
      return;
    }
  } else if (store) {
    await store.unqueue();
  }
  if (result.status === 200 && result.data) {
    await store?.clearDraft();
    await state.kept?.clearDraft();
    clearErrors();
    const done = [t('submittedVersion', { n: result.data.version }), ...(result.data.late ? [t('countsLate')] : []), t('awaitsReview')].join(' ');
    await load({
      after: () => {
        const node = notice(done, 'ok');
        window.scrollTo(0, 0);
        node.focus();
      },
    });
    return;
  }
  if (store && result.status < 500) saveState({ kind: 'draft' });
  const error = page.errorOf(result);
  if (result.status === 422 && error.fields) {
    showErrors(error.fields, true, typed);
  } else if (result.status === 401) {
    forget(PREFIX, KEEP);
    window.scrollTo(0, 0);
    openLostLink([officeLine('linkProblem'), t('stillOnPage')], { keepForm: true });
    el('alert').focus();
  } else if (result.status === 409) {
    // Locked or closed meanwhile: say so, then show the report as it now stands.
    await load({
      after: () => {
        window.scrollTo(0, 0);
        alertError([error.message]).focus();
      },
    });
  } else {
    window.scrollTo(0, 0);
    alertError([error.message]).focus();
  }
}

let serviceWorkerAsked = false;

/** The service worker (web/sw: the page shell kept for opening with no network), where the browser has them; once. */
function registerServiceWorker(): void {
  if (serviceWorkerAsked || !('serviceWorker' in navigator)) return;
  serviceWorkerAsked = true;
  // Under Trusted Types the script URL is a TrustedScriptURL: a policy that allows this one file.
  const tt = (window as unknown as { trustedTypes?: { createPolicy(name: string, rules: { createScriptURL(url: string): string }): { createScriptURL(url: string): unknown } } }).trustedTypes;
  const url = 'sw.js';
  let scriptUrl: unknown = url;
  try {
    if (tt) scriptUrl = tt.createPolicy('tongket-sw', { createScriptURL: (u) => (u === url ? u : '') }).createScriptURL(url);
  } catch {
    return;
  }
  navigator.serviceWorker.register(scriptUrl as string).catch(() => {
    /* the form works online without it */
  });
}

function start(): void {
  translateForm();
  renderContact();
  const reportForm = el('report-form');
  reportForm.addEventListener('submit', (event) => void onSubmit(event));
  reportForm.addEventListener('keydown', onKeydown);
  reportForm.addEventListener('keydown', onMoneyKey);
  reportForm.addEventListener('input', onFieldInput);
  reportForm.addEventListener('change', onFieldInput);
  el('link-form').addEventListener('submit', onLinkSubmit);
  el('sign-out').addEventListener('click', signOut);
  // The connection back, or the phone picked up again: what waits is sent, a stale view reloaded.
  window.addEventListener('online', () => void reconnect());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void reconnect();
  });
  begin(readCredentials(PREFIX, KEEP));
}

onReady(start);
