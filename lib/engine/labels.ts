/**
 * {@link checkedLabels}: labels checked against a model's outputs and losses before anything
 * runs, and {@link labelShapeError}: the message when they do not fit, quoting the data's shapes
 * and naming the likely fix.
 */
import { ShapeError } from '../errors';
import { formatShape, reshape, sizeOf, type Shape, type Tensor } from '../tensor';
import { SparseCategoricalCrossentropy } from '../../losses/sparse-categorical-crossentropy';
import type { EngineModel } from './engine-model';

/**
 * Checks each label tensor against its output's shape and loss before anything runs, from the
 * shapes alone (an unbuilt Sequential is not built by it), and returns the labels as the
 * losses and metrics read them: `[N]` labels of a one-unit output as `[N, 1]` (zero-copy), as
 * Keras reads them.
 * @param what - how the message names the caller and the data, e.g. `'fit'`, `'fit: validationData'`.
 * @throws ShapeError from {@link labelShapeError}: the labels' and the output's shapes, the
 * loss's own message and a hint.
 */
export function checkedLabels(model: EngineModel, xs: readonly Tensor[], ys: readonly Tensor[], what: string): Tensor[] {
  const { losses } = model.requireCompiled(what);
  const outputs = model.outputShapesFor(xs.map((x) => x.shape));
  return losses.map((loss, k) => {
    const y = ys[k];
    let shape: readonly number[];
    try {
      shape = loss.checkShapes(outputs[k].map((d, i) => (i === 0 ? y.shape[0] : (d as number))), y.shape);
    } catch (error) {
      if (!(error instanceof ShapeError)) throw error;
      throw labelShapeError(model, k, what, y.shape, outputs[k], error, {
        takesClassIndices: loss instanceof SparseCategoricalCrossentropy, isCategoricalCrossentropy: loss.className === 'CategoricalCrossentropy',
      });
    }
    return shape.length === y.shape.length ? y : reshape(y, shape);
  });
}

/** What {@link labelShapeError} knows of the loss or metric that rejected the labels. */
export interface LabelCheck {
  /** It reads class indices, `[N]` or `[N, 1]` (sparse categorical crossentropy or accuracy). */
  takesClassIndices: boolean;
  /** It is CategoricalCrossentropy, whose sparse twin takes class indices. */
  isCategoricalCrossentropy: boolean;
  /** The rejecting metric's name, when a metric (checked on one sample) rejected them. */
  metric?: string;
}

/**
 * The error for labels of `labelShape` that output `k` (of `outputShape`, batch `null`) does not
 * take, e.g. `fit: labels [1000] do not fit the model's output [?, 10] (CategoricalCrossentropy:
 * yTrue must have the shape of yPred: expected [1000, 10], got [1000]); if y holds class indices
 * 0 to 9, one-hot them with oneHot(y, 10), or compile with loss: 'sparseCategoricalCrossentropy',
 * which takes class indices`. The shapes are the data's: a metric is checked on one sample, so
 * the batch of 1 its message quotes is replaced by the data's.
 */
export function labelShapeError(model: EngineModel, k: number, what: string, labelShape: readonly number[], outputShape: Shape, cause: Error, check: LabelCheck): ShapeError {
  const which = model.outputNames.length > 1 ? ` of output '${model.outputNames[k]}'` : '';
  // A metric was checked on the first sample alone: its message's shapes start with that batch of 1.
  const by = check.metric === undefined ? cause.message : cause.message.replace(/\[1(?=[,\]])/g, `[${labelShape[0]}`);
  return new ShapeError(
    `${what}: labels${which} ${formatShape(labelShape)} do not fit the model's output ${formatShape(outputShape)} (${by}); ${labelHint(labelShape, outputShape, check)}`,
  );
}

/** The likely fix for labels that do not fit an output, from the two shapes. */
function labelHint(labels: readonly number[], output: Shape, check: LabelCheck): string {
  const n = labels[0];
  const classes = output[output.length - 1];
  const perSample = output.slice(1);
  const isKnown = perSample.every((d): d is number => d !== null);
  const expected = isKnown ? formatShape([n, ...perSample]) : formatShape(output);
  const sameLeading = (rank: number): boolean => output.slice(1, rank).every((d, i) => d === null || d === labels[i + 1]);
  // One label per row of the output: [N] (or [N, 1]) for [?, C], [N, T] for [?, T, C].
  const isIndexLike = (labels.length === output.length - 1 && sameLeading(output.length - 1)) ||
    (labels.length === output.length && labels[labels.length - 1] === 1 && sameLeading(output.length - 1));
  const isOneHot = labels.length === output.length && sameLeading(output.length) && classes !== 1;
  if (check.metric !== undefined) {
    // The loss took these labels: the metric is what to change.
    const accuracy = /accuracy/i.test(check.metric);
    const any = "or compile with metrics: ['accuracy'], which picks the accuracy that fits the loss and labels";
    if (accuracy && check.takesClassIndices && isOneHot) return `the labels are one-hot: use metric 'categoricalAccuracy', ${any}`;
    if (accuracy && !check.takesClassIndices && isIndexLike) return `the labels are class indices: use metric 'sparseCategoricalAccuracy', ${any}`;
    return `the loss takes these labels but the metric does not: choose a metric for labels ${formatShape(labels)}`;
  }
  if (check.takesClassIndices) {
    if (isOneHot) return "the labels look one-hot: pass class indices instead (argMax(y)), or compile with loss: 'categoricalCrossentropy', which takes one-hot labels";
    const indices = labels.slice(0, output.length - 1);
    return `it takes one class index per ${output.length > 2 ? 'step' : 'sample'}: labels ${formatShape(indices)} or ${formatShape([...indices, 1])}`;
  }
  if (isIndexLike && classes !== null && classes > 1) {
    const fixes: string[] = [];
    if (output.length === 2) fixes.push(`one-hot them with oneHot(y, ${classes})`);
    if (check.isCategoricalCrossentropy) fixes.push("compile with loss: 'sparseCategoricalCrossentropy', which takes class indices");
    if (fixes.length > 0) return `if y holds class indices 0 to ${classes - 1}, ${fixes.join(', or ')}`;
  }
  if (isKnown && labels.length >= 1 && sizeOf(labels.slice(1)) === sizeOf(perSample)) {
    return `each sample has the output's ${sizeOf(perSample)} values in another shape: reshape them with reshape(y, ${expected})`;
  }
  return `labels for this output must be ${expected}`;
}
