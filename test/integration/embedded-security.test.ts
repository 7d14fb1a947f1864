// The embedded stack answers this machine only, and what it publishes cannot be swapped
// behind its back (issue 10 section 3): every listening socket of its processes is on a
// loopback address, DynamoDB Local allows no browser origin, the data directories are
// private, a published file rewritten through s3rver's unsigned API is refused, and
// /health says which store is down. Every request here goes to 127.0.0.1.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_BUCKET } from '../../infra/local/runtime.ts';
import { publishedFiles } from '../../shared/app/close.ts';
import { closeAndWait, seedCycle, THREE_TIER_ASSOCIATIONS, THREE_TIER_UNITS } from '../support/cycle.ts';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { isLoopbackAddress, listeningSockets } from '../support/sockets.ts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack({ clockStart: '2024-12-01T02:00:00Z' });
});
afterAll(async () => stack?.cleanup());

const portOf = (url: string) => Number(new URL(url).port);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the embedded services answer this machine only', () => {
  it('listens on loopback addresses only: the API, s3rver and DynamoDB Local', () => {
    const sockets = [...listeningSockets(process.pid), ...listeningSockets(stack.stores.dynamoDb.pid)];
    console.log(`[security] listening sockets: ${sockets.map((s) => `${s.pid === process.pid ? 'node' : 'java'} ${s.address}:${s.port}`).join(', ')}`);
    // the three services are all found, so the check below cannot pass on an empty list
    const ports = new Set(sockets.map((s) => s.port));
    expect(ports).toContain(portOf(stack.url));
    expect(ports).toContain(stack.stores.s3.port);
    expect(ports).toContain(stack.stores.dynamoDb.port);
    expect(sockets.filter((s) => s.pid === stack.stores.dynamoDb.pid).length).toBeGreaterThan(0);
    for (const socket of sockets) expect(isLoopbackAddress(socket.address), `${socket.address}:${socket.port}`).toBe(true);
  });

  it('DynamoDB Local allows no browser origin, not even the API’s own', async () => {
    for (const origin of [stack.url, 'http://attacker.example']) {
      const preflight = await fetch(stack.stores.dynamoDb.endpoint, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type,x-amz-target' },
      });
      await preflight.arrayBuffer();
      expect(preflight.headers.get('access-control-allow-origin'), origin).toBeNull();
    }
  });

  it('keeps the database and the object store in directories only their owner can open', () => {
    expect(statSync(`${stack.dataDir}/dynamodb`).mode & 0o777).toBe(0o700);
    expect(statSync(stack.stores.s3.directory).mode & 0o777).toBe(0o700);
  });
});

describe('a published file rewritten in the store', () => {
  it('is refused with a clear error, while the untouched files are still served', async () => {
    const province = await seedCycle(stack, {
      year: 2024,
      province: 'DB',
      units: THREE_TIER_UNITS,
      associations: THREE_TIER_ASSOCIATIONS,
      reports: [
        { association: 'DB-CTD', members: 2100, score: 96 },
        { association: 'MN-NCT', members: 310, score: 92 },
      ],
    });
    expect(await closeAndWait(stack, 2024, province)).toMatchObject({ status: 'published', revision: 1 });
    const csv = await stack.request('GET', '/cycles/2024/commendations?format=csv', { token: province });
    expect(csv.status).toBe(200);

    // The attack: an unsigned PUT straight to s3rver (on loopback) over the published CSV and summary.
    const files = publishedFiles(2024, 1);
    const forged = Buffer.from('\uFEFFcode,name\r\nDB-CTD,"=HYPERLINK(""http://attacker.example"",""Hội Chữ thập đỏ"")"\r\n');
    for (const [key, body] of [
      [files.csv, forged],
      [files.json, Buffer.from('{"figures":{"members":999999}}\n')],
    ] as const) {
      const put = await fetch(`${stack.stores.s3.endpoint}/${LOCAL_BUCKET}/${key}`, { method: 'PUT', body });
      await put.arrayBuffer();
      expect(put.status, 's3rver took the unsigned write: the check below is what stops it').toBe(200);
      const readBack = await fetch(`${stack.stores.s3.endpoint}/${LOCAL_BUCKET}/${key}`);
      expect(sha256(Buffer.from(await readBack.arrayBuffer()))).toBe(sha256(body));
    }

    const refused = await stack.request('GET', '/cycles/2024/commendations?format=csv', { token: province });
    expect(refused.status).toBe(500);
    expect(refused.bytes.includes(Buffer.from('HYPERLINK'))).toBe(false);
    expect(refused.json.error.code).toBe('file_integrity');
    expect(refused.json.error.message).toContain('khen-thuong-2024.csv');
    expect(refused.json.error.message).toContain('không còn khớp');
    expect(refused.text).not.toMatch(/\n\s+at |node_modules|sha256/i);
    const english = await stack.request('GET', '/cycles/2024/summary', { token: province, headers: { 'accept-language': 'en' } });
    expect(english.status).toBe(500);
    expect(english.json.error).toMatchObject({ code: 'file_integrity' });
    expect(english.json.error.message).toContain('tong-hop-2024.json of published revision 1 no longer matches');

    // what was not touched is served as before, checked the same way
    const pdf = await stack.request('GET', '/cycles/2024/report.pdf', { token: province });
    expect(pdf.status).toBe(200);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const commendations = await stack.request('GET', '/cycles/2024/commendations', { token: province });
    expect(commendations.status).toBe(200);
  });
});

describe('GET /health', () => {
  it('reports the database and the storage, and answers 503 naming the part that is down', async () => {
    const healthy = await stack.request('GET', '/health');
    expect(healthy.status).toBe(200);
    expect(healthy.json).toEqual({ ok: true, database: 'ok', storage: 'ok' });

    await stack.stores.s3.stop();
    const noStorage = await stack.request('GET', '/health');
    expect(noStorage.status).toBe(503);
    expect(noStorage.json).toEqual({ ok: false, database: 'ok', storage: 'unavailable' });

    process.kill(stack.stores.dynamoDb.pid, 'SIGKILL');
    const nothing = await stack.request('GET', '/health');
    expect(nothing.status).toBe(503);
    expect(nothing.json).toEqual({ ok: false, database: 'unavailable', storage: 'unavailable' });
  });
});
