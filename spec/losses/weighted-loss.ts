/** Spec helper: a loss whose forward always applies fixed sample weights, for gradient checks. */
import type { Loss } from '../../losses/loss';
import type { Tensor } from '../../lib/tensor';

/** Makes `loss.forward(yPred, yTrue)` mean `forward(yPred, yTrue, sampleWeight)`; returns `loss`. */
export function withSampleWeight<T extends Loss>(loss: T, sampleWeight: Tensor): T {
  const forward = loss.forward.bind(loss);
  loss.forward = (yPred: Tensor, yTrue: Tensor) => forward(yPred, yTrue, sampleWeight);
  return loss;
}
