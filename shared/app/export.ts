// GET /cycles/{year}/export.xlsx (SPEC section 11): the workbook of the caller's scope — a
// reviewer's unit and everything below it, the province's whole registry — while the cycle is
// open and once a revision is published. The figures come from the domain's own aggregation
// over the live report states (aggregateSubtree, buildSummary), as GET /cycles/{year} counts
// them; once published, the province's "Tổng hợp" and "Đơn vị" are the published summary (the
// figures of the report it signed), and "Khen thưởng" is the published commended list.
import type { Principal } from '../auth/tokens.ts';
import { getUnits } from '../adapters/registry-store.ts';
import { getAssociations, getVersionTexts } from '../adapters/report-store.ts';
import { getRevision, type RevisionRecord } from '../adapters/revision-store.ts';
import { withProvinceName } from '../domain/cycle-config.ts';
import { isInSubtree, specialLabelFor } from '../domain/registry.ts';
import type { CommendedItem, Summary, Unit } from '../domain/types.ts';
import { appendixNote } from '../document/report-plan.ts';
import type { WorkbookData } from '../xlsx/workbook.ts';
import { assembleWorkbook } from '../xlsx/workbook-data.ts';
import { loadCycle, nowIso, todayInVietnam } from './common.ts';
import { Conflict, Forbidden } from './errors.ts';
import { msg } from './messages.ts';
import { publishedFile } from './published.ts';
import { forbiddenFor } from './scope.ts';

/** "14:05 ngày 28/11/2026", in Việt Nam's time. */
function vietnamClock(iso: string): string {
  const local = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${local.slice(11, 16)} ngày ${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
}

/** The workbook's data for `principal`: everything but the writing. */
export async function workbookData(principal: Principal, year: number): Promise<{ data: WorkbookData; filename: string }> {
  if (principal.role !== 'province' && principal.role !== 'reviewer') throw forbiddenFor(principal);
  const cycle = await loadCycle(year);
  // Open: the live figures; published (or closing again after a publication): the revision's too.
  const published: RevisionRecord | null = cycle.revision >= 1 ? await getRevision(year, cycle.revision) : null;
  if (cycle.status !== 'open' && !published) throw new Conflict(msg.exportNotNow(year));

  const units = await getUnits(year, cycle.registryVersion);
  const registryRoot = units.find((u) => u.parentCode === null);
  if (!registryRoot) throw new Conflict(msg.registryRequired());
  const root: Unit | undefined = principal.role === 'province' ? registryRoot : units.find((u) => u.code === principal.unit);
  if (!root) throw forbiddenFor(principal);
  if (principal.role === 'reviewer' && !isInSubtree(root.path, principal.unit!)) throw new Forbidden(msg.outsideYourUnit());
  const whole = root.code === registryRoot.code;
  const associations = await getAssociations(cycle, whole ? undefined : root.path);

  const asOf = nowIso();
  let commended: CommendedItem[] | null = null;
  let summary: Summary | null = null;
  let note = '';
  let state: string;
  if (published) {
    commended = (JSON.parse((await publishedFile(published, 'commendations')).toString('utf8')) as { items: CommendedItem[] }).items;
    const reportDate = cycle.config.reportDate ?? todayInVietnam(new Date(published.publishedAt));
    note = appendixNote({ config: withProvinceName(cycle.config, registryRoot.name), reportDate });
  }
  if (published && whole) {
    // The province's figures once published: those of the report it signed.
    summary = JSON.parse((await publishedFile(published, 'json')).toString('utf8')) as Summary;
    state = `Số liệu đã công bố (lần ${published.revision}, ${vietnamClock(published.publishedAt)}); danh sách báo cáo theo tình trạng lúc ${vietnamClock(asOf)}.`;
  } else if (published) {
    state = `Báo cáo năm đã công bố (lần ${published.revision}); số liệu của đơn vị lúc ${vietnamClock(asOf)}, tính trên các báo cáo đã được duyệt.`;
  } else {
    state = `Kỳ báo cáo đang mở; số liệu lúc ${vietnamClock(asOf)}, hội viên và các chỉ tiêu tính trên các báo cáo đã được duyệt.`;
  }
  const data = assembleWorkbook({
    year,
    revision: cycle.revision,
    units,
    root,
    associations,
    specialLabel: specialLabelFor(year, cycle.config.specialLabel),
    published: summary,
    commended,
    note,
    state,
    asOf,
    texts: (rows) => getVersionTexts(year, rows),
  });
  return { data, filename: whole ? `tong-hop-${year}.xlsx` : `tong-hop-${year}-${root.code}.xlsx` };
}
