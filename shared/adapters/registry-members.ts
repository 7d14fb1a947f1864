// Is a token's unit or association in a cycle's registry? One GetItem of the item itself, with
// only the attribute the answer needs, instead of reading the whole registry on every request.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Level } from '../domain/types.ts';
import { dynamo, tableName } from './clients.ts';
import { assocSk, cyclePk, unitSk } from './table-keys.ts';

async function getProjected(year: number, sk: string, attribute: string): Promise<Record<string, unknown> | undefined> {
  // Strongly consistent: a token of a unit imported a moment ago is not refused.
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: { pk: cyclePk(year), sk },
      ProjectionExpression: '#a',
      ExpressionAttributeNames: { '#a': attribute },
      ConsistentRead: true,
    }),
  );
  return Item;
}

/** The level of unit `code` in the year's registry, or null when it has no such unit. */
export async function registeredUnitLevel(year: number, code: string): Promise<Level | null> {
  const item = await getProjected(year, unitSk(code), 'level');
  return item ? ((item.level as Level | undefined) ?? null) : null;
}

export async function isRegisteredAssociation(year: number, code: string): Promise<boolean> {
  return (await getProjected(year, assocSk(code), 'code')) !== undefined;
}
