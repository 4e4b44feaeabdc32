/**
 * The weight types of the layer contract: a trainable {@link Param} paired with its gradient,
 * a {@link NonTrainableWeight}, and the {@link WeightShape} a layer declares.
 */
import type { Regularizer } from '../lib/regularizers/regularizer';
import type { Shape, Tensor } from '../lib/tensor';

/**
 * A trainable parameter paired with its gradient buffer (ConvNetJS's `w`/`dw`, micrograd's
 * `data`/`grad`). Optimizers update `value` from `grad`; they need nothing else of the layer.
 */
export interface Param {
  /** The math name, e.g. `'W'` or `'b'`; the gradient is reported as `'d' + name`. */
  readonly name: string;
  /** The Keras/TensorFlow.js weight name, e.g. `'kernel'` or `'bias'`. */
  readonly weightName: string;
  /** The parameter's values. */
  readonly value: Tensor;
  /** `∂loss/∂value` from the latest backward pass, same shape as `value`. */
  readonly grad: Tensor;
}

/**
 * A weight that is saved and loaded with the model but not trained by the optimizer, such as
 * BatchNormalization's moving statistics: no gradient, updated by the layer's own forward.
 */
export interface NonTrainableWeight {
  /** The Keras/TensorFlow.js weight name, e.g. `'moving_mean'`. */
  readonly weightName: string;
  /** The weight's values. */
  readonly value: Tensor;
}

/** A weight a layer will create: its Keras/TensorFlow.js name and shape (`null` for an axis the input shape leaves open). */
export interface WeightShape {
  readonly weightName: string;
  readonly shape: Shape;
}

/** Options of `Layer.addWeight`. */
export interface AddWeightOptions {
  /**
   * False for a weight the optimizer never sees (BatchNormalization's moving statistics): it
   * has no gradient and is saved after the trainable weights. @defaultValue true
   */
  trainable?: boolean;
  /** The math name used for the gradient key (`'W'` gives `dW`). @defaultValue the weight name */
  mathName?: string;
  /**
   * A penalty on the (trainable) weight: the layer's `regularizationLoss` includes it and its
   * `backward` adds its gradient. @defaultValue none
   */
  regularizer?: Regularizer | null;
}
