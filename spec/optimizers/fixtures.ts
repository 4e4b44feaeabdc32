/**
 * Test fixtures for the optimizer specs: float64 Params, the quadratic problem of the goldens,
 * and a runner that records a trajectory.
 */
import type { Param } from '../../layers/layer';
import { tensor, type Tensor } from '../../lib/tensor';
import type { Optimizer } from '../../optimizers/optimizer';

/** A float64 Param with the given values and a zero gradient of the same shape. */
export function makeParam(values: number[], name = 'W', weightName = 'kernel'): Param {
  return {
    name,
    weightName,
    value: tensor(values, undefined, 'float64'),
    grad: tensor(new Array<number>(values.length).fill(0), undefined, 'float64'),
  };
}

/** Overwrites `param.grad` with `values`, as a backward pass would. */
export function setGrad(param: Param, values: readonly number[]): void {
  for (let i = 0; i < values.length; i++) param.grad.data[param.grad.offset + i] = values[i];
}

/** The values of a tensor as a flat number array. */
export function valuesOf(t: Tensor): number[] {
  return Array.from(t.data.subarray(t.offset, t.offset + t.size));
}

/**
 * The quadratic of the goldens, `f(w) = ½·Σ a_i·w_i² + Σ c_i·w_i`, whose gradient
 * `g = a ⊙ w + c` changes at every step.
 */
export interface Quadratic {
  readonly a: readonly number[];
  readonly c: readonly number[];
}

/** The gradient of {@link Quadratic} at `w`: `g_i = a_i·w_i + c_i`. */
export function quadraticGrad(q: Quadratic, w: readonly number[]): number[] {
  return w.map((wi, i) => q.a[i] * wi + q.c[i]);
}

/** A 4-element problem with gradients away from zero for the first steps. */
export const QUADRATIC: Quadratic = { a: [1, 2, 0.5, 3], c: [0.5, -1, 0.25, -2] };
/** Where {@link QUADRATIC}'s trajectories start. */
export const START = [1.5, -2, 0.5, 3];

/**
 * Runs `steps` optimizer steps on one Param starting at `start`, with the gradient of `q` at the
 * current values before each step. Returns the values after each step (not the start).
 */
export function trajectory(optimizer: Optimizer, q: Quadratic, start: readonly number[], steps: number): number[][] {
  const param = makeParam(start.slice());
  const out: number[][] = [];
  for (let s = 0; s < steps; s++) {
    setGrad(param, quadraticGrad(q, valuesOf(param.value)));
    optimizer.step([param]);
    out.push(valuesOf(param.value));
  }
  return out;
}

/**
 * The same as {@link trajectory} for a reference update written as a plain function of the
 * step `t` (1-based), the gradient and the values, on float64 numbers.
 */
export function referenceTrajectory(
  update: (t: number, g: number[], w: number[]) => number[],
  q: Quadratic, start: readonly number[], steps: number,
): number[][] {
  let w = start.slice();
  const out: number[][] = [];
  for (let t = 1; t <= steps; t++) {
    w = update(t, quadraticGrad(q, w), w);
    out.push(w.slice());
  }
  return out;
}

/** Asserts two trajectories agree to `rtol` relative (plus a 1e-15 floor). */
export function expectTrajectoriesClose(actual: number[][], expected: number[][], rtol = 1e-12): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, s) => row.forEach((v, i) => {
    const e = expected[s][i];
    if (!(Math.abs(v - e) <= 1e-15 + rtol * Math.abs(e))) {
      throw new Error(`step ${s + 1}, element ${i}: expected ${e}, got ${v}`);
    }
  }));
}
