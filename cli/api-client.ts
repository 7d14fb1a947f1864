// A small client of the HTTP API, used by the CLI commands that talk to a running stack
// (local or deployed) and by the demo.
import { gzipSync } from 'node:zlib';

const GZIP_ABOVE_BYTES = 64 * 1024;

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    const error = (body as { error?: { message?: string; fields?: Record<string, string>; problems?: { file: string; line: number; message: string }[] } })?.error;
    const details = [
      ...Object.entries(error?.fields ?? {}).map(([field, message]) => `  ${field}: ${message}`),
      ...(error?.problems ?? []).map((p) => `  ${p.file}.csv dòng ${p.line}: ${p.message}`),
    ];
    super(`${what}: HTTP ${status} ${error?.message ?? JSON.stringify(body)}${details.length ? `\n${details.join('\n')}` : ''}`);
    this.name = 'ApiCallError';
  }
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  withToken(token: string): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async call<T = unknown>(method: string, path: string, body?: unknown, init: { accept?: string } = {}): Promise<T> {
    const response = await this.raw(method, path, body, init);
    const text = await response.text();
    const parsed = text && response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as unknown) : text;
    if (!response.ok) throw new ApiCallError(response.status, parsed, `${method} ${path}`);
    return parsed as T;
  }

  async raw(method: string, path: string, body?: unknown, init: { accept?: string } = {}): Promise<Response> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (init.accept) headers.accept = init.accept;
    let payload: string | Uint8Array<ArrayBuffer> | undefined;
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
      // The API takes at most 256 KB as sent: a large province's registry goes compressed.
      if (Buffer.byteLength(payload) > GZIP_ABOVE_BYTES) {
        payload = new Uint8Array(gzipSync(payload));
        headers['content-encoding'] = 'gzip';
      }
    }
    return fetch(new URL(path, this.baseUrl), { method, headers, body: payload, redirect: 'follow' });
  }

  async download(path: string): Promise<Buffer> {
    const response = await this.raw('GET', path);
    if (!response.ok) throw new ApiCallError(response.status, await response.text(), `GET ${path}`);
    return Buffer.from(await response.arrayBuffer());
  }
}
