import { describe, expect, it } from 'vitest';
import type { RegistryProblem } from '../../shared/domain/localized.ts';
import {
  MAX_ASSOCIATIONS,
  MAX_PROBLEMS,
  MAX_RECORD_CHARS,
  MAX_UNITS,
  associationInYear,
  isInSubtree,
  parseRegistry,
  specialLabelFor,
  unitsByCode,
} from '../../shared/domain/registry.ts';
import { unitTypeFromName } from '../../shared/domain/labels.ts';
import type { Association } from '../../shared/domain/types.ts';
import { storedUnitType } from '../../shared/domain/unit-type.ts';

const UNITS_3 = [
  'code,name,level,parent_code',
  'LC,Tỉnh Lai Châu,province,',
  'TD,Huyện Tam Đường,district,LC',
  'BB,Xã Bản Bo,commune,TD',
  'TP,Phường Tân Phong,commune,LC',
].join('\n');

const UNITS_2 = ['code,name,level,parent_code', 'LC,Tỉnh Lai Châu,province,', 'BB,Xã Bản Bo,commune,LC'].join('\n');

const ASSOC_HEADER = 'code,name,unit_code,special,founded_on,dissolved_on';
const ASSOCS_3 = [
  ASSOC_HEADER,
  'A1,Hội Chữ thập đỏ tỉnh,LC,true,1990-05-01,',
  'A2,Hội Người cao tuổi xã Bản Bo,BB,false,2021-03-15,',
  'A3,Hội Làm vườn huyện,TD,false,2010-01-01,2020-06-30',
].join('\n');

function problemsOf(units: string, associations: string): RegistryProblem[] {
  const result = parseRegistry(units, associations);
  if (result.ok) throw new Error('expected the registry to be rejected');
  return result.problems;
}

/** file:line of each problem, the part a user finds the row by. */
const where = (problems: RegistryProblem[]) => problems.map((p) => `${p.file}:${p.line}`);

function onlyProblem(units: string, associations: string): RegistryProblem {
  const problems = problemsOf(units, associations);
  expect(problems, JSON.stringify(problems)).toHaveLength(1);
  return problems[0] as RegistryProblem;
}

const unitsWith = (...rows: string[]) => [UNITS_3, ...rows].join('\n');
const assocsWith = (...rows: string[]) => [ASSOC_HEADER, ...rows].join('\n');

describe('parseRegistry: accepted registries', () => {
  it('accepts a three-tier registry, with paths from the province down', () => {
    const result = parseRegistry(UNITS_3, ASSOCS_3);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.units).toEqual([
      { code: 'LC', name: 'Tỉnh Lai Châu', level: 'province', type: 'tinh', parentCode: null, path: 'LC' },
      { code: 'TD', name: 'Huyện Tam Đường', level: 'district', type: 'huyen', parentCode: 'LC', path: 'LC/TD' },
      { code: 'BB', name: 'Xã Bản Bo', level: 'commune', type: 'xa', parentCode: 'TD', path: 'LC/TD/BB' },
      { code: 'TP', name: 'Phường Tân Phong', level: 'commune', type: 'phuong', parentCode: 'LC', path: 'LC/TP' },
    ]);
    expect(result.associations).toEqual([
      { code: 'A1', name: 'Hội Chữ thập đỏ tỉnh', unitCode: 'LC', special: true, foundedOn: '1990-05-01', dissolvedOn: null },
      { code: 'A2', name: 'Hội Người cao tuổi xã Bản Bo', unitCode: 'BB', special: false, foundedOn: '2021-03-15', dissolvedOn: null },
      { code: 'A3', name: 'Hội Làm vườn huyện', unitCode: 'TD', special: false, foundedOn: '2010-01-01', dissolvedOn: '2020-06-30' },
    ]);
  });

  it('accepts the optional contact columns, email and phone, and refuses a bad one on its line', () => {
    const header = `${ASSOC_HEADER},email,phone`;
    const result = parseRegistry(UNITS_2, [header, 'A1,Hội Nông dân xã,BB,false,2020-01-01,,hoinongdan.banbo@gmail.com,0213 3876 543', 'A2,Hội Khuyến học xã,BB,false,2020-01-01,,,'].join('\n'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.associations[0]).toMatchObject({ code: 'A1', email: 'hoinongdan.banbo@gmail.com', phone: '0213 3876 543' });
    expect(result.associations[1]).not.toHaveProperty('email');
    const bad = problemsOf(UNITS_2, [header, 'A1,Hội X,BB,false,2020-01-01,,hoi nct@gmail,', 'A2,Hội Y,BB,false,2020-01-01,,,=1+1', 'A3,Hội Z,BB,false,2020-01-01,,a@b.c,12'].join('\n'));
    expect(where(bad)).toEqual(['associations:2', 'associations:3', 'associations:4', 'associations:4']);
    expect(bad[0]?.message.vi).toContain('cột "email"');
    expect(bad[1]?.message.vi).toContain('cột "phone"');
  });

  it('accepts a two-tier registry with no district at all', () => {
    const result = parseRegistry(UNITS_2, assocsWith('A1,Hội Nông dân xã,BB,false,2025-07-01,'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.units.map((u) => [u.code, u.level, u.path])).toEqual([
      ['LC', 'province', 'LC'],
      ['BB', 'commune', 'LC/BB'],
    ]);
    expect(result.associations).toHaveLength(1);
  });

  it('accepts an associations file with only a header (no associations)', () => {
    const result = parseRegistry(UNITS_2, `${ASSOC_HEADER}\n`);
    expect(result).toMatchObject({ ok: true, associations: [] });
  });

  it('normalises NFD text to NFC and trims every cell', () => {
    const nfdName = 'Huyện Tam Đường'.normalize('NFD');
    expect(nfdName).not.toBe('Huyện Tam Đường');
    const units = ['code,name,level,parent_code', 'LC, Tỉnh Lai Châu ,province,', ` TD , ${nfdName},district, LC `].join('\n');
    const result = parseRegistry(units, assocsWith(`A1,${'Hội Nông dân'.normalize('NFD')},TD,false,2020-01-01,`));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.units[1]).toMatchObject({ code: 'TD', name: 'Huyện Tam Đường', parentCode: 'LC', path: 'LC/TD' });
    expect(result.units[0]?.name).toBe('Tỉnh Lai Châu');
    expect(result.associations[0]?.name).toBe('Hội Nông dân');
  });

  it('accepts a UTF-8 BOM, CRLF line ends and trailing blank lines', () => {
    const result = parseRegistry(`\uFEFF${UNITS_3.replaceAll('\n', '\r\n')}\r\n\r\n\r\n`, `\uFEFF${ASSOCS_3}\n\n  \n`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.units[0]?.code).toBe('LC');
    expect(result.associations).toHaveLength(3);
  });

  it('accepts the columns in any order', () => {
    const units = ['parent_code,level,code,name', ',province,LC,Tỉnh Lai Châu', 'LC,commune,BB,Xã Bản Bo'].join('\n');
    const assocs = ['dissolved_on,founded_on,special,unit_code,name,code', ',2020-01-01,true,BB,Hội Cựu chiến binh xã,A1'].join('\n');
    const result = parseRegistry(units, assocs);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.units[1]).toMatchObject({ code: 'BB', name: 'Xã Bản Bo', level: 'commune', parentCode: 'LC' });
    expect(result.associations[0]).toEqual({
      code: 'A1',
      name: 'Hội Cựu chiến binh xã',
      unitCode: 'BB',
      special: true,
      foundedOn: '2020-01-01',
      dissolvedOn: null,
    });
  });

  it('keeps commas and quotes inside quoted cells (RFC 4180)', () => {
    const result = parseRegistry(UNITS_2, assocsWith('A1,"Hội ""Khuyến học"", xã Bản Bo",BB,false,2020-01-01,'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.associations[0]?.name).toBe('Hội "Khuyến học", xã Bản Bo');
  });
});

describe('parseRegistry: the header', () => {
  it('reports a missing column on line 1, naming it', () => {
    const p = onlyProblem('code,name,level\nLC,Tỉnh,province', ASSOCS_3);
    expect(p.file).toBe('units');
    expect(p.line).toBe(1);
    expect(p.message.vi).toContain('parent_code');
    expect(p.message.en).toContain('parent_code');
  });

  it('reports an extra column on line 1, naming it', () => {
    const assocs = ASSOCS_3.replace(ASSOC_HEADER, `${ASSOC_HEADER},note`).replaceAll(/\n(.*)/g, '\n$1,x');
    const p = onlyProblem(UNITS_3, assocs);
    expect(where([p])).toEqual(['associations:1']);
    expect(p.message.vi).toContain('"note"');
  });

  it('still checks the rows when a column is extra', () => {
    const assocs = [`${ASSOC_HEADER},note`, 'A1,Hội X,NOPE,false,2020-01-01,,ghi chú'].join('\n');
    const problems = problemsOf(UNITS_3, assocs);
    expect(where(problems)).toEqual(['associations:1', 'associations:2']);
    expect(problems[1]?.message.en).toContain('"unit_code"');
  });

  it('reports a column given twice', () => {
    const p = onlyProblem(UNITS_3, ASSOCS_3.replace(ASSOC_HEADER, `${ASSOC_HEADER},code`).replaceAll(/\n(.*)/g, '\n$1,x'));
    expect(where([p])).toEqual(['associations:1']);
    expect(p.message.en).toContain('"code"');
  });

  it('rejects an empty units file and an empty associations file', () => {
    const problems = problemsOf('', '');
    expect(where(problems)).toEqual(['units:1', 'associations:1']);
  });

  it('rejects a units file with only a header: there is no root', () => {
    const p = onlyProblem('code,name,level,parent_code\n', ASSOC_HEADER);
    expect(p.file).toBe('units');
    expect(p.line).toBe(0);
    expect(p.message.en).toMatch(/province/);
  });
});

describe('parseRegistry: units', () => {
  it.each([
    ['an invalid code', 'X Y,Xã X,commune,TD', /"code"/],
    ['a code over 40 characters', `${'A'.repeat(41)},Xã X,commune,TD`, /"code"/],
    ['an empty code', ',Xã X,commune,TD', /"code"/],
    ['an empty name', 'XX,,commune,TD', /"name"/],
    ['a name over 300 characters', `XX,${'ă'.repeat(301)},commune,TD`, /"name"/],
    ['a name with a tab', 'XX,"Xã\tX",commune,TD', /"name"/],
    ['an unknown level', 'XX,Xã X,village,TD', /"level"/],
    ['a second province', 'LC2,Tỉnh khác,province,', /"parent_code"/],
    ['a district with no parent', 'XX,Huyện X,district,', /"parent_code"/],
    ['an unknown parent', 'XX,Xã X,commune,NOPE', /"parent_code"/],
    ['a parent of the same level', 'XX,Xã X,commune,BB', /"parent_code"/],
    ['a parent of a lower level', 'XX,Huyện X,district,BB', /"parent_code"/],
    ['a duplicate code', 'BB,Xã Bản Bo 2,commune,TD', /"code"/],
  ])('reports %s on its line, naming the column', (_label, row, column) => {
    const p = onlyProblem(unitsWith(row), ASSOCS_3);
    expect(p.file).toBe('units');
    expect(p.line).toBe(6);
    expect(p.message.vi).toMatch(column);
    expect(p.message.en).toMatch(column);
  });

  it('reports a province that has a parent', () => {
    const p = onlyProblem(UNITS_3.replace('LC,Tỉnh Lai Châu,province,', 'LC,Tỉnh Lai Châu,province,XYZ'), ASSOCS_3);
    expect(where([p])).toEqual(['units:2']);
    expect(p.message.en).toContain('"parent_code"');
  });

  it('names the unknown parent code in both languages', () => {
    const p = onlyProblem(unitsWith('XX,Xã X,commune,NOPE'), ASSOCS_3);
    expect(p.message).toEqual({
      vi: 'Mã đơn vị cha "NOPE" (cột "parent_code") không tồn tại.',
      en: 'Unknown parent unit code "NOPE" (column "parent_code").',
    });
  });

  it('points a duplicate code at the line of its first use', () => {
    const p = onlyProblem(unitsWith('BB,Xã Bản Bo 2,commune,TD'), ASSOCS_3);
    expect(p.message.en).toContain('line 4');
  });

  it('reports a loop in the tree, without hanging', () => {
    const units = unitsWith('D1,Huyện Một,district,D2', 'D2,Huyện Hai,district,D1');
    const problems = problemsOf(units, ASSOCS_3);
    const loops = problems.filter((p) => p.message.en.startsWith('Loop'));
    expect(loops).toHaveLength(1);
    expect(loops[0]?.line).toBe(6);
    expect(loops[0]?.message.vi).toContain('D1 → D2 → D1');
  });

  it('reports a unit that is its own parent as a loop', () => {
    const problems = problemsOf(unitsWith('D1,Huyện Một,district,D1'), ASSOCS_3);
    expect(problems.some((p) => p.line === 6 && p.message.en.includes('D1 → D1'))).toBe(true);
  });

  it('reports a units file with no root at line 0', () => {
    const units = ['code,name,level,parent_code', 'TD,Huyện Tam Đường,district,TD'].join('\n');
    const problems = problemsOf(units, ASSOC_HEADER);
    expect(problems.some((p) => p.file === 'units' && p.line === 0 && p.message.en.includes('no root unit'))).toBe(true);
  });

  it('counts lines of a quoted multi-line name, so later problems keep their real line', () => {
    const units = [
      'code,name,level,parent_code',
      'LC,Tỉnh Lai Châu,province,',
      'TD,"Huyện',
      'Tam Đường",district,LC',
      'BB,Xã Bản Bo,village,TD',
    ].join('\r\n');
    const problems = problemsOf(units, ASSOC_HEADER);
    // The broken name is reported where its row starts; the bad level where it really is.
    expect(where(problems)).toEqual(['units:3', 'units:5']);
    expect(problems[0]?.message.en).toContain('"name"');
    expect(problems[1]?.message.en).toContain('"level"');
  });

  it('reports a row with the wrong number of cells, without blaming the rows that name it', () => {
    const units = unitsWith('XX,Xã Nậm Loỏng, Phường,commune,TD');
    const problems = problemsOf(units, assocsWith('A1,Hội Nông dân,XX,false,2020-01-01,'));
    expect(where(problems)).toEqual(['units:6']);
  });
});

describe('parseRegistry: associations', () => {
  it.each([
    ['an invalid code', 'A/1,Hội X,BB,false,2020-01-01,', /"code"/],
    ['a duplicate code', 'A1,Hội X,BB,false,2020-01-01,', /"code"/],
    ['an empty name', 'A9,,BB,false,2020-01-01,', /"name"/],
    ['an unknown unit', 'A9,Hội X,NOPE,false,2020-01-01,', /"unit_code"/],
    ['special not true/false', 'A9,Hội X,BB,yes,2020-01-01,', /"special"/],
    ['special as a mark', 'A9,Hội X,BB,x,2020-01-01,', /"special"/],
    ['a day that does not exist', 'A9,Hội X,BB,false,2021-02-30,', /"founded_on"/],
    ['29 February of a non-leap year', 'A9,Hội X,BB,false,1900-02-29,', /"founded_on"/],
    ['a date in another format', 'A9,Hội X,BB,false,2020/02/01,', /"founded_on"/],
    ['a day/month date that does not exist', 'A9,Hội X,BB,false,31/04/2020,', /"founded_on"/],
    ['an empty founded_on', 'A9,Hội X,BB,false,,', /"founded_on"/],
    ['a bad dissolved_on', 'A9,Hội X,BB,false,2020-01-01,2020-13-01', /"dissolved_on"/],
    ['dissolved before founded', 'A9,Hội X,BB,false,2020-01-02,2020-01-01', /"dissolved_on"/],
  ])('reports %s on its line, naming the column', (_label, row, column) => {
    const p = onlyProblem(UNITS_3, [ASSOCS_3, row].join('\n'));
    expect(p.file).toBe('associations');
    expect(p.line).toBe(5);
    expect(p.message.vi).toMatch(column);
    expect(p.message.en).toMatch(column);
  });

  it('accepts 29 February of a leap year and dissolution on the founding day', () => {
    const result = parseRegistry(UNITS_3, assocsWith('A1,Hội X,BB,false,2024-02-29,2024-02-29', 'A2,Hội Y,BB,false,2000-02-29,'));
    expect(result.ok).toBe(true);
  });
});

describe('parseRegistry: names that cannot fool a reader', () => {
  it.each([
    ['a zero-width space', 'Hội\u200BX', 'U+200B'],
    ['a zero-width joiner outside a word', 'Hội \u200DX', 'U+200D'],
    ['a right-to-left override', 'Hội \u202Egnol', 'U+202E'],
    ['a left-to-right mark', 'Hội\u200E X', 'U+200E'],
    ['a word joiner', 'Hội\u2060X', 'U+2060'],
    ['a BOM inside the name', 'Hội\uFEFFX', 'U+FEFF'],
    ['a tag character', 'Hội X\u{E0041}', 'U+E0041'],
    ['a Hangul filler', 'Hội \u3164', 'U+3164'],
  ])('refuses %s, naming the character, at its line', (_what, name, codePoint) => {
    const p = onlyProblem(UNITS_3, assocsWith('A1,Hội X,BB,false,2020-01-01,', `A2,${name},BB,false,2020-01-01,`));
    expect(where([p])).toEqual(['associations:3']);
    expect(p.message.en).toContain(codePoint);
  });

  it('refuses a line separator in a unit name', () => {
    const p = onlyProblem(unitsWith('XX,Xã\u2028X,commune,TD'), ASSOCS_3);
    expect(where([p])).toEqual(['units:6']);
  });

  it('refuses a name with nothing visible', () => {
    const p = onlyProblem(UNITS_3, assocsWith('A1,\u0301\u0301,BB,false,2020-01-01,'));
    expect(p.message.en).toContain('no visible character');
  });

  it('accepts joiners inside a word (Persian, Devanagari) and in an emoji sequence', () => {
    const result = parseRegistry(UNITS_3, assocsWith('A1,انجمن می\u200Cخواهد,BB,false,2020-01-01,', 'A2,क्\u200Dष सभा,BB,false,2020-01-01,', 'A3,Hội 👨\u200D👩\u200D👧,BB,false,2020-01-01,'));
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });
});

describe('parseRegistry: many problems', () => {
  it('lists every problem of both files, units first, each by line', () => {
    const units = unitsWith('XX,Xã X,village,TD', 'YY,,commune,NOPE');
    const assocs = assocsWith('A1,Hội X,BB,maybe,2020-01-01,', 'A2,Hội Y,ZZ,false,2021-02-30,');
    const problems = problemsOf(units, assocs);
    expect(where(problems)).toEqual([
      'units:6',
      'units:7',
      'units:7',
      'associations:2',
      'associations:3',
      'associations:3',
    ]);
  });

  it('stops at the MAX_PROBLEMS-th problem and says it stopped', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `B${i},Hội ${i},NOPE,false,2020-01-01,`);
    const problems = problemsOf(UNITS_3, assocsWith(...rows));
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems[MAX_PROBLEMS - 1]?.line).toBe(MAX_PROBLEMS + 1);
    expect(problems[MAX_PROBLEMS]?.line).toBe(0);
    expect(problems[MAX_PROBLEMS]?.message.en).toContain(`stopped at problem ${MAX_PROBLEMS}`);
  });

  it('reads no further than the MAX_PROBLEMS-th problem: a broken quote after it is never reached', () => {
    const rows = Array.from({ length: 300 }, (_, i) => `B${i},Hội ${i},NOPE,false,2020-01-01,`);
    const problems = problemsOf(UNITS_3, assocsWith(...rows, 'Z1,"Hội Z,BB,false,2020-01-01,'));
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems.some((p) => p.message.en.startsWith('CSV error'))).toBe(false);
  });

  it(`stops at ${MAX_UNITS.toLocaleString('en')} units, at the first row past the cap`, () => {
    const communes = Array.from({ length: MAX_UNITS }, (_, i) => `X${i},Xã ${i},commune,TD`);
    // Header, 4 units of UNITS_3, then the communes: the cap is passed on line MAX_UNITS + 2.
    const p = onlyProblem(unitsWith(...communes), ASSOCS_3);
    expect(where([p])).toEqual([`units:${MAX_UNITS + 2}`]);
    expect(p.message.en).toContain('more than 20,000 rows');
  });

  it(`stops at ${MAX_ASSOCIATIONS.toLocaleString('en')} associations, at the first row past the cap`, () => {
    const rows = Array.from({ length: MAX_ASSOCIATIONS + 5 }, (_, i) => `H${i},Hội ${i},BB,false,2015-06-01,`);
    const p = onlyProblem(UNITS_3, [ASSOC_HEADER, ...rows].join('\n'));
    expect(where([p])).toEqual([`associations:${MAX_ASSOCIATIONS + 2}`]);
    expect(p.message.en).toContain('more than 200,000 rows');
  });

  it('refuses a 16 MB cell at its line without building it', () => {
    const huge = 'x'.repeat(16 * 1024 * 1024);
    const p = onlyProblem(UNITS_3, assocsWith('A1,Hội X,BB,false,2020-01-01,', `A2,"${huge}",BB,false,2020-01-01,`));
    expect(where([p])).toEqual(['associations:3']);
    expect(p.message.en).toContain(`longer than ${MAX_RECORD_CHARS} characters`);
  });

  it('reports bad CSV quoting at the line of the broken row', () => {
    const p = onlyProblem(UNITS_3, assocsWith('A1,Hội X,BB,false,2020-01-01,', 'A2,Hội "Y",BB,false,2020-01-01,'));
    expect(where([p])).toEqual(['associations:3']);
  });

  it('reports an unclosed quote at the line where it opens', () => {
    const p = onlyProblem(UNITS_3, assocsWith('A1,Hội X,BB,false,2020-01-01,', 'A2,"Hội Y,BB,false,2020-01-01,', 'A3,Hội Z,BB,false,2020-01-01,'));
    expect(where([p])).toEqual(['associations:3']);
  });

  it('parses and checks 50,000 associations (speed is measured by npm run bench, not here)', () => {
    const communes = Array.from({ length: 500 }, (_, i) => `X${i},Xã ${i},commune,TD`);
    const rows = Array.from(
      { length: 50_000 },
      (_, i) => `H${i},"Hội Người cao tuổi, xã số ${i}",X${i % 500},${i % 7 === 0},2015-06-${String((i % 28) + 1).padStart(2, '0')},`,
    );
    const units = unitsWith(...communes);
    const assocs = assocsWith(...rows);
    const result = parseRegistry(units, assocs);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.associations).toHaveLength(50_000);
  });
});

describe('associationInYear', () => {
  const assoc = (foundedOn: string, dissolvedOn: string | null): Association => ({
    code: 'A',
    name: 'Hội',
    unitCode: 'LC',
    special: false,
    foundedOn,
    dissolvedOn,
  });

  it('expects an association founded on the last day of the year, as new', () => {
    expect(associationInYear(assoc('2020-12-31', null), 2020)).toEqual({ expected: true, isNew: true, dissolvedInYear: false });
  });

  it('does not expect an association founded the next year', () => {
    expect(associationInYear(assoc('2021-01-01', null), 2020)).toEqual({ expected: false, isNew: false, dissolvedInYear: false });
    expect(associationInYear(assoc('2021-06-01', null), 2021)).toEqual({ expected: true, isNew: true, dissolvedInYear: false });
  });

  it('lists an association dissolved on 31 December as dissolved, not expected', () => {
    expect(associationInYear(assoc('2010-01-01', '2020-12-31'), 2020)).toEqual({ expected: false, isNew: false, dissolvedInYear: true });
  });

  it('expects an association dissolved on 1 January of the next year', () => {
    expect(associationInYear(assoc('2010-01-01', '2021-01-01'), 2020)).toEqual({ expected: true, isNew: false, dissolvedInYear: false });
    expect(associationInYear(assoc('2010-01-01', '2021-01-01'), 2021)).toEqual({ expected: false, isNew: false, dissolvedInYear: true });
  });

  it('neither expects nor lists an association dissolved in an earlier year', () => {
    expect(associationInYear(assoc('2010-01-01', '2019-05-01'), 2020)).toEqual({ expected: false, isNew: false, dissolvedInYear: false });
  });
});

describe('specialLabelFor', () => {
  it('uses the old label up to 2024 and the Decree 126/2024 label from 2025', () => {
    expect(specialLabelFor(2024, null)).toBe('hội có tính chất đặc thù');
    expect(specialLabelFor(2025, null)).toBe('hội do Đảng, Nhà nước giao nhiệm vụ');
  });

  it('lets a non-empty override win', () => {
    expect(specialLabelFor(2025, 'hội đặc thù')).toBe('hội đặc thù');
    expect(specialLabelFor(2020, 'hội đặc thù')).toBe('hội đặc thù');
    expect(specialLabelFor(2025, '  ')).toBe('hội do Đảng, Nhà nước giao nhiệm vụ');
    expect(specialLabelFor(2024, '')).toBe('hội có tính chất đặc thù');
  });
});

describe('subtrees', () => {
  it('tells whether a unit path lies under a code', () => {
    expect(isInSubtree('LC/TD/BB', 'LC')).toBe(true);
    expect(isInSubtree('LC/TD/BB', 'TD')).toBe(true);
    expect(isInSubtree('LC/TD/BB', 'BB')).toBe(true);
    expect(isInSubtree('LC', 'LC')).toBe(true);
    expect(isInSubtree('LC/TD/BB', 'T')).toBe(false);
    expect(isInSubtree('LC/TD2/BB', 'TD')).toBe(false);
    expect(isInSubtree('LC/TP', 'TD')).toBe(false);
  });

  it('indexes units by code', () => {
    const result = parseRegistry(UNITS_3, ASSOCS_3);
    if (!result.ok) throw new Error('registry rejected');
    const byCode = unitsByCode(result.units);
    expect(byCode.get('BB')?.path).toBe('LC/TD/BB');
    expect(byCode.get('NOPE')).toBeUndefined();
  });
});

describe('unit types (SPEC section 2)', () => {
  it.each([
    ['Tỉnh Lai Châu', 'tinh'],
    ['Thành phố Lai Châu', 'thanh_pho'],
    ['Huyện Tam Đường', 'huyen'],
    ['Quận 8', 'quan'],
    ['Thị xã Mường Lay', 'thi_xa'],
    ['Xã Bản Bo', 'xa'],
    ['Phường 16', 'phuong'],
    ['Thị trấn Tam Đường', 'thi_tran'],
    ['Đặc khu Phú Quốc', 'dac_khu'],
    ['THỊ XÃ MƯỜNG LAY', 'thi_xa'],
    ['phường Tân Phong', 'phuong'],
    ['Thị trấn Tam Đường'.normalize('NFD'), 'thi_tran'],
  ])('reads the type of "%s" from its first words: %s', (name, type) => {
    expect(unitTypeFromName(name)).toBe(type);
  });

  it.each(['Lai Châu', 'Xãhội', 'Phường', 'Khu phố 3', 'Thị Lai Châu', 'Thành Lai Châu'])('reads no type from "%s"', (name) => {
    expect(unitTypeFromName(name)).toBeNull();
  });

  it('reads each type from the name when there is no type column', () => {
    const units = ['code,name,level,parent_code', 'LC,Tỉnh Lai Châu,province,', 'TP,Thành phố Lai Châu,district,LC', 'ML,Thị xã Mường Lay,district,LC', 'TT,Thị trấn Tam Đường,commune,TP'].join('\n');
    const result = parseRegistry(units, ASSOC_HEADER);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.units.map((u) => [u.code, u.type])).toEqual([
      ['LC', 'tinh'],
      ['TP', 'thanh_pho'],
      ['ML', 'thi_xa'],
      ['TT', 'thi_tran'],
    ]);
  });

  it('takes the type column when given, and the name when its cell is empty', () => {
    const units = [
      'code,name,level,parent_code,type',
      'HCM,TP. Hồ Chí Minh,province,,thanh_pho',
      'Q8,Quận 8,district,HCM,',
      'P16,Khu vực 16,commune,Q8,phuong',
    ].join('\n');
    const result = parseRegistry(units, ASSOC_HEADER);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.units.map((u) => [u.code, u.type])).toEqual([
      ['HCM', 'thanh_pho'],
      ['Q8', 'quan'],
      ['P16', 'phuong'],
    ]);
  });

  it('accepts the type column in any position', () => {
    const units = ['type,code,name,level,parent_code', 'tinh,LC,Lai Châu,province,', 'xa,BB,Bản Bo,commune,LC'].join('\n');
    const result = parseRegistry(units, ASSOC_HEADER);
    expect(result.ok, JSON.stringify(result)).toBe(true);
  });

  it('reports an unknown type on its line, naming the column and the accepted values', () => {
    const units = ['code,name,level,parent_code,type', 'LC,Tỉnh Lai Châu,province,,', 'BB,Xã Bản Bo,commune,LC,village'].join('\n');
    const p = onlyProblem(units, ASSOC_HEADER);
    expect(where([p])).toEqual(['units:3']);
    for (const text of [p.message.vi, p.message.en]) {
      expect(text).toContain('"type"');
      expect(text).toContain('"village"');
      expect(text).toContain('tinh, thanh_pho, huyen, quan, thi_xa, xa, phuong, thi_tran, dac_khu');
    }
  });

  it('reports a name that starts with no type word when there is no type column', () => {
    const p = onlyProblem(unitsWith('KP,Khu phố Bản Bo,commune,TD'), ASSOCS_3);
    expect(where([p])).toEqual(['units:6']);
    for (const text of [p.message.vi, p.message.en]) {
      expect(text).toContain('"type"');
      expect(text).toContain('Thị trấn');
      expect(text).toContain('thi_tran');
    }
  });

  it('reports a name with no type word when the type cell is empty', () => {
    const units = ['code,name,level,parent_code,type', 'LC,Lai Châu,province,,'].join('\n');
    const p = onlyProblem(units, ASSOC_HEADER);
    expect(where([p])).toEqual(['units:2']);
    expect(p.message.en).toContain('"type"');
  });

  it.each([
    ['a huyen that is a commune (type column)', 'BB,Bản Bo,commune,TD,huyen', 'huyen', 'commune'],
    ['a tinh that is a district (type column)', 'TX,Tỉnh X,district,LC,tinh', 'tinh', 'district'],
    ['a phuong that is a district (type column)', 'TX,Phường X,district,LC,phuong', 'phuong', 'district'],
    ['a thanh_pho that is a commune (type column)', 'TX,Thành phố X,commune,TD,thanh_pho', 'thanh_pho', 'commune'],
    ['a Huyện that is a commune (name)', 'HX,Huyện X,commune,TD,', 'huyen', 'commune'],
    ['a Thị trấn that is a district (name)', 'TT,Thị trấn X,district,LC,', 'thi_tran', 'district'],
  ])('reports a type its level cannot have: %s', (_what, row, type, level) => {
    const units = ['code,name,level,parent_code,type', 'LC,Tỉnh Lai Châu,province,,', 'TD,Huyện Tam Đường,district,LC,', row].join('\n');
    const p = onlyProblem(units, ASSOC_HEADER);
    expect(where([p])).toEqual(['units:4']);
    for (const text of [p.message.vi, p.message.en]) {
      expect(text).toContain(type);
      expect(text).toContain('"level"');
      expect(text).toContain(level);
    }
  });

  it('accepts a city as a province or a district', () => {
    const units = ['code,name,level,parent_code', 'HP,Thành phố Hải Phòng,province,', 'TN,Thành phố Thủy Nguyên,district,HP'].join('\n');
    expect(parseRegistry(units, ASSOC_HEADER).ok).toBe(true);
  });

  it('refuses a column set other than the current one with or without type, naming type as optional', () => {
    const units = ['code,name,level,parent_code,kind', 'LC,Tỉnh Lai Châu,province,,tinh'].join('\n');
    const p = onlyProblem(units, ASSOC_HEADER);
    expect(where([p])).toEqual(['units:1']);
    expect(p.message.vi).toContain('"kind"');
    expect(p.message.en).toContain('code, name, level, parent_code (and optionally type)');
  });

  it('reads a stored unit without a type from its name, else by its level, and never throws', () => {
    expect(storedUnitType('phuong', 'Khu vực 1', 'commune')).toBe('phuong');
    expect(storedUnitType(undefined, 'Thành phố Lai Châu', 'district')).toBe('thanh_pho');
    expect(storedUnitType(undefined, 'Quận 8', 'district')).toBe('quan');
    expect(storedUnitType(undefined, 'Lai Châu', 'province')).toBe('tinh');
    expect(storedUnitType(undefined, 'Bản Bo', 'commune')).toBe('xa');
    expect(storedUnitType('village', 'Khu X', 'district')).toBe('huyen');
    // a name whose word contradicts the stored level: the level decides
    expect(storedUnitType(undefined, 'Huyện X', 'commune')).toBe('xa');
    expect(storedUnitType(undefined, undefined as unknown as string, 'commune')).toBe('xa');
  });
});

describe('the root of the registry (SPEC section 2)', () => {
  const QUAN_8 = [
    'code,name,level,parent_code',
    'Q8,Quận 8,district,',
    'P16,Phường 16,commune,Q8',
    'P4,Phường 4,commune,Q8',
  ].join('\n');

  it('accepts a district root with its phường below it', () => {
    const result = parseRegistry(QUAN_8, assocsWith('H1,Hội Cựu chiến binh quận,Q8,false,2000-01-01,', 'H2,Hội Người cao tuổi phường 16,P16,false,2000-01-01,'));
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.units).toEqual([
      { code: 'Q8', name: 'Quận 8', level: 'district', type: 'quan', parentCode: null, path: 'Q8' },
      { code: 'P16', name: 'Phường 16', level: 'commune', type: 'phuong', parentCode: 'Q8', path: 'Q8/P16' },
      { code: 'P4', name: 'Phường 4', level: 'commune', type: 'phuong', parentCode: 'Q8', path: 'Q8/P4' },
    ]);
  });

  it('refuses a commune root on its line', () => {
    const units = ['code,name,level,parent_code', 'BB,Xã Bản Bo,commune,'].join('\n');
    const problems = problemsOf(units, ASSOC_HEADER);
    expect(where(problems)).toEqual(['units:0', 'units:2']);
    const p = problems[1] as RegistryProblem;
    expect(p.message.vi).toContain('"parent_code"');
    expect(p.message.vi).toContain('cấp xã');
    expect(p.message.en).toContain('a commune cannot be the root');
  });

  it('refuses a commune without a parent beside the root', () => {
    const p = onlyProblem(`${QUAN_8}\nP5,Phường 5,commune,`, ASSOC_HEADER);
    expect(where([p])).toEqual(['units:5']);
    expect(p.message.en).toContain('a commune cannot be the root');
  });

  it.each([
    ['two provinces', ['LC,Tỉnh Lai Châu,province,', 'DB,Tỉnh Điện Biên,province,']],
    ['a province and a district', ['LC,Tỉnh Lai Châu,province,', 'Q8,Quận 8,district,']],
    ['two districts', ['Q8,Quận 8,district,', 'Q5,Quận 5,district,']],
  ])('refuses two roots (%s), at the second, naming the first', (_what, rows) => {
    const p = onlyProblem(['code,name,level,parent_code', ...rows].join('\n'), ASSOC_HEADER);
    expect(where([p])).toEqual(['units:3']);
    expect(p.message.vi).toContain('dòng 2');
    expect(p.message.en).toContain('Only one root unit');
    expect(p.message.en).toContain('"parent_code"');
  });

  it('refuses a province below a district root', () => {
    const p = onlyProblem(`${QUAN_8}\nLC,Tỉnh Lai Châu,province,Q8`, ASSOC_HEADER);
    expect(where([p])).toEqual(['units:5']);
    expect(p.message.en).toContain('"parent_code" must be empty');
  });
});

