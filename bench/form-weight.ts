// The "form" figures (issue 14): the association's form on its first visit over a slow mobile
// connection (Chromium's emulation: 400 kbit/s each way, 400 ms round trip, through the
// DevTools protocol) — what it transfers in all (every request, as sent: headers and bodies)
// and when it is usable (the report loaded, its fields enabled), against a floor measured in
// the same run: one static HTML file of the same number of bytes, no script, served by plain
// node http, loaded under the same emulation. Each run is a fresh browser context (nothing
// cached, no service worker yet); runs of the form and of the floor interleave.
// Registered by one line in bench/run.ts: `--only form`, and in the full run.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startEmbeddedStack } from '../infra/local/runtime.ts';
import { currentKeyOf, readKeySetFile } from '../shared/adapters/signing-key.ts';
import { signToken } from '../shared/auth/tokens.ts';
import { median, round } from './measure.ts';
import type { BenchResults } from './run.ts';

export const FORM_TARGETS = { maxKiB: 80, usableMaxMs: 3000 };
/** The slow connection: 400 kbit/s down and up, 400 ms round trip. */
const NETWORK = { offline: false, latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 };
const RUNS = 3;

export interface FormWeightFigures {
  network: { kbitPerS: number; rttMs: number };
  form: { requests: number; bytes: number; gzipBodiesBytes: number; usableMs: number; runs: number[]; files: { path: string; bytes: number }[] };
  floor: { bytes: number; loadMs: number; runs: number[] };
  /** form usable / floor loaded */
  ratio: number;
}

const UNITS = 'code,name,level,parent_code\nLC,Tỉnh Lai Châu,province,\nLC-MT,Huyện Mường Tè,district,LC\nLC-MT-KL,Xã Ka Lăng,commune,LC-MT\n';
const ASSOCIATIONS = 'code,name,unit_code,special,founded_on,dissolved_on\nKL-NCT,Hội Người cao tuổi xã Ka Lăng,LC-MT-KL,false,2001-03-01,\n';

/** What a page fetched, as the browser counts it (encodedDataLength: headers and body as sent). */
async function throttledPage(browser: Browser): Promise<{ page: Page; transfers: Map<string, { url: string; bytes: number }>; close: () => Promise<void> }> {
  const context = await browser.newContext({ locale: 'vi-VN', viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', NETWORK);
  const transfers = new Map<string, { url: string; bytes: number }>();
  cdp.on('Network.requestWillBeSent', (e: { requestId: string; request: { url: string } }) => transfers.set(e.requestId, { url: e.request.url, bytes: 0 }));
  cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
    const t = transfers.get(e.requestId);
    if (t) t.bytes = e.encodedDataLength;
  });
  return { page, transfers, close: () => context.close() };
}

/** A static page of `bytes` bytes (its text a comment), no script, as plain node http serves a file. */
async function floorServer(bytes: number): Promise<{ url: string; close: () => Promise<void> }> {
  const head = '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>floor</title></head><body><p>Báo cáo</p><!--';
  const tail = '--></body></html>';
  const body = Buffer.from(head + 'x'.repeat(Math.max(0, bytes - Buffer.byteLength(head + tail) - 150)) + tail);
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length, 'cache-control': 'no-store' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function formWeightBench(options: { log: (line: string) => void }): Promise<FormWeightFigures> {
  const { log } = options;
  const dataDir = mkdtempSync(join(tmpdir(), 'tongket-bench-form-'));
  delete process.env.TONGKET_CLOCK_START;
  const stack = await startEmbeddedStack({ dataDir, port: 0 });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const key = currentKeyOf(readKeySetFile(stack.signingKeyFile));
    const province = await signToken({ role: 'province', unit: 'LC' }, key, 3600);
    const year = new Date().getUTCFullYear();
    const call = async (method: string, path: string, body: unknown) => {
      const res = await fetch(`${stack.url}${path}`, { method, headers: { Authorization: `Bearer ${province}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    };
    await call('POST', '/cycles', { year });
    await call('PUT', `/cycles/${year}/registry`, { units: UNITS, associations: ASSOCIATIONS });
    const token = await signToken({ role: 'association', association: 'KL-NCT' }, key, 3600);
    // Warm the server (the pages' build, the first DynamoDB reads) outside the measured runs.
    for (const path of ['/', `/cycles/${year}/reports/KL-NCT`]) await fetch(`${stack.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });

    const formRuns: number[] = [];
    const floorRuns: number[] = [];
    let last: { requests: number; bytes: number; files: { path: string; bytes: number }[] } | null = null;
    let floor: Awaited<ReturnType<typeof floorServer>> | null = null;
    for (let i = 0; i < RUNS; i++) {
      const form = await throttledPage(browser);
      try {
        await form.page.goto(`${stack.url}/?year=${year}&token=${token}`, { waitUntil: 'commit' });
        // performance.now() is counted from the navigation's start.
        // A function, not a string: the page's CSP refuses eval. (No DOM types in this project's TypeScript.)
        const usable = await form.page.waitForFunction(
          () => {
            const g = globalThis as unknown as { document: { getElementById(id: string): { hidden?: boolean; disabled?: boolean } | null } };
            const f = g.document.getElementById('form-body');
            const r = g.document.getElementById('report-form');
            return f && r && !r.hidden && !f.disabled ? performance.now() : false;
          },
          undefined,
          { timeout: 60_000, polling: 50 },
        );
        formRuns.push(round((await usable.jsonValue()) as number, 0));
        await form.page.waitForLoadState('networkidle');
        const rows = [...form.transfers.values()].filter((t) => t.url.startsWith(stack.url));
        last = { requests: rows.length, bytes: rows.reduce((s, t) => s + t.bytes, 0), files: rows.map((t) => ({ path: new URL(t.url).pathname, bytes: t.bytes })) };
      } finally {
        await form.close();
      }
      floor ??= await floorServer(last!.bytes);
      const bare = await throttledPage(browser);
      try {
        await bare.page.goto(floor.url, { waitUntil: 'load', timeout: 60_000 });
        const loaded = (await bare.page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")) as number;
        floorRuns.push(round(loaded, 0));
      } finally {
        await bare.close();
      }
      log(`  form run ${i + 1}: usable at ${formRuns.at(-1)} ms, ${last!.requests} requests, ${round(last!.bytes / 1024, 1)} KB; floor (one static file of the same bytes) loaded at ${floorRuns.at(-1)} ms`);
    }
    await floor?.close();
    // What a compressing server would send: the same bodies, gzipped (the local server and the HTTP API send them as they are).
    let gzipBodiesBytes = 0;
    for (const file of last!.files) {
      const res = await fetch(`${stack.url}${file.path === '/' ? '/' : file.path}`, { headers: { Authorization: `Bearer ${token}` } });
      gzipBodiesBytes += gzipSync(Buffer.from(await res.arrayBuffer())).length;
    }
    const usableMs = median(formRuns);
    const loadMs = median(floorRuns);
    return {
      network: { kbitPerS: 400, rttMs: 400 },
      form: { ...last!, gzipBodiesBytes, usableMs, runs: formRuns },
      floor: { bytes: last!.bytes, loadMs, runs: floorRuns },
      ratio: round(usableMs / loadMs, 2),
    };
  } finally {
    await browser.close().catch(() => {});
    await stack.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The part as bench/run.ts calls it: measured, its verdicts added, its lines printed. */
export async function formWeightPart(results: BenchResults, log: (line: string) => void): Promise<void> {
  log('form: the first visit of the association’s form at 400 kbit/s, 400 ms round trip');
  const f = await formWeightBench({ log });
  (results as BenchResults & { form?: FormWeightFigures }).form = f;
  const kib = round(f.form.bytes / 1024, 1);
  results.verdicts.push(
    { figure: 'form: first visit (KB transferred)', value: kib, target: `≤ ${FORM_TARGETS.maxKiB}`, met: kib <= FORM_TARGETS.maxKiB },
    { figure: 'form: usable (ms, slow 3G-like)', value: f.form.usableMs, target: `≤ ${FORM_TARGETS.usableMaxMs}`, met: f.form.usableMs <= FORM_TARGETS.usableMaxMs },
    { figure: 'form: usable / static file floor', value: f.ratio, target: '(no target)', met: null },
  );
  log(
    `  form: ${f.form.requests} requests, ${kib} KB transferred (${round(f.form.gzipBodiesBytes / 1024, 1)} KB of bodies once gzipped), usable at ${f.form.usableMs} ms; ` +
      `floor ${f.floor.loadMs} ms; ratio ${f.ratio}`,
  );
}
