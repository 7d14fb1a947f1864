// Period reviews (SPEC section 12): creating one, showing it, triggering its close, and reading
// what its close published. The close itself runs in the period's state machine
// (period-close.ts, period-render.ts).
import { now } from '../adapters/clock.ts';
import { downloadUrl, getFile, sha256Hex } from '../adapters/files.ts';
import { WriteConflict } from '../adapters/cycle-store.ts';
import { getPeriod, listPeriods, updatePeriod, type PeriodRecord } from '../adapters/period-store.ts';
import { periodExecutionName, workflow } from '../adapters/workflow.ts';
import type { Principal } from '../auth/tokens.ts';
import type { Lang } from '../domain/localized.ts';
import { PERIOD_CODE } from '../domain/period-code.ts';
import type { PeriodStatus } from '../domain/types.ts';
import { Conflict, FileIntegrity, notFound } from './errors.ts';
import { msg, PERIOD_STEP_LABELS } from './messages.ts';
import { assertPrincipalInRegistry } from './principal-registry.ts';
import { publishedYearsOf, type PeriodFileKind } from './period-close.ts';

export function parsePeriodCode(raw: string | undefined): string {
  if (!raw || !PERIOD_CODE.test(raw)) throw notFound(msg.badCode(), { code: msg.badCode() });
  return raw;
}

/**
 * Who may act on a period. Periods are not per cycle, so the token is checked against the
 * registry of the year the period reads its commended collectives from: the last year its
 * published revision read, else the last year of its range. As on a cycle's routes, an
 * association or a reviewer unit must be in that registry and a province token must name its
 * root; a year with no cycle (or no registry) refuses nobody here (the token itself was checked,
 * revocation included, by the chain).
 */
export async function assertMayAct(principal: Principal, period: Pick<PeriodRecord, 'config' | 'yearsRead'>): Promise<void> {
  const year = period.yearsRead?.at(-1)?.year ?? period.config.to;
  await assertPrincipalInRegistry(principal, year);
}

export async function loadPeriod(code: string, principal: Principal): Promise<PeriodRecord> {
  const period = await getPeriod(code);
  if (!period) throw notFound(msg.periodNotFound(code), { code: msg.periodNotFound(code) });
  await assertMayAct(principal, period);
  return period;
}

export interface PeriodListItem {
  code: string;
  from: number;
  to: number;
  title: string;
  status: PeriodStatus;
  revision: number;
}

/**
 * GET /periods (province): every period review, the newest range first (`from` descending,
 * then code). Periods are not per cycle: the token is checked as on the newest period's routes
 * (assertMayAct), the chain having checked the token itself.
 */
export async function periodList(principal: Principal): Promise<{ items: PeriodListItem[] }> {
  const periods = (await listPeriods()).sort((a, b) => b.from - a.from || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const newest = periods[0];
  if (newest) await assertMayAct(principal, { config: { to: newest.to } as PeriodRecord['config'], yearsRead: newest.yearsRead });
  return { items: periods.map(({ code, from, to, title, status, revision }) => ({ code, from, to, title, status, revision })) };
}

export interface PeriodView {
  code: string;
  status: PeriodStatus;
  revision: number;
  config: PeriodRecord['config'];
  createdAt: string;
  closeRequestedAt: string | null;
  publishedAt: string | null;
  step: string | null;
  stepLabel: string | null;
  /** the years the published revision read, with the revision of each */
  yearsRead: { year: number; revision: number }[];
  failure: { kind: string; reference: string; at: string; step: string | null; years: number[]; cause: string } | null;
}

/** GET /periods/{code}: the failure's words for the province only, as for a cycle. */
export function periodView(period: PeriodRecord, viewer: { role: Principal['role']; lang: Lang }): PeriodView {
  const f = period.failure;
  return {
    code: period.code,
    status: period.status,
    revision: period.revision,
    config: period.config,
    createdAt: period.createdAt,
    closeRequestedAt: period.closeRequestedAt ?? null,
    publishedAt: period.publishedAt ?? null,
    step: period.step ?? null,
    stepLabel: period.step ? (PERIOD_STEP_LABELS[period.step]?.[viewer.lang] ?? period.step) : null,
    yearsRead: period.yearsRead ?? [],
    failure:
      f && viewer.role === 'province'
        ? { kind: f.kind, reference: f.reference, at: f.at, step: f.step, years: f.years ?? [], cause: msg.periodFailure(f.kind, f.step, f.reference, f.years)[viewer.lang] }
        : null,
  };
}

/**
 * POST /periods/{code}/close → 202. From `open` or `close_failed` the period flips to closing
 * (a conditional write: two requests at once start one close) and an execution starts; the first
 * request's time is kept (publishedAt, the default report date), so a close resumed after a
 * failure writes the same files. While closing, or once published, nothing new starts (to read
 * years republished since, create another period). A period none of whose years is published is
 * refused (409) and left as it was.
 */
export async function requestPeriodClose(code: string, principal: Principal): Promise<{ status: PeriodStatus; revision: number }> {
  const period = await loadPeriod(code, principal);
  if (period.status === 'closing' || period.status === 'published') return { status: period.status, revision: period.closingRevision ?? period.revision };
  const published = await publishedYearsOf(period.config.from, period.config.to);
  if (published.length === 0) throw new Conflict(msg.periodNoPublishedYear(period.config.from, period.config.to));
  const at = now();
  const revision = period.revision + 1;
  const name = periodExecutionName(code, revision, at);
  try {
    await updatePeriod(
      code,
      { status: 'closing', closingRevision: revision, step: 'ReadYears', executionName: name, executionStartedAt: at.toISOString() },
      { expectStatus: [period.status], remove: ['failure'], setIfAbsent: { closeRequestedAt: at.toISOString() } },
    );
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    // Someone else triggered it a moment before: the same answer as calling again.
    const current = (await getPeriod(code))!;
    return { status: current.status, revision: current.closingRevision ?? current.revision };
  }
  await workflow().startPeriod(name, { code, revision });
  return { status: 'closing', revision };
}

/** A published file of the period, checked against the SHA-256 its close recorded. */
export async function periodFile(period: PeriodRecord, kind: PeriodFileKind): Promise<Buffer> {
  if (period.status !== 'published' || !period.files || !period.sha256) throw new Conflict(msg.periodNotPublished(period.code));
  const key = period.files[kind];
  // A period published before the Word file existed lists none.
  if (key === undefined) throw new Conflict(msg.noWordFile(period.revision));
  const body = await getFile(key);
  if (!body) throw new Error(`Published file ${key} is missing from the bucket`);
  if (sha256Hex(body) !== period.sha256[kind]) {
    console.error(JSON.stringify({ level: 'error', event: 'published_file_mismatch', key, period: period.code }));
    throw new FileIntegrity(msg.publishedFileAltered(key.slice(key.lastIndexOf('/') + 1), period.revision));
  }
  return body;
}

export async function periodDownloadUrl(period: PeriodRecord, kind: 'pdf' | 'csv' | 'docx', filename: string, seconds: number): Promise<string> {
  if (period.status !== 'published' || !period.files) throw new Conflict(msg.periodNotPublished(period.code));
  const key = period.files[kind];
  if (key === undefined) throw new Conflict(msg.noWordFile(period.revision));
  return downloadUrl(key, filename, seconds);
}
