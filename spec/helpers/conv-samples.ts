/** Test helper: a config and an accepted input shape for each convolution-family layer class, for specs that walk the registry. */
import type { Shape } from '../../lib/tensor';

/** By class name: options the layer can be built from, and an input shape (batch `null`) it accepts. */
export const CONV_SAMPLES: Readonly<Record<string, { readonly config: Record<string, unknown>; readonly inputShape: Shape }>> = {
  Conv1D: { config: { filters: 2, kernelSize: 3 }, inputShape: [null, 6, 2] },
  Conv2D: { config: { filters: 2, kernelSize: 3 }, inputShape: [null, 5, 5, 2] },
  Conv2DTranspose: { config: { filters: 2, kernelSize: 3, strides: 2 }, inputShape: [null, 3, 3, 2] },
  DepthwiseConv2D: { config: { kernelSize: 3, depthMultiplier: 2 }, inputShape: [null, 5, 5, 2] },
  SeparableConv2D: { config: { filters: 3, kernelSize: 3 }, inputShape: [null, 5, 5, 2] },
  MaxPooling1D: { config: {}, inputShape: [null, 6, 2] },
  MaxPooling2D: { config: {}, inputShape: [null, 4, 4, 2] },
  AveragePooling1D: { config: {}, inputShape: [null, 6, 2] },
  AveragePooling2D: { config: {}, inputShape: [null, 4, 4, 2] },
  GlobalAveragePooling1D: { config: {}, inputShape: [null, 6, 2] },
  GlobalAveragePooling2D: { config: {}, inputShape: [null, 4, 4, 2] },
  GlobalMaxPooling1D: { config: {}, inputShape: [null, 6, 2] },
  GlobalMaxPooling2D: { config: {}, inputShape: [null, 4, 4, 2] },
  ZeroPadding2D: { config: {}, inputShape: [null, 4, 4, 2] },
  Cropping2D: { config: { cropping: 1 }, inputShape: [null, 4, 4, 2] },
  UpSampling2D: { config: {}, inputShape: [null, 4, 4, 2] },
  SpatialDropout2D: { config: { rate: 0.5 }, inputShape: [null, 4, 4, 2] },
};
