// The registry import as an office that works in Excel uses it, over HTTP on the embedded stack
// (SPEC sections 2 and 7): a CSV saved as Windows-1258 refused with how to save it, nothing
// written; the registry as one workbook, its dry run, what a re-import changes (added,
// removed, moved, renamed), one file re-imported without the other, the refusals a dry run
// keeps, the template workbook downloaded, filled and imported, and the size a province's
// workbook takes against the 256 KB body limit.
import { gzipSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getCycle } from '../../shared/adapters/cycle-store.ts';
import { getRegistryRows } from '../../shared/adapters/registry-store.ts';
import { MAX_BODY_BYTES } from '../../shared/http/chain.ts';
import { dumpStores } from '../reliability/support.ts';
import { report } from '../support/cycle.ts';
import { startTestStack, type TestStack, type TestResponse } from '../support/embedded.ts';
import { windows1258 } from '../support/windows-1258.ts';

const UNITS_VI = ['mã,tên,cấp,mã đơn vị cha', 'LC,Tỉnh Lai Châu,tỉnh,', 'TD,Huyện Tam Đường,huyện,LC', 'BB,Xã Bản Bo,xã,TD', 'TP,Phường Tân Phong,xã,LC'].join('\n');
const ASSOC_HEADER_VI = ['mã', 'tên', 'mã đơn vị', 'đặc thù', 'ngày thành lập', 'ngày giải thể', 'email', 'điện thoại', 'người liên hệ'];

type Cell = string | number | boolean | Date | null;

/** A workbook as an office makes it in Excel: the two sheets, Vietnamese headers, cells of every kind. */
async function workbook(sheets: { units?: Cell[][]; associations?: Cell[][] }): Promise<string> {
  const wb = new ExcelJS.Workbook();
  if (sheets.units) wb.addWorksheet('Đơn vị').addRows([['mã', 'tên', 'cấp', 'mã đơn vị cha'], ...sheets.units]);
  if (sheets.associations) wb.addWorksheet('Hội').addRows([ASSOC_HEADER_VI, ...sheets.associations]);
  wb.addWorksheet('Ghi chú').addRow(['Danh sách gửi Sở Nội vụ']);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

const UNIT_ROWS: Cell[][] = [
  ['LC', 'Tỉnh Lai Châu', 'tỉnh', null],
  ['TD', 'Huyện Tam Đường', 'huyện', 'LC'],
  ['BB', 'Xã Bản Bo', 'xã', 'TD'],
  ['TP', 'Phường Tân Phong', 'Xã', 'LC'],
];
const ASSOCIATION_ROWS: Cell[][] = [
  ['A1', 'Hội Chữ thập đỏ tỉnh Lai Châu', 'LC', 'có', new Date(Date.UTC(1990, 4, 1)), null, 'ctd.laichau@gmail.com', '0213 3876 543', 'Lò Văn Hùng'],
  ['A2', 'Hội Người cao tuổi xã Bản Bo', 'BB', 'không', '15/03/2005', null, null, '0912 345 678', 'Lò Thị Mai'],
  ['A3', 'Hội Khuyến học huyện Tam Đường', 'TD', false, '2001-09-05', null, null, null, null],
  ['A4', 'Hội Nông dân phường Tân Phong', 'TP', 'Không', '1/1/2010', null, null, null, null],
  // A code typed as a number: Excel keeps 101, the registry reads "101".
  [101, 'Hội Cựu chiến binh xã Bản Bo', 'BB', 'không', '20/11/2008', null, null, null, null],
];

describe('the registry import from Excel offices', () => {
  let stack: TestStack;
  let province: string;

  const put = (year: number, json: unknown, query = '', headers: Record<string, string> = {}) =>
    stack.request('PUT', `/cycles/${year}/registry${query}`, { token: province, json, headers });
  /** A raw body, exactly these bytes, as a client that does not re-encode sends it. */
  const putBytes = async (year: number, bytes: Buffer, headers: Record<string, string> = {}): Promise<TestResponse> => {
    const response = await fetch(`${stack.url}/cycles/${year}/registry`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${province}`, 'content-type': 'application/json', ...headers },
      body: new Uint8Array(bytes),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, json: JSON.parse(text), text, bytes: Buffer.from(text) };
  };
  const cycleJson = async (year: number) => (await stack.request('GET', `/cycles/${year}`, { token: province })).json;
  /** Runs `act` and checks that it wrote nothing: the table and the bucket are byte-identical, and GET /cycles/{year} too. */
  async function writesNothing(year: number, act: () => Promise<void>): Promise<void> {
    const [stores, cycle] = [await dumpStores(), await cycleJson(year)];
    await act();
    expect(await cycleJson(year)).toEqual(cycle);
    expect(await dumpStores()).toEqual(stores);
  }

  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2024-11-01T02:00:00Z' });
    province = await stack.token({ role: 'province', unit: 'LC' });
    for (const year of [2024, 2025, 2026]) {
      const opened = await stack.request('POST', '/cycles', { token: province, json: { year } });
      expect(opened.status, opened.text).toBe(201);
    }
  }, 120_000);
  afterAll(async () => stack?.cleanup());

  describe('a CSV saved by Excel on a Vietnamese Windows (Windows-1258)', () => {
    const associationsCsv = (name: Buffer) =>
      Buffer.concat([Buffer.from(`${ASSOC_HEADER_VI.join(',')}\nA1,Hoi Chu thap do,LC,có,01/05/1990,,,,\nA2,`), name, Buffer.from(',BB,không,15/03/2005,,,,\n')]);
    /** The JSON body a client builds from the file's bytes without decoding them: the CSV's bytes between the quotes. */
    const rawBody = (csv: Buffer) =>
      Buffer.concat([Buffer.from(`{"units":${JSON.stringify(UNITS_VI)},"associations":"`), Buffer.from(csv.toString('latin1').replaceAll('\n', '\\n'), 'latin1'), Buffer.from('"}')]);

    it('is refused with 422, naming the file and its line and how to save it as UTF-8, and writes nothing', async () => {
      const name = windows1258('Hội Chữ thập đỏ xã Bản Bo');
      // Real Windows-1258: Windows' own decoding gives the name back.
      expect(new TextDecoder('windows-1258').decode(name).normalize('NFC')).toBe('Hội Chữ thập đỏ xã Bản Bo');
      const body = rawBody(associationsCsv(name));
      await writesNothing(2024, async () => {
        const vi = await putBytes(2024, body);
        expect(vi.status, vi.text).toBe(422);
        expect(vi.json.error.code).toBe('registry_invalid');
        expect(vi.json.error.reason).toBe('not_utf8');
        expect(vi.json.error.problems).toHaveLength(1);
        expect(vi.json.error.problems[0]).toMatchObject({ file: 'associations', line: 3 });
        expect(vi.json.error.problems[0].message).toContain('không phải UTF-8');
        expect(vi.json.error.problems[0].message).toContain('Lưu dạng CSV UTF-8 (*.csv)');
        expect(vi.json.error.problems[0].message).toContain('Lưu thành (Save As) → «CSV UTF-8 (Comma delimited) (*.csv)»');
        const en = await putBytes(2024, body, { 'accept-language': 'en' });
        expect(en.status).toBe(422);
        expect(en.json.error.problems[0].message).toContain('Save As → “CSV UTF-8 (Comma delimited) (*.csv)”');
        // Compressed, as the CLI sends a large registry: the inflated bytes are checked the same way.
        const gz = await putBytes(2024, gzipSync(body), { 'content-encoding': 'gzip' });
        expect(gz.status).toBe(422);
        expect(gz.json.error.problems[0]).toMatchObject({ file: 'associations', line: 3 });
      });
    });

    it('is refused the same when a client decoded it as UTF-8 first (U+FFFD in the text), on a re-import too', async () => {
      const lossy = associationsCsv(windows1258('Hội Chữ thập đỏ xã Bản Bo')).toString('utf8');
      expect(lossy).toContain('H\uFFFD\uFFFDi Ch\uFFFD\uFFFD th\uFFFD\uFFFDp');
      await writesNothing(2024, async () => {
        const refused = await put(2024, { units: UNITS_VI, associations: lossy });
        expect(refused.status).toBe(422);
        expect(refused.json.error.problems).toEqual([{ file: 'associations', line: 3, message: expect.stringContaining('Lưu dạng CSV UTF-8 (*.csv)') }]);
      });
    });

    it('is refused on any other route with 400, before the handler reads it', async () => {
      const body = Buffer.concat([Buffer.from('{"year":2027,"place":"'), windows1258('Lai Châu'), Buffer.from('"}')]);
      const response = await fetch(`${stack.url}/cycles`, { method: 'POST', headers: { authorization: `Bearer ${province}`, 'content-type': 'application/json' }, body: new Uint8Array(body) });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('malformed_body');
      expect((await stack.request('GET', '/cycles/2027', { token: province })).status).toBe(404);
    });
  });

  describe('the registry as one workbook', () => {
    it('answers a dry run with what it would add, and writes nothing', async () => {
      const wb = await workbook({ units: UNIT_ROWS, associations: ASSOCIATION_ROWS });
      await writesNothing(2024, async () => {
        const dry = await put(2024, { workbook: wb }, '?dryRun=1');
        expect(dry.status, dry.text).toBe(200);
        expect(dry.json).toEqual({
          units: 4,
          associations: 5,
          expected: 5,
          added: ['101', 'A1', 'A2', 'A3', 'A4'],
          removed: [],
          moved: [],
          renamed: [],
          unitsAdded: ['BB', 'LC', 'TD', 'TP'],
          unitsRemoved: [],
          dryRun: true,
        });
      });
    });

    it('imports it: every kind of cell read as the office sees it, the contact person stored', async () => {
      const imported = await put(2024, { workbook: await workbook({ units: UNIT_ROWS, associations: ASSOCIATION_ROWS }) });
      expect(imported.status, imported.text).toBe(200);
      expect(imported.json).toMatchObject({ units: 4, associations: 5, expected: 5, added: ['101', 'A1', 'A2', 'A3', 'A4'] });
      expect(imported.json).not.toHaveProperty('dryRun');
      expect((await cycleJson(2024)).counts).toMatchObject({ expected: 5, missing: 5 });
      const rows = await getRegistryRows(2024, (await getCycle(2024))!.registryVersion);
      const byCode = new Map(rows.map((r) => [r.code, r]));
      expect(byCode.get('A1')).toMatchObject({ special: true, foundedOn: '1990-05-01', email: 'ctd.laichau@gmail.com', contact: 'Lò Văn Hùng', level: 'province' });
      expect(byCode.get('A2')).toMatchObject({ special: false, foundedOn: '2005-03-15', phone: '0912 345 678', contact: 'Lò Thị Mai', unitPath: 'LC/TD/BB' });
      expect(byCode.get('A4')).toMatchObject({ foundedOn: '2010-01-01', level: 'commune' });
      expect(byCode.get('101')).toMatchObject({ name: 'Hội Cựu chiến binh xã Bản Bo', unitCode: 'BB' });
    });

    it('reports a bad row by its sheet and its row number in Excel, and writes nothing', async () => {
      const rows = [...ASSOCIATION_ROWS, ['A9', 'Hội Luật gia', 'NOPE', 'có', '31/02/2020', null, null, null, null]];
      await writesNothing(2024, async () => {
        const refused = await put(2024, { workbook: await workbook({ units: UNIT_ROWS, associations: rows }) });
        expect(refused.status).toBe(422);
        expect(refused.json.error.problems.map((p: { file: string; line: number }) => `${p.file}:${p.line}`)).toEqual(['associations:7', 'associations:7']);
        expect(refused.json.error.problems[0].message).toContain('"mã đơn vị"');
      });
    });

    it('refuses what is not a workbook, naming the field', async () => {
      await writesNothing(2024, async () => {
        const notBase64 = await put(2024, { workbook: 'not base64!' });
        expect(notBase64.status).toBe(422);
        expect(notBase64.json.error.fields.workbook).toBeDefined();
        const csv = await put(2024, { workbook: Buffer.from(UNITS_VI).toString('base64') });
        expect(csv.status).toBe(422);
        expect(csv.json.error.fields.workbook).toContain('.xlsx');
        const both = await put(2024, { workbook: await workbook({ units: UNIT_ROWS }), associations: 'mã' });
        expect(both.status).toBe(422);
        expect(both.json.error.fields.workbook).toBeDefined();
      });
    });
  });

  describe('a re-import', () => {
    it('keeps every refusal in a dry run: dropping an association with a report is refused, naming it', async () => {
      const token = await stack.token({ role: 'association', association: 'A3' });
      expect((await stack.request('PUT', '/cycles/2024/reports/A3', { token, json: report(120) })).status).toBe(200);
      const withoutA3 = ASSOCIATION_ROWS.filter((r) => r[0] !== 'A3');
      await writesNothing(2024, async () => {
        const dry = await put(2024, { workbook: await workbook({ units: UNIT_ROWS, associations: withoutA3 }) }, '?dryRun=true');
        expect(dry.status).toBe(409);
        expect(dry.json.error.fields.associations).toContain('A3');
      });
    });

    it('says what it changes, before (dry run) and after it writes: added, removed, moved, renamed', async () => {
      // A1 renamed, A2 moved to TP, A4 removed, A5 added; A3 (with its report) and 101 unchanged.
      const associations = [
        ASSOC_HEADER_VI.join(','),
        'A1,Hội Chữ thập đỏ tỉnh Lai Châu (mới),LC,có,01/05/1990,,,,',
        'A2,Hội Người cao tuổi xã Bản Bo,TP,không,15/03/2005,,,,',
        'A3,Hội Khuyến học huyện Tam Đường,TD,không,05/09/2001,,,,',
        '101,Hội Cựu chiến binh xã Bản Bo,BB,không,20/11/2008,,,,',
        'A5,Hội Luật gia tỉnh Lai Châu,LC,có,2015-06-01,,,,',
      ].join('\n');
      const expected = { units: 4, associations: 5, expected: 5, added: ['A5'], removed: ['A4'], moved: ['A2'], renamed: ['A1'], unitsAdded: [], unitsRemoved: [] };
      await writesNothing(2024, async () => {
        const dry = await put(2024, { units: UNITS_VI, associations }, '?dryRun=1');
        expect(dry.status, dry.text).toBe(200);
        expect(dry.json).toEqual({ ...expected, dryRun: true });
      });
      const done = await put(2024, { units: UNITS_VI, associations });
      expect(done.status, done.text).toBe(200);
      expect(done.json).toEqual(expected);
      // The same files again change nothing.
      expect((await put(2024, { units: UNITS_VI, associations })).json).toMatchObject({ added: [], removed: [], moved: [], renamed: [] });
    });

    it('takes the associations alone, keeping the units; the units alone, keeping the associations', async () => {
      const associations = [ASSOC_HEADER_VI.join(','), 'A1,Hội Chữ thập đỏ tỉnh Lai Châu,LC,có,01/05/1990,,,,', 'A3,Hội Khuyến học huyện Tam Đường,TD,không,05/09/2001,,,,', 'A6,Hội Đông y xã Bản Bo,BB,không,10/10/2012,,,,Tao Văn Phấn'].join(
        '\n',
      );
      const alone = await put(2024, { associations });
      expect(alone.status, alone.text).toBe(200);
      expect(alone.json).toEqual({ units: 4, associations: 3, expected: 3, added: ['A6'], removed: ['101', 'A2', 'A5'], moved: [], renamed: ['A1'], unitsAdded: [], unitsRemoved: [] });
      const units = `${UNITS_VI}\nMT,Xã Mường Than,xã,LC`;
      const unitsAlone = await put(2024, { units });
      expect(unitsAlone.status, unitsAlone.text).toBe(200);
      expect(unitsAlone.json).toMatchObject({ units: 5, associations: 3, added: [], removed: [], unitsAdded: ['MT'], unitsRemoved: [] });
      const rows = await getRegistryRows(2024, (await getCycle(2024))!.registryVersion);
      expect(rows.find((r) => r.code === 'A6')).toMatchObject({ contact: 'Tao Văn Phấn', unitPath: 'LC/TD/BB' });
      // A units file that drops the unit of a kept association names it.
      await writesNothing(2024, async () => {
        const orphaned = await put(2024, { units: UNITS_VI.split('\n').filter((l) => !l.startsWith('BB,')).join('\n') });
        expect(orphaned.status).toBe(422);
        expect(orphaned.json.error.problems).toEqual([{ file: 'associations', line: 0, message: expect.stringContaining('"A6"') }]);
      });
    });

    it('refuses one file alone when the year has no registry to keep the other from, naming the missing one', async () => {
      await writesNothing(2025, async () => {
        const csv = await put(2025, { units: UNITS_VI });
        expect(csv.status).toBe(422);
        expect(csv.json.error.problems).toEqual([{ file: 'associations', line: 0, message: expect.stringContaining('Thiếu tệp danh sách hội') }]);
        const sheet = await put(2025, { workbook: await workbook({ associations: ASSOCIATION_ROWS }) });
        expect(sheet.status).toBe(422);
        expect(sheet.json.error.problems).toEqual([{ file: 'units', line: 0, message: expect.stringContaining('«Đơn vị»') }]);
      });
    });
  });

  describe('the template workbook', () => {
    it('is served by the pages as an .xlsx download, and imports once filled in Excel', async () => {
      const download = await stack.request('GET', '/assets/registry-template.xlsx');
      expect(download.status).toBe(200);
      expect(download.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(download.headers.get('content-disposition')).toBe('attachment; filename="mau-danh-sach-hoi.xlsx"');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(download.bytes as unknown as ArrayBuffer);
      expect(wb.worksheets.map((s) => s.name)).toEqual(['Đơn vị', 'Hội', 'Hướng dẫn']);
      // The office adds its own rows below the examples.
      wb.getWorksheet('Đơn vị')!.addRow(['LC-TD-HG', 'Xã Hồ Thầu', 'xã', 'LC-TD']);
      wb.getWorksheet('Hội')!.addRow(['HG-PN', 'Hội Phụ nữ xã Hồ Thầu', 'LC-TD-HG', 'không', '08/03/1999', '', '', '0213 3000 111', 'Chảo Thị Mẩy']);
      const filled = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
      const imported = await put(2025, { workbook: filled });
      expect(imported.status, imported.text).toBe(200);
      expect(imported.json).toMatchObject({ units: 4, associations: 2, expected: 2, added: ['BB-NCT', 'HG-PN'], unitsAdded: ['LC', 'LC-TD', 'LC-TD-BB', 'LC-TD-HG'] });
    });
  });

  describe('size against the 256 KB body limit', () => {
    // Measured with these rows (every column filled): ~73 bytes of body per association, so about
    // 3,900 fit as plain JSON and about 7,000 gzipped (README, "Importing the registry").
    it('takes a province of 2,000 associations as one workbook, base64 in the JSON body, uncompressed', async () => {
      const communes = Array.from({ length: 100 }, (_, i) => [`LC-X${i}`, `Xã Mường ${i + 1}`, 'xã', 'LC'] as Cell[]);
      const associations = Array.from({ length: 2000 }, (_, i): Cell[] => {
        const commune = i % 100;
        return [
          `LC-X${commune}-${String(i).padStart(4, '0')}`,
          `Hội ${['Người cao tuổi', 'Chữ thập đỏ', 'Khuyến học', 'Cựu chiến binh', 'Nông dân'][i % 5]} xã Mường ${commune + 1} số ${i}`,
          `LC-X${commune}`,
          i % 7 === 0 ? 'có' : 'không',
          new Date(Date.UTC(1990 + (i % 30), i % 12, 1 + (i % 28))),
          null,
          `hoi${i}.muong${commune + 1}@gmail.com`,
          `0213 38${String(i).padStart(2, '0').slice(-2)} ${String(100 + (i % 900))}`,
          `Lò Văn ${['An', 'Bình', 'Cường', 'Dũng', 'Hùng'][i % 5]}`,
        ];
      });
      const wb = await workbook({ units: [['LC', 'Tỉnh Lai Châu', 'tỉnh', null], ...communes], associations });
      const body = Buffer.byteLength(JSON.stringify({ workbook: wb }));
      console.log(`2,000 associations: workbook body ${(body / 1024).toFixed(1)} KB of the ${MAX_BODY_BYTES / 1024} KB limit`);
      expect(body).toBeLessThan(MAX_BODY_BYTES);
      const imported = await put(2026, { workbook: wb });
      expect(imported.status, imported.text).toBe(200);
      expect(imported.json).toMatchObject({ units: 101, associations: 2000, expected: 2000 });
    }, 120_000);
  });
});
