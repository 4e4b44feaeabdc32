/** {@link IoU}: the intersection over union of class labels and predicted classes, from a streaming confusion matrix. */
import { classOptionKeys, formatJson, isArray, optionsObject, requireTensor } from '../checks';
import { ConfigError, ShapeError } from '../errors';
import { formatShape, toContiguous, type Tensor } from '../tensor';
import { argmax } from './argmax';
import { checkMetricName, elementsPerWeight } from './confusion-metric';
import type { StreamingMetric } from './metric';

/** The largest class count: the `K × K` confusion matrix then has 16M entries. */
const MAX_CLASSES = 4096;

/** Keras's `backend.epsilon()`, added to each denominator. */
const EPSILON = 1e-7;

/** Options of {@link IoU}. */
export interface IoUOptions {
  /** The number of classes `K`, an integer in `[2, 4096]` (the confusion matrix is `K × K`). */
  numClasses: number;
  /** The classes whose IoU is averaged, each in `[0, K)`. */
  targetClassIds: number[];
  /** A label class left out of the counts (a "void" class such as 255 or −1), or `null`. @defaultValue null */
  ignoreClass?: number | null;
  /** True when yTrue holds class ids; false for one-hot (or scores) along the last axis, read by argmax. @defaultValue true */
  sparseYTrue?: boolean;
  /** True when yPred holds class ids; false for scores along the last axis, read by argmax. @defaultValue true */
  sparseYPred?: boolean;
  /** The key in logs and History. @defaultValue 'iou' */
  name?: string;
}

/**
 * The mean, over the target classes `c` present in the data, of
 * `IoU_c = TP_c / (TP_c + FP_c + FN_c + ε)` from the confusion matrix of every entry seen since
 * the last reset (Keras's `IoU`): with `M[t][p]` the (weighted) count of entries labelled `t` and
 * predicted `p`, `TP_c = M[c][c]`, `TP_c + FP_c + FN_c = Σ_p M[c][p] + Σ_t M[t][c] − M[c][c]`.
 * A class whose denominator is 0 contributes 0 and is not counted; entries whose label or
 * prediction is outside `[0, K)`, or whose label is `ignoreClass`, are skipped. The sum of the
 * IoUs is divided by `(number of valid classes + ε)`, as Keras does. A streaming metric.
 *
 * Shapes: with sparse inputs, yTrue and yPred hold one class id per entry (any shape, the same
 * number of entries); a non-sparse input has the classes on its last axis, one entry per row.
 * `sampleWeight` gives one weight per entry.
 *
 * @throws ConfigError for a bad option; ShapeError when the entry counts differ.
 * @example
 * ```ts
 * new IoU({ numClasses: 2, targetClassIds: [0, 1] }).compute(tensor([0, 1, 0, 1]), tensor([0, 0, 1, 1])); // 1/3
 * ```
 */
export class IoU implements StreamingMetric {
  /** The option keys the constructor reads (see {@link classOptionKeys}); a subclass declares only the ones it adds. */
  static readonly optionKeys: readonly string[] = ['numClasses', 'targetClassIds', 'ignoreClass', 'sparseYTrue', 'sparseYPred', 'name'];

  /** The registered class name. */
  static readonly className: string = 'IoU';

  /** The key in logs and History. */
  readonly name: string;
  /** The number of classes. */
  readonly numClasses: number;
  /** The classes averaged over. */
  readonly targetClassIds: number[];
  /** The label class left out, or `null`. */
  readonly ignoreClass: number | null;
  /** Whether yTrue holds class ids. */
  readonly sparseYTrue: boolean;
  /** Whether yPred holds class ids. */
  readonly sparseYPred: boolean;

  /** `matrix[t·K + p]`: the weighted count of entries labelled `t`, predicted `p`. */
  private matrix: Float64Array;

  /**
   * @param owner - how error messages name the metric (the subclass's class name).
   * @param defaultName - the name when `options.name` is not given.
   */
  constructor(options: IoUOptions, owner = 'IoU', defaultName = 'iou') {
    const {
      numClasses, targetClassIds, ignoreClass = null, sparseYTrue = true, sparseYPred = true, name = defaultName,
    } = optionsObject(options, owner, classOptionKeys(new.target));
    if (!(typeof numClasses === 'number' && Number.isInteger(numClasses) && numClasses >= 2 && numClasses <= MAX_CLASSES)) {
      throw new ConfigError(`${owner}: numClasses must be an integer in [2, ${MAX_CLASSES}], got ${formatJson(numClasses)}`);
    }
    const isId = (c: unknown): boolean => typeof c === 'number' && Number.isInteger(c) && c >= 0 && c < numClasses;
    if (!isArray(targetClassIds) || targetClassIds.length === 0 || !targetClassIds.every(isId)) {
      throw new ConfigError(`${owner}: targetClassIds must be a non-empty array of class ids in [0, ${numClasses}), got ${formatJson(targetClassIds)}`);
    }
    if (ignoreClass !== null && !(typeof ignoreClass === 'number' && Number.isInteger(ignoreClass))) {
      throw new ConfigError(`${owner}: ignoreClass must be an integer or null, got ${formatJson(ignoreClass)}`);
    }
    for (const [key, value] of [['sparseYTrue', sparseYTrue], ['sparseYPred', sparseYPred]] as const) {
      if (typeof value !== 'boolean') throw new ConfigError(`${owner}: ${key} must be a boolean, got ${formatJson(value)}`);
    }
    this.numClasses = numClasses;
    this.targetClassIds = (targetClassIds as number[]).slice();
    this.ignoreClass = ignoreClass;
    this.sparseYTrue = sparseYTrue;
    this.sparseYPred = sparseYPred;
    this.name = checkMetricName(owner, name);
    this.matrix = new Float64Array(numClasses * numClasses);
  }

  /** The metric of this batch alone. */
  compute(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): number {
    const matrix = new Float64Array(this.numClasses * this.numClasses);
    this.count(matrix, yPred, yTrue, sampleWeight);
    return this.score(matrix);
  }

  reset(): void {
    this.matrix = new Float64Array(this.numClasses * this.numClasses);
  }

  /** Adds a batch to the confusion matrix. */
  update(yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): void {
    this.count(this.matrix, yPred, yTrue, sampleWeight);
  }

  /** The metric over every entry since the last reset. */
  result(): number {
    return this.score(this.matrix);
  }

  /** The predicted class of each entry (a subclass may threshold scores instead). */
  protected predictedClasses(yPred: Tensor): Float64Array {
    return classIds(yPred, this.sparseYPred);
  }

  private count(matrix: Float64Array, yPred: Tensor, yTrue: Tensor, sampleWeight?: Tensor): void {
    requireTensor(yPred, `${this.name}: yPred`);
    requireTensor(yTrue, `${this.name}: yTrue`);
    if (sampleWeight !== undefined) requireTensor(sampleWeight, `${this.name}: sampleWeight`);
    const labels = classIds(yTrue, this.sparseYTrue), predicted = this.predictedClasses(yPred);
    if (labels.length !== predicted.length) {
      throw new ShapeError(`${this.name}: yTrue and yPred must hold the same number of entries: got ${formatShape(yTrue.shape)} (${labels.length}) and ${formatShape(yPred.shape)} (${predicted.length})`);
    }
    const w = sampleWeight === undefined ? null : toContiguous(sampleWeight);
    const perWeight = w === null ? 1 : elementsPerWeight([labels.length], [w.size]);
    const k = this.numClasses;
    for (let i = 0; i < labels.length; i++) {
      const t = labels[i], p = predicted[i];
      if (!(t >= 0 && t < k && p >= 0 && p < k) || t === this.ignoreClass) continue;
      matrix[t * k + p] += w === null ? 1 : w.data[w.offset + ((i / perWeight) | 0)];
    }
  }

  private score(matrix: Float64Array): number {
    const k = this.numClasses;
    let sum = 0, valid = 0;
    for (const c of this.targetClassIds) {
      let row = 0, column = 0;
      for (let j = 0; j < k; j++) {
        row += matrix[c * k + j];
        column += matrix[j * k + c];
      }
      const tp = matrix[c * k + c], denominator = row + column - tp;
      if (denominator > 1e-9) {
        sum += tp / (denominator + EPSILON);
        valid++;
      }
    }
    return sum / (valid + EPSILON);
  }
}

/** Class ids, one per entry: the values themselves (sparse), or the argmax of each last-axis row. */
function classIds(t: Tensor, isSparse: boolean): Float64Array {
  const c = toContiguous(t);
  if (isSparse) return Float64Array.from(c.data.subarray(c.offset, c.offset + c.size));
  const width = t.shape[t.shape.length - 1];
  const out = new Float64Array(c.size / width);
  for (let i = 0; i < out.length; i++) out[i] = argmax(c.data, c.offset + i * width, width);
  return out;
}
