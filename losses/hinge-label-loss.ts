/** {@link HingeLabelLoss}: Keras's reading of the labels of the hinge losses, ±1 or {0, 1} converted to ±1. */
import type { Tensor } from '../lib/tensor';
import { ElementwiseLoss } from './elementwise-loss';

/**
 * The base of `Hinge` and `SquaredHinge`: an {@link ElementwiseLoss} whose terms use the label
 * `y = t · scale + shift`. When every label of the batch is 0 or 1 they are binary labels and
 * become `2t − 1` (`scale = 2`, `shift = −1`); otherwise (±1 labels) they are used as they are
 * (`scale = 1`, `shift = 0`). Keras decides this per batch in the same way.
 *
 * Shapes: yPred and yTrue are `[N, C]`; the gradient is `[N, C]`.
 */
export abstract class HingeLabelLoss extends ElementwiseLoss {
  private labelScale = 1;
  private labelShift = 0;

  /** Decides, for this batch, whether the labels are {0, 1} (converted) or ±1 (kept). */
  protected override prepareLabels(yTrue: Tensor): void {
    const t = yTrue.data;
    let isBinary = true;
    for (let i = yTrue.offset, end = yTrue.offset + yTrue.size; i < end; i++) {
      if (t[i] !== 0 && t[i] !== 1) {
        isBinary = false;
        break;
      }
    }
    this.labelScale = isBinary ? 2 : 1;
    this.labelShift = isBinary ? -1 : 0;
  }

  /** The ±1 label `y = t · scale + shift` of a label `t` of the current batch. */
  protected signedLabel(t: number): number {
    return t * this.labelScale + this.labelShift;
  }
}
