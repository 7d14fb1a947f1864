// The front-end build (web/build.ts): content-hashed files, a manifest naming them and the
// sources read, and each page's script carrying its own texts only.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeb, MADE_FILES, WEB_ENTRIES, type WebManifest } from '../../web/build.ts';
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
  });
});
