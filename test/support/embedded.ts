// Starts the real embedded stack (DynamoDB Local, s3rver, the synthesized state machine, the
// HTTP server) in a temporary data directory for one test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signToken, type Principal } from '../../shared/auth/tokens.ts';
import { currentKeyOf, readKeySetFile } from '../../shared/adapters/signing-key.ts';
import { startEmbeddedStack, type EmbeddedOptions, type EmbeddedStack } from '../../infra/local/runtime.ts';

/** Talks to a running API over HTTP, with tokens signed by its data directory's key. */
export interface StackClient {
  url: string;
  token(principal: Principal, seconds?: number): Promise<string>;
  request(method: string, path: string, options?: { token?: string; json?: unknown; body?: string; contentType?: string; headers?: Record<string, string> }): Promise<TestResponse>;
  waitForStatus(year: number, token: string, statuses: string[], timeoutMs?: number): Promise<Record<string, unknown>>;
}

export interface TestStack extends EmbeddedStack, StackClient {
  cleanup(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- assertions read arbitrary response shapes
  text: string;
  bytes: Buffer;
}

export async function startTestStack(options: { clockStart?: string; wrapTask?: EmbeddedOptions['wrapTask']; downloads?: EmbeddedOptions['downloads'] } = {}): Promise<TestStack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tongket-test-'));
  if (options.clockStart) process.env.TONGKET_CLOCK_START = options.clockStart;
  else delete process.env.TONGKET_CLOCK_START;
  const stack = await startEmbeddedStack({ dataDir, port: 0, retryIntervalMs: 0, wrapTask: options.wrapTask, downloads: options.downloads });
  return {
    ...stack,
    ...stackClient(stack.url, stack.signingKeyFile),
    async cleanup() {
      await stack.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function stackClient(url: string, signingKeyFile: string): StackClient {
  // Read at each use: a test that rotates the key signs its next tokens with the new one.
  const key = () => currentKeyOf(readKeySetFile(signingKeyFile));

  const request: StackClient['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.body;
    if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] ??= 'application/json';
    }
    if (opts.contentType) headers['content-type'] = opts.contentType;
    const response = await fetch(`${url}${path}`, { method, headers, body, redirect: 'manual' });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    let json: unknown = undefined;
    if (response.headers.get('content-type')?.includes('json')) json = JSON.parse(text);
    return { status: response.status, headers: response.headers, json, text, bytes };
  };

  return {
    url,
    token: (principal, seconds = 3600) => signToken(principal, key(), seconds),
    request,
    async waitForStatus(year, token, statuses, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const response = await request('GET', `/cycles/${year}`, { token });
        if (statuses.includes(response.json?.status)) return response.json;
        if (Date.now() > deadline) throw new Error(`cycle ${year} still ${response.json?.status} after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}
