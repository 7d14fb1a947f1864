import { describe, expect, it } from 'vitest';
import type { Localized } from '../../shared/domain/localized.ts';
import type { CycleConfig, ReportFields } from '../../shared/domain/types.ts';
import { SELF_RATINGS } from '../../shared/domain/types.ts';
import { RATING_LABELS, REPORT_FIELD_LABELS, REPORT_MESSAGES, validateReport } from '../../shared/domain/report.ts';
import {
  DEFAULT_AWARDS,
  DEFAULT_ISSUER,
  inferIssuerKind,
  validateCycleConfig,
  validateDocumentDetails,
  withProvinceName,
} from '../../shared/domain/cycle-config.ts';
import { validateReopenAfterClose, validateReviewDecision } from '../../shared/domain/review.ts';
import { MESSAGES } from '../../shared/domain/validation.ts';

type Result<T> = { ok: true; value: T } | { ok: false; fields: Record<string, Localized> };

function ok<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected valid, got ${JSON.stringify(r.fields)}`);
  return r.value;
}
function fields<T>(r: Result<T>): Record<string, Localized> {
  if (r.ok) throw new Error(`expected invalid, got ${JSON.stringify(r.value)}`);
  // every message is given in both languages, never empty, never zod's default English
  for (const [key, m] of Object.entries(r.fields)) {
    expect(m.vi, key).not.toBe('');
    expect(m.en, key).not.toBe('');
    expect(m.en, key).not.toMatch(/^Invalid input|^Too (big|small)|expected/);
  }
  return r.fields;
}

const minimal = { members: 120, selfRating: 'good', submittedBy: 'Nguyễn Văn A' };
const minimalForm = { members: '120', selfRating: 'good', submittedBy: 'Nguyễn Văn A' };
const json = (extra: Record<string, unknown>) => validateReport({ ...minimal, ...extra }, 'json');
const form = (extra: Record<string, string | string[]>) => validateReport({ ...minimalForm, ...extra }, 'form');

describe('report: defaults and accepted values', () => {
  const expected: ReportFields = {
    members: 120,
    newMembers: 0,
    branches: 0,
    charityEvents: 0,
    charityFundsVnd: 0,
    legalEducationSessions: 0,
    selfRating: 'good',
    nominate: false,
    achievements: '',
    limitations: '',
    proposals: '',
    submittedBy: 'Nguyễn Văn A',
  };

  it('fills every default from the SPEC table when only the required fields are sent (JSON and form)', () => {
    expect(ok(validateReport(minimal, 'json'))).toEqual(expected);
    expect(ok(validateReport(minimalForm, 'form'))).toEqual(expected);
  });

  it('accepts a full report at the upper limits', () => {
    const full = {
      members: 10_000_000,
      newMembers: 10_000_000,
      branches: 100_000,
      charityEvents: 1_000_000,
      charityFundsVnd: 10 ** 13,
      legalEducationSessions: 1_000_000,
      selfRating: 'excellent',
      nominate: true,
      achievements: 'a'.repeat(5000),
      limitations: 'b'.repeat(5000),
      proposals: 'c'.repeat(5000),
      submittedBy: 'd'.repeat(200),
    };
    expect(ok(validateReport(full, 'json'))).toEqual(full);
  });

  it('accepts each self rating', () => {
    for (const r of SELF_RATINGS) expect(ok(json({ selfRating: r })).selfRating).toBe(r);
  });

  it('turns the form into the same typed report as JSON', () => {
    const value = ok(
      form({
        members: '120',
        newMembers: '7',
        branches: '3',
        charityEvents: '4',
        charityFundsVnd: '15000000',
        legalEducationSessions: '0012',
        nominate: 'on',
        achievements: 'Tổ chức 4 đợt quyên góp',
      }),
    );
    expect(value).toMatchObject({
      members: 120,
      newMembers: 7,
      branches: 3,
      charityEvents: 4,
      charityFundsVnd: 15_000_000,
      legalEducationSessions: 12,
      nominate: true,
    });
  });

  it('treats an empty optional numeric form field as its default', () => {
    expect(ok(form({ newMembers: '', branches: '', charityFundsVnd: '' }))).toMatchObject({
      newMembers: 0,
      branches: 0,
      charityFundsVnd: 0,
    });
  });
});

describe('report: JSON types are strict', () => {
  it('refuses "120" as a string with a message saying to drop the quotes', () => {
    const f = fields(json({ members: '120' }));
    expect(f.members).toEqual(MESSAGES.integerNotString);
    expect(f.members?.vi).toBe('Phải là số nguyên (không đặt trong dấu ngoặc kép)');
    expect(f.members?.en).toBe('Must be a JSON integer, not a string');
  });

  it('refuses non-integers and says which range is allowed', () => {
    expect(fields(json({ members: 1.5 })).members).toEqual({
      vi: 'Số hội viên phải là số nguyên từ 0 đến 10.000.000',
      en: 'members must be an integer from 0 to 10,000,000',
    });
  });

  it('refuses a boolean given as a string', () => {
    expect(fields(json({ nominate: 'true' })).nominate).toEqual(MESSAGES.booleanNotString);
    expect(fields(json({ nominate: 1 })).nominate?.vi).toContain('true hoặc false');
  });

  it('refuses null and other types for a number', () => {
    expect(fields(json({ branches: null })).branches?.vi).toContain('100.000');
    expect(fields(json({ branches: [1] })).branches?.vi).toContain('100.000');
  });
});

describe('report: limits, one rule per field', () => {
  const cases: [keyof ReportFields, number, string, string][] = [
    ['members', 10_000_001, '10.000.000', '10,000,000'],
    ['branches', 100_001, '100.000', '100,000'],
    ['charityEvents', 1_000_001, '1.000.000', '1,000,000'],
    ['charityFundsVnd', 10 ** 13 + 1, '10.000.000.000.000', '10,000,000,000,000'],
    ['legalEducationSessions', 1_000_001, '1.000.000', '1,000,000'],
  ];
  for (const [field, tooBig, vi, en] of cases) {
    it(`${field}: refuses ${tooBig} and -1, naming the limit in both languages`, () => {
      const big = fields(json({ [field]: tooBig, members: field === 'members' ? tooBig : 10 }))[field];
      expect(big?.vi).toContain(vi);
      expect(big?.en).toContain(en);
      expect(fields(json({ [field]: -1 }))[field]).toEqual(big);
    });
  }

  it('refuses newMembers greater than members with a message about both', () => {
    expect(fields(json({ members: 10, newMembers: 11 })).newMembers).toEqual({
      vi: 'Số hội viên mới kết nạp không thể nhiều hơn số hội viên; vui lòng xem lại',
      en: 'newMembers cannot be greater than members',
    });
    expect(ok(json({ members: 10, newMembers: 10 })).newMembers).toBe(10);
    expect(fields(form({ members: '10', newMembers: '11' })).newMembers?.vi).toContain('không thể nhiều hơn');
  });

  it('reports newMembers > members alongside other problems of the form', () => {
    const f = fields(json({ members: 10, newMembers: 11, submittedBy: '' }));
    expect(Object.keys(f).sort()).toEqual(['newMembers', 'submittedBy']);
  });

  it('does not compare newMembers with an invalid members', () => {
    const f = fields(json({ members: 'x', newMembers: 11 }));
    expect(Object.keys(f)).toEqual(['members']);
  });

  it('refuses an unknown selfRating, listing the four choices', () => {
    const m = fields(json({ selfRating: 'great' })).selfRating;
    for (const r of SELF_RATINGS) expect(m?.en).toContain(r);
    expect(m?.vi).toContain('Hoàn thành xuất sắc nhiệm vụ');
  });

  it('requires members, selfRating and submittedBy', () => {
    const f = fields(validateReport({}, 'json'));
    expect(Object.keys(f).sort()).toEqual(['members', 'selfRating', 'submittedBy']);
    // Said gently, as the form shows them (issue 18).
    expect(f.members).toEqual({ vi: 'Vui lòng nhập số hội viên', en: 'Please give members, the number of members' });
    expect(f.selfRating).toEqual({ vi: 'Vui lòng chọn mức tự đánh giá', en: 'Please choose a self-assessment (selfRating)' });
    expect(f.submittedBy?.vi).toBe('Vui lòng nhập họ tên người báo cáo');
    expect(f.submittedBy?.en).toContain('Please give submittedBy');
  });

  it('requires submittedBy to be non-blank and at most 200 characters on one line', () => {
    expect(fields(json({ submittedBy: '   ' })).submittedBy?.en).toContain('Please give submittedBy');
    expect(fields(json({ submittedBy: 'a'.repeat(201) })).submittedBy?.vi).toContain('200');
    expect(fields(json({ submittedBy: 'Nguyễn\nVăn A' })).submittedBy).toEqual(MESSAGES.singleLine);
  });

  it('limits each text field to 5,000 characters', () => {
    for (const field of ['achievements', 'limitations', 'proposals'] as const) {
      expect(ok(json({ [field]: 'x'.repeat(5000) }))[field]).toHaveLength(5000);
      const m = fields(json({ [field]: 'x'.repeat(5001) }))[field];
      expect(m?.vi).toContain('5.000');
      expect(m?.en).toContain('5,000');
    }
  });

  it('counts length in code points after NFC, so Vietnamese and emoji are not over-counted', () => {
    const nfd = 'ệ'.normalize('NFD'); // 3 UTF-16 units, 1 character after NFC
    expect(ok(json({ achievements: nfd.repeat(5000) })).achievements).toHaveLength(5000);
    expect(ok(json({ achievements: '😀'.repeat(5000) })).achievements).toHaveLength(10000);
    expect(fields(json({ achievements: '😀'.repeat(5001) })).achievements).toBeDefined();
  });

  it('requires achievements when the association asks for a commendation', () => {
    const expected = {
      vi: 'Vui lòng nêu thành tích nổi bật khi đề nghị khen thưởng tập thể',
      en: 'Please describe the achievements: they are required when nominate is true',
    };
    expect(fields(json({ nominate: true })).achievements).toEqual(expected);
    expect(fields(json({ nominate: true, achievements: ' \n ' })).achievements).toEqual(expected);
    expect(fields(form({ nominate: 'on' })).achievements).toEqual(expected);
    expect(ok(json({ nominate: true, achievements: 'Đạt giải nhất' })).nominate).toBe(true);
    expect(ok(json({ nominate: false })).achievements).toBe('');
  });
});

describe('report: form values', () => {
  it.each(['1.5', '-1', '1e3', ' 12', '12 ', '+5', '1.000', '1,000', '０', '0x10'])(
    'refuses %j in a numeric field: digits only',
    (value) => {
      expect(fields(form({ branches: value })).branches).toEqual(MESSAGES.digitsOnly);
    },
  );

  it('accepts "120" in the form although JSON refuses it', () => {
    expect(ok(form({ members: '120' })).members).toBe(120);
    expect(fields(json({ members: '120' })).members).toBeDefined();
  });

  it('applies the same limits to form numbers as to JSON', () => {
    expect(fields(form({ members: '10000001' })).members?.vi).toContain('10.000.000');
    expect(fields(form({ charityFundsVnd: '99999999999999999999' })).charityFundsVnd?.en).toContain(
      '10,000,000,000,000',
    );
  });

  it('treats an empty required number as missing', () => {
    expect(fields(form({ members: '' })).members).toEqual(REPORT_MESSAGES.members.required);
  });

  it.each([
    ['true', true],
    ['on', true],
    ['1', true],
    ['false', false],
    ['off', false],
    ['0', false],
  ])('reads nominate=%j as %j', (value, expected) => {
    expect(ok(form({ nominate: value, achievements: 'x' })).nominate).toBe(expected);
  });

  it('reads a missing nominate as an unchecked box', () => {
    expect(ok(validateReport(minimalForm, 'form')).nominate).toBe(false);
  });

  it.each(['yes', 'TRUE', '2', ''])('refuses nominate=%j, listing accepted values', (value) => {
    const m = fields(form({ nominate: value })).nominate;
    expect(m?.vi).toContain('true, on, 1');
    expect(m?.en).toContain('false, off, 0');
  });

  it('refuses a field sent twice', () => {
    const f = fields(form({ members: ['1', '2'], submittedBy: ['A', 'B'] }));
    expect(f.members).toEqual(MESSAGES.duplicate);
    expect(f.submittedBy).toEqual(MESSAGES.duplicate);
  });

  it('treats an empty selfRating as not chosen', () => {
    expect(fields(form({ selfRating: '' })).selfRating?.en).toContain('Please choose a self-assessment');
  });
});

describe('report: unknown fields and bodies', () => {
  it('rejects each unknown field under its own key (JSON and form)', () => {
    const f = fields(json({ member: 1, extra: 'x' }));
    expect(f.member).toEqual({ vi: 'Trường không được phép', en: 'Unknown field' });
    expect(f.extra).toEqual({ vi: 'Trường không được phép', en: 'Unknown field' });
    expect(fields(form({ submit: 'Gửi' })).submit).toEqual(MESSAGES.unknownField);
  });

  it.each([null, [], 'text', 42, true])('reports a body that is not an object (%j) under "body"', (body) => {
    expect(Object.keys(fields(validateReport(body, 'json')))).toEqual(['body']);
    expect(Object.keys(fields(validateReport(body, 'form')))).toEqual(['body']);
  });
});

const chars = (codes: number[]): [string, string][] =>
  codes.map((c) => [c.toString(16).toUpperCase().padStart(4, '0'), String.fromCodePoint(c)]);

describe('report: text is normalised and hidden characters refused', () => {
  it('normalises NFD to NFC and trims', () => {
    const nfd = '  Nguyễn Thị Hồng  '.normalize('NFD');
    const value = ok(json({ submittedBy: nfd, achievements: ` ${'Hội viên'.normalize('NFD')}\n` }));
    expect(value.submittedBy).toBe('Nguyễn Thị Hồng'.normalize('NFC'));
    expect(value.submittedBy).toBe(value.submittedBy.normalize('NFC'));
    expect(value.achievements).toBe('Hội viên');
  });

  it('keeps line breaks and tabs, turning CR and CRLF into LF', () => {
    expect(ok(json({ limitations: 'a\r\nb\rc\n\td' })).limitations).toBe('a\nb\nc\n\td');
  });

  it.each(chars([0x00, 0x07, 0x1b, 0x7f, 0x85, 0x0c]))('refuses control character U+%s', (_hex, ch) => {
    expect(fields(json({ proposals: `xin ${ch} cảm ơn` })).proposals).toEqual(MESSAGES.controlChar);
  });

  it.each(chars([0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]))(
    'refuses bidi character U+%s with a clear message',
    (_hex, ch) => {
      const m = fields(json({ submittedBy: `Nguyễn${ch}A` })).submittedBy;
      expect(m).toEqual(MESSAGES.bidi);
      expect(m?.vi).toContain('đảo chiều');
      expect(m?.en).toContain('text-direction');
    },
  );

  it('keeps everything else: Vietnamese, emoji, a zero-width joiner in an emoji sequence, a soft hyphen', () => {
    const s = 'Hội 👨‍👩‍👧 từ thiện «ok» — 100% Khuyến\u00ADhọc';
    expect(ok(json({ achievements: s })).achievements).toBe(s);
  });

  it.each(chars([0x200b, 0x2060, 0x2061, 0x2064, 0x206a, 0xfeff, 0x180e, 0x115f, 0x3164, 0xffa0, 0xe0041, 0xe007f]))(
    'refuses invisible character U+%s, naming it and where it is',
    (hex, ch) => {
      const m = fields(json({ achievements: `Tốt${ch} lắm` })).achievements;
      expect(m?.en).toContain(`U+${hex}`);
      expect(m?.en).toContain('character 4');
      expect(m?.vi).toContain('vô hình');
    },
  );

  it('allows zero-width joiners inside a word and refuses them outside one', () => {
    // Persian "mi-khāham" with ZWNJ, a Devanagari half form with ZWJ.
    for (const word of ['می\u200Cخواهم', 'क्\u200Dष']) expect(ok(json({ achievements: word })).achievements).toBe(word);
    for (const bad of ['\u200Cabc', 'abc\u200D', 'a \u200D b', 'a\u200D\u200Db', '1\u200C2', 'a\u200D!']) {
      expect(fields(json({ achievements: bad })).achievements?.en, JSON.stringify(bad)).toMatch(/U\+200[CD]/);
    }
  });

  it('does not count an invisible or a mark-only text as given: "required" needs a visible character', () => {
    expect(fields(json({ submittedBy: '\u200B' })).submittedBy?.en).toContain('U+200B');
    const blank = fields(json({ submittedBy: '   ' })).submittedBy;
    expect(blank?.en).toMatch(/^Please give submittedBy/);
    expect(fields(json({ submittedBy: '\u0301' })).submittedBy).toEqual(blank);
    expect(fields(json({ submittedBy: '\u00A0\u3000' })).submittedBy).toEqual(blank);
    expect(ok(json({ submittedBy: 'A' })).submittedBy).toBe('A');
  });

  it('treats line and paragraph separators as line breaks: refused in a single-line field, LF in a multi-line one', () => {
    expect(fields(json({ submittedBy: 'Lò Thị\u2028Mai' })).submittedBy).toEqual(MESSAGES.singleLine);
    expect(fields(json({ submittedBy: 'Lò Thị\u2029Mai' })).submittedBy).toEqual(MESSAGES.singleLine);
    expect(ok(json({ achievements: 'a\u2028b\u2029c' })).achievements).toBe('a\nb\nc');
  });

  it('refuses a broken (unpaired surrogate) character that could not be stored', () => {
    expect(fields(json({ achievements: 'a\ud800b' })).achievements).toEqual(MESSAGES.brokenChar);
  });

  it('applies the same text rules to the form', () => {
    expect(ok(form({ achievements: 'a\r\nb'.normalize('NFD') })).achievements).toBe('a\nb');
    expect(fields(form({ achievements: 'a\u202eb' })).achievements).toEqual(MESSAGES.bidi);
  });
});

describe('report: labels', () => {
  it('labels every field in both languages with the SPEC Vietnamese label', () => {
    expect(Object.keys(REPORT_FIELD_LABELS).sort()).toEqual(Object.keys(ok(json({}))).sort());
    expect(REPORT_FIELD_LABELS.members.vi).toBe('Số hội viên (đến 31/12)');
    expect(REPORT_FIELD_LABELS.legalEducationSessions.vi).toBe('Buổi tuyên truyền, phổ biến pháp luật');
    for (const label of Object.values(REPORT_FIELD_LABELS)) expect(label.en).not.toBe('');
  });

  it('labels the four ratings', () => {
    expect(Object.values(RATING_LABELS).map((l) => l.vi)).toEqual([
      'Hoàn thành xuất sắc nhiệm vụ',
      'Hoàn thành tốt nhiệm vụ',
      'Hoàn thành nhiệm vụ',
      'Không hoàn thành nhiệm vụ',
    ]);
    expect(Object.keys(RATING_LABELS)).toEqual([...SELF_RATINGS]);
  });
});

describe('cycle configuration', () => {
  it('needs only the year and fills sensible defaults', () => {
    const c = ok(validateCycleConfig({ year: 2020 }));
    expect(c).toEqual<CycleConfig>({
      year: 2020,
      deadline: '2020-12-15',
      autoCloseAt: null,
      issuer: [...DEFAULT_ISSUER],
      issuerKind: 'state',
      documentNumber: 'Số:      /BC',
      reportDate: null,
      place: '',
      specialLabel: null,
      signer: null,
      recipients: null,
      narrative: {},
      signOff: false,
      reminders: { daysBefore: [] },
      commendation: { quotaPercent: 20, minScore: 90, awards: { ...DEFAULT_AWARDS } },
    });
  });

  it('accepts the SPEC example unchanged', () => {
    const example: CycleConfig = {
      year: 2020,
      deadline: '2020-12-15',
      autoCloseAt: null,
      issuer: ['TỈNH ỦY LAI CHÂU', 'BAN DÂN VẬN'],
      issuerKind: 'party',
      documentNumber: 'Số 25-BC/BDVTU',
      reportDate: '2020-12-18',
      place: 'Lai Châu',
      specialLabel: null,
      signer: { lines: ['K/T TRƯỞNG BAN', 'PHÓ TRƯỞNG BAN'], name: 'Nguyễn Đình Toán' },
      recipients: ['Ban Dân vận Trung ương (b/c)', 'Thường trực Tỉnh ủy (b/c)', 'Các hội quần chúng tỉnh', 'Lưu Văn phòng'],
      narrative: { results: 'Kết quả.', limitations: 'Hạn chế.\n\nNguyên nhân.', direction: 'Phương hướng.', proposals: 'Kiến nghị.' },
      signOff: false,
      reminders: { daysBefore: [7, 1] },
      commendation: {
        quotaPercent: 20,
        minScore: 90,
        awards: {
          province: 'Bằng khen của Chủ tịch UBND tỉnh',
          district: 'Giấy khen của Chủ tịch UBND huyện',
          commune: 'Giấy khen của Chủ tịch UBND xã',
        },
      },
    };
    expect(ok(validateCycleConfig(example))).toEqual(example);
  });

  it('checks the signer, the recipients, the narrative, signOff and reminders', () => {
    const base = { year: 2020 };
    expect(ok(validateCycleConfig({ ...base, signer: { lines: ['TRƯỞNG BAN'] } })).signer).toEqual({ lines: ['TRƯỞNG BAN'], name: '' });
    expect(fields(validateCycleConfig({ ...base, signer: { lines: [] } }))['signer.lines']?.vi).toContain('1 đến 4 dòng');
    expect(fields(validateCycleConfig({ ...base, signer: { lines: ['A'], name: 'x\ny' } }))['signer.name']).toEqual(MESSAGES.singleLine);
    expect(fields(validateCycleConfig({ ...base, signer: { lines: ['A'], title: 'x' } }))['signer.title']).toEqual(MESSAGES.unknownField);
    expect(fields(validateCycleConfig({ ...base, recipients: [] })).recipients?.vi).toContain('Nơi nhận');
    expect(fields(validateCycleConfig({ ...base, recipients: ['Lưu VT', ''] }))['recipients.1']).toBeDefined();
    // Blank sections are left out; runs of blank lines are one paragraph break.
    expect(ok(validateCycleConfig({ ...base, narrative: { results: 'Một.\n\n\n\nHai.', direction: '  ' } })).narrative).toEqual({ results: 'Một.\n\nHai.' });
    expect(fields(validateCycleConfig({ ...base, narrative: { results: 'x'.repeat(20_001) } }))['narrative.results']?.vi).toContain('20.000');
    expect(fields(validateCycleConfig({ ...base, narrative: { summary: 'x' } }))['narrative.summary']).toEqual(MESSAGES.unknownField);
    expect(fields(validateCycleConfig({ ...base, signOff: 'true' })).signOff).toEqual(MESSAGES.booleanNotString);
    expect(ok(validateCycleConfig({ ...base, reminders: { daysBefore: [1, 7] } })).reminders).toEqual({ daysBefore: [7, 1] });
    expect(fields(validateCycleConfig({ ...base, reminders: { daysBefore: [1, 1] } }))['reminders.daysBefore']).toBeDefined();
    expect(fields(validateCycleConfig({ ...base, reminders: { daysBefore: [91] } }))['reminders.daysBefore.0']).toBeDefined();
  });

  it('checks the document details the province may change on a draft', () => {
    expect(ok(validateDocumentDetails({ documentNumber: 'Số 26-BC/BDVTU' }))).toEqual({ documentNumber: 'Số 26-BC/BDVTU' });
    expect(ok(validateDocumentDetails({ reportDate: null, recipients: null }))).toEqual({ reportDate: null, recipients: null });
    expect(fields(validateDocumentDetails({})).body?.vi).toContain('ít nhất một');
    expect(fields(validateDocumentDetails({ year: 2021 })).year).toEqual(MESSAGES.unknownField);
    expect(fields(validateDocumentDetails({ signOff: true })).signOff).toEqual(MESSAGES.unknownField);
    expect(fields(validateDocumentDetails({ reportDate: '18/12/2020' })).reportDate).toBeDefined();
    expect(fields(validateDocumentDetails([])).body).toEqual(MESSAGES.body);
  });

  it('does not share default objects between cycles', () => {
    const a = ok(validateCycleConfig({ year: 2020 }));
    a.commendation.awards.province = 'changed';
    a.issuer.push('changed');
    const b = ok(validateCycleConfig({ year: 2021 }));
    expect(b.commendation.awards.province).toBe(DEFAULT_AWARDS.province);
    expect(b.issuer).toEqual([...DEFAULT_ISSUER]);
  });

  it('requires the year, an integer from 2000 to 2100, as a JSON number', () => {
    expect(fields(validateCycleConfig({})).year).toEqual(MESSAGES.required);
    expect(fields(validateCycleConfig({ year: '2020' })).year).toEqual(MESSAGES.integerNotString);
    for (const year of [1999, 2101, 2020.5]) {
      expect(fields(validateCycleConfig({ year })).year?.vi).toContain('2000 đến 2100');
    }
    expect(ok(validateCycleConfig({ year: 2100 })).deadline).toBe('2100-12-15');
  });

  it('infers issuerKind from the issuer when not given', () => {
    const kind = (issuer: string[]) => ok(validateCycleConfig({ year: 2020, issuer })).issuerKind;
    expect(kind(['TỈNH ỦY LAI CHÂU', 'BAN DÂN VẬN'])).toBe('party');
    expect(kind(['Thành uỷ Hà Nội'])).toBe('party'); // lower case, older tone placement
    expect(kind(['HUYỆN ỦY TAM ĐƯỜNG'])).toBe('party');
    expect(kind(['ĐẢNG ỦY XÃ BẢN BO'])).toBe('party');
    expect(kind(['BAN DÂN VẬN TỈNH ỦY'])).toBe('party');
    expect(kind(['ỦY BAN NHÂN DÂN TỈNH LAI CHÂU', 'SỞ NỘI VỤ'])).toBe('state');
    expect(kind(['ỦY BAN NHÂN DÂN QUẬN 8', 'PHÒNG NỘI VỤ'])).toBe('state');
    expect(inferIssuerKind(['TỈNH ỦY LAI CHÂU'.normalize('NFD')])).toBe('party');
    // A Party organisation or commission on any line, not only a committee on the first.
    expect(kind(['ĐẢNG BỘ TỈNH HÀ GIANG', 'HUYỆN ỦY ĐỒNG VĂN'])).toBe('party');
    expect(kind(['BAN TUYÊN GIÁO VÀ DÂN VẬN TỈNH ỦY'])).toBe('party');
    expect(kind(['ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH', 'CHI BỘ VĂN PHÒNG'])).toBe('party');
    // "ỦY" alone is the State's People's Committee.
    expect(kind(['ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH', 'SỞ NỘI VỤ'])).toBe('state');
    expect(kind(['ỦY BAN NHÂN DÂN HUYỆN ĐỒNG VĂN'])).toBe('state');
  });

  it('keeps an explicit issuerKind over the inference', () => {
    expect(ok(validateCycleConfig({ year: 2020, issuer: ['TỈNH ỦY X'], issuerKind: 'state' })).issuerKind).toBe(
      'state',
    );
    expect(fields(validateCycleConfig({ year: 2020, issuerKind: 'government' })).issuerKind?.en).toContain('party');
  });

  it('checks the issuer: 1 to 4 lines, each 1 to 120 characters, NFC', () => {
    expect(fields(validateCycleConfig({ year: 2020, issuer: [] })).issuer).toBeDefined();
    expect(fields(validateCycleConfig({ year: 2020, issuer: ['a', 'b', 'c', 'd', 'e'] })).issuer).toBeDefined();
    expect(fields(validateCycleConfig({ year: 2020, issuer: 'TỈNH ỦY' })).issuer).toBeDefined();
    const f = fields(validateCycleConfig({ year: 2020, issuer: ['A', 'x'.repeat(121)] }));
    expect(f['issuer.1']?.vi).toContain('120');
    expect(fields(validateCycleConfig({ year: 2020, issuer: ['A', ' '] }))['issuer.1']).toBeDefined();
    expect(ok(validateCycleConfig({ year: 2020, issuer: ['SỞ NỘI VỤ'.normalize('NFD')] })).issuer).toEqual([
      'SỞ NỘI VỤ',
    ]);
  });

  it('requires real calendar dates, and a deadline within the year or the first half of the next', () => {
    expect(ok(validateCycleConfig({ year: 2020, deadline: '2020-02-29' })).deadline).toBe('2020-02-29');
    expect(ok(validateCycleConfig({ year: 2020, deadline: '2021-06-30' })).deadline).toBe('2021-06-30');
    expect(fields(validateCycleConfig({ year: 2021, deadline: '2021-02-29' })).deadline?.vi).toContain('ngày có thật');
    expect(fields(validateCycleConfig({ year: 2020, deadline: '15/12/2020' })).deadline).toBeDefined();
    const late = fields(validateCycleConfig({ year: 2020, deadline: '2021-07-01' })).deadline;
    expect(late?.vi).toContain('30/06/2021');
    expect(late?.en).toContain('2021-06-30');
    expect(fields(validateCycleConfig({ year: 2020, deadline: '2019-12-31' })).deadline).toBeDefined();
    expect(ok(validateCycleConfig({ year: 2020, reportDate: '2020-12-18' })).reportDate).toBe('2020-12-18');
    expect(fields(validateCycleConfig({ year: 2020, reportDate: '2020-11-31' })).reportDate).toBeDefined();
  });

  it('accepts autoCloseAt as null or an ISO timestamp with an offset', () => {
    expect(ok(validateCycleConfig({ year: 2020, autoCloseAt: '2020-12-20T17:00:00+07:00' })).autoCloseAt).toBe(
      '2020-12-20T17:00:00+07:00',
    );
    expect(ok(validateCycleConfig({ year: 2020, autoCloseAt: '2020-12-20T10:00:00.000Z' })).autoCloseAt).toBe(
      '2020-12-20T10:00:00.000Z',
    );
    for (const t of ['2020-12-20T17:00:00', '2020-12-20', 'tomorrow', 1608458400000]) {
      expect(fields(validateCycleConfig({ year: 2020, autoCloseAt: t })).autoCloseAt?.en).toContain('ISO 8601');
    }
  });

  it('checks documentNumber, place and specialLabel', () => {
    expect(fields(validateCycleConfig({ year: 2020, documentNumber: 'x'.repeat(81) })).documentNumber).toBeDefined();
    expect(fields(validateCycleConfig({ year: 2020, place: 'x'.repeat(121) })).place).toBeDefined();
    expect(ok(validateCycleConfig({ year: 2020, specialLabel: 'hội đặc thù' })).specialLabel).toBe('hội đặc thù');
    expect(fields(validateCycleConfig({ year: 2020, specialLabel: '' })).specialLabel).toBeDefined();
    expect(fields(validateCycleConfig({ year: 2020, specialLabel: 'x'.repeat(201) })).specialLabel).toBeDefined();
  });

  it('merges a partial commendation and partial awards with the defaults', () => {
    const c = ok(validateCycleConfig({ year: 2020, commendation: { quotaPercent: 12.5 } }));
    expect(c.commendation).toEqual({ quotaPercent: 12.5, minScore: 90, awards: { ...DEFAULT_AWARDS } });
    const d = ok(validateCycleConfig({ year: 2025, commendation: { awards: { commune: 'Giấy khen của Chủ tịch UBND phường' } } }));
    expect(d.commendation).toEqual({
      quotaPercent: 20,
      minScore: 90,
      awards: { ...DEFAULT_AWARDS, commune: 'Giấy khen của Chủ tịch UBND phường' },
    });
  });

  it('checks commendation numbers (0 to 100, JSON numbers) and award texts', () => {
    const f = fields(
      validateCycleConfig({ year: 2020, commendation: { quotaPercent: 101, minScore: '90', awards: { province: '' } } }),
    );
    expect(f['commendation.quotaPercent']?.vi).toContain('0 đến 100');
    expect(f['commendation.minScore']).toEqual(MESSAGES.numberNotString);
    expect(f['commendation.awards.province']).toEqual(MESSAGES.required);
    const long = fields(validateCycleConfig({ year: 2020, commendation: { awards: { district: 'x'.repeat(201) } } }));
    expect(long['commendation.awards.district']?.vi).toContain('200');
    expect(fields(validateCycleConfig({ year: 2020, commendation: { minScore: -1 } }))['commendation.minScore']).toBeDefined();
  });

  it('rejects unknown fields at every level', () => {
    const f = fields(
      validateCycleConfig({ year: 2020, province: 'LC', commendation: { quota: 1, awards: { village: 'x' } } }),
    );
    expect(f.province).toEqual(MESSAGES.unknownField);
    expect(f['commendation.quota']).toEqual(MESSAGES.unknownField);
    expect(f['commendation.awards.village']).toEqual(MESSAGES.unknownField);
  });

  it('fills place and the default issuer from the province name, keeping what was given', () => {
    const c = withProvinceName(ok(validateCycleConfig({ year: 2020 })), 'Tỉnh Lai Châu');
    expect(c.place).toBe('Lai Châu');
    expect(c.issuer).toEqual(['ỦY BAN NHÂN DÂN TỈNH LAI CHÂU']);
    const given = ok(validateCycleConfig({ year: 2020, place: 'Quận 8', issuer: ['ỦY BAN NHÂN DÂN QUẬN 8'] }));
    expect(withProvinceName(given, 'Thành phố Hồ Chí Minh')).toEqual(given);
    const hcm = withProvinceName(ok(validateCycleConfig({ year: 2020 })), 'Thành phố Hồ Chí Minh');
    expect(hcm.issuer).toEqual(['ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH']);
  });

  it('names a district root by its own type, not as a province', () => {
    const q8 = withProvinceName(ok(validateCycleConfig({ year: 2020 })), 'Quận 8');
    expect(q8.issuer).toEqual(['ỦY BAN NHÂN DÂN QUẬN 8']);
    expect(q8.place).toBe('Quận 8');
  });
});

describe('review decisions', () => {
  it('accepts an approval with a score, and optional rating and comment', () => {
    expect(ok(validateReviewDecision({ decision: 'approve', version: 2, score: 95 }))).toEqual({
      decision: 'approve',
      version: 2,
      score: 95,
    });
    expect(
      ok(validateReviewDecision({ decision: 'approve', version: 1, score: 0, rating: 'good', comment: ' Tốt ' })),
    ).toEqual({ decision: 'approve', version: 1, score: 0, rating: 'good', comment: 'Tốt' });
  });

  it('drops a blank approval comment', () => {
    expect(ok(validateReviewDecision({ decision: 'approve', version: 1, score: 100, comment: '  ' }))).not.toHaveProperty(
      'comment',
    );
  });

  it('checks the score: integer 0 to 100, a JSON number', () => {
    for (const score of [-1, 101, 90.5]) {
      expect(fields(validateReviewDecision({ decision: 'approve', version: 1, score })).score?.vi).toContain('0 đến 100');
    }
    expect(fields(validateReviewDecision({ decision: 'approve', version: 1, score: '90' })).score).toEqual(
      MESSAGES.integerNotString,
    );
    expect(fields(validateReviewDecision({ decision: 'approve', version: 1 })).score).toEqual(MESSAGES.required);
  });

  it('checks version and rating', () => {
    expect(fields(validateReviewDecision({ decision: 'approve', version: 0, score: 90 })).version).toBeDefined();
    expect(fields(validateReviewDecision({ decision: 'approve', score: 90 })).version).toEqual(MESSAGES.required);
    expect(
      fields(validateReviewDecision({ decision: 'approve', version: 1, score: 90, rating: 'great' })).rating?.en,
    ).toContain('not_completed');
  });

  it('requires a non-blank comment to return or reopen', () => {
    for (const decision of ['return', 'reopen']) {
      expect(ok(validateReviewDecision({ decision, version: 3, comment: ' Bổ sung số liệu ' }))).toEqual({
        decision,
        version: 3,
        comment: 'Bổ sung số liệu',
      });
      expect(fields(validateReviewDecision({ decision, version: 3 })).comment?.vi).toContain('Bắt buộc');
      expect(fields(validateReviewDecision({ decision, version: 3, comment: '  ' })).comment?.en).toContain(
        'Required',
      );
      expect(fields(validateReviewDecision({ decision, version: 3, comment: 'x'.repeat(2001) })).comment?.vi).toContain(
        '2.000',
      );
    }
  });

  it('refuses an unknown decision, listing the three', () => {
    for (const body of [{ version: 1 }, { decision: 'accept', version: 1 }]) {
      const m = fields(validateReviewDecision(body)).decision;
      expect(m?.en).toBe('decision must be one of: approve, return, reopen');
      expect(m?.vi).toContain('approve');
    }
  });

  it('refuses fields that do not belong to the decision', () => {
    const f = fields(validateReviewDecision({ decision: 'return', version: 1, comment: 'x', score: 80 }));
    expect(f).toEqual({ score: MESSAGES.unknownField });
    expect(fields(validateReviewDecision(null))).toHaveProperty('body');
  });

  it('validates the reopen after close', () => {
    expect(ok(validateReopenAfterClose({ comment: 'Sửa số hội viên' }))).toEqual({ comment: 'Sửa số hội viên' });
    expect(fields(validateReopenAfterClose({})).comment?.vi).toContain('Bắt buộc');
    expect(fields(validateReopenAfterClose({ comment: 'x', version: 1 })).version).toEqual(MESSAGES.unknownField);
    expect(fields(validateReopenAfterClose({ comment: 'a\u202eb' })).comment).toEqual(MESSAGES.bidi);
  });
});
