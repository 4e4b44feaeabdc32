/**
 * One working configuration per registered layer class, with input shapes it accepts, for the
 * specs that go over every layer class (config round trips, weight plans, hardening). A class
 * with required options and no entry here makes those specs fail, so new layers get covered.
 */
import type { Shape } from '../../lib/tensor';
import { CONV_SAMPLES } from './conv-samples';

/** A layer class's sample: constructor options and the shapes of the inputs of one call. */
export interface LayerSample {
  readonly options: Record<string, unknown>;
  readonly inputShapes: readonly Shape[];
}

const one = (options: Record<string, unknown>, shape: Shape): LayerSample => ({ options, inputShapes: [shape] });
const two = (options: Record<string, unknown>, a: Shape, b: Shape = a): LayerSample => ({ options, inputShapes: [a, b] });

const SAMPLES: Readonly<Record<string, LayerSample>> = {
  Dense: one({ units: 3 }, [null, 5]),
  Dropout: one({ rate: 0.5 }, [null, 4]),
  Reshape: one({ targetShape: [8] }, [null, 2, 4]),
  BatchNormalization: one({}, [null, 2, 4]),
  LayerNormalization: one({}, [null, 2, 4]),
  PReLU: one({}, [null, 2, 4]),
  Flatten: one({}, [null, 2, 4]),
  InputLayer: one({ inputShape: [4] }, [null, 4]),
  Activation: one({ activation: 'tanh' }, [null, 4]),
  Identity: one({}, [null, 4]),
  RepeatVector: one({ n: 3 }, [null, 4]),
  Permute: one({ dims: [2, 1] }, [null, 2, 4]),
  Cropping1D: one({ cropping: [1, 1] }, [null, 5, 3]),
  Add: two({}, [null, 4]),
  Subtract: two({}, [null, 4]),
  Multiply: two({}, [null, 4]),
  Average: two({}, [null, 4]),
  Maximum: two({}, [null, 4]),
  Minimum: two({}, [null, 4]),
  Concatenate: two({ axis: -1 }, [null, 4], [null, 2]),
  Dot: two({ axes: 1 }, [null, 4]),
  Masking: one({ maskValue: 0 }, [null, 5, 3]),
  SimpleRNN: one({ units: 3 }, [null, 4, 2]),
  LSTM: one({ units: 3, returnSequences: true }, [null, 4, 2]),
  GRU: one({ units: 3 }, [null, 4, 2]),
  Bidirectional: one({ layer: { className: 'LSTM', config: { units: 2, returnSequences: true } }, mergeMode: 'concat' }, [null, 4, 3]),
  Embedding: one({ inputDim: 6, outputDim: 3 }, [null, 4]),
  TimeDistributed: one({ layer: { className: 'Dense', config: { units: 2 } } }, [null, 3, 4]),
};

/**
 * The sample of the layer class `name`: its entry above, or `{}` on `[null, 4]` (activations
 * and other layers without required options; a class that needs options fails to construct
 * from it, and the spec using it fails until an entry is added here).
 */
export function layerSample(name: string): LayerSample {
  const conv = CONV_SAMPLES[name];
  if (conv) return one(conv.config, conv.inputShape);
  return SAMPLES[name] ?? one({}, [null, 4]);
}

/**
 * The layer classes that graph-interop.spec.ts round-trips through files in one graph model
 * (merge layers need a graph); round-trip.spec.ts counts them as covered.
 */
export const GRAPH_ROUND_TRIP_CLASSES: readonly string[] = [
  'InputLayer', 'Add', 'Subtract', 'Multiply', 'Average', 'Maximum', 'Minimum', 'Concatenate', 'Dense', 'Dot', 'Identity',
  'RepeatVector', 'Permute', 'Cropping1D', 'Flatten', 'Activation',
];
