// The form page's own rules, without a browser (web/lib/form-checks.ts, token.ts, contact.ts):
// the checks agree with the server's validation on what they check, money regroups with the
// caret after the same digit, a pasted link gives its token and year.
import { describe, expect, it } from 'vitest';
import { validateReport } from '../../shared/domain/report.ts';
import { contactOf, telHref } from '../../web/lib/contact.ts';
import { formatCount } from '../../web/lib/format.ts';
import { checkReport, parseCount, regroup, textLength, type RawReport } from '../../web/lib/form-checks.ts';
import { form, translator } from '../../web/lib/i18n.ts';
import { readPastedLink } from '../../web/lib/token.ts';

const say = { t: translator(form, 'vi'), count: (n: number) => formatCount(n, 'vi') };
const raw = (fields: Partial<RawReport> = {}): RawReport => ({
  members: '120',
  newMembers: '',
  branches: '',
  charityEvents: '',
  charityFundsVnd: '',
  legalEducationSessions: '',
  selfRating: 'good',
  nominate: false,
  achievements: '',
  limitations: '',
  proposals: '',
  submittedBy: 'Lò Văn Hùng',
  ...fields,
});

describe('the form’s checks', () => {
  it('lists every problem at once, in the form’s order', () => {
    const { problems } = checkReport(raw({ members: '', submittedBy: ' ', selfRating: '', newMembers: '4O', nominate: true }), say);
    expect(Object.keys(problems)).toEqual(['members', 'newMembers', 'selfRating', 'achievements', 'submittedBy']);
    expect(problems.selfRating).toBe('Vui lòng chọn mức tự đánh giá.');
  });

  it('sends what the server accepts, money as the plain number', () => {
    const { problems, body } = checkReport(raw({ members: '1.200', newMembers: '40', charityFundsVnd: '1.250.000', limitations: 'Thiếu kinh phí' }), say);
    expect(problems).toEqual({});
    expect(body).toMatchObject({ members: 1200, newMembers: 40, charityFundsVnd: 1250000, selfRating: 'good', nominate: false, limitations: 'Thiếu kinh phí' });
    expect(validateReport(body, 'json')).toMatchObject({ ok: true, value: { charityFundsVnd: 1250000 } });
  });

  it('agrees with the server on the limits: what it passes the server passes, what it refuses the server refuses', () => {
    const cases: Partial<RawReport>[] = [
      { members: '10000000' },
      { members: '10000001' },
      { members: '10', newMembers: '11' },
      { charityFundsVnd: '10.000.000.000.000' },
      { charityFundsVnd: '10.000.000.000.001' },
      { achievements: 'ệ'.normalize('NFD').repeat(5000) },
      { achievements: 'x'.repeat(5001) },
      { proposals: `  ${'x'.repeat(5000)}\n\n` },
      { submittedBy: 'x'.repeat(201) },
    ];
    for (const fields of cases) {
      const { problems, body } = checkReport(raw(fields), say);
      const server = validateReport(body, 'json');
      expect(Object.keys(problems).length === 0, JSON.stringify(fields).slice(0, 60)).toBe(server.ok);
    }
  });

  it('counts a text as the server does: one character per line break and per accented letter, trimmed', () => {
    expect(textLength('ệ'.normalize('NFD'))).toBe(1);
    expect(textLength('a\r\nb')).toBe(3);
    expect(textLength('  😀 ')).toBe(1);
  });

  it('reads counts written the Vietnamese or the English way, and nothing else', () => {
    expect(parseCount('1.250.000')).toEqual({ kind: 'number', value: 1250000 });
    expect(parseCount('1,250,000')).toEqual({ kind: 'number', value: 1250000 });
    expect(parseCount(' 12 ')).toEqual({ kind: 'number', value: 12 });
    expect(parseCount('')).toEqual({ kind: 'empty' });
    for (const bad of ['1,5', '1.2', '-3', '4O', '1e6', '12.50.000']) expect(parseCount(bad), bad).toEqual({ kind: 'bad' });
  });

  it('regroups money as typed, the caret after the same digit', () => {
    expect(regroup('1250000', 7, '.')).toEqual({ value: '1.250.000', caret: 9 });
    expect(regroup('1.2950.000', 4, '.')).toEqual({ value: '12.950.000', caret: 4 });
    expect(regroup('12.50.000', 3, '.')).toEqual({ value: '1.250.000', caret: 3 });
    expect(regroup('', 0, '.')).toEqual({ value: '', caret: 0 });
    expect(regroup('1250000', 0, ',')).toEqual({ value: '1,250,000', caret: 0 });
    // Letters are left as typed, for the check to name.
    expect(regroup('12 triệu', 8, '.')).toEqual({ value: '12 triệu', caret: 8 });
  });
});

describe('a pasted link', () => {
  const token = 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYXNzb2NpYXRpb24ifQ.c2ln-_x';
  it('gives the token and the year of a whole link, wrapped or in a sentence', () => {
    expect(readPastedLink(`https://tongket.example.vn/?year=2020&token=${token}`)).toEqual({ token, year: '2020' });
    expect(readPastedLink(`Link của hội: https://x.vn/?token=${token.slice(0, 30)}\n${token.slice(30)}&year=2021).`)).toEqual({ token, year: '2021' });
    expect(readPastedLink(`http://127.0.0.1:3000/?year=2020&token=${encodeURIComponent(token)}`)).toEqual({ token, year: '2020' });
  });
  it('takes a token alone, without a year', () => {
    expect(readPastedLink(` "${token}". `)).toEqual({ token, year: null });
    expect(readPastedLink('   ')).toEqual({ token: null, year: null });
    expect(readPastedLink('abc')).toEqual({ token: 'abc', year: null });
  });
});

describe('the office’s contact', () => {
  it('is a name and a phone, a tel: link of the digits', () => {
    expect(contactOf({ name: ' Văn phòng  Ban Dân vận ', phone: '0213 3876 543', email: 'vp@laichau.gov.vn' })).toEqual({
      name: 'Văn phòng Ban Dân vận',
      phone: '0213 3876 543',
      email: 'vp@laichau.gov.vn',
    });
    expect(contactOf({ name: '', phone: '' })).toBeNull();
    expect(contactOf(null)).toBeNull();
    expect(contactOf({ name: 'VP', email: 'not an address' })).toEqual({ name: 'VP', phone: null, email: null });
    expect(telHref('0213 3876 543')).toBe('tel:02133876543');
    expect(telHref('+84 (213) 3876-543')).toBe('tel:+842133876543');
    expect(telHref('—')).toBeNull();
  });
});
