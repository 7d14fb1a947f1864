// The association's form page (GET /, SPEC sections 1, 4 and 7): its HTML, Vietnamese, each
// text marked with its dictionary key (web/lib/i18n.ts) for the English swap; the labels,
// ratings and limits come from the domain. The page carries no request data: its script
// (web/pages/form.ts) reads the access link and fills the page with textContent only. No
// control has a maxlength: a pasted text is never cut silently, the script counts it instead.
import { RATING_LABELS, REPORT_FIELD_LABELS } from '../domain/labels.ts';
import { SELF_RATINGS, type ReportFields } from '../domain/types.ts';
import { fieldHint } from '../../web/lib/form-hints.ts';
import { MONEY_FIELDS, TEXT_LIMITS } from '../../web/lib/form-checks.ts';
import { fill } from '../../web/lib/i18n.ts';
import { documentHead, escapeHtml, headerTools, marker, type PageAssets } from './html.ts';

const { tr, vi } = marker('form');

type FieldKind = 'integer' | 'rating' | 'boolean' | 'text' | 'line';

export interface FormField {
  name: keyof ReportFields;
  kind: FieldKind;
  required: boolean;
}

/** The form's controls in SPEC section 4 order; `name` is the API field name. */
export const FORM_FIELDS: readonly FormField[] = [
  { name: 'members', kind: 'integer', required: true },
  { name: 'newMembers', kind: 'integer', required: false },
  { name: 'branches', kind: 'integer', required: false },
  { name: 'charityEvents', kind: 'integer', required: false },
  { name: 'charityFundsVnd', kind: 'integer', required: false },
  { name: 'legalEducationSessions', kind: 'integer', required: false },
  { name: 'selfRating', kind: 'rating', required: true },
  { name: 'nominate', kind: 'boolean', required: false },
  { name: 'achievements', kind: 'text', required: false },
  { name: 'limitations', kind: 'text', required: false },
  { name: 'proposals', kind: 'text', required: false },
  { name: 'submittedBy', kind: 'line', required: true },
];

const GROUPS: readonly { legend: string; names: readonly (keyof ReportFields)[]; grid?: boolean }[] = [
  { legend: 'gFigures', names: ['members', 'newMembers', 'branches', 'charityEvents', 'charityFundsVnd', 'legalEducationSessions'], grid: true },
  { legend: 'gAssessment', names: ['selfRating', 'nominate', 'achievements'] },
  { legend: 'gLimitations', names: ['limitations', 'proposals'] },
  { legend: 'f_submittedBy', names: ['submittedBy'] },
];


function control(field: FormField): string {
  const id = `f-${field.name}`;
  const describedBy = `aria-describedby="h-${field.name}"`;
  const required = field.required ? ' required aria-required="true"' : '';
  switch (field.kind) {
    case 'integer':
      // A sum of money shows its thousands separators while typed (1.250.000), so no [0-9]* pattern.
      return (MONEY_FIELDS as readonly string[]).includes(field.name)
        ? `<input type="text" id="${id}" name="${field.name}" inputmode="numeric" autocomplete="off" data-money${required} ${describedBy}>`
        : `<input type="text" id="${id}" name="${field.name}" inputmode="numeric" pattern="[0-9]*" autocomplete="off"${required} ${describedBy}>`;
    case 'rating':
      return [
        `<select id="${id}" name="${field.name}"${required} ${describedBy}>`,
        `<option value="" data-t="chooseRating">${escapeHtml(vi('chooseRating'))}</option>`,
        ...SELF_RATINGS.map((r) => `<option value="${r}">${escapeHtml(RATING_LABELS[r].vi)}</option>`),
        '</select>',
      ].join('');
    case 'boolean':
      return `<input type="checkbox" id="${id}" name="${field.name}" value="true" ${describedBy}>`;
    case 'text':
      return `<textarea id="${id}" name="${field.name}" rows="5"${required} ${describedBy}></textarea>`;
    case 'line':
      return `<input type="text" id="${id}" name="${field.name}" autocomplete="name"${required} ${describedBy}>`;
  }
}

function fieldBlock(field: FormField): string {
  const label = escapeHtml(REPORT_FIELD_LABELS[field.name].vi);
  const required = field.required ? ` ${tr('required', 'span', 'class="req"')}` : '';
  const hint = `<p class="hint" id="h-${field.name}">${escapeHtml(fieldHint(field.name, 'vi'))}</p>`;
  const error = `<p class="field-error" id="e-${field.name}" hidden></p>`;
  if (field.kind === 'boolean') {
    return [
      `<div class="field field-check" data-field="${field.name}">`,
      `<div class="check">${control(field)}<label for="f-${field.name}"><span class="label-text">${label}</span></label></div>`,
      hint,
      error,
      '</div>',
    ].join('\n');
  }
  // The character counter of a long text, shown by the script as the text nears its limit.
  const counter = Object.hasOwn(TEXT_LIMITS, field.name) ? `<p class="counter" id="c-${field.name}" hidden></p>` : '';
  return [
    `<div class="field" data-field="${field.name}">`,
    `<label for="f-${field.name}"><span class="label-text">${label}</span>${required}</label>`,
    hint,
    error,
    control(field),
    counter,
    '</div>',
  ]
    .filter(Boolean)
    .join('\n');
}

function formMarkup(): string {
  const byName = new Map(FORM_FIELDS.map((f) => [f.name, f]));
  return GROUPS.map((group) =>
    [
      '<fieldset class="group">',
      tr(group.legend, 'legend'),
      group.grid ? '<div class="grid">' : '',
      ...group.names.map((n) => fieldBlock(byName.get(n)!)),
      group.grid ? '</div>' : '',
      '</fieldset>',
    ]
      .filter(Boolean)
      .join('\n'),
  ).join('\n');
}

/**
 * The "lost link" panel, shown when the page has no token or one that no longer works: a box
 * to paste the link (or the token alone, with the year), and the office to call.
 */
function lostLinkMarkup(): string {
  return `<section class="panel" id="lost-link" aria-labelledby="lost-title" hidden>
${tr('lostTitle', 'h2', 'id="lost-title"')}
${tr('lostIntro', 'p', 'id="lost-intro"')}
<form id="link-form" novalidate>
<div class="field">
<label for="link-input">${tr('linkLabel')}</label>
${tr('linkHint', 'p', 'class="hint" id="h-link-input"')}
<p class="field-error" id="e-link-input" hidden></p>
<textarea id="link-input" rows="3" autocomplete="off" autocapitalize="off" spellcheck="false" required aria-required="true" aria-describedby="h-link-input"></textarea>
</div>
<div class="field field-narrow">
<label for="link-year">${tr('linkYear')}</label>
${tr('linkYearHint', 'p', 'class="hint" id="h-link-year"')}
<p class="field-error" id="e-link-year" hidden></p>
<input type="text" id="link-year" inputmode="numeric" pattern="[0-9]*" autocomplete="off" aria-describedby="h-link-year">
</div>
${tr('openButton', 'button', 'type="submit" class="primary"')}
</form>
<div class="contact" id="contact-box">
${tr('contactTitle', 'h3')}
<p id="contact-line">${escapeHtml(fill(vi('contactAsk'), { office: vi('officeGeneric') }))}.</p>
</div>
</section>`;
}

/** The form page GET /, the same bytes for every request. */
export function renderFormPage(assets: PageAssets): string {
  // The installable app (issue 14): its manifest and icon, beside the form's own files.
  const head = documentHead(vi('docTitle'), assets).replace(
    '</head>',
    '<link rel="manifest" href="manifest.webmanifest">\n<link rel="icon" href="assets/icon.svg" type="image/svg+xml">\n<meta name="theme-color" content="#0b3d6e">\n</head>',
  );
  return `${head}
<body>
<header class="top">
<div class="wrap bar">
<div>
${tr('app', 'p', 'class="app"')}
${tr('title', 'h1', 'id="page-title"')}
<p class="assoc" id="assoc-name" hidden></p>
</div>
${headerTools('form', tr('signOut', 'button', 'type="button" class="link" id="sign-out" hidden'))}
</div>
</header>
<main class="wrap" id="main">
<noscript><p class="alert alert-error">Trang này cần JavaScript để tải và nộp báo cáo. Hãy bật JavaScript trong trình duyệt rồi mở lại đường link của hội.</p></noscript>
<p class="alert alert-info" id="notice" role="status" tabindex="-1" hidden></p>
<div class="alert alert-error" id="alert" role="alert" tabindex="-1" hidden></div>
${lostLinkMarkup()}
<section class="panel" id="status-panel" aria-labelledby="status-title" hidden>
${tr('statusTitle', 'h2', 'id="status-title"')}
<dl class="facts">
${tr('tAssociation', 'dt')}<dd id="v-name"></dd>
${tr('tYear', 'dt')}<dd id="v-year"></dd>
${tr('tDeadline', 'dt')}<dd id="v-deadline"></dd>
${tr('tStatus', 'dt')}<dd><span class="badge" id="v-status"></span> ${tr('late', 'span', 'class="badge badge-late" id="v-late" hidden')}</dd>
${tr('tVersion', 'dt')}<dd id="v-version"></dd>
${tr('tResult', 'dt', 'id="t-result" hidden')}<dd id="v-result" hidden></dd>
</dl>
<div class="comment" id="comment-box" hidden>
${tr('commentTitle', 'h3', 'id="comment-title"')}
<p id="comment-text"></p>
</div>
<p class="save-state" id="save-state" role="status" aria-live="polite"></p>
<p class="readonly" id="readonly-reason" hidden></p>
<p class="late-note" id="late-note" hidden></p>
</section>
<form id="report-form" novalidate hidden>
<div class="error-summary" id="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title" hidden>
${tr('summaryTitle', 'h2', 'id="error-summary-title"')}
${tr('summaryHelp', 'p', 'id="error-summary-text"')}
<ul id="error-summary-list"></ul>
</div>
<fieldset class="form-body" id="form-body" disabled>
${tr('formTitle', 'h2', 'class="form-title"')}
${tr('formHint', 'p', 'class="hint"')}
${formMarkup()}
<div class="actions" id="actions">
${tr('submit', 'button', 'type="submit" class="primary" id="submit-button"')}
</div>
</fieldset>
</form>
<section class="panel" id="history-panel" aria-labelledby="history-title" hidden>
${tr('historyTitle', 'h2', 'id="history-title"')}
<ol class="history" id="history-list"></ol>
</section>
</main>
<p class="sr-only" id="live" aria-live="polite"></p>
<footer class="wrap foot">${tr('footer', 'p', 'id="footer-text"')}</footer>
</body>
</html>
`;
}
