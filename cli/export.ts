// `tongket export --year Y [--out out]`: the office exports of a year (SPEC section 11), as the
// province downloads them — the report as a Word file (once published) and the workbook.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ApiClient } from './api-client.ts';

/** Writes out/bao-cao-Y.docx (when the year is published) and out/tong-hop-Y.xlsx; answers the files written. */
export async function writeExports(api: ApiClient, year: number, outDir: string): Promise<string[]> {
  const dir = resolve(outDir);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  const cycle = await api.call<{ status: string; revision: number }>('GET', `/cycles/${year}`);
  if (cycle.revision >= 1) {
    const docx = join(dir, `bao-cao-${year}.docx`);
    writeFileSync(docx, await api.download(`/cycles/${year}/report.docx`));
    written.push(docx);
  }
  const xlsx = join(dir, `tong-hop-${year}.xlsx`);
  writeFileSync(xlsx, await api.download(`/cycles/${year}/export.xlsx`));
  written.push(xlsx);
  return written;
}
