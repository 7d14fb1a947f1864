// Small DynamoDB helpers the stores share: paging a query to the end, batched reads, and the
// shapes of a lost condition.
import { BatchGetCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { dynamo, tableName } from './clients.ts';
import { runBounded } from '../util/run-bounded.ts';

/**
 * The UpdateItem parts of a record update: `set` keys written, `setIfAbsent` keys written only
 * where the item has none, `remove` keys removed, on condition that the item exists and (when
 * given) its status is one of `expectStatus`. Every name and value is a placeholder.
 */
export function recordUpdate(
  set: Readonly<Record<string, unknown>>,
  options: { expectStatus?: readonly string[]; remove?: readonly string[]; setIfAbsent?: Readonly<Record<string, unknown>> } = {},
): { UpdateExpression: string; ConditionExpression: string; ExpressionAttributeNames: Record<string, string>; ExpressionAttributeValues: Record<string, unknown> | undefined } {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(set).map(([key, value], i) => {
    names[`#s${i}`] = key;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
  for (const [i, [key, value]] of Object.entries(options.setIfAbsent ?? {}).entries()) {
    names[`#a${i}`] = key;
    values[`:a${i}`] = value;
    sets.push(`#a${i} = if_not_exists(#a${i}, :a${i})`);
  }
  const removes = (options.remove ?? []).map((key, i) => {
    names[`#r${i}`] = key;
    return `#r${i}`;
  });
  let condition = 'attribute_exists(pk)';
  if (options.expectStatus) {
    names['#status'] = 'status';
    condition += ` AND #status IN (${options.expectStatus.map((_, i) => `:e${i}`).join(', ')})`;
    options.expectStatus.forEach((s, i) => (values[`:e${i}`] = s));
  }
  return {
    UpdateExpression: [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' '),
    ConditionExpression: condition,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: Object.keys(values).length ? values : undefined,
  };
}

export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Reads the items of `keys` (those that exist), 100 a request, a few requests at once. */
export async function batchGet(keys: Record<string, unknown>[], options: { consistent?: boolean; projection?: string; names?: Record<string, string> } = {}): Promise<Record<string, unknown>[]> {
  const table = tableName();
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < keys.length; i += 100) chunks.push(keys.slice(i, i + 100));
  const found: Record<string, unknown>[] = [];
  await runBounded(chunks, 8, async (chunk) => {
    let pending: Record<string, unknown>[] = chunk;
    for (let attempt = 0; pending.length > 0; attempt++) {
      const result = await dynamo().send(
        new BatchGetCommand({
          RequestItems: {
            [table]: { Keys: pending, ConsistentRead: options.consistent, ProjectionExpression: options.projection, ExpressionAttributeNames: options.names },
          },
        }),
      );
      found.push(...(result.Responses?.[table] ?? []));
      pending = (result.UnprocessedKeys?.[table]?.Keys as Record<string, unknown>[] | undefined) ?? [];
      if (pending.length) await sleep(Math.min(1000, 20 * 2 ** attempt));
    }
  });
  return found;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string })?.name === 'ConditionalCheckFailedException';
}

/** The per-item reasons of a cancelled transaction, or null when `error` is something else. */
export function cancellationReasons(error: unknown): string[] | null {
  if (error instanceof TransactionCanceledException || (error as { name?: string })?.name === 'TransactionCanceledException') {
    return ((error as TransactionCanceledException).CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  }
  return null;
}
