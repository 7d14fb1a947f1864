// Reminders and notices (SPEC section 3): on each reminder day, every expected association
// with no version is reminded; an association is told when its report is returned. Every
// message is claimed in the outbox before it leaves, so none is sent twice whatever restarts.
import { updateCycle, type CycleRecord } from '../adapters/cycle-store.ts';
import { currentMailer, type MailMessage } from '../adapters/mailer.ts';
import { claimOutboxItem, listOutbox, reminderId, returnedNoticeId, settleOutboxItem, type MessageKind, type OutboxItem } from '../adapters/outbox-store.ts';
import { getExpectedRowsPage, getUnits } from '../adapters/registry-store.ts';
import { getReportStates } from '../adapters/report-store.ts';
import { now } from '../adapters/clock.ts';
import { dueReminderDate, reminderMessage, remindersApply, returnedMessage, type OfficeContact } from '../domain/reminders.ts';
import { loadCycle, nowIso } from './common.ts';
import { associationLink } from './links.ts';
import { telemetryFor } from '../observability/telemetry.ts';
import { environment } from '../env.ts';

/** How long one CheckAutoClose spends sending before it hands over to the next (its task times out at a minute). */
export const REMINDER_BUDGET_MS = 40_000;

/** Where the links in messages point: the pages' address (PUBLIC_BASE_URL; the stack sets it), else the embedded server's. */
const messageBaseUrl = (): string | undefined => {
  const env = environment();
  return (env.PUBLIC_BASE_URL ?? env.TONGKET_EMBEDDED_URL)?.replace(/\/+$/u, '');
};
const log = () => telemetryFor('notices').logger;
const contactOf = (cycle: CycleRecord): OfficeContact | null => (cycle.config as { contact?: OfficeContact }).contact ?? null;

/** Sends one message unless it was claimed before; a failure to send is recorded, never thrown. */
async function deliver(year: number, id: string, kind: MessageKind, association: string, message: MailMessage): Promise<'sent' | 'skipped' | 'failed' | 'unsent'> {
  const claimed = await claimOutboxItem(year, id, { association, to: message.to, kind, at: nowIso(), subject: message.subject });
  if (!claimed) return 'skipped';
  const mailer = currentMailer();
  if (!mailer) {
    await settleOutboxItem(year, id, 'unsent');
    return 'unsent';
  }
  try {
    await mailer.send(message);
    await settleOutboxItem(year, id, 'sent');
    return 'sent';
  } catch (error) {
    log().warn('message not sent', { year, association, kind, error: String(error) });
    await settleOutboxItem(year, id, 'failed', String(error));
    return 'failed';
  }
}

/**
 * The reminders due now, if today is a reminder day past 08:00 in Vietnam. `finished` is false
 * when the time budget ran out with associations left (the caller comes back at once; those
 * already claimed are skipped); `cycle` is the record as it is after the pass.
 */
export async function sendDueReminders(cycle: CycleRecord, budgetMs = REMINDER_BUDGET_MS): Promise<{ finished: boolean; cycle: CycleRecord }> {
  const done = { finished: true, cycle };
  const started = Date.now();
  // Not after the close: a cycle reopened for a lock exception is open again, but its year is over.
  if (!remindersApply(cycle) || !cycle.registryVersion) return done;
  const date = dueReminderDate(cycle.config.deadline, cycle.config.reminders.daysBefore, now().getTime());
  if (!date || cycle.remindedOn === date) return done;
  const root = (await getUnits(cycle.year, cycle.registryVersion)).find((u) => u.parentCode === null);
  if (!root) return done;
  const base = messageBaseUrl();
  // Only before the embedded server has started (on AWS the stack always sets it): a moment later.
  if (!base) return { finished: false, cycle };
  let after: string | null = null;
  do {
    const page = await getExpectedRowsPage({ year: cycle.year, version: cycle.registryVersion, unitPath: root.path, after, limit: 100 });
    const states = await getReportStates(cycle.year, page.rows.map((r) => r.code));
    for (const row of page.rows) {
      if (!row.email || (states.get(row.code)?.version ?? 0) > 0) continue;
      const link = await associationLink(cycle.year, row.code, base);
      const text = reminderMessage({ name: row.name, year: cycle.year, deadline: cycle.config.deadline, reminderDate: date, link, contact: contactOf(cycle) });
      await deliver(cycle.year, reminderId(date, row.code), 'remind', row.code, { to: row.email, ...text });
      if (Date.now() - started > budgetMs) return { finished: false, cycle };
    }
    after = page.next;
  } while (after);
  return { finished: true, cycle: await updateCycle(cycle.year, { remindedOn: date }) };
}

/** Tells the association its report was returned, once per return (keyed by the history event). */
export async function notifyReturned(args: { cycle: CycleRecord; association: { code: string; name: string; email?: string }; version: number; comment: string; historySeq: number }): Promise<void> {
  const { cycle, association } = args;
  if (!association.email) return;
  try {
    const base = messageBaseUrl();
    if (!base) throw new Error('PUBLIC_BASE_URL is not set: no link to send');
    const link = await associationLink(cycle.year, association.code, base);
    const text = returnedMessage({ name: association.name, year: cycle.year, version: args.version, comment: args.comment, link, contact: contactOf(cycle) });
    await deliver(cycle.year, returnedNoticeId(association.code, args.historySeq), 'returned', association.code, { to: association.email, ...text });
  } catch (error) {
    // The return itself is committed; a notice that could not even be recorded is logged.
    log().warn('return notice not recorded', { year: cycle.year, association: association.code, error: String(error) });
  }
}

export interface OutboxView {
  items: Pick<OutboxItem, 'association' | 'to' | 'kind' | 'at' | 'subject' | 'state'>[];
  /** expected associations with no email: no reminder or notice can reach them */
  unreachable: string[];
}

/** GET /cycles/{year}/outbox: the province's view of what was sent, and who cannot be reached. */
export async function outboxView(year: number): Promise<OutboxView> {
  const cycle = await loadCycle(year);
  const unreachable: string[] = [];
  if (cycle.registryVersion) {
    const root = (await getUnits(year, cycle.registryVersion)).find((u) => u.parentCode === null);
    let after: string | null = null;
    while (root) {
      const page = await getExpectedRowsPage({ year, version: cycle.registryVersion, unitPath: root.path, after, limit: 500 });
      for (const row of page.rows) if (!row.email) unreachable.push(row.code);
      after = page.next;
      if (!after) break;
    }
  }
  return { items: await listOutbox(year), unreachable: unreachable.sort() };
}
