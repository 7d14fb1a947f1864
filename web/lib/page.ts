// What every page's script starts with: the language (Vietnamese unless the reader chose English
// with the switch every page shows), t(), the API client (asking the API for its errors in the
// same language), and the swap of the server's Vietnamese for English (elements marked data-t /
// data-t-label).
import { apiClient, errorOf, type ApiClient, type ApiErrorBody, type ApiResult } from './api.ts';
import { formatCount } from './format.ts';
import { LANG_KEY, langOf, translator, type KeyOf, type Lang, type Section, type Translate } from './i18n.ts';

export interface PageContext<S extends Section> {
  lang: Lang;
  t: Translate<S>;
  api: ApiClient;
  /** the bearer token the API client sends */
  token: string | null;
  /** a count in the page's language */
  count: (n: unknown) => string;
  errorOf: (result: ApiResult<unknown>) => ApiErrorBody;
}

/** The language chosen on this device, if any (storage may be refused: private mode, policies). */
function chosenLang(): string | null {
  try {
    return window.localStorage.getItem(LANG_KEY);
  } catch {
    return null;
  }
}

function chooseLang(lang: Lang): void {
  try {
    window.localStorage.setItem(LANG_KEY, lang);
  } catch {
    /* not remembered: the reload below still shows the page as it was */
  }
}

/** The page's context, with the page's own dictionary section (web/lib/i18n.ts). */
export function pageContext<S extends Section>(section: S): PageContext<S> {
  const lang = langOf(chosenLang());
  const t = translator(section, lang);
  const texts = { network: t('network'), serverError: (status: number) => t('serverError', { status }) };
  const context: PageContext<S> = {
    lang,
    t,
    api: apiClient(() => context.token, lang, texts),
    token: null,
    count: (n) => formatCount(n, lang),
    errorOf: (result) => errorOf(result, texts),
  };
  return context;
}

// What was typed survives the language switch's reload: the fields someone edited on this page
// (input or change events) are kept in this tab's sessionStorage, and the page puts them back
// with restoreTyped() once it has drawn those fields again. Never the token fields.
const TYPED_KEY = 'tongket.typed';
const NEVER_KEPT = new Set(['signin-token', 'link-input']);
const edited = new Set<string>();

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
const isField = (node: EventTarget | null): node is Field =>
  node instanceof HTMLTextAreaElement || node instanceof HTMLSelectElement || (node instanceof HTMLInputElement && !['file', 'password', 'hidden'].includes(node.type));

/** The page as the reader sees it: its path and query without the token (the token is never stored with what was typed). */
function pageKey(): string {
  const params = new URLSearchParams(location.search);
  params.delete('token');
  return `${location.pathname}?${params.toString()}`;
}

function noteEdits(): void {
  const note = (e: Event) => {
    if (isField(e.target) && e.target.id && !NEVER_KEPT.has(e.target.id)) edited.add(e.target.id);
  };
  document.addEventListener('input', note, true);
  document.addEventListener('change', note, true);
}

function keepTyped(): void {
  const values: Record<string, string | boolean> = {};
  for (const id of edited) {
    const node = document.getElementById(id);
    if (!isField(node)) continue;
    values[id] = node instanceof HTMLInputElement && (node.type === 'checkbox' || node.type === 'radio') ? node.checked : node.value;
  }
  try {
    if (Object.keys(values).length > 0) window.sessionStorage.setItem(TYPED_KEY, JSON.stringify({ page: pageKey(), values }));
  } catch {
    /* storage refused: the switch still happens, as before */
  }
}

function readTyped(): { page: string; values: Record<string, string | boolean> } | null {
  try {
    return JSON.parse(window.sessionStorage.getItem(TYPED_KEY) ?? 'null') as { page: string; values: Record<string, string | boolean> } | null;
  } catch {
    return null;
  }
}

/**
 * Puts back what was typed before the language switch, into those of `ids` (all kept, when
 * none is named) that the page has drawn again, then forgets all of it: the first call after the
 * reload is the page drawn again. Answers the ids filled, which count as edited (an input event
 * is sent, so the page knows they differ from the server's).
 */
export function restoreTyped(ids?: readonly string[]): string[] {
  const kept = readTyped();
  if (!kept || kept.page !== pageKey()) return [];
  try {
    window.sessionStorage.removeItem(TYPED_KEY);
  } catch {
    /* read once all the same */
  }
  const filled: string[] = [];
  for (const [id, value] of Object.entries(kept.values)) {
    if (ids && !ids.includes(id)) continue;
    const node = document.getElementById(id);
    if (!isField(node)) continue;
    if (typeof value === 'boolean' && node instanceof HTMLInputElement) node.checked = value;
    else node.value = String(value);
    node.dispatchEvent(new Event('input', { bubbles: true }));
    filled.push(id);
  }
  return filled;
}

export interface TranslateOptions {
  /** Done before the page reloads in the other language (the form keeps what was just typed). */
  beforeSwitch?: () => Promise<void> | void;
  /** What was typed is kept for the reload, and the page calls restoreTyped() once it has drawn its fields. */
  keepTyped?: boolean;
}

/**
 * The language switch (#lang-switch, in every page's header) wired, then, in English, every
 * marked element given its English text (and the document its title). The switch remembers the
 * choice and reloads the page: every text the scripts wrote is written again in the new
 * language, and the page's state comes back from where it is kept (the token in storage, the
 * form's draft in IndexedDB, what was typed elsewhere in sessionStorage: restoreTyped).
 */
export function translatePage<S extends Section>(context: PageContext<S>, options: TranslateOptions = {}): void {
  const { t } = context;
  const button = document.getElementById('lang-switch');
  if (button) {
    // The button names the other language in that language, for screen readers too.
    button.setAttribute('lang', context.lang === 'en' ? 'vi' : 'en');
    if (options.keepTyped) noteEdits();
    button.addEventListener('click', () => {
      button.setAttribute('aria-disabled', 'true');
      chooseLang(context.lang === 'en' ? 'vi' : 'en');
      if (options.keepTyped) keepTyped();
      void (async () => {
        try {
          await options.beforeSwitch?.();
        } finally {
          location.reload();
        }
      })();
    });
  }
  if (context.lang !== 'en') return;
  document.documentElement.lang = 'en';
  for (const node of document.querySelectorAll<HTMLElement>('[data-t]')) node.textContent = t(node.dataset.t as KeyOf<S>);
  for (const node of document.querySelectorAll<HTMLElement>('[data-t-label]')) node.setAttribute('aria-label', t(node.dataset.tLabel as KeyOf<S>));
  document.title = t('docTitle' as KeyOf<S>);
}
