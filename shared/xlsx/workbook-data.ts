// What the office workbook holds for one scope, assembled from the registry, the report states
// and (once published) the published summary and commended list. Pure: the use case
// (shared/app/export.ts) reads, this decides, the writer (workbook.ts) writes; the bench
// assembles a synthetic province the same way.
import type { AssociationWithProposals } from '../adapters/report-store.ts';
import { aggregateSubtree, buildSummary } from '../domain/aggregate.ts';
import { reportScope, unitLevelLabel } from '../domain/report-scope.ts';
import { LEVELS, type CommendedItem, type Summary, type Unit } from '../domain/types.ts';
import { levelLabel } from '../document/report-plan.ts';
import { collateVietnamese } from '../format/vietnamese.ts';
import type { ReportRowBase, WorkbookData } from './workbook.ts';

const isUnder = (path: string, rootPath: string): boolean => path === rootPath || path.startsWith(`${rootPath}/`);

export interface WorkbookSources {
  year: number;
  revision: number;
  /** the registry's units, all of them (the scope words come from the whole registry) */
  units: readonly Unit[];
  /** the scope's root: the registry's root for the province, the reviewer's unit */
  root: Unit;
  /** the associations registered in the scope, with their report states */
  associations: readonly AssociationWithProposals[];
  specialLabel: string;
  /** the published summary, when it is the scope's (the province's, once published) */
  published: Summary | null;
  /** the published commended list, when there is one */
  commended: CommendedItem[] | null;
  /** "(Kèm theo Báo cáo số …)" under the commended list's title */
  note: string;
  /** where the figures stand, in words */
  state: string;
  asOf: string;
  texts: WorkbookData['texts'];
}

export function assembleWorkbook(s: WorkbookSources): WorkbookData {
  const subtree = s.units.filter((u) => isUnder(u.path, s.root.path));
  const codes = new Set(subtree.map((u) => u.code));
  const scope = reportScope(s.units);
  const commended = s.commended?.filter((c) => codes.has(c.unit)) ?? null;
  // The domain's aggregation of the scope, as the cycle's view counts it (the scope's root as the root).
  const summary =
    s.published ??
    buildSummary({
      year: s.year,
      revision: s.revision,
      publishedAt: s.asOf,
      specialLabel: s.specialLabel,
      province: { ...s.root, parentCode: null },
      provinceAggregate: aggregateSubtree(s.root.code, subtree, s.associations),
      previousYear: null,
      commendedCount: commended?.length ?? 0,
    });

  // Tree order, as the summary lists its units; the depth below the scope's root.
  const rootDepth = s.root.path.split('/').length;
  const depthOf = new Map(subtree.map((u) => [u.code, u.path.split('/').length - rootDepth]));
  const order = new Map(summary.units.map((u, i) => [u.code, i]));
  const unitName = new Map(s.units.map((u) => [u.code, u.name]));
  const reports: ReportRowBase[] = s.associations
    .filter((a) => a.expected)
    .sort((a, b) => (order.get(a.unitCode) ?? 0) - (order.get(b.unitCode) ?? 0) || collateVietnamese(a.name, b.name) || (a.code < b.code ? -1 : 1))
    .map((a) => ({
      code: a.code,
      name: a.name,
      unitCode: a.unitCode,
      unitName: unitName.get(a.unitCode) ?? a.unitCode,
      levelLabel: unitLevelLabel(scope.unitWords, a.unitCode, a.level),
      special: a.special,
      isNew: a.isNew,
      foundedOn: a.foundedOn || null,
      status: a.status,
      version: a.version,
      late: a.late,
      firstSubmittedAt: a.firstSubmittedAt,
      lastSubmittedAt: a.lastSubmittedAt,
      figures: a.figures,
      selfRating: a.selfRating,
      nominate: a.version > 0 ? a.nominate : null,
      score: a.score,
      rating: a.rating,
    }));

  const from = LEVELS.indexOf(s.root.level);
  return {
    year: s.year,
    scopeName: s.root.name,
    state: s.state,
    summary,
    levels: LEVELS.filter((_, i) => i >= from).map((level) => ({ level, label: levelLabel({ scope }, level) })),
    units: summary.units.filter((u) => depthOf.has(u.code)).map((u) => ({ ...u, depth: depthOf.get(u.code)!, levelLabel: unitLevelLabel(scope.unitWords, u.code, u.level) })),
    reports,
    texts: s.texts,
    commended: commended && { note: s.note, items: commended.map((c) => ({ ...c, levelLabel: unitLevelLabel(scope.unitWords, c.unit, c.level) })) },
  };
}
