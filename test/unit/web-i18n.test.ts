// The pages' one dictionary (web/lib/i18n.ts): complete in both languages, consistent in its
// placeholders, and in the domain's words for labels, ratings and close steps.
import { describe, expect, it } from 'vitest';
import { CLOSE_STEP_LABELS, CLOSE_STEPS } from '../../shared/domain/close-steps.ts';
import { RATING_LABELS, REPORT_FIELD_LABELS } from '../../shared/domain/labels.ts';
import { DICTIONARY, entriesOf, fill, langOf, translator } from '../../web/lib/i18n.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the dictionary', () => {
  for (const [section, entries] of Object.entries(DICTIONARY)) {
    it(`${section}: every key has a Vietnamese and an English text, with the same placeholders`, () => {
      expect(Object.keys(entries).length).toBeGreaterThan(5);
      for (const [key, entry] of Object.entries(entries)) {
        expect(entry, key).toHaveLength(2);
        const [vi, en] = entry as readonly [string, string];
        expect(vi.trim(), `${section}.${key} vi`).not.toBe('');
        expect(en.trim(), `${section}.${key} en`).not.toBe('');
        expect(placeholders(en), `${section}.${key}`).toEqual(placeholders(vi));
      }
    });
  }

  it('takes the field labels, ratings and close steps from the domain', () => {
    for (const page of ['form', 'review', 'province'] as const) {
      const entries = entriesOf(page);
      for (const [name, label] of Object.entries(REPORT_FIELD_LABELS)) expect(entries[`f_${name}`]).toEqual([label.vi, label.en]);
      for (const [rating, label] of Object.entries(RATING_LABELS)) expect(entries[`r_${rating}`]).toEqual([label.vi, label.en]);
      for (const step of CLOSE_STEPS) expect(entries[`step_${step}`]).toEqual([CLOSE_STEP_LABELS[step].vi, CLOSE_STEP_LABELS[step].en]);
    }
  });

  it("a page's own entry wins over a shared one of the same key", () => {
    expect(entriesOf('review').docTitle![0]).toBe('Duyệt báo cáo — Tổng kết');
    expect(entriesOf('province').docTitle![0]).toBe('Văn phòng tỉnh — Tổng kết');
  });
});

describe('t()', () => {
  it('fills placeholders, leaves unknown ones, and shows an unknown key as is', () => {
    const vi = translator(DICTIONARY.review, 'vi');
    const en = translator(DICTIONARY.review, 'en');
    expect(vi('titleYear', { year: 2020 })).toBe('Duyệt báo cáo năm 2020');
    expect(en('titleYear', { year: 2020 })).toBe('Review the 2020 reports');
    expect(en('serverError', { status: 503 })).toBe('The server answered with error 503.');
    expect(fill('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(vi('no-such-key' as 'title')).toBe('no-such-key');
  });

  it('Vietnamese unless English was chosen with the switch (the browser’s language is not asked)', () => {
    expect(langOf('en')).toBe('en');
    expect(langOf('vi')).toBe('vi');
    expect(langOf(null)).toBe('vi');
    expect(langOf(undefined)).toBe('vi');
    // Only the switch's own values count: anything else stored there is Vietnamese.
    expect(langOf('en-GB')).toBe('vi');
    expect(langOf('fr')).toBe('vi');
  });
});
