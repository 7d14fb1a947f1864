// A storage error during the close (issue 19 point 6): s3rver runs inside the server, and an
// object file it cannot write (EISDIR here; ENOSPC on a full disk goes the same way) used to
// be an uncaught exception that ended the whole process, and every restart, which resumed
// the close. The server here is `tongket serve`, a process of its own, so that its death
// would show as such. Every request goes to 127.0.0.1.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LOCAL_BUCKET } from '../../infra/local/runtime.ts';
import { publishedFiles } from '../../shared/app/close.ts';
import { closeAndWait, seedCycle, THREE_TIER_ASSOCIATIONS, THREE_TIER_UNITS } from '../support/cycle.ts';
import { stackClient } from '../support/embedded.ts';
import { serveChild } from '../support/serve-child.ts';
import { recordFigures } from './support.ts';

const figures = { storageFaults: 0, closeFailedWithCause: 0, serverExits: 0, publishedAfterFix: 0 };
afterAll(() => recordFigures('storage-errors', figures));

describe('an object file s3rver cannot write during the close', () => {
  let stopping = false;
  const server = serveChild('tongket-eisdir-', {
    onExit: () => {
      if (!stopping) figures.serverExits++;
    },
  });
  const { dataDir } = server;
  afterAll(async () => {
    stopping = true;
    await server.cleanup();
  });

  it('ends the close in close_failed with a readable cause, the server stays up, and the next close publishes', async () => {
    await server.start();
    const child = server.child!;
    const api = stackClient(server.url, join(dataDir, 'signing-key'));
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
    const logged = server.output.split('\n').find((line) => line.includes(failure.reference) && line.includes('close_failed'));
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
