// When reminders go out and what they say (SPEC section 3): 08:00 in Vietnam on each day
// `reminders.daysBefore` names, the same day only, in plain Vietnamese with the access link.
import { describe, expect, it } from 'vitest';
import { waitSecondsFor } from '../../shared/app/cycles.ts';
import { dueReminderDate, nextReminderInstant, reminderDates, reminderMessage, returnedMessage } from '../../shared/domain/reminders.ts';
import type { CycleConfig } from '../../shared/domain/types.ts';

const at = (iso: string) => Date.parse(iso);

describe('reminder days', () => {
  it('counts days back from the deadline, earliest first, each once', () => {
    expect(reminderDates('2020-12-15', [1, 7, 7])).toEqual(['2020-12-08', '2020-12-14']);
    expect(reminderDates('2021-03-01', [1])).toEqual(['2021-02-28']);
    expect(reminderDates('2020-12-15', [0])).toEqual(['2020-12-15']);
    expect(reminderDates('2020-12-15', [])).toEqual([]);
  });

  it('is due from 08:00 in Vietnam until that day ends there, not before and not the day after', () => {
    const days = [7, 1];
    expect(dueReminderDate('2020-12-15', days, at('2020-12-08T07:59:59+07:00'))).toBeNull();
    expect(dueReminderDate('2020-12-15', days, at('2020-12-08T08:00:00+07:00'))).toBe('2020-12-08');
    // 08:00 in Vietnam is 01:00 UTC: a server on UTC sees the same instant.
    expect(dueReminderDate('2020-12-15', days, at('2020-12-08T01:00:00Z'))).toBe('2020-12-08');
    expect(dueReminderDate('2020-12-15', days, at('2020-12-08T23:59:59+07:00'))).toBe('2020-12-08');
    // Back a day late: yesterday's reminder is not sent now.
    expect(dueReminderDate('2020-12-15', days, at('2020-12-09T10:00:00+07:00'))).toBeNull();
    expect(dueReminderDate('2020-12-15', days, at('2020-12-14T09:30:00+07:00'))).toBe('2020-12-14');
  });

  it('wakes the waiting execution at the next reminder, or at the auto-close if that comes first', () => {
    expect(nextReminderInstant('2020-12-15', [7, 1], at('2020-12-01T00:00:00+07:00'))).toBe(at('2020-12-08T08:00:00+07:00'));
    expect(nextReminderInstant('2020-12-15', [7, 1], at('2020-12-08T08:00:00+07:00'))).toBe(at('2020-12-14T08:00:00+07:00'));
    expect(nextReminderInstant('2020-12-15', [7, 1], at('2020-12-14T08:00:01+07:00'))).toBeNull();
    const config = (reminders: number[]) => ({ deadline: '2020-12-15', reminders: { daysBefore: reminders } }) as unknown as CycleConfig;
    const open = { status: 'open' as const, revision: 0, registryVersion: 1 };
    const now = new Date('2020-12-08T07:00:00+07:00');
    expect(waitSecondsFor({ ...open, config: config([7]) }, now)).toBe(3600);
    expect(waitSecondsFor({ ...open, config: config([7]), autoCloseDueMs: now.getTime() + 60_000 }, now)).toBe(60);
    expect(waitSecondsFor({ ...open, config: config([]) }, now)).toBe(20 * 86_400);
    // On a reminder day after 08:00 (opened late, woken late): at once, until the day is handled.
    const late = new Date('2020-12-08T10:00:00+07:00');
    expect(waitSecondsFor({ ...open, config: config([7, 1]) }, late)).toBe(1);
    expect(waitSecondsFor({ ...open, config: config([7, 1]), remindedOn: '2020-12-08' }, late)).toBe(6 * 86_400 - 2 * 3600);
    // Not for a cycle reopened after publication, nor before its registry.
    expect(waitSecondsFor({ ...open, revision: 1, reopenedFor: ['A'], config: config([7, 1]) }, late)).toBe(6 * 86_400 - 2 * 3600);
    expect(waitSecondsFor({ ...open, registryVersion: undefined, config: config([7, 1]) }, late)).toBe(6 * 86_400 - 2 * 3600);
  });
});

describe('the messages', () => {
  const contact = { name: 'Văn phòng Ban Dân vận Tỉnh ủy', phone: '0213 3876 543' };

  it('reminds with the deadline, what is left, the link and whom to call', () => {
    const m = reminderMessage({ name: 'Hội Người cao tuổi xã Bản Bo', year: 2020, deadline: '2020-12-15', reminderDate: '2020-12-08', link: 'https://x.vn/?year=2020&token=T', contact });
    expect(m.subject).toBe('Nhắc nộp báo cáo tổng kết năm 2020 (hạn 15/12/2020)');
    expect(m.text).toContain('Kính gửi Hội Người cao tuổi xã Bản Bo,');
    expect(m.text).toContain('là ngày 15/12/2020 (còn 7 ngày)');
    expect(m.text).toContain('\nhttps://x.vn/?year=2020&token=T\n');
    expect(m.text).toContain('liên hệ Văn phòng Ban Dân vận Tỉnh ủy, điện thoại 0213 3876 543');
    expect(reminderMessage({ name: 'H', year: 2020, deadline: '2020-12-15', reminderDate: '2020-12-14', link: 'L', contact: null }).text).toContain('(ngày mai)');
  });

  it('tells a returned report with the reviewer’s comment as written', () => {
    const m = returnedMessage({ name: 'Hội Khuyến học xã Vũ Lâm', year: 2020, version: 2, comment: 'Số hội viên chưa khớp sổ sách.\nXin kiểm tra lại.', link: 'L', contact: null });
    expect(m.subject).toBe('Báo cáo tổng kết năm 2020 được trả lại để chỉnh sửa');
    expect(m.text).toContain('(phiên bản 2) đã được trả lại với ý kiến:\n\nSố hội viên chưa khớp sổ sách.\nXin kiểm tra lại.\n');
  });
});
