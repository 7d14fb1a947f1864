// `tongket <command>` (SPEC section 9).
import '../shared/polyfills.ts';
import { readFileSync, writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { EmbeddedStackError } from '../infra/local/errors.ts';
import { ApiCallError } from './api-client.ts';
import { bench } from './bench.ts';
import { importBody, runImport, type ImportOptions } from './import.ts';
import { writeExports } from './export.ts';
import { runDemo } from './demo.ts';
import { runQuan8Demo } from './demo-quan8.ts';
import { accessLinks, CliError, DEFAULT_TOKEN_DAYS, mintToken, periodProvinceClient, provinceClient, revoke, rotateKey } from './tokens.ts';
import { serve } from './serve.ts';

const DEFAULT_API = 'http://127.0.0.1:3000';

/** `tongket demo [name]`: the seeds' demos, by name. */
const DEMOS: Record<string, (options: { outDir: string }) => Promise<void>> = {
  'lai-chau': runDemo,
  'lai-chau-2020': runDemo,
  'quan-8': runQuan8Demo,
  'quan-8-2016-2020': runQuan8Demo,
};

const integer = (name: string) => (value: string) => {
  if (!/^[0-9]+$/.test(value)) throw new InvalidArgumentError(`${name} phải là số nguyên / must be an integer`);
  return Number(value);
};

const program = new Command()
  .name('tongket')
  .description('Tổng kết — kỳ báo cáo tổng kết năm của các hội quần chúng / the year-end cycle of mass associations')
  .showHelpAfterError();

program
  .command('serve')
  .description('start the embedded stack (DynamoDB Local, S3, state machine, HTTP API) on HOST:PORT')
  .option('--empty', 'do not load the Lai Châu 2020 demo registry on first start')
  .action(async (options: { empty?: boolean }) => {
    await serve({ empty: Boolean(options.empty) });
  });

program
  .command('demo')
  .description('run a whole demo on a fresh embedded stack and write out/: Lai Châu 2020 (default), or quan-8 (Quận 8, 2016–2020 and the KL102 period review)')
  .argument('[name]', 'lai-chau (default) or quan-8')
  .option('--out <dir>', 'where to write the files', 'out')
  .action(async (name: string | undefined, options: { out: string }) => {
    const demo = DEMOS[name ?? 'lai-chau'];
    if (!demo) throw new CliError(`Không có bản demo “${name}”; chọn một trong: ${Object.keys(DEMOS).join(', ')} / no such demo`);
    await demo({ outDir: options.out });
  });

program
  .command('token')
  .description('print an access token signed with the current key of TONGKET_DATA_DIR (or of the deployed stack)')
  .requiredOption('--role <role>', 'association, reviewer or province')
  .option('--unit <code>', 'the unit (reviewer; province: the registry\'s province unit)')
  .option('--association <code>', 'the association (association)')
  .option('--days <n>', `days of validity: at most 400 (association, reviewer) or 31 (province); default ${DEFAULT_TOKEN_DAYS}, 31 for province`, integer('--days'))
  .action(async (options: { role: string; unit?: string; association?: string; days?: number }) => {
    process.stdout.write(`${await mintToken(options)}\n`);
  });

program
  .command('revoke')
  .description('refuse one access token from now on, everywhere (POST /tokens/revocations)')
  .option('--jti <id>', 'the token\'s id (its jti claim)')
  .option('--token <token>', 'the token itself, instead of --jti')
  .option('--api <url>', 'the API', DEFAULT_API)
  .action(async (options: { jti?: string; token?: string; api: string }) => {
    const jti = await revoke(options.api, options);
    console.log(`Đã thu hồi mã truy cập ${jti}. / Token ${jti} revoked.`);
  });

program
  .command('rotate-key')
  .description('make a new signing key for new tokens; tokens signed with earlier keys stay valid until they expire')
  .action(async () => {
    const kid = await rotateKey();
    console.log(`Khóa ký mới: ${kid}; mã cấp từ nay được ký bằng khóa này. / New signing key ${kid}: new tokens are signed with it.`);
  });

program
  .command('open')
  .description('open a cycle')
  .requiredOption('--year <year>', 'the year', integer('--year'))
  .option('--config <file>', 'cycle configuration JSON (SPEC section 3)')
  .option('--api <url>', 'the API', DEFAULT_API)
  .action(async (options: { year: number; config?: string; api: string }) => {
    const config = options.config ? (JSON.parse(readFileSync(options.config, 'utf8')) as Record<string, unknown>) : {};
    const api = await provinceClient(options.api, null);
    const cycle = await api.call<{ year: number; status: string }>('POST', '/cycles', { ...config, year: options.year });
    console.log(`Đã mở kỳ báo cáo năm ${cycle.year} (${cycle.status}).`);
  });

program
  .command('import')
  .description('import the registry of a cycle: units.csv and associations.csv (either alone keeps the other), or one Excel workbook; prints what changed')
  .requiredOption('--year <year>', 'the year', integer('--year'))
  .option('--units <file>', 'units.csv (UTF-8)')
  .option('--associations <file>', 'associations.csv (UTF-8)')
  .option('--workbook <file>', 'an .xlsx workbook with the sheets "Đơn vị" and "Hội" (or units and associations)')
  .option('--dry-run', 'check the files and say what would change, without writing')
  .option('--api <url>', 'the API', DEFAULT_API)
  .action(async (options: ImportOptions & { api: string }) => {
    // The files are read (and a CSV that is not UTF-8 refused) before anything is sent.
    const body = importBody(options);
    const api = await provinceClient(options.api, options.year);
    console.log(await runImport(api, options, body));
  });

program
  .command('links')
  .description('the access links of a year (GET /cycles/{year}/links): CSV code,name,unit,link, one per association expected to report; the same links at every call until one is renewed')
  .requiredOption('--year <year>', 'the year', integer('--year'))
  .option('--reviewers', 'the reviewers\' links instead, one per unit (unit,name,level,link)')
  .option('--unit <code>', 'only this unit and the units below it')
  .option('--out <file>', 'write to this file instead of the standard output; a name ending in .xlsx gets an Excel workbook')
  .option('--api <url>', 'the API', DEFAULT_API)
  .action(async (options: { year: number; reviewers?: boolean; unit?: string; out?: string; api: string }) => {
    const format = options.out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv';
    const bytes = await accessLinks(options.api, options.year, { role: options.reviewers ? 'reviewer' : 'association', unit: options.unit, format });
    if (options.out) writeFileSync(options.out, bytes);
    else process.stdout.write(bytes);
  });

program
  .command('export')
  .description('the office exports: out/bao-cao-Y.docx (the report as a Word file, once published) and out/tong-hop-Y.xlsx (the workbook)')
  .requiredOption('--year <year>', 'the year', integer('--year'))
  .option('--out <dir>', 'where to write the files', 'out')
  .option('--api <url>', 'the API', DEFAULT_API)
  .action(async (options: { year: number; out: string; api: string }) => {
    const api = await provinceClient(options.api, options.year);
    const written = await writeExports(api, options.year, options.out);
    console.log(`Đã ghi / written:\n${written.map((f) => `  ${f}`).join('\n')}`);
  });

program
  .command('close')
  .description('trigger the year-end close')
  .requiredOption('--year <year>', 'the year', integer('--year'))
  .option('--wait', 'follow the close to its end (published, failed, or a draft awaiting sign-off)')
  .option('--api <url>', 'the API', DEFAULT_API)
  .action(async (options: { year: number; wait?: boolean; api: string }) => {
    const api = await provinceClient(options.api, options.year);
    const result = await api.call<{ status: string; revision: number }>('POST', `/cycles/${options.year}/close`);
    console.log(`Tổng kết năm ${options.year}, lần ${result.revision}: ${result.status}`);
    if (options.wait) await follow(api, options.year, { draftEnds: true });
  });

program
  .command('document')
  .description('change the document details of a draft awaiting sign-off (JSON: documentNumber, reportDate, signer, recipients, narrative); the draft is rendered again')
  .requiredOption('--year <year>', 'the year', integer('--year'))
  .requiredOption('--file <file>', 'the details, a JSON object')
  .option('--api <url>', 'the API', DEFAULT_API)
  .action(async (options: { year: number; file: string; api: string }) => {
    let details: unknown;
    try {
      details = JSON.parse(readFileSync(options.file, 'utf8'));
    } catch (error) {
      throw new CliError(`${options.file}: không đọc được JSON / not readable JSON (${(error as Error).message})`);
    }
    const api = await provinceClient(options.api, options.year);
    const result = await api.call<{ status: string; draftRevision: number }>('PATCH', `/cycles/${options.year}/document`, details);
    console.log(`Đã lưu; dự thảo năm ${options.year} đang được dựng lại (bản dự thảo hiện tại: ${result.draftRevision}) / saved; the draft is being rendered again.`);
  });

program
  .command('publish')
  .description('sign off the draft: render and publish the final files')
  .requiredOption('--year <year>', 'the year', integer('--year'))
  .option('--wait', 'follow the publication to its end')
  .option('--api <url>', 'the API', DEFAULT_API)
  .action(async (options: { year: number; wait?: boolean; api: string }) => {
    const api = await provinceClient(options.api, options.year);
    const result = await api.call<{ status: string; revision: number }>('POST', `/cycles/${options.year}/publish`);
    console.log(`Ban hành báo cáo năm ${options.year}, lần ${result.revision}: ${result.status}`);
    if (options.wait) await follow(api, options.year, { draftEnds: false });
  });

/** Prints each status and step until published or failed (or, when asked, a draft awaiting sign-off). */
async function follow(api: Awaited<ReturnType<typeof provinceClient>>, year: number, options: { draftEnds: boolean }): Promise<void> {
  let last = '';
  for (;;) {
    const cycle = await api.call<{ status: string; step: string | null; draftRevision: number | null; failure: { cause: string } | null }>('GET', `/cycles/${year}`);
    const line = `${cycle.status}${cycle.step ? ` · ${cycle.step}` : ''}`;
    if (line !== last) console.log(`  ${line}`);
    last = line;
    if (cycle.status === 'published') return;
    if (cycle.status === 'close_failed') {
      console.error(`Tổng kết thất bại / close failed: ${cycle.failure?.cause ?? ''}`);
      process.exitCode = 1;
      return;
    }
    if (options.draftEnds && cycle.status === 'draft' && cycle.step === 'AwaitSignOff') {
      console.log(
        `Dự thảo ${cycle.draftRevision ?? ''} chờ ban hành: xem rồi \`tongket document --year ${year} --file …\` để sửa, \`tongket publish --year ${year}\` để ban hành.` +
          `\nDraft ${cycle.draftRevision ?? ''} awaits sign-off: read it, then \`tongket document\` to change it or \`tongket publish\` to publish.`,
      );
      return;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

// Period reviews (SPEC section 12): several years at once, from their published cycles.
const period = program.command('period').description('period reviews (sơ kết, tổng kết several years), SPEC section 12');

interface PeriodStatusView {
  code: string;
  status: string;
  revision: number;
  step: string | null;
  yearsRead: { year: number; revision: number }[];
  failure: { cause: string } | null;
}

period
  .command('create')
  .description('create a period review from a JSON file (code, from, to, title, document details, commendation)')
  .requiredOption('--file <file>', 'the period configuration, a JSON object')
  .option('--api <url>', 'the API', DEFAULT_API)
  .action(async (options: { file: string; api: string }) => {
    let config: { code?: unknown; to?: unknown };
    try {
      config = JSON.parse(readFileSync(options.file, 'utf8')) as { code?: unknown; to?: unknown };
    } catch (error) {
      throw new CliError(`${options.file}: không đọc được JSON / not readable JSON (${(error as Error).message})`);
    }
    const api = await provinceClient(options.api, typeof config.to === 'number' && Number.isInteger(config.to) ? config.to : null).catch(() => provinceClient(options.api, null));
    const created = await api.call<PeriodStatusView>('POST', '/periods', config);
    console.log(`Đã tạo kỳ ${created.code} (${created.status}). / Period ${created.code} created.`);
  });

period
  .command('close')
  .description('close a period review: read the published years, commend, render and publish')
  .requiredOption('--code <code>', 'the period code')
  .option('--wait', 'follow the close to its end')
  .option('--api <url>', 'the API', DEFAULT_API)
  .action(async (options: { code: string; wait?: boolean; api: string }) => {
    const api = await periodProvinceClient(options.api, options.code);
    const path = `/periods/${encodeURIComponent(options.code)}`;
    const result = await api.call<{ status: string; revision: number }>('POST', `${path}/close`);
    console.log(`Kết thúc kỳ ${options.code}, lần ${result.revision}: ${result.status}`);
    if (!options.wait) return;
    let last = '';
    for (;;) {
      const view = await api.call<PeriodStatusView>('GET', path);
      const line = `${view.status}${view.step ? ` · ${view.step}` : ''}`;
      if (line !== last) console.log(`  ${line}`);
      last = line;
      if (view.status === 'published') return;
      if (view.status === 'close_failed') {
        console.error(`Kết thúc kỳ thất bại / period close failed: ${view.failure?.cause ?? ''}`);
        process.exitCode = 1;
        return;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  });

period
  .command('status')
  .description('show a period review: status, step, the years read, the failure')
  .requiredOption('--code <code>', 'the period code')
  .option('--api <url>', 'the API', DEFAULT_API)
  .action(async (options: { code: string; api: string }) => {
    const api = await periodProvinceClient(options.api, options.code);
    const view = await api.call<PeriodStatusView>('GET', `/periods/${encodeURIComponent(options.code)}`);
    console.log(`${view.code}: ${view.status}${view.step ? ` · ${view.step}` : ''}, lần / revision ${view.revision}`);
    if (view.yearsRead.length) console.log(`  năm đã đọc / years read: ${view.yearsRead.map((y) => `${y.year} (r${y.revision})`).join(', ')}`);
    if (view.failure) console.log(`  lỗi / failure: ${view.failure.cause}`);
  });

program
  .command('bench')
  .description('run the benchmarks (BENCHMARKS.md) on the embedded stack and write bench/results.json')
  .option('--quick', 'tiny sizes, a smoke run (results go to node_modules/.cache/tongket-bench unless --out)')
  .option('--only <parts>', 'comma-separated parts: submit, close, pdf, bundles, exports, bill, form, sdk (bill meters the close tiers and a Lai Châu year; form: the first visit of the form on a slow connection; sdk: the AWS SDK external vs bundled, only when named)')
  .option('--out <file>', 'where to write the results JSON')
  .action(async (options: { quick?: boolean; only?: string; out?: string }) => {
    await bench(options);
  });

program.parseAsync().catch((error: unknown) => {
  if (error instanceof EmbeddedStackError || error instanceof ApiCallError || ['CliError', 'DemoStepError'].includes((error as { name?: string }).name ?? '')) {
    console.error((error as Error).message);
  } else if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') {
    console.error('Không kết nối được tới API; hãy chạy `npm start` trước, hoặc dùng --api.\nCannot reach the API; run `npm start` first, or pass --api.');
  } else {
    console.error(error);
  }
  process.exitCode = 1;
});

