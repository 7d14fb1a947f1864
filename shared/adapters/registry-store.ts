// The registry of a cycle, stored by version (see table-keys.ts): an import writes a whole new
// version beside the committed one, then one conditional write on the cycle switches to it.
// A version is never changed once written; readers name the version the cycle points at.
import { BatchWriteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Association, Level, Unit } from '../domain/types.ts';
import { storedUnitType } from '../domain/unit-type.ts';
import { dynamo, onResetClients, tableName } from './clients.ts';
import { queryAll, sleep } from './dynamo-util.ts';
import { runBounded } from '../util/run-bounded.ts';
import { assocSk, registryPk, subtreePrefix, subtreeSk, TABLE_KEYS, unitSk } from './table-keys.ts';

/** An association as one registry version states it, with its flags for the cycle's year. */
export interface RegistryRow extends Association {
  level: Level;
  unitPath: string;
  expected: boolean;
  isNew: boolean;
  dissolvedInYear: boolean;
}

export interface RegistryRows {
  units: Unit[];
  associations: RegistryRow[];
}

const T = () => tableName();
const db = () => dynamo();

const ROW_ATTRIBUTES = ['code', 'name', 'unitCode', 'special', 'foundedOn', 'dissolvedOn', 'level', 'unitPath', 'expected', 'isNew', 'dissolvedInYear', 'email', 'phone', 'contact'] as const;
const rowProjection = {
  ProjectionExpression: ROW_ATTRIBUTES.map((_, i) => `#a${i}`).join(', '),
  ExpressionAttributeNames: Object.fromEntries(ROW_ATTRIBUTES.map((a, i) => [`#a${i}`, a])),
};

export function toRegistryRow(item: Record<string, unknown>): RegistryRow {
  return {
    code: item.code as string,
    name: item.name as string,
    unitCode: item.unitCode as string,
    special: Boolean(item.special),
    foundedOn: item.foundedOn as string,
    dissolvedOn: (item.dissolvedOn as string | null) ?? null,
    level: item.level as Level,
    unitPath: item.unitPath as string,
    expected: Boolean(item.expected),
    isNew: Boolean(item.isNew),
    dissolvedInYear: Boolean(item.dissolvedInYear),
    ...(typeof item.email === 'string' ? { email: item.email } : {}),
    ...(typeof item.phone === 'string' ? { phone: item.phone } : {}),
    ...(typeof item.contact === 'string' ? { contact: item.contact } : {}),
  };
}

/** The items of one registry version, as `stageRegistry` writes them (the bench seeds with them too). */
export function registryVersionItems(year: number, version: number, rows: RegistryRows): Record<string, unknown>[] {
  const pk = registryPk(year, version);
  const units = rows.units.map((u) => ({
    pk,
    sk: unitSk(u.code),
    code: u.code,
    name: u.name,
    level: u.level,
    type: u.type,
    parentCode: u.parentCode,
    path: u.path,
  }));
  const associations = rows.associations.map((a) => ({
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
    ...(a.email !== undefined ? { email: a.email } : {}),
    ...(a.phone !== undefined ? { phone: a.phone } : {}),
    ...(a.contact !== undefined ? { contact: a.contact } : {}),
  }));
  return [...units, ...associations];
}

/** Writes registry version `version` whole; nothing reads it until the cycle is switched to it. */
export async function stageRegistry(year: number, version: number, rows: RegistryRows): Promise<void> {
  await batchWrite(registryVersionItems(year, version, rows).map((Item) => ({ PutRequest: { Item } })));
}

/** Deletes every item of a registry version (one no cycle points at: a superseded or abandoned one). */
export async function deleteRegistryVersion(year: number, version: number): Promise<void> {
  const keys = await queryAll({
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': registryPk(year, version) },
    ProjectionExpression: 'pk, sk',
  });
  await batchWrite(keys.map((Key) => ({ DeleteRequest: { Key } })));
}

/**
 * The units of versions read in this process, by table, year and version. A version never
 * changes once written (above) and readers name a committed one, so a read stays true: the
 * close's tasks each need the same units, and the Map's AggregateUnits read them at once (at
 * 10,000 associations, 313 units twelve times, a sixth of the items the Map read). A few
 * versions only: a Lambda serves one stack, the embedded one a few years at most.
 */
const unitsRead = new Map<string, Promise<Unit[]>>();
const UNIT_VERSIONS_KEPT = 8;
onResetClients(() => unitsRead.clear());

export async function getUnits(year: number, version: number | undefined): Promise<Unit[]> {
  if (!version) return [];
  const key = `${T()}|${year}|${version}`;
  let read = unitsRead.get(key);
  if (!read) {
    read = queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': registryPk(year, version), ':prefix': 'UNIT#' },
    }).then((items) => items.map(toUnit));
    // A failed read, or none at all (a version swept away under a reader that named it), is not kept.
    const forget = () => {
      if (unitsRead.get(key) === read) unitsRead.delete(key);
    };
    read.then((units) => units.length === 0 && forget(), forget);
    if (unitsRead.size >= UNIT_VERSIONS_KEPT) unitsRead.delete(unitsRead.keys().next().value!);
    unitsRead.set(key, read);
  }
  // Copies: a caller may sort or change what it was given.
  return (await read).map((unit) => ({ ...unit }));
}

/**
 * A stored unit. Versions written before units had a type lack it: the type is then read from
 * the name, or is the usual one of the level (storedUnitType), so old registries stay readable.
 */
export function toUnit(item: Record<string, unknown>): Unit {
  const name = item.name as string;
  const level = item.level as Level;
  return {
    code: item.code as string,
    name,
    level,
    type: storedUnitType(item.type, name, level),
    parentCode: (item.parentCode as string | null) ?? null,
    path: item.path as string,
  };
}

export async function getUnit(year: number, version: number | undefined, code: string): Promise<Unit | null> {
  if (!version) return null;
  const { Item } = await db().send(new GetCommand({ TableName: T(), Key: { pk: registryPk(year, version), sk: unitSk(code) } }));
  return Item ? toUnit(Item) : null;
}

export async function getRegistryRow(year: number, version: number | undefined, code: string): Promise<RegistryRow | null> {
  if (!version) return null;
  const { Item } = await db().send(new GetCommand({ TableName: T(), Key: { pk: registryPk(year, version), sk: assocSk(code) } }));
  return Item ? toRegistryRow(Item) : null;
}

/** Every association of the version registered at `unitPath` or below it (all when omitted). */
export async function getRegistryRows(year: number, version: number | undefined, unitPath?: string): Promise<RegistryRow[]> {
  if (!version) return [];
  const pk = registryPk(year, version);
  const items = await queryAll({
    IndexName: TABLE_KEYS.subtreeIndex,
    KeyConditionExpression: unitPath ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :pk',
    ExpressionAttributeValues: unitPath ? { ':pk': pk, ':prefix': subtreePrefix(unitPath) } : { ':pk': pk },
    ...rowProjection,
  });
  return items.map(toRegistryRow);
}

/**
 * The associations registered at the unit of `unitPath` itself, none below it: their subtree
 * keys are `<unitPath>/#<code>`, so the query reads only them.
 */
export async function getRegistryRowsAt(year: number, version: number | undefined, unitPath: string): Promise<RegistryRow[]> {
  if (!version) return [];
  const items = await queryAll({
    IndexName: TABLE_KEYS.subtreeIndex,
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
    ExpressionAttributeValues: { ':pk': registryPk(year, version), ':prefix': `${subtreePrefix(unitPath)}#` },
    ...rowProjection,
  });
  return items.map(toRegistryRow);
}

/**
 * One page of the expected associations under `unitPath`, in subtree-key order, continuing
 * after the subtree key `after`. `more` says whether the index holds a further key.
 */
export async function getExpectedRowsPage(args: {
  year: number;
  version: number;
  unitPath: string;
  after: string | null;
  limit: number;
}): Promise<{ rows: (RegistryRow & { subtreeKey: string })[]; next: string | null }> {
  const pk = registryPk(args.year, args.version);
  const start = args.after ? { gsi1pk: pk, gsi1sk: args.after, pk, sk: assocSk(args.after.slice(args.after.lastIndexOf('#') + 1)) } : undefined;
  const page = await db().send(
    new QueryCommand({
      TableName: T(),
      IndexName: TABLE_KEYS.subtreeIndex,
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      FilterExpression: 'expected = :true',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': subtreePrefix(args.unitPath), ':true': true },
      ExclusiveStartKey: start,
      Limit: args.limit,
    }),
  );
  const rows = (page.Items ?? []).map((item) => ({ ...toRegistryRow(item), subtreeKey: item.gsi1sk as string }));
  const last = page.LastEvaluatedKey?.gsi1sk as string | undefined;
  return { rows, next: last ?? null };
}

async function batchWrite(requests: Record<string, unknown>[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < requests.length; i += 25) batches.push(requests.slice(i, i + 25));
  await runBounded(batches, 8, async (batch) => {
    let pending: Record<string, unknown>[] = batch;
    for (let attempt = 0; pending.length > 0; attempt++) {
      const result = await db().send(new BatchWriteCommand({ RequestItems: { [T()]: pending as never } }));
      pending = (result.UnprocessedItems?.[T()] as Record<string, unknown>[] | undefined) ?? [];
      if (pending.length) await sleep(Math.min(1000, 50 * 2 ** attempt));
    }
  });
}
