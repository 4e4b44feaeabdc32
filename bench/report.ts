/**
 * The benchmark's results as data: one {@link CaseResult} per table, each row a peer's figure
 * with layerwise's ratio to it already computed, so the JSON and the markdown say the same.
 */
import { summarize, type Figure } from './stats';
import type { BenchOptions } from './options';

/** The peer whose figures the ratios divide: layerwise with its default kernel backend. */
export const REFERENCE_PEER = 'layerwise';

/** One peer's measurement in one case. */
export interface Row {
  /** The peer's label, e.g. `tfjs-wasm` or `layerwise [js]`. */
  readonly peer: string;
  /** Median and min–max over the repetitions; `null` when the run failed. */
  readonly figure: Figure | null;
  /** `layerwise median ÷ this median` (above 1: layerwise is faster); `null` without both figures. */
  readonly ratio: number | null;
  /** Training cases: the fraction of test digits classified correctly after training. */
  readonly accuracy?: number;
  /** Training cases: layerwise's accuracy minus this one, in percentage points. */
  readonly accuracyDelta?: number | null;
  /** Training cases: the child process's peak resident memory, MiB. */
  readonly peakRssMiB?: number;
  /** Training cases: `layerwise peak RSS ÷ this peak RSS` (below 1: layerwise uses less). */
  readonly rssRatio?: number | null;
  /** Caveats for this row, e.g. `2,000 digits/epoch`. */
  readonly note?: string;
  /** Why the run failed, when it did. */
  readonly error?: string;
}

/** One table: a measured quantity across peers. */
export interface CaseResult {
  /** Stable id, e.g. `train-small`, `infer-big`, `matmul-512x512x512-tA`. */
  readonly id: string;
  readonly title: string;
  /** The figure's unit, e.g. `samples/s` or `GFLOP/s`; higher is better for every unit used. */
  readonly unit: string;
  readonly rows: readonly Row[];
}

/** A whole run: what ran where, every case, and the notes printed under the tables. */
export interface BenchReport {
  readonly date: string;
  readonly machine: { readonly node: string; readonly cpu: string; readonly cores: number; readonly platform: string };
  readonly options: BenchOptions;
  /** Peak resident memory of a child that only loads the data: the floor under every RSS figure. */
  readonly baselineRssMiB: number | null;
  readonly cases: readonly CaseResult[];
  readonly notes: readonly string[];
}

/** A peer's raw measurement before ratios: repetitions, or an error. */
export interface Measurement {
  readonly peer: string;
  readonly values: readonly number[] | null;
  readonly accuracy?: number;
  readonly peakRssMiB?: number;
  readonly note?: string;
  readonly error?: string;
}

/**
 * Summarizes each measurement and computes the ratios against the {@link REFERENCE_PEER} row
 * (ratios are `null` when it or the row has no figure).
 */
export function buildCase(id: string, title: string, unit: string, measurements: readonly Measurement[]): CaseResult {
  const summarized = measurements.map((m) => ({ m, figure: m.values && m.values.length > 0 ? summarize(m.values) : null }));
  const reference = summarized.find((s) => s.m.peer === REFERENCE_PEER);
  const divide = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? a / b : null);
  const rows = summarized.map(({ m, figure }): Row => {
    const row: Row = {
      peer: m.peer,
      figure,
      ratio: divide(reference?.figure?.median, figure?.median),
      ...(m.note !== undefined ? { note: m.note } : {}),
      ...(m.error !== undefined ? { error: m.error } : {}),
    };
    if (m.accuracy === undefined && m.peakRssMiB === undefined) return row;
    const referenceAccuracy = reference?.figure ? reference.m.accuracy : undefined;
    return {
      ...row,
      ...(m.accuracy !== undefined ? {
        accuracy: m.accuracy,
        accuracyDelta: referenceAccuracy !== undefined ? 100 * (referenceAccuracy - m.accuracy) : null,
      } : {}),
      ...(m.peakRssMiB !== undefined ? { peakRssMiB: m.peakRssMiB, rssRatio: divide(reference?.m.peakRssMiB, m.peakRssMiB) } : {}),
    };
  });
  return { id, title, unit, rows };
}
