// DynamoDB access for the cycle: every read and write the handlers and tasks make.
// The rules live in shared/domain; this file only knows items, keys and conditions.
import {
  BatchWriteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type {
  Association,
  CycleConfig,
  CycleStatus,
  Figures,
  HistoryAction,
  Level,
  Rating,
  ReportFields,
  ReportStatus,
  Unit,
} from '../domain/types.ts';
import { NUMERIC_FIGURES } from '../domain/types.ts';
import { dynamo, tableName } from './clients.ts';
import {
  assocSk,
  cyclePk,
  historyPrefix,
  historySk,
  META,
  revisionSk,
  rollupPrefix,
  rollupSk,
  subtreePrefix,
  subtreeSk,
  TABLE_KEYS,
  unitSk,
  versionSk,
} from './table-keys.ts';

export interface CycleRecord {
  year: number;
  status: CycleStatus;
  config: CycleConfig;
  /** latest published revision; 0 before the first publication */
  revision: number;
  /** the revision a running or failed close is producing */
  closingRevision?: number;
  openedAt: string;
  registryImportedAt?: string;
  taskToken?: string;
  executionName?: string;
  /** when the execution named executionName was started */
  executionStartedAt?: string;
  closeRequestedAt?: string;
  publishedAt?: string;
  /** why the last close failed, and at which step */
  failure?: { error: string; cause: string; at: string; step?: string | null };
  /** after a publication, the associations reopened by the province (lock exception) */
  reopenedFor?: string[];
  /** set while a registry import writes; a close waits for it (see registry-import.ts) */
  importingSince?: string;
  /** the close step reached, for the dashboard */
  step?: string;
}

export interface AssociationRecord extends Association {
  level: Level;
  unitPath: string;
  expected: boolean;
  isNew: boolean;
  dissolvedInYear: boolean;
  version: number;
  status: ReportStatus | null;
  late: boolean;
  firstSubmittedAt: string | null;
  lastSubmittedAt: string | null;
  figures: Figures | null;
  selfRating: Rating | null;
  nominate: boolean;
  score: number | null;
  rating: Rating | null;
  comment: string | null;
  historySeq: number;
}

export interface VersionRecord {
  version: number;
  at: string;
  by: string;
  late: boolean;
  report: ReportFields;
}

export interface HistoryRecord {
  version: number;
  action: HistoryAction;
  at: string;
  by: string;
  comment: string | null;
}

/** Thrown when a conditional write loses: the caller maps it to a 409 or retries. */
export class WriteConflict extends Error {
  constructor(readonly reason: 'cycle' | 'item') {
    super(`write conflict on ${reason}`);
    this.name = 'WriteConflict';
  }
}

const T = () => tableName();
const db = () => dynamo();

// ---------- cycles ----------

export async function getCycle(year: number): Promise<CycleRecord | null> {
  const { Item } = await db().send(new GetCommand({ TableName: T(), Key: { pk: cyclePk(year), sk: META }, ConsistentRead: true }));
  return Item ? toCycle(Item) : null;
}

function toCycle(item: Record<string, unknown>): CycleRecord {
  const { pk: _pk, sk: _sk, ...rest } = item;
  return rest as unknown as CycleRecord;
}

/** Creates the cycle; false when it exists already. */
export async function createCycle(config: CycleConfig, at: string): Promise<boolean> {
  const record: CycleRecord = { year: config.year, status: 'open', config, revision: 0, openedAt: at };
  try {
    await db().send(
      new PutCommand({
        TableName: T(),
        Item: { pk: cyclePk(config.year), sk: META, ...record },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function updateCycle(
  year: number,
  set: Partial<CycleRecord>,
  options: {
    expectStatus?: CycleStatus[];
    remove?: (keyof CycleRecord)[];
    /** only if no registry import started after this instant is still running */
    noImportSince?: string;
  } = {},
): Promise<CycleRecord> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(set).map(([key, value], i) => {
    names[`#s${i}`] = key;
    values[`:s${i}`] = value;
    return `#s${i} = :s${i}`;
  });
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
  if (options.noImportSince) {
    names['#importing'] = 'importingSince';
    values[':importStale'] = options.noImportSince;
    condition += ' AND (attribute_not_exists(#importing) OR #importing < :importStale)';
  }
  const expression = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : '']
    .filter(Boolean)
    .join(' ');
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: T(),
        Key: { pk: cyclePk(year), sk: META },
        UpdateExpression: expression,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: Object.keys(values).length ? values : undefined,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toCycle(Attributes!);
  } catch (error) {
    if (isConditionFailure(error)) throw new WriteConflict('cycle');
    throw error;
  }
}

export async function listCycleYears(): Promise<number[]> {
  // Cycles are few (one a year); a scan of META items is cheap enough for the runtime's recovery.
  const years: number[] = [];
  let start: Record<string, unknown> | undefined;
  const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
  do {
    const page = await db().send(
      new ScanCommand({
        TableName: T(),
        FilterExpression: 'sk = :meta',
        ExpressionAttributeValues: { ':meta': META },
        ProjectionExpression: '#y',
        ExpressionAttributeNames: { '#y': 'year' },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) years.push(Number(item.year));
    start = page.LastEvaluatedKey;
  } while (start);
  return years.sort((a, b) => a - b);
}

// ---------- registry ----------

export async function queryAll(input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(new QueryCommand({ ...input, TableName: T(), ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

export async function getUnits(year: number): Promise<Unit[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': cyclePk(year), ':prefix': 'UNIT#' },
  });
  return items.map((i) => ({
    code: i.code as string,
    name: i.name as string,
    level: i.level as Level,
    parentCode: (i.parentCode as string | null) ?? null,
    path: i.path as string,
  }));
}

export async function getAssociation(year: number, code: string): Promise<AssociationRecord | null> {
  const { Item } = await db().send(new GetCommand({ TableName: T(), Key: { pk: cyclePk(year), sk: assocSk(code) }, ConsistentRead: true }));
  return Item ? toAssociation(Item) : null;
}

const ASSOCIATION_ATTRIBUTES = [
  'code', 'name', 'unitCode', 'special', 'foundedOn', 'dissolvedOn', 'level', 'unitPath', 'expected', 'isNew',
  'dissolvedInYear', 'version', 'status', 'late', 'firstSubmittedAt', 'lastSubmittedAt', 'figures', 'selfRating',
  'nominate', 'score', 'rating', 'comment', 'historySeq',
] as const;

function toAssociation(item: Record<string, unknown>): AssociationRecord {
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
    version: Number(item.version ?? 0),
    status: (item.status as ReportStatus | undefined) ?? null,
    late: Boolean(item.late),
    firstSubmittedAt: (item.firstSubmittedAt as string | undefined) ?? null,
    lastSubmittedAt: (item.lastSubmittedAt as string | undefined) ?? null,
    figures: (item.figures as Figures | undefined) ?? null,
    selfRating: (item.selfRating as Rating | undefined) ?? null,
    nominate: Boolean(item.nominate),
    score: item.score === undefined || item.score === null ? null : Number(item.score),
    rating: (item.rating as Rating | undefined) ?? null,
    comment: (item.comment as string | undefined) ?? null,
    historySeq: Number(item.historySeq ?? 0),
  };
}

/** Every association of the cycle registered at `unitPath` or below it (all of them when omitted). */
export async function getAssociations(year: number, unitPath?: string): Promise<AssociationRecord[]> {
  const names = Object.fromEntries(ASSOCIATION_ATTRIBUTES.map((a, i) => [`#a${i}`, a]));
  const items = await queryAll({
    IndexName: TABLE_KEYS.subtreeIndex,
    KeyConditionExpression: unitPath ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :pk',
    ExpressionAttributeValues: unitPath ? { ':pk': cyclePk(year), ':prefix': subtreePrefix(unitPath) } : { ':pk': cyclePk(year) },
    ProjectionExpression: Object.keys(names).join(', '),
    ExpressionAttributeNames: names,
  });
  return items.map(toAssociation);
}

/**
 * The associations registered at the unit of `unitPath` itself, none below it: their subtree
 * keys are `<unitPath>/#<code>`, so the query reads only them (the province's own
 * associations, without reading the whole province).
 */
export async function getAssociationsAt(year: number, unitPath: string): Promise<AssociationRecord[]> {
  const names = Object.fromEntries(ASSOCIATION_ATTRIBUTES.map((a, i) => [`#a${i}`, a]));
  const items = await queryAll({
    IndexName: TABLE_KEYS.subtreeIndex,
    KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
    ExpressionAttributeValues: { ':pk': cyclePk(year), ':prefix': `${subtreePrefix(unitPath)}#` },
    ProjectionExpression: Object.keys(names).join(', '),
    ExpressionAttributeNames: names,
  });
  return items.map(toAssociation);
}

export interface RegistryRows {
  units: Unit[];
  associations: (Association & { level: Level; unitPath: string; expected: boolean; isNew: boolean; dissolvedInYear: boolean })[];
}

/**
 * Writes the registry of a cycle. Validation happened before (all or nothing); this writes
 * units and associations, keeps the report state of associations that stay, and deletes the
 * rows that are gone (the caller has refused to drop any association with a report).
 */
export async function writeRegistry(year: number, rows: RegistryRows, dropUnits: string[], dropAssociations: string[]): Promise<void> {
  const pk = cyclePk(year);
  const unitPuts = rows.units.map((u) => ({
    PutRequest: { Item: { pk, sk: unitSk(u.code), code: u.code, name: u.name, level: u.level, parentCode: u.parentCode, path: u.path } },
  }));
  // Dropped associations go first, in transactions that hold only while none has a report:
  // a submission that slipped in since the caller checked is never deleted with its row.
  for (let i = 0; i < dropAssociations.length; i += 100) {
    try {
      await db().send(
        new TransactWriteCommand({
          TransactItems: dropAssociations.slice(i, i + 100).map((code) => ({
            Delete: {
              TableName: T(),
              Key: { pk, sk: assocSk(code) },
              ConditionExpression: 'attribute_not_exists(pk) OR version = :zero',
              ExpressionAttributeValues: { ':zero': 0 },
            },
          })),
        }),
      );
    } catch (error) {
      if (cancellationReasons(error)) throw new WriteConflict('item');
      throw error;
    }
  }
  const deletes = dropUnits.map((code) => ({ DeleteRequest: { Key: { pk, sk: unitSk(code) } } }));
  await batchWrite([...unitPuts, ...deletes]);
  // UpdateItem, not Put: an association that already reported keeps its report state.
  await runBounded(rows.associations, 16, async (a) => {
    await db().send(
      new UpdateCommand({
        TableName: T(),
        Key: { pk, sk: assocSk(a.code) },
        UpdateExpression:
          'SET gsi1pk = :pk, gsi1sk = :gsk, code = :code, #name = :name, unitCode = :unit, special = :special, foundedOn = :founded, dissolvedOn = :dissolved, #level = :level, unitPath = :path, expected = :expected, isNew = :isNew, dissolvedInYear = :dissolvedInYear, version = if_not_exists(version, :zero), historySeq = if_not_exists(historySeq, :zero)',
        ExpressionAttributeNames: { '#name': 'name', '#level': 'level' },
        ExpressionAttributeValues: {
          ':pk': pk,
          ':gsk': subtreeSk(a.unitPath, a.code),
          ':code': a.code,
          ':name': a.name,
          ':unit': a.unitCode,
          ':special': a.special,
          ':founded': a.foundedOn,
          ':dissolved': a.dissolvedOn,
          ':level': a.level,
          ':path': a.unitPath,
          ':expected': a.expected,
          ':isNew': a.isNew,
          ':dissolvedInYear': a.dissolvedInYear,
          ':zero': 0,
        },
      }),
    );
  });
}

async function batchWrite(requests: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: Record<string, unknown>[] | undefined = requests.slice(i, i + 25);
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      const result = await db().send(new BatchWriteCommand({ RequestItems: { [T()]: pending as never } }));
      pending = result.UnprocessedItems?.[T()] as Record<string, unknown>[] | undefined;
      if (pending?.length) await sleep(Math.min(1000, 50 * 2 ** attempt));
    }
  }
}

export async function runBounded<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await fn(item);
    }
  });
  await Promise.all(workers);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------- reports ----------

/**
 * The transaction item that makes a report write conditional on the cycle: its status is one
 * of `statuses` and, after a publication, this association is one the province reopened.
 */
function cycleAccepts(year: number, code: string, statuses: CycleStatus[]) {
  const values = Object.fromEntries(statuses.map((status, i) => [`:c${i}`, status]));
  return {
    ConditionCheck: {
      TableName: T(),
      Key: { pk: cyclePk(year), sk: META },
      ConditionExpression: `#status IN (${Object.keys(values).join(', ')}) AND (attribute_not_exists(reopenedFor) OR contains(reopenedFor, :code))`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ...values, ':code': code },
    },
  };
}

const FIGURE_KEYS = NUMERIC_FIGURES;

/**
 * Stores a new version atomically with the check that the cycle is open (and, after a
 * publication, that this association was reopened): after the freeze no write can slip in.
 * Returns the version number; retries internally when another submission of the same
 * association won the race.
 */
export async function submitVersion(args: {
  year: number;
  code: string;
  report: ReportFields;
  by: string;
  at: string;
  late: boolean;
}): Promise<{ version: number } | { refused: 'cycle' | 'locked' | 'missing' }> {
  const pk = cyclePk(args.year);
  for (let attempt = 0; attempt < 60; attempt++) {
    const current = await getAssociation(args.year, args.code);
    if (!current) return { refused: 'missing' };
    if (current.status === 'approved') return { refused: 'locked' };
    const version = current.version + 1;
    const seq = current.historySeq + 1;
    const figures = Object.fromEntries(FIGURE_KEYS.map((k) => [k, args.report[k]]));
    try {
      await db().send(
        new TransactWriteCommand({
          TransactItems: [
            cycleAccepts(args.year, args.code, ['open']),
            {
              Update: {
                TableName: T(),
                Key: { pk, sk: assocSk(args.code) },
                UpdateExpression:
                  'SET version = :v, #status = :submitted, figures = :figures, selfRating = :rating, nominate = :nominate, lastSubmittedAt = :at, firstSubmittedAt = if_not_exists(firstSubmittedAt, :at), late = if_not_exists(late, :late), historySeq = :seq',
                // historySeq too: a review decision committed meanwhile moves it, and this event must follow it.
                ConditionExpression: 'version = :prev AND historySeq = :prevSeq AND (attribute_not_exists(#status) OR #status <> :approved)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':v': version,
                  ':prev': current.version,
                  ':submitted': 'submitted',
                  ':approved': 'approved',
                  ':figures': figures,
                  ':rating': args.report.selfRating,
                  ':nominate': args.report.nominate,
                  ':at': args.at,
                  ':late': args.late,
                  ':seq': seq,
                  ':prevSeq': current.historySeq,
                },
              },
            },
            {
              Put: {
                TableName: T(),
                Item: { pk, sk: versionSk(args.code, version), version, at: args.at, by: args.by, late: args.late, report: args.report },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: T(),
                Item: { pk, sk: historySk(args.code, seq), version, action: 'submitted', at: args.at, by: args.by, comment: null },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return { version };
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      if (reasons[0] === 'ConditionalCheckFailed') return { refused: 'cycle' };
      // Lost the race to another submission of the same association: read again and retry.
      await sleep(Math.floor(Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6))));
    }
  }
  throw Object.assign(new Error('Too many concurrent submissions for one association'), { name: 'TransientError' });
}

export type Decision =
  | { decision: 'approve'; version: number; score: number; rating: Rating; comment: string | null }
  | { decision: 'return'; version: number; comment: string }
  | { decision: 'reopen'; version: number; comment: string };

/** Applies a review decision if the reviewed version is still current and the status allows it. */
export async function decide(args: {
  year: number;
  code: string;
  decision: Decision;
  by: string;
  at: string;
  /** statuses of the cycle under which the decision may be taken */
  cycleStatuses: CycleStatus[];
}): Promise<'ok' | 'cycle' | 'stale'> {
  const pk = cyclePk(args.year);
  const current = await getAssociation(args.year, args.code);
  if (!current) return 'stale';
  const d = args.decision;
  const fromStatus: ReportStatus = d.decision === 'reopen' ? 'approved' : 'submitted';
  const toStatus: ReportStatus = d.decision === 'approve' ? 'approved' : d.decision === 'return' ? 'returned' : 'submitted';
  const seq = current.historySeq + 1;
  const values: Record<string, unknown> = {
    ':v': d.version,
    ':from': fromStatus,
    ':to': toStatus,
    ':seq': seq,
    ':prevSeq': current.historySeq,
    ':comment': d.comment,
  };
  let update = 'SET #status = :to, historySeq = :seq, #comment = :comment';
  if (d.decision === 'approve') {
    update += ', score = :score, rating = :rating';
    values[':score'] = d.score;
    values[':rating'] = d.rating;
  } else if (d.decision === 'reopen') {
    update += ' REMOVE score, rating';
  }
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          cycleAccepts(args.year, args.code, args.cycleStatuses),
          {
            Update: {
              TableName: T(),
              Key: { pk, sk: assocSk(args.code) },
              UpdateExpression: update,
              ConditionExpression: 'version = :v AND #status = :from AND historySeq = :prevSeq',
              ExpressionAttributeNames: { '#status': 'status', '#comment': 'comment' },
              ExpressionAttributeValues: values,
            },
          },
          {
            Put: {
              TableName: T(),
              Item: {
                pk,
                sk: historySk(args.code, seq),
                version: d.version,
                action: d.decision === 'approve' ? 'approved' : d.decision === 'return' ? 'returned' : 'reopened',
                at: args.at,
                by: args.by,
                comment: d.comment,
              },
            },
          },
        ],
      }),
    );
    return 'ok';
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (!reasons) throw error;
    if (reasons[0] === 'ConditionalCheckFailed') return 'cycle';
    return 'stale';
  }
}

export async function getVersion(year: number, code: string, version: number): Promise<VersionRecord | null> {
  const { Item } = await db().send(new GetCommand({ TableName: T(), Key: { pk: cyclePk(year), sk: versionSk(code, version) }, ConsistentRead: true }));
  return Item ? { version: Item.version, at: Item.at, by: Item.by, late: Item.late, report: Item.report } : null;
}

export async function getHistory(year: number, code: string): Promise<HistoryRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': cyclePk(year), ':prefix': historyPrefix(code) },
    ConsistentRead: true,
  });
  return items.map((i) => ({
    version: Number(i.version),
    action: i.action as HistoryAction,
    at: i.at as string,
    by: i.by as string,
    comment: (i.comment as string | null) ?? null,
  }));
}

export interface ListPage {
  items: AssociationRecord[];
  /** the sort key to continue after, or null at the end */
  after: string | null;
}

/**
 * One page of associations under `unitPath`, in subtree-key order, filtered by status.
 * Keyset pagination (continue after the last key returned) stays correct while reports change.
 */
export async function listAssociationsPage(args: {
  year: number;
  unitPath: string;
  status: ReportStatus | 'missing' | null;
  after: string | null;
  limit: number;
}): Promise<ListPage> {
  const pk = cyclePk(args.year);
  const prefix = subtreePrefix(args.unitPath);
  const items: AssociationRecord[] = [];
  let start: Record<string, unknown> | undefined;
  if (args.after) {
    start = { gsi1pk: pk, gsi1sk: args.after, pk, sk: assocSk(args.after.slice(args.after.lastIndexOf('#') + 1)) };
  }
  const filters = ['expected = :true'];
  const values: Record<string, unknown> = { ':pk': pk, ':prefix': prefix, ':true': true };
  const names: Record<string, string> = {};
  if (args.status === 'missing') {
    filters.push('version = :zero');
    values[':zero'] = 0;
  } else if (args.status) {
    filters.push('#status = :status');
    values[':status'] = args.status;
    names['#status'] = 'status';
  }
  const query = (from: Record<string, unknown> | undefined, limit: number, projection?: string) =>
    db().send(
      new QueryCommand({
        TableName: T(),
        IndexName: TABLE_KEYS.subtreeIndex,
        KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
        FilterExpression: filters.join(' AND '),
        ExpressionAttributeValues: values,
        ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
        ExclusiveStartKey: from,
        Limit: limit,
        ProjectionExpression: projection,
      }),
    );
  for (;;) {
    const page = await query(start, Math.max(args.limit * 2, 50));
    for (const item of page.Items ?? []) {
      items.push(toAssociation(item));
      if (items.length === args.limit) {
        const last = item.gsi1sk as string;
        // Only say "more" when the index holds a further key; one cheap probe decides.
        const more = await query({ gsi1pk: pk, gsi1sk: last, pk, sk: item.sk }, 200, 'gsi1sk');
        return { items, after: (more.Items?.length ?? 0) > 0 || more.LastEvaluatedKey ? last : null };
      }
    }
    if (!page.LastEvaluatedKey) return { items, after: null };
    start = page.LastEvaluatedKey;
  }
}

// ---------- close ----------

export async function putRollup(year: number, revision: number, unit: string, aggregate: unknown): Promise<void> {
  await db().send(
    new PutCommand({ TableName: T(), Item: { pk: cyclePk(year), sk: rollupSk(revision, unit), unit, aggregate: JSON.stringify(aggregate) } }),
  );
}

export async function getRollups(year: number, revision: number): Promise<{ unit: string; aggregate: unknown }[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': cyclePk(year), ':prefix': rollupPrefix(revision) },
    ConsistentRead: true,
  });
  return items.map((i) => ({ unit: i.unit as string, aggregate: JSON.parse(i.aggregate as string) }));
}

export type PublishedFileKind = 'pdf' | 'csv' | 'json' | 'commendations';

export interface RevisionRecord {
  revision: number;
  publishedAt: string;
  files: Record<PublishedFileKind, string>;
  /**
   * SHA-256 (hex) of each file as the close wrote it. Kept here, not in S3 metadata: whoever
   * can write to the bucket (s3rver takes unsigned writes) could rewrite its metadata too.
   * Absent on revisions published before digests were recorded.
   */
  sha256?: Record<PublishedFileKind, string>;
}

export async function putRevision(year: number, record: RevisionRecord): Promise<void> {
  await db().send(new PutCommand({ TableName: T(), Item: { pk: cyclePk(year), sk: revisionSk(record.revision), ...record } }));
}

export async function getRevision(year: number, revision: number): Promise<RevisionRecord | null> {
  const { Item } = await db().send(new GetCommand({ TableName: T(), Key: { pk: cyclePk(year), sk: revisionSk(revision) }, ConsistentRead: true }));
  return Item ? { revision: Item.revision, publishedAt: Item.publishedAt, files: Item.files, ...(Item.sha256 ? { sha256: Item.sha256 } : {}) } : null;
}

// ---------- errors ----------

function isConditionFailure(error: unknown): boolean {
  return (error as { name?: string })?.name === 'ConditionalCheckFailedException';
}

function cancellationReasons(error: unknown): string[] | null {
  if (error instanceof TransactionCanceledException || (error as { name?: string })?.name === 'TransactionCanceledException') {
    return ((error as TransactionCanceledException).CancellationReasons ?? []).map((r) => r.Code ?? 'None');
  }
  return null;
}
