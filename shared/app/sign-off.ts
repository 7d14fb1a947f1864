// The province's sign-off of a draft report (SPEC section 3): changing the document details
// (each change renders the draft again) and publishing. Every decision is the condition of a
// write (shared/adapters/cycle-store.ts): a read only chooses the words of a refusal.
import { now } from '../adapters/clock.ts';
import { applyDocumentDetails, markPublishRequested, updateCycle, type CycleRecord } from '../adapters/cycle-store.ts';
import { executionName, workflow, type CycleExecutionInput } from '../adapters/workflow.ts';
import { validateDocumentDetails } from '../domain/cycle-config.ts';
import { loadCycle } from './common.ts';
import { STALE_TOKEN_ERRORS } from './cycles.ts';
import { Conflict, invalid } from './errors.ts';
import { msg } from './messages.ts';

/** Why a cycle is refused a change or a publication: publication asked for already, or not a draft. */
async function refusal(year: number): Promise<Conflict> {
  const cycle = await loadCycle(year);
  if (cycle.publishRequested !== undefined) return new Conflict(msg.publishAlreadyRequested(year));
  return new Conflict(msg.notDraft(year, cycle.status));
}

/**
 * PATCH /cycles/{year}/document: the changed details go into the configuration, documentVersion
 * is raised, and the waiting execution (if it waits: else it finds the newer version itself
 * when it stores its token) renders the draft again.
 */
export async function changeDocumentDetails(year: number, body: unknown): Promise<{ status: 'draft'; draftRevision: number; documentVersion: number }> {
  const validated = validateDocumentDetails(body);
  if (!validated.ok) throw invalid(msg.documentDetailsInvalid(), validated.fields);
  const before = await applyDocumentDetails(year, validated.value);
  if (!before) throw await refusal(year);
  if (before.taskToken) await resume(before, { action: 'render' }, { year, mode: 'signoff', revision: before.closingRevision! });
  return { status: 'draft', draftRevision: before.draftRevision ?? 0, documentVersion: (before.documentVersion ?? 0) + 1 };
}

/**
 * POST /cycles/{year}/publish: from the draft, the final files are rendered and published by
 * the same execution. Asked twice, the second finds the request made and starts nothing.
 */
export async function requestPublish(year: number): Promise<{ status: 'publishing' | 'published'; revision: number }> {
  const before = await markPublishRequested(year, now().toISOString());
  if (!before) {
    const cycle = await loadCycle(year);
    // The same request again: the same answer, nothing more started.
    if (cycle.publishRequested !== undefined && cycle.status === 'closing') return { status: 'publishing', revision: cycle.closingRevision ?? cycle.revision };
    throw await refusal(year);
  }
  const revision = before.closingRevision!;
  if (before.taskToken) await resume(before, { action: 'publish' }, { year, mode: 'close' });
  // No token: the execution is rendering a draft; it finds the request when it records the
  // draft or stores its token, and goes on to the final files.
  return { status: 'publishing', revision };
}

/**
 * Sends the waiting execution its answer. A token that no longer waits (the local runtime
 * stopped, or the wait timed out at that instant) gets a new execution that takes it from
 * there: `signoff` (finds the newer details and renders) or `close` (finds the request and
 * publishes).
 */
async function resume(cycle: CycleRecord, answer: { action: 'render' | 'publish' }, fallback: CycleExecutionInput): Promise<void> {
  try {
    await workflow().sendTaskSuccess(cycle.taskToken!, answer);
  } catch (error) {
    if (!STALE_TOKEN_ERRORS.has((error as { name?: string }).name ?? '')) throw error;
    const at = now();
    const name = executionName(cycle.year, cycle.closingRevision ?? cycle.revision + 1, fallback.mode, at);
    await updateCycle(cycle.year, { executionName: name, executionStartedAt: at.toISOString() });
    await workflow().start(name, fallback);
  }
}
