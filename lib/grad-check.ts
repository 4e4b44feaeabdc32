/**
 * Numerical gradient checking as a public API: compares every analytic gradient a layer, a
 * loss or a whole model computes with central differences in float64.
 */
import { ConfigError } from './errors';
import { Random } from './random';
import { clone, dtypeOf, tensor, toContiguous, zeros, type Tensor, type TensorLike } from './tensor';
import { Layer } from '../layers/layer';
import { Loss } from '../losses/loss';
import type { SavableModel } from './engine/engine-model';
import { forwardLosses, trainStep } from './engine/train-step';

/** `Math` as a module constant: a global lookup in a hot loop is slow inside VM contexts such as Jest's. */
const math = Math;

/** Options of {@link gradCheck}. */
export interface GradCheckOptions {
  /** The central-difference step `h`. @defaultValue 1e-6 */
  epsilon?: number;
  /** The relative error below which a tensor passes. @defaultValue 1e-6 */
  tolerance?: number;
  /** Seeds the random upstream gradient. @defaultValue 0 */
  seed?: number;
  /** Check at most this many entries of each tensor, chosen at random (all when it has fewer). @defaultValue 200 */
  maxEntries?: number;
  /**
   * False for a layer or model whose input is not differentiable, such as Embedding's integer
   * indices (a perturbed index is no index): no `dAPrev` is asked for or checked, only the
   * parameter gradients. @defaultValue true
   */
  isInputDifferentiable?: boolean;
}

/** The result for one gradient tensor. */
export interface GradCheckResult {
  /** `'dAPrev'`, or a parameter gradient such as `'dW'` (prefixed `'dense_1/'` for a model). */
  readonly name: string;
  /** The worst relative error `|a − n| / max(1e-8, |a| + |n|)` over the checked entries. */
  readonly maxRelativeError: number;
  /** The flat index of the worst entry, with its analytic and numeric values. */
  readonly worst: { readonly index: number; readonly analytic: number; readonly numeric: number };
  /** How many entries were checked. */
  readonly checked: number;
  /** True when `maxRelativeError` is below the tolerance. */
  readonly passed: boolean;
}

/** What {@link gradCheck} returns. */
export interface GradCheckReport {
  /** True when every tensor passed. */
  readonly passed: boolean;
  /** The largest relative error over all tensors. */
  readonly maxRelativeError: number;
  /** One entry per checked tensor: `dAPrev` first, then each parameter gradient. */
  readonly results: readonly GradCheckResult[];
}

/** A model as {@link gradCheck} sees it: a compiled model of one input and one output. */
export type GradCheckableModel = SavableModel;

/**
 * Checks analytic gradients against central differences `(f(θ+h) − f(θ−h)) / 2h` in float64.
 *
 * - A {@link Layer}: the scalar is `f = Σ forward(x) ⊙ R` with a random upstream gradient `R`
 *   (never all ones, which would hide a backward that forgets to multiply by `dOut`); checks
 *   `dAPrev` and every parameter gradient of `backward(R)`. The layer's
 *   `regularizationLoss()` is added to `f`, since its gradient is part of the parameter gradients.
 * - A {@link Loss}: `f = loss.forward(x, y)` (here `x` is yPred); checks `backward()`.
 * - A compiled model: `f` is the loss of the training step's forward half (`loss(model(x), y)`
 *   plus every layer's `regularizationLoss()`); the analytic gradients come from the same
 *   step's backward half (`trainStep` without the update). Checks `dAPrev` of the input and
 *   every parameter of every layer.
 *
 * The layer or model must compute in float64 (build it from float64 input, or give the model
 * `dtype: 'float64'`); float32 rounding would swamp the comparison.
 *
 * @throws ConfigError for a float32 target, a loss or model without `y`, or a model without a loss.
 * @example
 * ```ts
 * const report = gradCheck(new Dense({ units: 3 }), tensor([[1, 2], [3, 4]], undefined, 'float64'));
 * report.passed; // true
 * ```
 */
export function gradCheck(target: Layer | Loss | GradCheckableModel, x: TensorLike, y?: TensorLike, options: GradCheckOptions = {}): GradCheckReport {
  const h = options.epsilon ?? 1e-6;
  const tolerance = options.tolerance ?? 1e-6;
  const rng = new Random(options.seed ?? 0);
  const maxEntries = options.maxEntries ?? 200;
  const needInput = options.isInputDifferentiable ?? true;
  const input = clone(tensor(x), 'float64');
  const labels = y === undefined ? undefined : clone(tensor(y), 'float64');

  let scalar: () => number;
  let analytic: () => { dAPrev: Tensor | null; grads: [string, Tensor, Tensor][] };

  if (target instanceof Loss) {
    if (!labels) throw new ConfigError('gradCheck: a loss needs y (the labels)');
    scalar = () => target.forward(input, labels);
    analytic = () => {
      target.forward(input, labels);
      return { dAPrev: clone(target.backward()), grads: [] };
    };
  } else if (target instanceof Layer) {
    if (target.built && target.dtype !== 'float64') {
      throw new ConfigError(`gradCheck: ${target.describe()} is float32; build it from float64 input for a gradient check`);
    }
    const probe = target.forward(input, true);
    const R = zeros(probe.shape, 'float64');
    for (let i = 0; i < R.size; i++) R.data[i] = rng.uniformRange(-1, 1);
    scalar = () => sumProduct(target.forward(input, true), R) + target.regularizationLoss();
    analytic = () => {
      target.forward(input, true);
      const { dAPrev } = target.backward(R, needInput);
      return { dAPrev: dAPrev && clone(dAPrev), grads: target.params().map((p) => [`d${p.name}`, p.value, clone(p.grad)]) };
    };
  } else {
    const model = target;
    if (!model.loss) throw new ConfigError('gradCheck: the model has no loss; compile it first');
    if (!labels) throw new ConfigError('gradCheck: a model needs y (the labels)');
    if (model.inputNames.length !== 1 || model.outputNames.length !== 1) {
      throw new ConfigError(`gradCheck: checks models of one input and one output; ${model.name} has ${model.inputNames.length} and ${model.outputNames.length}`);
    }
    // The scalar is the forward half of the training step; the analytic gradients are its backward half.
    scalar = () => forwardLosses(model, [input], [labels], null, true).loss;
    scalar();
    for (const layer of model.layers) {
      if (layer.built && layer.params().length > 0 && layer.dtype !== 'float64') {
        throw new ConfigError(`gradCheck: ${layer.describe()} is float32; give the model dtype 'float64' for a gradient check`);
      }
    }
    analytic = () => {
      const { inputGradients } = trainStep(model, [input], [labels], null, { update: false, needInputGradients: needInput, observer: null });
      const grads = model.layers.flatMap((layer) => layer.params().map((p): [string, Tensor, Tensor] => [`${layer.name}/d${p.name}`, p.value, clone(p.grad)]));
      return { dAPrev: needInput ? clone(inputGradients[0] as Tensor) : null, grads };
    };
  }

  const { dAPrev, grads } = analytic();
  const results: GradCheckResult[] = [];
  if (dAPrev) results.push(compare('dAPrev', input, dAPrev, scalar, h, tolerance, rng, maxEntries));
  for (const [name, value, grad] of grads) results.push(compare(name, value, grad, scalar, h, tolerance, rng, maxEntries));
  const maxRelativeError = results.reduce((m, r) => math.max(m, r.maxRelativeError), 0);
  return { passed: results.every((r) => r.passed), maxRelativeError, results };
}

function sumProduct(a: Tensor, b: Tensor): number {
  const c = toContiguous(a);
  let s = 0;
  for (let i = 0; i < c.size; i++) s += c.data[c.offset + i] * b.data[i];
  return s;
}

/** Perturbs each chosen entry of `value` (a contiguous float64 tensor) by ±h and compares. */
function compare(name: string, value: Tensor, grad: Tensor, f: () => number, h: number, tolerance: number, rng: Random, maxEntries: number): GradCheckResult {
  if (dtypeOf(value) !== 'float64') throw new ConfigError(`gradCheck: ${name} is not float64`);
  const n = value.size;
  const indices = n <= maxEntries ? Array.from({ length: n }, (_, i) => i) : Array.from(rng.permutation(n).subarray(0, maxEntries));
  const g = toContiguous(grad);
  let worst = { index: -1, analytic: 0, numeric: 0 };
  let maxRelativeError = 0;
  for (const i of indices) {
    const at = value.offset + i;
    const saved = value.data[at];
    value.data[at] = saved + h;
    const plus = f();
    value.data[at] = saved - h;
    const minus = f();
    value.data[at] = saved;
    const numeric = (plus - minus) / (2 * h);
    const a = g.data[g.offset + i];
    const error = math.abs(a - numeric) / math.max(1e-8, math.abs(a) + math.abs(numeric));
    if (error > maxRelativeError || worst.index < 0) {
      maxRelativeError = math.max(maxRelativeError, error);
      worst = { index: i, analytic: a, numeric };
    }
  }
  f();
  return { name, maxRelativeError, worst, checked: indices.length, passed: maxRelativeError < tolerance };
}
