// The front-end build (web/build.ts): content-hashed files, a manifest naming them and the
// sources read, and each page's script carrying its own texts only.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, MADE_FILES, PAGE_SOURCES, WEB_ENTRIES, type WebManifest } from '../../web/build.ts';
import { DICTIONARY } from '../../web/lib/i18n.ts';

let dir = '';
let manifest: WebManifest;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tongket-web-'));
  manifest = await buildWeb(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (logical: string) => readFileSync(join(dir, manifest.assets[logical]!), 'utf8');

describe('web/build.ts', () => {
  it('writes each entry under the hash of its content, and a manifest naming them', () => {
    expect(Object.keys(manifest.assets).sort()).toEqual([...Object.keys(WEB_ENTRIES), ...Object.keys(MADE_FILES)].sort());
    for (const [logical, hashed] of Object.entries(manifest.assets)) {
      const [base, ext] = logical.split('.');
      expect(hashed).toMatch(new RegExp(`^${base}-[0-9a-f]{12}\\.${ext}$`));
      const bytes = readFileSync(join(dir, hashed));
      expect(hashed).toContain(createHash('sha256').update(bytes).digest('hex').slice(0, 12));
    }
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toEqual(manifest);
  });

  it('renders the three pages once, naming the files just built, each under the hash of its HTML', () => {
    expect(Object.keys(manifest.pages).sort()).toEqual(['/', '/province', '/review']);
    const page = (path: string) => readFileSync(join(dir, manifest.pages[path]!), 'utf8');
    for (const [path, hashed] of Object.entries(manifest.pages)) {
      expect(hashed).toBe(`${PAGE_SOURCES[path]!.base}-${createHash('sha256').update(page(path)).digest('hex').slice(0, 12)}.html`);
      expect(page(path)).toMatch(/^<!doctype html>/);
      // the office's contact is the pages job's to write, from its environment
      expect(page(path)).not.toContain('data-office-');
    }
    const loads = (path: string) => [...page(path).matchAll(/(?:src|href)="assets\/([^"]+)"/g)].map((m) => m[1]!);
    const known = new Set([...Object.keys(manifest.assets), ...Object.values(manifest.assets), 'icon.svg']);
    for (const [path, script] of [['/', 'form.js'], ['/review', 'review.js'], ['/province', 'province.js']] as const) {
      expect(loads(path)).toContain(manifest.assets[script]);
      expect(loads(path).filter((file) => !known.has(file)), `${path} names a file the build has not`).toEqual([]);
    }
    expect(manifest.inputs).toEqual(expect.arrayContaining(['shared/pages/form.ts', 'shared/pages/review.ts', 'shared/pages/province.ts', 'shared/pages/html.ts']));
  });

  it('lists the sources it read, the domain ones included, so a runner can tell a stale build', () => {
    expect(manifest.inputs).toEqual(
      expect.arrayContaining(['web/pages/form.ts', 'web/lib/i18n.ts', 'shared/domain/labels.ts', 'shared/domain/deadline.ts', 'web/styles/form.css', 'web/build.ts', 'shared/xlsx/registry-template.ts', 'shared/domain/registry.ts']),
    );
    expect(manifest.inputs.some((input) => input.includes('adapters/') || input.startsWith('node_modules/'))).toBe(false);
    // The library the form bundles (idb-keyval) is followed through the lock file.
    expect(manifest.inputs).toContain('package-lock.json');
  });

  it("gives each page's script its own texts and the shared ones, not the other pages'", () => {
    const own = { 'form.js': 'form', 'review.js': 'review', 'province.js': 'province' } as const;
    for (const [file, page] of Object.entries(own)) {
      const js = read(file);
      expect(js, file).toContain(DICTIONARY[page].docTitle[1]);
      expect(js, file).toContain(DICTIONARY.common.signInTitle[1]);
      for (const other of Object.values(own).filter((p) => p !== page)) expect(js, `${file} has ${other}'s texts`).not.toContain(DICTIONARY[other].docTitle[1]);
    }
  });

  it('is the same bytes for the same sources', async () => {
    const again = await buildWeb(dir);
    expect(again.assets).toEqual(manifest.assets);
    expect(again.pages).toEqual(manifest.pages);
  });
});
