/**
 * Compares 5-step trajectories with TensorFlow.js 4.22 (cpu backend, float32), recorded by
 * spec/golden/optimizers.generate.mjs into spec/golden/optimizers.json. Each case names the
 * reference call, e.g. `tf.train.adam(0.1, 0.9, 0.999, 0)`. The problem is W [2, 2] and b [2]
 * with f = ½·Σ a⊙w² + Σ c⊙w, so g = a ⊙ w + c. Cases where tfjs's formula differs from Keras 3
 * (Adam's and centered RMSprop's ε, Adadelta) are recorded with ε = 0 or not at all; the other
 * specs derive those trajectories by hand.
 */
import golden from '../golden/optimizers.json';
import type { Param } from '../../layers/layer';
import { tensor } from '../../lib/tensor';
import { optimizers } from '../../optimizers';
import { expectClose } from '../helpers/expect-close';

type Nested = number[] | number[][];

function param(name: string, initial: Nested): Param {
  const value = tensor(initial, undefined, 'float64');
  return { name, weightName: name === 'W' ? 'kernel' : 'bias', value, grad: tensor(initial, undefined, 'float64') };
}

describe('optimizers against TensorFlow.js goldens', () => {
  const problem = golden.problem as Record<'W' | 'b', { initial: Nested; a: Nested; c: Nested }>;

  it.each(Object.entries(golden.cases))('%s follows its tfjs trajectory', (_name, testCase) => {
    const optimizer = optimizers.create(testCase.className, testCase.options);
    const params = { W: param('W', problem.W.initial), b: param('b', problem.b.initial) };
    const flatA = { W: tensor(problem.W.a, undefined, 'float64'), b: tensor(problem.b.a, undefined, 'float64') };
    const flatC = { W: tensor(problem.W.c, undefined, 'float64'), b: tensor(problem.b.c, undefined, 'float64') };
    testCase.trajectory.slice(1).forEach((expected, step) => {
      for (const key of ['W', 'b'] as const) {
        const p = params[key];
        for (let i = 0; i < p.value.size; i++) p.grad.data[i] = flatA[key].data[i] * p.value.data[i] + flatC[key].data[i];
      }
      optimizer.step([params.W, params.b]);
      try {
        expectClose(params.W.value, expected.W, { rtol: 1e-5, atol: 1e-6 });
        expectClose(params.b.value, expected.b, { rtol: 1e-5, atol: 1e-6 });
      } catch (e) {
        throw new Error(`${testCase.reference}, step ${step + 1}: ${(e as Error).message}`);
      }
    });
  });

  it('covers every optimizer TensorFlow.js shares with Keras 3', () => {
    expect(new Set(Object.values(golden.cases).map((c) => c.className))).toEqual(new Set(['SGD', 'Adam', 'Adamax', 'RMSprop', 'Adagrad']));
  });
});
