// The reviewer's page (GET /review, SPEC sections 1 and 5): its HTML, Vietnamese, each text
// marked with its dictionary key (web/lib/i18n.ts) for the English swap — the report list with
// its search, filters, sort, pages and approval of several reports at once; one report with its
// versions and what changed; the decisions. The script is web/pages/review.ts.
import { RATING_LABELS } from '../domain/labels.ts';
import { SELF_RATINGS } from '../domain/types.ts';
import { completenessTableMarkup, pageShell, signInMarkup, type PageAssets } from './common.ts';
import { escapeHtml, headerTools, marker } from './html.ts';

const { tr, vi } = marker('review');

function field(id: string, labelKey: string, control: string, hintKey?: string, extraClass = ''): string {
  const hint = hintKey ? tr(hintKey, 'p', `class="hint" id="h-${id}"`) : '';
  return `<div class="field${extraClass ? ' ' + extraClass : ''}">
<label for="${id}">${tr(labelKey)}</label>
${hint}
<p class="field-error" id="e-${id}" hidden></p>
${control}
</div>`;
}

function ratingOptions(): string {
  return SELF_RATINGS.map((r) => `<option value="${r}">${escapeHtml(RATING_LABELS[r].vi)}</option>`).join('');
}

export function renderReviewPage(assets: PageAssets): string {
  const statusOptions = ['submitted', 'returned', 'approved', 'missing'].map((s) => `<option value="${s}" data-t="st_${s}">${vi(`st_${s}`)}</option>`).join('');
  const sortOptions = ['name', 'new', 'old', 'status'].map((s) => `<option value="${s}" data-t="sort_${s}">${vi(`sort_${s}`)}</option>`).join('');
  return pageShell(
    vi('docTitle'),
    `<header class="top">
<div class="wrap bar">
<div>
${tr('app', 'p', 'class="app"')}
<h1 id="page-title">${vi('title')}</h1>
<p class="who" id="area" hidden></p>
</div>
${headerTools('review', `<button type="button" class="link" id="sign-out" hidden>${tr('signOut')}</button>`)}
</div>
</header>
<main class="wrap" id="main" tabindex="-1">
<noscript><p class="alert alert-error">Trang này cần JavaScript. / This page needs JavaScript.</p></noscript>
<p class="alert alert-info" id="notice" role="status" tabindex="-1" hidden></p>
<div class="alert alert-error" id="alert" role="alert" tabindex="-1" hidden></div>
${signInMarkup('review')}
<div id="list-view">
<p class="muted" id="cycle-state" hidden></p>
<p class="readonly" id="closed-note" hidden>${vi('cycleNotOpen')}</p>
<section class="panel" id="queue" aria-labelledby="queue-title" hidden>
<div class="section-head">
<h2 id="queue-title" tabindex="-1">${tr('queue')}</h2>
<button type="button" class="secondary" id="refresh">${tr('refresh')}</button>
</div>
<form id="filters" class="filters" novalidate role="search" aria-label="${vi('filtersLabel')}" data-t-label="filtersLabel">
<div class="field field-search"><label for="filter-q">${tr('searchLabel')}</label>${tr('searchHint', 'p', 'class="hint" id="h-filter-q"')}<input type="search" id="filter-q" name="q" maxlength="200" autocomplete="off" spellcheck="false" aria-describedby="h-filter-q"></div>
<div class="field"><label for="filter-unit">${tr('filterUnit')}</label><select id="filter-unit" name="unit"></select></div>
<div class="field"><label for="filter-status">${tr('filterStatus')}</label><select id="filter-status" name="status"><option value="" data-t="allStatuses">${vi('allStatuses')}</option>${statusOptions}</select></div>
<div class="field"><label for="sort">${tr('sortLabel')}</label><select id="sort" name="sort">${sortOptions}</select></div>
<div class="field"><label for="page-size">${tr('sizeLabel')}</label><select id="page-size" name="size"><option value="50">50</option><option value="200">200</option><option value="all" data-t="sizeAll">${vi('sizeAll')}</option></select></div>
<div class="check filter-late"><input type="checkbox" id="filter-late" name="late"><label for="filter-late">${tr('lateOnly')}</label></div>
</form>
<div class="loading" id="list-loading" hidden>
<label for="list-progress" id="list-progress-label">${tr('loadingList')}</label>
<progress id="list-progress"></progress>
</div>
<p class="count" id="queue-count" role="status"></p>
<div class="bulk" id="bulk" hidden>
<div class="check"><input type="checkbox" id="select-all"><label for="select-all" id="select-all-label"></label></div>
<form id="bulk-form" class="choice" novalidate aria-labelledby="bulk-title" hidden>
<h3 id="bulk-title">${tr('bulkTitle')}</h3>
<p id="bulk-selected"></p>
<div class="row">
${field('b-score', 'bulkScore', '<input type="text" id="b-score" name="score" inputmode="numeric" pattern="[0-9]*" maxlength="3" required aria-required="true" aria-describedby="h-b-score" autocomplete="off">', 'scoreHint', 'field-narrow')}
${field('b-rating', 'ratingLabel', `<select id="b-rating" name="rating" aria-describedby="h-b-rating"><option value="" data-t="ownRating">${vi('ownRating')}</option>${ratingOptions()}</select>`, 'bulkRatingHint')}
</div>
<button type="submit" class="primary" id="bulk-button"></button>
</form>
<div class="confirm" id="bulk-confirm" role="group" aria-labelledby="bulk-confirm-text" hidden>
<p id="bulk-confirm-text" tabindex="-1"></p>
<div class="btns"><button type="button" class="primary" id="bulk-yes"></button><button type="button" class="secondary" id="bulk-no">${tr('cancel')}</button></div>
</div>
<p id="bulk-progress" role="status" hidden></p>
<section id="bulk-results" class="bulk-results" aria-labelledby="bulk-results-title" tabindex="-1" hidden>
<h3 id="bulk-results-title"></h3>
<ul id="bulk-results-list"></ul>
</section>
</div>
<ul class="queue" id="queue-list" aria-labelledby="queue-title"></ul>
<p class="empty" id="queue-empty" hidden>${tr('noItems')}</p>
<nav class="pager" id="pager" aria-label="${vi('pagerLabel')}" data-t-label="pagerLabel" hidden>
<button type="button" class="secondary" id="prev">${tr('prevPage')}</button>
<span id="page-info"></span>
<button type="button" class="secondary" id="next">${tr('nextPage')}</button>
</nav>
</section>
<section class="panel" id="completeness" aria-labelledby="completeness-title" hidden>
<h2 id="completeness-title">${tr('completeness')}</h2>
${tr('completenessCaption', 'p', 'class="hint"')}
${completenessTableMarkup('review', 'completeness-body', 'completeness-title')}
</section>
<section class="panel" id="files" aria-labelledby="files-title" hidden>
<h2 id="files-title">${tr('filesTitle')}</h2>
<div id="workbook-line" hidden>
${tr('workbookHint', 'p', 'class="hint" id="h-workbook"')}
<div class="btns"><button type="button" class="secondary" id="workbook-download" data-kind="dlWorkbook" aria-describedby="h-workbook">${tr('dlWorkbook')}</button></div>
</div>
<div id="report-files" hidden>
<p id="report-files-line"></p>
<div class="btns"><button type="button" class="secondary" id="report-pdf" data-kind="dlPdf">${tr('dlPdf')}</button><button type="button" class="secondary" id="report-docx" data-kind="dlDocx">${tr('dlDocx')}</button></div>
</div>
</section>
</div>
<div id="report-view" hidden>
<div class="btns report-nav">
<button type="button" class="secondary" id="back">${tr('back')}</button>
<button type="button" class="secondary" id="copy-link">${tr('copyLink')}</button>
</div>
<section class="panel" aria-labelledby="report-name">
<h2 id="report-name" tabindex="-1"></h2>
<dl class="facts report-facts" id="report-facts"></dl>
</section>
<div class="cols">
<section class="panel reading" aria-labelledby="content-title">
<h2 id="content-title" tabindex="-1">${tr('content')}</h2>
<div class="readonly old-version" id="old-version" hidden>
<p id="old-version-text" tabindex="-1"></p>
<button type="button" class="secondary" id="current-version"></button>
</div>
<div class="changes" id="changes" hidden>
<div class="check"><input type="checkbox" id="show-changes" checked><label for="show-changes" id="show-changes-label"></label></div>
<p id="changes-summary"></p>
</div>
<p class="empty" id="no-content" hidden>${tr('noContent')}</p>
<div id="report-fields"></div>
</section>
<section class="panel decision" aria-labelledby="decide-title">
<h2 id="decide-title">${tr('approveTitle')}</h2>
<p class="muted" id="nothing" hidden></p>
<form id="approve-form" class="choice" novalidate aria-labelledby="approve-title" hidden>
<h3 id="approve-title">${tr('approveTitle')}</h3>
${field('a-score', 'scoreLabel', '<input type="text" id="a-score" name="score" inputmode="numeric" pattern="[0-9]*" maxlength="3" required aria-required="true" aria-describedby="h-a-score" autocomplete="off">', 'scoreHint', 'field-narrow')}
${field('a-rating', 'ratingLabel', `<select id="a-rating" name="rating" aria-describedby="h-a-rating">${ratingOptions()}</select>`, 'ratingHint')}
${field('a-comment', 'approveComment', '<textarea id="a-comment" name="comment" rows="2" maxlength="2000"></textarea>')}
<button type="submit" class="primary">${tr('approveButton')}</button>
</form>
<form id="return-form" class="choice" novalidate aria-labelledby="return-title" hidden>
<h3 id="return-title">${tr('returnTitle')}</h3>
${field('r-comment', 'returnComment', '<textarea id="r-comment" name="comment" rows="3" maxlength="2000" required aria-required="true" aria-describedby="h-r-comment"></textarea>', 'returnHint')}
<button type="submit" class="secondary">${tr('returnButton')}</button>
</form>
<form id="reopen-form" class="choice" novalidate aria-labelledby="reopen-title" hidden>
<h3 id="reopen-title">${tr('reopenTitle')}</h3>
${field('o-comment', 'reopenComment', '<textarea id="o-comment" name="comment" rows="3" maxlength="2000" required aria-required="true"></textarea>')}
<button type="submit" class="secondary">${tr('reopenButton')}</button>
</form>
</section>
<section class="panel" id="history" aria-labelledby="history-title" hidden>
<h2 id="history-title">${tr('history')}</h2>
<ol class="history" id="history-list"></ol>
</section>
</div>
</div>
</main>`,
    assets,
  );
}
