// The pages' API client: relative paths (the pages work under any base), the bearer token, the
// page's language, JSON both ways. It never throws: a network failure is status 0, and every
// error answer reads as the API's error body ({ error: { code, message, fields?, problems? } }).
import type { Lang } from './i18n.ts';

/** The API's error body, as shared/http/errors.ts writes it (in the language asked for). */
export interface ApiErrorBody {
  code?: string;
  message: string;
  fields?: Record<string, string>;
  problems?: { file?: string; line?: number; message: string }[];
}

export interface ApiResult<T> {
  /** HTTP status; 0 when the server could not be reached */
  status: number;
  data: T | null;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

export interface ApiClient {
  /** `headers`: extra request headers (an Idempotency-Key) */
  request<T>(method: Method, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiResult<T>>;
  download(path: string, fallbackName: string): Promise<DownloadResult>;
  /** A GET whose answer is text (a CSV): `text` when 2xx; otherwise `data` is the error body, as request() gives it. */
  getText(path: string): Promise<ApiResult<unknown> & { text: string | null }>;
}

export type DownloadResult = { ok: true; name: string } | { ok: false; error: ApiErrorBody };

/** The texts an error needs when the answer carries none. */
export interface ErrorTexts {
  network: string;
  serverError: (status: number) => string;
}

function parse(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : null;
  } catch {
    return null;
  }
}

/** The error of a failed answer: the API's own, or a sentence for the network or the status. */
export function errorOf(result: ApiResult<unknown>, texts: ErrorTexts): ApiErrorBody {
  if (result.status === 0) return { message: texts.network };
  const error = (result.data as { error?: unknown } | null)?.error;
  if (error && typeof error === 'object' && typeof (error as ApiErrorBody).message === 'string') return error as ApiErrorBody;
  return { message: texts.serverError(result.status) };
}

/** Saves a Blob under a name through an <a download>. */
function save(url: string, name: string | null, revoke: boolean): void {
  const a = document.createElement('a');
  a.href = url;
  if (name !== null) a.download = name;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => {
    if (revoke) URL.revokeObjectURL(url);
    a.remove();
  }, 60_000);
}

export function apiClient(token: () => string | null, lang: Lang, texts: ErrorTexts, fetchImpl: typeof fetch = (...args) => fetch(...args)): ApiClient {
  const auth = (): Record<string, string> => ({ Authorization: `Bearer ${token() ?? ''}`, 'Accept-Language': lang });
  return {
    async request<T>(method: Method, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<ApiResult<T>> {
      const headers: Record<string, string> = { ...extra, ...auth(), Accept: 'application/json' };
      const init: RequestInit = { method, headers, cache: 'no-store', credentials: 'omit' };
      if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
        init.body = JSON.stringify(body);
      }
      let response: Response;
      try {
        response = await fetchImpl(path, init);
      } catch {
        return { status: 0, data: null };
      }
      const text = await response.text().catch(() => '');
      return { status: response.status, data: parse(text) as T | null };
    },

    async getText(path: string): Promise<ApiResult<unknown> & { text: string | null }> {
      let response: Response;
      try {
        response = await fetchImpl(path, { headers: auth(), cache: 'no-store', credentials: 'omit' });
      } catch {
        return { status: 0, data: null, text: null };
      }
      const text = await response.text().catch(() => '');
      return response.ok ? { status: response.status, data: null, text } : { status: response.status, data: parse(text), text: null };
    },

    /**
     * Fetches a file with the token and saves it through a Blob URL. A path asking for a link
     * (link=1) may get one back instead (on AWS: a short-lived S3 link, which fetch() may not
     * follow under connect-src 'self'): the page then goes to the link, and S3's
     * Content-Disposition makes that a download, not a navigation away.
     */
    async download(path: string, fallbackName: string): Promise<DownloadResult> {
      let response: Response;
      try {
        response = await fetchImpl(path, { headers: auth(), cache: 'no-store', credentials: 'omit' });
      } catch {
        return { ok: false, error: { message: texts.network } };
      }
      if (!response.ok) {
        const data = parse(await response.text().catch(() => ''));
        return { ok: false, error: errorOf({ status: response.status, data }, texts) };
      }
      const type = response.headers.get('content-type') ?? '';
      if (/[?&]link=1(&|$)/.test(path) && type.startsWith('application/json')) {
        const link = (parse(await response.text()) as { link?: { url?: unknown; filename?: unknown } } | null)?.link;
        if (!link || typeof link.url !== 'string' || !/^https?:\/\//.test(link.url)) {
          return { ok: false, error: { message: texts.serverError(response.status) } };
        }
        save(link.url, null, false);
        return { ok: true, name: typeof link.filename === 'string' ? link.filename : fallbackName };
      }
      const m = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
      const name = m?.[1] ?? fallbackName;
      save(URL.createObjectURL(await response.blob()), name, true);
      return { ok: true, name };
    },
  };
}
