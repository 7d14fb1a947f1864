// The markup /review and /province share: the page shell, the sign-in panel and the
// completeness table (their scripts: web/lib/signin.ts and web/lib/completeness.ts).
import { DICTIONARY } from '../../web/lib/i18n.ts';
import { documentHead, escapeHtml, marker, type Page, type PageAssets } from './html.ts';

export type { PageAssets };

export function pageShell(title: string, body: string, assets: PageAssets): string {
  return `${documentHead(title, assets)}
<body class="wide">
<a class="skip" href="#main" data-t="skip">${escapeHtml(DICTIONARY.common.skip[0])}</a>
${body}
</body>
</html>
`;
}

/** The sign-in panel: shown when the page was opened without a token. */
export function signInMarkup(page: Page): string {
  const { tr } = marker(page);
  return `<section class="panel" id="signin" aria-labelledby="signin-title" hidden>
${tr('signInTitle', 'h2', 'id="signin-title"')}
${tr('signInHelp', 'p', 'class="hint"')}
<form id="signin-form" novalidate>
<div class="field">
<label for="signin-token">${tr('signInToken')}</label>
<p class="field-error" id="e-signin-token" hidden></p>
<textarea id="signin-token" name="token" rows="3" autocomplete="off" spellcheck="false" required aria-required="true"></textarea>
</div>
<div class="field field-narrow">
<label for="signin-year">${tr('signInYear')}</label>
<p class="field-error" id="e-signin-year" hidden></p>
<input type="text" id="signin-year" name="year" inputmode="numeric" pattern="[0-9]*" maxlength="4" required aria-required="true">
</div>
<button type="submit" class="primary">${tr('signInButton')}</button>
</form>
</section>`;
}

/** The completeness table's markup (its body filled by the script). */
export function completenessTableMarkup(page: Page, id: string, labelledBy: string): string {
  const { tr, vi } = marker(page);
  const cols = ['colExpected', 'colSubmitted', 'colApproved', 'colReturned', 'colMissing', 'colLate'];
  return `<div class="table-wrap" tabindex="0" role="region" aria-label="${vi('tableScroll')}" data-t-label="tableScroll">
<table class="data" aria-labelledby="${labelledBy}">
<thead><tr><th scope="col">${tr('colUnit')}</th>${cols.map((c) => `<th scope="col">${tr(c)}</th>`).join('')}</tr></thead>
<tbody id="${id}"></tbody>
</table>
</div>`;
}
