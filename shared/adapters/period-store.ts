// DynamoDB access for period reviews (SPEC section 12): one item per period, created with a
// conditional put (a code is taken once) together with its index item, every status
// transition a conditional write.
import { GetCommand, ScanCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CloseFailure } from '../domain/failure.ts';
import type { PeriodConfig, PeriodStatus } from '../domain/types.ts';
import { dynamo, tableName } from './clients.ts';
import { batchGet, cancellationReasons, isConditionFailure, queryAll, recordUpdate } from './dynamo-util.ts';
import { PERIOD_SK, PERIODS_PK, periodIndexSk, periodPk } from './table-keys.ts';
import { WriteConflict } from './cycle-store.ts';

/** What a failed period close keeps: a cycle's failure, and the years at fault when it names them. */
export interface PeriodFailure extends CloseFailure {
  years?: number[];
}

export interface PeriodRecord {
  code: string;
  status: PeriodStatus;
  config: PeriodConfig;
  /** the published revision; 0 before the close publishes */
  revision: number;
  /** the revision a running or failed close is producing */
  closingRevision?: number;
  createdAt: string;
  /** the first close request: the files' publishedAt and default report date, kept across retries */
  closeRequestedAt?: string;
  publishedAt?: string;
  failure?: PeriodFailure;
  step?: string;
  executionName?: string;
  executionStartedAt?: string;
  /** the published files and the SHA-256 of each as written */
  files?: PeriodFiles;
  sha256?: PeriodFiles;
  /** the years the published revision read, with the revision of each */
  yearsRead?: { year: number; revision: number }[];
}

/** The Word file (`docx`) is absent from a period published before the office exports (SPEC section 11). */
export type PeriodFiles = Record<'pdf' | 'csv' | 'json' | 'commendations', string> & { docx?: string };

const T = () => tableName();
const db = () => dynamo();

export async function getPeriod(code: string): Promise<PeriodRecord | null> {
  const { Item } = await db().send(new GetCommand({ TableName: T(), Key: { pk: periodPk(code), sk: PERIOD_SK }, ConsistentRead: true }));
  if (!Item) return null;
  const { pk: _pk, sk: _sk, ...rest } = Item;
  return rest as PeriodRecord;
}

/**
 * Creates the period and its index item (PERIODS, code) in one transaction; false when its code
 * is taken (the condition on the period item failed).
 */
export async function createPeriod(config: PeriodConfig, at: string): Promise<boolean> {
  const record: PeriodRecord = { code: config.code, status: 'open', config, revision: 0, createdAt: at };
  const entry: PeriodIndexEntry = { code: config.code, from: config.from, to: config.to, title: config.title };
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: T(), Item: { pk: periodPk(config.code), sk: PERIOD_SK, ...record }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: T(), Item: { pk: PERIODS_PK, sk: periodIndexSk(config.code), ...entry } } },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

/** What the index keeps of a period: what never changes after its creation. */
export interface PeriodIndexEntry {
  code: string;
  from: number;
  to: number;
  title: string;
}

/**
 * Every period review: the index (one Query), then the periods themselves (BatchGet, consistent)
 * for their status and revision. A period missing behind its index item is left out.
 */
export async function listPeriods(): Promise<(PeriodIndexEntry & Pick<PeriodRecord, 'status' | 'revision' | 'yearsRead'>)[]> {
  const index = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': PERIODS_PK }, ConsistentRead: true });
  if (index.length === 0) return [];
  const items = await batchGet(
    index.map((item) => ({ pk: periodPk(String(item.code)), sk: PERIOD_SK })),
    { consistent: true, projection: '#code, #status, revision, yearsRead', names: { '#code': 'code', '#status': 'status' } },
  );
  const byCode = new Map(items.map((item) => [String(item.code), item as unknown as Pick<PeriodRecord, 'status' | 'revision' | 'yearsRead'>]));
  return index.flatMap((item) => {
    const period = byCode.get(String(item.code));
    if (!period) return [];
    const entry: PeriodIndexEntry = { code: String(item.code), from: Number(item.from), to: Number(item.to), title: String(item.title) };
    return [{ ...entry, status: period.status, revision: period.revision, ...(period.yearsRead ? { yearsRead: period.yearsRead } : {}) }];
  });
}

/**
 * Updates the period on condition that it exists and (when given) its status is one of
 * `expectStatus`; `setIfAbsent` keys are written only where the item has none (the first close
 * request's time survives a retry). Throws WriteConflict when the condition fails.
 */
export async function updatePeriod(
  code: string,
  set: Partial<PeriodRecord>,
  options: { expectStatus?: PeriodStatus[]; remove?: (keyof PeriodRecord)[]; setIfAbsent?: Partial<PeriodRecord> } = {},
): Promise<PeriodRecord> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: T(),
        Key: { pk: periodPk(code), sk: PERIOD_SK },
        ...recordUpdate(set, options),
        ReturnValues: 'ALL_NEW',
      }),
    );
    const { pk: _pk, sk: _sk, ...rest } = Attributes!;
    return rest as PeriodRecord;
  } catch (error) {
    if (isConditionFailure(error)) throw new WriteConflict('cycle');
    throw error;
  }
}

/** The periods whose close was running (the embedded runtime resumes them after a restart). */
export async function listClosingPeriods(): Promise<string[]> {
  const codes: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db().send(
      new ScanCommand({
        TableName: T(),
        FilterExpression: 'sk = :sk AND #status = :closing',
        ExpressionAttributeValues: { ':sk': PERIOD_SK, ':closing': 'closing' },
        ExpressionAttributeNames: { '#status': 'status', '#code': 'code' },
        ProjectionExpression: '#code',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) codes.push(String(item.code));
    start = page.LastEvaluatedKey;
  } while (start);
  return codes.sort();
}
