/**
 * Configs: getConfig → fromConfig is the identity for every registered layer, loss, optimizer
 * and schedule, also through the Keras key conversion of model.json and through a saved
 * trainingConfig; and the name, checksum and initializer conversions the format relies on.
 */
import { layerSample } from '../../helpers/layer-samples';
import {
  BatchNormalization, Dense, Dropout, ELU, Flatten, GELU, LayerNormalization, LeakyReLU, PReLU, Reshape, Sequential,
  Layer, layers, losses, optimizers, schedules, l2, setSeed,
} from '../../../lib';
import { fromJSON, type JsonValue } from '../../../lib/serialization';
import { crc32 } from '../../../lib/serialization/checksum';
import { initializerFromKeras, initializerToKeras } from '../../../lib/serialization/initializer-json';
import { fromKerasKeys, toCamelCase, toKerasKeys, toSnakeCase } from '../../../lib/serialization/keras-case';

/** The identity through model.json's key spelling: camelCase → snake_case → camelCase. */
function throughKeras(config: object): unknown {
  return fromKerasKeys(toKerasKeys(config));
}

describe('layers', () => {
  const samples: Layer[] = [
    new Dense({ units: 3, activation: 'relu', useBias: false, kernelInitializer: 'heNormal', kernelRegularizer: l2(0.01), inputShape: [4], trainable: false }),
    new Dense({ units: 2, activation: new LeakyReLU({ alpha: 0.2 }), biasInitializer: { className: 'Constant', config: { value: 0.5 } } }),
    new LeakyReLU({ alpha: 0.05 }), new ELU({ alpha: 0.3 }), new GELU({ approximate: true }), new PReLU({ alphaInitializer: 'ones' }),
    new BatchNormalization({ momentum: 0.8, epsilon: 0.01, center: false, movingMeanInitializer: 'ones' }),
    new LayerNormalization({ scale: false }), new Dropout({ rate: 0.25, seed: 3 }), new Flatten(), new Reshape({ targetShape: [2, 2] }),
    ...layers.names().map((name) => layers.create(name, layerSample(name).options)),
  ];

  test.each(samples.map((l) => [l.describe(), l] as const))('%s: getConfig → fromConfig → getConfig, directly and through snake_case', (_, layer) => {
    const config = layer.getConfig();
    expect(layers.create(layer.className, config).getConfig()).toEqual(config);
    expect(throughKeras(config)).toEqual(config);
  });
});

describe('losses', () => {
  const samples = [
    ...losses.names().map((name) => losses.create(name)),
    losses.create('CategoricalCrossentropy', { fromLogits: true, labelSmoothing: 0.1 }),
    losses.create('BinaryCrossentropy', { fromLogits: true }),
  ];
  test.each(samples.map((l) => [l.className, l] as const))('%s: getConfig → create → getConfig, directly and through snake_case', (_, loss) => {
    const config = loss.getConfig();
    expect(losses.create(loss.className, config).getConfig()).toEqual(config);
    expect(throughKeras(config)).toEqual(config);
  });
});

describe('optimizers and schedules', () => {
  const scheduleSamples: Record<string, object> = {
    ExponentialDecay: { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9, staircase: true },
    PiecewiseConstantDecay: { boundaries: [5, 10], values: [0.1, 0.05, 0.01] },
    PolynomialDecay: { initialLearningRate: 0.1, decaySteps: 10, endLearningRate: 0.01, power: 2, cycle: true },
    InverseTimeDecay: { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 },
    CosineDecay: { initialLearningRate: 0.1, decaySteps: 10, alpha: 0.1 },
    CosineDecayRestarts: { initialLearningRate: 0.1, firstDecaySteps: 10, tMul: 2, mMul: 0.5 },
  };

  test('every schedule has a sample', () => {
    expect(schedules.names().sort()).toEqual(Object.keys(scheduleSamples).sort());
  });

  test.each(Object.entries(scheduleSamples))('%s: getConfig → create → getConfig, directly and through snake_case', (name, options) => {
    const config = schedules.create(name, options).getConfig();
    expect(schedules.create(name, config).getConfig()).toEqual(config);
    expect(throughKeras(config)).toEqual(config);
  });

  const optimizerSamples = [
    // LossScaleOptimizer wraps another optimizer, which it requires (as Keras does).
    ...optimizers.names().filter((name) => name !== 'LossScaleOptimizer').map((name) => optimizers.create(name)),
    optimizers.create('LossScaleOptimizer', { innerOptimizer: optimizers.create('Adam', { amsgrad: true, clipNorm: 1 }), initialScale: 256, dynamicGrowthSteps: 10 }),
    optimizers.create('SGD', { learningRate: 0.1, momentum: 0.9, nesterov: true, clipNorm: 1 }),
    optimizers.create('Adam', { learningRate: { className: 'ExponentialDecay', config: scheduleSamples.ExponentialDecay }, amsgrad: true, clipValue: 0.5 }),
  ];
  test.each(optimizerSamples.map((o) => [o.className, o] as const))('%s: getConfig → create → getConfig, directly and through snake_case', (_, optimizer) => {
    const config = optimizer.getConfig();
    expect(optimizers.create(optimizer.className, config).getConfig()).toEqual(config);
    expect(throughKeras(config)).toEqual(config);
  });

  test.each(optimizerSamples.map((o) => [o.className, o] as const))('%s and a loss with options survive a saved trainingConfig', (_, optimizer) => {
    setSeed(2);
    const model = new Sequential([new Dense({ units: 2, inputShape: [2] })]);
    const loss = losses.create('CategoricalCrossentropy', { fromLogits: true });
    model.compile({ optimizer, loss, metrics: ['accuracy'] });
    const copy = fromJSON(model.toJSON({ includeOptimizer: true }));
    expect(copy.optimizer).not.toBe(optimizer);
    expect(copy.optimizer?.className).toBe(optimizer.className);
    expect(copy.optimizer?.getConfig()).toEqual(optimizer.getConfig());
    expect(copy.loss?.getConfig()).toEqual(loss.getConfig());
    expect(copy.metrics).toEqual(['accuracy']);
  });
});

describe('the conversions model.json relies on', () => {
  test('snake_case and camelCase, as TensorFlow.js converts them', () => {
    const pairs = [['useBias', 'use_bias'], ['batchInputShape', 'batch_input_shape'], ['movingMeanInitializer', 'moving_mean_initializer'],
      ['beta1', 'beta1'], ['tMul', 't_mul'], ['fromLogits', 'from_logits'], ['units', 'units'], ['fanAvg', 'fan_avg']];
    for (const [camel, snake] of pairs) {
      expect(toSnakeCase(camel)).toBe(snake);
      expect(toCamelCase(snake)).toBe(camel);
    }
    expect(toKerasKeys({ className: 'L2', config: { l2: 0.1, someOption: [{ innerKey: null }] } }))
      .toEqual({ class_name: 'L2', config: { l2: 0.1, some_option: [{ inner_key: null }] } });
  });

  test('CRC-32 of the standard check string "123456789" is cbf43926', () => {
    expect(crc32(new TextEncoder().encode('123456789').buffer as ArrayBuffer)).toBe('cbf43926');
    expect(crc32(new ArrayBuffer(0))).toBe('00000000');
  });

  test('initializers: written as TensorFlow.js writes them, read back to the same preset', () => {
    expect(initializerToKeras('glorotUniform')).toEqual({ class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'uniform', seed: null } });
    expect(initializerToKeras({ className: 'HeNormal', config: { seed: 4 } })).toEqual({ class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'truncated_normal', seed: 4 } });
    expect(initializerToKeras('zeros')).toEqual({ class_name: 'Zeros', config: {} });
    // TensorFlow.js writes glorotNormal as the legacy 'normal' distribution, which is truncated.
    expect(initializerFromKeras({ class_name: 'VarianceScaling', config: { scale: 1, mode: 'fan_avg', distribution: 'normal', seed: null } })).toBe('glorotNormal');
    expect(initializerFromKeras({ class_name: 'VarianceScaling', config: { scale: 2, mode: 'fan_in', distribution: 'truncated_normal', seed: 4 } }))
      .toEqual({ className: 'HeNormal', config: { seed: 4 } });
    expect(initializerFromKeras({ class_name: 'VarianceScaling', config: { scale: 3, mode: 'fan_out', distribution: 'untruncated_normal' } }))
      .toEqual({ className: 'VarianceScaling', config: { scale: 3, mode: 'fanOut', distribution: 'untruncatedNormal' } });
    expect(initializerFromKeras({ class_name: 'RandomUniform', config: { minval: -0.1, maxval: 0.1, seed: null } as Record<string, JsonValue> }))
      .toEqual({ className: 'RandomUniform', config: { minval: -0.1, maxval: 0.1 } });
    expect(initializerFromKeras({ class_name: 'Orthogonal', config: { gain: 2, seed: null } as Record<string, JsonValue> }))
      .toEqual({ className: 'Orthogonal', config: { gain: 2 } });
    expect(initializerFromKeras({ class_name: 'Identity', config: { gain: 2 } })).toEqual({ className: 'Identity', config: { gain: 2 } });
    // Keras 3's STFT initializer is not in layerwise.
    expect(() => initializerFromKeras({ class_name: 'STFT', config: {} })).toThrow(/unknown initializer 'STFT'/);
  });
});
