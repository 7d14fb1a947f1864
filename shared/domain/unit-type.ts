// What a unit's type allows (SPEC section 2), apart from the registry's CSV reading so that
// the stores can read old units without bundling the parser.
import { unitTypeFromName } from './labels.ts';
import { UNIT_TYPES } from './types.ts';
import type { Level, UnitType } from './types.ts';

/** The levels a unit of each type may have (SPEC section 2): a city is a province or a district. */
export const UNIT_TYPE_LEVELS: Record<UnitType, readonly Level[]> = {
  tinh: ['province'],
  thanh_pho: ['province', 'district'],
  huyen: ['district'],
  quan: ['district'],
  thi_xa: ['district'],
  xa: ['commune'],
  phuong: ['commune'],
  thi_tran: ['commune'],
  dac_khu: ['commune'],
};

/** The type of a level's most common unit: what a unit stored before types existed is read as when its name says nothing. */
export const DEFAULT_UNIT_TYPE: Record<Level, UnitType> = { province: 'tinh', district: 'huyen', commune: 'xa' };

export const isUnitType = (value: unknown): value is UnitType => (UNIT_TYPES as readonly unknown[]).includes(value);

/**
 * The type of a stored unit: the stored one when it is valid, else (a unit stored before the
 * registry had types) the one its name starts with, else the default of its level. Never
 * throws, so old registry versions stay readable.
 */
export function storedUnitType(stored: unknown, name: string, level: Level): UnitType {
  if (isUnitType(stored)) return stored;
  const fromName = typeof name === 'string' ? unitTypeFromName(name) : null;
  return fromName !== null && UNIT_TYPE_LEVELS[fromName].includes(level) ? fromName : DEFAULT_UNIT_TYPE[level];
}
