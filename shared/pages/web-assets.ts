// The built front-end (web/build.ts), read once per process by the pages job.
// - On Lambda the build travels beside the bundle ($LAMBDA_TASK_ROOT/web, infra/stack.ts).
// - Elsewhere (npm start, the demo, the tests: TypeScript run as is) it is web/dist; when that
//   is missing or older than one of its sources, it is built first, in this process.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { environment } from '../env.ts';

export interface WebFile {
  contentType: string;
  /** the text, or for a binary file (base64 set) its bytes in base64 */
  body: string;
  base64?: true;
  /** the name a download is saved under (Content-Disposition), for the files that are downloads */
  filename?: string;
}

/** The pages web/build.ts renders (their HTML naming the hashed files). */
export type PagePath = '/' | '/review' | '/province';

export interface WebBuild {
  /** logical name (form.js) → hashed name (form-<hash>.js) */
  names: Readonly<Record<string, string>>;
  /** hashed name → content */
  files: ReadonlyMap<string, WebFile>;
  /** each page's HTML as built, without the office's contact */
  pages: Readonly<Record<PagePath, string>>;
}

interface Manifest {
  assets: Record<string, string>;
  /** page path → its HTML's hashed file (absent from a build made before the pages were rendered there) */
  pages?: Record<string, string>;
  inputs: string[];
  builtAt: string;
}

const CONTENT_TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
/** The binary files, served base64-encoded (as API Gateway passes binary bodies). */
const BINARY = new Set(['xlsx']);
/** The downloads, by logical name: the name the office's computer saves them under. */
const DOWNLOAD_NAMES: Record<string, string> = { 'registry-template.xlsx': 'mau-danh-sach-hoi.xlsx' };

function readManifest(dir: string): Manifest | null {
  try {
    return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

function read(dir: string, manifest: Manifest): WebBuild {
  const files = new Map<string, WebFile>();
  for (const [logical, hashed] of Object.entries(manifest.assets)) {
    const ext = hashed.slice(hashed.lastIndexOf('.') + 1);
    const contentType = CONTENT_TYPES[ext] ?? 'application/octet-stream';
    const filename = DOWNLOAD_NAMES[logical];
    const file: WebFile = BINARY.has(ext)
      ? { contentType, body: readFileSync(join(dir, hashed)).toString('base64'), base64: true }
      : { contentType, body: readFileSync(join(dir, hashed), 'utf8') };
    files.set(hashed, filename ? { ...file, filename } : file);
  }
  const pageFile = (path: PagePath): string => {
    const hashed = manifest.pages?.[path];
    if (!hashed) throw new Error(`the web build in ${dir} has no page ${path} (run npm run build:web)`);
    return readFileSync(join(dir, hashed), 'utf8');
  };
  return { names: { ...manifest.assets }, files, pages: { '/': pageFile('/'), '/review': pageFile('/review'), '/province': pageFile('/province') } };
}

/** A source edited (or checked out) after the build, or gone: the build is stale. */
function isStale(root: string, manifest: Manifest): boolean {
  const builtAt = Date.parse(manifest.builtAt);
  if (!Number.isFinite(builtAt) || !manifest.pages) return true;
  return manifest.inputs.some((input) => {
    const file = join(root, input);
    return !existsSync(file) || statSync(file).mtimeMs > builtAt;
  });
}

async function load(): Promise<WebBuild> {
  const taskRoot = environment().LAMBDA_TASK_ROOT;
  if (taskRoot) {
    const dir = join(taskRoot, 'web');
    const manifest = readManifest(dir);
    if (!manifest) throw new Error(`the pages bundle has no ${dir}/manifest.json (infra/stack.ts copies the web build there)`);
    return read(dir, manifest);
  }
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const dir = join(root, 'web', 'dist');
  let manifest = readManifest(dir);
  if (!manifest || isStale(root, manifest)) {
    // A variable specifier: esbuild leaves it alone, so the builder never enters the Lambda bundle.
    const builder = new URL('../../web/build.ts', import.meta.url).href;
    const { buildWeb } = (await import(builder)) as { buildWeb: (outDir: string) => Promise<Manifest> };
    manifest = await buildWeb(dir);
  }
  return read(dir, manifest);
}

let loading: Promise<WebBuild> | null = null;

/** The web build, loaded (and in development built) once. */
export function webBuild(): Promise<WebBuild> {
  loading ??= load().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
