// Reminders and notices (SPEC section 3), pure: on which days and at what instant an
// association that has not submitted is reminded, and the words of the messages. Vietnam keeps
// UTC+7 all year, so "08:00 Asia/Ho_Chi_Minh" is a fixed offset.

/** The hour of the day, in Vietnam, at which a reminder day's messages go out. */
export const REMINDER_HOUR = 8;
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` shifted by whole days (calendar arithmetic on the date alone). */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The reminder days of a deadline, earliest first: `daysBefore` 7 and 1 of 2020-12-15 are 12-08 and 12-14. */
export function reminderDates(deadline: string, daysBefore: readonly number[]): string[] {
  return [...new Set(daysBefore)].map((d) => addDays(deadline, -d)).sort();
}

/** 08:00 in Vietnam on that day, as epoch milliseconds. */
export function reminderInstant(date: string): number {
  return Date.parse(`${date}T${String(REMINDER_HOUR).padStart(2, '0')}:00:00+07:00`);
}

/** The end of that day in Vietnam: a reminder day's messages not sent by then are not sent at all. */
function endOfDayInVietnam(date: string): number {
  return Date.parse(`${date}T23:59:59.999+07:00`);
}

/**
 * The reminder day whose messages are due at `atMs`: its 08:00 has come and the day has not
 * ended in Vietnam. A runtime that was down at 08:00 still reminds later that day; one that
 * comes back a day late does not send yesterday's reminder.
 */
export function dueReminderDate(deadline: string, daysBefore: readonly number[], atMs: number): string | null {
  for (const date of reminderDates(deadline, daysBefore)) {
    if (reminderInstant(date) <= atMs && atMs <= endOfDayInVietnam(date)) return date;
  }
  return null;
}

/** Reminders go out for the year's first close only: not before a registry, not for a cycle reopened after publication. */
export function remindersApply(cycle: { status: string; revision: number; reopenedFor?: string[]; registryVersion?: number }): boolean {
  return cycle.status === 'open' && cycle.revision === 0 && !cycle.reopenedFor && cycle.registryVersion !== undefined;
}

/** The next reminder instant after `atMs`, or null when none is left. */
export function nextReminderInstant(deadline: string, daysBefore: readonly number[], atMs: number): number | null {
  for (const date of reminderDates(deadline, daysBefore)) {
    const instant = reminderInstant(date);
    if (instant > atMs) return instant;
  }
  return null;
}

export interface OfficeContact {
  name: string;
  phone: string;
  email?: string;
}

export interface MessageText {
  subject: string;
  text: string;
}

/** "dd/mm/yyyy", as a date is written in a short message. */
function shortDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

function signature(contact: OfficeContact | null): string[] {
  if (!contact) return ['', 'Tin nhắn này được gửi tự động từ hệ thống Tổng kết.'];
  return ['', `Cần hỗ trợ, xin liên hệ ${contact.name}, điện thoại ${contact.phone}${contact.email ? `, email ${contact.email}` : ''}.`, 'Tin nhắn này được gửi tự động từ hệ thống Tổng kết.'];
}

/** The reminder to an association that has not submitted: short, plain, with its link. */
export function reminderMessage(args: { name: string; year: number; deadline: string; reminderDate: string; link: string; contact: OfficeContact | null }): MessageText {
  const days = Math.round((Date.parse(`${args.deadline}T00:00:00Z`) - Date.parse(`${args.reminderDate}T00:00:00Z`)) / DAY_MS);
  const when = days === 0 ? 'hôm nay' : days === 1 ? 'ngày mai' : `còn ${days} ngày`;
  return {
    subject: `Nhắc nộp báo cáo tổng kết năm ${args.year} (hạn ${shortDate(args.deadline)})`,
    text: [
      `Kính gửi ${args.name},`,
      '',
      `Hạn nộp báo cáo tổng kết năm ${args.year} là ngày ${shortDate(args.deadline)} (${when}). Hệ thống chưa nhận được báo cáo của Hội.`,
      'Xin mời Hội mở đường link dưới đây để điền và nộp báo cáo (dùng được trên điện thoại):',
      args.link,
      ...signature(args.contact),
    ].join('\n'),
  };
}

/** The notice that a report was returned: the reviewer's comment and the link to correct it. */
export function returnedMessage(args: { name: string; year: number; version: number; comment: string; link: string; contact: OfficeContact | null }): MessageText {
  return {
    subject: `Báo cáo tổng kết năm ${args.year} được trả lại để chỉnh sửa`,
    text: [
      `Kính gửi ${args.name},`,
      '',
      `Báo cáo tổng kết năm ${args.year} của Hội (phiên bản ${args.version}) đã được trả lại với ý kiến:`,
      '',
      args.comment,
      '',
      'Xin mời Hội mở đường link dưới đây, chỉnh sửa và nộp lại báo cáo:',
      args.link,
      ...signature(args.contact),
    ].join('\n'),
  };
}
