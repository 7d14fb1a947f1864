// The reviewer's list model (web/lib/review-list.ts) and the word diff (web/lib/word-diff.ts):
// what the page finds, in which order, what its URL says, and what it marks as changed.
import { describe, expect, it } from 'vitest';
import { searchKey } from '../../shared/format/vietnamese.ts';
import { applyView, DEFAULT_VIEW, pageOf, parseView, subtreeOf, viewQuery, type QueueItem, type ViewState } from '../../web/lib/review-list.ts';
import { diffWords, tokens } from '../../web/lib/word-diff.ts';

const item = (association: string, name: string, extra: Partial<QueueItem> = {}): QueueItem => ({
  association,
  name,
  unit: 'D',
  level: 'district',
  version: 1,
  status: 'submitted',
  late: false,
  score: null,
  ...extra,
});

const ITEMS: QueueItem[] = [
  item('A', 'Hội Người cao tuổi huyện Lạc Sơn', { submittedAt: '2020-12-03T02:00:00Z' }),
  item('B', 'Hội Đông y huyện Kim Bôi', { status: 'missing', version: 0, unit: 'C1' }),
  item('C', 'Hội Chữ thập đỏ xã Ân Nghĩa', { submittedAt: '2020-12-20T02:00:00Z', late: true, unit: 'C2' }),
  item('D', 'Hội Cựu chiến binh xã Tân Mỹ', { status: 'approved', submittedAt: '2020-12-01T02:00:00Z', unit: 'C1' }),
  item('E', 'Hội Khuyến học xã Vũ Lâm', { status: 'returned', submittedAt: '2020-12-05T02:00:00Z' }),
];
const all = () => true;
const view = (over: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, ...over });
const names = (list: QueueItem[]) => list.map((i) => i.association);

describe('the list', () => {
  it('finds an accented name typed without accents, đ as d, every word anywhere', () => {
    expect(searchKey('  Hội  Người cao TUỔI ')).toBe('hoi nguoi cao tuoi');
    expect(names(applyView(ITEMS, view({ q: 'hoi nguoi cao tuoi' }), all))).toEqual(['A']);
    expect(names(applyView(ITEMS, view({ q: 'dong y' }), all))).toEqual(['B']);
    expect(names(applyView(ITEMS, view({ q: 'Lạc  sơn người' }), all))).toEqual(['A']);
    expect(names(applyView(ITEMS, view({ q: 'xa' }), all))).toEqual(['C', 'D', 'E']);
  });

  it('sorts names in Vietnamese order (Â after A, Đ after D), by submission (never submitted last), by status', () => {
    expect(names(applyView(ITEMS, view({}), all))).toEqual(['C', 'D', 'B', 'E', 'A']);
    expect(names(applyView([item('1', 'Hội Đông'), item('2', 'Hội Duyên'), item('3', 'Hội Ân'), item('4', 'Hội Bắc')], view({}), all))).toEqual(['3', '4', '2', '1']);
    expect(names(applyView(ITEMS, view({ sort: 'new' }), all))).toEqual(['C', 'E', 'A', 'D', 'B']);
    expect(names(applyView(ITEMS, view({ sort: 'old' }), all))).toEqual(['D', 'A', 'E', 'C', 'B']);
    expect(names(applyView(ITEMS, view({ sort: 'status' }), all))).toEqual(['C', 'A', 'E', 'B', 'D']);
  });

  it('filters by status (missing too), late, and a unit with the units below it', () => {
    expect(names(applyView(ITEMS, view({ status: 'missing' }), all))).toEqual(['B']);
    expect(names(applyView(ITEMS, view({ late: true }), all))).toEqual(['C']);
    const rows = [
      { code: 'P', parentCode: null },
      { code: 'D', parentCode: 'P' },
      { code: 'C1', parentCode: 'D' },
      { code: 'C2', parentCode: 'P' },
    ];
    const d = subtreeOf(rows, 'D');
    expect([...d].sort()).toEqual(['C1', 'D']);
    expect(names(applyView(ITEMS, view({}), (u) => d.has(u)))).toEqual(['D', 'B', 'E', 'A']);
  });

  it('pages: 50, 200 or all, the page clamped to the pages there are', () => {
    const many = Array.from({ length: 128 }, (_, i) => i);
    expect(pageOf(many, '50', 3)).toMatchObject({ page: 3, pages: 3, from: 101, to: 128 });
    expect(pageOf(many, '50', 9)).toMatchObject({ page: 3 });
    expect(pageOf(many, 'all', 2)).toMatchObject({ page: 1, pages: 1, from: 1, to: 128 });
    expect(pageOf([], '200', 1)).toMatchObject({ page: 1, pages: 1, from: 0, to: 0 });
  });

  it('reads its state from the URL and writes it back, defaults left out, never a token', () => {
    const state = view({ q: 'người cao', status: 'submitted', late: true, unit: 'HB-LS', sort: 'new', size: 'all', page: 2, report: 'LS-NCT', version: 1, changes: false });
    const query = viewQuery('2020', state);
    expect(query).not.toContain('token');
    expect(parseView(query)).toEqual(state);
    expect(viewQuery('2020', DEFAULT_VIEW)).toBe('?year=2020');
    expect(parseView('?year=2020')).toEqual(DEFAULT_VIEW);
    expect(parseView('?year=2020&token=x.y.z&sort=evil&size=7&page=-1&report=../x&status=nope&v=0')).toEqual(DEFAULT_VIEW);
  });
});

describe('the word diff', () => {
  const render = (before: string, after: string) =>
    diffWords(before, after)
      .map((p) => (p.kind === 'same' ? p.text : p.kind === 'added' ? `[+${p.text}]` : `[-${p.text}]`))
      .join('');

  it('marks the changed words and keeps the rest', () => {
    expect(tokens('Hội có 12 chi hội, tăng 2.')).toEqual(['Hội', ' ', 'có', ' ', '12', ' ', 'chi', ' ', 'hội', ',', ' ', 'tăng', ' ', '2', '.']);
    expect(render('Hội có 10 chi hội.', 'Hội có 12 chi hội.')).toBe('Hội có [-10][+12] chi hội.');
    expect(render('Câu lạc bộ dưỡng sinh.', 'Câu lạc bộ dưỡng sinh cho 300 hội viên.')).toBe('Câu lạc bộ dưỡng sinh[+ cho 300 hội viên].');
    expect(render('một hai ba', 'bốn năm sáu')).toBe('[-một hai ba][+bốn năm sáu]');
    expect(render('giống nhau', 'giống nhau')).toBe('giống nhau');
  });

  it('reads whole on either side: the kept parts and the removed ones give the old text, the kept and added the new', () => {
    const before = 'Tổ chức 12 buổi tuyên truyền pháp luật cho 500 lượt hội viên; thăm hỏi 40 hộ nghèo.';
    const after = 'Tổ chức 15 buổi tuyên truyền, phổ biến pháp luật cho 650 lượt hội viên và người dân; thăm hỏi, tặng quà 40 hộ nghèo.';
    const parts = diffWords(before, after);
    expect(parts.filter((p) => p.kind !== 'added').map((p) => p.text).join('')).toBe(before);
    expect(parts.filter((p) => p.kind !== 'removed').map((p) => p.text).join('')).toBe(after);
  });

  it('a long text (5,000 characters) is compared at once', () => {
    const words = Array.from({ length: 800 }, (_, i) => `từ${i}`);
    const before = words.join(' ');
    const after = words.map((w, i) => (i % 97 === 0 ? `${w}x` : w)).join(' ');
    const started = Date.now();
    const parts = diffWords(before, after);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(parts.filter((p) => p.kind === 'added')).toHaveLength(9);
  });
});
