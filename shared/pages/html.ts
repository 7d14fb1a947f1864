// The HTML every page shares: escaping, the document head (one set of meta tags for all), and
// texts marked with their dictionary key (web/lib/i18n.ts): Vietnamese in the markup,
// swapped for English by the page's script.
import { entriesOf, type Page } from '../../web/lib/i18n.ts';
import { escapeHtml } from './escape.ts';

export { escapeHtml };

/** The built files a page loads: hashed names (web/build.ts), served under assets/. */
export interface PageAssets {
  css: readonly string[];
  js: readonly string[];
}

/** `<!doctype html>` through `</head>`: scripts are external and deferred (the CSP allows no inline code). */
export function documentHead(title: string, assets: PageAssets): string {
  return [
    '<!doctype html>',
    '<html lang="vi">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(title)}</title>`,
    ...assets.css.map((file) => `<link rel="stylesheet" href="assets/${escapeHtml(file)}">`),
    ...assets.js.map((file) => `<script src="assets/${escapeHtml(file)}" defer></script>`),
    '</head>',
  ].join('\n');
}

export type { Page };

/** A page's markers: tr() an element with its text's key, vi() the Vietnamese text alone. */
export function marker(page: Page) {
  const entries = entriesOf(page);
  const vi = (key: string): string => {
    const entry = entries[key];
    if (!entry) throw new Error(`no dictionary entry ${page}.${key}`);
    return entry[0];
  };
  const tr = (key: string, tag = 'span', attrs = ''): string =>
    `<${tag}${attrs ? ' ' + attrs : ''} data-t="${escapeHtml(key)}">${escapeHtml(vi(key))}</${tag}>`;
  return { tr, vi };
}

/**
 * The header's controls: the language switch (every page, named in the other language: see
 * web/lib/page.ts) before the page's own (Thoát). Pages are Vietnamese whatever the browser says.
 */
export function headerTools(page: Page, own: string): string {
  const { tr } = marker(page);
  return `<div class="tools">
${tr('otherLang', 'button', 'type="button" class="link" id="lang-switch" lang="en"')}
${own}
</div>`;
}
