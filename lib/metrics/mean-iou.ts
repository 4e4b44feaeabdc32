/** {@link MeanIoU}: the intersection over union averaged over every class. */
import { optionsObject } from '../checks';
import { IoU, type IoUOptions } from './iou';

/** Options of {@link MeanIoU}: those of {@link IoU} but `targetClassIds`, which is every class. */
export type MeanIoUOptions = Omit<IoUOptions, 'targetClassIds'>;

/**
 * {@link IoU} with every class `0 … K − 1` as a target (Keras's `MeanIoU`): the mean IoU over
 * the classes present in the data. A streaming metric.
 *
 * Shapes: as {@link IoU}.
 *
 * @throws ConfigError for a bad option; ShapeError when the entry counts differ.
 * @example
 * ```ts
 * new MeanIoU({ numClasses: 2 }).compute(tensor([0, 1, 0, 1]), tensor([0, 0, 1, 1])); // 1/3
 * ```
 */
export class MeanIoU extends IoU {
  /** The registered class name. */
  static override readonly className: string = 'MeanIoU';

  /**
   * @param owner - how error messages name the metric (the subclass's class name).
   * @param defaultName - the name when `options.name` is not given.
   */
  constructor(options: MeanIoUOptions, owner = 'MeanIoU', defaultName = 'meanIou') {
    const o = optionsObject(options, owner);
    const k = o.numClasses;
    const targetClassIds = typeof k === 'number' && Number.isInteger(k) && k >= 2 && k <= 4096 ? Array.from({ length: k }, (_, c) => c) : [];
    super({ ...o, targetClassIds }, owner, defaultName);
  }
}
