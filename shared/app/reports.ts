// The association's report: submit a version, read it with its history, list, review.
import { createHash } from 'node:crypto';
import type { Principal } from '../auth/tokens.ts';
import { getUnits, type RegistryRow } from '../adapters/registry-store.ts';
import { reopenForAssociation, type CycleRecord } from '../adapters/cycle-store.ts';
import { decide, getAssociation, getHistory, getIdempotentAnswer, getReportState, getVersion, listAssociationsPage, submitVersion, type AssociationRecord, type Decision, type IdempotentAnswer } from '../adapters/report-store.ts';
import { MAX_VERSIONS_PER_ASSOCIATION, reviewRefusal, submissionRefusal } from '../domain/review.ts';
import { now } from '../adapters/clock.ts';
import { validateReport } from '../domain/report.ts';
import { validateReopenAfterClose, validateReviewDecision } from '../domain/review.ts';
import { REPORT_STATUSES, type CycleContact, type ReportFields, type ReportStatus, type Unit } from '../domain/types.ts';
import { LEVEL_LABELS, REPORT_STATUS_LABELS, UNIT_TYPE_LEVEL_LABELS } from '../domain/labels.ts';
import type { Localized } from '../domain/localized.ts';
import { formatDateTimeVn, formatNumber } from '../format/vietnamese.ts';
import { Forbidden, conflict, invalid, notFound, staleVersion } from './errors.ts';
import { msg } from './messages.ts';
import { startAwaitingExecution } from './cycles.ts';
import { loadCycle, nowIso } from './common.ts';
import { isPastDeadline } from '../domain/deadline.ts';
import { notifyReturned } from './notices.ts';
import { actorOf, assertMayActOn, forbiddenFor, mayListUnder, type AssociationAction } from './scope.ts';
import { readByRegistryCheck } from './principal-registry.ts';

const invalidReport = { vi: 'Báo cáo chưa hợp lệ; xem lỗi từng mục.', en: 'The report is not valid; see each field.' };
const invalidDecision = { vi: 'Quyết định duyệt chưa hợp lệ.', en: 'The review decision is not valid.' };

/**
 * The association, if this principal may act on it. A caller who may not see an association
 * gets the same 403 whether its code exists or not, so codes cannot be enumerated; only the
 * province, who may see every association, learns that one does not exist.
 */
async function loadVisibleAssociation(principal: Principal, action: AssociationAction, cycle: CycleRecord, code: string): Promise<AssociationRecord> {
  if (principal.role === 'association' && principal.association !== code) throw forbiddenFor(principal);
  const association = await getAssociation(cycle, code);
  if (!association) {
    if (principal.role === 'province') throw notFound(msg.associationNotFound(code), { association: msg.associationNotFound(code) });
    throw forbiddenFor(principal);
  }
  assertMayActOn(principal, action, association);
  return association;
}

/** The association of a registry row already read, with its report state, if this principal may submit for it. */
async function withReportState(principal: Principal, cycle: CycleRecord, row: RegistryRow): Promise<AssociationRecord> {
  const association = { ...row, ...(await getReportState(cycle.year, row.code)) };
  assertMayActOn(principal, 'submit', association);
  return association;
}

/** No write once the auto-close time has passed, even before the close has frozen the cycle. */
function assertNotOverdue(cycle: CycleRecord): void {
  if (cycle.autoCloseDueMs !== undefined && cycle.autoCloseDueMs <= now().getTime()) throw conflict(msg.autoClosePassed(cycle.year));
}

function submissionRefused(reason: 'locked' | 'cap') {
  return conflict(reason === 'locked' ? msg.reportLocked() : msg.versionCap(MAX_VERSIONS_PER_ASSOCIATION));
}

export async function submitReport(args: {
  principal: Principal;
  year: number;
  code: string;
  body: unknown;
  source: 'json' | 'form';
  /** the Idempotency-Key header, when the client sent one */
  idempotencyKey?: string;
}): Promise<{ version: number; status: 'submitted'; late: boolean }> {
  const key = args.idempotencyKey;
  if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw invalid(msg.badIdempotencyKey(), { 'Idempotency-Key': msg.badIdempotencyKey() });
  // A registry import switching versions meanwhile sends us back to read the new one.
  for (let attempt = 0; ; attempt++) {
    // The token's registry check has just read the cycle and this association's row: only its
    // report state is left to read. Read afresh on a retry (a registry switched meanwhile).
    const known = attempt === 0 && args.principal.role === 'association' && args.principal.association === args.code ? readByRegistryCheck(args.principal, args.year) : undefined;
    const cycle = known?.cycle ?? (await loadCycle(args.year));
    const association = known ? await withReportState(args.principal, cycle, known.row) : await loadVisibleAssociation(args.principal, 'submit', cycle, args.code);
    const validated = validateReport(args.body, args.source);
    // A send repeated after its answer was lost gets that answer, whatever happened since
    // (the cycle closed, the report approved): it was accepted once.
    const idempotency = key !== undefined && validated.ok ? { key, reportHash: hashReport(validated.value) } : undefined;
    if (idempotency) {
      const first = await getIdempotentAnswer(args.year, args.code, idempotency.key);
      if (first) return replay(first, idempotency.reportHash);
    }
    if (!association.expected) throw conflict(msg.associationNotExpected(args.code));
    // Said early for a clear answer; the write itself re-checks atomically (submitVersion).
    if (cycle.status !== 'open' || (cycle.reopenedFor && !cycle.reopenedFor.includes(args.code))) {
      throw conflict(msg.cycleNotOpen(args.year, cycle.status));
    }
    assertNotOverdue(cycle);
    const refused = submissionRefusal(association);
    if (refused) throw submissionRefused(refused);
    if (!validated.ok) throw invalid(invalidReport, validated.fields);
    const at = nowIso();
    const late = isPastDeadline(cycle.config.deadline, Date.parse(at));
    const result = await submitVersion({ cycle, code: args.code, current: association, report: validated.value, by: actorOf(args.principal), at, late, idempotency });
    if ('replayed' in result) return replay(result.replayed, idempotency!.reportHash);
    if (!('refused' in result)) return { version: result.version, status: 'submitted', late };
    if (result.refused === 'locked' || result.refused === 'cap') throw submissionRefused(result.refused);
    if (result.refused === 'busy') throw conflict(msg.importRunning());
    if (result.refused === 'registry' && attempt < 5) continue;
    const current = await loadCycle(args.year);
    assertNotOverdue(current);
    throw conflict(msg.cycleNotOpen(args.year, current.status));
  }
}

/** An Idempotency-Key as clients make them: a UUID, or any 8 to 128 letters, digits, "_" and "-". */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/u;

/** The report's fields, their order fixed, hashed: the same report sent as JSON or as a form hashes the same. */
function hashReport(report: ReportFields): string {
  const ordered = Object.fromEntries(Object.entries(report).sort(([a], [b]) => (a < b ? -1 : 1)));
  return createHash('sha256').update(JSON.stringify(ordered)).digest('hex');
}

function replay(first: IdempotentAnswer, reportHash: string): { version: number; status: 'submitted'; late: boolean } {
  if (first.reportHash !== reportHash) throw invalid(msg.idempotencyKeyReused(), { 'Idempotency-Key': msg.idempotencyKeyReused() });
  return { version: first.version, status: 'submitted', late: first.late };
}

export interface ReportView {
  association: string;
  name: string;
  unit: string;
  level: AssociationRecord['level'];
  version: number;
  /** the version whose fields `report` holds: the current one, or the one `?version=` asked for; null before any */
  shownVersion: number | null;
  status: ReportStatus | null;
  late: boolean;
  score: number | null;
  rating: AssociationRecord['rating'];
  comment: string | null;
  report: ReportFields | null;
  history: { version: number; action: string; at: string; by: string; comment: string | null }[];
  cycle: { year: number; status: string; deadline: string; contact: CycleContact | null };
}

const badVersion: Localized = { vi: 'Phiên bản phải là số nguyên dương, ví dụ version=2.', en: 'version must be a positive whole number, e.g. version=2.' };
const noSuchVersion = (code: string, version: number): Localized => ({
  vi: `Hội "${code}" chưa có phiên bản ${version}.`,
  en: `Association "${code}" has no version ${version}.`,
});

/**
 * GET /cycles/{year}/reports/{association}, with `?version=n` that version's fields in
 * `report` (the rest of the view stays the current state): 422 for a version that is not a
 * positive whole number, 404 for one the association never submitted.
 */
export async function readReport(principal: Principal, year: number, code: string, query: Record<string, string> = {}): Promise<ReportView> {
  let wanted: number | null = null;
  if (query.version !== undefined) {
    if (!/^[1-9][0-9]{0,5}$/.test(query.version)) throw invalid(badVersion, { version: badVersion });
    wanted = Number(query.version);
  }
  const cycle = await loadCycle(year);
  const association = await loadVisibleAssociation(principal, 'read', cycle, code);
  if (wanted !== null && wanted > association.version) throw notFound(noSuchVersion(code, wanted), { version: noSuchVersion(code, wanted) });
  return reportView(cycle, association, wanted);
}

/** The view of an association already read (and checked) with its cycle: its report (the current version, or `shown`) and history. */
async function reportView(cycle: CycleRecord, association: AssociationRecord, shown: number | null = null): Promise<ReportView> {
  const { year } = cycle;
  const code = association.code;
  const shownVersion = shown ?? (association.version > 0 ? association.version : null);
  const [version, history] = await Promise.all([
    shownVersion !== null ? getVersion(year, code, shownVersion) : Promise.resolve(null),
    getHistory(year, code),
  ]);
  if (shown !== null && !version) throw notFound(noSuchVersion(code, shown), { version: noSuchVersion(code, shown) });
  return {
    association: code,
    name: association.name,
    unit: association.unitCode,
    level: association.level,
    version: association.version,
    shownVersion,
    status: association.status,
    late: association.late,
    score: association.score,
    rating: association.rating,
    comment: association.comment,
    report: version?.report ?? null,
    history,
    cycle: { year, status: cycle.status, deadline: cycle.config.deadline, contact: cycle.config.contact ?? null },
  };
}

const PAGE_SIZE_DEFAULT = 50;
const PAGE_SIZE_MAX = 200;

/** What the list shows of an association: its report's state and how to reach it. */
function listItem(a: AssociationRecord) {
  return {
    association: a.code,
    name: a.name,
    unit: a.unitCode,
    level: a.level,
    version: a.version,
    status: a.status ?? 'missing',
    late: a.late,
    score: a.score,
    rating: a.rating,
    special: a.special,
    email: a.email ?? null,
    phone: a.phone ?? null,
    contact: a.contact ?? null,
    /** the last submission, or null before any */
    submittedAt: a.lastSubmittedAt,
  };
}

type ListStatus = ReportStatus | 'missing' | 'late' | null;

/** The list's scope and filter from the query, checked: the unit (404/403 as for a report) and `status`. */
async function listScope(principal: Principal, year: number, query: Record<string, string>): Promise<{ cycle: CycleRecord; unit: Unit; units: Unit[]; status: ListStatus }> {
  const status = query.status || null;
  if (status !== null && status !== 'missing' && status !== 'late' && !(REPORT_STATUSES as readonly string[]).includes(status)) {
    throw invalid(msg.badStatusFilter(), { status: msg.badStatusFilter() });
  }
  const cycle = await loadCycle(year);
  const units = await getUnits(year, cycle.registryVersion);
  // Without ?unit: a reviewer's own unit, or for the province the registry's root (whatever
  // unit its token names).
  const unitCode = query.unit || (principal.role === 'province' ? units.find((u) => u.parentCode === null)?.code : principal.unit);
  const unit = units.find((u) => u.code === unitCode);
  // Like associations: only the province, who may see every unit, learns that one does not exist.
  if (!unit && principal.role !== 'province') throw forbiddenFor(principal);
  if (!unit) throw notFound(msg.unknownUnit(String(unitCode)), { unit: msg.unknownUnit(String(unitCode)) });
  if (!mayListUnder(principal, unit.path)) throw new Forbidden(msg.outsideYourUnit());
  return { cycle, unit, units, status: status as ListStatus };
}

export async function listReports(principal: Principal, year: number, query: Record<string, string>) {
  // Plain digits only: Number() would also take "1e2", "0x10" and " 5".
  const limit = query.limit ? (/^[0-9]{1,3}$/.test(query.limit) ? Number(query.limit) : NaN) : PAGE_SIZE_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_SIZE_MAX) {
    const text = { vi: `limit phải là số nguyên từ 1 đến ${PAGE_SIZE_MAX}, chỉ gồm chữ số.`, en: `limit must be a whole number from 1 to ${PAGE_SIZE_MAX}, digits only.` };
    throw invalid(text, { limit: text });
  }
  const { cycle, unit, status } = await listScope(principal, year, query);
  const after = query.cursor ? decodeCursor(query.cursor, unit.path) : null;
  const page = await listAssociationsPage({ cycle, unitPath: unit.path, status, after, limit });
  return {
    items: page.items.map(listItem),
    cursor: page.after ? encodeCursor(page.after) : null,
  };
}

/** The most rows a list download holds; a larger list is asked for one unit at a time. */
export const EXPORT_MAX_ROWS = 20_000;

export type ListFormat = 'json' | 'csv' | 'xlsx';

const badListFormat: Localized = { vi: 'Định dạng phải là json (mặc định), csv hoặc xlsx.', en: 'format must be json (the default), csv or xlsx.' };
// Written when refused, not when the module loads: the first toLocaleString of a process loads
// ICU's locale data, a tenth of the cold start of every job that imports this module.
const tooManyRows = (): Localized => ({
  vi: `Danh sách có hơn ${formatNumber(EXPORT_MAX_ROWS)} hội; vui lòng tải từng đơn vị (tham số unit).`,
  en: `The list has more than ${EXPORT_MAX_ROWS.toLocaleString('en-US')} associations; please download one unit at a time (the unit parameter).`,
});

/** `?format=` of the report list: json (the default), csv or xlsx (a download of the whole filtered list). */
export function listFormatOf(format: string | undefined): ListFormat {
  if (format === undefined || format === '' || format === 'json') return 'json';
  if (format === 'csv' || format === 'xlsx') return format;
  throw invalid(badListFormat, { format: badListFormat });
}

/** The list download's columns (SPEC section 7, issue 18): Vietnamese, as an office reads them. */
export const REPORT_LIST_HEADER = ['mã', 'tên hội', 'đơn vị', 'cấp', 'trạng thái', 'nộp muộn', 'người liên hệ', 'điện thoại', 'email', 'nộp lúc'];

/** A download's name by its filter: chua-nop-2020-LC-TU.xlsx, nop-muon-2020-LC.csv, bao-cao-2020-LC.csv. */
const FILE_WORDS: Record<Exclude<ListStatus, null> | 'all', string> = {
  all: 'bao-cao',
  missing: 'chua-nop',
  submitted: 'cho-duyet',
  approved: 'da-duyet',
  returned: 'bi-tra-lai',
  late: 'nop-muon',
};

/**
 * GET /cycles/{year}/reports?format=csv|xlsx: the whole filtered list (every page; `cursor` and
 * `limit` do not apply) as rows for a file, with each association's contact, so that an office
 * can call those who have not submitted. At most EXPORT_MAX_ROWS rows.
 */
export async function reportListTable(principal: Principal, year: number, query: Record<string, string>, format: 'csv' | 'xlsx') {
  const { cycle, unit, units, status } = await listScope(principal, year, query);
  const page = await listAssociationsPage({ cycle, unitPath: unit.path, status, after: null, limit: EXPORT_MAX_ROWS + 1 });
  if (page.items.length > EXPORT_MAX_ROWS) throw invalid(tooManyRows(), { unit: tooManyRows() });
  const byCode = new Map(units.map((u) => [u.code, u]));
  const rows = page.items.map((a) => {
    const own = byCode.get(a.unitCode);
    return [
      a.code,
      a.name,
      own?.name ?? a.unitCode,
      (own ? UNIT_TYPE_LEVEL_LABELS[own.type] : LEVEL_LABELS[a.level]).vi,
      REPORT_STATUS_LABELS[a.status ?? 'missing'].vi,
      a.version > 0 && a.late ? 'có' : '',
      a.contact ?? '',
      a.phone ?? '',
      a.email ?? '',
      a.lastSubmittedAt ? formatDateTimeVn(a.lastSubmittedAt) : '',
    ];
  });
  return { format, basename: `${FILE_WORDS[status ?? 'all']}-${year}-${unit.code}`, sheet: `Báo cáo ${year}`, header: REPORT_LIST_HEADER, rows };
}

function encodeCursor(after: string): string {
  return Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, unitPath: string): string {
  try {
    if (!/^[A-Za-z0-9_-]{1,600}$/.test(cursor)) throw new Error('shape');
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { after?: unknown };
    // A cursor only continues a listing of the same subtree; it cannot widen the scope.
    if (typeof value.after === 'string' && value.after.startsWith(`${unitPath}/`) && /\/#[A-Za-z0-9_-]{1,40}$/.test(value.after)) {
      return value.after;
    }
  } catch {
    // fall through
  }
  throw invalid(msg.badCursor(), { cursor: msg.badCursor() });
}

export async function reviewReport(args: { principal: Principal; year: number; code: string; body: unknown }) {
  const cycle = await loadCycle(args.year);
  const association = await loadVisibleAssociation(args.principal, 'review', cycle, args.code);
  const validated = validateReviewDecision(args.body);
  if (!validated.ok) throw invalid(invalidDecision, validated.fields);
  const input = validated.value;
  if (cycle.status !== 'open') throw conflict(msg.cycleNotOpen(args.year, cycle.status));
  assertNotOverdue(cycle);
  const refused = reviewRefusal(association, input);
  if (refused === 'no_report') throw conflict(msg.noReportYet());
  if (refused === 'stale') throw staleVersion(msg.staleVersion(association.version), { version: msg.staleVersion(association.version) });
  if (refused === 'wrong_status') {
    const text = msg.wrongStatusFor(input.decision, association.status ?? 'missing');
    throw conflict(text, { decision: text });
  }
  const decision: Decision =
    input.decision === 'approve'
      ? { decision: 'approve', version: input.version, score: input.score, rating: input.rating ?? association.selfRating!, comment: input.comment ?? null }
      : { decision: input.decision, version: input.version, comment: input.comment };
  const outcome = await decide({ year: args.year, code: args.code, current: association, decision, by: actorOf(args.principal), at: nowIso(), cycleStatuses: ['open'] });
  if (outcome === 'cycle') {
    const current = await loadCycle(args.year);
    assertNotOverdue(current);
    throw conflict(msg.cycleNotOpen(args.year, current.status));
  }
  if (outcome === 'stale') {
    const current = await loadVisibleAssociation(args.principal, 'review', cycle, args.code);
    throw staleVersion(msg.staleVersion(current.version), { version: msg.staleVersion(current.version) });
  }
  if (decision.decision === 'return') {
    await notifyReturned({ cycle, association, version: decision.version, comment: decision.comment, historySeq: outcome.decided.historySeq });
  }
  return reportView(cycle, { ...association, ...outcome.decided });
}

/**
 * The lock exception (SPEC section 3): after publication the province reopens one report;
 * the cycle opens again for that association alone and the next close publishes a new revision.
 */
export async function reopenAfterClose(args: { principal: Principal; year: number; code: string; body: unknown }) {
  const cycle = await loadCycle(args.year);
  const association = await loadVisibleAssociation(args.principal, 'reopen-after-close', cycle, args.code);
  const validated = validateReopenAfterClose(args.body);
  if (!validated.ok) throw invalid(invalidDecision, validated.fields);
  // One write adds the association to the reopened set (two reopens at once both stay in it)
  // and opens a published cycle; only the reopen that opened it starts the waiting execution.
  const before = await reopenForAssociation(args.year, args.code);
  if (before === null) {
    const current = await loadCycle(args.year);
    if (current.status === 'published' || (current.status === 'open' && current.revision > 0)) throw conflict(msg.cycleNotOpen(args.year, current.status));
    throw conflict(msg.reopenNeedsPublished());
  }
  if (association.status === 'approved') {
    const outcome = await decide({
      year: args.year,
      code: args.code,
      current: association,
      decision: { decision: 'reopen', version: association.version, comment: validated.value.comment },
      by: actorOf(args.principal),
      at: nowIso(),
      cycleStatuses: ['open'],
    });
    if (typeof outcome === 'string') throw conflict(msg.cycleNotOpen(args.year, (await loadCycle(args.year)).status));
  }
  if (before === 'published') await startAwaitingExecution(args.year, cycle.revision + 1);
  return readReport(args.principal, args.year, args.code);
}
