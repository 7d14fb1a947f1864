// Importing a cycle's registry (SPEC section 2): all or nothing, every problem listed, and
// atomic at any size. The new registry is written whole as a new version beside the committed
// one; then, holding the cycle's commit mark (no submission commits while it is held), the
// importer checks that no association it drops or stops expecting has a report, and switches
// the cycle to the new version in one conditional write. Killed at any point, the cycle reads
// wholly the old registry or wholly the new one.
import * as z from 'zod'; // namespace import: esbuild drops zod's unused parts (the named `z` keeps every locale)
import { now } from '../adapters/clock.ts';
import { deleteRegistryVersion, getRegistryRows, stageRegistry, type RegistryRow } from '../adapters/registry-store.ts';
import { allocateRegistryVersion, commitRegistryVersion, releaseCommitMark, takeCommitMark, updateCycle, type CycleRecord } from '../adapters/cycle-store.ts';
import { getReportStates } from '../adapters/report-store.ts';
import { associationInYear, diffRegistry, parseRegistry, type RegistryChange } from '../domain/registry.ts';
import { conflict, invalid, registryInvalid } from './errors.ts';
import type { Localized } from '../domain/localized.ts';
import { msg } from './messages.ts';
import { assertOpen, wakeAwaitingExecution } from './cycles.ts';
import { loadCycle, nowIso } from './common.ts';

const bodySchema = z.strictObject({ units: z.string(), associations: z.string() });
const csvRequired: Localized = { vi: 'Bắt buộc: nội dung tệp CSV (chuỗi văn bản).', en: 'Required: the CSV file as a text string.' };
const unknownField: Localized = { vi: 'Trường không được phép.', en: 'Unknown field.' };

export interface ImportResult extends Omit<RegistryChange, 'mustHaveNoReport'> {
  units: number;
  associations: number;
  expected: number;
  dryRun?: true;
}

export async function importRegistry(year: number, body: unknown, options: { dryRun?: boolean } = {}): Promise<ImportResult> {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    // No prototype: a body's field named "__proto__" is named like any other.
    const fields: Record<string, Localized> = Object.create(null) as Record<string, Localized>;
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') for (const key of issue.keys) fields[key] = unknownField;
      else fields[String(issue.path[0] ?? 'body')] = csvRequired;
    }
    throw invalid({ vi: 'Thiếu tệp danh sách.', en: 'The registry files are missing.' }, fields);
  }
  const cycle = await loadCycle(year);
  assertMayImport(cycle);
  const registry = parseRegistry(parsed.data.units, parsed.data.associations);
  if (!registry.ok) throw registryInvalid(msg.registryInvalid(registry.problems.length), registry.problems);

  const unitByCode = new Map(registry.units.map((u) => [u.code, u]));
  const rows: RegistryRow[] = registry.associations.map((a) => {
    const unit = unitByCode.get(a.unitCode)!;
    return { ...a, level: unit.level, unitPath: unit.path, ...associationInYear(a, year) };
  });
  const change = diffRegistry(await getRegistryRows(year, cycle.registryVersion), rows);
  const result: ImportResult = {
    units: registry.units.length,
    associations: rows.length,
    expected: rows.filter((a) => a.expected).length,
    added: change.added,
    removed: change.removed,
    moved: change.moved,
    renamed: change.renamed,
  };
  // Said at once, before anything is written: the common refusal changes nothing stored.
  await refuseReported(year, change);
  if (options.dryRun) return { ...result, dryRun: true };

  const version = await allocateRegistryVersion(year);
  if (version === null) assertOpen(await loadCycle(year));
  let committed = false;
  try {
    await stageRegistry(year, version!, { units: registry.units, associations: rows });
    const atMs = now().getTime();
    const mark = await takeCommitMark(year, cycle.registryVersion, atMs);
    if (!mark) throw await whyNoMark(year, cycle);
    try {
      // Under the mark no submission commits: what is read here stays true until the switch.
      await refuseReported(year, change);
      committed = await commitRegistryVersion(year, { to: version!, from: cycle.registryVersion, mark, atMs, importedAt: nowIso() });
      if (!committed) throw conflict(msg.importRunning());
    } finally {
      if (!committed) await releaseCommitMark(year, mark);
    }
  } finally {
    if (!committed) await deleteRegistryVersion(year, version!).catch(() => undefined);
  }
  await sweepOldVersions(year, cycle, version!);
  // With an auto-close time, the registry's arrival may be what makes the close due; on a
  // reminder day, what makes the day's reminders possible: the waiting execution looks again
  // now rather than at its next wake-up.
  if (cycle.autoCloseDueMs !== undefined || cycle.config.reminders.daysBefore.length > 0) await wakeAwaitingExecution(year);
  return result;
}

function assertMayImport(cycle: CycleRecord): void {
  assertOpen(cycle);
  if (cycle.reopenedFor !== undefined) throw conflict(msg.importWhileReopened());
  // After the auto-close time the registry is what the close reads; before any registry the
  // import is what lets the overdue close happen at all.
  if (cycle.registryVersion !== undefined && cycle.autoCloseDueMs !== undefined && cycle.autoCloseDueMs <= now().getTime()) {
    throw conflict(msg.autoClosePassed(cycle.year));
  }
}

/** Refuses (409, naming them) when an association the import drops or stops expecting has a report. */
async function refuseReported(year: number, change: RegistryChange): Promise<void> {
  if (change.mustHaveNoReport.length === 0) return;
  const states = await getReportStates(year, change.mustHaveNoReport);
  const removed = new Set(change.removed);
  const reported = [...states.entries()].filter(([, s]) => s.version > 0).map(([code]) => code).sort();
  if (reported.length === 0) return;
  const dropped = reported.filter((c) => removed.has(c));
  const unexpected = reported.filter((c) => !removed.has(c));
  const text = dropped.length > 0 ? msg.registryDropsReported(dropped) : msg.registryUnexpectsReported(unexpected);
  throw conflict(text, { associations: text });
}

/** The commit mark was refused: say why, from what the cycle is now. */
async function whyNoMark(year: number, before: CycleRecord) {
  const current = await loadCycle(year);
  assertMayImport(current);
  if (current.registryVersion !== before.registryVersion) return conflict(msg.importChangedMeanwhile());
  return conflict(msg.importRunning());
}

/**
 * Deletes registry versions no reader can need any more: everything below the version just
 * replaced (kept one import longer for readers that began before the switch), including what a
 * killed import left. Best effort: a leftover version is never read.
 */
async function sweepOldVersions(year: number, before: CycleRecord, committed: number): Promise<void> {
  // Every version below the committed one but the replaced one is dead: a killed import's, or
  // one that lost the switch (its commit needs the version it started from, now gone).
  const from = before.registrySweptFrom ?? 1;
  try {
    for (let v = from; v < committed; v++) if (v !== before.registryVersion) await deleteRegistryVersion(year, v);
    await updateCycle(year, { registrySweptFrom: before.registryVersion ?? committed });
  } catch (error) {
    console.error(JSON.stringify({ level: 'warn', message: 'registry sweep failed', year, error: String(error) }));
  }
}
