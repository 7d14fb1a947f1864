// A storage error during the close (issue 19 point 6): s3rver runs inside the server, and an
// object file it cannot write (EISDIR here; ENOSPC on a full disk goes the same way) used to
// be an uncaught exception that ended the whole process, and every restart, which resumed
// the close. The server here is `tongket serve`, a process of its own, so that its death
// would show as such. Every request goes to 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../infra/local/ports.ts';
import { LOCAL_BUCKET } from '../../infra/local/runtime.ts';
import { publishedFiles } from '../../shared/app/close.ts';
import { closeAndWait, seedCycle, THREE_TIER_ASSOCIATIONS, THREE_TIER_UNITS } from '../support/cycle.ts';
import { stackClient } from '../support/embedded.ts';
import { recordFigures } from './support.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const figures = { storageFaults: 0, closeFailedWithCause: 0, serverExits: 0, publishedAfterFix: 0 };
afterAll(() => recordFigures('storage-errors', figures));

describe('an object file s3rver cannot write during the close', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongket-eisdir-'));
  let child: ChildProcess | undefined;
  let output = '';
  let stopping = false;

  afterAll(async () => {
    stopping = true;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([new Promise((r) => child!.once('exit', r)), new Promise((r) => setTimeout(r, 15_000))]);
    }
    const pidFile = join(dataDir, 'dynamodb', 'pid');
    if (existsSync(pidFile)) {
      const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
      try {
        if (pid > 0) process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('ends the close in close_failed with a readable cause, the server stays up, and the next close publishes', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, TONGKET_DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1' };
    delete env.TONGKET_CLOCK_START;
    child = spawn(process.execPath, [join(ROOT, 'bin', 'tongket.mjs'), 'serve', '--empty'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
    child.once('exit', () => {
      if (!stopping) figures.serverExits++;
    });
    for (const deadline = Date.now() + 90_000; ; ) {
      if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}): ${output.slice(-2000)}`);
      try {
        if ((await fetch(`${url}/health`)).ok) break;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`the server did not start: ${output.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const api = stackClient(url, join(dataDir, 'signing-key'));
    const province = await seedCycle(api, {
      year: 2024,
      province: 'DB',
      units: THREE_TIER_UNITS,
      associations: THREE_TIER_ASSOCIATIONS,
      reports: [
        { association: 'DB-CTD', members: 2100, score: 96 },
        { association: 'MN-NCT', members: 310, score: 92 },
      ],
    });

    // s3rver keeps an object as <dir>/<bucket>/<key>._S3rver_object: a directory there makes
    // the PDF's write fail with EISDIR.
    const obstacle = join(dataDir, 's3', LOCAL_BUCKET, `${publishedFiles(2024, 1).pdf}._S3rver_object`);
    mkdirSync(obstacle, { recursive: true });
    figures.storageFaults++;

    const failed = await closeAndWait(api, 2024, province);
    expect(failed.status, JSON.stringify(failed)).toBe('close_failed');
    const failure = failed.failure as { cause: string; step: string; kind: string; reference: string };
    expect(failure.step).toBe('RenderReport');
    // The province reads that the storage failed, at which step, and a reference; the raw
    // cause (the object and the EISDIR) is in the server's log under that reference.
    expect(failure.kind).toBe('storage');
    expect(failure.cause).toContain('kho lưu trữ');
    expect(failure.cause).toContain(failure.reference);
    expect(failure.cause).not.toContain(dataDir); // no local paths in what the province reads
    const logged = output.split('\n').find((line) => line.includes(failure.reference) && line.includes('close_failed'));
    expect(logged).toContain(`could not write ${LOCAL_BUCKET}/cycles/2024/r1/bao-cao-2024.pdf`);
    expect(logged).toContain('EISDIR');
    figures.closeFailedWithCause++;
    console.log(`[reliability] close_failed at ${failure.step}: ${failure.cause}`);

    // still the same process, still answering, its stores healthy
    expect(child.exitCode).toBeNull();
    expect(child.signalCode).toBeNull();
    const health = await api.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.json).toEqual({ ok: true, database: 'ok', storage: 'ok' });
    const cycle = await api.request('GET', '/cycles/2024', { token: province });
    expect(cycle.status).toBe(200);

    rmSync(obstacle, { recursive: true });
    const published = await closeAndWait(api, 2024, province);
    expect(published).toMatchObject({ status: 'published', revision: 1, failure: null });
    const pdf = await api.request('GET', '/cycles/2024/report.pdf', { token: province });
    expect(pdf.status).toBe(200);
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    figures.publishedAfterFix++;
    expect(child.exitCode).toBeNull();
    expect(figures.serverExits).toBe(0);
  }, 240_000);
});
