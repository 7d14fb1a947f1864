// The front-end build: each page's entry (web/pages/*.ts) and each stylesheet (web/styles/*.css)
// bundled by esbuild into content-hashed files (form-<hash>.js) plus manifest.json, which maps
// each logical name (form.js) to its hashed file and lists the sources the build read, so a
// runner can tell a stale build (see shared/pages/web-assets.ts). Beside them the files made
// rather than bundled: the registry template workbook (registry-template.xlsx, exceljs), and
// the three pages' HTML (form-<hash>.html …), rendered here once rather than at each cold start
// of the pages Lambda, which then carries neither the renderers nor the dictionary.
//
//   npm run build:web                 → web/dist/
//   tsx web/build.ts --out <dir>      → <dir>/ (the pages Lambda's bundle, infra/stack.ts)
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const webDir = dirname(fileURLToPath(import.meta.url));
const projectRoot = resolve(webDir, '..');

/** Where `npm run build:web` writes, and where the embedded server and the tests read. */
export const DEFAULT_OUT_DIR = join(webDir, 'dist');

/** The logical asset names, each with its source. */
export const WEB_ENTRIES: Readonly<Record<string, string>> = {
  'form.js': 'web/pages/form.ts',
  'review.js': 'web/pages/review.ts',
  'province.js': 'web/pages/province.ts',
  'form.css': 'web/styles/form.css',
  'pages.css': 'web/styles/pages.css',
};

export interface WebManifest {
  /** logical name (form.js) → hashed file name (form-0123456789ab.js) */
  assets: Record<string, string>;
  /** a page's path (/, /review, /province) → its rendered HTML's hashed file name */
  pages: Record<string, string>;
  /** every source file the build read, relative to the project root */
  inputs: string[];
  builtAt: string;
}

/** The files the build makes rather than bundles: logical name → its source module. */
export const MADE_FILES: Readonly<Record<string, string>> = {
  'registry-template.xlsx': 'shared/xlsx/registry-template.ts',
};

/** The pages the build renders: path → the module that renders it, its files' base name, and the call, given the hashed asset names. */
export const PAGE_SOURCES: Readonly<Record<string, { source: string; base: string; render: (assets: Readonly<Record<string, string>>) => Promise<string> }>> = {
  '/': {
    source: 'shared/pages/form.ts',
    base: 'form',
    render: async (a) => (await import('../shared/pages/form.ts')).renderFormPage({ css: [a['form.css']!], js: [a['form.js']!] }),
  },
  '/review': {
    source: 'shared/pages/review.ts',
    base: 'review',
    render: async (a) => (await import('../shared/pages/review.ts')).renderReviewPage({ css: [a['form.css']!, a['pages.css']!], js: [a['review.js']!] }),
  },
  '/province': {
    source: 'shared/pages/province.ts',
    base: 'province',
    render: async (a) => (await import('../shared/pages/province.ts')).renderProvincePage({ css: [a['form.css']!, a['pages.css']!], js: [a['province.js']!] }),
  },
};

export const hashOf = (content: string | Uint8Array): string => createHash('sha256').update(content).digest('hex').slice(0, 12);

/** Writes via a temporary name and a rename, so a concurrent reader sees the old file or the new one. */
function writeAtomically(file: string, text: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Earlier builds' files, once no page can still be loading them (a minute on). */
function removeOldBuilds(outDir: string, keep: ReadonlySet<string>): void {
  const before = Date.now() - 60_000;
  for (const file of readdirSync(outDir)) {
    if (keep.has(file) || !/-[0-9a-f]{12}\.(js|css|xlsx|html)$/.test(file)) continue;
    const path = join(outDir, file);
    const modified = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? Number.POSITIVE_INFINITY;
    if (modified < before) rmSync(path, { force: true });
  }
}

export async function buildWeb(outDir: string = DEFAULT_OUT_DIR): Promise<WebManifest> {
  const names = Object.keys(WEB_ENTRIES);
  const result = await esbuild.build({
    absWorkingDir: projectRoot,
    entryPoints: names.map((name) => ({ in: WEB_ENTRIES[name]!, out: name.replace(/\.(js|css)$/, '') })),
    outdir: 'out/web',
    bundle: true,
    write: false,
    metafile: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  mkdirSync(outDir, { recursive: true });
  const assets: Record<string, string> = {};
  for (const file of result.outputFiles) {
    const logical = relative(join(projectRoot, 'out/web'), file.path);
    if (!Object.hasOwn(WEB_ENTRIES, logical)) throw new Error(`web build: unexpected output ${logical}`);
    const hashed = logical.replace(/\.(js|css)$/, `-${hashOf(file.text)}.$1`);
    writeAtomically(join(outDir, hashed), file.text);
    assets[logical] = hashed;
  }
  for (const name of names) if (!assets[name]) throw new Error(`web build: no output for ${name}`);
  const made = await makeFiles(outDir);
  Object.assign(assets, made.assets);
  const rendered = await renderPages(outDir, assets);
  // Libraries the pages bundle (idb-keyval) change with the lock file, not with their files'
  // times, which npm ci resets: the lock file stands for them.
  const read = [...Object.keys(result.metafile.inputs), ...made.inputs, ...rendered.inputs, relative(projectRoot, fileURLToPath(import.meta.url))];
  const inputs = [...new Set(read.map((input) => (input.startsWith('node_modules/') ? 'package-lock.json' : input)))].sort();
  const manifest: WebManifest = { assets, pages: rendered.pages, inputs, builtAt: new Date().toISOString() };
  writeAtomically(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  removeOldBuilds(outDir, new Set([...Object.values(assets), ...Object.values(rendered.pages)]));
  return manifest;
}

/**
 * The made files (MADE_FILES), each under the hash of its bytes, and the project sources each
 * maker reads (its module and what it imports, found by esbuild), so a runner can tell a stale one.
 */
async function makeFiles(outDir: string): Promise<{ assets: Record<string, string>; inputs: string[] }> {
  const { registryTemplate } = await import('../shared/xlsx/registry-template.ts');
  const makers: Record<string, () => Promise<Uint8Array>> = { 'registry-template.xlsx': registryTemplate };
  const assets: Record<string, string> = {};
  const inputs: string[] = [];
  for (const [logical, source] of Object.entries(MADE_FILES)) {
    const make = makers[logical];
    if (!make) throw new Error(`web build: no maker for ${logical}`);
    const bytes = await make();
    const hashed = logical.replace(/\.([a-z]+)$/, `-${hashOf(bytes)}.$1`);
    writeAtomically(join(outDir, hashed), bytes);
    assets[logical] = hashed;
    inputs.push(...(await projectSourcesOf([source])));
  }
  return { assets, inputs };
}

/** The sources a module reads in this project (what it imports, found by esbuild): a stale build's clues. */
async function projectSourcesOf(entryPoints: string[]): Promise<string[]> {
  const sources = await esbuild.build({ absWorkingDir: projectRoot, entryPoints, bundle: true, write: false, metafile: true, outdir: 'out/sources', platform: 'node', format: 'esm', packages: 'external', logLevel: 'silent' });
  return Object.keys(sources.metafile.inputs);
}

/**
 * Each page's HTML, naming the hashed files just built, under the hash of its text. The
 * office's contact is not in it: the pages job writes it on the <body> when it loads the build,
 * as it comes from the deployment's environment (shared/pages/assets.ts).
 */
async function renderPages(outDir: string, assets: Readonly<Record<string, string>>): Promise<{ pages: Record<string, string>; inputs: string[] }> {
  const pages: Record<string, string> = {};
  for (const [path, { base, render }] of Object.entries(PAGE_SOURCES)) {
    const text = await render(assets);
    const hashed = `${base}-${hashOf(text)}.html`;
    writeAtomically(join(outDir, hashed), text);
    pages[path] = hashed;
  }
  return { pages, inputs: await projectSourcesOf(Object.values(PAGE_SOURCES).map((page) => page.source)) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const outDir = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]!) : DEFAULT_OUT_DIR;
  const manifest = await buildWeb(outDir);
  for (const [name, file] of [...Object.entries(manifest.assets), ...Object.entries(manifest.pages)]) console.log(`${name} → ${relative(process.cwd(), join(outDir, file))}`);
}
