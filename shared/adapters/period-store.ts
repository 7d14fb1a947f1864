// DynamoDB access for period reviews (SPEC section 12): one item per period, created with a
// conditional put (a code is taken once), every status transition a conditional write.
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CloseFailure } from '../domain/failure.ts';
import type { PeriodConfig, PeriodStatus } from '../domain/types.ts';
import { dynamo, tableName } from './clients.ts';
import { isConditionFailure, recordUpdate } from './dynamo-util.ts';
import { PERIOD_SK, periodPk } from './table-keys.ts';
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
  files?: Record<'pdf' | 'csv' | 'json' | 'commendations', string>;
  sha256?: Record<'pdf' | 'csv' | 'json' | 'commendations', string>;
  /** the years the published revision read, with the revision of each */
  yearsRead?: { year: number; revision: number }[];
}

const T = () => tableName();
const db = () => dynamo();

export async function getPeriod(code: string): Promise<PeriodRecord | null> {
  const { Item } = await db().send(new GetCommand({ TableName: T(), Key: { pk: periodPk(code), sk: PERIOD_SK }, ConsistentRead: true }));
  if (!Item) return null;
  const { pk: _pk, sk: _sk, ...rest } = Item;
  return rest as PeriodRecord;
}

/** Creates the period; false when its code is taken. */
export async function createPeriod(config: PeriodConfig, at: string): Promise<boolean> {
  const record: PeriodRecord = { code: config.code, status: 'open', config, revision: 0, createdAt: at };
  try {
    await db().send(new PutCommand({ TableName: T(), Item: { pk: periodPk(config.code), sk: PERIOD_SK, ...record }, ConditionExpression: 'attribute_not_exists(pk)' }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
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
  const { ScanCommand } = await import('@aws-sdk/lib-dynamodb');
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
