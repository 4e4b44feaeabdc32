/**
 * The activations Keras 3 has beyond the classic set, against the reference formulas and fixed
 * arrays of keras/src/activations/activations_test.py (test names quoted beside each case).
 */
import { ConfigError, ShapeError } from '../../../lib/errors';
import { fromJSON } from '../../../lib';
import { Sequential } from '../../../lib/sequential';
import { clone, tensor, zeros, type Tensor } from '../../../lib/tensor';
import {
  CELU, Dense, Exponential, getActivation, GLU, HardShrink, HardSilu, HardTanh, LogSigmoid, LogSoftmax, Mish,
  ReLU, ReLU6, SoftShrink, Sparsemax, SparsePlus, SparseSigmoid, Squareplus, TanhShrink, Threshold, type Layer,
} from '../../../layers';
import { Random } from '../../../lib/random';
import { expectClose } from '../../helpers/expect-close';
import { expectGradientsCorrect } from '../../helpers/gradcheck';

const f64 = (values: number[][]): Tensor => tensor(values, undefined, 'float64');
const keras = { rtol: 1e-5, atol: 1e-6 }; // activations_test.py's assertAllClose(…, rtol=1e-5)

/** Uniform in [low, high), nudged at least `gap` away from every kink in `kinks`. */
function awayFromKinks(shape: number[], seed: number, low: number, high: number, kinks: number[], gap = 0.05): Tensor {
  const rng = new Random(seed);
  const t = zeros(shape, 'float64');
  for (let i = 0; i < t.size; i++) {
    let v = rng.uniformRange(low, high);
    for (const k of kinks) if (Math.abs(v - k) < gap) v = k + (v < k ? -gap : gap);
    t.data[i] = v;
  }
  return t;
}

const softplus = (x: number): number => Math.log(1 + Math.exp(x)); // _ref_softplus
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * name, layer factory, Keras's reference (the test's own helper), kinks, input range, and the
 * gradient check's range when narrower: central differences of `Σ f(x)·R` lose about
 * `ε·|Σ|/h` to rounding, which swamps a tiny slope beside a large output (Exponential at 10).
 */
const elementwise: [string, () => Layer, (x: number) => number, number[], [number, number], [number, number]?][] = [
  // test_relu6: _ref_relu6(x) = min(max(0, x), 6)
  ['ReLU6', () => new ReLU6(), (x) => Math.min(Math.max(0, x), 6), [0, 6], [-3, 9]],
  // test_mish: x * np.tanh(_ref_softplus(x))
  ['Mish', () => new Mish(), (x) => x * Math.tanh(softplus(x)), [], [-10, 10]],
  // test_celu: np.maximum(x, 0.0) + alpha * np.expm1(np.minimum(x, 0.0) / alpha)
  ['CELU', () => new CELU(), (x) => Math.max(x, 0) + Math.expm1(Math.min(x, 0)), [], [-4, 4]],
  ['CELU alpha 0.5', () => new CELU({ alpha: 0.5 }), (x) => Math.max(x, 0) + 0.5 * Math.expm1(Math.min(x, 0) / 0.5), [], [-4, 4], [-2.5, 2.5]],
  // test_log_sigmoid: _ref_log_sigmoid(x) = -1 * _ref_softplus(-x)
  ['LogSigmoid', () => new LogSigmoid(), (x) => -softplus(-x), [], [-10, 10]],
  // test_hard_silu: x * np.minimum(np.maximum(0.0, x + 3.0), 6.0) * (1.0 / 6.0)
  ['HardSilu', () => new HardSilu(), (x) => x * Math.min(Math.max(0, x + 3), 6) / 6, [-3, 3], [-10, 10]],
  // test_hard_tanh: np.clip(x, -1.0, 1.0)
  ['HardTanh', () => new HardTanh(), (x) => Math.min(Math.max(x, -1), 1), [-1, 1], [-3, 3]],
  // test_sparse_plus: where(x <= -1, 0, where(x < 1, (1 / 4) * (x + 1) ** 2, x))
  ['SparsePlus', () => new SparsePlus(), (x) => (x <= -1 ? 0 : x < 1 ? 0.25 * (x + 1) ** 2 : x), [-1, 1], [-3, 3]],
  // test_squareplus: (x + np.sqrt(x**2 + b)) / 2 with b = 4
  ['Squareplus', () => new Squareplus(), (x) => (x + Math.sqrt(x * x + 4)) / 2, [], [-5, 5]],
  ['Squareplus b 1', () => new Squareplus({ b: 1 }), (x) => (x + Math.sqrt(x * x + 1)) / 2, [], [-5, 5]],
  // test_soft_shrink: where(x > threshold, x - threshold, where(x < -threshold, x + threshold, 0.0)), threshold 0.5
  ['SoftShrink', () => new SoftShrink(), (x) => (x > 0.5 ? x - 0.5 : x < -0.5 ? x + 0.5 : 0), [-0.5, 0.5], [-2, 2]],
  // test_hard_shrink: np.where(np.abs(x) > 0.5, x, 0.0)
  ['HardShrink', () => new HardShrink(), (x) => (Math.abs(x) > 0.5 ? x : 0), [-0.5, 0.5], [-2, 2]],
  // test_tanh_shrink: x - np.tanh(x)
  ['TanhShrink', () => new TanhShrink(), (x) => x - Math.tanh(x), [], [-3, 3]],
  // test_threshold: np.where(x > threshold_value, x, value), there with (0, 0); here also (0.5, −2)
  ['Threshold', () => new Threshold(), (x) => (x > 0 ? x : 0), [0], [-2, 2]],
  ['Threshold 0.5, -2', () => new Threshold({ threshold: 0.5, defaultValue: -2 }), (x) => (x > 0.5 ? x : -2), [0.5], [-2, 2]],
  // test_exponential: np.exp(x)
  ['Exponential', () => new Exponential(), (x) => Math.exp(x), [], [-10, 10], [-3, 3]],
  // test_sparse_sigmoid: _ref_sparse_sigmoid(x) = where(x <= -1, 0, where(x >= 1, 1, 0.5 * (x + 1)))
  ['SparseSigmoid', () => new SparseSigmoid(), (x) => (x <= -1 ? 0 : x >= 1 ? 1 : 0.5 * (x + 1)), [-1, 1], [-3, 3]],
  // test_relu_combined_all_parameters' options: relu(x, negative_slope=0.5, max_value=5.0, threshold=5.0)
  ['ReLU all options', () => new ReLU({ negativeSlope: 0.5, maxValue: 5, threshold: 5 }), (x) => (x > 5 ? Math.min(x, 5) : 0.5 * (x - 5)), [5], [-10, 10], [-10, 10]],
  ['ReLU negativeSlope, maxValue 8, threshold 1', () => new ReLU({ negativeSlope: 0.2, maxValue: 8, threshold: 1 }), (x) => (x > 1 ? Math.min(x, 8) : 0.2 * (x - 1)), [1, 8], [-10, 10], [-10, 10]],
];

describe.each(elementwise)('%s', (_name, make, reference, kinks, [low, high], gradRange) => {
  const [gLow, gHigh] = gradRange ?? [Math.max(low, -4), Math.min(high, 4)];
  it("agrees with Keras's reference formula on its test's ranges, and on a rank-3 input", () => {
    const x = awayFromKinks([4, 6], 1, low, high, kinks, 0);
    const expected = zeros([4, 6], 'float64');
    for (let i = 0; i < x.size; i++) expected.data[i] = reference(x.data[i]);
    expectClose(make().forward(x), expected, keras);
    const x3 = awayFromKinks([3, 3, 3], 2, low, high, kinks, 0);
    const y3 = make().forward(x3);
    for (let i = 0; i < x3.size; i++) expect(Math.abs(y3.data[i] - reference(x3.data[i]))).toBeLessThanOrEqual(1e-6 + 1e-5 * Math.abs(reference(x3.data[i])));
  });

  it('passes a float64 gradient check away from its kinks, on [4, 6], rank 3 and a transposed view', () => {
    expectGradientsCorrect(make(), awayFromKinks([4, 6], 3, gLow, gHigh, kinks));
    expectGradientsCorrect(make(), awayFromKinks([2, 3, 4], 4, gLow, gHigh, kinks));
    expectGradientsCorrect(make(), awayFromKinks([6, 4], 5, gLow, gHigh, kinks).transpose(1, 0));
  });

  it('computes the same in float32 as in float64, to float32 rounding', () => {
    const x = awayFromKinks([3, 5], 6, low, high, kinks);
    expectClose(make().forward(clone(x, 'float32')), make().forward(x), { rtol: 1e-5, atol: 1e-5 });
  });

  it('round-trips its config, also through its registered name and a saved model', () => {
    const layer = make();
    const config = layer.getConfig();
    const Cls = layer.constructor as new (c: object) => Layer;
    expect(new Cls(config).getConfig()).toEqual(config);
    const model = new Sequential([new Dense({ units: 4, inputShape: [3] }), make()]);
    const copy = fromJSON(JSON.stringify(model));
    const x = awayFromKinks([2, 3], 7, -1, 1, []);
    expectClose(copy.predict(x), model.predict(x), { rtol: 0, atol: 0 });
    expect(copy.layers[1].className).toBe(layer.className);
  });
});

describe("ReLU's options, at keras/src/activations/activations_test.py's fixed arrays", () => {
  const x = [[-10, -5, 0, 5, 10]];
  it.each([
    ['test_relu_negative_slope', { negativeSlope: 0.5 }, [-5, -2.5, 0, 5, 10]],
    ['test_relu_max_value', { maxValue: 5 }, [0, 0, 0, 5, 5]],
    ['test_relu_threshold', { threshold: 5 }, [-0, -0, 0, 0, 10]],
    ['test_relu_combined_threshold_and_max_value', { threshold: 5, maxValue: 5 }, [0, 0, 0, 0, 5]],
    ['test_relu_combined_all_parameters', { negativeSlope: 0.5, maxValue: 5, threshold: 5 }, [-7.5, -5, -2.5, 0, 5]],
    ['test_relu_to_trigger_leaky', { negativeSlope: 0.5 }, [-5, -2.5, 0, 5, 10]],
  ] as const)('%s', (_test, options, expected) => {
    expectClose(new ReLU(options).forward(f64(x)), [expected.slice()], keras);
  });

  it('test_relu_to_trigger_relu6: relu(x, max_value=6.0) and ReLU6 give [0, 0, 0, 5, 6, 6]', () => {
    const x6 = f64([[-10, -5, 0, 5, 10, 12]]);
    expectClose(new ReLU({ maxValue: 6 }).forward(x6), [[0, 0, 0, 5, 6, 6]], keras);
    expectClose(new ReLU6().forward(x6), [[0, 0, 0, 5, 6, 6]], keras);
  });

  it('the slope is negativeSlope below the threshold, 1 between it and maxValue, 0 above', () => {
    const relu = new ReLU({ negativeSlope: 0.5, maxValue: 5, threshold: 2 });
    relu.forward(f64([[-3, 1, 3, 7]]), true);
    expectClose(relu.backward(f64([[2, 2, 2, 2]])).dAPrev as Tensor, [[1, 1, 2, 0]], { rtol: 0, atol: 0 });
  });

  it('defaults to plain ReLU (the SIMD kernel) and reports Keras\'s options', () => {
    expect(new ReLU({ name: 'r' }).getConfig()).toEqual({ name: 'r', trainable: true, maxValue: null, negativeSlope: 0, threshold: 0 });
    expectClose(new ReLU().forward(f64([[-1, 2]])), [[0, 2]], { rtol: 0, atol: 0 });
  });

  it('rejects negative options as Keras does', () => {
    expect(() => new ReLU({ maxValue: -1 })).toThrow(new ConfigError('ReLU: maxValue must be a finite number >= 0, got -1'));
    expect(() => new ReLU({ negativeSlope: -0.1 })).toThrow(new ConfigError('ReLU: negativeSlope must be a finite number >= 0, got -0.1'));
    expect(() => new ReLU({ threshold: 'a' as never })).toThrow(new ConfigError('ReLU: threshold must be a finite number >= 0, got "a"'));
  });
});

describe('LogSoftmax', () => {
  // _ref_log_softmax(values): stabilized = values − max; stabilized − log(sum(exp(stabilized)))
  const reference = (row: number[]): number[] => {
    const m = Math.max(...row);
    const lse = Math.log(row.reduce((s, v) => s + Math.exp(v - m), 0));
    return row.map((v) => v - m - lse);
  };

  it('test_log_softmax_negative_axis: each row of a [2, 5] input is _ref_log_softmax of the row', () => {
    const x = awayFromKinks([2, 5], 8, 0, 1, []);
    const rows = [0, 1].map((i) => Array.from(x.data.subarray(5 * i, 5 * i + 5)));
    expectClose(new LogSoftmax().forward(x), rows.map(reference), keras);
  });

  it('test_temporal_log_softmax: a [1, 2, 2, 3] input (×10) is normalised along the last axis', () => {
    const x = awayFromKinks([1, 2, 2, 3], 9, 0, 10, []);
    const y = new LogSoftmax().forward(x);
    for (let p = 0; p < x.size; p += 3) {
      const expected = reference(Array.from(x.data.subarray(p, p + 3)));
      for (let j = 0; j < 3; j++) expect(Math.abs(y.data[p + j] - expected[j])).toBeLessThanOrEqual(1e-6 + 1e-5 * Math.abs(expected[j]));
    }
  });

  it('stays finite and exact for a huge spread, where log(softmax) would give −∞', () => {
    expectClose(new LogSoftmax().forward(f64([[0, 1000]])), [[-1000, 0]], { rtol: 1e-15, atol: 1e-12 });
  });

  it('passes a float64 gradient check on rank 2, rank 3 and a transposed view, and round-trips through a model', () => {
    expectGradientsCorrect(new LogSoftmax(), awayFromKinks([4, 5], 10, -3, 3, []));
    expectGradientsCorrect(new LogSoftmax(), awayFromKinks([2, 3, 4], 11, -3, 3, []));
    expectGradientsCorrect(new LogSoftmax(), awayFromKinks([5, 4], 12, -3, 3, []).transpose(1, 0));
    const model = new Sequential([new Dense({ units: 3, inputShape: [2], activation: 'log_softmax' })]);
    expect(fromJSON(JSON.stringify(model)).layers[0].getConfig()).toEqual(model.layers[0].getConfig());
  });
});

describe('Sparsemax', () => {
  const linspace = Array.from({ length: 12 }, (_, i) => i + 1); // np.linspace(1, 12, num=12)

  it('test_sparsemax, 2d: linspace(1, 12).reshape(-1, 2) maps every row to [0, 1]', () => {
    const x = tensor(linspace, [6, 2], 'float64');
    expectClose(new Sparsemax().forward(x), Array.from({ length: 6 }, () => [0, 1]), keras);
  });

  it('test_sparsemax, 3d: linspace(1, 12).reshape(-1, 1, 3) maps every vector to [0, 0, 1]', () => {
    const x = tensor(linspace, [4, 1, 3], 'float64');
    expectClose(new Sparsemax().forward(x), Array.from({ length: 4 }, () => [[0, 0, 1]]), keras);
  });

  it('is the projection onto the simplex: sums to 1, is ≥ 0, and keeps close entries apart', () => {
    // x = [0, 0.5]: τ = (0.5 − 1)/2 = −0.25, y = [0.25, 0.75]; [0.1, 0.2, 0.3]: τ = (0.6 − 1)/3, y = x − τ.
    const tau = (0.6 - 1) / 3;
    expectClose(new Sparsemax().forward(f64([[0, 0.5, -5], [0.1, 0.2, 0.3]])), [[0.25, 0.75, 0], [0.1 - tau, 0.2 - tau, 0.3 - tau]], { rtol: 1e-14, atol: 1e-15 });
  });

  it('passes a float64 gradient check (support of several sizes) and on a transposed view', () => {
    expectGradientsCorrect(new Sparsemax(), awayFromKinks([6, 5], 13, -1, 1, []));
    expectGradientsCorrect(new Sparsemax(), awayFromKinks([2, 3, 4], 14, -0.5, 0.5, []));
    expectGradientsCorrect(new Sparsemax(), awayFromKinks([5, 6], 15, -1, 1, []).transpose(1, 0));
  });
});

describe('GLU', () => {
  it('test_glu: x1, x2 = np.split(x, 2, -1); x1 * sigmoid(x2) on a [2, 4] input', () => {
    const x = awayFromKinks([2, 4], 16, 0, 1, []);
    const d = x.data;
    const expected = [0, 1].map((i) => [0, 1].map((j) => d[4 * i + j] * sigmoid(d[4 * i + 2 + j])));
    expectClose(new GLU().forward(x), expected, keras);
  });

  it('halves the last axis, any rank, and rejects an odd one naming the layer and shape', () => {
    expect(new GLU().computeOutputShape([null, 3, 8])).toEqual([null, 3, 4]);
    expect(new GLU().forward(zeros([2, 3, 8], 'float64')).shape).toEqual([2, 3, 4]);
    expect(() => new GLU({ name: 'g' }).forward(zeros([2, 3], 'float64'))).toThrow(new ShapeError("GLU 'g': input last axis must have even length, to split into two halves: expected [?, 2n], got [?, 3]"));
  });

  it('passes a float64 gradient check on rank 2, rank 3 and a transposed view, and round-trips through a model', () => {
    expectGradientsCorrect(new GLU(), awayFromKinks([4, 6], 17, -3, 3, []));
    expectGradientsCorrect(new GLU(), awayFromKinks([2, 3, 4], 18, -3, 3, []));
    expectGradientsCorrect(new GLU(), awayFromKinks([6, 4], 19, -3, 3, []).transpose(1, 0));
    const model = new Sequential([new Dense({ units: 4, inputShape: [2] }), new GLU()]);
    expect(model.predict(zeros([3, 2])).shape).toEqual([3, 2]);
    const copy = fromJSON(JSON.stringify(model));
    const x = awayFromKinks([2, 2], 20, -1, 1, []);
    expectClose(copy.predict(x), model.predict(x), { rtol: 0, atol: 0 });
  });
});

describe('names and options', () => {
  it.each([
    ['relu6', ReLU6], ['mish', Mish], ['celu', CELU], ['log_softmax', LogSoftmax], ['logSoftmax', LogSoftmax],
    ['log_sigmoid', LogSigmoid], ['logSigmoid', LogSigmoid], ['hard_silu', HardSilu], ['hardSilu', HardSilu],
    ['hard_swish', HardSilu], ['hardSwish', HardSilu], ['hard_tanh', HardTanh], ['hardTanh', HardTanh], ['glu', GLU],
    ['sparse_plus', SparsePlus], ['sparsePlus', SparsePlus], ['squareplus', Squareplus], ['soft_shrink', SoftShrink],
    ['softShrink', SoftShrink], ['hard_shrink', HardShrink], ['hardShrink', HardShrink], ['tanh_shrink', TanhShrink],
    ['tanhShrink', TanhShrink], ['threshold', Threshold], ['sparsemax', Sparsemax], ['exponential', Exponential],
    ['sparse_sigmoid', SparseSigmoid], ['sparseSigmoid', SparseSigmoid],
  ] as const)("'%s' resolves to %p", (name, Cls) => {
    expect(getActivation(name)).toBeInstanceOf(Cls);
  });

  it("Dense({ activation: 'mish' }) saves the Keras name and loads it back", () => {
    const model = new Sequential([new Dense({ units: 2, inputShape: [3], activation: 'mish' })]);
    expect(JSON.stringify(model.toJSON().modelJson)).toContain('"activation":"mish"');
    expect(fromJSON(JSON.stringify(model)).layers[0].getConfig()).toEqual(model.layers[0].getConfig());
  });

  it('a ReLU with options saves as ReLU with max_value, negative_slope and threshold, and loads back', () => {
    const model = new Sequential([new Dense({ units: 2, inputShape: [3] }), new ReLU({ maxValue: 6, negativeSlope: 0.1, threshold: 0.5 })]);
    const json = JSON.stringify(model.toJSON().modelJson);
    expect(json).toContain('"max_value":6');
    expect(json).toContain('"negative_slope":0.1');
    expect(fromJSON(JSON.stringify(model)).layers[1].getConfig()).toEqual(model.layers[1].getConfig());
  });

  it('validates numeric options with messages naming the layer and option', () => {
    expect(() => new CELU({ alpha: 0 })).toThrow(new ConfigError('CELU: alpha must be a finite number > 0, got 0'));
    expect(() => new SoftShrink({ threshold: -1 })).toThrow(new ConfigError('SoftShrink: threshold must be a finite number >= 0, got -1'));
    expect(() => new HardShrink({ threshold: NaN })).toThrow(new ConfigError('HardShrink: threshold must be a finite number >= 0, got NaN'));
    expect(() => new Squareplus({ b: -4 })).toThrow(new ConfigError('Squareplus: b must be a finite number >= 0, got -4'));
    expect(() => new Threshold({ defaultValue: Infinity })).toThrow(new ConfigError('Threshold: defaultValue must be a finite number, got Infinity'));
  });

  it('each example in the TSDoc holds', () => {
    const at = (layer: Layer, x: number[]): number[] => Array.from(layer.forward(f64([x])).data);
    expect(at(new ReLU6(), [-1, 3, 8])).toEqual([0, 3, 6]);
    expect(at(new HardTanh(), [-2, 0.5, 3])).toEqual([-1, 0.5, 1]);
    expect(at(new SoftShrink(), [-2, 0.3, 1])).toEqual([-1.5, 0, 0.5]);
    expect(at(new HardShrink(), [-2, 0.3, 1])).toEqual([-2, 0, 1]);
    expect(at(new SparsePlus(), [-2, 0, 2])).toEqual([0, 0.25, 2]);
    expect(at(new SparseSigmoid(), [-2, 0, 2])).toEqual([0, 0.5, 1]);
    expect(at(new Squareplus(), [0])).toEqual([1]);
    expect(at(new Threshold({ threshold: 1, defaultValue: -5 }), [0.5, 2])).toEqual([-5, 2]);
    expect(at(new GLU(), [2, 0])).toEqual([1]);
    expectClose(f64([at(new Mish(), [0, 1])]), [[0, 0.8651]], { rtol: 0, atol: 1e-4 });
    expectClose(f64([at(new CELU({ alpha: 0.5 }), [-1, 2])]), [[-0.4323, 2]], { rtol: 0, atol: 1e-4 });
    expectClose(f64([at(new HardSilu(), [-4, 1, 4])]), [[0, 0.6667, 4]], { rtol: 0, atol: 1e-4 });
    expectClose(f64([at(new TanhShrink(), [0, 1])]), [[0, 0.2384]], { rtol: 0, atol: 1e-4 });
    expectClose(f64([at(new LogSigmoid(), [0])]), [[-0.6931]], { rtol: 0, atol: 1e-4 });
    expectClose(f64([at(new LogSoftmax(), [0, 0])]), [[-0.6931, -0.6931]], { rtol: 0, atol: 1e-4 });
    expectClose(f64([at(new Exponential(), [0, 1])]), [[1, 2.7183]], { rtol: 0, atol: 1e-4 });
  });
});
