import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { commendedCsv, neutraliseCell, spreadsheetCsv } from '../../shared/domain/commended-csv.ts';
import type { CommendedItem } from '../../shared/domain/types.ts';

describe('formula neutralisation', () => {
  it.each([
    ['=1+1'],
    ['+1'],
    ['-1-1'],
    ['@SUM(A1)'],
    ['＝HYPERLINK("x")'],
    ['＋1'],
    ['－1'],
    ['＠SUM(A1)'],
    ['﹦1+1'],
    ['﹢1'],
    ['﹣1'],
    [' =1+1'],
    ['\t=1+1'],
    ['\r=1+1'],
    ['\n=1+1'],
    ['\u00A0=1+1'],
    ['\u3000=1+1'],
    ['\u200B=1+1'],
    ['\u0007=1+1'],
  ])('prefixes %j with a quote', (cell) => {
    expect(neutraliseCell(cell)).toBe(`'${cell}`);
  });

  it.each([['Hội Khuyến học'], ['1'], ['95'], ['DB-EQ'], ['A-1'], ['2024-01-01'], ['Cấp tỉnh'], ['']])('leaves %j as it is', (cell) => {
    expect(neutraliseCell(cell)).toBe(cell);
  });

  it('neutralises every cell of every row, the header too', () => {
    const rows = parse(spreadsheetCsv([['-code', 'name'], ['-1-1', '＝1+1'], ['A1', ' @x']])) as string[][];
    expect(rows).toEqual([["'-code", 'name'], ["'-1-1", "'＝1+1"], ['A1', "' @x"]]);
  });

  it('neutralises the code column of the commended list (a code may start with "-")', () => {
    const item: CommendedItem = { association: '-1-1', name: '＠Hội', unit: 'A', unitName: 'Xã A', level: 'commune', score: 90, members: 10, award: 'Giấy khen' };
    const rows = parse(commendedCsv([item]).replace(/^\uFEFF/, '')) as string[][];
    expect(rows[1]).toEqual(['1', "'-1-1", "'＠Hội", 'Xã A', 'Cấp xã', '90', 'Giấy khen']);
  });

  it("names the level of a commended collective by its own unit's type", () => {
    const item: CommendedItem = { association: 'TP-KH', name: 'Hội Khuyến học', unit: 'TP', unitName: 'Thành phố Lai Châu', level: 'district', score: 91, members: 10, award: 'Giấy khen' };
    const rows = parse(commendedCsv([item], { TP: 'thành phố' }).replace(/^\uFEFF/, '')) as string[][];
    expect(rows[1]?.[4]).toBe('Cấp thành phố');
  });
});
