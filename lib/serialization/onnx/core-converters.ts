/**
 * Converters of the core layers: Dense (`MatMul` + `Add`, then its activation; `MatMul`
 * broadcasts, so rank-3 input works too), Activation and the activation layers, the layers
 * that are the identity at inference (Dropout and friends), Flatten, Reshape, Permute,
 * RepeatVector and Embedding (`Gather`).
 */
import { applyActivation, applyOwnActivation, requireWeight, weightOf, type LayerConverter } from './layer-converter';
import type { Layer } from '../../../layers/layer';

/** `Y = activation(X·W + b)`. */
const dense: LayerConverter = (c) => {
  const { b, layer, hint } = c;
  const W = requireWeight(layer, 'kernel');
  const bias = weightOf(layer, 'bias');
  let z = b.node('MatMul', [c.inputs[0], b.weight(`${hint}/kernel`, W)], bias ? `${hint}/matmul` : `${hint}/z`);
  if (bias) z = b.node('Add', [z, b.weight(`${hint}/bias`, bias)], `${hint}/z`);
  return applyOwnActivation(c, z);
};

/** A layer that is the identity at inference. */
const identity: LayerConverter = (c) => c.b.node('Identity', [c.inputs[0]], c.hint);

/** `Reshape(x, [0, …outputShape])`: `0` keeps the batch. */
const reshapeToOutput: LayerConverter = (c) => c.b.reshape(c.inputs[0], [0, ...c.outputShape.slice(1).map((d) => d as number)], c.hint);

/** An activation layer on its own, or `Activation` holding one. */
const activationLayer: LayerConverter = (c) => {
  const held = c.layer.className === 'Activation' ? (c.layer as unknown as { activation: Layer }).activation : c.layer;
  return applyActivation(c, held, c.inputs[0], c.hint);
};

/** `Y = E[cast(X)]`: the indices (float in layerwise) cast to int64, rows gathered from the table. */
const embedding: LayerConverter = (c) => {
  const { b, hint } = c;
  const indices = b.node('Cast', [c.inputs[0]], `${hint}/indices`, { to: { int: 7 } });
  return b.node('Gather', [b.weight(`${hint}/embeddings`, requireWeight(c.layer, 'embeddings')), indices], hint, { axis: { int: 0 } });
};

/** `Transpose` with the batch axis kept first (Keras's `dims` count from 1). */
const permute: LayerConverter = (c) => c.b.transpose(c.inputs[0], [0, ...(c.config.dims as number[])], c.hint);

/** `[batch, features] → [batch, n, features]`: unsqueeze, then expand along the new axis. */
const repeatVector: LayerConverter = (c) => {
  const { b, hint } = c;
  const n = c.config.n as number;
  const features = c.inputShapes[0][1] as number;
  const unsqueezed = b.node('Unsqueeze', [c.inputs[0], b.int64s(`${hint}/axes`, [1])], `${hint}/unsqueeze`);
  return b.node('Expand', [unsqueezed, b.int64s(`${hint}/shape`, [1, n, features])], hint);
};

/** The core layers' converters by class name. */
export const CORE_CONVERTERS: Record<string, LayerConverter> = {
  Dense: dense,
  Activation: activationLayer,
  Dropout: identity,
  SpatialDropout2D: identity,
  Identity: identity,
  GaussianNoise: identity,
  GaussianDropout: identity,
  AlphaDropout: identity,
  Flatten: reshapeToOutput,
  Reshape: reshapeToOutput,
  Permute: permute,
  RepeatVector: repeatVector,
  Embedding: embedding,
};

/** The converter of every activation layer class (`ReLU`, `Softmax`, …). */
export function activationLayerConverter(): LayerConverter {
  return activationLayer;
}
