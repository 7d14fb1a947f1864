#!/usr/bin/env node
// Checks the Lai Châu 2020 demo registry and reports against the figures of the
// Ban Dân vận Tỉnh ủy Lai Châu report of 18/12/2020 (SPEC sections 2, 4, 6 and 9).
// Usage: node demo/lai-chau-2020/check.mjs   (exit code 1 on any mismatch)
/* global console, process */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const YEAR = 2020;
const QUOTA_PERCENT = 20;
const MIN_SCORE = 90;
const LEVELS = ['province', 'district', 'commune'];
const RANK = { province: 0, district: 1, commune: 2 };
const CODE = /^[A-Za-z0-9_-]{1,40}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RATINGS = ['excellent', 'good', 'completed', 'not_completed'];
const EXPECTED = {
  total: 179,
  byLevel: { province: 24, district: 56, commune: 99 },
  special: { total: 18, byLevel: { province: 10, district: 8, commune: 0 } },
  new: { total: 11, byLevel: { province: 0, district: 1, commune: 10 } },
  dissolved: 0,
  members: 180455,
};

const dir = dirname(fileURLToPath(import.meta.url));
const errors = [];
const fail = (msg) => errors.push(msg);

function load(name, header) {
  const buf = readFileSync(join(dir, name));
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) fail(`${name}: starts with a BOM`);
  const text = buf.toString('utf8');
  if (text.includes('\r')) fail(`${name}: contains CR (line endings must be LF)`);
  if (text !== text.normalize('NFC')) fail(`${name}: text is not NFC`);
  const rows = parse(text, { columns: true, skip_empty_lines: true, strict: true });
  const first = parse(text, { to_line: 1 })[0];
  if (JSON.stringify(first) !== JSON.stringify(header)) fail(`${name}: header is ${first.join(',')}, expected ${header.join(',')}`);
  return rows.map((r, i) => ({ ...r, _line: i + 2 }));
}
function validDate(s) {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
const byLevel = () => ({ province: 0, district: 0, commune: 0 });
const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);

const units = load('units.csv', ['code', 'name', 'level', 'parent_code']);
const assocs = load('associations.csv', ['code', 'name', 'unit_code', 'special', 'founded_on', 'dissolved_on']);
const reports = load('reports.csv', ['association', 'members', 'newMembers', 'branches', 'charityEvents', 'charityFundsVnd', 'legalEducationSessions', 'selfRating', 'nominate', 'achievements', 'limitations', 'proposals', 'submittedBy', 'score', 'rating']);

// ---- units ----
const unitBy = new Map();
for (const u of units) {
  if (!CODE.test(u.code)) fail(`units.csv:${u._line}: bad code ${u.code}`);
  if (unitBy.has(u.code)) fail(`units.csv:${u._line}: duplicate code ${u.code}`);
  if (!LEVELS.includes(u.level)) fail(`units.csv:${u._line}: bad level ${u.level}`);
  if (!u.name.trim()) fail(`units.csv:${u._line}: empty name`);
  unitBy.set(u.code, u);
}
const provinces = units.filter((u) => u.level === 'province');
if (provinces.length !== 1 || provinces[0].parent_code !== '') fail(`units.csv: need exactly one province with no parent`);
for (const u of units) {
  if (u.level === 'province') continue;
  const p = unitBy.get(u.parent_code);
  if (!p) fail(`units.csv:${u._line}: unknown parent ${u.parent_code}`);
  else if (RANK[p.level] >= RANK[u.level]) fail(`units.csv:${u._line}: parent ${p.code} (${p.level}) is not above ${u.level}`);
}
const unitCount = byLevel();
for (const u of units) if (u.level in unitCount) unitCount[u.level]++;

// ---- associations ----
const assocBy = new Map();
const end = `${YEAR}-12-31`;
const start = `${YEAR}-01-01`;
const count = byLevel(), special = byLevel(), fresh = byLevel(), dissolved = byLevel();
const expected = new Map();
const notExpected = [];
for (const a of assocs) {
  const at = `associations.csv:${a._line}`;
  if (!CODE.test(a.code)) fail(`${at}: bad code ${a.code}`);
  if (assocBy.has(a.code)) fail(`${at}: duplicate code ${a.code}`);
  assocBy.set(a.code, a);
  if (!a.name.trim()) fail(`${at}: empty name`);
  const unit = unitBy.get(a.unit_code);
  if (!unit) { fail(`${at}: unknown unit ${a.unit_code}`); continue; }
  if (!['true', 'false'].includes(a.special)) fail(`${at}: special must be true/false`);
  if (!validDate(a.founded_on)) fail(`${at}: bad founded_on ${a.founded_on}`);
  if (a.dissolved_on !== '' && !validDate(a.dissolved_on)) fail(`${at}: bad dissolved_on ${a.dissolved_on}`);
  if (a.dissolved_on !== '' && a.dissolved_on <= a.founded_on) fail(`${at}: dissolved before founded`);
  const level = unit.level;
  if (a.dissolved_on >= start && a.dissolved_on <= end) dissolved[level]++;
  const isExpected = a.founded_on <= end && (a.dissolved_on === '' || a.dissolved_on > end);
  if (!isExpected) { notExpected.push(a); continue; }
  expected.set(a.code, { ...a, level });
  count[level]++;
  if (a.special === 'true') special[level]++;
  if (a.founded_on >= start) fresh[level]++;
}
if (!notExpected.some((a) => a.dissolved_on.startsWith(`${YEAR - 1}-`))) fail('associations.csv: no association dissolved in the previous year');
if (!notExpected.some((a) => a.founded_on.startsWith(`${YEAR + 1}-`))) fail('associations.csv: no association founded in the next year');

// ---- reports ----
const INT = /^(0|[1-9]\d*)$/;
const seen = new Set();
const members = byLevel();
const candidates = { province: [], district: [], commune: [] };
let nominated = 0;
for (const r of reports) {
  const at = `reports.csv:${r._line}`;
  if (seen.has(r.association)) fail(`${at}: second report for ${r.association}`);
  seen.add(r.association);
  const a = expected.get(r.association);
  if (!a) { fail(`${at}: ${r.association} is not an association expected in ${YEAR}`); continue; }
  for (const f of ['members', 'newMembers', 'branches', 'charityEvents', 'charityFundsVnd', 'legalEducationSessions', 'score']) {
    if (!INT.test(r[f])) fail(`${at}: ${f} is not a non-negative integer: ${r[f]}`);
  }
  const n = Object.fromEntries(['members', 'newMembers', 'branches', 'charityEvents', 'charityFundsVnd', 'legalEducationSessions', 'score'].map((f) => [f, Number(r[f])]));
  if (n.members > 10_000_000) fail(`${at}: members over 10,000,000`);
  if (n.newMembers > n.members) fail(`${at}: newMembers > members`);
  if (n.branches > 100_000) fail(`${at}: branches over 100,000`);
  if (n.charityFundsVnd > 1e13) fail(`${at}: charityFundsVnd over 10^13`);
  if (n.score > 100) fail(`${at}: score over 100`);
  if (!RATINGS.includes(r.selfRating)) fail(`${at}: bad selfRating ${r.selfRating}`);
  if (!RATINGS.includes(r.rating)) fail(`${at}: bad rating ${r.rating}`);
  if (!['true', 'false'].includes(r.nominate)) fail(`${at}: nominate must be true/false`);
  if (r.nominate === 'true' && !r.achievements.trim()) fail(`${at}: nominated without achievements`);
  for (const f of ['achievements', 'limitations', 'proposals']) if (r[f].length > 5000) fail(`${at}: ${f} over 5,000 characters`);
  if (r.submittedBy.trim().length < 1 || r.submittedBy.length > 200) fail(`${at}: submittedBy must be 1..200 characters`);
  members[a.level] += n.members;
  if (r.nominate === 'true') nominated++;
  if (r.rating === 'excellent' && r.nominate === 'true' && n.score >= MIN_SCORE) {
    candidates[a.level].push({ code: a.code, name: a.name, score: n.score, members: n.members });
  }
}
for (const code of expected.keys()) if (!seen.has(code)) fail(`reports.csv: no report for ${code}`);

// ---- figures ----
const want = (label, got, exp) => { if (got !== exp) fail(`${label}: got ${got}, expected ${exp}`); };
want('associations expected', sum(count), EXPECTED.total);
for (const l of LEVELS) {
  want(`expected ${l}`, count[l], EXPECTED.byLevel[l]);
  want(`special ${l}`, special[l], EXPECTED.special.byLevel[l]);
  want(`new ${l}`, fresh[l], EXPECTED.new.byLevel[l]);
}
want('special total', sum(special), EXPECTED.special.total);
want('new total', sum(fresh), EXPECTED.new.total);
want('dissolved in year', sum(dissolved), EXPECTED.dissolved);
want('members', sum(members), EXPECTED.members);
want('report rows', reports.length, EXPECTED.total);

const fmt = (n) => n.toLocaleString('vi-VN');
const line = (label, o) => console.log(`${label.padEnd(26)} total ${String(sum(o)).padStart(7)}   province ${String(o.province).padStart(6)}   district ${String(o.district).padStart(6)}   commune ${String(o.commune).padStart(6)}`);
console.log(`Lai Châu ${YEAR} demo data — ${units.length} units (${unitCount.province} province, ${unitCount.district} district, ${unitCount.commune} commune), ${assocs.length} associations in the registry`);
line('associations expected', count);
line('special (hội đặc thù)', special);
line('new in year', fresh);
line('dissolved in year', dissolved);
line('members', members);
console.log(`not expected in ${YEAR}: ${notExpected.map((a) => `${a.code} (${a.dissolved_on ? `dissolved ${a.dissolved_on}` : `founded ${a.founded_on}`})`).join(', ')}`);
console.log(`report rows: ${reports.length}; members ${fmt(sum(members))}; nominated ${nominated}`);
const cand = Object.fromEntries(LEVELS.map((l) => [l, candidates[l].length]));
line(`candidates (score≥${MIN_SCORE})`, cand);
let commended = 0;
for (const l of LEVELS) {
  const quota = Math.floor((QUOTA_PERCENT * count[l]) / 100);
  const ranked = candidates[l].sort((x, y) => y.score - x.score || y.members - x.members || (x.code < y.code ? -1 : x.code > y.code ? 1 : 0)).slice(0, quota);
  commended += ranked.length;
  console.log(`  ${l} (quota ${quota}): ${ranked.map((c) => `${c.code} ${c.score}`).join(', ') || '—'}`);
}
console.log(`commended: ${commended}`);

if (errors.length) {
  console.error(`\nFAILED — ${errors.length} problem(s):`);
  for (const e of errors) console.error(`  - ${e}`);
  process.exit(1);
}
console.log('\nOK — all required figures match.');
