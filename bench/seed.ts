// Seeding a cycle directly in the table (not through the API): the items `writeRegistry`
// writes, with the report state that `submitVersion` and `decide` leave on an association.
// Parallel BatchWrite, 25 items a request.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../shared/adapters/clients.ts';
import { runBounded, updateCycle } from '../shared/adapters/store.ts';
import { assocSk, cyclePk, subtreeSk, unitSk } from '../shared/adapters/table-keys.ts';
import type { Province } from './synthetic.ts';

export function registryItems(p: Province): Record<string, unknown>[] {
  const pk = cyclePk(p.year);
  const units = p.units.map((u) => ({ pk, sk: unitSk(u.code), code: u.code, name: u.name, level: u.level, parentCode: u.parentCode, path: u.path }));
  const associations = p.associations.map((a) => {
    const item: Record<string, unknown> = {
      pk,
      sk: assocSk(a.code),
      gsi1pk: pk,
      gsi1sk: subtreeSk(a.unitPath, a.code),
      code: a.code,
      name: a.name,
      unitCode: a.unitCode,
      special: a.special,
      foundedOn: a.foundedOn,
      dissolvedOn: a.dissolvedOn,
      level: a.level,
      unitPath: a.unitPath,
      expected: a.expected,
      isNew: a.isNew,
      dissolvedInYear: a.dissolvedInYear,
      version: a.version,
      historySeq: a.historySeq,
    };
    if (a.version > 0) {
      Object.assign(item, {
        status: a.status,
        figures: a.figures,
        selfRating: a.selfRating,
        nominate: a.nominate,
        lastSubmittedAt: a.lastSubmittedAt,
        firstSubmittedAt: a.firstSubmittedAt,
        late: a.late,
      });
      if (a.status === 'approved') Object.assign(item, { score: a.score, rating: a.rating, comment: a.comment });
      if (a.status === 'returned') item.comment = a.comment;
    }
    return item;
  });
  return [...units, ...associations];
}

/** Writes the registry and report state of `p` (its cycle must exist) and marks the registry imported. */
export async function seedProvince(p: Province, concurrency = 8): Promise<{ items: number; ms: number }> {
  const started = performance.now();
  const items = registryItems(p);
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  const table = tableName();
  await runBounded(batches, concurrency, async (batch) => {
    let pending: Record<string, unknown>[] = batch.map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length > 0; attempt++) {
      const result = await dynamo().send(new BatchWriteCommand({ RequestItems: { [table]: pending as never } }));
      pending = (result.UnprocessedItems?.[table] as Record<string, unknown>[] | undefined) ?? [];
      if (pending.length) await new Promise((r) => setTimeout(r, Math.min(1000, 20 * 2 ** attempt)));
    }
  });
  await updateCycle(p.year, { registryImportedAt: new Date().toISOString() });
  return { items: items.length, ms: performance.now() - started };
}
