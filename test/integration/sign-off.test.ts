// The sign-off of a close (SPEC section 3) on the embedded stack: the close stops at `draft`,
// the province reads the draft, changes the document details (each change renders the draft
// again), and publishes; the final files are those of a close without sign-off with the same
// details. The draft survives a restart of the server.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { updateCycle } from '../../shared/adapters/cycle-store.ts';
import { startEmbeddedStack } from '../../infra/local/runtime.ts';
import type { JobHandler } from '../../infra/local/step-functions.ts';
import { stackClient, startTestStack, type StackClient, type TestStack } from '../support/embedded.ts';
import { closeAndWait, report, seedCycle, THREE_TIER_ASSOCIATIONS, THREE_TIER_UNITS, type SeedReport } from '../support/cycle.ts';
import { pdfPages } from '../support/pdf-text.ts';
import { readZip, zipText } from '../support/zip.ts';

const YEAR = 2022;
const CLOCK = '2022-12-01T02:00:00Z';
const CONFIG = {
  issuer: ['TỈNH ỦY ĐIỆN BIÊN', 'BAN DÂN VẬN'],
  documentNumber: 'Số 12-BC/BDVTU',
  reportDate: '2022-12-20',
  commendation: { quotaPercent: 50, minScore: 90 },
};
const REPORTS: SeedReport[] = [
  { association: 'DB-CTD', members: 21000, score: 96 },
  { association: 'MN-NCT', members: 3100, score: 95 },
  { association: 'CH-NCT', members: 180, score: 91 },
  { association: 'TG-CTD', members: 2500, score: 89 },
];
const SIGNER = { lines: ['K/T TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN'], name: 'Lò Văn Thắng' };

type Cycle = Record<string, unknown> & { status: string; draftRevision: number | null; step: string | null };

async function waitForCycle(api: StackClient, token: string, done: (cycle: Cycle) => boolean, timeoutMs = 60_000): Promise<Cycle> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const cycle = (await api.request('GET', `/cycles/${YEAR}`, { token })).json as Cycle;
    if (done(cycle)) return cycle;
    if (cycle.status === 'close_failed') throw new Error(`close failed: ${JSON.stringify(cycle.failure)}`);
    if (Date.now() > deadline) throw new Error(`cycle still ${cycle.status} (draft ${cycle.draftRevision}, step ${cycle.step}) after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The draft is rendered and waits for the province (not rendering again). */
const draftWaiting = (revision: number) => (c: Cycle) => c.status === 'draft' && (c.draftRevision ?? 0) >= revision && c.step === 'AwaitSignOff';

async function draftPdfText(api: StackClient, token: string): Promise<string> {
  const pdf = await api.request('GET', `/cycles/${YEAR}/report.pdf?draft=1`, { token });
  expect(pdf.status, pdf.text).toBe(200);
  return (await pdfPages(pdf.bytes)).join('\n');
}

async function publishedFiles(api: StackClient, token: string) {
  const get = async (path: string) => {
    const response = await api.request('GET', path, { token });
    expect(response.status, `${path}: ${response.text.slice(0, 300)}`).toBe(200);
    return response.bytes;
  };
  return {
    pdf: await get(`/cycles/${YEAR}/report.pdf`),
    csv: await get(`/cycles/${YEAR}/commendations?format=csv`),
    summary: await get(`/cycles/${YEAR}/summary`),
    commendations: await get(`/cycles/${YEAR}/commendations`),
  };
}

describe('the sign-off of a close', () => {
  let stack: TestStack | undefined;
  let restarted: { stop(): Promise<void>; dataDir: string } | undefined;
  let api: StackClient;
  let province: string;
  let signedOff: Awaited<ReturnType<typeof publishedFiles>>;
  let finalDetails: Record<string, unknown>;

  afterAll(async () => {
    if (restarted) {
      await restarted.stop();
      rmSync(restarted.dataDir, { recursive: true, force: true });
    }
    await stack?.cleanup();
  });

  it('stops the close at draft, with draft files for the province only, and keeps the reports frozen', async () => {
    stack = await startTestStack({ clockStart: CLOCK });
    api = stack;
    province = await seedCycle(stack, { year: YEAR, province: 'DB', units: THREE_TIER_UNITS, associations: THREE_TIER_ASSOCIATIONS, config: { ...CONFIG, signOff: true }, reports: REPORTS });
    const close = await api.request('POST', `/cycles/${YEAR}/close`, { token: province });
    expect(close.status, close.text).toBe(202);
    const draft = await waitForCycle(api, province, draftWaiting(1));
    expect(draft).toMatchObject({ status: 'draft', draftRevision: 1, revision: 0 });

    const text = await draftPdfText(api, province);
    expect(text).toContain('Số 12-BC/BDVTU');
    // Every page of the draft says it is one.
    const pages = await pdfPages((await api.request('GET', `/cycles/${YEAR}/report.pdf?draft=1`, { token: province })).bytes);
    for (const page of pages) expect(page).toContain('DỰ THẢO');
    const summary = await api.request('GET', `/cycles/${YEAR}/summary?draft=1`, { token: province });
    expect(summary.status).toBe(200);
    expect(summary.json).toMatchObject({ year: YEAR, revision: 1 });
    const csv = await api.request('GET', `/cycles/${YEAR}/commendations?draft=1&format=csv`, { token: province });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain('du-thao-khen-thuong-2022-r1.csv');
    const commended = await api.request('GET', `/cycles/${YEAR}/commendations?draft=1`, { token: province });
    expect(commended.json.items.length).toBeGreaterThan(0);
    // The draft as a Word file: marked on every page too, under a name that says so.
    const docx = await api.request('GET', `/cycles/${YEAR}/report.docx?draft=1`, { token: province });
    expect(docx.status, docx.text).toBe(200);
    expect(docx.headers.get('content-disposition')).toContain('du-thao-bao-cao-2022-r1.docx');
    const zip = readZip(docx.bytes);
    const headers = [...zip.keys()].filter((k) => /^word\/header\d+\.xml$/u.test(k));
    expect(headers.length).toBeGreaterThan(0);
    for (const part of headers) expect(zipText(zip, part)).toContain('DỰ THẢO');
    // The workbook waits for a published revision: a first close's draft has none.
    expect((await api.request('GET', `/cycles/${YEAR}/export.xlsx`, { token: province })).status).toBe(409);

    // Nobody else reads the draft; nothing is published yet.
    const reviewer = await api.token({ role: 'reviewer', unit: 'DB' });
    const association = await api.token({ role: 'association', association: 'DB-CTD' });
    for (const token of [reviewer, association]) {
      const refused = await api.request('GET', `/cycles/${YEAR}/report.pdf?draft=1`, { token });
      expect(refused.status, refused.text).toBe(403);
    }
    expect((await api.request('GET', `/cycles/${YEAR}/report.pdf`, { token: province })).status).toBe(409);
    expect((await api.request('GET', `/cycles/${YEAR}/report.pdf?draft=2`, { token: province })).status).toBe(422);

    // Frozen as while closing: no submission, no review, no import; closing again starts nothing.
    const late = await api.request('PUT', `/cycles/${YEAR}/reports/SP-KH`, { token: await api.token({ role: 'association', association: 'SP-KH' }), json: report(70) });
    expect(late.status, late.text).toBe(409);
    const review = await api.request('POST', `/cycles/${YEAR}/reports/DB-CTD/review`, { token: province, json: { decision: 'return', version: 1, comment: 'Xin bổ sung' } });
    expect(review.status, review.text).toBe(409);
    const imported = await api.request('PUT', `/cycles/${YEAR}/registry`, { token: province, json: { units: THREE_TIER_UNITS, associations: THREE_TIER_ASSOCIATIONS } });
    expect(imported.status, imported.text).toBe(409);
    const again = await api.request('POST', `/cycles/${YEAR}/close`, { token: province });
    expect(again.status).toBe(202);
    expect(again.json).toMatchObject({ status: 'draft', revision: 1 });
    expect((await waitForCycle(api, province, () => true)).draftRevision).toBe(1);
  }, 120_000);

  it('refuses bad details with 422 and writes nothing; renders the draft again with accepted ones', async () => {
    for (const body of [{}, { documentNumber: '' }, { signer: { lines: 'x' } }, { place: 'Điện Biên' }]) {
      const bad = await api.request('PATCH', `/cycles/${YEAR}/document`, { token: province, json: body });
      expect(bad.status, `${JSON.stringify(body)}: ${bad.text}`).toBe(422);
      expect(bad.json.error.code).toBe('validation_failed');
    }
    const reviewer = await api.token({ role: 'reviewer', unit: 'DB' });
    expect((await api.request('PATCH', `/cycles/${YEAR}/document`, { token: reviewer, json: { documentNumber: 'Số 1' } })).status).toBe(403);
    expect((await waitForCycle(api, province, () => true)).draftRevision).toBe(1);

    const changed = await api.request('PATCH', `/cycles/${YEAR}/document`, { token: province, json: { documentNumber: 'Số 99-BC/BDVTU', signer: SIGNER } });
    expect(changed.status, changed.text).toBe(202);
    expect(changed.json).toMatchObject({ status: 'draft', draftRevision: 1 });
    const cycle = await waitForCycle(api, province, draftWaiting(2));
    expect(cycle.draftRevision).toBe(2);
    expect(cycle.config).toMatchObject({ documentNumber: 'Số 99-BC/BDVTU', signer: SIGNER });
    const text = await draftPdfText(api, province);
    expect(text).toContain('Số 99-BC/BDVTU');
    expect(text).not.toContain('Số 12-BC/BDVTU');
    expect(text).toMatch(/K\/T TRƯỞNG BAN\s+PHÓ TRƯỞNG BAN[\s\S]*Lò Văn Thắng/u);
  });

  it('waits for the sign-off again after a restart of the server', async () => {
    const dataDir = stack!.dataDir;
    await stack!.stop();
    stack = undefined;
    const again = await startEmbeddedStack({ dataDir, port: 0, retryIntervalMs: 0 });
    restarted = again;
    api = stackClient(again.url, again.signingKeyFile);
    expect((await waitForCycle(api, province, () => true)).status).toBe('draft');
    const changed = await api.request('PATCH', `/cycles/${YEAR}/document`, { token: province, json: { narrative: { results: 'Các hội phát triển hội viên vượt chỉ tiêu.' } } });
    expect(changed.status, changed.text).toBe(202);
    const cycle = await waitForCycle(api, province, draftWaiting(3));
    expect(cycle.draftRevision).toBe(3);
    expect(cycle.config).toMatchObject({ documentNumber: 'Số 99-BC/BDVTU', narrative: { results: 'Các hội phát triển hội viên vượt chỉ tiêu.' } });
    expect(await draftPdfText(api, province)).toContain('Các hội phát triển hội viên vượt chỉ tiêu.');
  }, 120_000);

  it('loses no change of two PATCHes at once, nor of a PATCH racing the publication; publishes once', async () => {
    const [a, b] = await Promise.all([
      api.request('PATCH', `/cycles/${YEAR}/document`, { token: province, json: { documentNumber: 'Số 100-BC/BDVTU' } }),
      api.request('PATCH', `/cycles/${YEAR}/document`, { token: province, json: { reportDate: '2022-12-28', recipients: ['Ban Dân vận Trung ương (b/c)', 'Lưu Văn phòng Ban'] } }),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    // Both details end up in the draft the province reads, however the renderings interleaved.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const cycle = await waitForCycle(api, province, draftWaiting(4));
      const text = await draftPdfText(api, province);
      if (cycle.step === 'AwaitSignOff' && text.includes('Số 100-BC/BDVTU') && text.includes('ngày 28 tháng 12 năm 2022')) break;
      if (Date.now() > deadline) throw new Error('the draft never showed both changes');
      await new Promise((r) => setTimeout(r, 200));
    }

    // The last change goes out at once with the publication: it is what is published.
    const last = api.request('PATCH', `/cycles/${YEAR}/document`, { token: province, json: { documentNumber: 'Số 101-BC/BDVTU' } });
    const lastAnswer = await last;
    expect(lastAnswer.status, lastAnswer.text).toBe(202);
    const [published, twice] = await Promise.all([
      api.request('POST', `/cycles/${YEAR}/publish`, { token: province }),
      api.request('POST', `/cycles/${YEAR}/publish`, { token: province }),
    ]);
    expect([published.status, twice.status]).toEqual([202, 202]);
    expect(published.json).toMatchObject({ revision: 1 });
    const done = await waitForCycle(api, province, (c) => c.status === 'published');
    expect(done).toMatchObject({ status: 'published', revision: 1, draftRevision: null });
    expect((done.config as { documentNumber: string }).documentNumber).toBe('Số 101-BC/BDVTU');

    // Once published: no second publication, no change, no draft.
    const thrice = await api.request('POST', `/cycles/${YEAR}/publish`, { token: province });
    expect(thrice.status).toBe(409);
    const after = await api.request('PATCH', `/cycles/${YEAR}/document`, { token: province, json: { documentNumber: 'Số 102-BC/BDVTU' } });
    expect(after.status).toBe(409);
    expect(after.json.error.message).toMatch(/dự thảo/);
    expect((await api.request('GET', `/cycles/${YEAR}/report.pdf?draft=1`, { token: province })).status).toBe(409);
    expect((await api.request('GET', `/cycles/${YEAR}/summary?revision=2`, { token: province })).status).toBe(404);
    expect((await waitForCycle(api, province, () => true)).revision).toBe(1);

    signedOff = await publishedFiles(api, province);
    const text = (await pdfPages(signedOff.pdf)).join('\n');
    expect(text).toContain('Số 101-BC/BDVTU');
    expect(text).toContain('ngày 28 tháng 12 năm 2022');
    expect(text).toContain('- Lưu Văn phòng Ban.');
    expect(text).not.toContain('DỰ THẢO');
    const summary = JSON.parse(signedOff.summary.toString('utf8')) as { publishedAt: string };
    // Published at the close's request time, not at the sign-off.
    expect(Date.parse(summary.publishedAt)).toBeLessThan(Date.parse(String(done.publishedAt)) + 1);
    finalDetails = {
      documentNumber: 'Số 101-BC/BDVTU',
      reportDate: '2022-12-28',
      signer: SIGNER,
      recipients: ['Ban Dân vận Trung ương (b/c)', 'Lưu Văn phòng Ban'],
      narrative: { results: 'Các hội phát triển hội viên vượt chỉ tiêu.' },
    };
    expect(done.config).toMatchObject(finalDetails);
  }, 120_000);

  it('publishes the very files a close without sign-off gives for the same details and close time', async () => {
    const closeRequestedAt = (JSON.parse(signedOff.summary.toString('utf8')) as { publishedAt: string }).publishedAt;
    await restarted!.stop();
    rmSync(restarted!.dataDir, { recursive: true, force: true });
    restarted = undefined;
    // The handlers' environment is per process: the plain close runs on a stack of its own,
    // its close request time set to the signed-off one's (the one input that differs).
    const pinCloseTime = (state: string, handler: JobHandler): JobHandler =>
      state === 'Freeze'
        ? async (input, context) => {
            await updateCycle(YEAR, { closeRequestedAt });
            return handler(input, context);
          }
        : handler;
    stack = await startTestStack({ clockStart: CLOCK, wrapTask: pinCloseTime });
    const plainProvince = await seedCycle(stack, { year: YEAR, province: 'DB', units: THREE_TIER_UNITS, associations: THREE_TIER_ASSOCIATIONS, config: { ...CONFIG, ...finalDetails }, reports: REPORTS });
    expect(await closeAndWait(stack, YEAR, plainProvince)).toMatchObject({ status: 'published', revision: 1 });
    const plain = await publishedFiles(stack, plainProvince);
    expect(plain.pdf.equals(signedOff.pdf)).toBe(true);
    expect(plain.csv.equals(signedOff.csv)).toBe(true);
    expect(plain.summary.equals(signedOff.summary)).toBe(true);
    expect(plain.commendations.equals(signedOff.commendations)).toBe(true);
  }, 120_000);
});
