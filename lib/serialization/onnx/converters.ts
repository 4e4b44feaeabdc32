/** The converter of each layer class that ONNX export covers, gathered from the per-family files. */
import { isConvertibleActivation } from './activations';
import { activationLayerConverter, CORE_CONVERTERS } from './core-converters';
import { CONV_CONVERTERS } from './conv-converters';
import { GRAPH_CONVERTERS } from './graph-converters';
import { NORMALIZATION_CONVERTERS } from './normalization-converters';
import { RECURRENT_CONVERTERS } from './recurrent-converters';
import { SPATIAL_CONVERTERS } from './spatial-converters';
import type { LayerConverter } from './layer-converter';

const FAMILIES: readonly Record<string, LayerConverter>[] = [CORE_CONVERTERS, NORMALIZATION_CONVERTERS, CONV_CONVERTERS, SPATIAL_CONVERTERS, RECURRENT_CONVERTERS, GRAPH_CONVERTERS];

/** The converter of layers of class `className`, or `null` when ONNX export does not cover it. */
export function converterFor(className: string): LayerConverter | null {
  for (const family of FAMILIES) if (Object.prototype.hasOwnProperty.call(family, className)) return family[className];
  return isConvertibleActivation(className) ? activationLayerConverter() : null;
}
