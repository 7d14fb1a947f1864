// What the province page reads in the browser: the access links' CSV (web/lib/csv.ts), and
// the picker's accent-insensitive search (web/lib/fold.ts).
import { describe, expect, it } from 'vitest';
import { fold } from '../../web/lib/fold.ts';
import { csvRecords, parseCsv } from '../../web/lib/csv.ts';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, CRLF or LF, a BOM skipped', () => {
    const text = '\ufeffcode,name,link\r\nVL-KH,"Hội Khuyến học, xã Vũ Lâm",https://x/?year=2020&token=a.b.c\r\nQ,"Câu ""lạc bộ""\nhai dòng",\n';
    expect(parseCsv(text)).toEqual([
      ['code', 'name', 'link'],
      ['VL-KH', 'Hội Khuyến học, xã Vũ Lâm', 'https://x/?year=2020&token=a.b.c'],
      ['Q', 'Câu "lạc bộ"\nhai dòng', ''],
    ]);
  });

  it('keys the rows by the header (lower case, NFC), skipping blank lines', () => {
    const decomposed = 'Ma\u0303,Te\u0302n\nA,Ho\u0323\u0302i\n\n';
    expect(csvRecords(decomposed)).toEqual([{ 'mã': 'A', 'tên': 'Hội' }]);
  });
});

describe('fold', () => {
  it('compares without accents or case, đ as d, whatever the normalisation', () => {
    expect(fold('Hội Đông y huyện Kim Bôi')).toBe('hoi dong y huyen kim boi');
    expect(fold('Ho\u0323\u0302i')).toBe(fold('Hội'));
    expect(fold('LS-NCT')).toBe('ls-nct');
  });
});
