// The form as an installable web app (issue 14): its web manifest, its icon and its service
// worker, made once per process from the web build. The worker keeps the form page's shell and
// its hashed files in a cache named after the build (a new build, a new cache, the old one
// deleted) and serves them from there first, so a form opened once with its access link opens
// again with no network; the API is never cached (the worker does not even look at it).
// Every URL is relative to where the worker is served, as the pages work under any base path.
import { createHash } from 'node:crypto';

export interface OfflineApp {
  /** GET /sw.js */
  serviceWorker: string;
  /** GET /manifest.webmanifest */
  manifest: string;
  /** GET /assets/icon.svg */
  icon: string;
  /** the build hash the cache is named after */
  version: string;
}

export const APP_NAME = 'Tổng kết — Báo cáo của hội';

/** A plain icon: a report sheet with a tick, on the pages' dark blue. */
export const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
<rect width="512" height="512" rx="96" fill="#0b3d6e"/>
<path d="M150 96h150l72 72v248H150z" fill="#ffffff"/>
<path d="M300 96v72h72" fill="#cfdcec"/>
<path d="M196 292l44 44 88-96" fill="none" stroke="#1e7b34" stroke-width="32" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;

function manifestOf(): string {
  return `${JSON.stringify(
    {
      name: APP_NAME,
      short_name: 'Tổng kết',
      lang: 'vi',
      dir: 'ltr',
      // relative to this file: "/" where the pages are served at the root
      start_url: './',
      scope: './',
      display: 'standalone',
      background_color: '#ffffff',
      theme_color: '#0b3d6e',
      icons: [{ src: 'assets/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
    },
    null,
    2,
  )}\n`;
}

/** The worker's script: plain JavaScript, the precache list and the version written in. */
function workerOf(version: string, precache: readonly string[]): string {
  return `// Tổng kết — the form's service worker (shared/pages/offline-app.ts). Build ${version}.
'use strict';
const CACHE = 'tongket-form-${version}';
const base = new URL('./', self.location.href);
const SHELL = base.href;
const PRECACHE = ${JSON.stringify(['./', ...precache])}.map((path) => new URL(path, base).href);

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('tongket-form-') && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.origin + url.pathname;
  // The form's shell (whatever its ?year=…) and its files: from the cache first. Anything
  // else, the API above all, is left to the network and never kept.
  const wanted = request.mode === 'navigate' ? (path === SHELL ? SHELL : null) : (PRECACHE.includes(path) && path !== SHELL ? path : null);
  if (!wanted) return;
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(wanted))
      .then((kept) => kept || fetch(request)),
  );
});
`;
}

/** The app for this build: `formFiles` are the form page's hashed files, under assets/. */
export function offlineApp(formShell: string, formFiles: readonly string[]): OfflineApp {
  const manifest = manifestOf();
  const precache = ['manifest.webmanifest', 'assets/icon.svg', ...formFiles.map((file) => `assets/${file}`)];
  const version = createHash('sha256').update(formShell).update(manifest).update(ICON_SVG).update(precache.join('\n')).digest('hex').slice(0, 12);
  return { serviceWorker: workerOf(version, precache), manifest, icon: ICON_SVG, version };
}
