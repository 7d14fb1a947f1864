// The close, one function per state of the cycle's state machine (RenderReport, with the
// PDF renderer, lives in render.ts so that the other Tasks' bundles stay small). Each receives and returns
// only keys (year, revision, unit code); data goes through DynamoDB and S3, so payloads
// stay tiny whatever the province's size, and every step can run again with the same result.
import { randomBytes } from 'node:crypto';
import { now } from '../adapters/clock.ts';
import { getFile, putWorkFile } from '../adapters/files.ts';
import { getUnits } from '../adapters/registry-store.ts';
import { getCycle, recordDraftRendered, storeSignOffToken, updateCycle, WriteConflict, type CycleRecord } from '../adapters/cycle-store.ts';
import { getAssociations, getAssociationsAt } from '../adapters/report-store.ts';
import { putRevision, type RevisionFiles } from '../adapters/revision-store.ts';
import { fileKey } from '../adapters/table-keys.ts';
import { aggregateSubtree, mergeAggregates, type SubtreeAggregate } from '../domain/aggregate.ts';
import type { CloseStep, SignOffStep } from '../domain/close-steps.ts';
import { selectCommended } from '../domain/commendation.ts';
import { classifyFailure, readCaught, REGISTRY_MISSING, WORK_FILE_MISSING, type CloseFailure } from '../domain/failure.ts';
import type { Unit } from '../domain/types.ts';
import { DUE_RECHECK_SECONDS, freezeForClose, heldBackoffSeconds, waitSecondsFor } from './cycles.ts';
import { sendDueReminders } from './notices.ts';

export interface CloseKeys {
  year: number;
  revision: number;
}

/** What RenderReport hands to Publish: the keys and the SHA-256 of each file it wrote (~300 bytes). */
export interface PublishKeys extends CloseKeys {
  sha256: RevisionFiles;
}

/** The published files of a revision: names as the demo and the downloads use them. */
export const publishedFiles = (year: number, revision: number) => ({
  pdf: fileKey(year, revision, `bao-cao-${year}.pdf`),
  csv: fileKey(year, revision, `khen-thuong-${year}.csv`),
  json: fileKey(year, revision, `tong-hop-${year}.json`),
  commendations: fileKey(year, revision, 'commendations.json'),
  /** the report as a Word document (SPEC section 11) */
  docx: fileKey(year, revision, `bao-cao-${year}.docx`),
  /** the approved results of the year, which period reviews read (final files only, not a draft) */
  results: fileKey(year, revision, 'results.json'),
});
export const workKey = (k: CloseKeys, name: string) => fileKey(k.year, k.revision, `work/${name}.json`);

/** A failure worth retrying (Retry in the state machine matches on the name). */
export class TransientError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransientError';
  }
}

/** A failure that retrying cannot mend: the close ends in close_failed with this cause. */
export class CloseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CloseError';
  }
}

/** An intermediate file of the close is not in the bucket. */
export class WorkFileMissing extends CloseError {
  constructor(message: string) {
    super(message);
    this.name = WORK_FILE_MISSING;
  }
}

/** The registry lacks what the close needs: the province imports it and closes again. */
export class RegistryMissing extends CloseError {
  constructor(message: string) {
    super(message);
    this.name = REGISTRY_MISSING;
  }
}

/**
 * The cycle a Task of the close works on. A draft is rendered again while the cycle stays
 * `draft` (so that the province may go on changing it), hence `draft` where the Task allows it.
 */
export async function closingCycle(year: number, statuses: readonly CycleRecord['status'][] = ['closing']): Promise<CycleRecord> {
  const cycle = await getCycle(year);
  if (!cycle) throw new CloseError(`No cycle ${year}`);
  if (!statuses.includes(cycle.status) || cycle.closingRevision === undefined) throw new CloseError(`Cycle ${year} is ${cycle.status}, not closing`);
  return cycle;
}

/** Records on the cycle the close step it is at (what the province's page shows), while it is closing. */
export async function recordCurrentStep(year: number, name: CloseStep | SignOffStep, statuses: CycleRecord['status'][] = ['closing']): Promise<void> {
  await updateCycle(year, { step: name }, { expectStatus: statuses }).catch((error: unknown) => {
    if (error instanceof WriteConflict) throw new CloseError(`Cycle ${year} stopped closing`);
    throw error;
  });
}

/** Thrown by AwaitClose when the close came first; the state machine catches it and closes. */
export class CloseAlreadyRequested extends Error {
  constructor(year: number) {
    super(`The close of ${year} was requested before its execution waited`);
    this.name = 'CloseAlreadyRequested';
  }
}

/** Thrown when the cycle has moved on to another execution: this one ends quietly. */
export class Superseded extends Error {
  constructor(execution: string) {
    super(`Execution ${execution} no longer runs this cycle`);
    this.name = 'Superseded';
  }
}

/**
 * AwaitClose: keeps the task token. If the close came first, goes on at once; if another
 * execution has taken the cycle over (a close started without this one), ends.
 */
export async function awaitClose(input: { year: number; taskToken: string; execution?: string }): Promise<Record<string, never>> {
  const current = await getCycle(input.year);
  if (!current || (input.execution && current.executionName !== input.execution)) throw new Superseded(input.execution ?? '?');
  const cycle = await updateCycle(input.year, { taskToken: input.taskToken });
  if (cycle.status === 'closing') throw new CloseAlreadyRequested(input.year);
  return {};
}

/** What CheckAutoClose tells the state machine: go on to close, wait again, or end. */
export interface AutoCloseDecision {
  year: number;
  mode: 'await';
  waitSeconds: number;
  next: 'close' | 'wait' | 'stop';
  /** freezes refused in a row because something else held the cycle (drives the backoff) */
  refusals: number;
}

/**
 * CheckAutoClose: the wait timed out (or was cut short by a wake-up). Close if the auto-close
 * time has come (or a close was requested for this very execution meanwhile); stop if another
 * execution took the close over; else wait again: until the due time, or, when due but not
 * closable yet, a short while, backing off while something else holds the cycle.
 */
export async function checkAutoClose(input: { year: number; execution: string; state?: { refusals?: unknown } }): Promise<AutoCloseDecision> {
  const previousRefusals = typeof input.state?.refusals === 'number' ? input.state.refusals : 0;
  const answer = (next: AutoCloseDecision['next'], waitSeconds = 1, refusals = 0): AutoCloseDecision => ({ year: input.year, mode: 'await', waitSeconds, next, refusals });
  const decideOn = (cycle: CycleRecord | null): AutoCloseDecision | undefined => {
    if (!cycle || cycle.executionName !== input.execution) return answer('stop');
    if (cycle.status === 'closing') return answer('close');
    if (cycle.status !== 'open') return answer('stop');
    return undefined;
  };
  const cycle = await getCycle(input.year);
  const at = now();
  const settled = decideOn(cycle);
  if (settled || !cycle) return settled ?? answer('stop');
  const due = cycle.autoCloseDueMs !== undefined && cycle.autoCloseDueMs <= at.getTime();
  if (!due) {
    // A reminder day's messages, before waiting again; with many associations the budget
    // runs out and the next check, a second later, goes on where this one stopped.
    const reminded = await sendDueReminders(cycle);
    return answer('wait', reminded.finished ? waitSecondsFor(reminded.cycle, now()) : 1);
  }
  // Due with no registry: the import wakes this execution; the short wait is the fallback.
  if (cycle.registryImportedAt === undefined) return answer('wait', DUE_RECHECK_SECONDS);
  if (await freezeForClose(cycle, at)) return answer('close');
  // Refused: either the status changed under us (decide on what it is now), or the cycle is
  // still open and something else holds it (an import committing). Never loop at once: that
  // burned both cores for as long as a crashed import's mark stayed fresh.
  const current = await getCycle(input.year);
  return decideOn(current) ?? answer('wait', heldBackoffSeconds(previousRefusals), previousRefusals + 1);
}

/** Freeze: the status flipped to closing when the close was requested; this fixes the revision. */
export async function freeze(input: { year: number }): Promise<CloseKeys> {
  const cycle = await closingCycle(input.year);
  await recordCurrentStep(input.year, 'Freeze');
  return { year: input.year, revision: cycle.closingRevision! };
}

/**
 * ReviewGate (the state keeps its name: the cycle's step shows it): records the step and lists
 * the units directly under the province, the ones AggregateUnits fans out over. It gates
 * nothing: each AggregateUnit reads the approved reports of its subtree itself.
 */
export async function listUnitsToAggregate(input: CloseKeys): Promise<CloseKeys & { units: string[] }> {
  const cycle = await closingCycle(input.year);
  await recordCurrentStep(input.year, 'ReviewGate');
  const units = await getUnits(input.year, cycle.registryVersion);
  const province = provinceOf(units);
  const children = units.filter((u) => u.parentCode === province.code).map((u) => u.code).sort();
  return { ...input, units: children };
}

/** AggregateUnit: one unit directly under the province, over its whole subtree. */
export async function aggregateUnit(input: CloseKeys & { unit: string }): Promise<{ unit: string }> {
  const cycle = await closingCycle(input.year);
  const units = await getUnits(input.year, cycle.registryVersion);
  const root = units.find((u) => u.code === input.unit);
  if (!root) throw new CloseError(`Unknown unit ${input.unit}`);
  const subtree = units.filter((u) => u.path === root.path || u.path.startsWith(`${root.path}/`));
  const associations = await getAssociations(cycle, root.path);
  const aggregate = aggregateSubtree(root.code, subtree, associations);
  await Promise.all([
    putWorkFile(workKey(input, `unit-${root.code}`), JSON.stringify(aggregate), 'application/json'),
    putWorkFile(workKey(input, `counts-${root.code}`), JSON.stringify(countsOf(aggregate)), 'application/json'),
  ]);
  return { unit: input.unit };
}

/**
 * A part without its rows of associations (the appendix, the proposals, the results): what
 * RollupProvince needs to count and to select, a tenth of the part. Only RenderReport reads
 * the rows, from the parts themselves (provinceTotal).
 */
const countsOf = (part: SubtreeAggregate): SubtreeAggregate => ({ ...part, appendix: [], proposals: [], results: [] });

/**
 * The province's total, merged from the parts: the province's own associations first (the
 * part RollupProvince writes), then each unit below it in the registry's order: the same data
 * gives the same files. A close resumed here after a RollupProvince that wrote the merged
 * total instead (before the parts were merged here) reads that total.
 */
export async function provinceTotal(keys: CloseKeys, units: Unit[]): Promise<SubtreeAggregate> {
  const province = provinceOf(units);
  const children = units.filter((u) => u.parentCode === province.code);
  // Side by side: an older close's units wrote their parts too, so reading them is never wasted.
  const [own, ...parts] = await Promise.all([
    getFile(workKey(keys, `unit-${province.code}`)),
    ...children.map((child) => readWork<SubtreeAggregate>(keys, `unit-${child.code}`)),
  ]);
  if (!own) return readWork<SubtreeAggregate>(keys, 'province');
  return mergeAggregates([JSON.parse(own.toString('utf8')) as SubtreeAggregate, ...(parts as SubtreeAggregate[])]);
}

/**
 * RollupProvince: the province's own associations as a part of their own, and the selection's
 * input (the candidates and the counts by level) from every part's counts. The merged total
 * is left to RenderReport, the one step that needs its rows.
 */
export async function rollupProvince(input: CloseKeys): Promise<CloseKeys> {
  const cycle = await closingCycle(input.year);
  await recordCurrentStep(input.year, 'RollupProvince');
  const units = await getUnits(input.year, cycle.registryVersion);
  const province = provinceOf(units);
  // Only the province's own associations (subtree keys `<province>/#code`): the units below
  // were read by AggregateUnit; reading the whole province again doubled the close's reads.
  // The units' counts read side by side with them (a province has a few dozen units below it
  // at most); a close resumed here after AggregateUnits that wrote no counts reads their parts.
  const children = units.filter((u) => u.parentCode === province.code);
  const [atProvince, counts] = await Promise.all([
    getAssociationsAt(cycle, province.path),
    Promise.all(children.map((child) => readWork<SubtreeAggregate>(input, `counts-${child.code}`, `unit-${child.code}`))),
  ]);
  const own = aggregateSubtree(province.code, [province], atProvince.filter((a) => a.unitCode === province.code));
  // Merged here too, though only the selection's input is kept: a total that cannot be added
  // up (a count past what is exact) fails this step, before anything is selected or drawn.
  const total = mergeAggregates([countsOf(own), ...counts]);
  await Promise.all([
    putWorkFile(workKey(input, `unit-${province.code}`), JSON.stringify(own), 'application/json'),
    putWorkFile(workKey(input, 'selection'), JSON.stringify(selectionOf(total)), 'application/json'),
  ]);
  return input;
}

/**
 * What SelectCommendations reads, written by RollupProvince: not the province's total, which
 * at 100,000 associations is ~21 MB, nine tenths of it the results that only RenderReport needs.
 */
interface SelectionInput {
  candidates: SubtreeAggregate['candidates'];
  byLevel: SubtreeAggregate['associations']['byLevel'];
}

const selectionOf = (total: SubtreeAggregate): SelectionInput => ({ candidates: total.candidates, byLevel: total.associations.byLevel });

/** A work file of this close, parsed; the file `fallback` instead when it is missing, if given. */
export async function readWork<T>(keys: CloseKeys, name: string, fallback?: string): Promise<T> {
  const body = (await getFile(workKey(keys, name))) ?? (fallback === undefined ? null : await getFile(workKey(keys, fallback)));
  if (!body) throw new WorkFileMissing(`Missing intermediate file ${name} of ${keys.year} revision ${keys.revision}`);
  return JSON.parse(body.toString('utf8')) as T;
}

/**
 * SelectCommendations: per-level quota, ranking, awards; deterministic. Also tells the state
 * machine whether a draft waits for the province's sign-off first: when the configuration asks
 * for one and the province has not already asked to publish (a close resumed after that goes
 * straight to the final files).
 */
export async function selectCommendations(input: CloseKeys): Promise<CloseKeys & { signOff: boolean }> {
  const cycle = await closingCycle(input.year);
  await recordCurrentStep(input.year, 'SelectCommendations');
  const selection = await readWork<SelectionInput>(input, 'selection').catch(async (error: unknown) => {
    if (!(error instanceof WorkFileMissing)) throw error;
    // A close resumed here after a RollupProvince that wrote only the total (before this file was split off).
    return selectionOf(await readWork<SubtreeAggregate>(input, 'province'));
  });
  const commended = selectCommended(selection.candidates, selection.byLevel, cycle.config.commendation);
  await putWorkFile(workKey(input, 'commended'), JSON.stringify(commended), 'application/json');
  return { year: input.year, revision: input.revision, signOff: cycle.config.signOff === true && cycle.publishRequested === undefined };
}

/** Thrown when the province asked to publish while no token waited; the state machine catches it and renders the final files. */
export class PublishAlreadyRequested extends Error {
  constructor(year: number) {
    super(`Publication of ${year} was requested while no sign-off token waited`);
    this.name = 'PublishAlreadyRequested';
  }
}

/** Thrown when the details changed while the draft rendered; the state machine catches it and renders again. */
export class DocumentChanged extends Error {
  constructor(year: number) {
    super(`The document details of ${year} changed while its draft was rendered`);
    this.name = 'DocumentChanged';
  }
}

/**
 * RecordDraft: the draft RenderDraft wrote is the cycle's draft: status `draft`, draftRevision
 * raised. Refused by its own condition once a publication was asked for (the status must stay
 * closing then): that goes on to the final files.
 */
export async function recordDraft(input: CloseKeys & { documentVersion: number }): Promise<CloseKeys> {
  if (!(await recordDraftRendered(input.year, input.documentVersion))) {
    const cycle = await getCycle(input.year);
    if (cycle?.publishRequested !== undefined && cycle.status === 'closing') throw new PublishAlreadyRequested(input.year);
    throw new CloseError(`Cycle ${input.year} is ${cycle?.status ?? 'missing'}: its draft cannot be recorded`);
  }
  return { year: input.year, revision: input.revision };
}

/**
 * AwaitSignOff: keeps the task token that PATCH /document (render again) or POST /publish
 * (publish) sends back. The token is stored only if nothing happened while the draft was
 * rendered; else the state machine catches what did: a publication requested
 * (PublishAlreadyRequested), newer details (DocumentChanged), another execution (Superseded).
 */
export async function awaitSignOff(input: CloseKeys & { taskToken: string; execution: string }): Promise<Record<string, never>> {
  if (await storeSignOffToken(input.year, input.taskToken, input.execution)) return {};
  const cycle = await getCycle(input.year);
  if (!cycle || cycle.executionName !== input.execution) throw new Superseded(input.execution);
  if (cycle.publishRequested !== undefined && cycle.status === 'closing') throw new PublishAlreadyRequested(input.year);
  if (cycle.status === 'draft' && (cycle.documentVersion ?? 0) !== (cycle.draftDocumentVersion ?? 0)) throw new DocumentChanged(input.year);
  throw new CloseError(`Cycle ${input.year} is ${cycle.status}: no sign-off to wait for`);
}

/** Publish: the revision becomes the published one; the cycle waits for nothing more. */
export async function publish(input: PublishKeys): Promise<CloseKeys> {
  const cycle = await closingCycle(input.year);
  // Never publish files whose digests are unknown: they could not be checked when served.
  if (!input.sha256) throw new CloseError(`Publish of ${input.year} revision ${input.revision} got no file digests from RenderReport`);
  const publishedAt = cycle.closeRequestedAt ?? now().toISOString();
  await putRevision(input.year, { revision: input.revision, publishedAt, files: publishedFiles(input.year, input.revision), sha256: input.sha256 });
  await updateCycle(
    input.year,
    { status: 'published', revision: input.revision, publishedAt, step: 'Published' },
    // The auto-close time was the first close's: a reopened round is closed by the province.
    {
      expectStatus: ['closing'],
      remove: ['taskToken', 'reopenedFor', 'closingRevision', 'failure', 'autoCloseDueMs', 'publishRequested', 'draftRevision', 'documentVersion', 'draftDocumentVersion'],
    },
  );
  return { year: input.year, revision: input.revision };
}

/**
 * RecordFailure: close_failed with the kind of failure and the step, so the province sees
 * what went wrong (in words written for it) and can trigger again. The raw cause, which on
 * AWS names ARNs and the account, goes to the logs only, under a reference the province's
 * message shows, so an operator finds the line it speaks of.
 */
export async function recordFailure(input: { year: number; error?: string; cause?: string }): Promise<{ year: number; cause: string }> {
  const caught = readCaught(input.error, input.cause);
  const failure: CloseFailure = {
    kind: classifyFailure(caught),
    reference: failureReference(),
    at: now().toISOString(),
    step: (await getCycle(input.year))?.step ?? null,
  };
  console.error(
    JSON.stringify({
      level: 'error',
      event: 'close_failed',
      reference: failure.reference,
      year: input.year,
      step: failure.step,
      kind: failure.kind,
      error: caught.name,
      message: caught.message.slice(0, 4000),
      cause: (input.cause ?? '').slice(0, 8000),
    }),
  );
  await updateCycle(
    input.year,
    { status: 'close_failed', failure, step: 'CloseFailed' },
    // A draft rendered again fails while the cycle is `draft`.
    { expectStatus: ['closing', 'draft'], remove: ['taskToken'] },
  ).catch((error: unknown) => {
    if (!(error instanceof WriteConflict)) throw error;
  });
  // The execution's own cause (its Fail state): the kind and the reference, not the raw text.
  return { year: input.year, cause: `${failure.kind} failure at ${failure.step ?? '?'} (reference ${failure.reference})` };
}

/** Short enough to read out on the telephone, unique enough to find one log line. */
const failureReference = () => `TK-${randomBytes(5).toString('hex').toUpperCase()}`;

/** The registry's root: the unit without a parent, a province or a district running its own cycle. */
export function provinceOf(units: Unit[]): Unit {
  const root = units.find((u) => u.parentCode === null);
  if (!root) throw new RegistryMissing('The registry has no root unit: import it before closing');
  return root;
}
