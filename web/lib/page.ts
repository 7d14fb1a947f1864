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

export interface TranslateOptions {
  /** Done before the page reloads in the other language (the form keeps what was just typed). */
  beforeSwitch?: () => Promise<void> | void;
}

/**
 * The language switch (#lang-switch, in every page's header) wired, then, in English, every
 * marked element given its English text (and the document its title). The switch remembers the
 * choice and reloads the page: every text the scripts wrote is written again in the new
 * language, and the page's state comes back from where it is kept (the token in storage, the
 * form's draft in IndexedDB).
 */
export function translatePage<S extends Section>(context: PageContext<S>, options: TranslateOptions = {}): void {
  const { t } = context;
  const button = document.getElementById('lang-switch');
  if (button) {
    // The button names the other language in that language, for screen readers too.
    button.setAttribute('lang', context.lang === 'en' ? 'vi' : 'en');
    button.addEventListener('click', () => {
      button.setAttribute('aria-disabled', 'true');
      chooseLang(context.lang === 'en' ? 'vi' : 'en');
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
