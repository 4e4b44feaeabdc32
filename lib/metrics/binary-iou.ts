/** {@link BinaryIoU}: the intersection over union of thresholded scores against 0/1 labels. */
import { optionsObject } from '../checks';
import { toContiguous, type Tensor } from '../tensor';
import { checkThreshold } from './confusion-metric';
import { IoU } from './iou';

/** Options of {@link BinaryIoU}. */
export interface BinaryIoUOptions {
  /** The classes averaged over, `[0]`, `[1]` or both. @defaultValue [0, 1] */
  targetClassIds?: number[];
  /** A score counts as class 1 when it is at least this (Keras's `>=`). @defaultValue 0.5 */
  threshold?: number;
  /** The key in logs and History. @defaultValue 'binaryIou' */
  name?: string;
}

/**
 * {@link IoU} over the two classes 0 and 1, with each score read as class 1 when
 * `yPred ≥ threshold` and class 0 otherwise (Keras's `BinaryIoU`). A streaming metric.
 *
 * Shapes: yTrue and yPred hold one 0/1 label and one score per entry, the same number of entries.
 *
 * @throws ConfigError for a bad option; ShapeError when the entry counts differ.
 * @example
 * ```ts
 * new BinaryIoU({ threshold: 0.3 }).compute(tensor([0.1, 0.2, 0.4, 0.7]), tensor([0, 1, 0, 1])); // 1/3
 * ```
 */
export class BinaryIoU extends IoU {
  /** The registered class name. */
  static override readonly className: string = 'BinaryIoU';

  /** The score at or above which an entry is class 1. */
  readonly threshold: number;

  constructor(options: BinaryIoUOptions = {}) {
    const { targetClassIds = [0, 1], threshold = 0.5, name = 'binaryIou' } = optionsObject(options, 'BinaryIoU', ['targetClassIds', 'threshold', 'name']);
    super({ numClasses: 2, targetClassIds, name }, 'BinaryIoU');
    this.threshold = checkThreshold('BinaryIoU', threshold);
  }

  /** `1` where `yPred ≥ threshold`, else `0`. */
  protected override predictedClasses(yPred: Tensor): Float64Array {
    const p = toContiguous(yPred);
    const out = new Float64Array(p.size);
    for (let i = 0; i < p.size; i++) out[i] = p.data[p.offset + i] >= this.threshold ? 1 : 0;
    return out;
  }
}
