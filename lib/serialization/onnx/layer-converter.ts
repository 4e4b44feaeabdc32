/**
 * The contract between the exporter and the converter of one layer family: what a converter
 * is given ({@link LayerConversion}) and the helpers they share (weights by name, the error for
 * a layer or option ONNX export does not cover).
 */
import { ConfigError } from '../../errors';
import type { Shape, Tensor } from '../../tensor';
import type { Layer } from '../../../layers/layer';
import { convertActivation } from './activations';
import type { OnnxGraphBuilder } from './graph-builder';

/** One call of a layer being converted. */
export interface LayerConversion {
  /** The graph being built. */
  readonly b: OnnxGraphBuilder;
  /** The layer (its weights and options). */
  readonly layer: Layer;
  /** Its options as `getConfig()` gives them. */
  readonly config: Readonly<Record<string, unknown>>;
  /** The ONNX value names of its inputs, in the layer's layout (layerwise's channels-last). */
  readonly inputs: readonly string[];
  /** Their shapes, batch axis `null`. */
  readonly inputShapes: readonly Shape[];
  /** The layer's output shape, batch axis `null`. */
  readonly outputShape: Shape;
  /** The prefix of every value name the conversion makes (the layer's name). */
  readonly hint: string;
  /** The converter of another class (for a wrapper's inner layer), or `null` when there is none. */
  readonly converterFor: (className: string) => LayerConverter | null;
}

/** A converter: adds the nodes of one layer call and returns the name of its output. */
export type LayerConverter = (c: LayerConversion) => string | string[];

/** The error for what ONNX export does not cover: `"exportOnnx: <Class> '<name>' <reason>"`. */
export function unsupported(layer: Layer, reason: string): ConfigError {
  return new ConfigError(`exportOnnx: ${layer.className} '${layer.name}' ${reason}`);
}

/** The weight of `layer` called `weightName` (`'kernel'`, `'moving_mean'`, …), or `null` when it has none. */
export function weightOf(layer: Layer, weightName: string): Tensor | null {
  const found = [...layer.params(), ...layer.nonTrainableWeights()].find((w) => w.weightName === weightName);
  return found ? found.value : null;
}

/** The weight of `layer` called `weightName`; its absence is a bug in the converter's assumptions. */
export function requireWeight(layer: Layer, weightName: string): Tensor {
  const w = weightOf(layer, weightName);
  if (!w) throw unsupported(layer, `has no weight '${weightName}' to export`);
  return w;
}

/** `activation(x)` for an activation layer that `c.layer` runs, or the ConfigError naming both. */
export function applyActivation(c: LayerConversion, activation: Layer, x: string, hint: string): string {
  const y = convertActivation(c.b, activation, x, hint);
  if (y === null) throw unsupported(c.layer, `uses the activation ${activation.className}, which has no ONNX form here`);
  return y;
}

/** The `activation` option of Dense and the convolutions applied to `z` (nothing for linear). */
export function applyOwnActivation(c: LayerConversion, z: string): string {
  const activation = (c.layer as unknown as { activation: Layer }).activation;
  return activation.className === 'Linear' ? z : applyActivation(c, activation, z, `${c.hint}/${activation.className.toLowerCase()}`);
}

/** The spatial sizes of a channels-last input `[batch, …spatial, channels]`, which ONNX's explicit pads need. */
export function spatialSizes(c: LayerConversion): number[] {
  const spatial = c.inputShapes[0].slice(1, -1);
  if (spatial.some((d) => d === null)) throw unsupported(c.layer, 'has an input of unknown spatial size, which its ONNX padding needs');
  return spatial as number[];
}
