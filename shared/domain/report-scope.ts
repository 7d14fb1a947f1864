// The words a report uses for its locality and levels (SPEC sections 2 and 6): "toàn tỉnh" or
// "toàn quận", "cấp huyện, thành phố", "cấp xã, phường, thị trấn" — from the registry's unit
// types, not fixed to a province of three tiers.
import { LEVEL_LABELS, UNIT_TYPE_WORDS } from './labels.ts';
import { LEVELS } from './types.ts';
import type { Level, ReportScope, Unit } from './types.ts';

/** The order words are listed in within a level, as Vietnamese documents list them ("cấp huyện, thành phố"). */
const WORD_ORDER = ['tỉnh', 'huyện', 'quận', 'thị xã', 'thành phố', 'xã', 'phường', 'thị trấn', 'đặc khu'];
const rank = (word: string): number => {
  const i = WORD_ORDER.indexOf(word);
  return i < 0 ? WORD_ORDER.length : i;
};

/** A type is named for its level when it makes up at least this share of the level's units. */
const NAMED_SHARE = 0.1;
/** Covered by their tier's name beside the main types ("cấp xã" takes in its thị trấn), named only when most common. */
const MINOR_WORDS = new Set(['thị trấn', 'đặc khu']);

/**
 * The scope of a report over `units` (one root, parentCode null), from each unit's type
 * ("huyện", "thành phố", …). The root's level lists only the root's word: its own
 * associations are the root's. Below it a level is named by its types as documents name
 * it: the types that make up at least a tenth of its units, the most common first — Lai
 * Châu's 7 huyện and 1 thành phố are "cấp huyện, thành phố", its 94 xã, 7 thị trấn and 5
 * phường "cấp xã" (the tier's own name covers the few; it covers thị trấn and đặc khu
 * always, unless they are most of the level), Hồ Chí Minh City's "cấp phường, xã".
 */
export function reportScope(units: readonly Unit[]): ReportScope {
  const wordOf = (u: Unit): string => UNIT_TYPE_WORDS[u.type];
  const root = units.find((u) => u.parentCode === null);
  if (!root) throw new Error('reportScope: the units have no root');
  const counts: Record<Level, Map<string, number>> = { province: new Map(), district: new Map(), commune: new Map() };
  const unitWords: Record<string, string> = {};
  for (const u of units) {
    const word = wordOf(u);
    unitWords[u.code] = word;
    if (u !== root) counts[u.level].set(word, (counts[u.level].get(word) ?? 0) + 1);
  }
  const named = (level: Level): string[] => {
    const entries = [...counts[level]].sort(([a, m], [b, n]) => n - m || rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    const total = entries.reduce((sum, [, n]) => sum + n, 0);
    return entries.filter(([word, n], i) => i === 0 || (n >= NAMED_SHARE * total && !MINOR_WORDS.has(word))).map(([word]) => word);
  };
  const wordsByLevel = Object.fromEntries(LEVELS.map((l) => [l, l === root.level ? [wordOf(root)] : named(l)])) as Record<Level, string[]>;
  return { root: { code: root.code, name: root.name, level: root.level, word: wordOf(root) }, wordsByLevel, unitWords };
}

/** "Cấp thành phố": the level of an association by its own unit's type (the level's label when the unit is not known). */
export function unitLevelLabel(unitWords: Readonly<Record<string, string>>, unit: string, level: Level): string {
  const word = unitWords[unit];
  return word ? `Cấp ${word}` : LEVEL_LABELS[level].vi;
}
