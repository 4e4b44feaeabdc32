/**
 * `Sequential.computeGradients`: one forward and one backward pass on a batch with every
 * intermediate tensor kept, for reading and teaching the chain rule layer by layer.
 */
import { optionsObject } from './checks';
import { toDataTensor, type DataLike } from './inputs';
import { clone, type Tensor } from './tensor';
import type { Layer } from '../layers/layer';
import type { Sequential } from './sequential';

/** One layer's part of a backward pass, as `Sequential.computeGradients` reports it. */
export interface LayerTrace {
  readonly layer: Layer;
  /** The layer's input for this batch, `[N, …]`. */
  readonly input: Tensor;
  /** The layer's output, `[N, …]`. */
  readonly output: Tensor;
  /** `∂loss/∂output`, the gradient the layer received. */
  readonly dOut: Tensor;
  /** `∂loss/∂input`; `null` for the first layer unless `inputGradient` was asked for. */
  readonly dAPrev: Tensor | null;
  /** `∂loss/∂param` by `'d' + name`, e.g. `{ dW, db }`. */
  readonly grads: Readonly<Record<string, Tensor>>;
}

/** What `Sequential.computeGradients` returns: the loss and every layer's gradients. */
export interface GradientTrace {
  readonly loss: number;
  /** One entry per layer, first to last; tensors are copies the caller may keep. */
  readonly layers: readonly LayerTrace[];
}

/**
 * Runs one forward pass (in training mode) and one backward pass on a batch without updating
 * any weight, and reports every layer's input, output, `dOut`, `dAPrev` and parameter gradients
 * as copies. With `inputGradient`, the first layer's `dAPrev` is computed too (training skips it).
 */
export function traceGradients(model: Sequential, x: DataLike, y: DataLike, options?: { inputGradient?: boolean }): GradientTrace {
  const { inputGradient } = optionsObject(options, 'computeGradients');
  const { loss } = model.requireCompiled('computeGradients');
  const xs = toDataTensor(x, 'computeGradients: x', model.dtype);
  const ys = toDataTensor(y, 'computeGradients: y', model.dtype);
  model.ensureBuilt(xs.shape);
  const layers = model.layers;
  const inputs: Tensor[] = [];
  const outputs: Tensor[] = [];
  let a = xs;
  for (const layer of layers) {
    inputs.push(clone(a));
    a = layer.forward(a, true);
    outputs.push(clone(a));
  }
  const value = loss.forward(a, ys) + model.regularizationLoss();
  let g = loss.backward();
  const traces: LayerTrace[] = [];
  for (let i = layers.length - 1; i >= 0; i--) {
    const layer = layers[i];
    const dOut = clone(g);
    const { dAPrev, grads } = layer.backward(g, i > 0 || inputGradient === true);
    const copies: Record<string, Tensor> = {};
    for (const [key, t] of Object.entries(grads)) copies[key] = clone(t);
    traces.unshift({ layer, input: inputs[i], output: outputs[i], dOut, dAPrev: dAPrev && clone(dAPrev), grads: copies });
    if (dAPrev) g = dAPrev;
  }
  return { loss: value, layers: traces };
}
