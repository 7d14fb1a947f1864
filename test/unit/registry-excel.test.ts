// The registry as offices that work in Excel give it (SPEC section 2): Vietnamese headers and
// values, dd/mm/yyyy dates, có/không, the contact person; a CSV that is not UTF-8 refused with
// the way to save it; a workbook's sheets read as the office sees them; one file kept from the
// current registry; what an import changes.
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RegistryProblem } from '../../shared/domain/localized.ts';
import {
  diffRegistry,
  diffUnits,
  lineOfReplacement,
  parseRegistry,
  parseRegistryFiles,
  readDate,
  type RegistryResult,
  type SheetRow,
} from '../../shared/domain/registry.ts';
import type { Unit } from '../../shared/domain/types.ts';
import { cellText, declaredInflatedSize, MAX_INFLATED_BYTES, readWorkbookSheets, WorkbookError } from '../../shared/xlsx/read-workbook.ts';
import { registryTemplate, withFixedZipTimes } from '../../shared/xlsx/registry-template.ts';
import { describeImport, importBody, readCsvFile } from '../../cli/import.ts';
import { CliError } from '../../cli/tokens.ts';
import { windows1258 } from '../support/windows-1258.ts';

const UNITS_VI = ['Mã,Tên,Cấp,Mã đơn vị cha', 'LC,Tỉnh Lai Châu,tỉnh,', 'TD,Huyện Tam Đường,huyện,LC', 'BB,Xã Bản Bo,xã,TD'].join('\n');
const ASSOC_HEADER_VI = 'mã,tên,mã đơn vị,đặc thù,ngày thành lập,ngày giải thể,email,điện thoại,người liên hệ';
const assocsVi = (...rows: string[]) => [ASSOC_HEADER_VI, ...rows].join('\n');

function accepted(result: RegistryResult) {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problems.map((p) => `${p.file}:${p.line} ${p.message.en}`))}`);
  return result;
}
function refused(result: RegistryResult): RegistryProblem[] {
  if (result.ok) throw new Error('expected the registry to be refused');
  return result.problems;
}
const where = (problems: RegistryProblem[]) => problems.map((p) => `${p.file}:${p.line}`);

describe('Vietnamese headers and values', () => {
  it('reads a registry written wholly in Vietnamese: headers, levels, có/không, dd/mm/yyyy, the contact person', () => {
    const result = accepted(
      parseRegistry(UNITS_VI, assocsVi('A1,Hội Chữ thập đỏ tỉnh,LC,có,15/03/1990,,ctd.laichau@gmail.com,0213 3876 543,Lò Thị Mai', 'A2,Hội Làm vườn huyện,TD,Không,1/2/2010,30/6/2020,,,')),
    );
    expect(result.units.map((u) => [u.code, u.level, u.type])).toEqual([
      ['LC', 'province', 'tinh'],
      ['TD', 'district', 'huyen'],
      ['BB', 'commune', 'xa'],
    ]);
    expect(result.associations).toEqual([
      { code: 'A1', name: 'Hội Chữ thập đỏ tỉnh', unitCode: 'LC', special: true, foundedOn: '1990-03-15', dissolvedOn: null, email: 'ctd.laichau@gmail.com', phone: '0213 3876 543', contact: 'Lò Thị Mai' },
      { code: 'A2', name: 'Hội Làm vườn huyện', unitCode: 'TD', special: false, foundedOn: '2010-02-01', dissolvedOn: '2020-06-30' },
    ]);
  });

  it('matches a header in NFD, in capitals, with spaces around and inside it', () => {
    const header = [' MÃ ', 'Tên'.normalize('NFD'), 'CẤP', ' mã   đơn vị  cha '.normalize('NFD'), 'Loại'].join(',');
    const result = accepted(parseRegistry([header, 'LC,Lai Châu,Tỉnh,,Tỉnh', 'BB,Bản Bo,XÃ,LC,xã'].join('\n'), 'code,name,unit_code,special,founded_on,dissolved_on\n'));
    expect(result.units.map((u) => [u.code, u.level, u.type, u.parentCode])).toEqual([
      ['LC', 'province', 'tinh', null],
      ['BB', 'commune', 'xa', 'LC'],
    ]);
  });

  it('takes a header set that mixes both languages, each column once', () => {
    const units = ['code,tên,level,mã đơn vị cha', 'LC,Tỉnh Lai Châu,province,', 'BB,Xã Bản Bo,commune,LC'].join('\n');
    const assocs = ['mã,name,unit_code,đặc thù,founded_on,ngày giải thể,contact', 'A1,Hội Nông dân xã,BB,FALSE,2020-01-01,,Vàng Văn Sáng'].join('\n');
    expect(accepted(parseRegistry(units, assocs)).associations[0]).toMatchObject({ special: false, contact: 'Vàng Văn Sáng' });
  });

  it('refuses a column given in both languages, naming both headers', () => {
    const problems = refused(parseRegistry(UNITS_VI, ['code,mã,tên,mã đơn vị,đặc thù,ngày thành lập,ngày giải thể', 'A1,A1,Hội X,BB,có,01/01/2020,'].join('\n')));
    expect(where(problems)).toEqual(['associations:1']);
    expect(problems[0]!.message.vi).toContain('"mã"');
    expect(problems[0]!.message.vi).toContain('"code"');
  });

  it('names a missing column in both languages, and a stray one with the Vietnamese set', () => {
    const [missing] = refused(parseRegistry('mã,tên,cấp\nLC,Tỉnh Lai Châu,tỉnh', assocsVi()));
    expect(missing!.message.vi).toBe('Thiếu cột "parent_code" (hoặc "mã đơn vị cha").');
    const [stray] = refused(parseRegistry(UNITS_VI, `${ASSOC_HEADER_VI},ghi chú\n`));
    expect(stray!.message.vi).toContain('"ghi chú"');
    expect(stray!.message.vi).toContain('mã, tên, mã đơn vị, đặc thù, ngày thành lập, ngày giải thể');
  });

  it('names the column as the file writes it in each problem', () => {
    const problems = refused(parseRegistry(UNITS_VI, assocsVi('A1,Hội X,NOPE,có,15/03/1990,,,,', 'A2,Hội Y,BB,có lẽ,31/04/2020,,,,')));
    expect(problems.map((p) => p.message.vi)).toEqual([
      'Mã đơn vị "NOPE" (cột "mã đơn vị") không tồn tại.',
      'Cột "đặc thù" phải là có hoặc không (hoặc true, false), không phải "có lẽ".',
      'Ngày "31/04/2020" ở cột "ngày thành lập" không hợp lệ: cần một ngày có thật, dạng dd/mm/yyyy (ví dụ 15/03/2010) hoặc YYYY-MM-DD.',
    ]);
  });

  it.each([
    ['an unknown level', 'XX,Xã X,thôn,TD', '"Cấp"'],
    ['an unknown type word', 'XX,Bản X,xã,TD,bản', '"Loại"'],
  ])('refuses %s on its line', (_label, row, column) => {
    const units = `${UNITS_VI.replace('Mã đơn vị cha', 'Mã đơn vị cha,Loại').replaceAll(/\n(.*)/g, '\n$1,')}\n${row.split(',').length === 4 ? `${row},` : row}`;
    const problems = refused(parseRegistry(units, assocsVi()));
    expect(where(problems)).toEqual(['units:5']);
    expect(problems[0]!.message.vi).toContain(column);
  });

  it('reads a type written as a word (Thành phố, Thị xã) and checks it against the level', () => {
    const units = ['mã,tên,cấp,mã đơn vị cha,loại', 'LC,Lai Châu,tỉnh,,Tỉnh', 'TP,Lai Châu,huyện,LC,Thành phố', 'ML,Mường Lay,huyện,LC,thị xã', 'BX,Bản Xá,xã,LC,Thị xã'].join('\n');
    const problems = refused(parseRegistry(units, assocsVi()));
    expect(where(problems)).toEqual(['units:5']);
    expect(problems[0]!.message.en).toContain('thi_xa');
  });

  it('stores the contact person in NFC, at most 120 characters, on one line', () => {
    const nfd = 'Lò Thị Mai'.normalize('NFD');
    expect(accepted(parseRegistry(UNITS_VI, assocsVi(`A1,Hội X,BB,không,01/01/2020,,,,${nfd}`))).associations[0]!.contact).toBe('Lò Thị Mai');
    const problems = refused(parseRegistry(UNITS_VI, assocsVi(`A1,Hội X,BB,không,01/01/2020,,,,${'ư'.repeat(121)}`, 'A2,Hội Y,BB,không,01/01/2020,,,,"Lò\tMai"', 'A3,Hội Z,BB,không,01/01/2020,,,,Lò\u200BMai')));
    expect(where(problems)).toEqual(['associations:2', 'associations:3', 'associations:4']);
    expect(problems[0]!.message.vi).toContain('tối đa 120');
    expect(problems.every((p) => p.message.vi.includes('"người liên hệ"'))).toBe(true);
  });
});

describe('dates', () => {
  it.each([
    ['2020-03-15', '2020-03-15'],
    ['15/03/2020', '2020-03-15'],
    ['5/3/2020', '2020-03-05'],
    ['29/02/2024', '2024-02-29'],
    ['29/02/2023', null],
    ['31/04/2020', null],
    ['00/01/2020', null],
    ['15/13/2020', null],
    ['03/15/2020', null],
    ['15-03-2020', null],
    ['15/03/20', null],
    ['2020-3-15', null],
    ['', null],
  ])('reads %j as %j', (text, date) => {
    expect(readDate(text)).toBe(date);
  });
});

describe('a CSV that is not UTF-8', () => {
  it('is refused alone, at the line of the first character that did not decode, with the way to save it', () => {
    // "Hội Chữ thập đỏ" saved by Excel as Windows-1258, then read as UTF-8 (a browser's
    // FileReader, Node's readFileSync): U+FFFD where bytes did not decode, "H��i Ch�� th��p �o�".
    const garbled = windows1258('Hội Chữ thập đỏ').toString('utf8');
    expect(garbled).toContain('\uFFFD');
    const assocs = ['code,name,unit_code,special,founded_on,dissolved_on', 'A1,Hoi X,BB,false,2020-01-01,', `A2,${garbled},BB,false,2020-01-01,`].join('\r\n');
    const problems = refused(parseRegistry(UNITS_VI, assocs));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: 'associations', line: 3 });
    expect(problems[0]!.message.vi).toContain('không phải UTF-8');
    expect(problems[0]!.message.vi).toContain('Lưu dạng CSV UTF-8 (*.csv)');
    expect(problems[0]!.message.vi).toContain('«CSV UTF-8 (Comma delimited) (*.csv)»');
    expect(problems[0]!.message.en).toContain('Save As → “CSV UTF-8 (Comma delimited) (*.csv)”');
  });

  it('counts the line of the first U+FFFD across CR, LF and CRLF', () => {
    expect(lineOfReplacement('a\r\nb\rc\nd\uFFFD')).toBe(4);
    expect(lineOfReplacement('no replacement')).toBe(0);
  });
});

const sheet = (...rows: (string | null)[][]): SheetRow[] => rows.map((cells, i) => ({ line: i + 1, cells: cells.map((c) => c ?? '') }));

describe('a workbook sheet as a registry file', () => {
  it('uses the sheet row numbers as lines, and takes short rows as complete', () => {
    const units: SheetRow[] = [
      { line: 3, cells: ['mã', 'tên', 'cấp', 'mã đơn vị cha'] },
      { line: 4, cells: ['LC', 'Tỉnh Lai Châu', 'tỉnh'] },
      { line: 7, cells: ['BB', 'Xã Bản Bo', 'xã', 'LC'] },
    ];
    const associations: SheetRow[] = [
      { line: 1, cells: ASSOC_HEADER_VI.split(',') },
      { line: 2, cells: ['A1', 'Hội X', 'BB', 'không', '2020-01-01'] },
      { line: 9, cells: ['A2', 'Hội Y', 'NOPE', 'không', '2020-01-01'] },
    ];
    const problems = refused(parseRegistryFiles({ units: { sheet: units }, associations: { sheet: associations } }));
    expect(where(problems)).toEqual(['associations:9']);
  });

  it('refuses a cell right of the last header, and a cell whose text was garbled before it was pasted', () => {
    const problems = refused(
      parseRegistryFiles({
        units: { sheet: sheet(['mã', 'tên', 'cấp', 'mã đơn vị cha'], ['LC', 'Tỉnh Lai Châu', 'tỉnh'], ['TP', 'Phường Tân Phong', 'xã', 'LC', 'ghi chú'], ['BB', 'X\uFFFD Bản Bo', 'xã', 'LC']) },
        associations: { sheet: sheet(ASSOC_HEADER_VI.split(',')) },
      }),
    );
    expect(where(problems)).toEqual(['units:3', 'units:4']);
    expect(problems[0]!.message.vi).toContain('cột thứ 5');
    expect(problems[1]!.message.vi).toContain('không đọc được');
  });

  it('reports an empty sheet as a missing header', () => {
    const problems = refused(parseRegistryFiles({ units: { sheet: [] }, associations: { sheet: [] } }));
    expect(where(problems)).toEqual(['units:1', 'associations:1']);
    expect(problems[0]!.message.vi).toContain('Trang tính trống');
  });
});

const LC_UNITS: Unit[] = [
  { code: 'LC', name: 'Tỉnh Lai Châu', level: 'province', type: 'tinh', parentCode: null, path: 'LC' },
  { code: 'BB', name: 'Xã Bản Bo', level: 'commune', type: 'xa', parentCode: 'LC', path: 'LC/BB' },
];

describe('one file kept from the current registry', () => {
  it('checks new associations against the kept units', () => {
    const result = accepted(parseRegistryFiles({ units: { kept: LC_UNITS }, associations: { csv: assocsVi('A1,Hội X,BB,không,01/01/2020,,,,') } }));
    expect(result.units.map((u) => u.path)).toEqual(['LC', 'LC/BB']);
    const problems = refused(parseRegistryFiles({ units: { kept: LC_UNITS }, associations: { csv: assocsVi('A1,Hội X,TD,không,01/01/2020,,,,') } }));
    expect(where(problems)).toEqual(['associations:2']);
  });

  it('keeps the associations with their contacts, and names one whose unit the new units drop', () => {
    const kept = [
      { code: 'A1', name: 'Hội X', unitCode: 'BB', special: false, foundedOn: '2020-01-01', dissolvedOn: null, contact: 'Lò Thị Mai' },
      { code: 'A2', name: 'Hội Y', unitCode: 'LC', special: true, foundedOn: '2020-01-01', dissolvedOn: null },
    ];
    expect(accepted(parseRegistryFiles({ units: { csv: UNITS_VI }, associations: { kept } })).associations[0]).toMatchObject({ contact: 'Lò Thị Mai' });
    const problems = refused(parseRegistryFiles({ units: { csv: 'mã,tên,cấp,mã đơn vị cha\nLC,Tỉnh Lai Châu,tỉnh,' }, associations: { kept } }));
    expect(where(problems)).toEqual(['associations:0']);
    expect(problems[0]!.message.vi).toContain('"A1"');
    expect(problems[0]!.message.vi).toContain('"BB"');
  });
});

describe('what an import changes', () => {
  const row = (code: string, name: string, unitCode: string, expected = true) => ({ code, name, unitCode, expected });
  it('lists added, removed, moved and renamed associations, sorted by code, and the units added and removed', () => {
    const before = [row('B', 'Hội B', 'BB'), row('A', 'Hội A', 'BB'), row('C', 'Hội C', 'BB'), row('D', 'Hội D', 'BB')];
    const after = [row('A', 'Hội A', 'LC'), row('C', 'Hội C mới', 'BB'), row('D', 'Hội D mới', 'TD'), row('F', 'Hội F', 'BB'), row('E', 'Hội E', 'BB')];
    expect(diffRegistry(before, after)).toMatchObject({ added: ['E', 'F'], removed: ['B'], moved: ['A', 'D'], renamed: ['C', 'D'] });
    expect(diffRegistry([], after)).toMatchObject({ added: ['A', 'C', 'D', 'E', 'F'], removed: [], moved: [], renamed: [] });
    expect(diffUnits([{ code: 'LC' }, { code: 'BB' }], [{ code: 'LC' }, { code: 'TD' }, { code: 'AA' }])).toEqual({ unitsAdded: ['AA', 'TD'], unitsRemoved: ['BB'] });
  });
});

describe('reading a workbook (exceljs)', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
  });

  async function workbookBytes(fill: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    fill(wb);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('reads cells as the office sees them: numbers as codes, real dates by their calendar day, booleans, rich text, links, formulas', async () => {
    const bytes = await workbookBytes((wb) => {
      const units = wb.addWorksheet('ĐƠN VỊ'.normalize('NFD'));
      units.addRow(['mã', 'tên', 'cấp', 'mã đơn vị cha']);
      units.addRow([1, 'Tỉnh Lai Châu', 'tỉnh', null]);
      units.addRow([101, { richText: [{ text: 'Xã ' }, { text: 'Bản Bo', font: { bold: true } }] }, 'xã', 1]);
      const hoi = wb.addWorksheet('Hội');
      hoi.addRow(ASSOC_HEADER_VI.split(','));
      // A date typed in Excel is its day at UTC midnight: read in UTC, it is that day in any time zone.
      hoi.addRow([7, 'Hội X', 101, false, new Date(Date.UTC(2005, 2, 15)), null, { text: 'hoix@gmail.com', hyperlink: 'mailto:hoix@gmail.com' }, '0213 3876 543', 'Lò Thị Mai']);
      hoi.addRow(['A8', { formula: 'CONCATENATE("Hội ","Y")', result: 'Hội Y' }, 101, true, '15/03/2010', { formula: 'DATE(2020,6,30)', result: new Date(Date.UTC(2020, 5, 30)) }]);
      hoi.addRow([]);
      hoi.addRow([null, '', null]);
    });
    process.env.TZ = 'America/Los_Angeles';
    const sheets = await readWorkbookSheets(bytes, { units: ['units', 'Đơn vị'], associations: ['associations', 'Hội'] });
    expect(sheets.units?.map((r) => r.cells)).toEqual([
      ['mã', 'tên', 'cấp', 'mã đơn vị cha'],
      ['1', 'Tỉnh Lai Châu', 'tỉnh'],
      ['101', 'Xã Bản Bo', 'xã', '1'],
    ]);
    const result = accepted(parseRegistryFiles({ units: { sheet: sheets.units! }, associations: { sheet: sheets.associations! } }));
    expect(result.associations).toEqual([
      { code: '7', name: 'Hội X', unitCode: '101', special: false, foundedOn: '2005-03-15', dissolvedOn: null, email: 'hoix@gmail.com', phone: '0213 3876 543', contact: 'Lò Thị Mai' },
      { code: 'A8', name: 'Hội Y', unitCode: '101', special: true, foundedOn: '2010-03-15', dissolvedOn: '2020-06-30' },
    ]);
  });

  it('leaves out a sheet the workbook does not have', async () => {
    const bytes = await workbookBytes((wb) => wb.addWorksheet('associations').addRow(['code']));
    expect(Object.keys(await readWorkbookSheets(bytes, { units: ['units', 'Đơn vị'], associations: ['associations', 'Hội'] }))).toEqual(['associations']);
  });

  it('turns cell values into text without an exponent or a time zone', () => {
    expect(cellText(1e20)).toBe('100000000000000000000');
    expect(cellText(101)).toBe('101');
    expect(cellText(2.5)).toBe('2.5');
    expect(cellText(true)).toBe('true');
    expect(cellText(null)).toBe('');
    expect(cellText({ error: '#N/A' })).toBe('#N/A');
    expect(cellText(new Date(Date.UTC(2010, 2, 15, 23, 59)))).toBe('2010-03-15');
  });

  it('refuses what is not a workbook, and a zip that says it inflates past the limit, before inflating it', async () => {
    await expect(readWorkbookSheets(Buffer.from('code,name\n'), { units: ['units'] })).rejects.toEqual(new WorkbookError('not_xlsx'));
    const template = await registryTemplate();
    // The central directory's first entry claims MAX_INFLATED_BYTES on its own.
    const end = template.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const bomb = Buffer.from(template);
    bomb.writeUInt32LE(MAX_INFLATED_BYTES + 1, bomb.readUInt32LE(end + 16) + 24);
    expect(declaredInflatedSize(bomb)).toBeGreaterThan(MAX_INFLATED_BYTES);
    await expect(readWorkbookSheets(bomb, { units: ['units'] })).rejects.toEqual(new WorkbookError('too_large'));
    const truncated = template.subarray(0, template.length - 30);
    expect(declaredInflatedSize(truncated)).toBeNull();
  });
});

describe('the template workbook', () => {
  it('has the Vietnamese sheets and headers, a guide, and example rows that import as they are', async () => {
    const bytes = await registryTemplate();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Đơn vị', 'Hội', 'Hướng dẫn']);
    const guide = wb.getWorksheet('Hướng dẫn')!;
    const explained = new Set<string>();
    guide.eachRow((row) => explained.add(cellText(row.getCell(1).value)));
    for (const header of [...'mã,tên,cấp,mã đơn vị cha,loại'.split(','), ...ASSOC_HEADER_VI.split(',')]) expect(explained, header).toContain(header);
    const sheets = await readWorkbookSheets(bytes, { units: ['Đơn vị'], associations: ['Hội'] });
    expect(sheets.associations?.[1]?.cells).toEqual(['BB-NCT', 'Hội Người cao tuổi xã Bản Bo', 'LC-TD-BB', 'không', '15/03/2005', '', 'hoinct.banbo@gmail.com', '0213 3876 543', 'Lò Thị Mai']);
    const result = accepted(parseRegistryFiles({ units: { sheet: sheets.units! }, associations: { sheet: sheets.associations! } }));
    expect(result.units.map((u) => u.level)).toEqual(['province', 'district', 'commune']);
    expect(result.associations[0]).toMatchObject({ foundedOn: '2005-03-15', special: false, contact: 'Lò Thị Mai' });
  });

  it('is the same bytes each time it is made (fixed dates inside and in the zip)', async () => {
    const first = await registryTemplate();
    expect(withFixedZipTimes(first, new Date(Date.UTC(2026, 0, 1))).equals(first)).toBe(true);
    expect((await registryTemplate()).equals(first)).toBe(true);
  });
});

describe('tongket import (the command line)', () => {
  const files: Record<string, Buffer> = {
    'units.csv': Buffer.from(UNITS_VI),
    'hoi.csv': Buffer.concat([Buffer.from(`${ASSOC_HEADER_VI}\nA1,`), windows1258('Hội Chữ thập đỏ tỉnh'), Buffer.from(',LC,có,01/05/1990,,,,\n')]),
    'ds.xlsx': Buffer.from('PK\u0003\u0004…'),
  };
  const read = (path: string) => files[path] ?? Buffer.alloc(0);

  it('refuses a CSV that is not UTF-8 before sending it, saying on which line and how to save it', () => {
    expect(readCsvFile('units.csv', 'units', read)).toBe(UNITS_VI);
    expect(() => readCsvFile('hoi.csv', 'associations', read)).toThrow(CliError);
    try {
      readCsvFile('hoi.csv', 'associations', read);
    } catch (error) {
      expect((error as Error).message).toContain('hoi.csv: Tệp danh sách hội (associations) không phải UTF-8 (dòng 2');
      expect((error as Error).message).toContain('chưa gửi gì');
      expect((error as Error).message).toContain('«CSV UTF-8 (Comma delimited) (*.csv)»');
      expect((error as Error).message).toContain('nothing was sent');
    }
  });

  it('sends either the workbook or the CSV files given', () => {
    expect(importBody({ year: 2024, workbook: 'ds.xlsx' }, read)).toEqual({ workbook: files['ds.xlsx']!.toString('base64') });
    expect(importBody({ year: 2024, units: 'units.csv' }, read)).toEqual({ units: UNITS_VI });
    expect(() => importBody({ year: 2024, workbook: 'ds.xlsx', units: 'units.csv' }, read)).toThrow(/not both/);
    expect(() => importBody({ year: 2024 }, read)).toThrow(/--workbook/);
  });

  it('prints what changed, list by list, and says when a dry run wrote nothing', () => {
    const answer = { units: 4, associations: 5, expected: 5, added: ['A5'], removed: ['A4'], moved: [], renamed: ['A1'], unitsAdded: [], unitsRemoved: ['TP'] };
    expect(describeImport(answer, 2024)).toBe(
      [
        'Đã nhập 4 đơn vị, 5 hội (5 hội phải báo cáo năm 2024).',
        '  hội thêm / added (1): A5',
        '  hội bỏ / removed (1): A4',
        '  hội đổi tên / renamed (1): A1',
        '  đơn vị bỏ / units removed (1): TP',
      ].join('\n'),
    );
    const dry = describeImport({ ...answer, added: [], removed: [], renamed: [], unitsRemoved: [], dryRun: true }, 2024);
    expect(dry).toContain('Chạy thử, chưa ghi gì');
    expect(dry).toContain('Không có thay đổi nào.');
    expect(describeImport({ ...answer, added: Array.from({ length: 40 }, (_, i) => `A${i}`) }, 2024)).toContain('A29 … (+10)');
  });
});
