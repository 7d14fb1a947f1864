// The reviewer's report list as the page holds it: every report of the area (loaded once through
// the paginated API), and what the reviewer asked to see of it — search, filters, sort, page —
// read from and written to the page's URL. Pure functions, no DOM.
import { compareVietnamese, searchKey } from '../../shared/format/vietnamese.ts';

export const LIST_STATUSES = ['submitted', 'returned', 'approved', 'missing'] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

/** One row of GET /cycles/{year}/reports; the contact fields and submittedAt may be absent (older servers). */
export interface QueueItem {
  association: string;
  name: string;
  unit: string;
  level: string;
  version: number;
  status: ListStatus;
  late: boolean;
  score: number | null;
  rating?: string | null;
  submittedAt?: string | null;
  email?: string | null;
  phone?: string | null;
  contact?: string | null;
  special?: boolean;
}

export const SORTS = ['name', 'new', 'old', 'status'] as const;
export type SortKey = (typeof SORTS)[number];
export const PAGE_SIZES = ['50', '200', 'all'] as const;
export type PageSize = (typeof PAGE_SIZES)[number];

/** What the list shows, and which report is open: everything the URL says. */
export interface ViewState {
  q: string;
  status: ListStatus | '';
  late: boolean;
  /** a unit of the area (with the units below it); '' = the whole area */
  unit: string;
  sort: SortKey;
  size: PageSize;
  page: number;
  /** the open report's association code, or null for the list */
  report: string | null;
  /** an earlier version being read, or null for the current one */
  version: number | null;
  /** whether the changes since the returned version are marked */
  changes: boolean;
}

export const DEFAULT_VIEW: ViewState = { q: '', status: '', late: false, unit: '', sort: 'name', size: '50', page: 1, report: null, version: null, changes: true };

const oneOf = <T extends string>(values: readonly T[], value: string | null, fallback: T): T => (value !== null && (values as readonly string[]).includes(value) ? (value as T) : fallback);
const positive = (value: string | null): number | null => (value && /^[1-9][0-9]{0,5}$/.test(value) ? Number(value) : null);
const CODE = /^[A-Za-z0-9_-]{1,40}$/;

/** The view a query string asks for; anything unknown or malformed falls back to the default. */
export function parseView(search: string): ViewState {
  const p = new URLSearchParams(search);
  const unit = p.get('unit') ?? '';
  const report = p.get('report');
  return {
    q: (p.get('q') ?? '').slice(0, 200),
    status: oneOf(['', ...LIST_STATUSES], p.get('status'), ''),
    late: p.get('late') === '1',
    unit: CODE.test(unit) ? unit : '',
    sort: oneOf(SORTS, p.get('sort'), 'name'),
    size: oneOf(PAGE_SIZES, p.get('size'), '50'),
    page: positive(p.get('page')) ?? 1,
    report: report && CODE.test(report) ? report : null,
    version: positive(p.get('v')),
    changes: p.get('changes') !== '0',
  };
}

/**
 * The query string of a view, defaults left out; `year` first. Never a token: the page's
 * credentials live in this tab's storage, and a link to a report is for a colleague who signs
 * in with their own.
 */
export function viewQuery(year: string, view: ViewState): string {
  const p = new URLSearchParams();
  p.set('year', year);
  if (view.q) p.set('q', view.q);
  if (view.status) p.set('status', view.status);
  if (view.late) p.set('late', '1');
  if (view.unit) p.set('unit', view.unit);
  if (view.sort !== 'name') p.set('sort', view.sort);
  if (view.size !== '50') p.set('size', view.size);
  if (view.page > 1) p.set('page', String(view.page));
  if (view.report) {
    p.set('report', view.report);
    if (view.version) p.set('v', String(view.version));
    if (!view.changes) p.set('changes', '0');
  }
  return `?${p.toString()}`;
}

/** The list's own part of a view (what the list shows, no report). */
export function listPart(view: ViewState): ViewState {
  return { ...view, report: null, version: null, changes: true };
}

/** The order the status sort puts reports in: what awaits the reviewer first. */
const STATUS_ORDER: Readonly<Record<ListStatus, number>> = { submitted: 0, returned: 1, missing: 2, approved: 3 };

function byName(a: QueueItem, b: QueueItem): number {
  return compareVietnamese(a.name, b.name) || (a.association < b.association ? -1 : a.association > b.association ? 1 : 0);
}

/** Submission instants compared; a report never submitted comes last either way. */
function bySubmitted(a: QueueItem, b: QueueItem, newestFirst: boolean): number {
  const ta = a.submittedAt ? Date.parse(a.submittedAt) : NaN;
  const tb = b.submittedAt ? Date.parse(b.submittedAt) : NaN;
  const na = Number.isNaN(ta);
  const nb = Number.isNaN(tb);
  if (na || nb) return na === nb ? 0 : na ? 1 : -1;
  return newestFirst ? tb - ta : ta - tb;
}

/**
 * The reports the view shows, in its order: the search (every word of it, with or without
 * accents, in the name or the code), the status, late only, the unit with the units below it.
 */
export function applyView(items: readonly QueueItem[], view: ViewState, inUnit: (unit: string) => boolean): QueueItem[] {
  const words = searchKey(view.q).split(' ').filter(Boolean);
  const shown = items.filter((item) => {
    if (view.status && item.status !== view.status) return false;
    if (view.late && !item.late) return false;
    if (!inUnit(item.unit)) return false;
    if (words.length) {
      const key = `${searchKey(item.name)} ${item.association.toLowerCase()}`;
      if (!words.every((w) => key.includes(w))) return false;
    }
    return true;
  });
  const compare =
    view.sort === 'status'
      ? (a: QueueItem, b: QueueItem) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || byName(a, b)
      : view.sort === 'new' || view.sort === 'old'
        ? (a: QueueItem, b: QueueItem) => bySubmitted(a, b, view.sort === 'new') || byName(a, b)
        : byName;
  return shown.sort(compare);
}

export interface Paged<T> {
  items: T[];
  /** the page shown (clamped to the pages there are), from 1 */
  page: number;
  pages: number;
  /** 1-based positions of the first and last item shown; 0 when none */
  from: number;
  to: number;
}

export function pageOf<T>(items: readonly T[], size: PageSize, page: number): Paged<T> {
  const per = size === 'all' ? Math.max(items.length, 1) : Number(size);
  const pages = Math.max(1, Math.ceil(items.length / per));
  const current = Math.min(Math.max(1, page), pages);
  const start = (current - 1) * per;
  const slice = items.slice(start, start + per);
  return { items: slice, page: current, pages, from: slice.length ? start + 1 : 0, to: start + slice.length };
}

/** The codes of a unit and every unit below it, from rows that name their parent. */
export function subtreeOf(rows: readonly { code: string; parentCode: string | null }[], top: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const row of rows) {
    if (row.parentCode === null) continue;
    const list = children.get(row.parentCode) ?? [];
    list.push(row.code);
    children.set(row.parentCode, list);
  }
  const out = new Set<string>([top]);
  const queue = [top];
  while (queue.length) {
    for (const child of children.get(queue.pop()!) ?? []) {
      if (!out.has(child)) {
        out.add(child);
        queue.push(child);
      }
    }
  }
  return out;
}
