// DynamoDB access for the cycle and its reports. The registry (units and each association's
// registry row) lives in registry-store.ts by version; this file joins a row with the
// association's report state. The rules live in shared/domain; this file only knows items,
// keys and conditions.
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CycleConfig, CycleStatus, Figures, HistoryAction, Rating, ReportFields, ReportStatus } from '../domain/types.ts';
import type { CloseFailure } from '../domain/failure.ts';
import { NUMERIC_FIGURES } from '../domain/types.ts';
import { dynamo, tableName } from './clients.ts';
import { batchGet, cancellationReasons, isConditionFailure, queryAll, sleep } from './dynamo-util.ts';
import { getExpectedRowsPage, getRegistryRow, getRegistryRows, getRegistryRowsAt, type RegistryRow } from './registry-store.ts';
import { assocSk, cyclePk, historyPrefix, historySk, META, revisionSk, versionSk } from './table-keys.ts';

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
}

/** What the report state item holds: every submission and review decision moves it. */
export interface ReportState {
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

/** An association as the cycle sees it: its row in the committed registry and its report state. */
export interface AssociationRecord extends RegistryRow, ReportState {}

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

/** Versions one association may submit in one cycle: past it a submission is refused (409). */
export const MAX_VERSIONS_PER_ASSOCIATION = 500;

/** An import's commit mark older than this was left by a crash: nothing waits for it. */
export const COMMIT_MARK_STALE_MS = 30_000;
const staleMarkBefore = (atMs: number) => new Date(atMs - COMMIT_MARK_STALE_MS).toISOString();

const T = () => tableName();
const db = () => dynamo();

// ---------- cycles ----------

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

/** Creates the cycle; false when it exists already. */
export async function createCycle(config: CycleConfig, at: string): Promise<boolean> {
  const record: CycleRecord = { year: config.year, status: 'open', config, revision: 0, openedAt: at };
  if (config.autoCloseAt) record.autoCloseDueMs = Date.parse(config.autoCloseAt);
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

// ---------- associations: registry row + report state ----------

const STATE_ATTRIBUTES = [
  'code', 'version', 'status', 'late', 'firstSubmittedAt', 'lastSubmittedAt', 'figures', 'selfRating', 'nominate', 'score', 'rating', 'comment', 'historySeq',
] as const;
const stateProjection = {
  projection: STATE_ATTRIBUTES.map((_, i) => `#s${i}`).join(', '),
  names: Object.fromEntries(STATE_ATTRIBUTES.map((a, i) => [`#s${i}`, a])) as Record<string, string>,
};

const NO_REPORT: ReportState = {
  version: 0, status: null, late: false, firstSubmittedAt: null, lastSubmittedAt: null, figures: null, selfRating: null,
  nominate: false, score: null, rating: null, comment: null, historySeq: 0,
};

function toReportState(item: Record<string, unknown> | undefined): ReportState {
  if (!item) return NO_REPORT;
  return {
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

type RegistryOf = Pick<CycleRecord, 'year' | 'registryVersion'>;

/** The association in the cycle's committed registry, with its report state; null when not in it. */
export async function getAssociation(cycle: RegistryOf, code: string): Promise<AssociationRecord | null> {
  const [row, state] = await Promise.all([getRegistryRow(cycle.year, cycle.registryVersion, code), getReportState(cycle.year, code)]);
  return row ? { ...row, ...state } : null;
}

export async function getReportState(year: number, code: string): Promise<ReportState> {
  const { Item } = await db().send(new GetCommand({ TableName: T(), Key: { pk: cyclePk(year), sk: assocSk(code) }, ConsistentRead: true }));
  return toReportState(Item);
}

/** The report states of `codes` that have one (consistent reads), by code. */
export async function getReportStates(year: number, codes: readonly string[]): Promise<Map<string, ReportState>> {
  const pk = cyclePk(year);
  const items = await batchGet(
    codes.map((code) => ({ pk, sk: assocSk(code) })),
    { consistent: true, projection: stateProjection.projection, names: stateProjection.names },
  );
  return new Map(items.map((item) => [item.code as string, toReportState(item)]));
}

async function allReportStates(year: number): Promise<Map<string, ReportState>> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': cyclePk(year), ':prefix': 'ASSOC#' },
    ProjectionExpression: stateProjection.projection,
    ExpressionAttributeNames: stateProjection.names,
    ConsistentRead: true,
  });
  return new Map(items.map((item) => [item.code as string, toReportState(item)]));
}

/**
 * Joins registry rows with their report states. Only an expected association can have a report
 * (an import that would make a reported one unexpected is refused), so only those are read.
 */
async function withStates(year: number, rows: RegistryRow[], everyone: boolean): Promise<AssociationRecord[]> {
  const expected = rows.filter((r) => r.expected).map((r) => r.code);
  const states = everyone ? await allReportStates(year) : await getReportStates(year, expected);
  return rows.map((row) => ({ ...row, ...(row.expected ? (states.get(row.code) ?? NO_REPORT) : NO_REPORT) }));
}

/** Every association of the cycle registered at `unitPath` or below it (all of them when omitted). */
export async function getAssociations(cycle: RegistryOf, unitPath?: string): Promise<AssociationRecord[]> {
  const rows = await getRegistryRows(cycle.year, cycle.registryVersion, unitPath);
  return withStates(cycle.year, rows, unitPath === undefined);
}

/** The associations registered at the unit of `unitPath` itself, none below it. */
export async function getAssociationsAt(cycle: RegistryOf, unitPath: string): Promise<AssociationRecord[]> {
  return withStates(cycle.year, await getRegistryRowsAt(cycle.year, cycle.registryVersion, unitPath), false);
}

// ---------- reports ----------

/**
 * The transaction item that makes a report write conditional on the cycle: its status is one
 * of `statuses`; after a publication, this association is one the province reopened; the
 * auto-close time, while it applies, has not passed; and for a submission, the cycle still
 * reads the registry version the caller checked, with no import switching versions now.
 */
function cycleAccepts(args: { year: number; code: string; statuses: CycleStatus[]; atMs: number; registryVersion?: number }) {
  const values: Record<string, unknown> = Object.fromEntries(args.statuses.map((status, i) => [`:c${i}`, status]));
  const statusList = Object.keys(values).join(', ');
  values[':code'] = args.code;
  values[':now'] = args.atMs;
  let condition = `#status IN (${statusList}) AND (attribute_not_exists(reopenedFor) OR contains(reopenedFor, :code)) AND (attribute_not_exists(autoCloseDueMs) OR autoCloseDueMs > :now)`;
  if (args.registryVersion !== undefined) {
    values[':rv'] = args.registryVersion;
    values[':stale'] = staleMarkBefore(args.atMs);
    condition += ' AND registryVersion = :rv AND (attribute_not_exists(importCommitSince) OR importCommitSince < :stale)';
  }
  return {
    ConditionCheck: {
      TableName: T(),
      Key: { pk: cyclePk(args.year), sk: META },
      ConditionExpression: condition,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: values,
    },
  };
}

const FIGURE_KEYS = NUMERIC_FIGURES;

export type SubmitOutcome = { version: number } | { refused: 'cycle' | 'locked' | 'cap' | 'registry' | 'busy' };

/** How long a submission waits for an import's commit mark before it answers "try again". */
const MARK_WAIT_MS = 3_000;

/**
 * Stores a new version atomically with the check that the cycle accepts it (open, the
 * registry version read, no import switching, the auto-close time not passed): after the
 * freeze, or once an import has made the association unexpected, no write can slip in.
 * `current` is the state the caller read; on a lost race the state is read again.
 */
export async function submitVersion(args: {
  cycle: CycleRecord;
  code: string;
  current: ReportState;
  report: ReportFields;
  by: string;
  at: string;
  late: boolean;
}): Promise<SubmitOutcome> {
  const year = args.cycle.year;
  const pk = cyclePk(year);
  const atMs = Date.parse(args.at);
  let current = args.current;
  const started = Date.now();
  for (let attempt = 0; attempt < 60; attempt++) {
    if (current.status === 'approved') return { refused: 'locked' };
    if (current.version >= MAX_VERSIONS_PER_ASSOCIATION) return { refused: 'cap' };
    const version = current.version + 1;
    const seq = current.historySeq + 1;
    const figures = Object.fromEntries(FIGURE_KEYS.map((k) => [k, args.report[k]]));
    const values: Record<string, unknown> = {
      ':v': version,
      ':code': args.code,
      ':submitted': 'submitted',
      ':figures': figures,
      ':rating': args.report.selfRating,
      ':nominate': args.report.nominate,
      ':at': args.at,
      ':late': args.late,
      ':seq': seq,
    };
    let condition = 'attribute_not_exists(pk)';
    if (current.version > 0) {
      // historySeq too: a review decision committed meanwhile moves it, and this event must follow it.
      condition = 'version = :prev AND historySeq = :prevSeq AND #status <> :approved';
      Object.assign(values, { ':prev': current.version, ':prevSeq': current.historySeq, ':approved': 'approved' });
    }
    try {
      await db().send(
        new TransactWriteCommand({
          TransactItems: [
            cycleAccepts({ year, code: args.code, statuses: ['open'], atMs, registryVersion: args.cycle.registryVersion }),
            {
              Update: {
                TableName: T(),
                Key: { pk, sk: assocSk(args.code) },
                UpdateExpression:
                  'SET code = :code, version = :v, #status = :submitted, figures = :figures, selfRating = :rating, nominate = :nominate, lastSubmittedAt = :at, firstSubmittedAt = if_not_exists(firstSubmittedAt, :at), late = if_not_exists(late, :late), historySeq = :seq',
                ConditionExpression: condition,
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: values,
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
      if (reasons[0] === 'ConditionalCheckFailed') {
        // An import holding its commit mark passes in milliseconds: wait for it, then the
        // caller decides again on the registry it committed.
        const cycle = await getCycle(year);
        if (!cycle || cycle.status !== 'open' || (cycle.autoCloseDueMs !== undefined && cycle.autoCloseDueMs <= atMs)) return { refused: 'cycle' };
        if (cycle.reopenedFor && !cycle.reopenedFor.includes(args.code)) return { refused: 'cycle' };
        if (cycle.registryVersion !== args.cycle.registryVersion) return { refused: 'registry' };
        // Only a live commit mark fails the check now; a crashed import's goes stale in 30 s.
        if (Date.now() - started > MARK_WAIT_MS) return { refused: 'busy' };
        await sleep(20 + Math.floor(Math.random() * 80));
        continue;
      }
      // Lost the race to another submission or decision on the same association: read again and retry.
      await sleep(Math.floor(Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6))));
      current = await getReportState(year, args.code);
    }
  }
  throw Object.assign(new Error('Too many concurrent submissions for one association'), { name: 'TransientError' });
}

export type Decision =
  | { decision: 'approve'; version: number; score: number; rating: Rating; comment: string | null }
  | { decision: 'return'; version: number; comment: string }
  | { decision: 'reopen'; version: number; comment: string };

/**
 * Applies a review decision if the reviewed version is still current and the status allows
 * it. `current` is the state the caller read and checked; the write holds only while the
 * association's history has not moved since.
 */
export async function decide(args: {
  year: number;
  code: string;
  current: ReportState;
  decision: Decision;
  by: string;
  at: string;
  /** statuses of the cycle under which the decision may be taken */
  cycleStatuses: CycleStatus[];
}): Promise<'ok' | 'cycle' | 'stale'> {
  const pk = cyclePk(args.year);
  const d = args.decision;
  const fromStatus: ReportStatus = d.decision === 'reopen' ? 'approved' : 'submitted';
  const toStatus: ReportStatus = d.decision === 'approve' ? 'approved' : d.decision === 'return' ? 'returned' : 'submitted';
  const seq = args.current.historySeq + 1;
  const values: Record<string, unknown> = {
    ':v': d.version,
    ':from': fromStatus,
    ':to': toStatus,
    ':seq': seq,
    ':prevSeq': args.current.historySeq,
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
          cycleAccepts({ year: args.year, code: args.code, statuses: args.cycleStatuses, atMs: Date.parse(args.at) }),
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
  /** the subtree key to continue after, or null at the end */
  after: string | null;
}

/**
 * One page of the expected associations under `unitPath`, in subtree-key order, filtered by
 * status. Keyset pagination (continue after the last key returned) stays correct while
 * reports change.
 */
export async function listAssociationsPage(args: {
  cycle: RegistryOf;
  unitPath: string;
  status: ReportStatus | 'missing' | null;
  after: string | null;
  limit: number;
}): Promise<ListPage> {
  const { year, registryVersion } = args.cycle;
  const items: AssociationRecord[] = [];
  if (!registryVersion) return { items, after: null };
  const matches = (a: AssociationRecord) =>
    args.status === null ? true : args.status === 'missing' ? a.version === 0 : a.status === args.status;
  const anyMatchAfter = async (from: string): Promise<boolean> => {
    for (let after: string | null = from; after !== null; ) {
      const page = await getExpectedRowsPage({ year, version: registryVersion, unitPath: args.unitPath, after, limit: 200 });
      const states = args.status === null ? new Map<string, ReportState>() : await getReportStates(year, page.rows.map((r) => r.code));
      if (page.rows.some((r) => matches({ ...r, ...(states.get(r.code) ?? NO_REPORT) }))) return true;
      after = page.next;
    }
    return false;
  };
  let after = args.after;
  for (;;) {
    const page = await getExpectedRowsPage({ year, version: registryVersion, unitPath: args.unitPath, after, limit: Math.max(args.limit * 2, 50) });
    const states = await getReportStates(year, page.rows.map((r) => r.code));
    for (const { subtreeKey, ...row } of page.rows) {
      const association = { ...row, ...(states.get(row.code) ?? NO_REPORT) };
      if (!matches(association)) continue;
      items.push(association);
      if (items.length === args.limit) {
        // Only say "more" when the subtree holds a further association that matches.
        const rest = page.rows.slice(page.rows.findIndex((r) => r.subtreeKey === subtreeKey) + 1);
        const more = rest.some((r) => matches({ ...r, ...(states.get(r.code) ?? NO_REPORT) })) || (page.next !== null && (await anyMatchAfter(page.next)));
        return { items, after: more ? subtreeKey : null };
      }
    }
    if (page.next === null) return { items, after: null };
    after = page.next;
  }
}

// ---------- close ----------

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

