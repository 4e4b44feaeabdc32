/** Summary statistics of repeated measurements: median with the min–max range. */

/** A measured figure: the median of the repetitions and their range. */
export interface Figure {
  /** The median of `values` (the mean of the two middle values for an even count). */
  readonly median: number;
  /** The smallest repetition. */
  readonly min: number;
  /** The largest repetition. */
  readonly max: number;
  /** Every repetition, in the order measured. */
  readonly values: readonly number[];
}

/**
 * Summarizes repetitions as `{ median, min, max, values }`.
 *
 * @throws Error when `values` is empty (a benchmark that measured nothing is a bug).
 * @example
 * ```ts
 * summarize([3, 1, 2]); // { median: 2, min: 1, max: 3, values: [3, 1, 2] }
 * ```
 */
export function summarize(values: readonly number[]): Figure {
  if (values.length === 0) throw new Error('summarize: no values to summarize');
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], values: values.slice() };
}
