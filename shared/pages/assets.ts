// Every page's static files, served by GET /assets/{file} (functions/pages/handler.ts), and
// the pages' HTML. One list, so the handler serves exactly these and nothing else.
import { PAGES_CSS, contentVersion } from './common.ts';
import { ASSETS as FORM_ASSETS, renderFormPage } from './form.ts';
import { PROVINCE_JS, PROVINCE_JS_VERSION, renderProvincePage } from './province.ts';
import { REVIEW_JS, REVIEW_JS_VERSION, renderReviewPage } from './review.ts';

export { PAGE_CSP } from './form.ts';

export interface Asset {
  contentType: string;
  body: string;
  version: string;
}

const PAGES_CSS_VERSION = contentVersion(PAGES_CSS);
const JS = 'text/javascript; charset=utf-8';

export const ASSETS: Readonly<Record<string, Asset>> = {
  ...FORM_ASSETS,
  'pages.css': { contentType: 'text/css; charset=utf-8', body: PAGES_CSS, version: PAGES_CSS_VERSION },
  'review.js': { contentType: JS, body: REVIEW_JS, version: REVIEW_JS_VERSION },
  'province.js': { contentType: JS, body: PROVINCE_JS, version: PROVINCE_JS_VERSION },
};

/** The pages, the same bytes for every request. */
export const PAGES: Readonly<Record<'/' | '/review' | '/province', string>> = {
  '/': renderFormPage(),
  '/review': renderReviewPage(PAGES_CSS_VERSION),
  '/province': renderProvincePage(PAGES_CSS_VERSION),
};
