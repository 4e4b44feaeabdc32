/**
 * Lion, Lamb, Ftrl and Adafactor against keras/src/optimizers/*_test.py (test names quoted
 * beside each number): `test_single_step` from weights [1, 2, 3, 4] and gradients [1, 6, 7, 2],
 * and `test_correctness_with_golden`: one step of gradients 0.01 on ten ones, then five steps of
 * gradients 0.1, 0.2, …, 1.0, the weights checked before each of them (rtol = atol = 5e-4).
 */
import { ConfigError } from '../../lib/errors';
import { tensor } from '../../lib/tensor';
import { Adafactor, Ftrl, Lamb, Lion, Muon, optimizers, type Optimizer } from '../../optimizers';
import { makeParam, setGrad, valuesOf } from './fixtures';

/** Every registered optimizer but LossScaleOptimizer, which leaves these options to its inner optimizer (loss-scale-optimizer.spec.ts). */
const baseOptimizerNames = optimizers.names().filter((name) => name !== 'LossScaleOptimizer');

/** `assertAllClose(actual, expected, rtol, atol)`. */
function expectAllClose(actual: number[], expected: number[], tol: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(Math.abs(a - expected[i])).toBeLessThanOrEqual(tol + tol * Math.abs(expected[i])));
}

function singleStep(optimizer: Optimizer, start = [1, 2, 3, 4], grads = [1, 6, 7, 2]): number[] {
  const p = makeParam(start);
  setGrad(p, grads);
  optimizer.step([p]);
  return valuesOf(p.value);
}

/** The golden protocol: the weights before each of the five steps of gradients 0.1…1.0, after the first 0.01 step. */
function golden(optimizer: Optimizer): number[][] {
  const p = makeParam(new Array<number>(10).fill(1));
  setGrad(p, new Array<number>(10).fill(0.01));
  optimizer.step([p]);
  const seen: number[][] = [];
  for (let i = 0; i < 5; i++) {
    seen.push(valuesOf(p.value));
    setGrad(p, Array.from({ length: 10 }, (_, j) => 0.1 * (j + 1)));
    optimizer.step([p]);
  }
  return seen;
}

const tile = (column: number[]): number[][] => column.map((v) => new Array<number>(10).fill(v));

describe('Lion (lion_test.py)', () => {
  it('test_single_step: [0.5, 1.5, 2.5, 3.5]', () => {
    expectAllClose(singleStep(new Lion({ learningRate: 0.5 })), [0.5, 1.5, 2.5, 3.5], 1e-4);
  });
  it('test_correctness_with_golden: 0.999, 0.998, 0.997, 0.996, 0.995', () => {
    golden(new Lion()).forEach((row, i) => expectAllClose(row, tile([0.999, 0.998, 0.997, 0.996, 0.995])[i], 5e-4));
  });
  it('test_invalid_beta_1: beta1 must be in (0, 1]', () => {
    expect(() => new Lion({ beta1: 0 })).toThrow(new ConfigError('Lion: beta1 must be a number in (0, 1] (0 makes it SignSGD), got 0'));
    expect(() => new Lion({ beta1: 1.1 })).toThrow(ConfigError);
  });
});

describe('Lamb (lamb_test.py)', () => {
  it('test_single_step: [-0.3693, 0.6306, 1.6306, 2.6306]', () => {
    expectAllClose(singleStep(new Lamb({ learningRate: 0.5 })), [-0.3693, 0.6306, 1.6306, 2.6306], 1e-4);
  });
  it('test_correctness_with_golden: 0.999, 0.9982, 0.9974, 0.9965, 0.9955', () => {
    golden(new Lamb()).forEach((row, i) => expectAllClose(row, tile([0.999, 0.9982, 0.9974, 0.9965, 0.9955])[i], 5e-4));
  });
});

describe('Ftrl (ftrl_test.py)', () => {
  it('test_single_step: [0.2218, 1.3954, 2.3651, 2.8814]', () => {
    expectAllClose(singleStep(new Ftrl({ learningRate: 0.5 })), [0.2218, 1.3954, 2.3651, 2.8814], 1e-4);
  });
  it('test_correctness_with_golden, with every regularizer and beta set', () => {
    const expected = [
      [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
      [-0.0034, -0.0077, -0.0118, -0.0157, -0.0194, -0.023, -0.0263, -0.0294, -0.0325, -0.0354],
      [-0.0078, -0.0162, -0.0242, -0.0317, -0.0387, -0.0454, -0.0516, -0.0575, -0.0631, -0.0685],
      [-0.0121, -0.0246, -0.0363, -0.0472, -0.0573, -0.0668, -0.0757, -0.0842, -0.0922, -0.0999],
      [-0.0164, -0.0328, -0.0481, -0.0623, -0.0753, -0.0875, -0.099, -0.1098, -0.1201, -0.1299],
    ];
    const ftrl = new Ftrl({
      learningRate: 0.05, learningRatePower: -0.2, initialAccumulatorValue: 0.4, l1RegularizationStrength: 0.05,
      l2RegularizationStrength: 0.15, l2ShrinkageRegularizationStrength: 0.01, beta: 0.3,
    });
    golden(ftrl).forEach((row, i) => expectAllClose(row, expected[i], 5e-4));
  });
  it('test_invalid_*: rejects a positive power and negative accumulators or strengths', () => {
    expect(() => new Ftrl({ learningRatePower: 0.5 })).toThrow(new ConfigError('Ftrl: learningRatePower must be a finite number <= 0, got 0.5'));
    expect(() => new Ftrl({ initialAccumulatorValue: -1 })).toThrow(new ConfigError('Ftrl: initialAccumulatorValue must be a finite number >= 0, got -1'));
    for (const key of ['l1RegularizationStrength', 'l2RegularizationStrength', 'l2ShrinkageRegularizationStrength'] as const) {
      expect(() => new Ftrl({ [key]: -0.1 })).toThrow(new ConfigError(`Ftrl: ${key} must be a finite number >= 0, got -0.1`));
    }
  });
});

describe('Adafactor (adafactor_test.py)', () => {
  it('test_single_step_1d: [-0.3693, 0.6307, 1.6307, 2.6307]', () => {
    expectAllClose(singleStep(new Adafactor({ learningRate: 0.5 })), [-0.3693, 0.6307, 1.6307, 2.6307], 1e-4);
  });
  it('test_single_step_2d (factored second moment): [[0.7007, -0.0081], [1.2492, 3.4407]]', () => {
    const p = { name: 'W', weightName: 'kernel', value: tensor([[1, 2], [3, 4]], undefined, 'float64'), grad: tensor([[1, 6], [7, 2]], undefined, 'float64') };
    new Adafactor({ learningRate: 0.5 }).step([p]);
    expectAllClose(valuesOf(p.value), [0.7007, -0.0081, 1.2492, 3.4407], 1e-4);
  });
  it('test_correctness_with_golden', () => {
    const expected = [
      new Array<number>(10).fill(0.55),
      [0.3031, 0.3026, 0.3025, 0.3024, 0.3024, 0.3024, 0.3024, 0.3024, 0.3024, 0.3024],
      [0.1671, 0.1665, 0.1663, 0.1663, 0.1663, 0.1663, 0.1663, 0.1663, 0.1663, 0.1663],
      [0.0923, 0.0916, 0.0915, 0.0914, 0.0914, 0.0914, 0.0914, 0.0914, 0.0914, 0.0914],
      [0.0554, 0.0548, 0.0546, 0.0546, 0.0546, 0.0546, 0.0546, 0.0545, 0.0545, 0.0545],
    ];
    const adafactor = new Adafactor({ learningRate: 0.5, beta2Decay: -0.65, epsilon1: 1e-15, epsilon2: 1e-4, clipThreshold: 0.9, relativeStep: false });
    golden(adafactor).forEach((row, i) => expectAllClose(row, expected[i], 5e-4));
  });
  it('keeps r and c for a rank-3 parameter (the last two axes factored) and v for a vector', () => {
    const opt = new Adafactor();
    const p3 = { name: 'W', weightName: 'kernel', value: tensor(new Float64Array(24).fill(1), [2, 3, 4], 'float64'), grad: tensor(new Float64Array(24).fill(0.5), [2, 3, 4], 'float64') };
    const state = opt.stateTensors(p3);
    expect(Object.fromEntries(Object.entries(state).map(([k, t]) => [k, t.shape]))).toEqual({ r: [2, 3], c: [2, 4], v: [2, 3, 4] });
    expect(Object.keys(opt.stateTensors(makeParam([1, 2])))).toEqual(['v']);
    opt.step([p3]);
    expect(valuesOf(p3.value).every((v) => v < 1)).toBe(true);
  });
});

describe('the new optimizers in the registry and configs', () => {
  it.each([['lion', Lion], ['lamb', Lamb], ['ftrl', Ftrl], ['adafactor', Adafactor]] as const)("'%s' resolves, and getConfig → create → getConfig is the identity", (name, Cls) => {
    const optimizer = optimizers.create(name, { learningRate: 0.02, clipNorm: 1 });
    expect(optimizer).toBeInstanceOf(Cls);
    const config = optimizer.getConfig();
    expect(optimizers.create(optimizer.className, config).getConfig()).toEqual(config);
  });
  it('clips before the update like every optimizer (test_clip_norm, test_clip_value)', () => {
    expectAllClose(singleStep(new Lion({ learningRate: 1, clipValue: 1 }), [0, 0], [100, -100]), [-1, 1], 0);
    const lamb = new Lamb({ clipNorm: 1 }), plain = new Lamb();
    expectAllClose(singleStep(lamb, [1, 2], [100, 100]), singleStep(plain, [1, 2], [Math.SQRT1_2, Math.SQRT1_2]), 1e-12);
  });
});

describe('weightDecay on every optimizer (Keras\'s base-optimizer option)', () => {
  it('lion_test.py test_weight_decay: three decays of 2.0 by 0.004 at η = 1 give 1.9760959 (the gradient is 0)', () => {
    const p = makeParam([2]);
    for (let k = 0; k < 3; k++) new Lion({ learningRate: 1, weightDecay: 0.004 }).step([p]);
    expect(valuesOf(p.value)[0]).toBeCloseTo(1.9760959, 6);
  });

  it.each(baseOptimizerNames)('%s: a step with weightDecay λ is the step without it from the decayed weights W·(1 − η·λ)', (name) => {
    const decayed = makeParam([1.5, -2, 0.5]), manual = makeParam([1.5 * (1 - 0.1 * 0.2), -2 * (1 - 0.1 * 0.2), 0.5 * (1 - 0.1 * 0.2)]);
    const grads = [0.3, -0.7, 1.1];
    setGrad(decayed, grads);
    setGrad(manual, grads);
    // Muon decays a vector by its adamWeightDecay (the AdamW path); every other optimizer by weightDecay.
    const decay = (λ: number): object => (name === 'Muon' ? { weightDecay: λ, adamWeightDecay: λ } : { weightDecay: λ });
    optimizers.create(name, { learningRate: 0.1, ...decay(0.2) }).step([decayed]);
    optimizers.create(name, { learningRate: 0.1, ...decay(0) }).step([manual]);
    valuesOf(decayed.value).forEach((v, i) => expect(v).toBeCloseTo(valuesOf(manual.value)[i], 12));
  });

  it('is off by default but on AdamW (0.004), appears in getConfig only when on, and is validated', () => {
    expect(new Lion().weightDecay).toBeNull();
    expect('weightDecay' in new Lion().getConfig()).toBe(false);
    expect(optimizers.create('AdamW').getConfig().weightDecay).toBe(0.004);
    expect(optimizers.create('SGD', { weightDecay: 0.01 }).getConfig().weightDecay).toBe(0.01);
    expect(() => new Lamb({ weightDecay: -1 })).toThrow(new ConfigError('Lamb: weightDecay must be a finite number >= 0, got -1'));
  });
});

describe('gradientAccumulationSteps on every optimizer (optimizer_test.py)', () => {
  it('test_gradient_accumulation: SGD(η = 1, k = 3) moves on every third call by the mean gradient', () => {
    const p = { name: 'W', weightName: 'kernel', value: tensor([[1, 2], [3, 4]], undefined, 'float64'), grad: tensor([[1, 1], [1, 1]], undefined, 'float64') };
    const sgd = optimizers.create('SGD', { learningRate: 1, gradientAccumulationSteps: 3 });
    const seen: [number[], number[], number, number][] = [];
    for (let call = 0; call < 4; call++) {
      sgd.step([p]);
      seen.push([valuesOf(p.value), valuesOf(sgd.stateTensors(p).accumulated), sgd.iterations, sgd.updateIterations]);
    }
    expect(seen).toEqual([
      [[1, 2, 3, 4], [1, 1, 1, 1], 1, 0],
      [[1, 2, 3, 4], [2, 2, 2, 2], 2, 0],
      [[0, 1, 2, 3], [0, 0, 0, 0], 3, 1],
      [[0, 1, 2, 3], [1, 1, 1, 1], 4, 1],
    ]);
  });

  it.each(baseOptimizerNames)('%s: test_gradient_accumulation_with_weigth_decay: k = 3 calls equal one call with the mean gradient', (name) => {
    const one = optimizers.create(name, { weightDecay: 0.05 });
    const three = optimizers.create(name, { weightDecay: 0.05, gradientAccumulationSteps: 3 });
    const p1 = { name: 'W', weightName: 'kernel', value: tensor([[0.9], [0.5]], undefined, 'float64'), grad: tensor([[0], [0]], undefined, 'float64') };
    const p3 = { name: 'W', weightName: 'kernel', value: tensor([[0.9], [0.5]], undefined, 'float64'), grad: tensor([[0], [0]], undefined, 'float64') };
    let seed = 1;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let epoch = 0; epoch < 8; epoch++) {
      const grads = [0, 1, 2].map(() => [random(), random()]);
      setGrad(p1, [0, 1].map((i) => (grads[0][i] + grads[1][i] + grads[2][i]) / 3));
      one.step([p1]);
      for (const g of grads) {
        setGrad(p3, g);
        three.step([p3]);
      }
    }
    valuesOf(p3.value).forEach((v, i) => expect(v).toBeCloseTo(valuesOf(p1.value)[i], 6));
    expect(three.updateIterations).toBe(one.iterations);
  });

  it('is validated and kept in getConfig only when on', () => {
    expect(() => new Lion({ gradientAccumulationSteps: 0 })).toThrow(new ConfigError('Lion: gradientAccumulationSteps must be an integer >= 1 or null, got 0'));
    expect('gradientAccumulationSteps' in new Lion().getConfig()).toBe(false);
    expect(optimizers.create('Adam', { gradientAccumulationSteps: 4 }).getConfig().gradientAccumulationSteps).toBe(4);
  });
});

describe('useEma, emaMomentum, emaOverwriteFrequency (optimizer_test.py)', () => {
  it('test_ema: SGD(η = 1, μ = 0.9, overwrite every 3): the average starts at W, and the third update writes it back', () => {
    const p = { name: 'W', weightName: 'kernel', value: tensor([[3, 4], [5, 6]], undefined, 'float64'), grad: tensor([[1, 1], [1, 1]], undefined, 'float64') };
    const sgd = optimizers.create('SGD', { learningRate: 1, useEma: true, emaMomentum: 0.9, emaOverwriteFrequency: 3 });
    const expected = [
      [[2, 3, 4, 5], [2, 3, 4, 5]],
      [[1, 2, 3, 4], [1.9, 2.9, 3.9, 4.9]],
      [[1.71, 2.71, 3.71, 4.71], [1.71, 2.71, 3.71, 4.71]],
    ];
    for (const [weights, average] of expected) {
      sgd.step([p]);
      expectAllClose(valuesOf(p.value), weights, 1e-12);
      expectAllClose(valuesOf(sgd.stateTensors(p).average), average, 1e-12);
    }
  });

  it('test_ema_with_model_fit: after 2 epochs the average is 0.891 and fit writes it into the kernel', async () => {
    const { Dense, Sequential } = await import('../../lib');
    const model = new Sequential([new Dense({ units: 2, useBias: false, kernelInitializer: 'ones', inputShape: [1] })]);
    const sgd = optimizers.create('SGD', { learningRate: 0.1, useEma: true, emaMomentum: 0.9 });
    model.compile({ optimizer: sgd, loss: 'mse' });
    await model.fit(tensor([[1]], undefined, 'float64'), tensor([[0, 0]], undefined, 'float64'), { epochs: 2, batchSize: 1, verbose: 0 });
    const kernel = model.layers[0].params()[0];
    expectAllClose(valuesOf(sgd.stateTensors(kernel).average), [0.891, 0.891], 1e-5);
    expectAllClose(valuesOf(kernel.value), [0.891, 0.891], 1e-5);
  });

  it('is validated, off by default, and in getConfig only when on', () => {
    expect(new Lion().useEma).toBe(false);
    expect('useEma' in new Lion().getConfig()).toBe(false);
    expect(optimizers.create('Adam', { useEma: true }).getConfig()).toMatchObject({ useEma: true, emaMomentum: 0.99, emaOverwriteFrequency: null });
    expect(() => new Lamb({ emaMomentum: 1 })).toThrow(new ConfigError('Lamb: emaMomentum must be a number in [0, 1), got 1'));
    expect(() => new Lamb({ useEma: true, emaOverwriteFrequency: 0 })).toThrow(new ConfigError('Lamb: emaOverwriteFrequency must be an integer >= 1 or null, got 0'));
  });
});

describe('Muon (muon_test.py)', () => {
  const matrix = (values: number[][], grads: number[][]): Param2 => ({ name: 'W', weightName: 'kernel', value: tensor(values, undefined, 'float64'), grad: tensor(grads, undefined, 'float64') });
  type Param2 = { name: string; weightName: string; value: ReturnType<typeof tensor>; grad: ReturnType<typeof tensor> };

  it('test_Newton_Schulz: five steps on [[0.2499, 0.9105], [0.2655, 0.8824]] give [[-0.4422, 0.6457], [0.7285, 0.2968]]', () => {
    // With momentum 0 and no Nesterov term the orthogonalized matrix is NS(g); η·√2·rmsRate = 1 reads it off the weights.
    const p = matrix([[0, 0], [0, 0]], [[0.2499, 0.9105], [0.2655, 0.8824]]);
    new Muon({ learningRate: 1 / (Math.SQRT2 * 0.2), momentum: 0, nesterov: false, weightDecay: 0 }).step([p]);
    expectAllClose(valuesOf(p.value).map((v) => -v), [-0.4422, 0.6457, 0.7285, 0.2968], 1e-3);
  });
  it('test_muon_single_step: [[0.988775, 1.887053], [2.873428, 3.97035]] (rtol = atol = 1e-2)', () => {
    const p = matrix([[1, 2], [3, 4]], [[1, 6], [7, 2]]);
    new Muon({ learningRate: 0.5, weightDecay: 0 }).step([p]);
    expectAllClose(valuesOf(p.value), [0.988775, 1.887053, 2.873428, 3.97035], 1e-2);
  });
  it('test_adamw_single_step: a vector takes the AdamW path, [0.5, 1.5, 2.5, 3.5]', () => {
    expectAllClose(singleStep(new Muon({ learningRate: 0.5, adamWeightDecay: 0 })), [0.5, 1.5, 2.5, 3.5], 1e-4);
  });
  it('test_muon_weight_decay and test_adamw_weight_decay: each path decays by its own factor', () => {
    const p = matrix([[1, 2], [3, 4]], [[0, 0], [0, 0]]);
    const bias = makeParam([2]);
    new Muon({ learningRate: 1, weightDecay: 0.01, adamWeightDecay: 0.03 }).step([p, bias]);
    expectAllClose(valuesOf(p.value), [0.99, 1.98, 2.97, 3.96], 1e-4);
    expectAllClose(valuesOf(bias.value), [2 * 0.97], 1e-4);
  });
  it('a tall matrix is orthogonalized through its transpose; the config round-trips', () => {
    const p = { name: 'W', weightName: 'kernel', value: tensor(new Float64Array(12), [4, 3], 'float64'), grad: tensor(Array.from({ length: 12 }, (_, i) => Math.sin(i + 1)), [4, 3], 'float64') };
    new Muon({ learningRate: 1, weightDecay: 0 }).step([p]);
    expect(valuesOf(p.value).every(Number.isFinite)).toBe(true);
    const muon = new Muon({ rmsRate: null, nsSteps: 3 });
    expect(optimizers.create('muon', muon.getConfig()).getConfig()).toEqual(muon.getConfig());
  });
});
