/** {@link OneHotMeanIoU}: {@link MeanIoU} for one-hot labels and class scores. */
import { optionsObject } from '../checks';
import { MeanIoU, type MeanIoUOptions } from './mean-iou';

/** Options of {@link OneHotMeanIoU}: those of {@link MeanIoU} but `sparseYTrue`, which is false. */
export type OneHotMeanIoUOptions = Omit<MeanIoUOptions, 'sparseYTrue'>;

/**
 * {@link MeanIoU} with one-hot labels, and by default class scores, along the last axis, each
 * read by its argmax (Keras's `OneHotMeanIoU`). A streaming metric.
 *
 * Shapes: yTrue and yPred `[N, K]` (or yPred `[N]` class ids with `sparseYPred: true`).
 *
 * @throws ConfigError for a bad option; ShapeError when the entry counts differ.
 * @example
 * ```ts
 * new OneHotMeanIoU({ numClasses: 2 }).compute(tensor([[0.2, 0.8], [0.6, 0.4]]), tensor([[0, 1], [1, 0]])); // 1
 * ```
 */
export class OneHotMeanIoU extends MeanIoU {
  /** The registered class name. */
  static override readonly className: string = 'OneHotMeanIoU';

  constructor(options: OneHotMeanIoUOptions) {
    const o = optionsObject(options, 'OneHotMeanIoU');
    super({ sparseYPred: false, ...o, sparseYTrue: false }, 'OneHotMeanIoU', 'oneHotMeanIou');
  }
}
