// The offline-first form (issue 14) in a real browser (Debian's chromium, playwright-core, vi-VN,
// 360 px) against the embedded stack: opened once with its access link, the form opens again
// with no network (service worker), what was typed is kept on the phone (IndexedDB) and put
// back, a submission made offline waits in a queue and is sent once the connection returns
// — exactly one new version — and a send whose answer was lost, retried with the same
// Idempotency-Key, still makes one version. The page says where the report stands, in a
// live region: each state (saved on this phone, waiting to be sent, sent as version n,
// returned with its comment) read from Chromium's accessibility tree, as a screen reader gets
// it — the region there from the start, so a change of its text is announced. axe on each
// state; screenshots in test-results/offline-*.png.
import type { CDPSession, Page, Request } from 'playwright-core';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { axe, openBrowser, screenshots, type Browsing } from './support.ts';

const UNITS = `code,name,level,parent_code
HB,Tỉnh Hòa Bình,province,
HB-LS,Huyện Lạc Sơn,district,HB
HB-LS-VL,Xã Vũ Lâm,commune,HB-LS
`;
const ASSOCIATIONS = `code,name,unit_code,special,founded_on,dissolved_on
LS-NCT,Hội Người cao tuổi huyện Lạc Sơn,HB-LS,false,2001-03-01,
VL-KH,Hội Khuyến học xã Vũ Lâm,HB-LS-VL,false,2020-04-02,
`;

const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000, interval: 100 });
const slowPoll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 30_000, interval: 250 });
const saveState = (page: Page) => page.locator('#save-state').textContent();

interface AXValue {
  value?: unknown;
}
interface AXNode {
  nodeId: string;
  ignored?: boolean;
  role?: AXValue;
  name?: AXValue;
  properties?: { name: string; value: AXValue }[];
  childIds?: string[];
  backendDOMNodeId?: number;
}

/** An element's node in Chromium's accessibility tree, with its live-region properties and the text it holds. */
interface Heard {
  role: string;
  live: string;
  atomic: boolean;
  text: string;
}

async function accessibilityOf(cdp: CDPSession, selector: string): Promise<Heard | null> {
  const { root } = (await cdp.send('DOM.getDocument', { depth: 0 })) as { root: { nodeId: number } };
  const { nodeId } = (await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector })) as { nodeId: number };
  if (!nodeId) return null;
  const { node } = (await cdp.send('DOM.describeNode', { nodeId })) as { node: { backendNodeId: number } };
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AXNode[] };
  const byId = new Map(nodes.map((n) => [n.nodeId, n]));
  const own = nodes.find((n) => n.backendDOMNodeId === node.backendNodeId && !n.ignored);
  if (!own) return null;
  const texts: string[] = [];
  const walk = (n: AXNode): void => {
    if (n.role?.value === 'StaticText' && typeof n.name?.value === 'string') texts.push(n.name.value);
    for (const id of n.childIds ?? []) {
      const child = byId.get(id);
      if (child) walk(child);
    }
  };
  walk(own);
  const property = (name: string): unknown => own.properties?.find((p) => p.name === name)?.value.value;
  return {
    role: String(own.role?.value ?? ''),
    live: String(property('live') ?? ''),
    atomic: property('atomic') === true,
    // Each text node is a node of its own (the visually hidden comment after the visible line):
    // read one after the other.
    text: texts.join(' ').replace(/\s+/g, ' ').trim(),
  };
}

interface Transfer {
  url: string;
  bytes: number;
  encoding: string;
}

describe('the offline-first form (vi-VN, 360 px)', () => {
  let stack: TestStack;
  let web: Browsing;
  let page: Page;
  let cdp: CDPSession;
  let province: string;
  let reviewer: string;
  const transfers = new Map<string, Transfer>();

  const submittedEvents = async (association: string, token: string): Promise<number> => {
    const view = await stack.request('GET', `/cycles/2020/reports/${association}`, { token });
    expect(view.status, view.text).toBe(200);
    return (view.json.history as { action: string }[]).filter((h) => h.action === 'submitted').length;
  };

  /**
   * The report's state as a screen reader has it: a polite live region (role status, read
   * whole) holding the state's words, in the accessibility tree and in playwright's ARIA
   * snapshot; and axe.
   */
  const expectAnnounced = async (words: string) => {
    const heard = await accessibilityOf(cdp, '#save-state');
    expect(heard).toMatchObject({ role: 'status', live: 'polite', atomic: true });
    expect(heard!.text).toContain(words);
    // YAML: a text with ": " in it comes quoted.
    const snapshot = (await page.locator('#save-state').ariaSnapshot()).replace(/^(- status: )"(.*)"$/, '$1$2');
    expect(snapshot).toContain(`- status: ${words}`);
  };

  const expectAccessible = async (state: string) => {
    expect(await axe(page), `axe on ${state}`).toEqual([]);
    await screenshots(page, `offline-${state}`);
    await page.setViewportSize({ width: 360, height: 740 });
  };

  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2020-12-10T02:00:00Z' });
    province = await stack.token({ role: 'province', unit: 'HB' });
    reviewer = await stack.token({ role: 'reviewer', unit: 'HB-LS' });
    const opened = await stack.request('POST', '/cycles', { token: province, json: { year: 2020 } });
    expect(opened.status, opened.text).toBe(201);
    const imported = await stack.request('PUT', '/cycles/2020/registry', { token: province, json: { units: UNITS, associations: ASSOCIATIONS } });
    expect(imported.status, imported.text).toBe(200);
    web = await openBrowser(stack.url);
    page = await web.context.newPage();
    await page.setViewportSize({ width: 360, height: 740 });
    // What the first visit transfers, as the browser counts it (headers and bodies, as sent).
    cdp = await web.context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Accessibility.enable');
    cdp.on('Network.responseReceived', (e: { requestId: string; response: { url: string; headers: Record<string, string> } }) => {
      const encoding = Object.entries(e.response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1] ?? '';
      transfers.set(e.requestId, { url: e.response.url, bytes: 0, encoding });
    });
    cdp.on('Network.loadingFinished', (e: { requestId: string; encodedDataLength: number }) => {
      const t = transfers.get(e.requestId);
      if (t) t.bytes = e.encodedDataLength;
    });
  });
  afterAll(async () => {
    await web?.close();
    await stack?.cleanup();
  });

  it('opened with its link, it keeps its shell for later: a service worker, and the first visit weighed', async () => {
    const token = await stack.token({ role: 'association', association: 'LS-NCT' });
    // When the page asks for its worker (the browser fetches the worker's script on its own, out of the page's sight).
    await page.addInitScript(() => {
      const workers = navigator.serviceWorker;
      const register = workers.register.bind(workers);
      workers.register = (...args: Parameters<typeof register>) => {
        (window as unknown as { workerAskedAt: number }).workerAskedAt = performance.now();
        return register(...args);
      };
    });
    await page.goto(`${stack.url}/?year=2020&token=${token}`);
    await poll(() => page.locator('#report-form').isVisible()).toBe(true);
    await page.waitForLoadState('networkidle');
    // The worker is asked for only once the report has come: on a weak connection, its install
    // (the page's files fetched again) does not compete with what the secretary came for.
    const [reportAnsweredAt, workerAskedAt] = (await page.evaluate(() => [
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).find((e) => new URL(e.name).pathname === '/cycles/2020/reports/LS-NCT')?.responseEnd ?? null,
      (window as unknown as { workerAskedAt?: number }).workerAskedAt ?? null,
    ])) as [number | null, number | null];
    expect(reportAnsweredAt).not.toBeNull();
    expect(workerAskedAt).toBeGreaterThanOrEqual(reportAnsweredAt!);
    // The worker is active and controls the page (the shell and its files are in its cache).
    expect(await page.evaluate('navigator.serviceWorker.ready.then((r) => r.active.scriptURL)')).toBe(`${stack.url}/sw.js`);
    await poll(() => page.evaluate('!!navigator.serviceWorker.controller')).toBe(true);
    const cached = (await page.evaluate(`caches.keys().then((names) => Promise.all(names.map((n) => caches.open(n).then((c) => c.keys()).then((ks) => ks.map((k) => new URL(k.url).pathname))))).then((l) => l.flat().sort())`)) as string[];
    expect(cached.filter((p) => p.startsWith('/cycles'))).toEqual([]); // the API is never kept
    expect(cached).toContain('/');
    // Nothing to say yet, but the live region is already in the accessibility tree: what it
    // says next is announced (a region that appears already filled is not).
    expect(await accessibilityOf(cdp, '#save-state')).toEqual({ role: 'status', live: 'polite', atomic: true, text: '' });
    expect(cached.some((p) => /^\/assets\/form-[0-9a-f]{12}\.js$/.test(p))).toBe(true);

    // The weight of the first visit: what the page fetched (the worker's precache of the same
    // files comes on top of it, see below), and, since the server may not compress, the gzip size.
    const rows = [...transfers.values()].filter((t) => t.url.startsWith(stack.url));
    const total = rows.reduce((sum, t) => sum + t.bytes, 0);
    const compressed = rows.some((t) => t.encoding);
    let gzipTotal = 0;
    for (const t of rows) {
      const res = await stack.request('GET', new URL(t.url).pathname + new URL(t.url).search.replace(/token=[^&]*/, ''), { token: t.url.includes('/cycles/') ? token : undefined });
      gzipTotal += gzipSync(res.bytes).length;
    }
    console.log(
      `first visit: ${rows.length} responses, ${(total / 1024).toFixed(1)} KB transferred (content-encoding: ${compressed ? 'yes' : 'none'}), ` +
        `${(gzipTotal / 1024).toFixed(1)} KB of bodies once gzipped\n` +
        rows.map((t) => `  ${new URL(t.url).pathname} ${t.bytes} B ${t.encoding}`).join('\n'),
    );
    expect(total).toBeGreaterThan(0);
    expect(gzipTotal).toBeLessThanOrEqual(80 * 1024);
  });

  it('what is typed is kept on the phone; offline, a reload opens the form with the draft and the last view', async () => {
    await page.fill('#f-members', '120');
    await page.fill('#f-submittedBy', 'Bùi Thị Mận, Chủ tịch hội');
    await poll(() => saveState(page)).toBe('Đã lưu trên điện thoại này');
    await expectAnnounced('Đã lưu trên điện thoại này');

    // What the form holds at the moment it is first shown: the draft, never the report's own
    // values for a moment before it (the draft is read from IndexedDB while the report loads).
    await page.addInitScript(() => {
      const seen = window as unknown as { membersWhenShown?: string };
      new MutationObserver((_, observer) => {
        const form = document.getElementById('report-form');
        if (!form || form.hidden) return;
        seen.membersWhenShown = (document.getElementById('f-members') as HTMLInputElement).value;
        observer.disconnect();
      }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['hidden'] });
    });
    await web.context.setOffline(true);
    await page.reload();
    await poll(() => page.locator('#report-form').isVisible()).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { membersWhenShown?: string }).membersWhenShown)).toBe('120');
    expect(await page.inputValue('#f-members')).toBe('120');
    expect(await page.inputValue('#f-submittedBy')).toBe('Bùi Thị Mận, Chủ tịch hội');
    expect(await saveState(page)).toBe('Đã lưu trên điện thoại này');
    await expectAnnounced('Đã lưu trên điện thoại này');
    expect(await page.locator('#notice').textContent()).toContain('Đang không có mạng');
    expect(await page.locator('#assoc-name').textContent()).toBe('Hội Người cao tuổi huyện Lạc Sơn');
    await expectAccessible('draft');
  });

  it('submitted offline, it waits in the queue; back online it is sent once: exactly one version, and the page says so', async () => {
    const puts: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PUT') puts.push(r);
    });
    await page.selectOption('#f-selfRating', 'good');
    await page.click('#submit-button');
    await poll(() => saveState(page)).toBe('Đang chờ gửi — sẽ tự gửi khi có mạng');
    await expectAnnounced('Đang chờ gửi — sẽ tự gửi khi có mạng');
    expect(await page.locator('#alert').isVisible()).toBe(false);
    expect(await submittedEvents('LS-NCT', province)).toBe(0);
    await expectAccessible('queued');

    await web.context.setOffline(false);
    // Sent on the `online` event, or at the page's next try (every 10 s: the event is unreliable).
    await slowPoll(() => saveState(page)).toBe('Đã gửi, phiên bản 1');
    await expectAnnounced('Đã gửi, phiên bản 1');
    expect(await page.locator('#v-version').textContent()).toBe('Phiên bản 1');
    expect(await submittedEvents('LS-NCT', province)).toBe(1);
    // Every send of this submission carried the one key it was queued with.
    const keys = new Set(puts.map((r) => r.headers()['idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[A-Za-z0-9_-]{8,128}$/);
    // The draft is gone: a reload shows the report as sent, nothing "saved on this phone".
    await page.reload();
    await poll(() => saveState(page)).toBe('Đã gửi, phiên bản 1');
    await expectAccessible('sent');
  });

  it('a report returned while the phone was offline shows its comment once the connection returns', async () => {
    const returned = await stack.request('POST', '/cycles/2020/reports/LS-NCT/review', {
      token: reviewer,
      json: { decision: 'return', version: 1, comment: 'Vui lòng bổ sung số hội viên mới kết nạp.' },
    });
    expect(returned.status, returned.text).toBe(200);
    await web.context.setOffline(true);
    await page.reload();
    await poll(() => page.locator('#report-form').isVisible()).toBe(true);
    expect(await page.locator('#comment-box').isVisible()).toBe(false); // as last seen, before the return
    await web.context.setOffline(false);
    await slowPoll(() => page.locator('#comment-text').textContent()).toBe('Vui lòng bổ sung số hội viên mới kết nạp.');
    expect(await page.locator('#v-status').textContent()).toBe('Bị trả lại — cần sửa và nộp lại');
    // Nothing typed since the send: the page says it was returned (not "saved on this phone"),
    // and a screen reader hears the comment with it (shown above, for the eye).
    const returnedLine = 'Phiên bản 1 bị trả lại — đọc nhận xét ở trên, sửa rồi nộp lại.';
    await poll(() => saveState(page)).toBe(`${returnedLine} Nhận xét: Vui lòng bổ sung số hội viên mới kết nạp.`);
    // The comment in the line is for the ear: visually hidden (1 px, clipped), the box above shows it.
    expect(await page.locator('#save-state .sr-only').textContent()).toBe('Nhận xét: Vui lòng bổ sung số hội viên mới kết nạp.');
    expect(await page.locator('#save-state .sr-only').boundingBox()).toMatchObject({ width: 1, height: 1 });
    await expectAnnounced(`${returnedLine} Nhận xét: Vui lòng bổ sung số hội viên mới kết nạp.`);
    // Once something is typed again it is a draft on the phone.
    await page.fill('#f-newMembers', '12');
    await poll(() => saveState(page)).toBe('Đã lưu trên điện thoại này');
    await expectAnnounced('Đã lưu trên điện thoại này');
    await expectAccessible('returned');
  });

  it('a send whose answer is lost is retried with the same Idempotency-Key: still one version', async () => {
    const token = await stack.token({ role: 'association', association: 'VL-KH' });
    const keys: string[] = [];
    let lost = 0;
    // The server gets the first PUT and answers it; the phone never sees the answer.
    await web.context.route('**/cycles/2020/reports/VL-KH', async (route) => {
      const request = route.request();
      if (request.method() !== 'PUT') return route.continue();
      keys.push(request.headers()['idempotency-key'] ?? '');
      if (lost === 0) {
        lost++;
        const answer = await route.fetch();
        expect(answer.status()).toBe(200);
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await page.goto(`${stack.url}/?year=2020&token=${token}`);
    await poll(() => page.locator('#assoc-name').textContent()).toBe('Hội Khuyến học xã Vũ Lâm');
    await page.fill('#f-members', '45');
    await page.selectOption('#f-selfRating', 'completed');
    await page.fill('#f-submittedBy', 'Lò Văn Sáng');
    await page.click('#submit-button');
    await poll(() => saveState(page)).toBe('Đang chờ gửi — sẽ tự gửi khi có mạng');
    expect(await submittedEvents('VL-KH', province)).toBe(1); // the server did take it

    // The next opening sends the queue again, with the same key: the first answer, no second version.
    await page.reload();
    await poll(() => saveState(page)).toBe('Đã gửi, phiên bản 1');
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
    expect(await submittedEvents('VL-KH', province)).toBe(1);
    await web.context.unroute('**/cycles/2020/reports/VL-KH');
  });

  it('left no console error, no CSP or Trusted Types refusal, no request outside the stack', () => {
    expect(web.problems.filter((p) => !/net::ERR_INTERNET_DISCONNECTED|net::ERR_CONNECTION_RESET|Failed to fetch/.test(p))).toEqual([]);
  });
});
