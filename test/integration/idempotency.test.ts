// A send retried after its answer was lost (a secretary's phone on a weak connection) never
// makes a second version: the form sends an Idempotency-Key, and the server answers a repeated
// key with the first answer, also when the retry races the first attempt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { report, THREE_TIER_ASSOCIATIONS, THREE_TIER_UNITS } from '../support/cycle.ts';

describe('Idempotency-Key on a submission', () => {
  let stack: TestStack;
  let province: string;
  let association: string;

  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2026-11-20T09:00:00+07:00' });
    province = await stack.token({ role: 'province', unit: 'DB' });
    expect((await stack.request('POST', '/cycles', { token: province, json: { year: 2026 } })).status).toBe(201);
    expect((await stack.request('PUT', '/cycles/2026/registry', { token: province, json: { units: THREE_TIER_UNITS, associations: THREE_TIER_ASSOCIATIONS } })).status).toBe(200);
    association = await stack.token({ role: 'association', association: 'CH-NCT' });
  }, 120_000);
  afterAll(async () => stack?.cleanup());

  const submit = (key: string | undefined, members: number) =>
    stack.request('PUT', '/cycles/2026/reports/CH-NCT', { token: association, json: report(members), headers: key ? { 'idempotency-key': key } : {} });
  const submittedEvents = async () => {
    const read = await stack.request('GET', '/cycles/2026/reports/CH-NCT', { token: association });
    return read.json.history.filter((h: { action: string }) => h.action === 'submitted').length;
  };

  it('answers a repeated key with the first answer and makes one version', async () => {
    const first = await submit('3f6c1a2e-0b7d-4f21-9a55-2f0d8c9e4b11', 1200);
    expect(first.status, first.text).toBe(200);
    expect(first.json).toEqual({ version: 1, status: 'submitted', late: false });
    const retry = await submit('3f6c1a2e-0b7d-4f21-9a55-2f0d8c9e4b11', 1200);
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual(first.json);
    expect(await submittedEvents()).toBe(1);
  });

  it('makes one version when the retry races the first attempt', async () => {
    const key = 'race-7d1e9c40-55aa-4e0b-8f3c-1b2a3c4d5e6f';
    const answers = await Promise.all([submit(key, 1300), submit(key, 1300), submit(key, 1300)]);
    for (const answer of answers) expect(answer.status, answer.text).toBe(200);
    expect(new Set(answers.map((a) => a.json.version))).toEqual(new Set([2]));
    expect(await submittedEvents()).toBe(2);
  });

  it('refuses the same key with another report, naming the header, and keeps the first', async () => {
    const refused = await submit('3f6c1a2e-0b7d-4f21-9a55-2f0d8c9e4b11', 999);
    expect(refused.status).toBe(422);
    expect(refused.json.error.fields['Idempotency-Key']).toContain('đã được dùng');
    const badKey = await submit('short', 1);
    expect(badKey.status).toBe(422);
    expect(badKey.json.error.fields).toHaveProperty('Idempotency-Key');
    const read = await stack.request('GET', '/cycles/2026/reports/CH-NCT', { token: association });
    expect(read.json).toMatchObject({ version: 2, report: { members: 1300 } });
  });

  it('still gives the first answer once the report was approved meanwhile', async () => {
    const key = 'approved-0c9b8a7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d';
    const sent = await submit(key, 1400);
    expect(sent.json.version).toBe(3);
    const reviewer = await stack.token({ role: 'reviewer', unit: 'DB-MN' });
    const approved = await stack.request('POST', '/cycles/2026/reports/CH-NCT/review', { token: reviewer, json: { decision: 'approve', version: 3, score: 90 } });
    expect(approved.status, approved.text).toBe(200);
    // The phone never saw the answer and sends again: accepted once, so the same answer.
    const retry = await submit(key, 1400);
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual(sent.json);
    // A new send without the key is a new submission, refused on an approved report.
    expect((await submit(undefined, 1400)).status).toBe(409);
  });
});
