// `tongket import`: the registry from units.csv and associations.csv (either alone: the other
// is kept), or from one Excel workbook; `--dry-run` says what would change without writing.
// A CSV that is not UTF-8 (Excel's "CSV (Comma delimited)" on a Vietnamese Windows) is refused
// here, before anything is sent, with how to save it right.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { lineOfReplacement, notUtf8Message } from '../shared/domain/registry.ts';
import { ApiCallError, type ApiClient } from './api-client.ts';
import { CliError } from './tokens.ts';

export interface ImportOptions {
  year: number;
  units?: string;
  associations?: string;
  workbook?: string;
  dryRun?: boolean;
}

export interface ImportAnswer {
  units: number;
  associations: number;
  expected: number;
  added: string[];
  removed: string[];
  moved: string[];
  renamed: string[];
  unitsAdded?: string[];
  unitsRemoved?: string[];
  dryRun?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A CSV file's text, or a CliError when its bytes are not UTF-8 (saying on which line, and how to save it). */
export function readCsvFile(path: string, file: 'units' | 'associations', read: (path: string) => Buffer = (p) => readFileSync(p)): string {
  const bytes = read(path);
  try {
    return utf8.decode(bytes);
  } catch {
    const message = notUtf8Message(file, lineOfReplacement(bytes.toString('utf8')));
    throw new CliError(`${basename(path)}: ${message.vi.replace('nên chưa nhập gì', 'nên chưa gửi gì')}\n${basename(path)}: ${message.en.replace('nothing was imported', 'nothing was sent')}`);
  }
}

/** The request body of the options: the CSV texts given, or the workbook in base64. */
export function importBody(options: ImportOptions, read?: (path: string) => Buffer): Record<string, string> {
  if (options.workbook !== undefined && (options.units !== undefined || options.associations !== undefined)) {
    throw new CliError('Dùng hoặc --workbook, hoặc --units/--associations, không dùng cả hai. / Use either --workbook or --units/--associations, not both.');
  }
  if (options.workbook !== undefined) return { workbook: (read ?? ((p: string) => readFileSync(p)))(options.workbook).toString('base64') };
  if (options.units === undefined && options.associations === undefined) {
    throw new CliError('Cần --workbook, hoặc --units và/hoặc --associations. / Give --workbook, or --units and/or --associations.');
  }
  const body: Record<string, string> = {};
  if (options.units !== undefined) body.units = readCsvFile(options.units, 'units', read);
  if (options.associations !== undefined) body.associations = readCsvFile(options.associations, 'associations', read);
  return body;
}

const SHOWN = 30;
const codes = (list: readonly string[]) => (list.length > SHOWN ? `${list.slice(0, SHOWN).join(', ')} … (+${list.length - SHOWN})` : list.join(', '));

/** What the import did (or, in a dry run, would do), and what it changed, one list a line. */
export function describeImport(answer: ImportAnswer, year: number): string {
  const head = answer.dryRun
    ? `Chạy thử, chưa ghi gì: danh sách có ${answer.units} đơn vị, ${answer.associations} hội (${answer.expected} hội phải báo cáo năm ${year}). / Dry run, nothing written.`
    : `Đã nhập ${answer.units} đơn vị, ${answer.associations} hội (${answer.expected} hội phải báo cáo năm ${year}).`;
  const lists: [string, readonly string[] | undefined][] = [
    ['hội thêm / added', answer.added],
    ['hội bỏ / removed', answer.removed],
    ['hội chuyển đơn vị / moved', answer.moved],
    ['hội đổi tên / renamed', answer.renamed],
    ['đơn vị thêm / units added', answer.unitsAdded],
    ['đơn vị bỏ / units removed', answer.unitsRemoved],
  ];
  const lines = lists.filter(([, list]) => list && list.length > 0).map(([label, list]) => `  ${label} (${list!.length}): ${codes(list!)}`);
  return [head, ...(lines.length > 0 ? lines : ['  Không có thay đổi nào. / Nothing changes.'])].join('\n');
}

const SHEET_VI = { units: 'Đơn vị', associations: 'Hội' } as const;

/** A refused workbook import, its problems named by sheet and row (the API names them units/associations). */
function workbookRefusal(error: ApiCallError): CliError | ApiCallError {
  const body = error.body as { error?: { message?: string; problems?: { file: 'units' | 'associations'; line: number; message: string }[] } };
  const problems = body?.error?.problems;
  if (!problems) return error;
  const lines = problems.map((p) => `  trang «${SHEET_VI[p.file] ?? p.file}»${p.line > 0 ? ` dòng ${p.line}` : ''}: ${p.message}`);
  return new CliError(`HTTP ${error.status} ${body.error?.message ?? ''}\n${lines.join('\n')}`);
}

/** Sends the body (importBody) and says what the import did. */
export async function runImport(api: ApiClient, options: ImportOptions, body: Record<string, string>): Promise<string> {
  try {
    const answer = await api.call<ImportAnswer>('PUT', `/cycles/${options.year}/registry${options.dryRun ? '?dryRun=1' : ''}`, body);
    return describeImport(answer, options.year);
  } catch (error) {
    if (error instanceof ApiCallError && options.workbook !== undefined) throw workbookRefusal(error);
    throw error;
  }
}
