/**
 * A float64 numerical gradient check of a whole compiled model of any number of inputs and
 * outputs: the analytic gradients of the training step (`trainStep` without the update) against
 * central differences of its forward half (`forwardLosses`), for every parameter and input.
 */
import { forwardLosses, trainStep } from '../../lib/engine/train-step';
import type { Model } from '../../lib/model';
import { clone, type Tensor } from '../../lib/tensor';

/** The worst relative error `|a − n| / max(1e-8, |a| + |n|)` per checked tensor. */
export function modelGradientErrors(model: Model, xs: Tensor[], ys: Tensor[], h = 1e-6): Record<string, number> {
  const f = () => forwardLosses(model, xs, ys, null, true).loss;
  const { inputGradients } = trainStep(model, xs, ys, null, { update: false, needInputGradients: true, observer: null });
  const checks: [string, Tensor, Tensor][] = [
    ...xs.map((x, k): [string, Tensor, Tensor] => [`input ${k}`, x, clone(inputGradients[k] as Tensor)]),
    ...model.layers.flatMap((layer) => layer.params().map((p): [string, Tensor, Tensor] => [`${layer.name}/d${p.name}`, p.value, clone(p.grad)])),
  ];
  const errors: Record<string, number> = {};
  for (const [name, value, grad] of checks) {
    let worst = 0;
    for (let i = 0; i < value.size; i++) {
      const at = value.offset + i;
      const saved = value.data[at];
      value.data[at] = saved + h;
      const plus = f();
      value.data[at] = saved - h;
      const minus = f();
      value.data[at] = saved;
      const numeric = (plus - minus) / (2 * h);
      const analytic = grad.data[grad.offset + i];
      worst = Math.max(worst, Math.abs(analytic - numeric) / Math.max(1e-8, Math.abs(analytic) + Math.abs(numeric)));
    }
    errors[name] = worst;
  }
  return errors;
}

/** Expects every gradient of {@link modelGradientErrors} below `tolerance`, naming the worst. */
export function expectModelGradientsCorrect(model: Model, xs: Tensor[], ys: Tensor[], tolerance = 1e-6): void {
  const errors = modelGradientErrors(model, xs, ys);
  const bad = Object.entries(errors).filter(([, e]) => !(e < tolerance));
  expect(bad).toEqual([]);
  expect(Object.keys(errors).length).toBeGreaterThan(xs.length);
}
