// LibreOffice headless (Debian's libreoffice-writer-nogui, libreoffice-calc-nogui) as the
// independent reader of the files we write: a .docx converted to PDF, each sheet of an .xlsx
// to CSV. Slow (seconds a call): convert once per file, in beforeAll.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';

const run = promisify(execFile);

/** A profile of its own, so that a LibreOffice already running elsewhere is not disturbed. */
let profile: string | undefined;
function soffice(args: string[], cwd: string): Promise<unknown> {
  profile ??= mkdtempSync(join(tmpdir(), 'tongket-lo-profile-'));
  return run('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--norestore', ...args], { cwd, timeout: 180_000 });
}

/** The files as LibreOffice converts them to PDF, by the name given. */
export async function toPdf(files: Record<string, Buffer>): Promise<Record<string, Buffer>> {
  const dir = mkdtempSync(join(tmpdir(), 'tongket-lo-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  await soffice(['--convert-to', 'pdf', '--outdir', dir, ...Object.keys(files)], dir);
  return Object.fromEntries(Object.keys(files).map((name) => [name, readFileSync(join(dir, name.replace(/\.[^.]+$/u, '.pdf')))]));
}

/**
 * Every sheet of each workbook as rows of cells, as LibreOffice shows them (numbers in their
 * format, dates as dates): file name → sheet name → rows.
 */
export async function sheetsAsCsv(files: Record<string, Buffer>): Promise<Record<string, Record<string, string[][]>>> {
  const dir = mkdtempSync(join(tmpdir(), 'tongket-lo-'));
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  // 44 ",", 34 '"', 76 UTF-8, from line 1, …, cells as shown, no formulas, every sheet (-1).
  await soffice(['--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', dir, ...Object.keys(files)], dir);
  const out: Record<string, Record<string, string[][]>> = {};
  for (const name of Object.keys(files)) {
    const stem = basename(name).replace(/\.[^.]+$/u, '');
    out[name] = {};
    for (const file of readdirSync(dir)) {
      if (!file.startsWith(`${stem}-`) || !file.endsWith('.csv')) continue;
      const sheet = file.slice(stem.length + 1, -4).normalize('NFC');
      out[name][sheet] = parse(readFileSync(join(dir, file), 'utf8'), { relax_column_count: true }) as string[][];
    }
  }
  return out;
}
