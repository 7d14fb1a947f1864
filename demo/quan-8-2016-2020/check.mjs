#!/usr/bin/env node
// Checks the Quận 8 2016–2020 demo data, independently of the product code: the registry,
// each year's expected associations and reports (SPEC sections 2 and 4), each year's figures,
// and the period commendation of SPEC section 12 with period.json, which must select exactly
// the 11 collectives below (the seed: "Quận khen thưởng 11 tập thể").
// Usage: node demo/quan-8-2016-2020/check.mjs   (exit code 1 on any mismatch)
/* global console, process */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

const YEARS = [2016, 2017, 2018, 2019, 2020];
const LEVELS = ['province', 'district', 'commune'];
const RANK = { province: 0, district: 1, commune: 2 };
const CODE = /^[A-Za-z0-9_-]{1,40}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const RATINGS = ['excellent', 'good', 'completed', 'not_completed'];
const INT = /^(0|[1-9]\d*)$/;

/** What each year's summary must say (SPEC 6: associations by level, special, new, dissolved, members of approved reports, commended). */
const EXPECTED = {
  2016: { byLevel: { province: 0, district: 15, commune: 61 }, special: 4, new: { district: 1, commune: 1 }, dissolved: 0, members: 39669, annualCommended: 12 },
  2017: { byLevel: { province: 0, district: 16, commune: 60 }, special: 4, new: { district: 1, commune: 0 }, dissolved: 1, members: 40573, annualCommended: 14 },
  2018: { byLevel: { province: 0, district: 16, commune: 61 }, special: 4, new: { district: 0, commune: 1 }, dissolved: 0, members: 41550, annualCommended: 13 },
  2019: { byLevel: { province: 0, district: 16, commune: 62 }, special: 4, new: { district: 1, commune: 1 }, dissolved: 1, members: 42550, annualCommended: 15 },
  2020: { byLevel: { province: 0, district: 16, commune: 62 }, special: 4, new: { district: 0, commune: 1 }, dissolved: 1, members: 43472, annualCommended: 15 },
};
/** The period's commended collectives, in the order of the list (level, then rank). */
const COMMENDED = ['Q8-CTD', 'Q8-KH', 'P01-CTD', 'P04-NCT', 'P14-CTNXP', 'P07-KH', 'P10-CTD', 'P02-NCT', 'P11-KH', 'P15-CTD', 'P06-NCT'];

const dir = dirname(fileURLToPath(import.meta.url));
const errors = [];
const fail = (msg) => errors.push(msg);
const want = (label, got, exp) => {
  if (got !== exp) fail(`${label}: got ${got}, expected ${exp}`);
};

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
const json = (name) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
function validDate(s) {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}
const byLevel = () => ({ province: 0, district: 0, commune: 0 });
const sum = (o) => Object.values(o).reduce((a, b) => a + b, 0);
const cmpCode = (x, y) => (x < y ? -1 : x > y ? 1 : 0);

// ---- units ----
const units = load('units.csv', ['code', 'name', 'level', 'parent_code', 'type']);
const unitBy = new Map();
for (const u of units) {
  if (!CODE.test(u.code)) fail(`units.csv:${u._line}: bad code ${u.code}`);
  if (unitBy.has(u.code)) fail(`units.csv:${u._line}: duplicate code ${u.code}`);
  if (!LEVELS.includes(u.level)) fail(`units.csv:${u._line}: bad level ${u.level}`);
  unitBy.set(u.code, u);
}
const roots = units.filter((u) => u.parent_code === '');
if (roots.length !== 1) fail('units.csv: need exactly one root');
const root = roots[0];
if (root && !(root.code === 'Q8' && root.name === 'Quận 8' && root.level === 'district' && root.type === 'quan')) fail('units.csv: the root must be Q8, Quận 8, district, quan');
const wards = units.filter((u) => u !== root);
want('phường', wards.length, 16);
for (const [i, u] of wards.entries()) {
  if (u.name !== `Phường ${i + 1}` || u.level !== 'commune' || u.type !== 'phuong' || u.parent_code !== 'Q8') fail(`units.csv:${u._line}: expected Phường ${i + 1}, commune, phuong, under Q8`);
  const p = unitBy.get(u.parent_code);
  if (p && RANK[p.level] >= RANK[u.level]) fail(`units.csv:${u._line}: parent ${p.code} is not above ${u.level}`);
}

// ---- associations ----
const assocs = load('associations.csv', ['code', 'name', 'unit_code', 'special', 'founded_on', 'dissolved_on']);
const assocBy = new Map();
for (const a of assocs) {
  const at = `associations.csv:${a._line}`;
  if (!CODE.test(a.code)) fail(`${at}: bad code ${a.code}`);
  if (assocBy.has(a.code)) fail(`${at}: duplicate code ${a.code}`);
  const unit = unitBy.get(a.unit_code);
  if (!unit) fail(`${at}: unknown unit ${a.unit_code}`);
  if (!['true', 'false'].includes(a.special)) fail(`${at}: special must be true/false`);
  if (!validDate(a.founded_on)) fail(`${at}: bad founded_on ${a.founded_on}`);
  if (a.dissolved_on !== '' && !validDate(a.dissolved_on)) fail(`${at}: bad dissolved_on ${a.dissolved_on}`);
  if (a.dissolved_on !== '' && a.dissolved_on <= a.founded_on) fail(`${at}: dissolved before founded`);
  if (a.dissolved_on !== '' && (a.dissolved_on < '2016-01-01' || a.dissolved_on > '2020-12-31')) fail(`${at}: dissolved outside 2016–2020`);
  assocBy.set(a.code, { ...a, level: unit?.level ?? 'commune' });
}

// ---- each year ----
const REPORT_HEADER = ['association', 'members', 'newMembers', 'branches', 'charityEvents', 'charityFundsVnd', 'legalEducationSessions', 'selfRating', 'nominate', 'achievements', 'limitations', 'proposals', 'submittedBy', 'score', 'rating'];
/** year → association → { level, rating, score, members } */
const results = new Map();
const printed = [];
for (const year of YEARS) {
  const end = `${year}-12-31`;
  const start = `${year}-01-01`;
  const config = json(`cycle-${year}.json`);
  want(`cycle-${year}.json year`, config.year, year);
  if (!validDate(config.reportDate) || !config.reportDate.startsWith(`${year}-`)) fail(`cycle-${year}.json: reportDate ${config.reportDate} is not a date of ${year}`);
  if (!(config.deadline < config.reportDate)) fail(`cycle-${year}.json: deadline ${config.deadline} is not before reportDate ${config.reportDate}`);
  want(`cycle-${year}.json place`, config.place, 'Quận 8');
  const count = byLevel(), special = byLevel(), fresh = byLevel(), dissolved = byLevel(), members = byLevel();
  const expected = new Map();
  for (const a of assocBy.values()) {
    if (a.dissolved_on >= start && a.dissolved_on <= end) dissolved[a.level]++;
    if (!(a.founded_on <= end && (a.dissolved_on === '' || a.dissolved_on > end))) continue;
    expected.set(a.code, a);
    count[a.level]++;
    if (a.special === 'true') special[a.level]++;
    if (a.founded_on >= start) fresh[a.level]++;
  }
  const reports = load(`reports-${year}.csv`, REPORT_HEADER);
  const seen = new Map();
  const candidates = byLevel();
  for (const r of reports) {
    const at = `reports-${year}.csv:${r._line}`;
    const a = expected.get(r.association);
    if (!a) { fail(`${at}: ${r.association} is not expected in ${year}`); continue; }
    if (seen.has(r.association)) fail(`${at}: second report for ${r.association}`);
    for (const f of ['members', 'newMembers', 'branches', 'charityEvents', 'charityFundsVnd', 'legalEducationSessions', 'score']) if (!INT.test(r[f])) fail(`${at}: ${f} is not a non-negative integer`);
    const n = Object.fromEntries(['members', 'newMembers', 'score'].map((f) => [f, Number(r[f])]));
    if (n.newMembers > n.members) fail(`${at}: newMembers > members`);
    if (n.score > 100) fail(`${at}: score over 100`);
    if (!RATINGS.includes(r.selfRating) || !RATINGS.includes(r.rating)) fail(`${at}: bad rating`);
    if (!['true', 'false'].includes(r.nominate)) fail(`${at}: nominate must be true/false`);
    if (r.nominate === 'true' && !r.achievements.trim()) fail(`${at}: nominated without achievements`);
    if (r.submittedBy.trim().length < 1 || r.submittedBy.length > 200) fail(`${at}: submittedBy must be 1..200 characters`);
    seen.set(r.association, { level: a.level, rating: r.rating, score: n.score, members: n.members });
    members[a.level] += n.members;
    if (r.rating === 'excellent' && r.nominate === 'true' && n.score >= config.commendation.minScore) candidates[a.level]++;
  }
  for (const code of expected.keys()) if (!seen.has(code)) fail(`reports-${year}.csv: no report for ${code}`);
  results.set(year, seen);
  const exp = EXPECTED[year];
  for (const l of LEVELS) want(`${year} expected ${l}`, count[l], exp.byLevel[l]);
  want(`${year} special`, sum(special), exp.special);
  want(`${year} new district`, fresh.district, exp.new.district);
  want(`${year} new commune`, fresh.commune, exp.new.commune);
  want(`${year} dissolved`, sum(dissolved), exp.dissolved);
  want(`${year} members`, sum(members), exp.members);
  // The annual commendation (SPEC 6), for the table only: the period does not depend on it.
  const quota = (l) => Math.floor((config.commendation.quotaPercent * count[l]) / 100);
  const annual = LEVELS.reduce((n, l) => n + Math.min(quota(l), candidates[l]), 0);
  want(`${year} annual commended`, annual, exp.annualCommended);
  printed.push({ year, total: sum(count), district: count.district, commune: count.commune, special: sum(special), fresh: sum(fresh), dissolved: sum(dissolved), members: sum(members), annual });
}

// ---- the period (SPEC 12) ----
const period = json('period.json');
want('period code', period.code, 'KL102-2016-2020');
want('period from', period.from, 2016);
want('period to', period.to, 2020);
want('period reportDate', period.reportDate, '2020-11-07');
const c = period.commendation;
const lastYear = YEARS[YEARS.length - 1];
if (period.reportDate <= json(`cycle-${lastYear}.json`).reportDate) fail(`period.json: reportDate ${period.reportDate} is not after the ${lastYear} close`);
const lastResults = results.get(lastYear);
const lastCount = byLevel();
for (const r of lastResults.values()) lastCount[r.level]++;
const excellent = new Map();
for (const year of YEARS) {
  for (const [code, r] of results.get(year)) {
    if (r.rating !== 'excellent') continue;
    if (!excellent.has(code)) excellent.set(code, []);
    excellent.get(code).push(r.score);
  }
}
const minYears = c.minYears ?? YEARS.length;
const pool = byLevel();
const listed = [];
for (const l of LEVELS) {
  const eligible = [];
  for (const [code, scores] of excellent) {
    const last = lastResults.get(code);
    // An association's level is its level in the last year; one not reporting then has none.
    if (!last || last.level !== l) continue;
    if (scores.length < minYears) continue;
    const mean = Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100;
    if (mean < c.minScore) continue;
    eligible.push({ code, mean, members: last.members, years: scores.length });
  }
  eligible.sort((x, y) => y.mean - x.mean || y.members - x.members || cmpCode(x.code, y.code));
  pool[l] = eligible.length;
  const quota = Math.floor((c.quotaPercent * lastCount[l]) / 100);
  const chosen = eligible.slice(0, quota);
  listed.push(...chosen.map((e) => ({ ...e, level: l })));
  console.log(`period ${l}: quota floor(${c.quotaPercent} × ${lastCount[l]} / 100) = ${quota}; eligible ${eligible.length}: ${eligible.map((e) => `${e.code} ${e.mean.toFixed(2)}/${e.years}y/${e.members}`).join(', ') || '—'}`);
}
// An association dissolved during the period must not be a candidate (the rule reads the last year).
for (const [code, scores] of excellent) {
  if (!lastResults.has(code) && scores.length >= minYears) fail(`${code}: excellent in ${scores.length} years but not reporting in ${lastYear}`);
}

console.log(`\nQuận 8 2016–2020 demo data — ${units.length} units (1 quận, ${wards.length} phường), ${assocs.length} associations in the registry`);
console.log('year  assoc  district  commune  special  new  dissolved  members  annual-commended');
for (const p of printed) {
  console.log(`${p.year}  ${String(p.total).padStart(5)}  ${String(p.district).padStart(8)}  ${String(p.commune).padStart(7)}  ${String(p.special).padStart(7)}  ${String(p.fresh).padStart(3)}  ${String(p.dissolved).padStart(9)}  ${String(p.members).padStart(7)}  ${String(p.annual).padStart(16)}`);
}
console.log(`\nperiod ${period.code}: commended ${listed.length}: ${listed.map((e) => e.code).join(', ')}`);
want('period commended', listed.length, 11);
want('period commended list', listed.map((e) => e.code).join(','), COMMENDED.join(','));

if (errors.length) {
  console.error(`\nFAILED — ${errors.length} problem(s):`);
  for (const e of errors) console.error(`  - ${e}`);
  process.exit(1);
}
console.log('\nOK — every year and the period commendation match.');
