// The province office's page (GET /province, SPEC sections 1, 2, 3 and 6): its HTML,
// Vietnamese, each text marked with its dictionary key (web/lib/i18n.ts) for the English swap.
// The script is web/pages/province.ts.
import { DEFAULT_AWARDS, DEFAULT_MIN_SCORE, DEFAULT_QUOTA_PERCENT } from '../domain/labels.ts';
import { LEVELS } from '../domain/types.ts';
import { completenessTableMarkup, pageShell, signInMarkup, type PageAssets } from './common.ts';
import { escapeHtml, marker } from './html.ts';

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

const STAT = (id: string, key: string, cls: string) => `<li class="${cls}"><span class="num" id="${id}">0</span><span class="lbl">${tr(key)}</span></li>`;

export function renderProvincePage(assets: PageAssets): string {
  return pageShell(
    vi('docTitle'),
    `<header class="top">
<div class="wrap bar">
<div>
${tr('app', 'p', 'class="app"')}
<h1 id="page-title">${vi('title')}</h1>
</div>
<button type="button" class="link" id="sign-out" hidden>${tr('signOut')}</button>
</div>
</header>
<main class="wrap" id="main" tabindex="-1">
<noscript><p class="alert alert-error">Trang này cần JavaScript. / This page needs JavaScript.</p></noscript>
<p class="alert alert-info" id="notice" role="status" tabindex="-1" hidden></p>
<div class="alert alert-error" id="alert" role="alert" tabindex="-1" hidden></div>
${signInMarkup('province')}
<div id="dashboard" hidden>
<section class="panel first" aria-labelledby="overview-title">
<div class="section-head">
<h2 id="overview-title">${tr('overview')} <span class="badge" id="cycle-status"></span></h2>
<button type="button" class="secondary" id="refresh">${tr('refresh')}</button>
</div>
<p class="muted" id="status-line"></p>
<p class="readonly" id="reopened-line" hidden></p>
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
<li class="k-approved">${tr('kApproved')}</li><li class="k-pending">${tr('kPending')}</li><li class="k-returned">${tr('kReturned')}</li><li class="k-missing">${tr('kMissing')}</li>
</ul>
<ul class="chart" id="chart"></ul>
</div>
</section>
<section class="panel" id="registry" aria-labelledby="registry-title">
<h2 id="registry-title">${tr('registryTitle')}</h2>
<p id="registry-now"></p>
${tr('registryHelp', 'p', 'class="hint"')}
<form id="registry-form" novalidate>
${field('g-units', 'unitsFile', `<input type="file" id="g-units" name="units" accept=".csv,text/csv" ${described('g-units')}>`, 'unitsFileHint')}
${field('g-associations', 'associationsFile', `<input type="file" id="g-associations" name="associations" accept=".csv,text/csv" ${described('g-associations')}>`, 'associationsFileHint')}
<button type="submit" class="primary">${tr('importButton')}</button>
</form>
<div class="alert" id="registry-result" role="status" tabindex="-1" hidden></div>
</section>
<section class="panel" id="reopen" aria-labelledby="reopen-title" hidden>
<h2 id="reopen-title">${tr('reopenTitle')}</h2>
${tr('reopenHelp', 'p', 'class="hint"')}
<form id="reopen-form" novalidate>
${field('p-association', 'rAssociation', textInput('p-association', 'association', 'maxlength="40" autocomplete="off" required aria-required="true"'), 'rAssociationHint', 'field-narrow')}
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
