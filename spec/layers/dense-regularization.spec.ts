import { gradCheck } from '../../lib/grad-check';
import { l1, l1l2, l2 } from '../../lib/regularizers';
import { Sequential } from '../../lib/sequential';
import { tensor, type Tensor } from '../../lib/tensor';
import { Dense, layers, type DenseOptions } from '../../layers';
import { SGD } from '../../optimizers';
import { expectClose } from '../helpers/expect-close';
import { expectGradientsCorrect } from '../helpers/gradcheck';
import { randomTensor } from '../helpers/random';

const f64 = (values: number[][]): Tensor => tensor(values, undefined, 'float64');
const tight = { rtol: 1e-14, atol: 1e-15 };

function denseWith(options: DenseOptions, W: number[], b: number[]): Dense {
  const dense = new Dense(options);
  dense.build([null, W.length / options.units], 'float64');
  dense.params()[0].value.data.set(W);
  dense.params()[1].value.data.set(b);
  return dense;
}

describe('Dense with kernelRegularizer and biasRegularizer', () => {
  // W = [[1, −1], [0.5, 2]], b = [0.5, −1], l2(0.1) on W and l1(0.2) on b.
  const make = () => denseWith({ units: 2, kernelRegularizer: l2(0.1), biasRegularizer: l1(0.2) }, [1, -1, 0.5, 2], [0.5, -1]);

  it('reports the penalty: 0.1·(1 + 1 + 0.25 + 4) + 0.2·(0.5 + 1) = 0.925', () => {
    expect(make().regularizationLoss()).toBeCloseTo(0.925, 15);
    expect(new Dense({ units: 2 }).regularizationLoss()).toBe(0);
  });

  it('adds the penalty gradient to dW and db in backward', () => {
    const dense = make();
    dense.forward(f64([[1, 2], [3, -1]]), true);
    const { grads } = dense.backward(f64([[1, 0], [-1, 2]]));
    // Without regularizers dW = Xᵀ·dOut = [[−2, 6], [3, −2]] and db = [0, 2] (see dense.spec.ts);
    // plus 2·0.1·W = [[0.2, −0.2], [0.1, 0.4]] and 0.2·sign(b) = [0.2, −0.2].
    expectClose(grads.dW, [[-1.8, 5.8], [3.1, -1.6]], tight);
    expectClose(grads.db, [0.2, 1.8], tight);
  });

  it('passes a float64 gradient check of forward·R + regularizationLoss (l2 and l1l2)', () => {
    expectGradientsCorrect(new Dense({ units: 3, kernelRegularizer: l2(0.3), biasRegularizer: l1l2({ l1: 0.2, l2: 0.1 }), biasInitializer: 'ones' }), randomTensor([4, 5], 1));
    expectGradientsCorrect(new Dense({ units: 3, activation: 'tanh', kernelRegularizer: l1(0.05) }), randomTensor([4, 5], 2));
  });

  it('a non-trainable layer neither reports a penalty nor adds its gradient (Keras counts trainable weights only)', () => {
    const dense = make();
    dense.trainable = false;
    expect(dense.regularizationLoss()).toBe(0);
    dense.forward(f64([[1, 2], [3, -1]]), true);
    expectClose(dense.backward(f64([[1, 0], [-1, 2]])).grads.dW, [[-2, 6], [3, -2]], tight);
  });

  it('accepts names and saved forms, and round-trips its config', () => {
    const dense = new Dense({ units: 2, kernelRegularizer: 'l2', biasRegularizer: { className: 'L1', config: { l1: 0.3 } }, name: 'reg' });
    const config = dense.getConfig();
    expect(config.kernelRegularizer).toEqual({ className: 'L2', config: { l2: 0.01 } });
    expect(config.biasRegularizer).toEqual({ className: 'L1', config: { l1: 0.3 } });
    expect(layers.create('Dense', config).getConfig()).toEqual(config);
    expect('kernelRegularizer' in new Dense({ units: 2 }).getConfig()).toBe(false);
    expect(() => new Dense({ units: 2, kernelRegularizer: 'l3' })).toThrow(/^Dense: unknown regularizer 'l3'/);
  });
});

describe('regularization in training', () => {
  /** y = x·W with W = [[1], [1]] and l2(0.5): on x = [1, 1], y = 2 = target, so the loss is the penalty 0.5·2 = 1. */
  const model = () => {
    const m = new Sequential({ layers: [new Dense({ units: 1, inputShape: [2], useBias: false, kernelInitializer: 'ones', kernelRegularizer: l2(0.5) })], dtype: 'float64' });
    m.compile({ optimizer: new SGD({ learningRate: 0.1 }), loss: 'mse' });
    return m;
  };

  it('evaluate, trainOnBatch and fit report the loss including the penalty, and the step follows its gradient', async () => {
    const m = model();
    expect(m.regularizationLoss()).toBe(1);
    expect(m.evaluate([[1, 1]], [[2]])).toBe(1);
    // The MSE gradient is 0, so dW = 2·0.5·W = [1, 1] and SGD gives W = 1 − 0.1·1 = 0.9.
    expect(m.trainOnBatch([[1, 1]], [[2]])).toBe(1);
    expectClose(m.getWeights()[0], [[0.9], [0.9]], tight);
    const history = await model().fit([[1, 1]], [[2]], { epochs: 1, verbose: 0 });
    expect(history.history.loss[0]).toBe(1);
    expect(model().computeGradients([[1, 1]], [[2]]).loss).toBe(1);
  });

  it('passes a whole-model gradient check with the penalty in the scalar', () => {
    const m = new Sequential({ layers: [new Dense({ units: 3, inputShape: [4], activation: 'tanh', kernelRegularizer: l2(0.2) }), new Dense({ units: 2, kernelRegularizer: l1l2({ l1: 0.1, l2: 0.1 }) })], dtype: 'float64' });
    m.compile({ optimizer: 'sgd', loss: 'mse' });
    const report = gradCheck(m, randomTensor([5, 4], 3), randomTensor([5, 2], 4));
    expect(report.passed).toBe(true);
    expect(report.results.map((r) => r.name)).toEqual(expect.arrayContaining([`${m.layers[0].name}/dW`, `${m.layers[1].name}/db`]));
  });
});
