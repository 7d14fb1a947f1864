// The association's report: submit a version, read it with its history, list, review.
import type { Principal } from '../auth/tokens.ts';
import {
  decide,
  getAssociation,
  getHistory,
  getUnits,
  getVersion,
  listAssociationsPage,
  submitVersion,
  updateCycle,
  WriteConflict,
  type AssociationRecord,
  type Decision,
} from '../adapters/store.ts';
import { validateReport } from '../domain/report.ts';
import { validateReopenAfterClose, validateReviewDecision } from '../domain/review.ts';
import { REPORT_STATUSES, type ReportFields, type ReportStatus } from '../domain/types.ts';
import { ApiError, conflict, notFound, staleVersion, validationFailed } from '../http/errors.ts';
import { msg } from '../http/messages.ts';
import { startAwaitingExecution } from './cycles.ts';
import { deadlineInstant, loadCycle, nowIso } from './common.ts';
import { actorOf, assertMayActOn, mayListUnder } from './scope.ts';

const invalidReport = { vi: 'Báo cáo chưa hợp lệ; xem lỗi từng mục.', en: 'The report is not valid; see each field.' };
const invalidDecision = { vi: 'Quyết định duyệt chưa hợp lệ.', en: 'The review decision is not valid.' };

async function loadAssociation(year: number, code: string): Promise<AssociationRecord> {
  const association = await getAssociation(year, code);
  if (!association) throw notFound(msg.associationNotFound(code), { association: msg.associationNotFound(code) });
  return association;
}

export async function submitReport(args: {
  principal: Principal;
  year: number;
  code: string;
  body: unknown;
  source: 'json' | 'form';
}): Promise<{ version: number; status: 'submitted'; late: boolean }> {
  const cycle = await loadCycle(args.year);
  const association = await loadAssociation(args.year, args.code);
  assertMayActOn(args.principal, 'submit', association);
  if (!association.expected) throw conflict(msg.associationNotExpected(args.code));
  // Said early for a clear answer; the write itself re-checks atomically (submitVersion).
  if (cycle.status !== 'open' || (cycle.reopenedFor && !cycle.reopenedFor.includes(args.code))) {
    throw conflict(msg.cycleNotOpen(args.year, cycle.status));
  }
  if (association.status === 'approved') throw conflict(msg.reportLocked());
  const validated = validateReport(args.body, args.source);
  if (!validated.ok) throw validationFailed(invalidReport, validated.fields);
  const at = nowIso();
  const late = Date.parse(at) > deadlineInstant(cycle.config.deadline);
  const result = await submitVersion({ year: args.year, code: args.code, report: validated.value, by: actorOf(args.principal), at, late });
  if ('refused' in result) {
    if (result.refused === 'locked') throw conflict(msg.reportLocked());
    if (result.refused === 'missing') throw notFound(msg.associationNotFound(args.code));
    const now = await loadCycle(args.year);
    throw conflict(msg.cycleNotOpen(args.year, now.status));
  }
  return { version: result.version, status: 'submitted', late };
}

export interface ReportView {
  association: string;
  name: string;
  unit: string;
  level: AssociationRecord['level'];
  version: number;
  status: ReportStatus | null;
  late: boolean;
  score: number | null;
  rating: AssociationRecord['rating'];
  comment: string | null;
  report: ReportFields | null;
  history: { version: number; action: string; at: string; by: string; comment: string | null }[];
  cycle: { year: number; status: string; deadline: string };
}

export async function readReport(principal: Principal, year: number, code: string): Promise<ReportView> {
  const cycle = await loadCycle(year);
  const association = await loadAssociation(year, code);
  assertMayActOn(principal, 'read', association);
  const [version, history] = await Promise.all([
    association.version > 0 ? getVersion(year, code, association.version) : Promise.resolve(null),
    getHistory(year, code),
  ]);
  return {
    association: code,
    name: association.name,
    unit: association.unitCode,
    level: association.level,
    version: association.version,
    status: association.status,
    late: association.late,
    score: association.score,
    rating: association.rating,
    comment: association.comment,
    report: version?.report ?? null,
    history,
    cycle: { year, status: cycle.status, deadline: cycle.config.deadline },
  };
}

const PAGE_SIZE_DEFAULT = 50;
const PAGE_SIZE_MAX = 200;

export async function listReports(principal: Principal, year: number, query: Record<string, string>) {
  await loadCycle(year);
  const units = await getUnits(year);
  // Without ?unit: a reviewer's own unit, or for the province the registry's root (whatever
  // unit its token names).
  const unitCode = query.unit || (principal.role === 'province' ? units.find((u) => u.parentCode === null)?.code : principal.unit);
  const unit = units.find((u) => u.code === unitCode);
  if (!unit) throw notFound(msg.unknownUnit(String(unitCode)), { unit: msg.unknownUnit(String(unitCode)) });
  if (!mayListUnder(principal, unit.path)) throw new ApiError(403, 'forbidden', msg.outsideYourUnit());
  const status = query.status || null;
  if (status !== null && status !== 'missing' && !(REPORT_STATUSES as readonly string[]).includes(status)) {
    throw validationFailed(msg.badStatusFilter(), { status: msg.badStatusFilter() });
  }
  // Plain digits only: Number() would also take "1e2", "0x10" and " 5".
  const limit = query.limit ? (/^[0-9]{1,3}$/.test(query.limit) ? Number(query.limit) : NaN) : PAGE_SIZE_DEFAULT;
  if (!Number.isInteger(limit) || limit < 1 || limit > PAGE_SIZE_MAX) {
    const text = { vi: `limit phải là số nguyên từ 1 đến ${PAGE_SIZE_MAX}, chỉ gồm chữ số.`, en: `limit must be a whole number from 1 to ${PAGE_SIZE_MAX}, digits only.` };
    throw validationFailed(text, { limit: text });
  }
  const after = query.cursor ? decodeCursor(query.cursor, unit.path) : null;
  const page = await listAssociationsPage({ year, unitPath: unit.path, status: status as ReportStatus | 'missing' | null, after, limit });
  return {
    items: page.items.map((a) => ({
      association: a.code,
      name: a.name,
      unit: a.unitCode,
      level: a.level,
      version: a.version,
      status: a.status ?? 'missing',
      late: a.late,
      score: a.score,
    })),
    cursor: page.after ? encodeCursor(page.after) : null,
  };
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
  throw validationFailed(msg.badCursor(), { cursor: msg.badCursor() });
}

export async function reviewReport(args: { principal: Principal; year: number; code: string; body: unknown }) {
  const cycle = await loadCycle(args.year);
  const association = await loadAssociation(args.year, args.code);
  assertMayActOn(args.principal, 'review', association);
  const validated = validateReviewDecision(args.body);
  if (!validated.ok) throw validationFailed(invalidDecision, validated.fields);
  const input = validated.value;
  if (cycle.status !== 'open') throw conflict(msg.cycleNotOpen(args.year, cycle.status));
  if (association.version === 0) throw conflict(msg.noReportYet());
  if (input.version !== association.version) {
    throw staleVersion(msg.staleVersion(association.version), { version: msg.staleVersion(association.version) });
  }
  const expectedStatus = input.decision === 'reopen' ? 'approved' : 'submitted';
  if (association.status !== expectedStatus) {
    const text = msg.wrongStatusFor(input.decision, association.status ?? 'missing');
    throw conflict(text, { decision: text });
  }
  const decision: Decision =
    input.decision === 'approve'
      ? { decision: 'approve', version: input.version, score: input.score, rating: input.rating ?? association.selfRating!, comment: input.comment ?? null }
      : { decision: input.decision, version: input.version, comment: input.comment };
  const outcome = await decide({ year: args.year, code: args.code, decision, by: actorOf(args.principal), at: nowIso(), cycleStatuses: ['open'] });
  if (outcome === 'cycle') {
    const now = await loadCycle(args.year);
    throw conflict(msg.cycleNotOpen(args.year, now.status));
  }
  if (outcome === 'stale') {
    const now = await loadAssociation(args.year, args.code);
    throw staleVersion(msg.staleVersion(now.version), { version: msg.staleVersion(now.version) });
  }
  return readReport(args.principal, args.year, args.code);
}

/**
 * The lock exception (SPEC section 3): after publication the province reopens one report;
 * the cycle opens again for that association alone and the next close publishes a new revision.
 */
export async function reopenAfterClose(args: { principal: Principal; year: number; code: string; body: unknown }) {
  const cycle = await loadCycle(args.year);
  const association = await loadAssociation(args.year, args.code);
  assertMayActOn(args.principal, 'reopen-after-close', association);
  const validated = validateReopenAfterClose(args.body);
  if (!validated.ok) throw validationFailed(invalidDecision, validated.fields);
  const alreadyOpenForIt = cycle.status === 'open' && cycle.revision > 0;
  if (cycle.status !== 'published' && !alreadyOpenForIt) throw conflict(msg.reopenNeedsPublished());
  const reopenedFor = [...new Set([...(cycle.reopenedFor ?? []), args.code])];
  try {
    await updateCycle(args.year, { status: 'open', reopenedFor }, { expectStatus: [cycle.status] });
  } catch (error) {
    if (error instanceof WriteConflict) throw conflict(msg.cycleNotOpen(args.year, (await loadCycle(args.year)).status));
    throw error;
  }
  if (association.status === 'approved') {
    const outcome = await decide({
      year: args.year,
      code: args.code,
      decision: { decision: 'reopen', version: association.version, comment: validated.value.comment },
      by: actorOf(args.principal),
      at: nowIso(),
      cycleStatuses: ['open'],
    });
    if (outcome !== 'ok') throw conflict(msg.cycleNotOpen(args.year, 'open'));
  }
  if (cycle.status === 'published') await startAwaitingExecution(args.year, cycle.revision + 1);
  return readReport(args.principal, args.year, args.code);
}
