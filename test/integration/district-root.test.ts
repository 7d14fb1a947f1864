// A cycle run by a district (Quận 8, as in the second seed) and by a two-tier province
// (2025), end to end on the embedded stack: the summary's levels and unit rows, the awards by
// unit type, the CSV's level column, and the words of the PDF (SPEC sections 2 and 6).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../support/embedded.ts';
import { closeAndWait, seedCycle, type SeedReport } from '../support/cycle.ts';
import { pdfPages } from '../support/pdf-text.ts';

// The wards carry no type: it is read from their names ("Phường 1" → phường).
const QUAN8_UNITS = `code,name,level,parent_code,type
Q8,Quận 8,district,,quan
Q8-P01,Phường 1,commune,Q8,
Q8-P02,Phường 2,commune,Q8,
Q8-P03,Phường 3,commune,Q8,
`;

const QUAN8_ASSOCIATIONS = `code,name,unit_code,special,founded_on,dissolved_on
Q8-CTD,Hội Chữ thập đỏ quận 8,Q8,true,1989-03-15,
Q8-NCT,Hội Người cao tuổi quận 8,Q8,true,1996-04-20,
Q8-LG,Hội Luật gia quận 8,Q8,false,2003-07-01,
P01-CTD,Hội Chữ thập đỏ phường 1,Q8-P01,false,1990-05-10,
P01-NCT,Hội Người cao tuổi phường 1,Q8-P01,false,1996-06-21,
P02-KH,Hội Khuyến học phường 2,Q8-P02,false,2000-10-02,
P02-DY,Hội Đông y phường 2,Q8-P02,false,2008-06-01,2020-03-20
P03-NCT,Hội Người cao tuổi phường 3,Q8-P03,false,1997-02-23,
P03-CLBHT,Câu lạc bộ Hưu trí phường 3,Q8-P03,false,2020-04-15,
`;

const QUAN8_CONFIG = {
  issuer: ['ỦY BAN NHÂN DÂN QUẬN 8', 'PHÒNG NỘI VỤ'],
  issuerKind: 'state',
  documentNumber: 'Số 418/BC-NV',
  reportDate: '2020-12-22',
  place: 'Quận 8',
  signer: { lines: ['TRƯỞNG PHÒNG'], name: 'Lâm Quang Vinh' },
  recipients: ['Thường trực Quận ủy, UBND quận (b/c)', 'UBND các phường', 'Các hội quần chúng quận', 'Lưu: VT, NV'],
  commendation: { quotaPercent: 50, minScore: 90 },
};

// Self ratings are excellent (and nominated) unless a rating says otherwise.
const QUAN8_REPORTS: SeedReport[] = [
  { association: 'Q8-CTD', members: 3800, score: 96 },
  { association: 'Q8-NCT', members: 1650, score: 93 },
  { association: 'Q8-LG', members: 120, score: 84, rating: 'good' },
  { association: 'P01-CTD', members: 410, score: 95 },
  { association: 'P01-NCT', members: 760, score: 91 },
  { association: 'P02-KH', members: 430, score: 92 },
  { association: 'P03-NCT', members: 690, score: 88 },
  { association: 'P03-CLBHT', members: 60, score: 80, rating: 'good' },
];

/** The text of every page, whitespace folded, as a reader's copy would give it. */
async function pdfText(stack: TestStack, year: number, token: string): Promise<string> {
  const pdf = await stack.request('GET', `/cycles/${year}/report.pdf`, { token });
  expect(pdf.status).toBe(200);
  return (await pdfPages(pdf.bytes)).join('\n').replace(/\s+/gu, ' ');
}

describe('a cycle run by a district: Quận 8', () => {
  let stack: TestStack;
  let office: string;

  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2020-12-01T02:00:00Z' });
    office = await seedCycle(stack, { year: 2020, province: 'Q8', units: QUAN8_UNITS, associations: QUAN8_ASSOCIATIONS, config: QUAN8_CONFIG, reports: QUAN8_REPORTS });
    expect(await closeAndWait(stack, 2020, office)).toMatchObject({ status: 'published', revision: 1 });
  }, 180_000);
  afterAll(async () => stack?.cleanup());

  it('counts district and ward levels, no province, and a row per unit', async () => {
    const summary = (await stack.request('GET', '/cycles/2020/summary', { token: office })).json;
    expect(summary.associations).toEqual({
      total: 8,
      byLevel: { province: 0, district: 3, commune: 5 },
      special: { total: 2, byLevel: { province: 0, district: 2, commune: 0 } },
      new: { total: 1, byLevel: { province: 0, district: 0, commune: 1 } },
      dissolved: { total: 1, byLevel: { province: 0, district: 0, commune: 1 } },
    });
    expect(summary.reports).toMatchObject({ expected: 8, submitted: 8, approved: 8, missing: 0, onTime: 8, late: 0 });
    expect(summary.figures).toMatchObject({ members: 7920, membersByLevel: { province: 0, district: 5570, commune: 2350 } });
    const row = (code: string, name: string, level: string, expected: number, members: number) => ({ code, name, level, expected, submitted: expected, approved: expected, returned: 0, missing: 0, late: 0, members });
    expect(summary.units).toEqual([
      row('Q8', 'Quận 8', 'district', 8, 7920),
      row('Q8-P01', 'Phường 1', 'commune', 2, 1170),
      row('Q8-P02', 'Phường 2', 'commune', 1, 430),
      row('Q8-P03', 'Phường 3', 'commune', 2, 750),
    ]);
    // The cycle's view names each unit's type, so the pages say "Cấp quận", "Cấp phường".
    const cycle = (await stack.request('GET', '/cycles/2020', { token: office })).json as { units: { code: string; type: string }[] };
    expect(cycle.units.map((u) => [u.code, u.type])).toEqual([
      ['Q8', 'quan'],
      ['Q8-P01', 'phuong'],
      ['Q8-P02', 'phuong'],
      ['Q8-P03', 'phuong'],
    ]);
  });

  it('commends with the awards of the unit types: UBND quận, UBND phường', async () => {
    const list = (await stack.request('GET', '/cycles/2020/commendations', { token: office })).json;
    // Quota 50 %: district floor(3 × 50 / 100) = 1 of Q8-CTD (96), Q8-NCT (93); ward floor(5 × 50 / 100) = 2 of P01-CTD (95), P02-KH (92), P01-NCT (91).
    expect(list.items.map((i: { association: string }) => i.association)).toEqual(['Q8-CTD', 'P01-CTD', 'P02-KH']);
    expect(list.items[0]).toMatchObject({ level: 'district', unit: 'Q8', unitName: 'Quận 8', score: 96, award: 'Giấy khen của Chủ tịch UBND quận' });
    expect(list.items[1]).toMatchObject({ level: 'commune', unit: 'Q8-P01', unitName: 'Phường 1', score: 95, award: 'Giấy khen của Chủ tịch UBND phường' });
    expect(list.items[2]).toMatchObject({ level: 'commune', unitName: 'Phường 2', award: 'Giấy khen của Chủ tịch UBND phường' });

    const csv = await stack.request('GET', '/cycles/2020/commendations?format=csv', { token: office });
    expect(csv.text.replace(/^\uFEFF/u, '').trim().split('\r\n')).toEqual([
      'STT,Mã,Tên tập thể,Địa phương,Cấp,Điểm,Hình thức khen thưởng',
      '1,Q8-CTD,Hội Chữ thập đỏ quận 8,Quận 8,Cấp quận,96,Giấy khen của Chủ tịch UBND quận',
      '2,P01-CTD,Hội Chữ thập đỏ phường 1,Phường 1,Cấp phường,95,Giấy khen của Chủ tịch UBND phường',
      '3,P02-KH,Hội Khuyến học phường 2,Phường 2,Cấp phường,92,Giấy khen của Chủ tịch UBND phường',
    ]);
  });

  it('writes the PDF in the words of a quận and its phường, never of a province', async () => {
    const text = await pdfText(stack, 2020, office);
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain('Quận 8, ngày 22 tháng 12 năm 2020');
    expect(text).toContain('Năm 2020, toàn quận có 08 tổ chức Hội');
    expect(text).toContain('Hội có phạm vi hoạt động cấp quận: 03 tổ chức');
    expect(text).toContain('Hội có phạm vi hoạt động cấp phường: 05 tổ chức');
    expect(text).toContain('cấp phường');
    expect(text).toMatch(/Cấp quận 3 2 0 5\.570/u);
    expect(text).toMatch(/Cấp phường 5 0 1 2\.350/u);
    // The completeness table: the district's own associations, each phường, and the whole.
    expect(text).toMatch(/Các hội cấp quận 3 3 3 0 0 0 5\.570/u);
    expect(text).toMatch(/Toàn quận 8 8 8 0 0 0 7\.920/u);
    expect(text).toContain('Giấy khen của Chủ tịch UBND quận');
    expect(text).toContain('Giấy khen của Chủ tịch UBND phường');
    const lower = text.toLocaleLowerCase('vi');
    expect(lower).not.toContain('tỉnh');
    expect(lower).not.toContain('cấp huyện');
    expect(lower).not.toContain('cấp xã');
  });
});

// Since 1 July 2025: a province of two tiers, its communes and wards directly under it.
const TWO_TIER_UNITS = `code,name,level,parent_code
LC,Tỉnh Lai Châu,province,
LC-TANPHONG,Phường Tân Phong,commune,LC
LC-DOANKET,Phường Đoàn Kết,commune,LC
LC-BANBO,Xã Bản Bo,commune,LC
LC-KHUNHA,Xã Khun Há,commune,LC
LC-SINHO,Xã Sìn Hồ,commune,LC
LC-TAMDUONG,Xã Tam Đường,commune,LC
`;

const TWO_TIER_ASSOCIATIONS = `code,name,unit_code,special,founded_on,dissolved_on
LC-CTD,Hội Chữ thập đỏ tỉnh Lai Châu,LC,true,2004-03-26,
LC-NCT,Hội Người cao tuổi tỉnh Lai Châu,LC,true,2004-05-12,
LC-LG,Hội Luật gia tỉnh Lai Châu,LC,false,2005-01-10,
TANPHONG-KH,Hội Khuyến học phường Tân Phong,LC-TANPHONG,false,2006-09-01,
DOANKET-NCT,Hội Người cao tuổi phường Đoàn Kết,LC-DOANKET,false,2006-10-01,
BANBO-NCT,Hội Người cao tuổi xã Bản Bo,LC-BANBO,false,2007-04-01,
KHUNHA-CTD,Hội Chữ thập đỏ xã Khun Há,LC-KHUNHA,false,2025-08-15,
SINHO-KH,Hội Khuyến học xã Sìn Hồ,LC-SINHO,false,2010-03-01,
`;

describe('a two-tier province: Lai Châu, 2025', () => {
  let stack: TestStack;
  let province: string;

  beforeAll(async () => {
    stack = await startTestStack({ clockStart: '2025-12-01T02:00:00Z' });
    province = await seedCycle(stack, {
      year: 2025,
      province: 'LC',
      units: TWO_TIER_UNITS,
      associations: TWO_TIER_ASSOCIATIONS,
      config: { issuer: ['TỈNH ỦY LAI CHÂU', 'BAN DÂN VẬN'], documentNumber: 'Số 40-BC/BDVTU', reportDate: '2025-12-18', place: 'Lai Châu', commendation: { quotaPercent: 50, minScore: 90 } },
      reports: [
        { association: 'LC-CTD', members: 21500, score: 96 },
        { association: 'LC-NCT', members: 30900, score: 92 },
        { association: 'LC-LG', members: 350, score: 85, rating: 'good' },
        { association: 'TANPHONG-KH', members: 640, score: 94 },
        { association: 'DOANKET-NCT', members: 820, score: 88 },
        { association: 'BANBO-NCT', members: 300, score: 91 },
        { association: 'KHUNHA-CTD', members: 120, score: 80, rating: 'good' },
        { association: 'SINHO-KH', members: 210, score: 90 },
      ],
    });
    expect(await closeAndWait(stack, 2025, province)).toMatchObject({ status: 'published', revision: 1 });
  }, 180_000);
  afterAll(async () => stack?.cleanup());

  it('has no district level, and the 2025 special label', async () => {
    const summary = (await stack.request('GET', '/cycles/2025/summary', { token: province })).json;
    expect(summary.specialLabel).toBe('hội do Đảng, Nhà nước giao nhiệm vụ');
    expect(summary.associations.byLevel).toEqual({ province: 3, district: 0, commune: 5 });
    expect(summary.associations.special.byLevel).toEqual({ province: 2, district: 0, commune: 0 });
    // One row per unit: the province and its six communes and wards, no district between them.
    expect(summary.units.map((u: { code: string }) => u.code).sort()).toEqual(['LC', 'LC-BANBO', 'LC-DOANKET', 'LC-KHUNHA', 'LC-SINHO', 'LC-TAMDUONG', 'LC-TANPHONG']);
    expect(summary.units[0]).toMatchObject({ code: 'LC', level: 'province', expected: 8, members: 54840 });
    expect(summary.units.every((u: { level: string }) => u.level !== 'district')).toBe(true);
  });

  it('names the communes as the document names them: cấp xã, phường (four xã, two phường); never cấp huyện', async () => {
    const text = await pdfText(stack, 2025, province);
    expect(text).toContain('Năm 2025, toàn tỉnh có 08 tổ chức Hội');
    expect(text).toContain('Hội có phạm vi hoạt động cấp tỉnh: 03 tổ chức');
    expect(text).toContain('Hội có phạm vi hoạt động cấp xã, phường: 05 tổ chức');
    expect(text).toMatch(/Cấp xã, phường 5 0 1 /u);
    expect(text).toContain('Hội được công nhận là hội do Đảng, Nhà nước giao nhiệm vụ');
    // The by-level table's header names the label of the year.
    expect(text).toContain('Hội do Đảng, Nhà nước giao nhiệm vụ');
    expect(text).not.toContain('tính chất đặc thù');
    expect(text.toLocaleLowerCase('vi')).not.toContain('cấp huyện');

    const list = (await stack.request('GET', '/cycles/2025/commendations', { token: province })).json;
    // Quota 50 %: province 1 of LC-CTD (96), LC-NCT (92); commune floor(5 × 50 / 100) = 2 of TANPHONG-KH (94), BANBO-NCT (91), SINHO-KH (90).
    expect(list.items.map((i: { association: string; award: string }) => [i.association, i.award])).toEqual([
      ['LC-CTD', 'Bằng khen của Chủ tịch UBND tỉnh'],
      ['TANPHONG-KH', 'Giấy khen của Chủ tịch UBND phường'],
      ['BANBO-NCT', 'Giấy khen của Chủ tịch UBND xã'],
    ]);
  });
});
