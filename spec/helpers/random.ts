/** Test helper: seeded random tensors. */
import { Random } from '../../lib/random';
import { zeros, type DType, type Tensor } from '../../lib/tensor';

/** A tensor of the given shape with entries uniform in `[low, high)`, from a seeded generator. */
export function randomTensor(shape: readonly number[], seed: number, { low = -1, high = 1, dtype = 'float64' as DType } = {}): Tensor {
  const rng = new Random(seed);
  const t = zeros(shape, dtype);
  for (let i = 0; i < t.size; i++) t.data[i] = rng.uniformRange(low, high);
  return t;
}

/**
 * A tensor of the given shape whose entries are uniform in `[low, high)` and at least `gap`
 * away from zero, so a gradient check never straddles a kink such as ReLU's at 0.
 */
export function randomAwayFromZero(shape: readonly number[], seed: number, gap = 0.05, dtype: DType = 'float64'): Tensor {
  const rng = new Random(seed);
  const t = zeros(shape, dtype);
  for (let i = 0; i < t.size; i++) {
    const magnitude = gap + rng.uniform() * (1 - gap);
    t.data[i] = rng.uniform() < 0.5 ? -magnitude : magnitude;
  }
  return t;
}
