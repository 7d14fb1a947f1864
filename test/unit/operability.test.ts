// Issue 11 §5: the environment read in one module, the security headers by kind of route, and
// the request log line the chain writes.
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { environment, requiredEnv, resetEnv } from '../../shared/env.ts';
import { JOB_ACCESS } from '../../shared/http/access.ts';
import { API_HEADERS, ASSET_HEADERS, pageHeaders, withSecurityHeaders } from '../../shared/http/security-headers.ts';
import { taskHandler } from '../../shared/observability/task.ts';
import { useLocalSink } from '../../shared/observability/telemetry.ts';

const saved = { ...process.env };
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
  resetEnv();
});

describe('the environment module', () => {
  it('names a missing variable', () => {
    delete process.env.TABLE_NAME;
    resetEnv();
    expect(() => requiredEnv('TABLE_NAME')).toThrow('Missing environment variable TABLE_NAME');
  });

  it('names an invalid one', () => {
    process.env.TONGKET_DOWNLOADS = 'sometimes';
    resetEnv();
    expect(() => environment()).toThrow(/TONGKET_DOWNLOADS/);
  });

  it('names every invalid one at once, with what is wrong, and keeps a valid value as set', () => {
    process.env.PUBLIC_BASE_URL = 'https://tongket.example.gov.vn/?x=1';
    process.env.TONGKET_CLOCK_START = 'next Tuesday';
    resetEnv();
    expect(() => environment()).toThrow('Invalid environment variable TONGKET_CLOCK_START, PUBLIC_BASE_URL: TONGKET_CLOCK_START: not a date; PUBLIC_BASE_URL: not an http(s) URL without query or fragment');
    process.env.PUBLIC_BASE_URL = 'https://tongket.example.gov.vn/laichau';
    process.env.TONGKET_CLOCK_START = '2020-12-01T08:00:00+07:00';
    process.env.TONGKET_DOWNLOADS = 'inline';
    resetEnv();
    expect(environment()).toMatchObject({ PUBLIC_BASE_URL: 'https://tongket.example.gov.vn/laichau', TONGKET_CLOCK_START: '2020-12-01T08:00:00+07:00', TONGKET_DOWNLOADS: 'inline' });
  });

  it('reads once per process until reset (the embedded runtime resets it when it sets a stack up)', () => {
    process.env.TABLE_NAME = 'first';
    resetEnv();
    expect(requiredEnv('TABLE_NAME')).toBe('first');
    process.env.TABLE_NAME = 'second';
    expect(requiredEnv('TABLE_NAME')).toBe('first');
    resetEnv();
    expect(requiredEnv('TABLE_NAME')).toBe('second');
  });

  it('takes an empty variable for an unset one', () => {
    process.env.S3_ENDPOINT = '';
    resetEnv();
    expect(environment().S3_ENDPOINT).toBeUndefined();
  });
});

describe('the security headers', () => {
  it('gives every job a kind, and only the pages job the page kind', () => {
    const kinds = Object.entries(JOB_ACCESS).map(([job, access]) => [job, access.kind]);
    expect(kinds.filter(([, kind]) => kind === 'page')).toEqual([['pages', 'page']]);
  });

  it('writes the API set on an API answer, the job headers kept', () => {
    const headers = withSecurityHeaders('api', { 'content-type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    expect(headers).toEqual({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...API_HEADERS });
    expect(headers['content-security-policy']).toBeUndefined();
  });

  it('writes the page CSP once on a page and none on its assets', () => {
    const page = withSecurityHeaders('page', { 'content-type': 'text/html; charset=utf-8' }, "default-src 'none'; script-src 'self'");
    expect(page).toEqual({ 'content-type': 'text/html; charset=utf-8', ...pageHeaders("default-src 'none'; script-src 'self'") });
    expect(page['content-security-policy']).toBe("default-src 'none'; script-src 'self'");
    const asset = withSecurityHeaders('page', { 'content-type': 'text/javascript; charset=utf-8' }, 'x');
    expect(asset).toEqual({ 'content-type': 'text/javascript; charset=utf-8', ...ASSET_HEADERS });
  });

  it('refuses a page without its CSP', () => {
    expect(() => withSecurityHeaders('page', { 'content-type': 'text/html' })).toThrow(/CSP/);
  });
});

describe('the request log', () => {
  afterEach(() => useLocalSink(undefined));

  it('writes one JSON line per request with its correlation id, route, role, status and duration, and one readable line', async () => {
    const file = new PassThrough();
    const written: string[] = [];
    file.on('data', (chunk: Buffer) => written.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    const lines: string[] = [];
    useLocalSink({ json: file, line: (text) => lines.push(text) });
    const { handler } = await import('../../functions/health/handler.ts');
    const event = { version: '2.0', routeKey: 'GET /health', rawPath: '/health', rawQueryString: '', headers: {}, isBase64Encoded: false, requestContext: { requestId: 'req-42', http: { method: 'GET', path: '/health' } } };
    const result = await handler(event as never, { functionName: 'tongket-health', awsRequestId: 'aws-1' } as never);
    expect(result.statusCode).toBe(200);
    await new Promise((resolve) => setImmediate(resolve));
    const logs = written.map((line) => JSON.parse(line) as Record<string, unknown>);
    const request = logs.find((entry) => entry.message === 'request');
    expect(request).toMatchObject({ level: 'INFO', service: 'tongket-health', correlation_id: 'req-42', method: 'GET', route: '/health', role: 'public', status: 200 });
    expect(typeof request!.durationMs).toBe('number');
    // the Requests metric, as EMF, to the same file
    const emf = logs.find((entry) => entry._aws !== undefined) as { _aws: { CloudWatchMetrics: { Namespace: string; Metrics: { Name: string }[] }[] } } | undefined;
    expect(emf?._aws.CloudWatchMetrics[0]).toMatchObject({ Namespace: 'Tongket', Metrics: [{ Name: 'Requests' }] });
    expect(lines).toEqual([expect.stringMatching(/^GET \/health 200 \d+ ms public$/)]);
  });
});

describe('the Task log', () => {
  afterEach(() => useLocalSink(undefined));

  it('logs a failed close step with its raw cause under the close it works on, and counts it', async () => {
    const file = new PassThrough();
    const written: string[] = [];
    file.on('data', (chunk: Buffer) => written.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    const lines: string[] = [];
    useLocalSink({ json: file, line: (text) => lines.push(text) });
    const handler = taskHandler('rollup-province', async (_input: { year: number; revision: number }) => {
      throw new Error('could not read cycles/2024/r2/work/unit-X.json: EISDIR');
    });
    await expect(handler({ year: 2024, revision: 2 }, { functionName: 'tongket-rollup-province', awsRequestId: 'a' } as never)).rejects.toThrow('EISDIR');
    await new Promise((resolve) => setImmediate(resolve));
    const logs = written.map((line) => JSON.parse(line) as Record<string, unknown>);
    const failed = logs.find((entry) => entry.message === 'task failed');
    expect(failed).toMatchObject({ level: 'ERROR', correlation_id: 'close-2024-r2', task: 'rollup-province', year: 2024, revision: 2 });
    expect(JSON.stringify(failed)).toContain('EISDIR');
    const emf = logs.find((entry) => entry._aws !== undefined) as Record<string, unknown>;
    expect(emf).toMatchObject({ Failures: 1, service: 'tongket-rollup-province' });
    expect(typeof emf.CloseStepDuration).toBe('number');
    expect(lines).toEqual([expect.stringMatching(/^task rollup-province 2024 failed \d+ ms {2}Error: could not read/)]);
  });
});
