// The `tongket` command as a user runs it: the demo, tokens, and serve driven by the other
// commands, each a real child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/ports.ts';
import { pdfPages } from '../support/pdf-text.ts';
import { THREE_TIER_ASSOCIATIONS, THREE_TIER_UNITS } from '../support/cycle.ts';
import { windows1258 } from '../support/windows-1258.ts';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'tongket.mjs');
const temp = mkdtempSync(join(tmpdir(), 'tongket-cli-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('tongket demo', () => {
  it('runs the Lai Châu 2020 cycle and writes the three files with the seed report’s figures', async () => {
    const out = join(temp, 'out');
    const result = await run(['demo', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Toàn tỉnh\s+179\s+18\s+11\s+180\.455/);

    const text = (await pdfPages(readFileSync(join(out, 'bao-cao-2020.pdf')))).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Năm 2020, toàn tỉnh có 179 tổ chức Hội, với 180.455 hội viên, trong đó: Hội có phạm vi hoạt động cấp tỉnh: 24 tổ chức; Hội có phạm vi hoạt động cấp huyện, thành phố: 56 tổ chức; Hội có phạm vi hoạt động cấp xã: 99 tổ chức.');
    expect(text).toContain('18 Hội (cấp tỉnh: 10 Hội, cấp huyện, thành phố: 08 Hội)');
    expect(text).toContain('11 hội thành lập mới (cấp huyện 01, cấp xã 10)');
    expect(text).toMatch(/Tổng cộng 179 18 11 180\.455/);
    expect(text).toContain('Lai Châu, ngày 18 tháng 12 năm 2020');
    // Signed as the seed's report was, by its Phó Trưởng Ban, for the Trưởng Ban; the body ends with "./.".
    expect(text).toMatch(/K\/T TRƯỞNG BAN.*PHÓ TRƯỞNG BAN.*Nguyễn Đình Toán/u);
    expect(text).toContain('- Ban Dân vận Trung ương (b/c),');
    expect(text).toContain('năm 2020./.');
    expect(text).toContain('Giấy khen của Chủ tịch UBND thành phố');
    expect(text).not.toContain('T/M BAN DÂN VẬN');

    const summary = JSON.parse(readFileSync(join(out, 'tong-hop-2020.json'), 'utf8'));
    expect(summary).toMatchObject({
      associations: { total: 179, byLevel: { province: 24, district: 56, commune: 99 }, special: { total: 18, byLevel: { province: 10, district: 8, commune: 0 } }, new: { total: 11, byLevel: { province: 0, district: 1, commune: 10 } } },
      reports: { expected: 179, submitted: 179, approved: 179, onTime: 179, late: 0 },
      figures: { members: 180455 },
    });
    // Closed on the report's date, after the deadline: never published before the document that states it.
    expect(summary.publishedAt.slice(0, 10)).toBe('2020-12-18');
    const ratings = Object.values(summary.ratings as Record<string, { total: number }>).reduce((n, r) => n + r.total, 0);
    expect(ratings).toBe(179);
    const csv = readFileSync(join(out, 'khen-thuong-2020.csv'));
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = csv.toString('utf8').trim().split('\r\n');
    expect(rows.length - 1).toBe(summary.commended);
    expect(summary.commended).toBeGreaterThanOrEqual(3);
  }, 180_000);
});

describe('tongket demo quan-8', () => {
  it('runs five years of a district and its five-year period review, commending the seed’s 11 collectives', async () => {
    const out = join(temp, 'out-q8');
    const result = await run(['demo', 'quan-8', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(join(out, 'tong-hop-KL102-2016-2020.json'), 'utf8'));
    expect(summary).toMatchObject({ code: 'KL102-2016-2020', from: 2016, to: 2020, missingYears: [], commended: 11 });
    expect(summary.years.map((y: { year: number }) => y.year)).toEqual([2016, 2017, 2018, 2019, 2020]);
    const rows = readFileSync(join(out, 'khen-thuong-KL102-2016-2020.csv'), 'utf8').trim().split('\r\n');
    expect(rows).toHaveLength(12);
    expect(rows.slice(1).every((r) => /,Cấp (quận|phường),[\d.]+,Giấy khen của Chủ tịch UBND (quận|phường)$/u.test(r))).toBe(true);
    const text = (await pdfPages(readFileSync(join(out, 'so-ket-KL102-2016-2020.pdf')))).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Sơ kết 05 năm thực hiện Kết luận số 102-KL/TW');
    expect(text).toContain('toàn quận');
    expect(text).not.toMatch(/toàn tỉnh|cấp huyện/u);
  }, 300_000);
});

describe('tongket serve, open, import, links, token, close', () => {
  let server: ChildProcess | undefined;
  afterAll(() => {
    server?.kill('SIGKILL');
  });

  it('serves an empty stack, is driven by the other commands, and stops cleanly on SIGINT', async () => {
    const dataDir = join(temp, 'data');
    const port = await freePort();
    const env = { TONGKET_DATA_DIR: dataDir, PORT: String(port) };
    const api = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [BIN, 'serve', '--empty'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    const deadline = Date.now() + 90_000;
    while (!output.includes('Ctrl-C')) {
      if (Date.now() > deadline || server.exitCode !== null) throw new Error(`serve did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(output).toContain(api);
    expect(await (await fetch(`${api}/health`)).json()).toEqual({ ok: true, database: 'ok', storage: 'ok' });

    const token = await run(['token', '--role', 'reviewer', '--unit', 'DB-MN', '--days', '3'], env);
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const reviewer = token.stdout.trim();
    const tooLong = await run(['token', '--role', 'province', '--unit', 'DB', '--days', '32'], env);
    expect(tooLong.code).toBe(1);
    expect(tooLong.stdout).toBe('');
    expect(tooLong.stderr).toContain('31');
    expect(tooLong.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect((await fetch(`${api}/cycles/2022`, { headers: { authorization: `Bearer ${reviewer}` } })).status).toBe(404);

    const config = join(temp, 'cycle.json');
    writeFileSync(config, JSON.stringify({ deadline: '2022-12-20', issuer: ['TỈNH ỦY ĐIỆN BIÊN', 'BAN DÂN VẬN'] }));
    const opened = await run(['open', '--year', '2022', '--config', config, '--api', api], env);
    expect(opened.code, opened.stderr).toBe(0);
    writeFileSync(join(temp, 'units.csv'), THREE_TIER_UNITS);
    writeFileSync(join(temp, 'associations.csv'), THREE_TIER_ASSOCIATIONS);
    const imported = await run(['import', '--year', '2022', '--units', join(temp, 'units.csv'), '--associations', join(temp, 'associations.csv'), '--api', api], env);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('7 hội phải báo cáo');

    const broken = join(temp, 'broken.csv');
    writeFileSync(broken, 'code,name\nX,Y\n');
    const refused = await run(['import', '--year', '2022', '--units', join(temp, 'units.csv'), '--associations', broken, '--api', api], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('associations.csv dòng 1');
    expect(refused.stderr).not.toMatch(/at .*\.ts:\d+/);

    // Excel's "CSV (Comma delimited)" on a Vietnamese Windows: refused before anything is sent.
    const cp1258 = join(temp, 'hoi-1258.csv');
    writeFileSync(cp1258, Buffer.concat([Buffer.from(`${THREE_TIER_ASSOCIATIONS}X1,`), windows1258('Hội Chữ thập đỏ xã'), Buffer.from(',DB,false,2020-01-01,\n')]));
    const notUtf8 = await run(['import', '--year', '2022', '--associations', cp1258, '--api', api], env);
    expect(notUtf8.code).toBe(1);
    expect(notUtf8.stderr).toContain('hoi-1258.csv: Tệp danh sách hội (associations) không phải UTF-8 (dòng 9');
    expect(notUtf8.stderr).toContain('«CSV UTF-8 (Comma delimited) (*.csv)»');
    // One file alone, as a dry run: the units are kept, nothing changes, nothing is written.
    const dry = await run(['import', '--year', '2022', '--associations', join(temp, 'associations.csv'), '--dry-run', '--api', api], env);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('Chạy thử, chưa ghi gì');
    expect(dry.stdout).toContain('Không có thay đổi nào');
    // The registry as one workbook, with one more association.
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Đơn vị').addRows(THREE_TIER_UNITS.trim().split('\n').map((line) => line.split(',')));
    wb.addWorksheet('Hội').addRows([...THREE_TIER_ASSOCIATIONS.trim().split('\n').map((line) => line.split(',')), ['X2', 'Hội Luật gia tỉnh', 'DB', 'có', '01/06/2015', '']]);
    const workbookFile = join(temp, 'danh-sach.xlsx');
    writeFileSync(workbookFile, Buffer.from(await wb.xlsx.writeBuffer()));
    const fromWorkbook = await run(['import', '--year', '2022', '--workbook', workbookFile, '--dry-run', '--api', api], env);
    expect(fromWorkbook.code, fromWorkbook.stderr).toBe(0);
    expect(fromWorkbook.stdout).toContain('hội thêm / added (1): X2');

    const links = await run(['links', '--year', '2022', '--api', api], env);
    expect(links.code, links.stderr).toBe(0);
    // UTF-8 with a BOM and CRLF, as a spreadsheet opens it; the same links at the next call.
    expect(links.stdout.startsWith('\uFEFF')).toBe(true);
    const lines = links.stdout.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('code,name,unit,link');
    expect((await run(['links', '--year', '2022', '--api', api], env)).stdout).toBe(links.stdout);
    const workbook = join(temp, 'reviewers.xlsx');
    const reviewers = await run(['links', '--year', '2022', '--reviewers', '--unit', 'DB-MN', '--out', workbook, '--api', api], env);
    expect(reviewers.code, reviewers.stderr).toBe(0);
    expect(readFileSync(workbook).subarray(0, 2).toString('latin1')).toBe('PK');
    expect(lines).toHaveLength(8);
    const first = lines.find((l) => l.startsWith('CH-NCT,'))!;
    const link = new URL(first.slice(first.lastIndexOf(',') + 1));
    const response = await fetch(`${api}/cycles/2022/reports/CH-NCT`, { headers: { authorization: `Bearer ${link.searchParams.get('token')}` } });
    expect(response.status).toBe(200);
    expect(link.searchParams.get('year')).toBe('2022');

    const closed = await run(['close', '--year', '2022', '--wait', '--api', api], env);
    expect(closed.code, closed.stderr).toBe(0);
    expect(closed.stdout).toContain('published');

    server.kill('SIGINT');
    const code = await new Promise<number | null>((resolve) => server!.once('exit', resolve));
    expect(code).toBe(0);
    expect(existsSync(join(dataDir, 'dynamodb', 'pid'))).toBe(false);
  }, 180_000);

  it('says what is wrong, without a stack trace, when there is no key or no server', async () => {
    const noKey = await run(['token', '--role', 'province', '--unit', 'X'], { TONGKET_DATA_DIR: join(temp, 'empty') });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain('npm start');
    const noServer = await run(['close', '--year', '2022', '--api', `http://127.0.0.1:${await freePort()}`], { TONGKET_DATA_DIR: join(temp, 'data') });
    expect(noServer.code).toBe(1);
    expect(noServer.stderr).toContain('--api');
  });

  it('refuses numbers written as 1e2, 0x10 or with a space, naming the option', async () => {
    for (const [option, value] of [['--days', '1e2'], ['--days', ' 5'], ['--year', '0x7e8']] as const) {
      const args = option === '--days' ? ['token', '--role', 'province', '--unit', 'X', '--days', value] : ['close', '--year', value];
      const result = await run(args, { TONGKET_DATA_DIR: join(temp, 'empty') });
      expect(result.code, `${option} ${JSON.stringify(value)}`).toBe(1);
      expect(result.stderr).toContain(`${option} phải là số nguyên / must be an integer`);
      expect(result.stdout).toBe('');
    }
    const badPort = await run(['serve', '--empty'], { PORT: '3e3', TONGKET_DATA_DIR: join(temp, 'empty') });
    expect(badPort.code).toBe(1);
    expect(badPort.stderr).toContain('PORT must be a number from 0 to 65535 (digits only): "3e3"');
    expect(badPort.stderr).not.toMatch(/\n\s+at /);
  });
});
