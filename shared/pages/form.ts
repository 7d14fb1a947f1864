// The association's form page (GET /, SPEC sections 1, 4 and 7): its HTML, Vietnamese, each
// text marked with its dictionary key (web/lib/i18n.ts) for the English swap; the labels,
// ratings and limits come from the domain. The page carries no request data: its script
// (web/pages/form.ts) reads the access link and fills the page with textContent only.
import { RATING_LABELS, REPORT_FIELD_LABELS, REPORT_LIMITS } from '../domain/labels.ts';
import { SELF_RATINGS, type ReportFields } from '../domain/types.ts';
import { fieldHint } from '../../web/lib/form-hints.ts';
import { documentHead, escapeHtml, marker, type PageAssets } from './html.ts';

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
      return `<input type="text" id="${id}" name="${field.name}" inputmode="numeric" pattern="[0-9]*" autocomplete="off" maxlength="20"${required} ${describedBy}>`;
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
      return `<textarea id="${id}" name="${field.name}" rows="5" maxlength="${REPORT_LIMITS.text}"${required} ${describedBy}></textarea>`;
    case 'line':
      return `<input type="text" id="${id}" name="${field.name}" maxlength="${REPORT_LIMITS.submittedBy}" autocomplete="name"${required} ${describedBy}>`;
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
  return [
    `<div class="field" data-field="${field.name}">`,
    `<label for="f-${field.name}"><span class="label-text">${label}</span>${required}</label>`,
    hint,
    error,
    control(field),
    '</div>',
  ].join('\n');
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

/** The form page GET /, the same bytes for every request. */
export function renderFormPage(assets: PageAssets): string {
  return `${documentHead(vi('docTitle'), assets)}
<body>
<header class="top">
<div class="wrap">
${tr('app', 'p', 'class="app"')}
${tr('title', 'h1', 'id="page-title"')}
<p class="assoc" id="assoc-name" hidden></p>
</div>
</header>
<main class="wrap" id="main">
<noscript><p class="alert alert-error">Trang này cần JavaScript để tải và nộp báo cáo. Hãy bật JavaScript trong trình duyệt rồi mở lại đường link của hội.</p></noscript>
<p class="alert alert-info" id="notice" role="status" tabindex="-1" hidden></p>
<div class="alert alert-error" id="alert" role="alert" tabindex="-1" hidden></div>
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
<p class="readonly" id="readonly-reason" hidden></p>
<p class="late-note" id="late-note" hidden></p>
</section>
<form id="report-form" novalidate hidden>
<div class="error-summary" id="error-summary" role="alert" tabindex="-1" hidden>
${tr('summaryTitle', 'h2')}
<p id="error-summary-text"></p>
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
<footer class="wrap foot">${tr('footer', 'p')}</footer>
</body>
</html>
`;
}
