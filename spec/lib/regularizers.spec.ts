import { ConfigError } from '../../lib/errors';
import {
  getRegularizer, l1, L1, l1l2, L1L2, l2, L2, Regularizer, regularizers, serializeRegularizer,
} from '../../lib/regularizers';
import { tensor, zeros } from '../../lib/tensor';

const w = () => tensor([1, -2, 3, 0], undefined, 'float64');

describe('regularizers', () => {
  it('l2(λ): penalty λ·Σw², gradient 2λ·w (Keras has no ½)', () => {
    // Σw² = 1 + 4 + 9 + 0 = 14, so 0.01·14 = 0.14; gradient 0.02·w.
    expect(l2(0.01).penalty(w())).toBeCloseTo(0.14, 15);
    expect(Array.from(l2(0.01).addGradient(zeros([4], 'float64'), w()).data)).toEqual([0.02, -0.04, 0.06, 0]);
  });

  it('l1(λ): penalty λ·Σ|w|, gradient λ·sign(w) with sign(0) = 0', () => {
    // Σ|w| = 6, so 0.1·6 = 0.6.
    expect(l1(0.1).penalty(w())).toBeCloseTo(0.6, 15);
    expect(Array.from(l1(0.1).addGradient(zeros([4], 'float64'), w()).data)).toEqual([0.1, -0.1, 0.1, 0]);
  });

  it('l1l2 adds both; addGradient accumulates into the gradient it is given', () => {
    const r = l1l2({ l1: 0.1, l2: 0.01 });
    expect(r.penalty(w())).toBeCloseTo(0.74, 15);
    const grad = tensor([1, 1, 1, 1], undefined, 'float64');
    // 1 + 0.1·sign(w) + 0.02·w = [1.12, 0.86, 1.16, 1].
    const out = Array.from(r.addGradient(grad, w()).data);
    [1.12, 0.86, 1.16, 1].forEach((v, i) => expect(out[i]).toBeCloseTo(v, 15));
  });

  it('uses the Keras defaults: l1()/l2()/l1l2() 0.01, the L1L2 class 0', () => {
    expect(l1().l1).toBe(0.01);
    expect(l2().l2).toBe(0.01);
    expect(l1l2().getConfig()).toEqual({ l1: 0.01, l2: 0.01 });
    expect(new L1L2().getConfig()).toEqual({ l1: 0, l2: 0 });
    expect(new L1L2().penalty(w())).toBe(0);
  });

  it('resolves the Keras names and class names, and round-trips configs', () => {
    expect(getRegularizer('l2')).toBeInstanceOf(L2);
    expect(getRegularizer('L1')).toBeInstanceOf(L1);
    expect(getRegularizer('l1_l2')).toBeInstanceOf(L1L2);
    const instance = l2(0.5);
    expect(getRegularizer(instance)).toBe(instance);
    for (const r of [l1(0.3), l2(0.2), l1l2({ l1: 0.1, l2: 0.4 })]) {
      const saved = serializeRegularizer(r);
      expect(JSON.parse(JSON.stringify(saved))).toEqual(saved);
      const again = getRegularizer(saved);
      expect(again.constructor).toBe(r.constructor);
      expect(again.getConfig()).toEqual(r.getConfig());
    }
    expect(serializeRegularizer(l2(0.2))).toEqual({ className: 'L2', config: { l2: 0.2 } });
    expect(regularizers.names()).toEqual(['l1', 'l1l2', 'l2']);
    expect(l2()).toBeInstanceOf(Regularizer);
  });

  it('rejects negative factors and unknown names, listing the valid ones', () => {
    expect(() => l2(-1)).toThrow(new ConfigError('L2: l2 must be a non-negative number, got -1'));
    expect(() => new L1L2({ l1: NaN })).toThrow('L1L2: l1 must be a non-negative number, got NaN');
    expect(() => getRegularizer('l3', 'Dense')).toThrow("Dense: unknown regularizer 'l3'. Valid regularizer names: 'l1', 'l1_l2', 'l1l2', 'l2'");
    expect(() => getRegularizer(3 as never, 'Dense')).toThrow('Dense: a regularizer must be a name, a Regularizer or { className, config }, got 3');
  });
});
