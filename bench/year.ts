// A province's year over the HTTP API, metered for the bill: Lai Châu's registry and reports
// (demo/lai-chau-2020: 182 associations, 179 reports) on a year of its own, driven the way
// its people would drive it. What each one does is an assumption, stated in ACTIVITY and in
// BENCHMARKS.md; what it costs is counted (bench/meter.ts).
import { DEMO_DIR, demoReports } from '../cli/demo-data.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signToken, type SigningKey } from '../shared/auth/tokens.ts';
import { runBounded } from '../shared/util/run-bounded.ts';
import type { Meter, Usage } from './meter.ts';
import { round } from './measure.ts';

/** What the year's people do, per association unless said otherwise. */
export const ACTIVITY = {
  /** the form page and its files on the first visit, then the report read back */
  firstVisit: 'GET / and each file it names (assets, manifest), GET its report',
  /** share of the reports a reviewer returns once; the association reads it and submits again */
  returnedShare: 0.1,
  /** a reviewer refreshes their list once per this many reviews */
  reviewsPerListRefresh: 10,
  /** the province's page reads the cycle this many times over the year, and once a second while the close runs */
  provinceCycleReads: 30,
  /** after publication: the province downloads summary, PDF, commended list, Word file and workbook once; each district reviewer the PDF */
  downloads: 'province: summary, report.pdf, commendations?format=csv, report.docx, export.xlsx; each reviewer: report.pdf',
} as const;

export interface YearFigures {
  year: number;
  associations: number;
  reports: number;
  returned: number;
  closeMs: number;
  /** the whole year (close included) */
  usage: Usage;
  /** the close alone (request to published), part of `usage` */
  closeUsage: Usage;
}

async function call(url: string, token: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; data: unknown; text: string }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: 'follow',
  });
  const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
  let data: unknown = null;
  try {
    data = JSON.parse(text);
  } catch {
    // a file or a page
  }
  return { status: response.status, data, text };
}

async function must(url: string, token: string | null, method: string, path: string, body?: unknown, expected = [200]): Promise<unknown> {
  const r = await call(url, token, method, path, body);
  if (!expected.includes(r.status)) throw new Error(`${method} ${path}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  return r.data;
}

export async function laiChauYear(options: { url: string; signingKey: SigningKey; year: number; meter: Meter; log: (line: string) => void }): Promise<YearFigures> {
  const { url, year, meter } = options;
  const config = JSON.parse(readFileSync(join(DEMO_DIR, 'cycle.json'), 'utf8')) as Record<string, unknown>;
  Object.assign(config, { year, deadline: `${year}-12-15`, reportDate: `${year}-12-18` });
  const units = readFileSync(join(DEMO_DIR, 'units.csv'), 'utf8');
  const associations = readFileSync(join(DEMO_DIR, 'associations.csv'), 'utf8');
  const root = (units.split('\n')[1] ?? '').split(',')[0]!;
  const districts = units
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter((c) => c[3]?.trim() === root)
    .map((c) => c[0]!);
  const province = await signToken({ role: 'province', unit: root }, options.signingKey, 4 * 3600);
  const reviewers = await Promise.all(districts.map((unit) => signToken({ role: 'reviewer', unit }, options.signingKey, 4 * 3600)));
  const reports = demoReports();

  meter.start();
  await must(url, province, 'POST', '/cycles', config, [201]);
  await must(url, province, 'PUT', `/cycles/${year}/registry`, { units, associations });
  await must(url, province, 'GET', `/cycles/${year}/links`);
  for (let i = 0; i < ACTIVITY.provinceCycleReads; i++) await must(url, province, 'GET', `/cycles/${year}`);

  // Each association: the form page and its files, its report, the submission; a tenth are
  // returned by the province's reviewer once, read again and submitted again.
  const page = await call(url, null, 'GET', '/');
  const files = [...page.text.matchAll(/(?:src|href)="((?:assets\/|manifest)[^"]+)"/g)].map((m) => `/${m[1]!}`);
  let returned = 0;
  let reviews = 0;
  await runBounded(reports.map((r, i) => ({ r, i })), 8, async ({ r, i }) => {
    const token = await signToken({ role: 'association', association: r.association }, options.signingKey, 4 * 3600);
    await call(url, null, 'GET', '/');
    for (const file of files) await call(url, null, 'GET', file);
    await must(url, token, 'GET', `/cycles/${year}/reports/${r.association}`);
    let { version } = (await must(url, token, 'PUT', `/cycles/${year}/reports/${r.association}`, r.report)) as { version: number };
    if (i % Math.round(1 / ACTIVITY.returnedShare) === 0) {
      await must(url, province, 'POST', `/cycles/${year}/reports/${r.association}/review`, { decision: 'return', version, comment: 'Bổ sung số liệu hội viên.' });
      await must(url, token, 'GET', `/cycles/${year}/reports/${r.association}`);
      ({ version } = (await must(url, token, 'PUT', `/cycles/${year}/reports/${r.association}`, r.report)) as { version: number });
      returned += 1;
    }
    await must(url, province, 'POST', `/cycles/${year}/reports/${r.association}/review`, { decision: 'approve', version, score: r.score, rating: r.rating });
    reviews += 1;
    if (reviews % ACTIVITY.reviewsPerListRefresh === 0) await must(url, reviewers[reviews % reviewers.length]!, 'GET', `/cycles/${year}/reports`);
  });

  // The close, with the province's page reading the cycle once a second meanwhile.
  const closeStarted = performance.now();
  const beforeClose = await meter.stop();
  meter.start();
  await must(url, province, 'POST', `/cycles/${year}/close`, undefined, [202]);
  for (;;) {
    const cycle = (await must(url, province, 'GET', `/cycles/${year}`)) as { status: string };
    if (cycle.status === 'published') break;
    if (cycle.status === 'close_failed') throw new Error(`the ${year} close failed`);
    await new Promise((r) => setTimeout(r, 1000));
  }
  const closeMs = performance.now() - closeStarted;
  const closeUsage = await meter.stop();
  meter.start();
  for (const path of ['summary', 'report.pdf', 'commendations?format=csv', 'report.docx', 'export.xlsx']) await must(url, province, 'GET', `/cycles/${year}/${path}`);
  for (const token of reviewers) await must(url, token, 'GET', `/cycles/${year}/report.pdf`);
  const after = await meter.stop();
  const { addUsage, emptyUsage } = await import('./meter.ts');
  const usage = addUsage(addUsage(addUsage(emptyUsage(), beforeClose), closeUsage), after);
  options.log(`  Lai Châu year ${year}: ${reports.length} reports (${returned} returned once), close ${round(closeMs / 1000, 1)} s, ${usage.apiRequests} API requests`);
  return { year, associations: associations.trim().split('\n').length - 1, reports: reports.length, returned, closeMs: round(closeMs, 0), usage, closeUsage };
}
