/**
 * When a group's part of a change "stands out": how far a number lies from
 * its mean over the periods before, in units of its usual spread (a
 * prediction z: the spread widened by sqrt(1 + 1/n) for a mean estimated from
 * n periods). The spread is pooled over the groups of the dimension, each
 * group's variance taken as proportional to its share of the base (the noise
 * of a sum of many orders, customers or deals grows with their number):
 * twelve periods of one group alone give a spread often half or double the
 * truth, and naming a driver on a lucky small spread is what must not happen.
 *
 * A driver stands out when, against the previous periods of the same length
 * (12 months before a month, 12 weeks before a week, ...):
 * - its own part of the change lies at least STANDS_OUT deviations from its
 *   usual part,
 * - its excess (that part less what its share of the base predicts) lies at
 *   least DEPARTS deviations from its usual excess, in the same direction: a
 *   month when every group rose alike has unusual parts but no excess, and a
 *   group that only failed to follow a move elsewhere has an excess but no
 *   unusual part of its own,
 * - and it matters: its excess is at least the whole change's usual
 *   period-to-period spread (a change within what the previous periods
 *   varied by has no driver).
 * With fewer than MIN_HISTORY earlier periods with data nothing can stand out.
 * On the planted-cause fixtures (test/explain/planted.test.ts) these bounds
 * find each planted group and flag nothing in 30 months of noise.
 */

/** Deviations at which a group's own change stands out (about 1 in 15,000 for normal noise). */
export const STANDS_OUT = 4;
/** Deviations at which a group's excess over a proportional change is out of the usual. */
export const DEPARTS = 3;
/** Earlier periods needed to know what is usual. */
export const MIN_HISTORY = 3;
/** The least part of the whole change's usual spread a driver's excess must reach. */
const MATERIAL = 1;

/** An excess large enough to matter to a whole whose change usually spreads by `usual`. */
export const material = (excess: number, usual: number): boolean =>
  Math.abs(excess) >= MATERIAL * usual;

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Sample standard deviation (n - 1). */
export function spread(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1));
}

/**
 * How many deviations `value` lies from the mean of `history`, the deviation
 * being the square root of `variance` (null with too little history). `floor`
 * is the least deviation assumed: a history that never moved would make any
 * move infinitely unusual.
 */
export function zScore(
  value: number,
  history: readonly number[],
  variance: number,
  floor: number,
): number | null {
  const n = history.length;
  if (n < MIN_HISTORY) return null;
  const deviation = Math.max(Math.sqrt(variance), floor) * Math.sqrt(1 + 1 / n);
  return (value - mean(history)) / deviation;
}

/**
 * The variance per unit of share of a dimension's groups: the noise of a
 * sum of many small parts (orders, customers, deals) grows with the group's
 * size, so a group of share b has variance about b times this. Pooled over
 * every group and earlier period of the dimension.
 */
export function pooledVariance(
  groups: readonly { history: readonly number[]; share: number }[],
): number {
  let sum = 0;
  let freedom = 0;
  for (const { history, share } of groups) {
    if (share <= 0 || history.length < 2) continue;
    sum += (spread(history) ** 2 * (history.length - 1)) / share;
    freedom += history.length - 1;
  }
  return freedom === 0 ? 0 : sum / freedom;
}

export interface GroupHistory {
  /** The group's part of the change now, and in each earlier period. */
  delta: number;
  deltas: readonly number[];
  /** Its excess over a proportional change now, and in each earlier period. */
  excess: number;
  excesses: readonly number[];
  /** Its share of the base now. */
  share: number;
}

/** The pooled variances of a dimension's deltas and excesses (per unit of share). */
export interface DimensionNoise {
  delta: number;
  excess: number;
  /** The spread of the whole metric's change over the earlier periods. */
  whole: number;
}

export function dimensionNoise(
  groups: readonly GroupHistory[],
  wholeDeltas: readonly number[],
): DimensionNoise {
  return {
    delta: pooledVariance(groups.map((g) => ({ history: g.deltas, share: g.share }))),
    excess: pooledVariance(groups.map((g) => ({ history: g.excesses, share: g.share }))),
    whole: spread(wholeDeltas),
  };
}

/** How unusual a group's excess is (null with too little history), and whether it stands out as a driver. */
export function standsOut(
  group: GroupHistory,
  noise: DimensionNoise,
): { z: number | null; significant: boolean } {
  // Spreads under a millionth of the whole's are rounding, not stillness.
  const floor = Math.max(noise.whole * 1e-6, 1e-12);
  const z = zScore(group.excess, group.excesses, noise.excess * group.share, floor);
  const zDelta = zScore(group.delta, group.deltas, noise.delta * group.share, floor);
  if (z === null || zDelta === null) return { z, significant: false };
  const significant =
    Math.abs(zDelta) >= STANDS_OUT &&
    Math.abs(z) >= DEPARTS &&
    Math.sign(z) === Math.sign(zDelta) &&
    material(group.excess, noise.whole);
  return { z, significant };
}
