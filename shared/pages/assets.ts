// The pages and their built files (web/build.ts), as the pages job serves them: GET / and
// GET /review and GET /province (HTML naming the hashed files), GET /assets/{file}.
// The HTML is rendered by the build (web/build.ts): this job only writes the office's contact
// on it, so its bundle carries neither the renderers nor the dictionary.
import { environment } from '../env.ts';
import { withOfficeContact } from './office-contact.ts';
import { offlineApp, type OfflineApp } from './offline-app.ts';
import { webBuild, type PagePath, type WebFile } from './web-assets.ts';

/** The one Content-Security-Policy of every page: only 'self', nothing inline, no framing. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  // the form's service worker (GET /sw.js) and web manifest (GET /manifest.webmanifest)
  "worker-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

export interface Site {
  /** the pages, the same bytes for every request */
  pages: Readonly<Record<PagePath, string>>;
  /** the form as an installable app: GET /sw.js, GET /manifest.webmanifest, its icon */
  app: OfflineApp;
  /** GET /assets/{file}: a hashed file may be cached for good; a logical name (form.js) is the current build */
  asset(file: string): (WebFile & { immutable: boolean }) | null;
}

let site: Promise<Site> | null = null;

async function makeSite(): Promise<Site> {
  const build = await webBuild();
  const name = (logical: string): string => {
    const hashed = build.names[logical];
    if (!hashed) throw new Error(`the web build has no ${logical}`);
    return hashed;
  };
  // The deployment's office contact on every page's <body> (no DB read for strangers).
  const office = { name: environment().OFFICE_CONTACT_NAME, phone: environment().OFFICE_CONTACT_PHONE };
  const pages = {
    '/': withOfficeContact(build.pages['/'], office),
    '/review': withOfficeContact(build.pages['/review'], office),
    '/province': withOfficeContact(build.pages['/province'], office),
  };
  // The form's shell and the files it loads (web/build.ts gives it form.css and form.js).
  const app = offlineApp(pages['/'], [name('form.css'), name('form.js')]);
  return {
    pages,
    app,
    asset(file) {
      if (file === 'icon.svg') return { contentType: 'image/svg+xml', body: app.icon, immutable: false };
      const hashed = build.files.get(file);
      if (hashed) return { ...hashed, immutable: true };
      const current = Object.hasOwn(build.names, file) ? build.files.get(build.names[file]!) : undefined;
      return current ? { ...current, immutable: false } : null;
    },
  };
}

/** The pages and their files, made once per process. */
export function loadSite(): Promise<Site> {
  site ??= makeSite().catch((error: unknown) => {
    site = null;
    throw error;
  });
  return site;
}
