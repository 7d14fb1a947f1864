// DynamoDB access for the cycle item: its configuration, status and close progress, the
// registry version it reads, the import's commit mark and the reopened set. Only items, keys
// and conditions: the rules live in shared/domain.
import { GetCommand, PutCommand, ScanCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CloseFailure } from '../domain/failure.ts';
import type { CycleConfig, CycleStatus } from '../domain/types.ts';
import { dynamo, tableName } from './clients.ts';
import { batchGet, cancellationReasons, isConditionFailure, queryAll, recordUpdate } from './dynamo-util.ts';
import { cycleIndexSk, cyclePk, CYCLES_PK, META } from './table-keys.ts';

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
  /** the registry version the cycle reads (registry-store.ts); absent before the first import */
  registryVersion?: number;
  /** the version committed before it, kept for readers that started before the switch */
  registryPrevious?: number;
  /** the last registry version number handed out to an import */
  registrySeq?: number;
  /** registry versions below this one have been swept */
  registrySweptFrom?: number;
  /** set for the instant an import checks and switches versions; submissions wait for it */
  importCommitSince?: string;
  /** the auto-close time in epoch ms while it applies (the first close only): writes check it */
  autoCloseDueMs?: number;
  taskToken?: string;
  executionName?: string;
  /** when the execution named executionName was started */
  executionStartedAt?: string;
  closeRequestedAt?: string;
  publishedAt?: string;
  /** what kind of failure ended the last close, at which step, and its reference in the logs */
  failure?: CloseFailure;
  /** after a publication, the associations reopened by the province (lock exception) */
  reopenedFor?: string[];
  /** the close step reached, for the dashboard */
  step?: string;
  /** sign-off: drafts rendered of the revision being closed (GET /cycles/{year} shows it) */
  draftRevision?: number;
  /** sign-off: raised by each accepted change of the document details (PATCH /document) */
  documentVersion?: number;
  /** sign-off: the documentVersion the current draft was rendered from */
  draftDocumentVersion?: number;
  /** sign-off: when the province asked to publish; from then on the details are fixed */
  publishRequested?: string;
  /** the last reminder day (YYYY-MM-DD) whose reminders were all handled */
  remindedOn?: string;
}

/** Thrown when a conditional write loses: the caller maps it to a 409 or retries. */
export class WriteConflict extends Error {
  constructor(readonly reason: 'cycle' | 'item') {
    super(`write conflict on ${reason}`);
    this.name = 'WriteConflict';
  }
}

/** An import's commit mark older than this was left by a crash: nothing waits for it. */
export const COMMIT_MARK_STALE_MS = 30_000;
const staleMarkBefore = (atMs: number) => new Date(atMs - COMMIT_MARK_STALE_MS).toISOString();

const T = () => tableName();
const db = () => dynamo();

export async function getCycle(year: number): Promise<CycleRecord | null> {
  const { Item } = await db().send(new GetCommand({ TableName: T(), Key: { pk: cyclePk(year), sk: META }, ConsistentRead: true }));
  return Item ? toCycle(Item) : null;
}

function toCycle(item: Record<string, unknown>): CycleRecord {
  const { pk: _pk, sk: _sk, ...rest } = item;
  const record = rest as unknown as CycleRecord;
  // A string set in the table (each reopen adds to it in one write); an array to the code.
  if (rest.reopenedFor instanceof Set) record.reopenedFor = [...(rest.reopenedFor as Set<string>)].sort();
  return record;
}

/**
 * Creates the cycle and its index item (CYCLES, year) in one transaction; false when the year
 * exists already (the condition on the cycle item failed).
 */
export async function createCycle(config: CycleConfig, at: string): Promise<boolean> {
  const record: CycleRecord = { year: config.year, status: 'open', config, revision: 0, openedAt: at };
  if (config.autoCloseAt) record.autoCloseDueMs = Date.parse(config.autoCloseAt);
  try {
    await db().send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: T(), Item: { pk: cyclePk(config.year), sk: META, ...record }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: T(), Item: { pk: CYCLES_PK, sk: cycleIndexSk(config.year), year: config.year, openedAt: at } } },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}

/** What GET /cycles shows of a cycle. */
export interface CycleListing {
  year: number;
  status: CycleStatus;
  revision: number;
  deadline: string;
}

/**
 * Every cycle, newest first: the index (one Query), then the cycles' status, revision and
 * deadline (BatchGet, consistent). A cycle opened before the index existed has no index item
 * until `indexCycle` writes it (the embedded runtime does so for each cycle at start).
 */
export async function listCycles(): Promise<CycleListing[]> {
  const index = await queryAll({ KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': CYCLES_PK }, ConsistentRead: true, ScanIndexForward: false });
  if (index.length === 0) return [];
  const items = await batchGet(
    index.map((item) => ({ pk: cyclePk(Number(item.year)), sk: META })),
    { consistent: true, projection: '#year, #status, revision, #config.deadline', names: { '#year': 'year', '#status': 'status', '#config': 'config' } },
  );
  return items
    .map((item) => ({ year: Number(item.year), status: item.status as CycleStatus, revision: Number(item.revision ?? 0), deadline: String((item.config as { deadline?: unknown } | undefined)?.deadline ?? '') }))
    .sort((a, b) => b.year - a.year);
}

/** Writes the index item of a cycle that exists (idempotent): for cycles opened before the index. */
export async function indexCycle(cycle: Pick<CycleRecord, 'year' | 'openedAt'>): Promise<void> {
  await db().send(new PutCommand({ TableName: T(), Item: { pk: CYCLES_PK, sk: cycleIndexSk(cycle.year), year: cycle.year, openedAt: cycle.openedAt } }));
}

export async function updateCycle(
  year: number,
  set: Partial<CycleRecord>,
  options: {
    expectStatus?: CycleStatus[];
    remove?: (keyof CycleRecord)[];
  } = {},
): Promise<CycleRecord> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: T(),
        Key: { pk: cyclePk(year), sk: META },
        ...recordUpdate(set, options),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return toCycle(Attributes!);
  } catch (error) {
    if (isConditionFailure(error)) throw new WriteConflict('cycle');
    throw error;
  }
}

// ---------- the sign-off of a draft (SPEC section 3) ----------
// Each check is a condition of the write that depends on it: a PATCH and a publish racing, or a
// PATCH landing while a draft renders, are settled by DynamoDB, never by a read before a write.

/** Still a draft that may change: no publication asked for yet. */
const OPEN_DRAFT = '#status = :draft AND attribute_not_exists(publishRequested)';

/**
 * Stores the changed document details in the configuration and raises documentVersion, on
 * condition that the cycle is an open draft. Takes the task token in the same write, so that of
 * a PATCH and a publish at once only one sends it. Returns the cycle as it was, or null when
 * the condition failed.
 */
export async function applyDocumentDetails(year: number, details: Record<string, unknown>): Promise<CycleRecord | null> {
  const names: Record<string, string> = { '#status': 'status', '#config': 'config' };
  const values: Record<string, unknown> = { ':draft': 'draft', ':one': 1 };
  const sets: string[] = [];
  // Each detail whole: the narrative too, so that a section left out (or blank) is removed, as
  // when the cycle is opened.
  for (const [key, value] of Object.entries(details)) {
    if (value === undefined) continue;
    const i = sets.length;
    names[`#d${i}`] = key;
    values[`:d${i}`] = value;
    sets.push(`#config.#d${i} = :d${i}`);
  }
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: T(),
        Key: { pk: cyclePk(year), sk: META },
        UpdateExpression: `${sets.length ? `SET ${sets.join(', ')} ` : ''}ADD documentVersion :one REMOVE taskToken`,
        ConditionExpression: OPEN_DRAFT,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_OLD',
      }),
    );
    return toCycle(Attributes!);
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

/**
 * The province publishes: from an open draft the cycle goes back to closing with the request
 * marked (no PATCH passes after this), taking the task token in the same write. Returns the
 * cycle as it was, or null when it was not an open draft.
 */
export async function markPublishRequested(year: number, at: string): Promise<CycleRecord | null> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: T(),
        Key: { pk: cyclePk(year), sk: META },
        UpdateExpression: 'SET #status = :closing, publishRequested = :at, step = :step REMOVE taskToken',
        ConditionExpression: OPEN_DRAFT,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':draft': 'draft', ':closing': 'closing', ':at': at, ':step': 'RenderReport' },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return toCycle(Attributes!);
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

/**
 * A draft was rendered from `documentVersion`: the cycle is `draft`, draftRevision one more.
 * On condition that no publication was asked for meanwhile (it would undo the request's
 * status); false when it was.
 */
export async function recordDraftRendered(year: number, documentVersion: number): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: T(),
        Key: { pk: cyclePk(year), sk: META },
        UpdateExpression: 'SET #status = :draft, draftDocumentVersion = :version, step = :step ADD draftRevision :one',
        ConditionExpression: '#status IN (:closing, :draft) AND attribute_not_exists(publishRequested)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':draft': 'draft', ':closing': 'closing', ':version': documentVersion, ':step': 'AwaitSignOff', ':one': 1 },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Keeps the sign-off's task token, on condition that the cycle is an open draft of this
 * execution and the draft was rendered from the latest details. False when not: the caller
 * reads the cycle to tell which.
 */
export async function storeSignOffToken(year: number, token: string, execution: string): Promise<boolean> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: T(),
        Key: { pk: cyclePk(year), sk: META },
        UpdateExpression: 'SET taskToken = :token',
        ConditionExpression: `${OPEN_DRAFT} AND executionName = :execution AND (attribute_not_exists(documentVersion) OR documentVersion = draftDocumentVersion)`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':draft': 'draft', ':token': token, ':execution': execution },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * The lock exception's reopen, in one write: the association joins the set of reopened ones
 * (a set update, so two reopens at once cannot erase each other) and a published cycle opens
 * again. Returns the status the cycle had, or null when it was neither published nor open
 * after a publication.
 */
export async function reopenForAssociation(year: number, code: string): Promise<CycleStatus | null> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: T(),
        Key: { pk: cyclePk(year), sk: META },
        UpdateExpression: 'SET #status = :open ADD reopenedFor :codes',
        ConditionExpression: '#revision > :zero AND (#status = :published OR (#status = :open AND attribute_exists(reopenedFor)))',
        ExpressionAttributeNames: { '#status': 'status', '#revision': 'revision' },
        ExpressionAttributeValues: { ':open': 'open', ':published': 'published', ':zero': 0, ':codes': new Set([code]) },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return (Attributes?.status as CycleStatus | undefined) ?? null;
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

export async function listCycleYears(): Promise<number[]> {
  // Cycles are few (one a year); a scan of META items is cheap enough for the runtime's recovery.
  const years: number[] = [];
  let start: Record<string, unknown> | undefined;
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

// ---------- switching registry versions ----------

/** Hands out a registry version number for an import of an open cycle; null when it is not open. */
export async function allocateRegistryVersion(year: number): Promise<number | null> {
  try {
    const { Attributes } = await db().send(
      new UpdateCommand({
        TableName: T(),
        Key: { pk: cyclePk(year), sk: META },
        UpdateExpression: 'ADD registrySeq :one',
        ConditionExpression: '#status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':open': 'open' },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(Attributes!.registrySeq);
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

/**
 * Takes the commit mark: on condition that the cycle is open, not reopened for a lock
 * exception, still on registry version `from`, and no other import holds a live mark. While
 * it is held no submission commits (each one's transaction checks it), so what the importer
 * then reads of the report states stays true until it switches.
 */
export async function takeCommitMark(year: number, from: number | undefined, atMs: number): Promise<string | null> {
  const mark = new Date(atMs).toISOString();
  const values: Record<string, unknown> = { ':mark': mark, ':open': 'open', ':stale': staleMarkBefore(atMs) };
  let onVersion = 'attribute_not_exists(registryVersion)';
  if (from !== undefined) {
    onVersion = 'registryVersion = :from';
    values[':from'] = from;
  }
  try {
    await db().send(
      new UpdateCommand({
        TableName: T(),
        Key: { pk: cyclePk(year), sk: META },
        UpdateExpression: 'SET importCommitSince = :mark',
        ConditionExpression: `#status = :open AND attribute_not_exists(reopenedFor) AND ${onVersion} AND (attribute_not_exists(importCommitSince) OR importCommitSince < :stale)`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      }),
    );
    return mark;
  } catch (error) {
    if (isConditionFailure(error)) return null;
    throw error;
  }
}

/** Switches the cycle to registry version `to` and lets the mark go; false when the mark was lost. */
export async function commitRegistryVersion(year: number, args: { to: number; from: number | undefined; mark: string; atMs: number; importedAt: string }): Promise<boolean> {
  const values: Record<string, unknown> = { ':to': args.to, ':mark': args.mark, ':stale': staleMarkBefore(args.atMs), ':open': 'open', ':at': args.importedAt };
  let update = 'SET registryVersion = :to, registryImportedAt = :at';
  if (args.from !== undefined) {
    update += ', registryPrevious = :from';
    values[':from'] = args.from;
  }
  try {
    await db().send(
      new UpdateCommand({
        TableName: T(),
        Key: { pk: cyclePk(year), sk: META },
        UpdateExpression: `${update} REMOVE importCommitSince`,
        ConditionExpression: '#status = :open AND importCommitSince = :mark AND importCommitSince > :stale',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

export async function releaseCommitMark(year: number, mark: string): Promise<void> {
  try {
    await db().send(
      new UpdateCommand({
        TableName: T(),
        Key: { pk: cyclePk(year), sk: META },
        UpdateExpression: 'REMOVE importCommitSince',
        ConditionExpression: 'importCommitSince = :mark',
        ExpressionAttributeValues: { ':mark': mark },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
