/**
 * What `dispose()` does for layers and models: frees the kernel-heap blocks of the tensors the
 * object owns (parameters, gradients, output buffers; never a tensor it was only given, such as
 * a cached input) at once, disposes the layers inside it, and makes it unusable, so that no
 * later call can read memory the heap has handed to another tensor.
 */
import { StateError } from '../lib/errors';
import { freeKernelZeros } from '../lib/kernels/kernel-zeros';
import { isTensor, type Tensor } from '../lib/tensor';

/**
 * Frees the kernel-heap storage of every tensor in `state` (a tensor, or plain objects and
 * arrays of them, as optimizer state is).
 */
export function freeTensorsIn(state: unknown): void {
  if (isTensor(state)) freeKernelZeros(state);
  else if (Array.isArray(state)) for (const item of state) freeTensorsIn(item);
  else if (typeof state === 'object' && state !== null && Object.getPrototypeOf(state) === Object.prototype) {
    for (const item of Object.values(state)) freeTensorsIn(item);
  }
}

/**
 * Frees `owned`, calls `dispose()` on every own field of `owner` that has one (the layers
 * inside it, e.g. a Dense's activation), then replaces every method of `owner` but `keep` with
 * one that throws a StateError naming `name`: a disposed object cannot compute, train, save or
 * be built again. A second `dispose()` does nothing.
 */
export function disposeObject(owner: object, name: string, owned: readonly Tensor[], keep: readonly string[]): void {
  for (const t of owned) freeKernelZeros(t);
  for (const value of Object.values(owner)) {
    const inner = value as { dispose?: unknown } | null;
    if (typeof inner === 'object' && inner !== null && typeof inner.dispose === 'function') (inner.dispose as () => void)();
  }
  const refuse = (method: string) => (): never => {
    throw new StateError(`${name}: ${method} called after dispose(); its memory has been freed`);
  };
  for (let proto = Object.getPrototypeOf(owner) as object | null; proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto) as object | null) {
    for (const method of Object.getOwnPropertyNames(proto)) {
      if (method === 'constructor' || keep.includes(method) || Object.prototype.hasOwnProperty.call(owner, method)) continue;
      if (typeof Object.getOwnPropertyDescriptor(proto, method)?.value !== 'function') continue;
      Object.defineProperty(owner, method, { value: refuse(method), configurable: true });
    }
  }
  Object.defineProperty(owner, 'dispose', { value: () => undefined, configurable: true });
}
