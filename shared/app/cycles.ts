// Opening a cycle, showing it, and triggering its close.
import { now } from '../adapters/clock.ts';
import { getUnits } from '../adapters/registry-store.ts';
import { createCycle, updateCycle, WriteConflict, type CycleRecord } from '../adapters/cycle-store.ts';
import { getAssociations } from '../adapters/report-store.ts';
import { executionName, workflow } from '../adapters/workflow.ts';
import { aggregateSubtree } from '../domain/aggregate.ts';
import { validateCycleConfig } from '../domain/cycle-config.ts';
import type { CloseFailure } from '../domain/failure.ts';
import type { Role, UnitRollup, UnitType } from '../domain/types.ts';
import { collateVietnamese } from '../format/vietnamese.ts';
import { conflict, invalid } from './errors.ts';
import type { Lang } from '../domain/localized.ts';
import { msg } from './messages.ts';
import { loadCycle } from './common.ts';
import { dueReminderDate, nextReminderInstant, remindersApply } from '../domain/reminders.ts';
import { STALE_TOKEN_ERRORS } from './cycle-state.ts';

// The cycle's state checks and the wake-up of its waiting execution live apart, free of the
// configuration schemas and the aggregation, so that the registry import bundles only them.
export { assertOpen, STALE_TOKEN_ERRORS, wakeAwaitingExecution } from './cycle-state.ts';

const validationMessage = { vi: 'Cấu hình kỳ báo cáo chưa hợp lệ.', en: 'The cycle configuration is not valid.' };

export async function openCycle(body: unknown): Promise<CycleRecord> {
  const result = validateCycleConfig(body);
  if (!result.ok) throw invalid(validationMessage, result.fields);
  const config = result.value;
  const at = now();
  // A time already past would close the cycle the moment it opens, or, before its registry is
  // imported, leave submissions accepted after it: refuse it. The clock is the adapter's, so a
  // simulated clock (the demo's December) judges "past" in its own time.
  if (config.autoCloseAt !== null && Date.parse(config.autoCloseAt) <= at.getTime()) {
    throw invalid(validationMessage, { autoCloseAt: msg.autoCloseAtPast(at.toISOString()) });
  }
  if (!(await createCycle(config, at.toISOString()))) throw conflict(msg.cycleExists(config.year), { year: msg.cycleExists(config.year) });
  await startAwaitingExecution(config.year, 1, at);
  return loadCycle(config.year);
}

/** The longest a waiting execution sleeps before it looks at the auto-close time again. */
export const MAX_WAIT_SECONDS = 20 * 86_400;

/**
 * Seconds until the cycle's next wake-up, the auto-close time or the next reminder day's
 * 08:00 (SPEC section 3), whichever comes first; at least 1, at most MAX_WAIT_SECONDS.
 */
export function waitSecondsFor(cycle: Pick<CycleRecord, 'autoCloseDueMs' | 'config' | 'status' | 'revision' | 'reopenedFor' | 'registryVersion' | 'remindedOn'>, at: Date): number {
  const { deadline, reminders } = cycle.config;
  // A reminder day whose reminders are not all handled yet (opened after 08:00, woken late, a
  // check that ran out of time): look again at once.
  const dueDay = remindersApply(cycle) ? dueReminderDate(deadline, reminders.daysBefore, at.getTime()) : null;
  if (dueDay !== null && cycle.remindedOn !== dueDay) return 1;
  const reminder = nextReminderInstant(deadline, reminders.daysBefore, at.getTime());
  const wakeAt = Math.min(cycle.autoCloseDueMs ?? Infinity, reminder ?? Infinity);
  if (wakeAt === Infinity) return MAX_WAIT_SECONDS;
  const seconds = Math.ceil((wakeAt - at.getTime()) / 1000);
  return Math.min(MAX_WAIT_SECONDS, Math.max(1, seconds));
}

/**
 * How long CheckAutoClose waits when the auto-close is due but cannot freeze yet (no
 * registry, or something else holds the cycle). A wake-up after an import cuts it short; the
 * bound only matters if that wake-up is lost.
 */
export const DUE_RECHECK_SECONDS = 60;

/**
 * The wait after the freeze was refused `refusals` times in a row because something else
 * holds the cycle (a registry import committing): 1, 2, 4 … seconds, at most
 * DUE_RECHECK_SECONDS, so a hold that lasts minutes costs a handful of checks, not a busy loop.
 */
export function heldBackoffSeconds(refusals: number): number {
  return Math.min(DUE_RECHECK_SECONDS, 2 ** Math.min(Math.max(0, refusals), 16));
}

/** Starts the execution that waits for the close of `revision`. */
export async function startAwaitingExecution(year: number, revision: number, at = now()): Promise<void> {
  const name = executionName(year, revision, 'await', at);
  const cycle = await updateCycle(year, { executionName: name, executionStartedAt: at.toISOString() });
  await workflow().start(name, { year, mode: 'await', waitSeconds: waitSecondsFor(cycle, at) });
}

/**
 * The freeze: the status flips atomically to closing, so every later submission is refused
 * (each write checks the status in the same transaction). Returns null when someone else
 * changed the status first.
 */
export async function freezeForClose(cycle: CycleRecord, at: Date): Promise<CycleRecord | null> {
  try {
    if (cycle.status === 'open') {
      // A registry import in flight cannot switch versions once the status has left `open`:
      // the close reads the version committed at this instant, whole.
      return await updateCycle(
        cycle.year,
        { status: 'closing', closingRevision: cycle.revision + 1, closeRequestedAt: at.toISOString(), step: 'Freeze' },
        { expectStatus: ['open'], remove: ['failure'] },
      );
    }
    return await updateCycle(cycle.year, { status: 'closing', step: 'Freeze' }, { expectStatus: ['close_failed'], remove: ['failure'] });
  } catch (error) {
    if (error instanceof WriteConflict) return null;
    throw error;
  }
}

export interface CycleCounts {
  expected: number;
  submitted: number;
  approved: number;
  returned: number;
  missing: number;
  late: number;
}

export interface CycleView {
  year: number;
  status: CycleRecord['status'];
  revision: number;
  config: CycleRecord['config'];
  step: string | null;
  /** sign-off: drafts rendered of the revision being closed; null when no draft was */
  draftRevision: number | null;
  /** the province's only: why the last close failed, in words written for it */
  failure: (CloseFailure & { cause: string }) | null;
  publishedAt: string | null;
  reopenedFor: string[];
  registry: { units: number; associations: number; importedAt: string | null };
  counts: CycleCounts;
  /** the summary's unit rows, with each unit's parent so pages can draw the tree, and its type so they can name its level */
  units: (UnitRollup & { parentCode: string | null; type: UnitType })[];
}

/** Who reads the cycle, and in which language. */
export interface Viewer {
  role: Role;
  lang: Lang;
}

export async function cycleView(year: number, viewer: Viewer): Promise<CycleView> {
  const cycle = await loadCycle(year);
  const [units, associations] = await Promise.all([getUnits(year, cycle.registryVersion), getAssociations(cycle)]);
  const province = units.find((u) => u.parentCode === null);
  const rows: CycleView['units'] = [];
  const counts: CycleCounts = { expected: 0, submitted: 0, approved: 0, returned: 0, missing: 0, late: 0 };
  if (province) {
    const aggregate = aggregateSubtree(province.code, units, associations);
    const { reports } = aggregate;
    Object.assign(counts, {
      expected: reports.expected,
      submitted: reports.submitted,
      approved: reports.approved,
      returned: reports.returned,
      missing: reports.missing,
      late: reports.late,
    });
    // Tree order: the province, then each unit followed by its children, names collated.
    const typeOf = new Map(units.map((u) => [u.code, u.type]));
    const byParent = new Map<string | null, typeof aggregate.units>();
    for (const row of aggregate.units) byParent.set(row.parentCode, [...(byParent.get(row.parentCode) ?? []), row]);
    const visit = (parent: string | null) => {
      for (const row of (byParent.get(parent) ?? []).sort((a, b) => collateVietnamese(a.name, b.name) || (a.code < b.code ? -1 : 1))) {
        const { path: _path, ...rollup } = row;
        // Every row is one of `units`: its type is there.
        rows.push({ ...rollup, type: typeOf.get(row.code)! });
        visit(row.code);
      }
    };
    visit(null);
  }
  return {
    year: cycle.year,
    status: cycle.status,
    revision: cycle.revision,
    config: cycle.config,
    step: cycle.step ?? null,
    draftRevision: cycle.draftRevision ?? null,
    failure: viewer.role === 'province' ? failureFor(cycle.failure, viewer.lang) : null,
    publishedAt: cycle.publishedAt ?? null,
    reopenedFor: cycle.reopenedFor ?? [],
    registry: { units: units.length, associations: associations.length, importedAt: cycle.registryImportedAt ?? null },
    counts,
    units: rows,
  };
}

/** The province's view of a failed close: the kind, the step, the reference, and a sentence for it. */
function failureFor(failure: CycleRecord['failure'], lang: Lang): CycleView['failure'] {
  if (!failure) return null;
  const { kind, reference, at, step } = failure;
  return { kind, reference, at, step, cause: msg.closeFailure(kind, step, reference)[lang] };
}

/**
 * Triggers the close. From `open` the cycle freezes at once (the status flips atomically, so
 * every later submission is refused) and the waiting execution is resumed; from
 * `close_failed` a new execution goes straight to closing the same revision. While closing, at
 * `draft` or once published, nothing new starts.
 */
export async function requestClose(year: number): Promise<{ status: CycleRecord['status']; revision: number }> {
  const cycle = await loadCycle(year);
  // A draft waits for its sign-off (publish, not close, goes on from there).
  if (cycle.status === 'closing' || cycle.status === 'published' || cycle.status === 'draft') {
    return { status: cycle.status, revision: cycle.closingRevision ?? cycle.revision };
  }
  if (cycle.registryImportedAt === undefined) throw conflict(msg.registryRequired());
  const at = now();
  const frozen = await freezeForClose(cycle, at);
  if (!frozen) {
    // Someone else triggered it a moment before: same answer as calling again.
    const current = await loadCycle(year);
    return { status: current.status, revision: current.closingRevision ?? current.revision };
  }
  const revision = frozen.closingRevision!;
  let resumed = false;
  if (cycle.status === 'open' && frozen.taskToken) {
    try {
      await workflow().sendTaskSuccess(frozen.taskToken, { year });
      resumed = true;
    } catch (error) {
      // The waiting execution is gone (timed out, or lost with a stopped local runtime).
      if (!STALE_TOKEN_ERRORS.has((error as { name?: string }).name ?? '')) throw error;
    }
  }
  // No token long after the waiting execution started means it never got to wait (it failed
  // to start, or was lost): close with a new execution, which the old one then defers to.
  const waitingSince = Date.parse(frozen.executionStartedAt ?? frozen.openedAt);
  const lost = !frozen.taskToken && at.getTime() - waitingSince > TOKEN_GRACE_MS;
  if (!resumed && (cycle.status === 'close_failed' || frozen.taskToken || lost)) {
    const name = executionName(year, revision, 'close', at);
    await updateCycle(year, { executionName: name });
    await workflow().start(name, { year, mode: 'close' });
  }
  // With no token yet, the waiting execution finds the cycle closing when it stores its token
  // and goes on by itself (see the await-close task). If the token was sent to a wait that had
  // just timed out, that execution's CheckAutoClose sees it is still the cycle's execution and
  // goes on to close.
  return { status: 'closing', revision };
}

/** How long a new execution may take to store its token before it counts as lost. */
const TOKEN_GRACE_MS = 60_000;
