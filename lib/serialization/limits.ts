/**
 * The sizes a loaded model may ask for. Every shape read from an untrusted `model.json` (a
 * manifest entry, a `batch_input_shape`, a layer's output, a planned weight) is checked here
 * before anything of that size is allocated.
 */
import type { Shape } from '../tensor';

/**
 * The most elements one tensor of a loaded model may have: `2^31 − 1`, the largest int32.
 * TensorFlow.js indexes tensors with int32, the kernels' WebAssembly memory is 32-bit, and
 * typed arrays beyond it are not portable across engines. A weight in the file is further
 * bounded by the bytes actually present: the manifest must describe exactly the binary.
 */
export const MAX_TENSOR_ELEMENTS = 2 ** 31 - 1;

/** How messages name the limit. */
const LIMIT = `${MAX_TENSOR_ELEMENTS} (2^31 − 1, the most elements a tensor holds)`;

/**
 * What is wrong with `shape` as the shape of a tensor, or `null` when nothing is: every known
 * axis must be a safe integer, at least 1 (0 when `allowZero`, as a manifest entry may be
 * empty), and no axis nor the known axes together more than {@link MAX_TENSOR_ELEMENTS}
 * elements (`null` axes, such as the batch, count as 1). Pure arithmetic: allocates nothing.
 *
 * @example
 * ```ts
 * shapeProblem([null, 1e300]);   // 'axis 1 is 1e+300, not a safe integer ≥ 1'
 * shapeProblem([null, 50000, 50000]);  // '2500000000 elements per sample, more than 2147483647 (2^31 − 1, …)'
 * ```
 */
export function shapeProblem(shape: Shape, allowZero = false): string | null {
  const least = allowZero ? 0 : 1;
  let elements = 1;
  for (let axis = 0; axis < shape.length; axis++) {
    const d = shape[axis];
    if (d === null) continue;
    if (!Number.isSafeInteger(d) || d < least) return `axis ${axis} is ${String(d)}, not a safe integer ≥ ${least}`;
    if (d > MAX_TENSOR_ELEMENTS) return `axis ${axis} is ${d}, more than ${LIMIT}`;
    // A 0 axis makes the tensor empty, whatever the others (and Infinity · 0 would be NaN).
    elements = d === 0 || elements === 0 ? 0 : elements * d;
  }
  if (elements > MAX_TENSOR_ELEMENTS) {
    return `${elements} elements${shape[0] === null ? ' per sample' : ''}, more than ${LIMIT}`;
  }
  return null;
}
