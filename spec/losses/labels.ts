/** Spec helper: seeded class labels, as indices and as one-hot rows. */
import { Random } from '../../lib/random';
import { zeros, type Tensor } from '../../lib/tensor';

/** `n` class indices in `[0, c)`, float64 `[n]`. */
export function classIndices(n: number, c: number, seed: number): Tensor {
  const rng = new Random(seed);
  const t = zeros([n], 'float64');
  for (let i = 0; i < n; i++) t.data[i] = rng.int(c);
  return t;
}

/** The one-hot rows `[n, c]` of `[n]` class indices. */
export function oneHotRows(indices: Tensor, c: number): Tensor {
  const n = indices.shape[0];
  const t = zeros([n, c], 'float64');
  for (let i = 0; i < n; i++) t.data[i * c + indices.data[indices.offset + i]] = 1;
  return t;
}

/** Seeded rows of probabilities `[n, c]` in `[low, high)`, each divided by its sum unless `normalize` is false. */
export function probabilityRows(n: number, c: number, seed: number, normalize = true, low = 0.2, high = 1): Tensor {
  const rng = new Random(seed);
  const t = zeros([n, c], 'float64');
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < c; j++) s += t.data[i * c + j] = rng.uniformRange(low, high);
    if (normalize) for (let j = 0; j < c; j++) t.data[i * c + j] /= s;
  }
  return t;
}
