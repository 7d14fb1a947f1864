// Sums of money that may pass 2^53: 901 reports at the largest charityFundsVnd allowed
// (10^13 đồng each) already do, and a float would round them without a word.
//
// An ExactSum is a non-negative integer written as a JSON number while it is a safe integer
// (≤ Number.MAX_SAFE_INTEGER, so every summary with realistic figures keeps its numbers), and
// as the string of its decimal digits beyond that ("9010000000000000"): a JSON number that
// large would be read back rounded by JavaScript and most JSON libraries. Adding goes
// through BigInt, so the sum is exact at any size.

export type ExactSum = number | string;

const DIGITS = /^(?:0|[1-9][0-9]*)$/;

/** The exact value of a sum (or of one report's figure), refusing anything that is not one. */
export function exactValue(value: ExactSum, what: string): bigint {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a non-negative whole number, got ${value}`);
    return BigInt(value);
  }
  if (typeof value !== 'string' || !DIGITS.test(value)) throw new RangeError(`${what} must be a non-negative whole number, got ${JSON.stringify(value)}`);
  return BigInt(value);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A number while that is exact, else the decimal digits. */
export function toExactSum(value: bigint): ExactSum {
  if (value < 0n) throw new RangeError(`a sum cannot be negative, got ${value}`);
  return value <= MAX_SAFE ? Number(value) : value.toString();
}

export function addExact(a: ExactSum, b: ExactSum, what: string): ExactSum {
  return toExactSum(exactValue(a, what) + exactValue(b, what));
}
