/**
 * LossScaleOptimizer: Keras 3's keras/src/optimizers/loss_scale_optimizer_test.py cases (named
 * beside each), the training step's scaling of the loss gradient (penalties included), and the
 * config through the registry and a saved trainingConfig.
 */
import { Dense, LossScaleOptimizer, SGD, Adam, Sequential, optimizers, setSeed, l2, tensor, type Optimizer, type Tensor } from '../../lib';
import { fromJSON } from '../../lib/serialization';
import { GradientMonitor } from '../../lib/callbacks';
import { ConfigError } from '../../lib/errors';
import type { Param } from '../../layers/layer';

const f64 = (values: number[]): Tensor => tensor(values, undefined, 'float64');
const param = (value: number[], grad: number[]): Param => ({ name: 'w', weightName: 'kernel', value: f64(value), grad: f64(grad) });

describe('LossScaleOptimizer (Keras 3 loss_scale_optimizer_test.py)', () => {
  it('test_finite_step: grads [1, 6, 7, 2]·initial_scale unscale before SGD(0.5): [0.5, −1, −0.5, 3]', () => {
    const optimizer = new LossScaleOptimizer({ innerOptimizer: new SGD({ learningRate: 0.5 }) });
    expect(optimizer.initialScale).toBe(2 ** 15);
    expect(optimizer.dynamicGrowthSteps).toBe(2000);
    const p = param([1, 2, 3, 4], [1, 6, 7, 2].map((g) => g * 2 ** 15));
    optimizer.step([p]);
    expect(Array.from(p.value.data)).toEqual([0.5, -1, -0.5, 3]);
    // The gradient is unscaled in place: ∂L/∂θ after the step.
    expect(Array.from(p.grad.data)).toEqual([1, 6, 7, 2]);
    expect(optimizer.lossScale()).toBe(2 ** 15);
  });

  it('test_infinite_step: a non-finite gradient skips the update and halves the scale', () => {
    const optimizer = new LossScaleOptimizer({ innerOptimizer: new SGD({ learningRate: 0.5 }) });
    const p = param([1, 2, 3, 4], [Infinity, Infinity, Infinity, Infinity]);
    const q = param([5], [1]);
    optimizer.step([q, p]);
    expect(Array.from(p.value.data)).toEqual([1, 2, 3, 4]);
    expect(Array.from(q.value.data)).toEqual([5]); // no parameter moves, finite ones included
    expect(optimizer.lossScale()).toBe(2 ** 14);
    optimizer.step([param([1], [NaN])]);
    expect(optimizer.lossScale()).toBe(2 ** 13);
  });

  it('test_downscaling: initial_scale 400 after 4 infinite steps is 25', () => {
    const optimizer = new LossScaleOptimizer({ innerOptimizer: new SGD({ learningRate: 0.5 }), initialScale: 400 });
    for (let i = 0; i < 4; i++) optimizer.step([param([1, 2, 3, 4], [Infinity, Infinity, Infinity, Infinity])]);
    expect(optimizer.lossScale()).toBe(25);
  });

  it('test_upscaling: initial_scale 2, dynamic_growth_steps 2, after 8 finite steps is 32', () => {
    const optimizer = new LossScaleOptimizer({ innerOptimizer: new SGD({ learningRate: 0.5 }), initialScale: 2, dynamicGrowthSteps: 2 });
    const p = param([1, 2, 3, 4], [1, 6, 7, 2]);
    for (let i = 0; i < 8; i++) {
      p.grad.data.set([1, 6, 7, 2]);
      optimizer.step([p]);
    }
    expect(optimizer.lossScale()).toBe(32);
    // A non-finite step restarts the count: two more finite steps are needed to double again.
    optimizer.step([param([1], [Infinity])]);
    expect(optimizer.lossScale()).toBe(16);
    optimizer.step([param([1], [1])]);
    expect(optimizer.lossScale()).toBe(16);
    optimizer.step([param([1], [1])]);
    expect(optimizer.lossScale()).toBe(32);
  });

  it('test_iterations_update: the count is the inner optimizer\'s, and a skipped step does not count', () => {
    const inner = new SGD({ learningRate: 0.5 });
    const optimizer = new LossScaleOptimizer({ innerOptimizer: inner });
    expect(optimizer.iterations).toBe(0);
    for (let i = 0; i < 3; i++) {
      optimizer.step([param([1, 2, 3, 4], [1, 6, 7, 2])]);
      expect(optimizer.iterations).toBe(i + 1);
    }
    optimizer.step([param([1], [Infinity])]);
    expect(optimizer.iterations).toBe(3);
    expect(inner.iterations).toBe(3);
    optimizer.iterations = 7;
    expect(inner.iterations).toBe(7);
    optimizer.learningRate = 0.25;
    expect(inner.learningRate).toBe(0.25);
    expect(optimizer.currentLearningRate()).toBe(0.25);
  });

  it('test_serialization and test_config: innerOptimizer, initialScale, dynamicGrowthSteps round-trip through the registry', () => {
    const optimizer = new LossScaleOptimizer({ innerOptimizer: new SGD({ learningRate: 0.5, momentum: 0.06, nesterov: true, weightDecay: 0.004 }), initialScale: 3, dynamicGrowthSteps: 2 });
    const config = optimizer.getConfig();
    expect(Object.keys(config)).toEqual(['innerOptimizer', 'initialScale', 'dynamicGrowthSteps']);
    expect(config).toMatchObject({ initialScale: 3, dynamicGrowthSteps: 2, innerOptimizer: { className: 'SGD', config: { learningRate: 0.5, momentum: 0.06, nesterov: true, weightDecay: 0.004 } } });
    const copy = optimizers.create('LossScaleOptimizer', JSON.parse(JSON.stringify(config)) as object) as LossScaleOptimizer;
    expect(copy).toBeInstanceOf(LossScaleOptimizer);
    expect(copy.innerOptimizer).toBeInstanceOf(SGD);
    expect(copy.getConfig()).toEqual(config);
    expect(optimizers.create('loss_scale_optimizer', { innerOptimizer: new Adam() }).className).toBe('LossScaleOptimizer');
  });

  it('test_init_base_optimizer_unsupported_args and test_init_unsupported_arg', () => {
    const inner = new SGD({ learningRate: 0.5 });
    for (const [key, value] of [['weightDecay', 0.5], ['clipNorm', 0.5], ['globalClipNorm', 0.5], ['clipValue', 0.5], ['useEma', true], ['emaMomentum', 0.5],
      ['emaOverwriteFrequency', 2], ['gradientAccumulationSteps', 2], ['learningRate', 0.1]] as const) {
      expect(() => new LossScaleOptimizer({ innerOptimizer: inner, [key]: value } as never)).toThrow(
        new ConfigError(`LossScaleOptimizer does not support ${key}. Instead, set ${key} on the innerOptimizer`),
      );
    }
    expect(() => new LossScaleOptimizer({ innerOptimizer: inner, foo: true } as never)).toThrow(/LossScaleOptimizer: unknown option 'foo'/);
    expect(() => new LossScaleOptimizer({ innerOptimizer: 'sgd' } as never)).toThrow('LossScaleOptimizer: innerOptimizer must be an Optimizer');
    expect(() => new LossScaleOptimizer({ innerOptimizer: new LossScaleOptimizer({ innerOptimizer: inner }) })).toThrow('must not be a LossScaleOptimizer');
    expect(() => new LossScaleOptimizer({ innerOptimizer: inner, initialScale: 0 })).toThrow('LossScaleOptimizer: initialScale must be a finite number > 0, got 0');
    expect(() => new LossScaleOptimizer({ innerOptimizer: inner, dynamicGrowthSteps: 1.5 })).toThrow('LossScaleOptimizer: dynamicGrowthSteps must be an integer >= 1, got 1.5');
  });
});

describe('LossScaleOptimizer in training', () => {
  /** A float64 regression model with an L2 penalty on its first kernel. */
  function model(optimizer: Optimizer): Sequential {
    setSeed(11);
    const m = new Sequential({ dtype: 'float64', layers: [
      new Dense({ units: 4, activation: 'tanh', inputShape: [3], kernelRegularizer: l2(0.05) }),
      new Dense({ units: 2 }),
    ] });
    m.compile({ optimizer, loss: 'mse' });
    return m;
  }
  const x = tensor([[0.1, -0.4, 0.3], [0.9, 0.2, -0.5], [-0.3, 0.8, 0.1], [0.5, -0.6, 0.7], [0.2, 0.2, -0.9], [-0.7, 0.1, 0.4]], undefined, 'float64');
  const y = tensor([[1, 0], [0, 1], [0.5, 0.5], [1, 1], [0, 0], [0.2, 0.8]], undefined, 'float64');

  it('scales the loss gradient and the penalty\'s by S and unscales before the update: the same steps as the inner optimizer alone', async () => {
    // Scales are powers of 2, so g·S/S is exactly g: the two runs agree bit for bit.
    const plain = model(new Adam({ learningRate: 0.05 }));
    const scaled = model(new LossScaleOptimizer({ innerOptimizer: new Adam({ learningRate: 0.05 }), initialScale: 2 ** 20, dynamicGrowthSteps: 2 }));
    const h1 = await plain.fit(x, y, { epochs: 3, batchSize: 2, seed: 4, verbose: 0 });
    const h2 = await scaled.fit(x, y, { epochs: 3, batchSize: 2, seed: 4, verbose: 0 });
    expect(h2.history.loss).toEqual(h1.history.loss); // the reported loss is unscaled
    expect(scaled.getWeights().map((w) => Array.from(w.data))).toEqual(plain.getWeights().map((w) => Array.from(w.data)));
    // 9 finite steps, doubling after every 2: four doublings.
    expect(scaled.optimizer?.lossScale()).toBe(2 ** 24);
    expect(scaled.optimizer?.iterations).toBe(9);
  });

  it('the gradients the step sees are S·∂L/∂θ, penalty included (computeGradients is unscaled)', () => {
    const scale = 2 ** 6;
    const lso = new LossScaleOptimizer({ innerOptimizer: new SGD({ learningRate: 0 }), initialScale: scale });
    const m = model(lso);
    const seen: number[][] = [];
    // What reaches the wrapper: record the grads before it unscales them.
    const outer = lso.step.bind(lso);
    lso.step = (params) => { seen.push(...params.map((p) => Array.from(p.grad.data))); outer(params); };
    m.trainOnBatch(x, y);
    const reference = model(new SGD({ learningRate: 0 }));
    const expected = reference.layers.flatMap((l) => l.trainableParams());
    reference.trainOnBatch(x, y);
    expected.map((p) => Array.from(p.grad.data)).forEach((g, k) => g.forEach((v, i) => expect(seen[k][i]).toBe(v * scale)));
    // Gradients for the user are never scaled.
    const gradsOf = (model: Sequential): number[][] => model.layers.flatMap((l) => l.trainableParams()).map((p) => Array.from(p.grad.data));
    m.computeGradients(x, y);
    reference.computeGradients(x, y);
    expect(gradsOf(m)).toEqual(gradsOf(reference));
  });

  it('GradientMonitor reports the norms of ∂L/∂θ, not of S·∂L/∂θ', async () => {
    const run = async (optimizer: Optimizer): Promise<GradientMonitor> => {
      const monitor = new GradientMonitor({ updateFreq: 1 });
      await model(optimizer).fit(x, y, { epochs: 1, batchSize: 6, shuffle: false, verbose: 0, callbacks: [monitor] });
      return monitor;
    };
    const plain = await run(new SGD({ learningRate: 0.1 }));
    const scaled = await run(new LossScaleOptimizer({ innerOptimizer: new SGD({ learningRate: 0.1 }), initialScale: 2 ** 12 }));
    const layersOf = (m: GradientMonitor) => m.records[0].layers;
    layersOf(scaled).forEach((layer, k) => {
      expect(layer.grads.dW).toBeCloseTo(layersOf(plain)[k].grads.dW as number, 12);
      expect(layer.updateRatios.W).toBeCloseTo(layersOf(plain)[k].updateRatios.W as number, 12);
      if (layer.dAPrev !== null) expect(layer.dAPrev).toBeCloseTo(layersOf(plain)[k].dAPrev as number, 12);
    });
  });

  it('survives a saved trainingConfig with its inner optimizer', () => {
    const m = model(new LossScaleOptimizer({ innerOptimizer: new Adam({ learningRate: 0.02 }), initialScale: 2 ** 8, dynamicGrowthSteps: 5 }));
    m.trainOnBatch(x, y);
    for (const includeOptimizer of [false, true]) {
      const copy = fromJSON(m.toJSON({ includeOptimizer }));
      const optimizer = copy.optimizer as LossScaleOptimizer;
      expect(optimizer).toBeInstanceOf(LossScaleOptimizer);
      expect(optimizer.getConfig()).toEqual(m.optimizer?.getConfig());
      expect(optimizer.innerOptimizer).toBeInstanceOf(Adam);
      expect(optimizer.iterations).toBe(includeOptimizer ? 1 : 0);
    }
  });
});
