// Seeding a cycle directly in the table (not through the API): the registry version an import
// stages and commits, with the report state that `submitVersion` and `decide` leave.
// Parallel BatchWrite, 25 items a request.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../shared/adapters/clients.ts';
import { runBounded } from '../shared/util/run-bounded.ts';
import { registryVersionItems } from '../shared/adapters/registry-store.ts';
import { updateCycle } from '../shared/adapters/cycle-store.ts';
import { assocSk, cyclePk } from '../shared/adapters/table-keys.ts';
import type { Province } from './synthetic.ts';

/** The registry version the seed writes and points the cycle at. */
const SEEDED_REGISTRY_VERSION = 1;

export function registryItems(p: Province): Record<string, unknown>[] {
  const pk = cyclePk(p.year);
  const registry = registryVersionItems(p.year, SEEDED_REGISTRY_VERSION, { units: p.units, associations: p.associations });
  const states = p.associations
    .filter((a) => a.version > 0)
    .map((a) => {
      const item: Record<string, unknown> = {
        pk,
        sk: assocSk(a.code),
        code: a.code,
        version: a.version,
        historySeq: a.historySeq,
        status: a.status,
        figures: a.figures,
        selfRating: a.selfRating,
        nominate: a.nominate,
        lastSubmittedAt: a.lastSubmittedAt,
        firstSubmittedAt: a.firstSubmittedAt,
        late: a.late,
        // submitVersion copies the version's proposals into the state: without it the close
        // takes its path for states written before they did, and reads every version again
        proposals: a.proposals,
      };
      if (a.status === 'approved') Object.assign(item, { score: a.score, rating: a.rating, comment: a.comment });
      if (a.status === 'returned') item.comment = a.comment;
      return item;
    });
  return [...registry, ...states];
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
  await updateCycle(p.year, { registryImportedAt: new Date().toISOString(), registryVersion: SEEDED_REGISTRY_VERSION, registrySeq: SEEDED_REGISTRY_VERSION });
  return { items: items.length, ms: performance.now() - started };
}
