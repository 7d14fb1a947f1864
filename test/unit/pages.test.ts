import { Script } from 'node:vm';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../shared/http/handler.ts';
import { handler } from '../../functions/pages/handler.ts';
import { entriesOf, type Page } from '../../web/lib/i18n.ts';

// The SPEC's table (section 4), copied here so the page is checked against the contract.
const SPEC_FIELDS: Record<string, string> = {
  members: 'Số hội viên (đến 31/12)',
  newMembers: 'Hội viên mới kết nạp trong năm',
  branches: 'Số chi hội, cơ sở hội',
  charityEvents: 'Hoạt động nhân đạo, từ thiện',
  charityFundsVnd: 'Kinh phí vận động (đồng)',
  legalEducationSessions: 'Buổi tuyên truyền, phổ biến pháp luật',
  selfRating: 'Tự đánh giá',
  nominate: 'Đề nghị khen thưởng tập thể',
  achievements: 'Thành tích nổi bật',
  limitations: 'Hạn chế',
  proposals: 'Kiến nghị, đề xuất',
  submittedBy: 'Người báo cáo',
};
const NUMBERS = ['members', 'newMembers', 'branches', 'charityEvents', 'charityFundsVnd', 'legalEducationSessions'];
const RATINGS: Record<string, string> = {
  excellent: 'Hoàn thành xuất sắc nhiệm vụ',
  good: 'Hoàn thành tốt nhiệm vụ',
  completed: 'Hoàn thành nhiệm vụ',
  not_completed: 'Không hoàn thành nhiệm vụ',
};
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; worker-src 'self'; manifest-src 'self'; form-action 'self'; " +
  "frame-ancestors 'none'; base-uri 'none'; require-trusted-types-for 'script'";

/** The payload-2.0 event the embedded server (infra/local/http-server.ts toEvent) builds. */
function event(path: string, routePath: string, pathParameters?: Record<string, string>, query = ''): APIGatewayProxyEventV2 {
  const queryStringParameters = Object.fromEntries(new URLSearchParams(query));
  return {
    version: '2.0',
    routeKey: `GET ${routePath}`,
    rawPath: path,
    rawQueryString: query,
    headers: { host: '127.0.0.1:3000', 'user-agent': 'vitest', 'accept-language': 'vi' },
    queryStringParameters: Object.keys(queryStringParameters).length ? queryStringParameters : undefined,
    pathParameters,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: '127.0.0.1',
      domainPrefix: 'local',
      http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'test',
      routeKey: `GET ${routePath}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    isBase64Encoded: false,
  };
}

const context = { functionName: 'tongket-pages', awsRequestId: 'test' } as Context;
const get = (path: string, routePath: string, params?: Record<string, string>, query?: string) =>
  handler(event(path, routePath, params, query), context);
const asset = (file: string, query?: string) => get(`/assets/${file}`, '/assets/{file}', { file }, query);

function header(headers: Record<string, unknown> | undefined, name: string): string[] {
  return Object.entries(headers ?? {})
    .filter(([k]) => k.toLowerCase() === name)
    .map(([, v]) => String(v));
}

/** Attributes of every tag named `tag` in the HTML. */
function tags(html: string, tag: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))].map((m) =>
    Object.fromEntries([...m[1]!.matchAll(/([a-z-]+)(?:="([^"]*)")?/gi)].map((a) => [a[1]!.toLowerCase(), a[2] ?? ''])),
  );
}

describe('GET / (the form page)', () => {
  let page: Result;
  let html = '';
  beforeAll(async () => {
    page = await get('/', '/');
    html = String(page.body);
  });

  it('is Vietnamese HTML with the page CSP and the security headers, each once', () => {
    expect(page.statusCode).toBe(200);
    expect(header(page.headers, 'content-type')).toEqual(['text/html; charset=utf-8']);
    // The shared chain writes its own CSP (with sandbox) for HTML; ours is the only one left.
    expect(header(page.headers, 'content-security-policy')).toEqual([CSP]);
    expect(header(page.headers, 'content-security-policy-report-only')).toEqual([]);
    expect(header(page.headers, 'x-content-type-options')).toEqual(['nosniff']);
    expect(header(page.headers, 'referrer-policy')).toEqual(['no-referrer']);
    expect(header(page.headers, 'cache-control')).toEqual(['no-store']);
    for (const value of Object.values(page.headers ?? {})) expect(value).not.toBeUndefined();
    expect(html).toMatch(/^<!doctype html>\n<html lang="vi">/);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
  });

  it('has one control per SPEC field, named as the API, labelled with the SPEC label', () => {
    const controls = [...tags(html, 'input'), ...tags(html, 'select'), ...tags(html, 'textarea')];
    const names = controls.map((c) => c.name).filter(Boolean);
    expect(names.sort()).toEqual(Object.keys(SPEC_FIELDS).sort());
    for (const [name, label] of Object.entries(SPEC_FIELDS)) {
      const control = controls.find((c) => c.name === name)!;
      expect(control.id, name).toBe(`f-${name}`);
      const labelMatch = new RegExp(`<label for="f-${name}"><span class="label-text">([^<]*)</span>`).exec(html);
      expect(labelMatch?.[1], name).toBe(label);
      // Errors go next to the field and are wired to it when shown.
      expect(html, name).toContain(`id="e-${name}"`);
      expect(control['aria-describedby'], name).toBe(`h-${name}`);
    }
    for (const name of NUMBERS) {
      const input = controls.find((c) => c.name === name)!;
      expect(input.inputmode, name).toBe('numeric');
      // Money shows its thousands separators as typed (1.250.000): no digits-only pattern there.
      if (name === 'charityFundsVnd') expect(input, name).not.toHaveProperty('pattern');
      else expect(input.pattern, name).toBe('[0-9]*');
    }
    // No silent cut of a pasted text: no maxlength anywhere, a counter under each long text instead.
    for (const control of controls) expect(control, control.name).not.toHaveProperty('maxlength');
    for (const name of ['achievements', 'limitations', 'proposals', 'submittedBy']) expect(html, name).toContain(`id="c-${name}"`);
    expect(tags(html, 'input').find((c) => c.name === 'nominate')?.type).toBe('checkbox');
    for (const name of ['members', 'selfRating', 'submittedBy']) {
      expect(controls.find((c) => c.name === name), name).toHaveProperty('required');
    }
    const options = [...html.matchAll(/<option value="([a-z_]+)">([^<]*)<\/option>/g)].map((m) => [m[1], m[2]]);
    expect(Object.fromEntries(options)).toEqual(RATINGS);
  });

  it('is CSP-compatible: no inline script or style, only local assets', () => {
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts).toHaveLength(1);
    for (const s of scripts) {
      expect(s[1]).toMatch(/\bsrc="assets\/form-[0-9a-f]{12}\.js"/);
      expect(s[2]!.trim()).toBe('');
    }
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).toMatch(/<link rel="stylesheet" href="assets\/form-[0-9a-f]{12}\.css">/);
    expect(html).toMatch(/<noscript>[^<]*<p[^>]*>[^<]*JavaScript/);
  });
});

describe('the form as an installable app: GET /manifest.webmanifest, GET /sw.js, the icon', () => {
  it('the form links a Vietnamese manifest (standalone, its icon served) that the CSP allows', async () => {
    const html = String((await get('/', '/')).body);
    expect(html).toContain('<link rel="manifest" href="manifest.webmanifest">');
    const res = await get('/manifest.webmanifest', '/manifest.webmanifest');
    expect(res.statusCode).toBe(200);
    expect(header(res.headers, 'content-type')).toEqual(['application/manifest+json; charset=utf-8']);
    const manifest = JSON.parse(String(res.body)) as { name: string; lang: string; start_url: string; display: string; icons: { src: string }[] };
    expect(manifest).toMatchObject({ name: 'Tổng kết — Báo cáo của hội', lang: 'vi', start_url: './', display: 'standalone' });
    const icon = await asset(manifest.icons[0]!.src.replace('assets/', ''));
    expect(icon.statusCode).toBe(200);
    expect(header(icon.headers, 'content-type')).toEqual(['image/svg+xml']);
    const csp = header(res.headers, 'content-security-policy');
    expect(csp).toEqual([]); // a manifest is no document: the page's CSP (manifest-src 'self') governs it
    expect(CSP).toContain("manifest-src 'self'");
    expect(CSP).toContain("worker-src 'self'");
  });

  it('the worker precaches the form shell and exactly the form page\'s hashed files, in a cache named after the build, and never the API', async () => {
    const res = await get('/sw.js', '/sw.js');
    expect(res.statusCode).toBe(200);
    expect(header(res.headers, 'content-type')).toEqual(['text/javascript; charset=utf-8']);
    expect(header(res.headers, 'cache-control')).toEqual(['no-cache']);
    const js = String(res.body);
    expect(() => new Script(js)).not.toThrow();
    expect(js).toMatch(/const CACHE = 'tongket-form-[0-9a-f]{12}';/);
    const list = JSON.parse(/const PRECACHE = (\[[^\]]*\])/.exec(js)![1]!) as string[];
    const form = [await hashedName('/', 'form.js'), await hashedName('/', 'form.css')].map((f) => `assets/${f}`);
    expect(list.sort()).toEqual(['./', 'assets/icon.svg', 'manifest.webmanifest', ...form].sort());
    expect(js).not.toMatch(/cycles/);
  });
});

/** The hashed file a page names for a logical asset (form.js → form-<hash>.js). */
async function hashedName(pagePath: string, logical: string): Promise<string> {
  const html = String((await get(pagePath, pagePath)).body);
  const [base, ext] = logical.split('.');
  return new RegExp(`assets/(${base}-[0-9a-f]{12}\\.${ext})"`).exec(html)![1]!;
}

describe('GET /assets/{file}', () => {
  it('serves form.js: no innerHTML, valid script, reads the token from the link', async () => {
    const res = await asset(await hashedName('/', 'form.js'));
    expect(res.statusCode).toBe(200);
    expect(header(res.headers, 'content-type')).toEqual(['text/javascript; charset=utf-8']);
    expect(header(res.headers, 'x-content-type-options')).toEqual(['nosniff']);
    const js = String(res.body);
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
    expect(() => new Script(js)).not.toThrow();
    expect(js).toMatch(/\.get\(["']token["']\)/);
    expect(js).toContain('history.replaceState');
    expect(js).toContain('sessionStorage');
    expect(js).toMatch(/Authorization:\s*`Bearer /);
  });

  it('serves form.css under its content hash, cached for good; the plain name is the current build, not cached', async () => {
    const hashed = await hashedName('/', 'form.css');
    const cached = await asset(hashed);
    expect(cached.statusCode).toBe(200);
    expect(header(cached.headers, 'content-type')).toEqual(['text/css; charset=utf-8']);
    expect(header(cached.headers, 'cache-control')).toEqual(['public, max-age=31536000, immutable']);
    const res = await asset('form.css');
    expect(res.statusCode).toBe(200);
    expect(header(res.headers, 'cache-control')).toEqual(['no-cache']);
    expect(cached.body).toBe(res.body);
    expect(String(res.body)).not.toMatch(/@import|url\(|@font-face/);
  });

  it.each(['nope.js', 'constructor', '__proto__', 'form.ts', '..%2Fhandler.ts'])('answers 404 JSON for %s', async (file) => {
    const res = await asset(file);
    expect(res.statusCode).toBe(404);
    expect(header(res.headers, 'content-type')).toEqual(['application/json; charset=utf-8']);
    expect(JSON.parse(String(res.body))).toEqual({ error: { code: 'not_found', message: 'Không có tệp này.' } });
  });
});

describe('GET /review and GET /province', () => {
  it.each([
    ['/review', 'review.js', 'Duyệt báo cáo'],
    ['/province', 'province.js', 'Tổng kết năm'],
  ])('%s is Vietnamese HTML under the one CSP, with only its own versioned assets', async (path, script, title) => {
    const res = await get(path, path);
    expect(res.statusCode).toBe(200);
    expect(header(res.headers, 'content-security-policy')).toEqual([CSP]);
    expect(header(res.headers, 'cache-control')).toEqual(['no-store']);
    const html = String(res.body);
    expect(html).toMatch(/^<!doctype html>\n<html lang="vi">/);
    expect(html).toContain(`<h1 id="page-title">${title}</h1>`);
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts).toHaveLength(1);
    const [base, ext] = script.split('.');
    expect(scripts[0]![1]).toMatch(new RegExp(`\\bsrc="assets/${base}-[0-9a-f]{12}\\.${ext}"`));
    expect(scripts[0]![2]!.trim()).toBe('');
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    const files = [...html.matchAll(/(?:src|href)="assets\/([a-z]+-[0-9a-f]{12}\.(?:js|css))"/g)].map((m) => m[1]!);
    expect(files).toHaveLength(3);
    for (const file of files) {
      const served = await asset(file);
      expect(served.statusCode, file).toBe(200);
      expect(header(served.headers, 'cache-control'), file).toEqual(['public, max-age=31536000, immutable']);
    }
    // Every label is wired to a control, and every control the script fills has its error slot.
    for (const label of tags(html, 'label')) expect(html, label.for).toContain(`id="${label.for}"`);
  });

  it.each(['review.js', 'province.js'])('%s parses, never writes HTML, and has an English entry for each Vietnamese text', async (file) => {
    const path = file === 'review.js' ? '/review' : '/province';
    const res = await asset(await hashedName(path, file));
    expect(res.statusCode).toBe(200);
    expect(header(res.headers, 'content-type')).toEqual(['text/javascript; charset=utf-8']);
    const js = String(res.body);
    expect(() => new Script(js)).not.toThrow();
    expect(js).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function|setAttribute\(["']style["']/);
    expect(js).toMatch(/Authorization:\s*`Bearer /);
    expect(js).toContain('history.replaceState');
    const page = String((await get(path, path)).body);
    const dict = entriesOf(path.slice(1) as Page);
    for (const m of page.matchAll(/data-t(?:-label)?="([^"]+)"/g)) {
      expect(dict, m[1]).toHaveProperty([m[1]!]);
      const [vi, en] = dict[m[1]!]!;
      expect(vi, m[1]).toBeTruthy();
      expect(en, m[1]).toBeTruthy();
    }
  });

  it('the form page carries its English texts too', async () => {
    const js = String((await asset(await hashedName('/', 'form.js'))).body);
    const dict = entriesOf('form');
    expect(dict.f_members).toEqual(['Số hội viên (đến 31/12)', 'Members (as of 31 December)']);
    const page = String((await get('/', '/')).body);
    for (const m of page.matchAll(/data-t="([^"]+)"/g)) {
      expect(dict, m[1]).toHaveProperty([m[1]!]);
      expect(dict[m[1]!]![1], m[1]).toBeTruthy();
    }
    expect(js).toContain('"Accept-Language":');
  });

  it.each(['/', '/review', '/province'])('%s shows the switch to English in its header, named in English', async (path) => {
    const html = String((await get(path, path)).body);
    const header = /<header class="top">[\s\S]*?<\/header>/.exec(html)?.[0] ?? '';
    expect(header).toContain('<button type="button" class="link" id="lang-switch" lang="en" data-t="otherLang">English</button>');
    expect(entriesOf(path === '/' ? 'form' : (path.slice(1) as Page)).otherLang).toEqual(['English', 'Tiếng Việt']);
  });
});
