// The province office's page (GET /province, SPEC sections 1, 2, 3 and 6): its HTML,
// Vietnamese, each text marked with its dictionary key (web/lib/i18n.ts) for the English swap.
// The script is web/pages/province.ts.
import { DEFAULT_AWARDS, DEFAULT_MIN_SCORE, DEFAULT_QUOTA_PERCENT } from '../domain/labels.ts';
import { LEVELS } from '../domain/types.ts';
import { completenessTableMarkup, pageShell, signInMarkup, type PageAssets } from './common.ts';
import { escapeHtml, headerTools, marker } from './html.ts';

const { tr, vi } = marker('province');


function field(id: string, labelKey: string, control: string, hintKey?: string, extraClass = ''): string {
  const hint = hintKey ? tr(hintKey, 'p', `class="hint" id="h-${id}"`) : '';
  return `<div class="field${extraClass ? ' ' + extraClass : ''}">
<label for="${id}">${tr(labelKey)}</label>
${hint}
<p class="field-error" id="e-${id}" hidden></p>
${control}
</div>`;
}
const described = (id: string) => `aria-describedby="h-${id}"`;
const textInput = (id: string, name: string, extra = '') => `<input type="text" id="${id}" name="${name}" ${described(id)}${extra ? ' ' + extra : ''}>`;

function openFormMarkup(): string {
  return `<form id="open-form" novalidate>
${tr('openHelp', 'p', 'class="hint"')}
${field('o-year', 'oYear', '<input type="text" id="o-year" name="year" inputmode="numeric" pattern="[0-9]*" maxlength="4" required aria-required="true">', undefined, 'field-narrow')}
${field('o-deadline', 'oDeadline', `<input type="date" id="o-deadline" name="deadline" ${described('o-deadline')}>`, 'oDeadlineHint', 'field-narrow')}
${field('o-issuer', 'oIssuer', `<textarea id="o-issuer" name="issuer" rows="3" ${described('o-issuer')}></textarea>`, 'oIssuerHint')}
${field(
  'o-issuerKind',
  'oIssuerKind',
  `<select id="o-issuerKind" name="issuerKind"><option value="" data-t="oKindAuto">${escapeHtml(vi('oKindAuto'))}</option><option value="party" data-t="oKindParty">${escapeHtml(vi('oKindParty'))}</option><option value="state" data-t="oKindState">${escapeHtml(vi('oKindState'))}</option></select>`,
)}
${field('o-documentNumber', 'oDocumentNumber', textInput('o-documentNumber', 'documentNumber', 'maxlength="80"'), 'oDocumentNumberHint')}
${field('o-reportDate', 'oReportDate', `<input type="date" id="o-reportDate" name="reportDate" ${described('o-reportDate')}>`, 'oReportDateHint', 'field-narrow')}
${field('o-place', 'oPlace', textInput('o-place', 'place', 'maxlength="120"'), 'oPlaceHint')}
${field('o-specialLabel', 'oSpecialLabel', textInput('o-specialLabel', 'specialLabel', 'maxlength="200"'), 'oSpecialLabelHint')}
<fieldset class="group">
<legend>${tr('oCommendation')}</legend>
<div class="grid">
${field('o-commendation.quotaPercent', 'oQuota', `<input type="text" id="o-commendation.quotaPercent" name="quotaPercent" inputmode="decimal" placeholder="${DEFAULT_QUOTA_PERCENT}" maxlength="6">`)}
${field('o-commendation.minScore', 'oMinScore', `<input type="text" id="o-commendation.minScore" name="minScore" inputmode="decimal" placeholder="${DEFAULT_MIN_SCORE}" maxlength="6">`)}
</div>
${LEVELS
  .map((level) =>
    field(
      `o-commendation.awards.${level}`,
      `oAward${level[0]!.toUpperCase()}${level.slice(1)}`,
      `<input type="text" id="o-commendation.awards.${level}" name="award-${level}" maxlength="200" placeholder="${escapeHtml(DEFAULT_AWARDS[level])}">`,
    ),
  )
  .join('\n')}
</fieldset>
<fieldset class="group">
<legend>${tr('oContact')}</legend>
${tr('oContactHelp', 'p', 'class="hint"')}
<div class="grid">
${field('o-contact.name', 'oContactName', '<input type="text" id="o-contact.name" name="contactName" maxlength="120" autocomplete="off">')}
${field('o-contact.phone', 'oContactPhone', '<input type="tel" id="o-contact.phone" name="contactPhone" maxlength="40" autocomplete="off">')}
</div>
${field('o-contact.email', 'oContactEmail', '<input type="email" id="o-contact.email" name="contactEmail" maxlength="254" autocomplete="off">')}
</fieldset>
<button type="submit" class="primary">${tr('openButton')}</button>
</form>`;
}

/** The sign-off of a draft (SPEC section 3): its downloads, the document details, the publication. */
function signOffMarkup(): string {
  const area = (id: string, name: string, rows: number, maxlength: number) =>
    `<textarea id="${id}" name="${name}" rows="${rows}" maxlength="${maxlength}" ${described(id)}></textarea>`;
  return `<section class="panel" id="signoff" aria-labelledby="signoff-title" hidden>
<h2 id="signoff-title">${tr('signOffTitle')}</h2>
${tr('signOffHelp', 'p', 'class="hint"')}
<p class="muted" id="draft-line" role="status"></p>
<ul class="downloads" id="draft-downloads"></ul>
<form id="document-form" novalidate>
${field('d-documentNumber', 'oDocumentNumber', textInput('d-documentNumber', 'documentNumber', 'maxlength="80"'), 'oDocumentNumberHint')}
${field('d-reportDate', 'oReportDate', `<input type="date" id="d-reportDate" name="reportDate" ${described('d-reportDate')}>`, 'oReportDateHint', 'field-narrow')}
${field('d-signer.lines', 'dSignerLines', area('d-signer.lines', 'signerLines', 4, 500), 'dSignerLinesHint')}
${field('d-signer.name', 'dSignerName', textInput('d-signer.name', 'signerName', 'maxlength="120"'), 'dSignerNameHint')}
${field('d-recipients', 'dRecipients', area('d-recipients', 'recipients', 5, 6000), 'dRecipientsHint')}
<fieldset class="group">
<legend>${tr('dNarrative')}</legend>
${tr('dNarrativeHint', 'p', 'class="hint"')}
${field('d-narrative.results', 'dResults', area('d-narrative.results', 'results', 6, 20000))}
${field('d-narrative.limitations', 'dLimitations', area('d-narrative.limitations', 'limitations', 6, 20000))}
${field('d-narrative.direction', 'dDirection', area('d-narrative.direction', 'direction', 6, 20000))}
${field('d-narrative.proposals', 'dProposals', area('d-narrative.proposals', 'proposals', 6, 20000))}
</fieldset>
<button type="submit" class="primary">${tr('saveDraftButton')}</button>
</form>
<div class="btns"><button type="button" class="primary" id="publish-button">${tr('publishButton')}</button></div>
<div class="confirm" id="confirm-publish" role="group" aria-labelledby="confirm-publish-text" hidden>
<p id="confirm-publish-text"></p>
<div class="btns"><button type="button" class="danger primary" id="confirm-publish-yes">${tr('confirmPublishButton')}</button><button type="button" class="secondary" id="cancel-publish">${tr('cancel')}</button></div>
</div>
</section>`;
}

const STAT = (id: string, key: string, cls: string) => `<li class="${cls}" id="${id}-box"><span class="num" id="${id}">0</span>${tr(key, 'span', `class="lbl" id="${id}-label"`)}</li>`;

/**
 * A searchable picker (web/lib/combobox.ts): an input with role="combobox", its listbox and
 * a polite status line that says how many match.
 */
function comboboxMarkup(id: string, labelKey: string, hintKey: string): string {
  return `<div class="field combo">
<label for="${id}" id="l-${id}">${tr(labelKey)}</label>
${tr(hintKey, 'p', `class="hint" id="h-${id}"`)}
<p class="field-error" id="e-${id}" hidden></p>
<div class="combo-wrap">
<input type="text" id="${id}" name="${id}" role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="${id}-list" aria-describedby="h-${id}" autocomplete="off" spellcheck="false">
<ul class="combo-list" id="${id}-list" role="listbox" aria-labelledby="l-${id}" hidden></ul>
</div>
<p class="combo-status" id="${id}-status" role="status"></p>
</div>`;
}

/** A link shown for copying or renewing (an association's, or a unit reviewer's). */
function linkResultMarkup(prefix: string): string {
  return `<div class="link-result" id="${prefix}-result" hidden>
<h4 id="${prefix}-title"></h4>
<div class="field">
<label for="${prefix}-value">${tr('linkLabel')}</label>
<input type="text" id="${prefix}-value" readonly spellcheck="false">
</div>
<div class="btns"><button type="button" class="secondary" id="${prefix}-copy">${tr('copyLink')}</button><button type="button" class="secondary" id="${prefix}-renew">${tr('renewLink')}</button></div>
<p class="copied" id="${prefix}-copied" role="status"></p>
<div class="confirm" id="${prefix}-confirm" role="group" aria-labelledby="${prefix}-confirm-text" hidden>
<p id="${prefix}-confirm-text"></p>
<div class="btns"><button type="button" class="danger primary" id="${prefix}-renew-yes">${tr('confirmRenewButton')}</button><button type="button" class="secondary" id="${prefix}-renew-no">${tr('cancel')}</button></div>
</div>
</div>`;
}

/** Who no reminder or notice can reach: expected associations without email (filled by web/lib/unreachable.ts). */
function unreachableMarkup(): string {
  return `<section class="panel" id="unreachable" aria-labelledby="unreachable-title" hidden>
<h2 id="unreachable-title">${tr('unreachableTitle')}</h2>
${tr('unreachableHelp', 'p', 'class="hint"')}
<p id="unreachable-count"></p>
<details id="unreachable-details">
<summary id="unreachable-summary"></summary>
<ul class="contacts" id="unreachable-list"></ul>
</details>
</section>`;
}

/** Access links (SPEC section 7): every association's as a file for mail merge, one shown, copied or renewed; the reviewers' per unit. */
function linksMarkup(): string {
  const dl = (kind: string, textKey: string, about: string) => `<button type="button" class="secondary" data-links="${kind}" aria-describedby="${about}">${tr(textKey)}</button>`;
  return `<section class="panel" id="links" aria-labelledby="links-title" hidden>
<h2 id="links-title">${tr('linksTitle')}</h2>
${tr('linksHelp', 'p', 'class="hint"')}
${tr('linksAll', 'h3', 'id="links-all-title"')}
<div class="btns">${dl('csv', 'dlLinksCsv', 'links-all-title')}${dl('xlsx', 'dlLinksXlsx', 'links-all-title')}</div>
${tr('linksOne', 'h3')}
<form id="link-form" class="row" novalidate>
${comboboxMarkup('k-association', 'lAssociation', 'rAssociationHint')}
<button type="submit" class="secondary">${tr('showLink')}</button>
</form>
${linkResultMarkup('link')}
${tr('reviewerLinks', 'h3', 'id="reviewer-links-title"')}
${tr('reviewerLinksHelp', 'p', 'class="hint"')}
<div class="btns">${dl('reviewer-csv', 'dlLinksCsv', 'reviewer-links-title')}${dl('reviewer-xlsx', 'dlLinksXlsx', 'reviewer-links-title')}</div>
<form id="rlink-form" class="row" novalidate>
${field('k-unit', 'lUnit', '<select id="k-unit" name="unit"></select>')}
<button type="submit" class="secondary">${tr('showLink')}</button>
</form>
${linkResultMarkup('rlink')}
</section>`;
}

/** The registry import (SPEC section 2): a workbook or CSV files, a dry run that shows what would change, then the import. */
function registryMarkup(): string {
  return `<section class="panel" id="registry" aria-labelledby="registry-title">
<h2 id="registry-title">${tr('registryTitle')}</h2>
<p id="registry-now"></p>
${tr('registryHelp', 'p', 'class="hint"')}
<p><a class="button" id="template-link" href="assets/registry-template.xlsx" download>${tr('templateLink')}</a></p>
<form id="registry-form" novalidate>
<fieldset class="group">
<legend>${tr('workbookGroup')}</legend>
${field('g-workbook', 'workbookFile', `<input type="file" id="g-workbook" name="workbook" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ${described('g-workbook')}>`, 'workbookFileHint')}
</fieldset>
<fieldset class="group">
<legend>${tr('csvGroup')}</legend>
${field('g-units', 'unitsFile', `<input type="file" id="g-units" name="units" accept=".csv,text/csv" ${described('g-units')}>`, 'unitsFileHint')}
${field('g-associations', 'associationsFile', `<input type="file" id="g-associations" name="associations" accept=".csv,text/csv" ${described('g-associations')}>`, 'associationsFileHint')}
</fieldset>
<button type="submit" class="primary">${tr('importButton')}</button>
</form>
<div class="preview" id="registry-preview" role="group" aria-labelledby="preview-title" hidden>
<h3 id="preview-title" tabindex="-1">${tr('previewTitle')}</h3>
<p id="preview-line"></p>
<div id="preview-changes"></div>
<div class="btns"><button type="button" class="primary" id="confirm-import">${tr('confirmImport')}</button><button type="button" class="secondary" id="cancel-import">${tr('cancel')}</button></div>
</div>
<div class="alert" id="registry-result" role="status" tabindex="-1" hidden></div>
</section>`;
}

export function renderProvincePage(assets: PageAssets): string {
  return pageShell(
    vi('docTitle'),
    `<header class="top">
<div class="wrap bar">
<div>
${tr('app', 'p', 'class="app"')}
<h1 id="page-title">${vi('title')}</h1>
</div>
${headerTools('province', `<button type="button" class="link" id="sign-out" hidden>${tr('signOut')}</button>`)}
</div>
</header>
<main class="wrap" id="main" tabindex="-1">
<noscript><p class="alert alert-error">Trang này cần JavaScript. / This page needs JavaScript.</p></noscript>
<p class="alert alert-info" id="notice" role="status" tabindex="-1" hidden></p>
<div class="alert alert-error" id="alert" role="alert" tabindex="-1" hidden></div>
${signInMarkup('province')}
<nav class="years" id="years" aria-labelledby="years-label" hidden>
${tr('yearsLabel', 'p', 'class="years-label" id="years-label"')}
<ul id="years-list"></ul>
</nav>
<div id="dashboard" hidden>
<section class="panel first" aria-labelledby="overview-title">
<div class="section-head">
<h2 id="overview-title">${tr('overview')} <span class="badge" id="cycle-status"></span></h2>
<button type="button" class="secondary" id="refresh">${tr('refresh')}</button>
</div>
<p class="muted" id="status-line"></p>
<p class="readonly" id="reopened-line" hidden></p>
<p class="muted" id="contact-line"></p>
<p class="readonly" id="closed-counts" hidden></p>
<ul class="stats">
${STAT('n-expected', 'sExpected', 's-expected')}
${STAT('n-approved', 'sApproved', 's-approved')}
${STAT('n-pending', 'sPending', 's-pending')}
${STAT('n-returned', 'sReturned', 's-returned')}
${STAT('n-missing', 'sMissing', 's-missing')}
${STAT('n-late', 'sLate', 's-late')}
</ul>
</section>
<section class="panel" id="downloads-box" aria-labelledby="downloads-title">
<h2 id="downloads-title">${tr('downloadsTitle')}</h2>
<div id="workbook-line" hidden>
${tr('workbookHint', 'p', 'class="hint" id="h-workbook"')}
<div class="btns"><button type="button" class="secondary" id="workbook-download" data-kind="dlWorkbook" aria-describedby="h-workbook">${tr('dlWorkbook')}</button></div>
</div>
<p class="empty" id="no-downloads">${tr('noDownloads')}</p>
<ul class="downloads" id="downloads"></ul>
</section>
<section class="panel" id="close" aria-labelledby="close-title">
<h2 id="close-title">${tr('closeTitle')}</h2>
${tr('closeHelp', 'p', 'class="hint"')}
<p class="alert alert-error" id="failure" role="alert" hidden></p>
<div class="btns"><button type="button" class="primary" id="close-button" hidden></button></div>
<div class="confirm" id="confirm" role="group" aria-labelledby="confirm-text" hidden>
<p id="confirm-text"></p>
<div class="btns"><button type="button" class="danger primary" id="confirm-close">${tr('confirmButton')}</button><button type="button" class="secondary" id="cancel-close">${tr('cancel')}</button></div>
</div>
<div id="steps-box" hidden>
<h3 id="steps-title" tabindex="-1">${tr('stepsTitle')}</h3>
<ol class="stepper" id="steps" aria-live="polite"></ol>
</div>
</section>
${signOffMarkup()}
<section class="panel" id="completeness" aria-labelledby="completeness-title">
<h2 id="completeness-title">${tr('completeness')}</h2>
${tr('completenessCaption', 'p', 'class="hint"')}
<p class="empty" id="no-units" hidden>${tr('noUnits')}</p>
<div id="completeness-content">
${completenessTableMarkup('province', 'completeness-body', 'completeness-title')}
<h3>${tr('chartTitle')}</h3>
<ul class="legend" aria-hidden="true">
<li class="k-approved">${tr('kApproved')}</li>${tr('kPending', 'li', 'class="k-pending" id="legend-pending"')}<li class="k-returned">${tr('kReturned')}</li><li class="k-missing">${tr('kMissing')}</li>
</ul>
<ul class="chart" id="chart"></ul>
</div>
<section class="missing" id="missing-box" aria-labelledby="missing-title" hidden>
<div class="section-head">
<h3 id="missing-title" tabindex="-1"></h3>
<button type="button" class="secondary" id="missing-close">${tr('missingClose')}</button>
</div>
<p id="missing-count" role="status"></p>
<ul class="contacts" id="missing-list"></ul>
<div class="btns"><button type="button" class="secondary" id="missing-export">${tr('missingExport')}</button></div>
</section>
<p class="review-link"><a class="button" id="review-link" href="review" aria-describedby="review-link-hint">${tr('reviewList')}</a></p>
${tr('reviewListHint', 'p', 'class="hint" id="review-link-hint"')}
</section>
${unreachableMarkup()}
${linksMarkup()}
${registryMarkup()}
<section class="panel" id="reopen" aria-labelledby="reopen-title" hidden>
<h2 id="reopen-title">${tr('reopenTitle')}</h2>
${tr('reopenHelp', 'p', 'class="hint"')}
<form id="reopen-form" novalidate>
${comboboxMarkup('p-association', 'rAssociation', 'rAssociationHint')}
${field('p-comment', 'rComment', '<textarea id="p-comment" name="comment" rows="3" maxlength="2000" required aria-required="true"></textarea>')}
<button type="submit" class="secondary">${tr('reopenButton')}</button>
</form>
</section>
</div>
<section class="panel" id="periods" aria-labelledby="periods-title" hidden>
<h2 id="periods-title">${tr('periodsTitle')}</h2>
${tr('periodsHelp', 'p', 'class="hint"')}
<p class="empty" id="no-periods" hidden>${tr('noPeriods')}</p>
<ul class="downloads" id="periods-list"></ul>
</section>
<details class="panel" id="open-box" hidden>
<summary id="open-summary">${tr('openTitle')}</summary>
${openFormMarkup()}
</details>
</main>`,
    assets,
  );
}
