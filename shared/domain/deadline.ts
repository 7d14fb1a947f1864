// The deadline rule, pure: a report is on time until the end of the deadline day in Vietnam
// (Asia/Ho_Chi_Minh, UTC+7 all year). The API decides lateness with it; the form page uses it
// to say beforehand that a submission will count as late.

/** The last millisecond of the deadline day (YYYY-MM-DD) in Vietnam, as epoch milliseconds; NaN for a bad date. */
export function deadlineInstant(deadline: string): number {
  return Date.parse(`${deadline}T23:59:59.999+07:00`);
}

/** Whether a submission at `at` (epoch ms) would count as late. */
export function isPastDeadline(deadline: string, at: number): boolean {
  const end = deadlineInstant(deadline);
  return !Number.isNaN(end) && at > end;
}
