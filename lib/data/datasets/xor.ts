/** The XOR problem: the smallest dataset that no linear model can fit. */
import { tensor, type DType } from '../../tensor';
import type { Dataset } from './common';
import { optionsObject } from '../../checks';

/** Options of {@link xor}. */
export interface XorOptions {
  /** Storage type of `x` and `y`. @defaultValue 'float32' */
  dtype?: DType;
}

/**
 * The four XOR points: `y = x₁ XOR x₂` for `x ∈ {0, 1}²`, in the order (0,0), (0,1), (1,0), (1,1).
 *
 * Shapes: `x` `[4, 2]`, `y` `[4, 1]` with values `[0, 1, 1, 0]` (a target for a single sigmoid unit).
 *
 * @example
 * ```ts
 * const { x, y } = xor();
 * ```
 */
export function xor(rawOptions?: XorOptions): Dataset {
  const options = optionsObject(rawOptions, 'xor');
  const { dtype = 'float32' } = options;
  return {
    x: tensor([[0, 0], [0, 1], [1, 0], [1, 1]], undefined, dtype),
    y: tensor([[0], [1], [1], [0]], undefined, dtype),
  };
}
