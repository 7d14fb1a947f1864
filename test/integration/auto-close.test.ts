// The auto-close on the embedded stack: a time already past is refused at open; a due time
// that passes before the registry is imported closes promptly once the import wakes the
// waiting execution (not 20 days later); a cycle held by something else (a registry import's
// mark) is looked at again with backoff, not in a busy loop.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobHandler } from '../../infra/local/step-functions.ts';
import { now } from '../../shared/adapters/clock.ts';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { THREE_TIER_ASSOCIATIONS, THREE_TIER_UNITS } from '../support/cycle.ts';

/**
 * CheckAutoClose invocations per cycle year, counted when they return: a check that loops
 * inside itself (the old busy loop recursed without returning) never counts.
 */
const checks = new Map<number, number>();
/** Publish calls per year, and the years whose Publish fails as a bug or bad data would. */
const publishes = new Map<number, number>();
const failPublish = new Set<number>();
const wrapTask = (state: string, handler: JobHandler): JobHandler => async (input, context) => {
  if (state === 'Publish') {
    const year = (input as { year: number }).year;
    publishes.set(year, (publishes.get(year) ?? 0) + 1);
    if (failPublish.has(year)) throw Object.assign(new Error('the figures of DB-CTD do not add up'), { name: 'CloseError' });
  }
  const output = await handler(input, context);
  if (state === 'CheckAutoClose') {
    const year = (input as { year: number }).year;
    checks.set(year, (checks.get(year) ?? 0) + 1);
  }
  return output;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const secondsFromNow = (s: number) => new Date(now().getTime() + s * 1000).toISOString();

async function until(what: string, condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await sleep(50);
  }
}

describe('the auto-close', () => {
  let stack: TestStack;
  let province: string;

  beforeAll(async () => {
    stack = await startTestStack({ wrapTask });
    province = await stack.token({ role: 'province', unit: 'DB' });
  }, 120_000);
  afterAll(async () => stack?.cleanup());

  const importRegistry = async (year: number) => {
    const imported = await stack.request('PUT', `/cycles/${year}/registry`, { token: province, json: { units: THREE_TIER_UNITS, associations: THREE_TIER_ASSOCIATIONS } });
    expect(imported.status, imported.text).toBe(200);
  };

  it('refuses at open an autoCloseAt already past, naming the field, and opens nothing', async () => {
    const past = new Date(now().getTime() - 1000).toISOString();
    const vi = await stack.request('POST', '/cycles', { token: province, json: { year: 2040, autoCloseAt: past } });
    expect(vi.status, vi.text).toBe(422);
    expect(vi.json.error.code).toBe('validation_failed');
    expect(vi.json.error.fields.autoCloseAt).toContain('Thời điểm tự động kết thúc');
    const en = await stack.request('POST', '/cycles', { token: province, json: { year: 2040, autoCloseAt: past }, headers: { 'accept-language': 'en' } });
    expect(en.status).toBe(422);
    expect(en.json.error.fields.autoCloseAt).toContain('autoCloseAt must be later than now');
    expect((await stack.request('GET', '/cycles/2040', { token: province })).status).toBe(404);
    const later = await stack.request('POST', '/cycles', { token: province, json: { year: 2040, autoCloseAt: secondsFromNow(3600) } });
    expect(later.status, later.text).toBe(201);
  });

  it('closes promptly when the registry arrives after the auto-close time, once the import wakes the waiting execution', async () => {
    const opened = await stack.request('POST', '/cycles', { token: province, json: { year: 2041, autoCloseAt: secondsFromNow(2) } });
    expect(opened.status, opened.text).toBe(201);
    // The due time passes with no registry: the check finds nothing to close and waits again.
    await until('the first check', () => (checks.get(2041) ?? 0) >= 1);
    await sleep(300);
    expect((await stack.request('GET', '/cycles/2041', { token: province })).json.status).toBe('open');

    // The import wakes the waiting execution once it has switched the registry.
    await importRegistry(2041);
    // Frozen at once: before the fix the execution slept MAX_WAIT_SECONDS (20 days); without
    // the wake-up it would now wait the 60 s fallback.
    await stack.waitForStatus(2041, province, ['closing', 'published', 'close_failed'], 30_000);
    const closed = await stack.waitForStatus(2041, province, ['published', 'close_failed'], 120_000);
    expect(closed).toMatchObject({ status: 'published', revision: 1 });
    expect(checks.get(2041)).toBe(2);
  }, 240_000);

  it('ends an auto-close that cannot succeed in close_failed with its cause, once, and resumes when the province triggers it', async () => {
    const opened = await stack.request('POST', '/cycles', { token: province, json: { year: 2043, autoCloseAt: secondsFromNow(3) } });
    expect(opened.status, opened.text).toBe(201);
    await importRegistry(2043);
    failPublish.add(2043);
    const failed = await stack.waitForStatus(2043, province, ['published', 'close_failed'], 120_000);
    expect(failed).toMatchObject({ status: 'close_failed' });
    // The province reads the kind of failure and a reference; the raw cause is in the logs.
    expect(failed.failure).toMatchObject({ kind: 'internal', reference: expect.stringMatching(/^TK-/) });
    expect((failed.failure as { cause: string }).cause).toContain((failed.failure as { reference: string }).reference);
    // Nothing tries again by itself: no retry of the step, no new check of the due time.
    const checksAtFailure = checks.get(2043);
    await sleep(3_000);
    expect(publishes.get(2043)).toBe(1);
    expect(checks.get(2043)).toBe(checksAtFailure);
    expect((await stack.request('GET', '/cycles/2043', { token: province })).json.status).toBe('close_failed');

    failPublish.delete(2043);
    const close = await stack.request('POST', '/cycles/2043/close', { token: province });
    expect(close.status, close.text).toBe(202);
    const published = await stack.waitForStatus(2043, province, ['published', 'close_failed'], 120_000);
    expect(published).toMatchObject({ status: 'published', revision: 1, failure: null });
  }, 240_000);
});
