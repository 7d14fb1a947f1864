// The pages' API client (web/lib/api.ts): the token and language on every request, JSON both
// ways, and every failure read as the API's error body, never thrown.
import { describe, expect, it } from 'vitest';
import { apiClient, errorOf } from '../../web/lib/api.ts';

const texts = { network: 'no network', serverError: (status: number) => `server error ${status}` };

function fakeFetch(answer: (path: string, init: RequestInit) => Response | Promise<Response>) {
  const calls: { path: string; init: RequestInit }[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({ path: String(input), init: init ?? {} });
    return answer(String(input), init ?? {});
  }) as typeof fetch;
  return { calls, impl };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

describe('request', () => {
  it('sends the bearer token, the language and a JSON body', async () => {
    const { calls, impl } = fakeFetch(() => json(200, { version: 2, late: false }));
    const api = apiClient(() => 'tok', 'en', texts, impl);
    const result = await api.request<{ version: number }>('PUT', 'cycles/2020/reports/LS-NCT', { members: 3 });
    expect(result).toEqual({ status: 200, data: { version: 2, late: false } });
    const headers = calls[0]!.init.headers as Record<string, string>;
    expect(headers).toMatchObject({ Authorization: 'Bearer tok', 'Accept-Language': 'en', Accept: 'application/json', 'Content-Type': 'application/json' });
    expect(calls[0]!.init).toMatchObject({ method: 'PUT', body: '{"members":3}', cache: 'no-store', credentials: 'omit' });
  });

  it('sends no body and no content type on a GET', async () => {
    const { calls, impl } = fakeFetch(() => json(200, {}));
    await apiClient(() => 'tok', 'vi', texts, impl).request('GET', 'cycles/2020');
    expect(calls[0]!.init.body).toBeUndefined();
    expect(calls[0]!.init.headers).not.toHaveProperty('Content-Type');
  });

  it('reads a network failure as status 0, and a body that is not JSON as no data', async () => {
    const down = apiClient(() => 'tok', 'vi', texts, fakeFetch(() => Promise.reject(new TypeError('Failed to fetch'))).impl);
    expect(await down.request('GET', 'x')).toEqual({ status: 0, data: null });
    const html = apiClient(() => 'tok', 'vi', texts, fakeFetch(() => new Response('<html>bad gateway</html>', { status: 502 })).impl);
    expect(await html.request('GET', 'x')).toEqual({ status: 502, data: null });
  });
});

describe('errorOf', () => {
  it('gives the API’s error body as it is', () => {
    const error = { code: 'validation_failed', message: 'Cần sửa', fields: { members: 'bắt buộc' } };
    expect(errorOf({ status: 422, data: { error } }, texts)).toEqual(error);
  });

  it('says what happened when the answer carries no error body', () => {
    expect(errorOf({ status: 0, data: null }, texts)).toEqual({ message: 'no network' });
    expect(errorOf({ status: 502, data: null }, texts)).toEqual({ message: 'server error 502' });
    expect(errorOf({ status: 500, data: { error: 'boom' } }, texts)).toEqual({ message: 'server error 500' });
    expect(errorOf({ status: 500, data: { error: { code: 'x' } } }, texts)).toEqual({ message: 'server error 500' });
  });
});

describe('download', () => {
  it('reads a refusal as the API’s error, and a network failure as such', async () => {
    const refused = apiClient(() => 'tok', 'vi', texts, fakeFetch(() => json(404, { error: { code: 'not_found', message: 'Không có' } })).impl);
    expect(await refused.download('cycles/2020/summary?revision=9', 'x.json')).toEqual({ ok: false, error: { code: 'not_found', message: 'Không có' } });
    const down = apiClient(() => 'tok', 'vi', texts, fakeFetch(() => Promise.reject(new TypeError('offline'))).impl);
    expect(await down.download('x', 'x.json')).toEqual({ ok: false, error: { message: 'no network' } });
  });

  it('refuses a link that is not http(s)', async () => {
    const api = apiClient(() => 'tok', 'vi', texts, fakeFetch(() => json(200, { link: { url: 'javascript:alert(1)', filename: 'a.pdf' } })).impl);
    expect(await api.download('cycles/2020/report.pdf?link=1&revision=1', 'a.pdf')).toEqual({ ok: false, error: { message: 'server error 200' } });
  });
});
