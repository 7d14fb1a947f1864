// The front-end build: each page's entry (web/pages/*.ts) and each stylesheet (web/styles/*.css)
// bundled by esbuild into content-hashed files (form-<hash>.js) plus manifest.json, which maps
// each logical name (form.js) to its hashed file and lists the sources the build read, so a
// runner can tell a stale build (see shared/pages/web-assets.ts).
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
  /** every source file the build read, relative to the project root */
  inputs: string[];
  builtAt: string;
}

export const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** Writes via a temporary name and a rename, so a concurrent reader sees the old file or the new one. */
function writeAtomically(file: string, text: string): void {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/** Earlier builds' files, once no page can still be loading them (a minute on). */
function removeOldBuilds(outDir: string, keep: ReadonlySet<string>): void {
  const before = Date.now() - 60_000;
  for (const file of readdirSync(outDir)) {
    if (keep.has(file) || !/-[0-9a-f]{12}\.(js|css)$/.test(file)) continue;
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
  const inputs = [...Object.keys(result.metafile.inputs), relative(projectRoot, fileURLToPath(import.meta.url))].sort();
  const manifest: WebManifest = { assets, inputs, builtAt: new Date().toISOString() };
  writeAtomically(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  removeOldBuilds(outDir, new Set(Object.values(assets)));
  return manifest;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--out');
  const outDir = at > 0 && process.argv[at + 1] ? resolve(process.argv[at + 1]!) : DEFAULT_OUT_DIR;
  const manifest = await buildWeb(outDir);
  for (const [name, file] of Object.entries(manifest.assets)) console.log(`${name} → ${relative(process.cwd(), join(outDir, file))}`);
}
