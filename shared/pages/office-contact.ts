// What the pages job does to the built HTML at run time (the rest is rendered by web/build.ts):
// the office's contact written on the <body>. Its own module, so that the job's bundle does not
// carry the renderers' dictionary (html.ts).
import { escapeHtml } from './escape.ts';

/** The office every page names as the one to call, from the deployment (OFFICE_CONTACT_NAME / _PHONE). */
export interface OfficeContact {
  name?: string;
  phone?: string;
}

/** One line, NFC, at most `max` characters; '' for nothing. */
const oneLine = (value: string | undefined, max: number): string => [...(value ?? '').normalize('NFC').replace(/\s+/gu, ' ').trim()].slice(0, max).join('');

/**
 * Writes the office's contact on the page's `<body>` as `data-office-name` and
 * `data-office-phone` (escaped; attributes only, so the strict CSP needs no inline script): the
 * scripts read them where a page says whom to call. Nothing is written for what is not set.
 */
export function withOfficeContact(html: string, contact: OfficeContact): string {
  const name = oneLine(contact.name, 120);
  const phone = oneLine(contact.phone, 40);
  const attrs = [name ? ` data-office-name="${escapeHtml(name)}"` : '', phone ? ` data-office-phone="${escapeHtml(phone)}"` : ''].join('');
  if (!attrs) return html;
  return html.replace(/<body(?=[\s>])/, `<body${attrs}`);
}
