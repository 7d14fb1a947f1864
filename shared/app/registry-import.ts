// Importing a cycle's registry (SPEC section 2): all or nothing, every problem listed.
import * as z from 'zod'; // namespace import: esbuild drops zod's unused parts (the named `z` keeps every locale)
import { getAssociations, getUnits, updateCycle, writeRegistry, WriteConflict } from '../adapters/store.ts';
import { associationInYear, parseRegistry } from '../domain/registry.ts';
import { conflict, registryInvalid, validationFailed, type Localized } from '../http/errors.ts';
import { msg } from '../http/messages.ts';
import { assertOpen, staleImportBefore } from './cycles.ts';
import { loadCycle, nowIso } from './common.ts';
import { now } from '../adapters/clock.ts';

const bodySchema = z.strictObject({ units: z.string(), associations: z.string() });
const csvRequired: Localized = { vi: 'Bắt buộc: nội dung tệp CSV (chuỗi văn bản).', en: 'Required: the CSV file as a text string.' };
const unknownField: Localized = { vi: 'Trường không được phép.', en: 'Unknown field.' };

export interface ImportResult {
  units: number;
  associations: number;
  expected: number;
}

export async function importRegistry(year: number, body: unknown): Promise<ImportResult> {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) {
    // No prototype: a body's field named "__proto__" is named like any other.
    const fields: Record<string, Localized> = Object.create(null) as Record<string, Localized>;
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') for (const key of issue.keys) fields[key] = unknownField;
      else fields[String(issue.path[0] ?? 'body')] = csvRequired;
    }
    throw validationFailed({ vi: 'Thiếu tệp danh sách.', en: 'The registry files are missing.' }, fields);
  }
  const cycle = await loadCycle(year);
  assertOpen(cycle);
  const registry = parseRegistry(parsed.data.units, parsed.data.associations);
  if (!registry.ok) throw registryInvalid(msg.registryInvalid(registry.problems.length), registry.problems);

  const unitByCode = new Map(registry.units.map((u) => [u.code, u]));
  const rows = registry.associations.map((a) => {
    const unit = unitByCode.get(a.unitCode)!;
    return { ...a, level: unit.level, unitPath: unit.path, ...associationInYear(a, year) };
  });

  const [oldUnits, oldAssociations] = await Promise.all([getUnits(year), getAssociations(year)]);
  const kept = new Set(rows.map((a) => a.code));
  const dropped = oldAssociations.filter((a) => !kept.has(a.code));
  const droppedWithReports = dropped.filter((a) => a.version > 0).map((a) => a.code);
  if (droppedWithReports.length > 0) {
    const text = msg.registryDropsReported(droppedWithReports);
    throw conflict(text, { associations: text });
  }
  // A report must not become unexpected under the reviewer's feet either.
  const stillExpected = new Map(rows.map((a) => [a.code, a.expected]));
  const nowUnexpected = oldAssociations.filter((a) => a.version > 0 && stillExpected.get(a.code) === false).map((a) => a.code);
  if (nowUnexpected.length > 0) {
    const text = msg.registryDropsReported(nowUnexpected);
    throw conflict(text, { associations: text });
  }
  const keptUnits = new Set(registry.units.map((u) => u.code));
  // Mark the import as running, on condition that the cycle is still open and no other import
  // runs: a close waits for the mark to go, so it never freezes half a registry.
  const startedAt = now();
  try {
    await updateCycle(year, { importingSince: startedAt.toISOString() }, { expectStatus: ['open'], noImportSince: staleImportBefore(startedAt) });
  } catch (error) {
    if (!(error instanceof WriteConflict)) throw error;
    const current = await loadCycle(year);
    assertOpen(current);
    throw conflict(msg.importRunning());
  }
  try {
    await writeRegistry(
      year,
      { units: registry.units, associations: rows },
      oldUnits.filter((u) => !keptUnits.has(u.code)).map((u) => u.code),
      dropped.map((a) => a.code),
    );
    await updateCycle(year, { registryImportedAt: nowIso() });
  } catch (error) {
    if (error instanceof WriteConflict) {
      const text = msg.registryDropsReported(dropped.map((a) => a.code));
      throw conflict(text, { associations: text });
    }
    throw error;
  } finally {
    await updateCycle(year, {}, { remove: ['importingSince'] });
  }
  return { units: registry.units.length, associations: rows.length, expected: rows.filter((a) => a.expected).length };
}
