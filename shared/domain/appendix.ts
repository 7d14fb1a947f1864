// The report's appendices (SPEC section 6): expected associations left out of the totals,
// and the associations' own proposals.

import { LEVELS } from './types.ts';
import type { AppendixItem, AssociationState, Level, ProposalItem } from './types.ts';
import { compareCodes } from './commendation.ts';
import { collateVietnamese } from '../format/vietnamese.ts';

/** What `appendixItemOf` reads of an association: its state and the registry's year flags. */
export type AppendixSource = Pick<
  AssociationState,
  'code' | 'name' | 'unitCode' | 'level' | 'status' | 'version'
> & { expected: boolean; dissolvedInYear: boolean };

/**
 * The appendix item of an association, or null when it is not listed: an association
 * expected in the year (not dissolved in it) and not approved is listed with the reason
 * `missing` (no version), `returned` (returned and not resubmitted) or `submitted`
 * (awaiting review).
 */
export function appendixItemOf(a: AppendixSource, unitName: string): AppendixItem | null {
  if (!a.expected || a.dissolvedInYear || a.status === 'approved') return null;
  const reason: AppendixItem['reason'] = a.version < 1 ? 'missing' : a.status === 'returned' ? 'returned' : 'submitted';
  return { association: a.code, name: a.name, unit: a.unitCode, unitName, level: a.level, reason };
}

/** What `proposalItemOf` reads of an association: its state and the registry's year flags. */
export type ProposalSource = Pick<AssociationState, 'code' | 'name' | 'unitCode' | 'level' | 'status' | 'proposals'> & {
  expected: boolean;
  dissolvedInYear: boolean;
};

/**
 * The proposals of an association, or null when it has none to carry: only an approved
 * report of an expected association (the reports the totals count) is carried, and only
 * when its text holds something visible. The text is kept as stored.
 */
export function proposalItemOf(a: ProposalSource, unitName: string): ProposalItem | null {
  if (!a.expected || a.dissolvedInYear || a.status !== 'approved') return null;
  if (a.proposals.trim() === '') return null;
  return { association: a.code, name: a.name, unit: a.unitCode, unitName, level: a.level, text: a.proposals };
}

type Listed = Pick<AppendixItem, 'association' | 'name' | 'unitName'> & { level: Level };

/**
 * The order the report prints a list of associations in: level (province, district,
 * commune), then locality name and association name in Vietnamese collation, then
 * association code. Returns a new array.
 */
function orderForPrint<T extends Listed>(items: readonly T[]): T[] {
  // Localities ranked once (few distinct names): fewer collator calls for long lists.
  const unitRank = new Map([...new Set(items.map((x) => x.unitName))].sort(collateVietnamese).map((u, i) => [u, i]));
  return [...items].sort(
    (a, b) =>
      LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
      (unitRank.get(a.unitName) ?? 0) - (unitRank.get(b.unitName) ?? 0) ||
      collateVietnamese(a.name, b.name) ||
      compareCodes(a.association, b.association),
  );
}

/** The presentation order of the appendix of associations left out of the totals (see orderForPrint). */
export const orderAppendix = (items: readonly AppendixItem[]): AppendixItem[] => orderForPrint(items);

/** The presentation order of the associations' proposals, grouped by level (see orderForPrint). */
export const orderProposals = (items: readonly ProposalItem[]): ProposalItem[] => orderForPrint(items);
