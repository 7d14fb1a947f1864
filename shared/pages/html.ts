// The HTML every page shares: escaping and the document head (one set of meta tags for all).

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface Asset {
  file: string;
  version: string;
}

/** `<!doctype html>` through `</head>`: scripts are external and deferred (the CSP allows no inline code). */
export function documentHead(title: string, css: readonly Asset[], js: readonly Asset[]): string {
  return [
    '<!doctype html>',
    '<html lang="vi">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(title)}</title>`,
    ...css.map((a) => `<link rel="stylesheet" href="assets/${a.file}?v=${a.version}">`),
    ...js.map((a) => `<script src="assets/${a.file}?v=${a.version}" defer></script>`),
    '</head>',
  ].join('\n');
}
