// DynamoDB access for the associations' reports: each association's report state (joined with
// its row of the committed registry, registry-store.ts), its versions and its history. Every
// write is one transaction conditional on the cycle item (cycleAccepts), so nothing slips in
// after the freeze or across a registry switch. The rules live in shared/domain/review.ts.
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { REVIEW_TRANSITIONS, submissionRefusal } from '../domain/review-rules.ts';
import type { CycleStatus, Figures, HistoryAction, Rating, ReportFields, ReportStatus } from '../domain/types.ts';
import { NUMERIC_FIGURES } from '../domain/types.ts';
import { dynamo, tableName } from './clients.ts';
import { COMMIT_MARK_STALE_MS, getCycle, type CycleRecord } from './cycle-store.ts';
import { batchGet, cancellationReasons, queryAll, sleep } from './dynamo-util.ts';
import { getExpectedRowsPage, getRegistryRow, getRegistryRows, getRegistryRowsAt, type RegistryRow } from './registry-store.ts';
import { assocSk, cyclePk, historyPrefix, historySk, idempotencySk, META, versionSk } from './table-keys.ts';

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
  /**
   * the `proposals` text of the current version, copied at submission as the figures are, so
   * that the close needs no read of the versions; null when the state holds none (no version,
   * or a state written before states carried it: the version has it)
   */
  proposals: string | null;
}

/** An association as the cycle sees it: its row in the committed registry and its report state. */
export interface AssociationRecord extends RegistryRow, ReportState {}

/** An association record with the proposals of its current version wherever they are stored. */
export interface AssociationWithProposals extends Omit<AssociationRecord, 'proposals'> {
  /** '' when none or no version */
  proposals: string;
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


const staleMarkBefore = (atMs: number) => new Date(atMs - COMMIT_MARK_STALE_MS).toISOString();
const T = () => tableName();
const db = () => dynamo();

const STATE_ATTRIBUTES = [
  'code', 'version', 'status', 'late', 'firstSubmittedAt', 'lastSubmittedAt', 'figures', 'selfRating', 'nominate', 'score', 'rating', 'comment', 'historySeq', 'proposals',
] as const;
const stateProjection = {
  projection: STATE_ATTRIBUTES.map((_, i) => `#s${i}`).join(', '),
  names: Object.fromEntries(STATE_ATTRIBUTES.map((a, i) => [`#s${i}`, a])) as Record<string, string>,
};

const NO_REPORT: ReportState = {
  version: 0, status: null, late: false, firstSubmittedAt: null, lastSubmittedAt: null, figures: null, selfRating: null,
  nominate: false, score: null, rating: null, comment: null, historySeq: 0, proposals: null,
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
    proposals: (item.proposals as string | undefined) ?? null,
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
async function withStates(year: number, rows: RegistryRow[], everyone: boolean): Promise<AssociationWithProposals[]> {
  const expected = rows.filter((r) => r.expected).map((r) => r.code);
  const states = everyone ? await allReportStates(year) : await getReportStates(year, expected);
  // The state's fields assigned onto the row just read (the same keys, in the same order, as
  // `{ ...row, ...state }`): V8 (Node 20) builds that two-spread literal of ~25 properties in
  // ~100 µs, 20–40 times the assignment: seconds of a large province's close, in the Map.
  const records: AssociationRecord[] = rows.map((row) => Object.assign(row, row.expected ? (states.get(row.code) ?? NO_REPORT) : NO_REPORT));
  return withProposals(year, records);
}

const versionProposals = { projection: '#sk, #report.#proposals', names: { '#sk': 'sk', '#report': 'report', '#proposals': 'proposals' } };

/**
 * Fills in the proposals a state does not hold. Only approved reports are ever carried, so
 * only their versions are read, and only for states written before states held the text:
 * none at all once every state is newer.
 */
async function withProposals(year: number, records: AssociationRecord[]): Promise<AssociationWithProposals[]> {
  const older = records.filter((r) => r.proposals === null && r.version >= 1 && r.status === 'approved');
  const fromVersions = new Map<string, string>();
  if (older.length > 0) {
    const pk = cyclePk(year);
    const bySk = new Map(older.map((r) => [versionSk(r.code, r.version), r.code]));
    const items = await batchGet([...bySk.keys()].map((sk) => ({ pk, sk })), { consistent: true, ...versionProposals });
    for (const item of items) {
      const code = bySk.get(item.sk as string);
      const text = (item.report as { proposals?: unknown } | undefined)?.proposals;
      if (code !== undefined && typeof text === 'string') fromVersions.set(code, text);
    }
  }
  // In place: the records are the caller's fresh copies, and a spread would copy each again.
  for (const r of records) r.proposals ??= fromVersions.get(r.code) ?? '';
  return records as AssociationWithProposals[];
}

/** Every association of the cycle registered at `unitPath` or below it (all of them when omitted). */
export async function getAssociations(cycle: RegistryOf, unitPath?: string): Promise<AssociationWithProposals[]> {
  const rows = await getRegistryRows(cycle.year, cycle.registryVersion, unitPath);
  return withStates(cycle.year, rows, unitPath === undefined);
}

/** The associations registered at the unit of `unitPath` itself, none below it. */
export async function getAssociationsAt(cycle: RegistryOf, unitPath: string): Promise<AssociationWithProposals[]> {
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

export type SubmitOutcome = { version: number } | { refused: 'cycle' | 'locked' | 'cap' | 'registry' | 'busy' } | { replayed: IdempotentAnswer };

/**
 * What a submission with an Idempotency-Key answered, kept under the key: a retry of the same
 * send (its answer lost on a weak connection) gets this answer again instead of a new version.
 */
export interface IdempotentAnswer {
  version: number;
  late: boolean;
  /** SHA-256 of the report as validated: the same key with another report is refused */
  reportHash: string;
}

export async function getIdempotentAnswer(year: number, code: string, key: string): Promise<IdempotentAnswer | null> {
  const { Item } = await db().send(new GetCommand({ TableName: T(), Key: { pk: cyclePk(year), sk: idempotencySk(code, key) }, ConsistentRead: true }));
  return Item ? { version: Number(Item.version), late: Boolean(Item.late), reportHash: String(Item.reportHash) } : null;
}

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
  /** the client's Idempotency-Key and the hash of the report it sent */
  idempotency?: { key: string; reportHash: string };
}): Promise<SubmitOutcome> {
  const year = args.cycle.year;
  const pk = cyclePk(year);
  const atMs = Date.parse(args.at);
  let current = args.current;
  const started = Date.now();
  for (let attempt = 0; attempt < 60; attempt++) {
    const refused = submissionRefusal(current);
    if (refused) return { refused };
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
      ':proposals': args.report.proposals,
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
                  'SET code = :code, version = :v, #status = :submitted, figures = :figures, selfRating = :rating, nominate = :nominate, proposals = :proposals, lastSubmittedAt = :at, firstSubmittedAt = if_not_exists(firstSubmittedAt, :at), late = if_not_exists(late, :late), historySeq = :seq',
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
            ...(args.idempotency
              ? [
                  {
                    Put: {
                      TableName: T(),
                      Item: { pk, sk: idempotencySk(args.code, args.idempotency.key), version, late: args.late, reportHash: args.idempotency.reportHash, at: args.at },
                      ConditionExpression: 'attribute_not_exists(pk)',
                    },
                  },
                ]
              : []),
          ],
        }),
      );
      return { version };
    } catch (error) {
      const reasons = cancellationReasons(error);
      if (!reasons) throw error;
      // The same send committed meanwhile (a retry racing its first attempt): its answer, not a second version.
      if (args.idempotency && reasons[4] === 'ConditionalCheckFailed') {
        const first = await getIdempotentAnswer(year, args.code, args.idempotency.key);
        if (first) return { replayed: first };
      }
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
 * it (REVIEW_TRANSITIONS). `current` is the state the caller read and checked; the write holds
 * only while the association's history has not moved since. Gives the state it wrote.
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
}): Promise<{ decided: ReportState } | 'cycle' | 'stale'> {
  const pk = cyclePk(args.year);
  const d = args.decision;
  const transition = REVIEW_TRANSITIONS[d.decision];
  const seq = args.current.historySeq + 1;
  const values: Record<string, unknown> = {
    ':v': d.version,
    ':from': transition.from,
    ':to': transition.to,
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
                action: transition.action,
                at: args.at,
                by: args.by,
                comment: d.comment,
              },
            },
          },
        ],
      }),
    );
    // The state as the write left it, so that the caller answers without reading it again.
    const scored = d.decision === 'approve' ? { score: d.score, rating: d.rating } : d.decision === 'reopen' ? { score: null, rating: null } : {};
    return { decided: { ...args.current, status: transition.to, historySeq: seq, comment: d.comment, ...scored } };
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
  /** a report status; 'missing': no report; 'late': a report submitted after the deadline */
  status: ReportStatus | 'missing' | 'late' | null;
  after: string | null;
  limit: number;
}): Promise<ListPage> {
  const { year, registryVersion } = args.cycle;
  const items: AssociationRecord[] = [];
  if (!registryVersion) return { items, after: null };
  const matches = (a: AssociationRecord) =>
    args.status === null ? true : args.status === 'missing' ? a.version === 0 : args.status === 'late' ? a.version > 0 && a.late : a.status === args.status;
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

/**
 * The texts of the given versions (the office workbook's "Báo cáo" sheet, a chunk of rows at a
 * time): what the report states do not carry. Consistent batched reads of just those fields.
 */
export async function getVersionTexts(year: number, versions: readonly { code: string; version: number }[]): Promise<Map<string, Pick<ReportFields, 'achievements' | 'limitations' | 'proposals' | 'submittedBy'>>> {
  const pk = cyclePk(year);
  const bySk = new Map(versions.filter((v) => v.version >= 1).map((v) => [versionSk(v.code, v.version), v.code]));
  const items = await batchGet([...bySk.keys()].map((sk) => ({ pk, sk })), {
    consistent: true,
    projection: '#sk, #r.#a, #r.#l, #r.#p, #r.#s',
    names: { '#sk': 'sk', '#r': 'report', '#a': 'achievements', '#l': 'limitations', '#p': 'proposals', '#s': 'submittedBy' },
  });
  const texts = new Map<string, Pick<ReportFields, 'achievements' | 'limitations' | 'proposals' | 'submittedBy'>>();
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  for (const item of items) {
    const code = bySk.get(item.sk as string);
    const report = (item.report ?? {}) as Record<string, unknown>;
    if (code !== undefined) texts.set(code, { achievements: text(report.achievements), limitations: text(report.limitations), proposals: text(report.proposals), submittedBy: text(report.submittedBy) });
  }
  return texts;
}
