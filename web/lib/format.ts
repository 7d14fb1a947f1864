// Numbers and dates as the pages show them: Vietnamese (180.455, 18/12/2020 14:05, Vietnam
// time) or English (180,455). The Vietnamese number is the one official documents use.
import { formatNumber } from '../../shared/format/vietnamese.ts';
import type { Lang } from './i18n.ts';

const VIETNAM_OFFSET_MS = 7 * 3600_000; // Asia/Ho_Chi_Minh is UTC+7 all year

/** 180455 → "180.455" (vi) or "180,455" (en); no number → "—". */
export function formatCount(n: unknown, lang: Lang): string {
  if (typeof n !== 'number' || !Number.isFinite(n)) return n == null ? '—' : String(n);
  const vi = formatNumber(n);
  if (lang === 'vi') return vi;
  return vi.replace(/[.,]/g, (c) => (c === '.' ? ',' : '.'));
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** "2020-12-15" → "15/12/2020"; anything else as is ("—" for nothing). */
export function formatDate(ymd: unknown): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(ymd));
  return m ? `${m[3]}/${m[2]}/${m[1]}` : ymd == null ? '—' : String(ymd);
}

/** An ISO instant → "18/12/2020 14:05" in Vietnam time; anything else as is ("—" for nothing). */
export function formatDateTime(iso: unknown): string {
  const t = Date.parse(String(iso));
  if (Number.isNaN(t)) return iso == null ? '—' : String(iso);
  const v = new Date(t + VIETNAM_OFFSET_MS);
  return `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()} ${pad(v.getUTCHours())}:${pad(v.getUTCMinutes())}`;
}
