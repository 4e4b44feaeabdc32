/**
 * The contract between the exporter and the converter of one layer family: what a converter
 * is given ({@link LayerConversion}) and the helpers they share (weights by name, the error for
 * a layer or option ONNX export does not cover).
 */
import { ConfigError } from '../../errors';
import type { Shape, Tensor } from '../../tensor';
import type { Layer } from '../../../layers/layer';
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
}

/** A converter: adds the nodes of one layer call and returns the name of its output. */
export type LayerConverter = (c: LayerConversion) => string;

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
