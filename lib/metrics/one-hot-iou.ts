/** {@link OneHotIoU}: {@link IoU} for one-hot labels and class scores. */
import { optionsObject } from '../checks';
import { IoU, type IoUOptions } from './iou';

/** Options of {@link OneHotIoU}: those of {@link IoU} but `sparseYTrue`, which is false. */
export type OneHotIoUOptions = Omit<IoUOptions, 'sparseYTrue'>;

/**
 * {@link IoU} with one-hot labels, and by default class scores, along the last axis, each read
 * by its argmax (Keras's `OneHotIoU`). A streaming metric.
 *
 * Shapes: yTrue and yPred `[N, K]` (or yPred `[N]` class ids with `sparseYPred: true`).
 *
 * @throws ConfigError for a bad option; ShapeError when the entry counts differ.
 * @example
 * ```ts
 * new OneHotIoU({ numClasses: 2, targetClassIds: [1] }).compute(tensor([[0.2, 0.8], [0.6, 0.4]]), tensor([[0, 1], [0, 1]])); // 0.5
 * ```
 */
export class OneHotIoU extends IoU {
  /** The registered class name. */
  static override readonly className: string = 'OneHotIoU';

  constructor(options: OneHotIoUOptions) {
    const o = optionsObject(options, 'OneHotIoU');
    super({ sparseYPred: false, ...o, sparseYTrue: false }, 'OneHotIoU', 'oneHotIou');
  }
}
