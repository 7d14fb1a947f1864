// Reminders and notices on the embedded stack (SPEC section 3): the cycle's waiting execution
// wakes at 08:00 in Vietnam on a reminder day and reminds every expected association with an
// email and no version, once, whatever restarts; a returned report is told to its association.
// Locally each message is an .eml file in the data directory's outbox.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedStack, type EmbeddedStack } from '../../infra/local/runtime.ts';
import type { JobHandler } from '../../infra/local/step-functions.ts';
import { sendDueReminders } from '../../shared/app/notices.ts';
import { getCycle } from '../../shared/adapters/cycle-store.ts';
import { now, resetClock } from '../../shared/adapters/clock.ts';
import { stackClient, type StackClient } from '../support/embedded.ts';
import { report } from '../support/cycle.ts';

const UNITS = `code,name,level,parent_code
LC,Tỉnh Lai Châu,province,
LC-TD,Huyện Tam Đường,district,LC
LC-TD-BB,Xã Bản Bo,commune,LC-TD
`;
// Three with an email and no report, one that will submit, one with no email.
const ASSOCIATIONS = `code,name,unit_code,special,founded_on,dissolved_on,email,phone
LC-CTD,Hội Chữ thập đỏ tỉnh Lai Châu,LC,true,1993-01-01,,ctd@laichau.vn,0213 3876 543
TD-NCT,Hội Người cao tuổi huyện Tam Đường,LC-TD,false,2003-01-01,,nct.tamduong@gmail.com,
BB-NCT,Hội Người cao tuổi xã Bản Bo,LC-TD-BB,false,2005-01-01,,nct.banbo@gmail.com,
BB-KH,Hội Khuyến học xã Bản Bo,LC-TD-BB,false,2006-01-01,,khuyenhoc.banbo@gmail.com,
BB-CCB,Hội Cựu chiến binh xã Bản Bo,LC-TD-BB,false,2004-01-01,,,
`;

/**
 * Makes the stack's clock (shared/adapters/clock.ts: TONGKET_CLOCK_START plus the time since
 * the process started) read `iso` now; it then runs on, also across a restart in this process.
 */
function setSimulatedNow(iso: string): void {
  const probe = '2000-01-01T00:00:00Z';
  process.env.TONGKET_CLOCK_START = probe;
  resetClock();
  const processStart = Date.now() + Date.parse(probe) - now().getTime();
  process.env.TONGKET_CLOCK_START = new Date(Date.parse(iso) - Date.now() + processStart).toISOString();
  resetClock();
}

const checks: string[] = [];
const wrapTask = (state: string, handler: JobHandler): JobHandler => async (input, context) => {
  const output = await handler(input, context);
  if (state === 'CheckAutoClose') checks.push(new Date().toISOString());
  return output;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await sleep(100);
  }
}

const emlFiles = (dataDir: string): string[] => {
  try {
    return readdirSync(join(dataDir, 'outbox')).filter((f) => f.endsWith('.eml')).sort();
  } catch {
    return [];
  }
};

/** The decoded text of a base64 or quoted-printable .eml body, and its raw headers. */
function readEml(file: string): { headers: string; body: string } {
  const raw = readFileSync(file, 'utf8');
  const split = raw.indexOf('\r\n\r\n');
  const headers = raw.slice(0, split);
  const encoded = raw.slice(split + 4);
  const transfer = /content-transfer-encoding:\s*(\S+)/iu.exec(headers)?.[1]?.toLowerCase();
  const body =
    transfer === 'base64'
      ? Buffer.from(encoded.replace(/\s+/gu, ''), 'base64').toString('utf8')
      : transfer === 'quoted-printable'
        ? Buffer.from(encoded.replace(/=\r\n/gu, '').replace(/=([0-9A-F]{2})/gu, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
        : encoded;
  return { headers, body };
}

describe('reminders and notices', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongket-reminders-'));
  let stack: EmbeddedStack;
  let client: StackClient;
  let province: string;

  const start = async () => {
    stack = await startEmbeddedStack({ dataDir, port: 0, retryIntervalMs: 0, wrapTask });
    client = stackClient(stack.url, stack.signingKeyFile);
    province = await client.token({ role: 'province', unit: 'LC' });
  };

  beforeAll(async () => {
    await start();
    // Eight seconds before 08:00 on the first reminder day (the deadline 2020-12-15 less 7 days).
    setSimulatedNow('2020-12-08T07:59:52+07:00');
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    delete process.env.TONGKET_CLOCK_START;
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('reminds at 08:00 every expected association with an email and no report, with a link that opens its form', async () => {
    const opened = await client.request('POST', '/cycles', {
      token: province,
      json: { year: 2020, deadline: '2020-12-15', reminders: { daysBefore: [7, 1] }, contact: { name: 'Văn phòng Ban Dân vận Tỉnh ủy', phone: '0213 3876 543' } },
    });
    expect(opened.status, opened.text).toBe(201);
    const imported = await client.request('PUT', '/cycles/2020/registry', { token: province, json: { units: UNITS, associations: ASSOCIATIONS } });
    expect(imported.status, imported.text).toBe(200);
    const submitted = await client.request('PUT', '/cycles/2020/reports/BB-KH', { token: await client.token({ role: 'association', association: 'BB-KH' }), json: report(120) });
    expect(submitted.status, submitted.text).toBe(200);

    const outbox = await until('the reminders', async () => {
      const answer = await client.request('GET', '/cycles/2020/outbox', { token: province });
      expect(answer.status, answer.text).toBe(200);
      const settled = answer.json.items.filter((i: { state: string }) => i.state !== 'claimed');
      return settled.length >= 3 ? answer.json : undefined;
    });
    expect(outbox.items.map((i: { association: string }) => i.association).sort()).toEqual(['BB-NCT', 'LC-CTD', 'TD-NCT']);
    for (const item of outbox.items) {
      expect(item).toMatchObject({ kind: 'remind', state: 'sent', subject: 'Nhắc nộp báo cáo tổng kết năm 2020 (hạn 15/12/2020)' });
      // Never before 08:00 in Vietnam, and on that day.
      expect(Date.parse(item.at)).toBeGreaterThanOrEqual(Date.parse('2020-12-08T08:00:00+07:00'));
      expect(Date.parse(item.at)).toBeLessThan(Date.parse('2020-12-09T00:00:00+07:00'));
    }
    expect(outbox.items.find((i: { association: string }) => i.association === 'BB-NCT').to).toBe('nct.banbo@gmail.com');
    // The one with no email cannot be reached; the one that submitted was not reminded.
    expect(outbox.unreachable).toEqual(['BB-CCB']);

    const files = emlFiles(dataDir);
    expect(files).toHaveLength(3);
    const mail = files.map((f) => readEml(join(dataDir, 'outbox', f))).find((m) => /^To: nct\.banbo@gmail\.com$/mu.test(m.headers))!;
    expect(mail.body).toContain('Kính gửi Hội Người cao tuổi xã Bản Bo,');
    expect(mail.body).toContain('liên hệ Văn phòng Ban Dân vận Tỉnh ủy, điện thoại 0213 3876 543');
    const link = /^(http\S+)$/mu.exec(mail.body)?.[1];
    expect(link).toBeDefined();
    const url = new URL(link!);
    expect(url.origin).toBe(new URL(stack.url).origin);
    const opens = await client.request('GET', '/cycles/2020/reports/BB-NCT', { token: url.searchParams.get('token')! });
    expect(opens.status).toBe(200);
  }, 60_000);

  it('never sends a day’s reminder twice: not when the execution is woken again, not after a restart', async () => {
    const before = emlFiles(dataDir).length;
    // A second run of the day's reminders finds every message claimed.
    const cycle = (await getCycle(2020))!;
    expect((await sendDueReminders({ ...cycle, remindedOn: undefined })).finished).toBe(true);
    expect(emlFiles(dataDir)).toHaveLength(before);

    await stack.stop();
    const checksBefore = checks.length;
    await start();
    // A registry import wakes the resumed execution, which looks again on the same day.
    const again = await client.request('PUT', '/cycles/2020/registry', { token: province, json: { units: UNITS, associations: ASSOCIATIONS } });
    expect(again.status, again.text).toBe(200);
    await until('a check after the restart', async () => (checks.length > checksBefore ? true : undefined));
    await sleep(500);
    expect(emlFiles(dataDir)).toHaveLength(before);
    const outbox = await client.request('GET', '/cycles/2020/outbox', { token: province });
    expect(outbox.json.items.filter((i: { kind: string }) => i.kind === 'remind')).toHaveLength(3);
  }, 120_000);

  it('tells the association its report was returned, with the comment, once', async () => {
    const reviewer = await client.token({ role: 'reviewer', unit: 'LC-TD' });
    const returned = await client.request('POST', '/cycles/2020/reports/BB-KH/review', {
      token: reviewer,
      json: { decision: 'return', version: 1, comment: 'Số hội viên chưa khớp sổ sách, xin kiểm tra lại.' },
    });
    expect(returned.status, returned.text).toBe(200);
    const outbox = await client.request('GET', '/cycles/2020/outbox', { token: province });
    const notices = outbox.json.items.filter((i: { kind: string }) => i.kind === 'returned');
    expect(notices).toEqual([expect.objectContaining({ association: 'BB-KH', to: 'khuyenhoc.banbo@gmail.com', state: 'sent', subject: 'Báo cáo tổng kết năm 2020 được trả lại để chỉnh sửa' })]);
    const mail = emlFiles(dataDir)
      .map((f) => readEml(join(dataDir, 'outbox', f)))
      .find((m) => /^To: khuyenhoc\.banbo@gmail\.com$/mu.test(m.headers))!;
    expect(mail.body).toContain('Số hội viên chưa khớp sổ sách, xin kiểm tra lại.');
  }, 60_000);

  it('only lets the province read the outbox', async () => {
    const reviewer = await client.token({ role: 'reviewer', unit: 'LC' });
    expect((await client.request('GET', '/cycles/2020/outbox', { token: reviewer })).status).toBe(403);
  });
});
