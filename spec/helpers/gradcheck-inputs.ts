/**
 * Test helper: numerical gradient check of a layer with respect to each of its inputs, for
 * merge layers (several inputs, `forwardInputs`/`backwardInputs`) and one-input layers alike.
 */
import type { Layer } from '../../layers/layer';
import { clone, toContiguous, type Tensor } from '../../lib/tensor';
import { randomTensor } from './random';

/** The worst entry of one input's gradient. */
export interface InputGradientResult {
  /** The input's position in the call. */
  readonly input: number;
  /** `max |a − n| / max(1e-8, |a| + |n|)` over every entry. */
  readonly maxRelativeError: number;
  /** The row-major index of the worst entry, with its analytic and numeric values. */
  readonly worst: { readonly index: number; readonly analytic: number; readonly numeric: number };
}

/** Options of {@link checkInputGradients}. */
export interface InputGradCheckOptions {
  /** The central-difference step. @defaultValue 1e-6 */
  h?: number;
  /** Seeds the random upstream gradient `R`. @defaultValue 0 */
  seed?: number;
}

/** The `[i0, i1, …]` index of row-major position `flat` in `shape`. */
function multiIndex(shape: readonly number[], flat: number): number[] {
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = flat % shape[axis];
    flat = Math.floor(flat / shape[axis]);
  }
  return index;
}

/** `Σ Y ⊙ R` for the layer's output `Y` on `xs` (training mode, as the analytic pass ran). */
function objective(layer: Layer, xs: readonly Tensor[], R: Tensor): number {
  const y = toContiguous(layer.forwardInputs(xs, true));
  let sum = 0;
  for (let i = 0; i < y.size; i++) sum += y.data[y.offset + i] * R.data[R.offset + i];
  return sum;
}

/**
 * Compares `backwardInputs(R, [true, …]).dInputs` with central differences of
 * `f(xs) = Σ forwardInputs(xs, true) ⊙ R` for a random upstream gradient `R` (never all ones),
 * perturbing every entry of every input in place (through `get`/`set`, so any view works) and
 * restoring it. The inputs must be float64.
 */
export function checkInputGradients(layer: Layer, xs: readonly Tensor[], { h = 1e-6, seed = 0 }: InputGradCheckOptions = {}): InputGradientResult[] {
  const y = layer.forwardInputs(xs, true);
  const R = randomTensor(y.shape, 1000 + seed);
  const analytic = layer.backwardInputs(R, xs.map(() => true)).dInputs.map((d) => clone(d as Tensor));
  return xs.map((x, k) => {
    const a = analytic[k];
    expect(a.shape).toEqual(x.shape);
    let worst = { index: -1, analytic: 0, numeric: 0 };
    let maxRelativeError = 0;
    for (let flat = 0; flat < x.size; flat++) {
      const index = multiIndex(x.shape, flat);
      const v = x.get(...index);
      x.set(...index, v + h);
      const plus = objective(layer, xs, R);
      x.set(...index, v - h);
      const minus = objective(layer, xs, R);
      x.set(...index, v);
      const numeric = (plus - minus) / (2 * h);
      const value = a.data[a.offset + flat];
      const error = Math.abs(value - numeric) / Math.max(1e-8, Math.abs(value) + Math.abs(numeric));
      if (error >= maxRelativeError) {
        maxRelativeError = error;
        worst = { index: flat, analytic: value, numeric };
      }
    }
    return { input: k, maxRelativeError, worst };
  });
}

/** Asserts that every input's gradient passes {@link checkInputGradients} with relative error below `tolerance` (1e-6). */
export function expectInputGradientsCorrect(layer: Layer, xs: readonly Tensor[], options: InputGradCheckOptions & { tolerance?: number } = {}): void {
  const tolerance = options.tolerance ?? 1e-6;
  const results = checkInputGradients(layer, xs, options);
  const failed = results.filter((r) => !(r.maxRelativeError < tolerance));
  if (failed.length > 0) {
    const lines = failed.map((r) => `input ${r.input}: max rel error ${r.maxRelativeError.toExponential(2)} at ${r.worst.index} (analytic ${r.worst.analytic}, numeric ${r.worst.numeric})`);
    throw new Error(`${layer.describe()}: input gradient check failed:\n${lines.join('\n')}`);
  }
  expect(results).toHaveLength(xs.length);
}
