// The pages' numbers and dates (web/lib/format.ts) and the form's hints (web/lib/form-hints.ts).
import { describe, expect, it } from 'vitest';
import { REPORT_LIMITS } from '../../shared/domain/labels.ts';
import { formatCount, formatDate, formatDateTime } from '../../web/lib/format.ts';
import { fieldHint } from '../../web/lib/form-hints.ts';

describe('formatCount', () => {
  it('groups Vietnamese with dots and English with commas', () => {
    expect(formatCount(180455, 'vi')).toBe('180.455');
    expect(formatCount(180455, 'en')).toBe('180,455');
    expect(formatCount(1234.5, 'vi')).toBe('1.234,5');
    expect(formatCount(1234.5, 'en')).toBe('1,234.5');
    expect(formatCount(-42, 'vi')).toBe('-42');
    expect(formatCount(0, 'en')).toBe('0');
  });

  it('shows a dash for nothing and anything else as written', () => {
    expect(formatCount(null, 'vi')).toBe('—');
    expect(formatCount(undefined, 'en')).toBe('—');
    expect(formatCount('12', 'vi')).toBe('12');
    expect(formatCount(Number.NaN, 'vi')).toBe('NaN');
  });
});

describe('dates', () => {
  it('writes a day as dd/mm/yyyy', () => {
    expect(formatDate('2020-12-15')).toBe('15/12/2020');
    expect(formatDate(undefined)).toBe('—');
    expect(formatDate('soon')).toBe('soon');
  });

  it('writes an instant in Vietnam time (UTC+7), whatever the machine’s zone', () => {
    expect(formatDateTime('2020-12-18T07:05:00Z')).toBe('18/12/2020 14:05');
    expect(formatDateTime('2020-12-31T17:30:00Z')).toBe('01/01/2021 00:30');
    expect(formatDateTime('2020-12-18T14:05:00+07:00')).toBe('18/12/2020 14:05');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('not a date')).toBe('not a date');
  });
});

describe('the form hints', () => {
  it('name the API’s limits, in the page’s language', () => {
    expect(fieldHint('members', 'vi')).toBe('Số nguyên từ 0 đến 10.000.000, chỉ nhập chữ số.');
    expect(fieldHint('members', 'en')).toBe('A whole number from 0 to 10,000,000, digits only.');
    expect(fieldHint('achievements', 'vi')).toContain(`Tối đa ${formatCount(REPORT_LIMITS.text, 'vi')} ký tự`);
    expect(fieldHint('submittedBy', 'en')).toContain(`at most ${REPORT_LIMITS.submittedBy} characters`);
    expect(fieldHint('selfRating', 'vi')).toBe('Chọn một mức.');
  });
});
