/** Test helper: the plain float64 triple loop that both matrix-multiply kernels are checked against. */
import ndarray from 'ndarray';
import { Random } from '../../lib/random';
import type { DType, Tensor } from '../../lib/tensor';

/** The exact product in float64, and for each entry `Σ_k |a[i, k]·b[k, j]|`, which bounds any summation order's error. */
export interface Reference {
  readonly values: Float64Array;
  readonly magnitudes: Float64Array;
}

/** `Σ_k x[p + k·px]·y[q + k·qy]` and `Σ_k |…|` into `into[at]` and `into[at + 1]`, summed in k order. */
function dot(x: Tensor['data'], p: number, px: number, y: Tensor['data'], q: number, qy: number, K: number, into: Float64Array): void {
  let sum = 0;
  let magnitude = 0;
  for (let k = 0; k < K; k++, p += px, q += qy) {
    const term = x[p] * y[q];
    sum += term;
    magnitude += term < 0 ? -term : term; // not Math.abs: Jest's sandbox does not inline it (30× slower)
  }
  into[0] = sum;
  into[1] = magnitude;
}

/** `values[i·N + j] = Σ_k a[i, k]·b[k, j]`, summed in k order in float64, reading any strides. */
export function referenceProduct(a: Tensor, b: Tensor): Reference {
  const [M, K] = a.shape;
  const N = b.shape[1];
  const values = new Float64Array(M * N);
  const magnitudes = new Float64Array(M * N);
  const pair = new Float64Array(2);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      dot(a.data, a.offset + i * a.stride[0], a.stride[1], b.data, b.offset + j * b.stride[1], b.stride[0], K, pair);
      values[i * N + j] = pair[0];
      magnitudes[i * N + j] = pair[1];
    }
  }
  return { values, magnitudes };
}

/**
 * Asserts `|out[i, j] − ref| ≤ relative · Σ_k |a·b| + absolute` for every entry, reading `out`
 * through its strides, and names the first entry that fails.
 */
export function expectMatchesReference(out: Tensor, ref: Reference, relative: number, absolute = 0): void {
  const [M, N] = out.shape;
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      const got = out.data[out.offset + i * out.stride[0] + j * out.stride[1]];
      const want = ref.values[i * N + j];
      const bound = relative * ref.magnitudes[i * N + j] + absolute;
      if (!(Math.abs(got - want) <= bound)) {
        throw new Error(`out[${i}, ${j}] = ${got}, expected ${want} within ${bound} ([${M}, ${N}])`);
      }
    }
  }
}

/** A row-major `[rows, cols]` tensor with seeded entries uniform in [-1, 1). */
export function randomMatrix(rows: number, cols: number, rng: Random, dtype: DType): Tensor {
  const data = dtype === 'float64' ? new Float64Array(rows * cols) : new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = rng.uniformRange(-1, 1);
  return ndarray(data, [rows, cols]);
}
