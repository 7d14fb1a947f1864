// Browser helpers for the e2e tests: Debian's chromium driven by playwright-core, axe-core
// checks, screenshots at 360 px and 1280 px, and a watch on console errors (CSP, Trusted
// Types) and on any request leaving the stack.
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const RESULTS_DIR = join(process.cwd(), 'test-results');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export interface Browsing {
  browser: Browser;
  context: BrowserContext;
  /** Console errors, page errors and requests outside the stack, per page. */
  problems: string[];
  close(): Promise<void>;
}

/** `alsoAllowed`: origins besides the stack's the pages may go to (the local S3 of presigned downloads). */
export async function openBrowser(baseUrl: string, options: { locale?: string; alsoAllowed?: string[] } = {}): Promise<Browsing> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    // Playwright gives every launched browser a fresh temporary profile (its own --user-data-dir).
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: options.locale ?? 'vi-VN',
    acceptDownloads: true,
    reducedMotion: 'reduce',
  });
  const problems: string[] = [];
  const origin = new URL(baseUrl).origin;
  context.on('page', (page) => watch(page, origin, problems));
  context.on('request', (request) => {
    const url = request.url();
    const allowed = [origin, ...(options.alsoAllowed ?? [])].some((o) => url.startsWith(`${o}/`) || url === o);
    if (!allowed && !url.startsWith('blob:') && !url.startsWith('data:')) problems.push(`external request: ${url}`);
  });
  return {
    browser,
    context,
    problems,
    async close() {
      await context.close().catch(() => {});
      await browser.close().catch(() => {});
    },
  };
}

function watch(page: Page, _origin: string, problems: string[]): void {
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    // A 4xx the page asked for on purpose (404 of an unopened cycle, 422, 409) is logged by the browser.
    if (/Failed to load resource: the server responded with a status of (4\d\d)/.test(text)) return;
    problems.push(`console: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
}

/** Runs axe-core on the page; returns the serious and critical violations, readable. */
export async function axe(page: Page): Promise<string[]> {
  // Strings, not functions: this project's TypeScript has no DOM library.
  const has = await page.evaluate("typeof window.axe !== 'undefined'");
  if (!has) {
    // page.addScriptTag would add an inline <script>, which the pages' CSP (script-src 'self',
    // Trusted Types) rightly refuses; the DevTools protocol evaluates the same file instead.
    await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  }
  const violations = (await page.evaluate(`window.axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) })))`)) as {
    id: string;
    impact: string;
    help: string;
    targets: string[];
  }[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} ${v.targets.join(' ')}`);
}

/** Full-page screenshots at 360 px and 1280 px wide, under test-results/. */
export async function screenshots(page: Page, name: string): Promise<void> {
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
    await page.waitForTimeout(50);
    await page.screenshot({ path: join(RESULTS_DIR, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize(before);
}

/** Fails when the page scrolls sideways at 360 px (a table may scroll inside its own box). */
export async function horizontalOverflow(page: Page): Promise<number> {
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
  await page.setViewportSize(before);
  return overflow;
}
