// What every page's script starts with: the language, t(), the API client, and the swap of the
// server's Vietnamese for English (elements marked data-t / data-t-label).
import { apiClient, errorOf, type ApiClient, type ApiErrorBody, type ApiResult } from './api.ts';
import { formatCount } from './format.ts';
import { langOf, translator, type KeyOf, type Lang, type Section, type Translate } from './i18n.ts';

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

/** The page's context, with the page's own dictionary section (web/lib/i18n.ts). */
export function pageContext<S extends Section>(section: S): PageContext<S> {
  const lang = langOf(navigator.languages, navigator.language);
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

/** In English, every marked element gets its English text (and the document its title). */
export function translatePage<S extends Section>(context: PageContext<S>): void {
  if (context.lang !== 'en') return;
  const { t } = context;
  document.documentElement.lang = 'en';
  for (const node of document.querySelectorAll<HTMLElement>('[data-t]')) node.textContent = t(node.dataset.t as KeyOf<S>);
  for (const node of document.querySelectorAll<HTMLElement>('[data-t-label]')) node.setAttribute('aria-label', t(node.dataset.tLabel as KeyOf<S>));
  document.title = t('docTitle' as KeyOf<S>);
}
