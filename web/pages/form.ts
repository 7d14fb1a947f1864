// The association's form page (GET /, SPEC sections 1, 4 and 7): reads the access link
// (?year=…&token=…), loads GET /cycles/{year}/reports/{association} and submits with PUT.
import type { ReportView } from '../../shared/app/reports.ts';
import { isPastDeadline } from '../../shared/domain/deadline.ts';
import { REPORT_FIELD_LABELS } from '../../shared/domain/labels.ts';
import { NUMERIC_FIGURES, SELF_RATINGS, type ReportFields } from '../../shared/domain/types.ts';
import { el, make, onReady, setText, show } from '../lib/dom.ts';
import { formatDate, formatDateTime } from '../lib/format.ts';
import { fieldHint } from '../lib/form-hints.ts';
import { form as formTexts } from '../lib/i18n.ts';
import { pageContext, translatePage } from '../lib/page.ts';
import { decodePayload, forget, isExpired, readCredentials } from '../lib/token.ts';

const PREFIX = 'tongket';
const NUMBER_FIELDS = NUMERIC_FIGURES;
const TEXT_FIELDS = ['achievements', 'limitations', 'proposals', 'submittedBy'] as const;
/** Every field in the form's order (the SPEC's, section 4), as the domain lists them. */
const ALL_FIELDS = Object.keys(REPORT_FIELD_LABELS) as (keyof ReportFields)[];
const STATUSES = ['none', 'submitted', 'approved', 'returned'] as const;

interface SubmitResult {
  version: number;
  late: boolean;
}

const page = pageContext(formTexts);
const { t } = page;
const state: { year: string | null; association: string | null; busy: boolean } = { year: null, association: null, busy: false };

const field = <T extends HTMLElement = HTMLInputElement>(name: string): T => el<T>(`f-${name}`);

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

/** In English: the labels, the rating options and the marked texts. */
function translateForm(): void {
  if (page.lang !== 'en') return;
  translatePage(page);
  for (const name of ALL_FIELDS) {
    const label = document.querySelector(`[data-field="${name}"] .label-text`);
    if (label) setText(label, t(`f_${name}`));
  }
  for (const name of ALL_FIELDS) setText(el(`h-${name}`), fieldHint(name, 'en'));
  for (const option of field<HTMLSelectElement>('selfRating').options) {
    if (option.value) setText(option, ratingLabel(option.value));
  }
}

// ---- messages at the top ----
function notice(text: string, kind?: 'ok'): HTMLElement {
  const node = el('notice');
  node.className = `alert ${kind === 'ok' ? 'alert-ok' : 'alert-info'}`;
  setText(node, text);
  show(node, !!text);
  return node;
}
function alertError(lines: readonly string[]): HTMLElement {
  const node = el('alert');
  node.textContent = '';
  for (const line of lines) if (line) node.appendChild(make('p', null, line));
  show(node, node.childNodes.length > 0);
  return node;
}
function networkProblem(): void {
  alertError([t('networkKeep')]);
}

// ---- the API ----
function reportPath(): string {
  return `cycles/${encodeURIComponent(state.year ?? '')}/reports/${encodeURIComponent(state.association ?? '')}`;
}

// ---- showing the report ----
async function load(afterLoad?: () => void): Promise<void> {
  notice(t('loadingReport'));
  const result = await page.api.request<ReportView>('GET', reportPath());
  notice('');
  if (result.status === 200 && result.data) {
    render(result.data);
  } else if (result.status === 0) {
    networkProblem();
  } else if (result.status === 401) {
    forget(PREFIX);
    alertError([t('linkProblem')]);
    show(el('report-form'), false);
  } else {
    alertError([page.errorOf(result).message, t('checkLink')]);
    show(el('report-form'), false);
  }
  afterLoad?.();
}

function render(view: ReportView): void {
  const cycle: Partial<ReportView['cycle']> = view.cycle ?? {};
  const year = String(cycle.year ?? state.year);
  const name = view.name || view.association;
  setText(el('assoc-name'), name);
  show(el('assoc-name'), true);
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
  let reason = '';
  if (!open) {
    const known = cycle.status === 'closing' || cycle.status === 'draft' || cycle.status === 'published' || cycle.status === 'close_failed';
    reason = t('closedReason', { year, state: known ? t(`fcy_${cycle.status as 'closing' | 'draft' | 'published' | 'close_failed'}`) : t('fcy_other') });
  } else if (approved) {
    reason = t('lockedReason');
  }
  setText(el('readonly-reason'), reason);
  show(el('readonly-reason'), !!reason);
  // The API's own rule (shared/domain/deadline.ts) says it beforehand: a submission now counts as late.
  const lateNote = open && !approved && !!cycle.deadline && isPastDeadline(cycle.deadline, Date.now());
  setText(el('late-note'), lateNote ? t('lateNote') : '');
  show(el('late-note'), lateNote);
  show(el('status-panel'), true);

  fill(view.report);
  clearErrors();
  el<HTMLFieldSetElement>('form-body').disabled = !!reason;
  show(el('actions'), !reason);
  setText(el('submit-button'), view.version > 0 ? t('resubmit', { n: view.version + 1 }) : t('submit'));
  show(el('report-form'), true);

  renderHistory(view.history ?? []);
}

function fill(report: ReportFields | null): void {
  if (!report) return;
  for (const name of NUMBER_FIELDS) field(name).value = typeof report[name] === 'number' ? String(report[name]) : '';
  for (const name of TEXT_FIELDS) {
    const value = report[name];
    field<HTMLInputElement | HTMLTextAreaElement>(name).value = typeof value === 'string' ? value : '';
  }
  field<HTMLSelectElement>('selfRating').value = report.selfRating || '';
  field('nominate').checked = report.nominate === true;
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

// ---- errors next to the fields ----
function clearErrors(): void {
  for (const name of ALL_FIELDS) {
    const control = field(name);
    control.removeAttribute('aria-invalid');
    control.setAttribute('aria-describedby', `h-${name}`);
    const slot = el(`e-${name}`);
    setText(slot, '');
    show(slot, false);
    control.closest('.field')?.classList.remove('has-error');
  }
  el('error-summary-list').textContent = '';
  setText(el('error-summary-text'), '');
  show(el('error-summary'), false);
}

function showFieldErrors(fields: Readonly<Record<string, string>>, text?: string): void {
  clearErrors();
  const list = el('error-summary-list');
  for (const name of Object.keys(fields)) {
    const problem = String(fields[name]);
    const control = (ALL_FIELDS as readonly string[]).includes(name) ? field(name) : null;
    const item = make('li');
    if (control) {
      const slot = el(`e-${name}`);
      setText(slot, problem);
      show(slot, true);
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', `e-${name} h-${name}`);
      const wrapper = control.closest('.field');
      wrapper?.classList.add('has-error');
      const labelText = wrapper?.querySelector('.label-text');
      const link = make('a', null, (labelText ? `${labelText.textContent ?? ''}: ` : '') + problem);
      link.href = `#f-${name}`;
      link.addEventListener('click', (event) => {
        event.preventDefault();
        control.focus();
      });
      item.appendChild(link);
    } else {
      setText(item, `${name}: ${problem}`);
    }
    list.appendChild(item);
  }
  setText(el('error-summary-text'), text ?? '');
  show(el('error-summary'), true);
  // Fields in the form's order, so the first invalid one is the first on screen.
  const first = ALL_FIELDS.find((name) => Object.hasOwn(fields, name));
  if (first) field(first).focus();
  else el('error-summary').focus();
}

// ---- submitting ----
function collect(): { body: Record<string, unknown>; problems: Record<string, string> } {
  const body: Record<string, unknown> = {};
  const problems: Record<string, string> = {};
  for (const name of NUMBER_FIELDS) {
    let raw = field(name).value.replace(/\s+/g, '');
    if (raw === '') continue; // empty: the API's default applies (members: the API says it is required)
    if (/^\d{1,3}(\.\d{3})+$/.test(raw)) raw = raw.replace(/\./g, ''); // 1.200.000 written the Vietnamese way
    if (!/^\d+$/.test(raw)) {
      problems[name] = t('digitsOnly');
      continue;
    }
    body[name] = Number(raw);
  }
  const rating = field<HTMLSelectElement>('selfRating').value;
  if (rating) body.selfRating = rating;
  body.nominate = field('nominate').checked;
  for (const name of TEXT_FIELDS) {
    const value = field<HTMLInputElement | HTMLTextAreaElement>(name).value;
    if (value !== '' || name !== 'submittedBy') body[name] = value;
  }
  return { body, problems };
}

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
  const collected = collect();
  if (Object.keys(collected.problems).length) {
    showFieldErrors(collected.problems, t('notSent'));
    return;
  }
  const label = el('submit-button').textContent ?? '';
  setBusy(true);
  const result = await page.api.request<SubmitResult>('PUT', reportPath(), collected.body);
  setBusy(false);
  setText(el('submit-button'), label);
  if (result.status === 200 && result.data) {
    clearErrors();
    const done = [t('submittedVersion', { n: result.data.version }), ...(result.data.late ? [t('countsLate')] : []), t('awaitsReview')].join(' ');
    await load(() => {
      const node = notice(done, 'ok');
      window.scrollTo(0, 0);
      node.focus();
    });
    return;
  }
  if (result.status === 0) {
    networkProblem();
    el('alert').focus();
    return;
  }
  const error = page.errorOf(result);
  if (result.status === 422 && error.fields) {
    showFieldErrors(error.fields, error.message);
  } else if (result.status === 401) {
    forget(PREFIX);
    window.scrollTo(0, 0);
    alertError([t('linkProblem'), t('stillOnPage')]).focus();
  } else if (result.status === 409) {
    // Locked or closed meanwhile: say so, then show the report as it now stands.
    await load(() => {
      window.scrollTo(0, 0);
      alertError([error.message]).focus();
    });
  } else {
    window.scrollTo(0, 0);
    alertError([error.message]).focus();
  }
}

function start(): void {
  translateForm();
  el('report-form').addEventListener('submit', (event) => void onSubmit(event));
  const credentials = readCredentials(PREFIX);
  if (!credentials.token) {
    alertError([t('noLinkToken')]);
    return;
  }
  if (!credentials.year || !/^\d{4}$/.test(credentials.year)) {
    alertError([t('noLinkYear')]);
    return;
  }
  const payload = decodePayload(credentials.token);
  if (!payload) {
    alertError([t('linkProblem')]);
    return;
  }
  if (payload.role !== 'association' || typeof payload.association !== 'string') {
    alertError([t('notAssociation')]);
    return;
  }
  if (isExpired(payload, Date.now())) {
    forget(PREFIX);
    alertError([t('linkProblem')]);
    return;
  }
  page.token = credentials.token;
  state.year = credentials.year;
  state.association = payload.association;
  setText(el('v-year'), state.year);
  void load();
}

onReady(start);
