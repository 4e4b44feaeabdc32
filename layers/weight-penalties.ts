/** The regularizer bookkeeping of layers with several weights: each weight paired with its penalty. */
import type { Regularizer } from '../lib/regularizers';
import type { Param } from './layer';

/** A weight and the regularizer on it (`null`: none). */
export type Penalized = readonly [Param | undefined, Regularizer | null];

/** `Σ regularizer.penalty(value)` over the pairs that have both. */
export function penaltyOf(pairs: readonly Penalized[]): number {
  let penalty = 0;
  for (const [param, regularizer] of pairs) if (param && regularizer) penalty += regularizer.penalty(param.value);
  return penalty;
}

/** Adds each penalty's gradient to its weight's gradient (`2λ·W` for `l2(λ)`), since the reported loss includes it. */
export function addPenaltyGradients(pairs: readonly Penalized[]): void {
  for (const [param, regularizer] of pairs) if (param && regularizer) regularizer.addGradient(param.grad, param.value);
}
