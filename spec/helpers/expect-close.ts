/** Test helper: compares a tensor with expected values, shape first, then each value. */
import { toArray, toContiguous, type NestedArray, type Tensor } from '../../lib/tensor';

/** Tolerances for {@link expectClose}: passes when `|a − e| <= atol + rtol·|e|`. */
export interface Tolerance {
  rtol?: number;
  atol?: number;
}

function flatten(values: NestedArray, out: number[] = []): number[] {
  if (typeof values === 'number') out.push(values);
  else for (const v of values) flatten(v, out);
  return out;
}

function shapeOfNested(values: NestedArray): number[] {
  return typeof values === 'number' ? [] : [values.length, ...(values.length ? shapeOfNested(values[0]) : [])];
}

/** Asserts that `actual` has the shape of `expected` and every value within tolerance. */
export function expectClose(actual: Tensor, expected: NestedArray | Tensor, { rtol = 1e-5, atol = 1e-6 }: Tolerance = {}): void {
  const expectedShape = typeof expected === 'object' && 'shape' in expected ? expected.shape : shapeOfNested(expected as NestedArray);
  expect(actual.shape).toEqual(expectedShape);
  const a = flatten(toArray(toContiguous(actual)));
  const e = flatten(typeof expected === 'object' && 'shape' in expected ? toArray(expected) : (expected as NestedArray));
  for (let i = 0; i < e.length; i++) {
    const diff = Math.abs(a[i] - e[i]);
    if (!(diff <= atol + rtol * Math.abs(e[i]))) {
      throw new Error(`value ${i} differs: expected ${e[i]}, got ${a[i]} (|diff| ${diff} > atol ${atol} + rtol ${rtol}·|expected|)`);
    }
  }
}

/** Asserts that a number is within `atol + rtol·|expected|` of `expected`. */
export function expectScalarClose(actual: number, expected: number, { rtol = 1e-5, atol = 1e-6 }: Tolerance = {}): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(atol + rtol * Math.abs(expected));
}
