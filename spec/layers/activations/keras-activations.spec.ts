import { ConfigError } from '../../../lib/errors';
import { clone, tensor, zeros, type Tensor } from '../../../lib/tensor';
import {
  Dense, ELU, GELU, getActivation, HardSigmoid, SELU, Softplus, Softsign, Swish, type Layer,
} from '../../../layers';
import { expectClose } from '../../helpers/expect-close';
import { expectGradientsCorrect } from '../../helpers/gradcheck';
import { randomAwayFromZero, randomTensor } from '../../helpers/random';

const f64 = (values: number[][]): Tensor => tensor(values, undefined, 'float64');
const tight = { rtol: 1e-14, atol: 1e-15 };

const made: [string, () => Layer][] = [
  ['ELU', () => new ELU()],
  ['ELU alpha 0.5', () => new ELU({ alpha: 0.5 })],
  ['SELU', () => new SELU()],
  ['GELU', () => new GELU()],
  ['GELU approximate', () => new GELU({ approximate: true })],
  ['Swish', () => new Swish()],
  ['Softplus', () => new Softplus()],
  ['Softsign', () => new Softsign()],
  ['HardSigmoid', () => new HardSigmoid()],
];

describe('ELU, SELU, GELU, Swish, Softplus, Softsign, HardSigmoid: known values', () => {
  const e1 = Math.exp(-1), ln3 = Math.log(3);
  const lambda = 1.0507009873554805, alpha = 1.6732632423543772;
  const cases: [string, Layer, number[], number[], number[]][] = [
    // name, layer, x, f(x), f′(x)
    // ELU(−1) = e^−1 − 1, ELU′(−1) = e^−1.
    ['ELU', new ELU(), [-1, 0.5, 2], [e1 - 1, 0.5, 2], [e1, 1, 1]],
    ['ELU α = 0.5', new ELU({ alpha: 0.5 }), [-1, 2], [0.5 * (e1 - 1), 2], [0.5 * e1, 1]],
    // SELU(−1) = λα(e^−1 − 1) ≈ −1.1113307378125628 (mpmath), SELU′(−1) = λαe^−1; SELU(2) = 2λ.
    ['SELU', new SELU(), [-1, 2], [-1.1113307378125628, 2 * lambda], [lambda * alpha * e1, lambda]],
    // GELU(x) = x·Φ(x): Φ(1) = 0.8413447460685429, Φ(−1) = 0.15865525393145705; GELU′(x) = Φ(x) + x·φ(x),
    // GELU′(1) = Φ(1) + e^−½/√(2π) = 1.0833154705876864 (all from mpmath at 30 digits).
    ['GELU', new GELU(), [1, 0, -1], [0.8413447460685429, 0, -0.15865525393145705], [1.0833154705876864, 0.5, 1 - 1.0833154705876864]],
    // tanh form at 1: ½(1 + tanh(√(2/π)·1.044715)) = 0.8411919906082768, slope 1.0829640838457826 (mpmath).
    ['GELU approximate', new GELU({ approximate: true }), [1, 0], [0.8411919906082768, 0], [1.0829640838457826, 0.5]],
    // Swish(ln 3) = ln 3·σ(ln 3) = ¾·ln 3; Swish′ = σ·(1 + x(1 − σ)) = ¾·(1 + ¼·ln 3).
    ['Swish', new Swish(), [0, ln3], [0, 0.75 * ln3], [0.5, 0.75 * (1 + 0.25 * ln3)]],
    // Softplus(ln 3) = ln 4, Softplus(−ln 3) = ln(4/3), Softplus(0) = ln 2; the derivative is σ: ¾, ¼, ½.
    ['Softplus', new Softplus(), [ln3, -ln3, 0], [Math.log(4), Math.log(4 / 3), Math.LN2], [0.75, 0.25, 0.5]],
    // Softsign(−1) = −½, Softsign(3) = ¾; the derivative 1/(1 + |x|)²: ¼, 1/16.
    ['Softsign', new Softsign(), [-1, 3], [-0.5, 0.75], [0.25, 1 / 16]],
    // relu6(x + 3)/6 at −4, 0, 1.5, 4: 0, ½, ¾, 1; the slope is 1/6 inside (−3, 3), 0 outside.
    ['HardSigmoid', new HardSigmoid(), [-4, 0, 1.5, 4], [0, 0.5, 0.75, 1], [0, 1 / 6, 1 / 6, 0]],
  ];
  it.each(cases)('%s: forward is f(x), backward is dOut ⊙ f′(x)', (_name, layer, x, y, dy) => {
    expectClose(layer.forward(f64([x]), true), [y], tight);
    const dOut = x.map((_, i) => (i % 2 === 0 ? 2 : -3));
    const { dAPrev, grads } = layer.backward(f64([dOut]));
    expectClose(dAPrev as Tensor, [dy.map((d, i) => d * dOut[i])], { rtol: 1e-12, atol: 1e-15 });
    expect(grads).toEqual({});
    expect(layer.params()).toEqual([]);
  });

  it('GELU(1) matches the reference 0.8413447460685429 to the last digits', () => {
    expect(Math.abs((new GELU().forward(f64([[1]])).data[0]) - 0.8413447460685429)).toBeLessThan(2e-16);
  });

  it('HardSigmoid reaches 0 and 1 exactly at ∓3 (the Keras 3 definition, not 0.2·x + 0.5)', () => {
    expectClose(new HardSigmoid().forward(f64([[-3, 3, 2.5]])), [[0, 1, 5.5 / 6]], tight);
  });

  it('saturates without NaN at extreme inputs', () => {
    for (const [, make] of made) {
      const y = make().forward(f64([[-800, 800]]), true);
      expect(Number.isFinite(y.data[0]) && Number.isFinite(y.data[1])).toBe(true);
    }
    expectClose(new Softplus().forward(f64([[-800, 800]])), [[0, 800]], tight);
    expectClose(new Swish().forward(f64([[-800, 800]])), [[0, 800]], tight);
    expectClose(new GELU().forward(f64([[-40, 40]])), [[0, 40]], tight);
  });
});

describe.each(made)('%s', (_name, make) => {
  it('passes a float64 gradient check on [4, 5], on a wide range, and on a rank-3 [2, 3, 4] input', () => {
    expectGradientsCorrect(make(), randomAwayFromZero([4, 5], 11));
    // ×4 reaches the saturated parts; entries stay ≥ 0.2 from 0, and HardSigmoid's kinks at ±3 are avoided.
    const wide = randomAwayFromZero([4, 5], 12);
    for (let i = 0; i < wide.size; i++) {
      const v = 4 * wide.data[i];
      wide.data[i] = Math.abs(Math.abs(v) - 3) < 0.05 ? v + 0.1 : v;
    }
    expectGradientsCorrect(make(), wide);
    expectGradientsCorrect(make(), randomAwayFromZero([2, 3, 4], 13));
  });

  it('passes on a transposed view, and the view gives the same forward and backward as a copy', () => {
    const view = randomAwayFromZero([5, 4], 14).transpose(1, 0);
    expectGradientsCorrect(make(), view);
    const onView = make(), onCopy = make();
    const dOut = randomTensor([4, 5], 15);
    expectClose(onView.forward(view, true), onCopy.forward(clone(view), true), { rtol: 0, atol: 0 });
    expectClose(onView.backward(dOut).dAPrev as Tensor, onCopy.backward(dOut).dAPrev as Tensor, { rtol: 0, atol: 0 });
  });

  it('keeps the input shape', () => {
    expect(make().computeOutputShape([null, 3, 7])).toEqual([null, 3, 7]);
    expect(make().forward(zeros([2, 3, 7], 'float64')).shape).toEqual([2, 3, 7]);
  });

  it('round-trips its config', () => {
    const layer = make();
    const config = layer.getConfig();
    const Cls = layer.constructor as new (c: object) => Layer;
    expect(new Cls(config).getConfig()).toEqual(config);
  });
});

describe('activation names', () => {
  it.each([
    ['elu', ELU], ['selu', SELU], ['gelu', GELU], ['swish', Swish], ['silu', Swish], ['softplus', Softplus],
    ['softsign', Softsign], ['hardSigmoid', HardSigmoid], ['hard_sigmoid', HardSigmoid],
  ] as const)("'%s' resolves to %p", (name, Cls) => {
    expect(getActivation(name)).toBeInstanceOf(Cls);
  });

  it("Dense({ activation: 'gelu' }) composes GELU, passes a gradient check, and round-trips its config", () => {
    const dense = new Dense({ units: 3, activation: 'gelu' });
    expect(dense.activation).toBeInstanceOf(GELU);
    expectGradientsCorrect(dense, randomTensor([4, 5], 16));
    const config = dense.getConfig();
    const again = new Dense(config);
    expect(again.activation).toBeInstanceOf(GELU);
    expect(again.getConfig()).toEqual(config);
    const approx = new Dense({ units: 2, activation: new GELU({ approximate: true }) });
    expect((new Dense(approx.getConfig()).activation as GELU).approximate).toBe(true);
  });
});

describe('options', () => {
  it('ELU defaults alpha to 1 and rejects a negative one', () => {
    expect(new ELU({ name: 'e' }).getConfig()).toEqual({ name: 'e', trainable: true, alpha: 1 });
    expect(() => new ELU({ alpha: -1 })).toThrow(new ConfigError('ELU: alpha must be a non-negative number, got -1'));
  });

  it('GELU defaults to the exact form and rejects a non-boolean approximate', () => {
    expect(new GELU({ name: 'g' }).getConfig()).toEqual({ name: 'g', trainable: true, approximate: false });
    expect(() => new GELU({ approximate: 1 as never })).toThrow(new ConfigError('GELU: approximate must be a boolean, got 1'));
  });
});
