#!/usr/bin/env node
// Writes the Quận 8 2016–2020 demo data: units.csv, associations.csv, cycle-YYYY.json and
// reports-YYYY.csv for each year. Deterministic: the same script writes the same bytes (a
// seeded generator, no clock, no Math.random). The files are committed; run this again only
// after changing it, then `node demo/quan-8-2016-2020/check.mjs`.
// Usage: node demo/quan-8-2016-2020/generate.mjs
/* global console */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const YEARS = [2016, 2017, 2018, 2019, 2020];

// ---- a seeded generator (mulberry32 over an FNV-1a hash of a key) ----
function hash(text) {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
function rng(key) {
  let a = hash(key);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const between = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
const pick = (r, list) => list[Math.floor(r() * list.length)];

// ---- the registry ----
const units = [{ code: 'Q8', name: 'Quận 8', level: 'district', parent_code: '', type: 'quan' }];
const ward = (n) => `Q8-P${String(n).padStart(2, '0')}`;
for (let n = 1; n <= 16; n++) units.push({ code: ward(n), name: `Phường ${n}`, level: 'commune', parent_code: 'Q8', type: 'phuong' });

/** kind → name stem, members base (district / ward) */
const KINDS = {
  CTD: { name: 'Hội Chữ thập đỏ', district: 3800, ward: 420 },
  NCT: { name: 'Hội Người cao tuổi', district: 1650, ward: 760 },
  KH: { name: 'Hội Khuyến học', district: 2400, ward: 430 },
  CTNXP: { name: 'Hội Cựu thanh niên xung phong', district: 1150, ward: 85 },
  LG: { name: 'Hội Luật gia', district: 120 },
  NM: { name: 'Hội Người mù', district: 310 },
  DY: { name: 'Hội Đông y', district: 260, ward: 45 },
  BTNKT: { name: 'Hội Bảo trợ người khuyết tật và trẻ mồ côi', district: 180 },
  SVC: { name: 'Hội Sinh vật cảnh', district: 95 },
  CGC: { name: 'Hội Cựu giáo chức', district: 350, ward: 40 },
  CLBHT: { name: 'Câu lạc bộ Hưu trí', district: 520, ward: 110 },
  NNCDDC: { name: 'Hội Nạn nhân chất độc da cam/dioxin', district: 640 },
  CTCT: { name: 'Hội Cựu tù chính trị và tù binh', district: 210 },
  BTBNN: { name: 'Hội Bảo trợ bệnh nhân nghèo', district: 150 },
  TTKC: { name: 'Câu lạc bộ Truyền thống kháng chiến', district: 430 },
  KHHGD: { name: 'Hội Kế hoạch hóa gia đình', district: 280 },
  DN: { name: 'Hội Doanh nghiệp', district: 75 },
};

// District-level associations: [kind, special, founded_on, dissolved_on]
const DISTRICT = [
  ['CTD', true, '1989-03-15', ''],
  ['NCT', true, '1996-04-20', ''],
  ['KH', true, '1998-11-10', ''],
  ['CTNXP', true, '1993-03-26', ''],
  ['LG', false, '2003-07-01', ''],
  ['NM', false, '1992-08-12', ''],
  ['DY', false, '1994-05-05', ''],
  ['BTNKT', false, '2017-08-10', ''],
  ['SVC', false, '2001-09-09', '2019-06-28'],
  ['CGC', false, '2016-05-19', ''],
  ['CLBHT', false, '1990-10-01', ''],
  ['NNCDDC', false, '2005-08-10', ''],
  ['CTCT', false, '1992-09-02', ''],
  ['BTBNN', false, '2008-12-20', ''],
  ['TTKC', false, '1995-04-30', ''],
  ['KHHGD', false, '2002-06-15', ''],
  ['DN', false, '2019-03-26', ''],
];

const associations = [];
for (const [kind, special, founded, dissolved] of DISTRICT) {
  associations.push({ code: `Q8-${kind}`, name: `${KINDS[kind].name} quận 8`, unit_code: 'Q8', special: String(special), founded_on: founded, dissolved_on: dissolved, kind, level: 'district' });
}
// Ward-level: Chữ thập đỏ, Người cao tuổi, Khuyến học in every phường; more in some.
const WARD_EXTRA = [
  ['CTNXP', 1, '2001-04-10', ''],
  ['CTNXP', 3, '2002-05-12', ''],
  ['CTNXP', 4, '2001-11-20', ''],
  ['CTNXP', 5, '2003-03-26', ''],
  ['CTNXP', 7, '2004-08-19', ''],
  ['CTNXP', 9, '2020-07-02', ''],
  ['CTNXP', 11, '2002-10-15', ''],
  ['CTNXP', 14, '2018-04-12', ''],
  ['DY', 5, '2008-06-01', '2017-03-20'],
  ['CLBHT', 2, '1997-09-01', ''],
  ['CLBHT', 6, '1998-03-08', ''],
  ['CLBHT', 10, '1999-10-20', ''],
  ['CLBHT', 12, '2016-09-05', ''],
  ['CLBHT', 13, '2000-05-01', '2020-05-15'],
  ['CLBHT', 16, '2001-01-15', ''],
  ['CGC', 8, '2019-11-05', ''],
];
for (let n = 1; n <= 16; n++) {
  const p = `P${String(n).padStart(2, '0')}`;
  const rows = [
    ['CTD', `${1988 + (n % 5)}-0${1 + (n % 9)}-1${n % 10}`, ''],
    ['NCT', `${1995 + (n % 4)}-0${1 + ((n + 3) % 9)}-2${n % 8}`, ''],
    ['KH', `${1999 + (n % 6)}-1${n % 3}-0${1 + (n % 9)}`, ''],
    ...WARD_EXTRA.filter(([, w]) => w === n).map(([kind, , founded, dissolved]) => [kind, founded, dissolved]),
  ];
  for (const [kind, founded, dissolved] of rows) {
    associations.push({ code: `${p}-${kind}`, name: `${KINDS[kind].name} phường ${n}`, unit_code: ward(n), special: 'false', founded_on: founded, dissolved_on: dissolved, kind, level: 'commune' });
  }
}
const expectedIn = (a, y) => a.founded_on <= `${y}-12-31` && (a.dissolved_on === '' || a.dissolved_on > `${y}-12-31`);

// ---- the reviewers' decisions that make the period's commendation (SPEC 12) ----
// [rating, score] per year 2016…2020; null where not expected. Everything else is drawn below
// and never rated excellent in more than one year, so it cannot reach minYears 3.
const E = (score) => ['excellent', score];
const G = (score) => ['good', score];
const DESIGNED = {
  // district level (quota floor(15 × 16 / 100) = 2)
  'Q8-CTD': [E(95), E(96), E(94), E(97), E(96)], // mean 95.60: commended
  'Q8-KH': [E(93), E(94), E(92), E(95), E(94)], // mean 93.60: commended
  'Q8-NCT': [G(88), E(93), E(94), E(92), E(95)], // mean 93.50 over 4 years: third, out on the quota
  'Q8-CTNXP': [G(86), G(87), G(88), E(96), E(97)], // excellent twice: below minYears
  'Q8-LG': [E(90), G(85), E(88), G(84), E(89)], // mean 89.00: below minScore
  // ward level (quota floor(15 × 62 / 100) = 9)
  'P01-CTD': [E(96), E(95), E(97), E(96), E(96)], // 96.00
  'P04-NCT': [E(94), E(95), E(95), E(94), E(96)], // 94.80
  'P14-CTNXP': [null, null, E(93), E(95), E(96)], // 94.67, founded 2018: three years
  'P07-KH': [E(93), E(95), E(94), E(96), E(95)], // 94.60
  'P10-CTD': [E(92), E(94), E(93), E(95), G(88)], // 93.50 over 4 years
  'P02-NCT': [E(91), E(92), E(93), E(92), E(94)], // 92.40
  'P11-KH': [E(92), E(90), G(87), E(93), E(94)], // 92.25 over 4 years
  'P15-CTD': [G(86), E(91), E(92), E(92), E(93)], // 92.00 over 4 years
  'P06-NCT': [E(90), E(91), E(92), E(91), E(93)], // 91.40, more members than P03-CTD: ninth
  'P03-CTD': [E(92), E(90), E(91), E(92), E(92)], // 91.40, fewer members: tenth, out on the quota
  'P09-NCT': [G(85), G(87), E(91), E(91), E(90)], // 90.67: out on the quota
  'P13-NCT': [G(84), G(86), G(88), E(95), E(96)], // excellent twice: below minYears
  'P16-KH': [G(83), G(85), E(89), E(90), E(90)], // 89.67: below minScore
};
/** Self-rated excellent, rated good by the reviewer. */
const SELF_EXCELLENT = new Set(['Q8-NCT/2016', 'Q8-CTNXP/2018', 'P15-CTD/2016']);

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Phan', 'Trương', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thanh', 'Hữu', 'Ngọc', 'Quốc', 'Thị Kim', 'Đức', 'Thị Thu'];
const GIVEN = ['An', 'Bình', 'Cường', 'Dũng', 'Hạnh', 'Hòa', 'Hùng', 'Lan', 'Liên', 'Long', 'Mai', 'Nam', 'Nga', 'Phúc', 'Sơn', 'Tâm', 'Thảo', 'Trung', 'Tuấn', 'Vân', 'Xuân', 'Yến'];
const ACHIEVEMENTS = {
  CTD: ['Tổ chức {a} đợt hiến máu tình nguyện, tiếp nhận {b} đơn vị máu; trao quà Tết cho hộ nghèo, cận nghèo.', 'Vận động xây dựng {a} căn nhà tình thương; hỗ trợ người dân khó khăn trong mùa mưa, triều cường.'],
  NCT: ['Tổ chức mừng thọ cho {b} hội viên; duy trì {a} câu lạc bộ dưỡng sinh, thơ ca.', 'Phát huy vai trò người cao tuổi trong phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa” ở khu dân cư.'],
  KH: ['Trao {b} suất học bổng cho học sinh nghèo vượt khó; công nhận {a} “gia đình học tập”.', 'Phối hợp xây dựng mô hình “Cộng đồng học tập” cấp phường, vận động {a} “dòng họ học tập”.'],
  CTNXP: ['Thăm hỏi, hỗ trợ {a} hội viên khó khăn; tham gia phong trào “15 phút vì Thành phố văn minh - sạch đẹp”.'],
  DEFAULT: ['Tuyên truyền hội viên thực hiện Cuộc vận động “Người Việt Nam ưu tiên dùng hàng Việt Nam”; tổ chức {a} hoạt động chăm lo hội viên khó khăn.'],
};
const LIMITATIONS = ['Kinh phí hoạt động còn hạn hẹp, chủ yếu do hội viên đóng góp.', 'Phát triển hội viên trẻ còn chậm.', 'Cán bộ Hội phần lớn lớn tuổi, kiêm nhiệm.', 'Nơi sinh hoạt của Hội còn phải mượn của khu phố.'];
const PROPOSALS = ['Đề nghị UBND phường hỗ trợ nơi sinh hoạt cho Hội.', 'Đề nghị quận hỗ trợ kinh phí tập huấn cán bộ Hội.', 'Đề nghị các ngành phối hợp hướng dẫn Hội hoàn thiện Điều lệ theo quy định mới.'];
const fill = (text, r) => text.replace('{a}', String(between(r, 3, 40))).replace('{b}', String(between(r, 100, 900)));

/** Members grow a little each year from a base drawn once per association. */
function membersOf(a, yearIndex) {
  const r = rng(`${a.code}/members`);
  const base = a.level === 'district' ? KINDS[a.kind].district : KINDS[a.kind].ward;
  let members = Math.round(base * (0.8 + 0.4 * r()));
  for (let i = 0; i < yearIndex; i++) members = Math.round(members * (1 + between(r, 0, 40) / 1000));
  return members;
}

function reportFor(a, year) {
  const yi = YEARS.indexOf(year);
  const r = rng(`${a.code}/${year}`);
  const who = rng(`${a.code}/who`);
  const members = membersOf(a, yi);
  const designed = DESIGNED[a.code]?.[yi];
  let rating;
  let score;
  if (designed) [rating, score] = designed;
  else {
    // At most one excellent year per undesigned association (a drawn year), and good or completed otherwise.
    const excellentYear = rng(`${a.code}/excellent`)() < 0.35 ? YEARS[between(rng(`${a.code}/which`), 0, 4)] : null;
    if (year === excellentYear) [rating, score] = ['excellent', between(r, 86, 93)];
    else if (r() < 0.8) [rating, score] = ['good', between(r, 78, 89)];
    else [rating, score] = ['completed', between(r, 65, 77)];
  }
  const selfRating = SELF_EXCELLENT.has(`${a.code}/${year}`) ? 'excellent' : rating;
  const nominate = selfRating === 'excellent' && (rating !== 'excellent' || score >= 90);
  const founded = a.founded_on.startsWith(String(year));
  const newMembers = founded ? members : Math.round(members * (0.04 + 0.06 * r()));
  const big = a.level === 'district';
  const charityEvents = a.kind === 'CTD' ? between(r, big ? 20 : 6, big ? 45 : 18) : between(r, 0, big ? 12 : 5);
  const charityFundsVnd = a.kind === 'CTD' ? between(r, big ? 900 : 60, big ? 2400 : 350) * 1_000_000 : between(r, 0, big ? 300 : 40) * 500_000;
  const row = {
    association: a.code,
    members,
    newMembers,
    branches: big ? between(r, a.kind === 'CTD' || a.kind === 'NCT' || a.kind === 'KH' ? 16 : 2, a.kind === 'CTD' || a.kind === 'NCT' || a.kind === 'KH' ? 18 : 12) : between(r, 3, 14),
    charityEvents,
    charityFundsVnd,
    legalEducationSessions: between(r, big ? 4 : 1, big ? 24 : 10),
    selfRating,
    nominate: String(nominate),
    achievements: nominate || r() < 0.2 ? fill(pick(r, ACHIEVEMENTS[a.kind] ?? ACHIEVEMENTS.DEFAULT), r) : '',
    limitations: r() < 0.4 ? pick(r, LIMITATIONS) : '',
    proposals: r() < 0.25 ? pick(r, PROPOSALS).replace('UBND phường', big ? 'UBND quận' : 'UBND phường') : '',
    submittedBy: `${pick(who, SURNAMES)} ${pick(who, MIDDLE)} ${pick(who, GIVEN)} — ${pick(who, ['Chủ tịch Hội', 'Phó Chủ tịch Hội', 'Chủ nhiệm'])}`,
    score,
    rating,
  };
  if (a.kind === 'CLBHT' || a.kind === 'TTKC') row.submittedBy = row.submittedBy.replace(/Chủ tịch Hội$/u, 'Chủ nhiệm Câu lạc bộ');
  return row;
}

// ---- the cycles: the Phòng Nội vụ of UBND Quận 8 reports each year ----
const REPORT_DATES = { 2016: '2016-12-22', 2017: '2017-12-21', 2018: '2018-12-20', 2019: '2019-12-19', 2020: '2020-10-30' };
const DEADLINES = { 2016: '2016-12-15', 2017: '2017-12-15', 2018: '2018-12-14', 2019: '2019-12-13', 2020: '2020-10-23' };
const NUMBERS = { 2016: 'Số 418/BC-NV', 2017: 'Số 402/BC-NV', 2018: 'Số 395/BC-NV', 2019: 'Số 421/BC-NV', 2020: 'Số 336/BC-NV' };
function cycleConfig(year) {
  return {
    year,
    deadline: DEADLINES[year],
    autoCloseAt: null,
    issuer: ['ỦY BAN NHÂN DÂN QUẬN 8', 'PHÒNG NỘI VỤ'],
    issuerKind: 'state',
    documentNumber: NUMBERS[year],
    reportDate: REPORT_DATES[year],
    place: 'Quận 8',
    specialLabel: null,
    signer: { lines: ['TRƯỞNG PHÒNG'], name: 'Lâm Quang Vinh' },
    recipients: ['Sở Nội vụ Thành phố (b/c)', 'Thường trực Quận ủy, UBND quận (b/c)', 'Ban Dân vận Quận ủy', 'Ủy ban MTTQ Việt Nam quận', 'UBND 16 phường', 'Các hội quần chúng quận', 'Lưu: VT, NV'],
    narrative: {
      results: `Năm ${year}, các hội quần chúng trên địa bàn quận hoạt động đúng tôn chỉ, mục đích và Điều lệ; tích cực tham gia các hoạt động xã hội nhân đạo, chăm lo hội viên và Nhân dân có hoàn cảnh khó khăn; hưởng ứng phong trào “15 phút vì Thành phố văn minh - sạch đẹp”.`,
      limitations: 'Một số hội cấp phường hoạt động còn hình thức; kinh phí hoạt động chủ yếu do hội viên đóng góp.\n\nNguyên nhân: cán bộ hội phần lớn lớn tuổi, kiêm nhiệm; nơi sinh hoạt còn phải mượn của khu phố.',
      direction: `Năm ${year + 1}, tiếp tục thực hiện Kết luận số 102-KL/TW ngày 22/9/2014 của Bộ Chính trị; hướng các hội hoạt động theo nguyên tắc tự nguyện, tự chủ, tự quản, tự trang trải kinh phí.`,
    },
    signOff: false,
    commendation: { quotaPercent: 20, minScore: 90, awards: { province: 'Bằng khen của Chủ tịch UBND {type}', district: 'Giấy khen của Chủ tịch UBND {type}', commune: 'Giấy khen của Chủ tịch UBND {type}' } },
  };
}

// ---- writing ----
const csvCell = (v) => {
  const s = String(v);
  return /[",\n]/u.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};
const csv = (header, rows) => `${[header.join(','), ...rows.map((row) => header.map((h) => csvCell(row[h])).join(','))].join('\n')}\n`;
const write = (name, text) => writeFileSync(join(dir, name), text.normalize('NFC'));

write('units.csv', csv(['code', 'name', 'level', 'parent_code', 'type'], units));
write('associations.csv', csv(['code', 'name', 'unit_code', 'special', 'founded_on', 'dissolved_on'], associations));
const REPORT_HEADER = ['association', 'members', 'newMembers', 'branches', 'charityEvents', 'charityFundsVnd', 'legalEducationSessions', 'selfRating', 'nominate', 'achievements', 'limitations', 'proposals', 'submittedBy', 'score', 'rating'];
for (const year of YEARS) {
  const rows = associations.filter((a) => expectedIn(a, year)).map((a) => reportFor(a, year));
  write(`reports-${year}.csv`, csv(REPORT_HEADER, rows));
  write(`cycle-${year}.json`, `${JSON.stringify(cycleConfig(year), null, 2)}\n`);
  console.log(`${year}: ${rows.length} reports`);
}
console.log(`${units.length} units, ${associations.length} associations`);
