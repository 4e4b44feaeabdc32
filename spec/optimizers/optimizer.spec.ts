import fc from 'fast-check';
import { ConfigError, ShapeError } from '../../lib/errors';
import { tensor, tensorAllocations } from '../../lib/tensor';
import type { Param } from '../../layers/layer';
import {
  Adadelta, Adagrad, Adam, Adamax, AdamW, ExponentialDecay, Nadam, RMSprop, SGD, optimizers,
  type Optimizer,
} from '../../optimizers';
import { makeParam, setGrad, valuesOf } from './fixtures';

/** Every optimizer class with non-default options, for the properties that hold for all. */
const ALL: Array<() => Optimizer> = [
  () => new SGD({ learningRate: 0.1, momentum: 0.5, nesterov: true }),
  () => new Adam({ learningRate: 0.1, amsgrad: true }),
  () => new AdamW({ learningRate: 0.1, weightDecay: 0.01 }),
  () => new RMSprop({ learningRate: 0.1, momentum: 0.5, centered: true }),
  () => new Adagrad({ learningRate: 0.1 }),
  () => new Adadelta({ learningRate: 1 }),
  () => new Adamax({ learningRate: 0.1 }),
  () => new Nadam({ learningRate: 0.1 }),
];

describe('Optimizer base', () => {
  describe('learning rate', () => {
    it('uses schedule.valueAt(iterations) at each step', () => {
      // η_t = 0.1·0.5^t; W = 0, g = 1: W = −(0.1 + 0.05 + 0.025) = −0.175 after 3 steps.
      const sgd = new SGD({ learningRate: new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 }) });
      const p = makeParam([0]);
      setGrad(p, [1]);
      const rates: number[] = [];
      for (let s = 0; s < 3; s++) {
        rates.push(sgd.currentLearningRate());
        sgd.step([p]);
      }
      expect(rates).toEqual([0.1, 0.05, 0.025]);
      expect(sgd.iterations).toBe(3);
      expect(sgd.currentLearningRate()).toBe(0.0125);
      expect(valuesOf(p.value)[0]).toBeCloseTo(-0.175, 15);
    });

    it('accepts a saved schedule { className, config } and serializes it back', () => {
      const saved = { className: 'ExponentialDecay', config: { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9, staircase: true } };
      const adam = new Adam({ learningRate: saved });
      expect(adam.learningRate).toBeInstanceOf(ExponentialDecay);
      expect(adam.getConfig().learningRate).toEqual(saved);
    });

    it('does not count an empty step', () => {
      const sgd = new SGD({ learningRate: new ExponentialDecay({ initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 }) });
      sgd.step([]);
      expect(sgd.iterations).toBe(0);
      expect(sgd.currentLearningRate()).toBe(0.1);
    });

    it('validates assignments to learningRate', () => {
      const sgd = new SGD();
      sgd.learningRate = 0.5;
      expect(sgd.currentLearningRate()).toBe(0.5);
      expect(() => { sgd.learningRate = -1; }).toThrow('SGD: learningRate must be a finite number >= 0, got -1');
      expect(sgd.currentLearningRate()).toBe(0.5);
    });

    it('rejects unknown schedules and other objects', () => {
      expect(() => new SGD({ learningRate: { className: 'Nope', config: {} } })).toThrow(ConfigError);
      expect(() => new SGD({ learningRate: { className: 'Nope', config: {} } }))
        .toThrow(/unknown learning rate schedule 'Nope'\. Valid learning rate schedule names: .*'CosineDecay'.*'ExponentialDecay'/);
      expect(() => new SGD({ learningRate: { rate: 1 } as never }))
        .toThrow('SGD: learningRate must be a finite number >= 0 or a LearningRateSchedule, got {"rate":1}');
    });
  });

  describe('gradient clipping', () => {
    function stepWith(options: object, grads: number[][]): number[][] {
      // SGD with η = 1 from W = 0, so W after one step is −(clipped gradient).
      const params = grads.map((g, k) => {
        const p = makeParam(g.map(() => 0), `p${k}`);
        setGrad(p, g);
        return p;
      });
      new SGD({ learningRate: 1, ...options }).step(params);
      return params.map((p) => valuesOf(p.value).map((w) => (w === 0 ? 0 : -w)));
    }

    it('clipValue clips each element to [−c, c]', () => {
      // c = 0.5: [2, −0.3, −1] → [0.5, −0.3, −0.5].
      expect(stepWith({ clipValue: 0.5 }, [[2, -0.3, -1]])).toEqual([[0.5, -0.3, -0.5]]);
    });

    it('clipNorm rescales each parameter whose norm exceeds c', () => {
      // c = 1: ‖[3, 4]‖ = 5 → [0.6, 0.8]; ‖[0.3, 0.4]‖ = 0.5 ≤ 1 is kept; [0, 0] stays 0 (no NaN).
      const [a, b, z] = stepWith({ clipNorm: 1 }, [[3, 4], [0.3, 0.4], [0, 0]]);
      expect(a[0]).toBeCloseTo(0.6, 15);
      expect(a[1]).toBeCloseTo(0.8, 15);
      expect(b).toEqual([0.3, 0.4]);
      expect(z).toEqual([0, 0]);
    });

    it('globalClipNorm rescales all gradients together by the global norm', () => {
      // c = 1: √(3² + 4² + 12²) = 13 → scale 1/13: [3/13, 4/13], [12/13]. (clipNorm would give [0.6, 0.8], [1].)
      const [a, b] = stepWith({ globalClipNorm: 1 }, [[3, 4], [12]]);
      expect(a[0]).toBeCloseTo(3 / 13, 15);
      expect(a[1]).toBeCloseTo(4 / 13, 15);
      expect(b[0]).toBeCloseTo(12 / 13, 15);
    });

    it('applies clipValue, then clipNorm, then globalClipNorm', () => {
      // clipValue 2 then clipNorm 1: [3, 4] → [2, 2] → ·1/(2√2) = [0.7071…, 0.7071…]
      // (norm first would give [0.6, 0.8], which clipValue 2 keeps).
      const [v] = stepWith({ clipValue: 2, clipNorm: 1 }, [[3, 4]]);
      expect(v[0]).toBeCloseTo(Math.SQRT1_2, 15);
      expect(v[1]).toBeCloseTo(Math.SQRT1_2, 15);
      // clipNorm 1 then globalClipNorm 1: [3, 4] → [0.6, 0.8] and [0, 0.5] stays; global norm
      // √(1 + 0.25) = 1.1180340 → scale 0.8944272: [0.5366563, 0.7155418], [0, 0.4472136].
      const [a, b] = stepWith({ clipNorm: 1, globalClipNorm: 1 }, [[3, 4], [0, 0.5]]);
      const s = 1 / Math.sqrt(1.25);
      expect(a[0]).toBeCloseTo(0.6 * s, 15);
      expect(a[1]).toBeCloseTo(0.8 * s, 15);
      expect(b[1]).toBeCloseTo(0.5 * s, 15);
    });

    it('leaves Param.grad as backward wrote it', () => {
      const p = makeParam([0, 0]);
      setGrad(p, [3, 4]);
      new SGD({ clipNorm: 1, clipValue: 2, globalClipNorm: 0.5 }).step([p]);
      expect(valuesOf(p.grad)).toEqual([3, 4]);
    });

    it.each(ALL.map((make) => [make().className, make] as const))('%s sees the clipped gradient', (_name, make) => {
      // The optimizer with clipNorm 1 on g must equal the same optimizer fed g/‖g‖ directly, for 3 steps.
      const grads = [[3, -4], [1, 2], [-0.3, 0.4]];
      const clipped = make();
      const plain = make();
      const withClip = new (clipped.constructor as new (c: object) => Optimizer)({ ...clipped.getConfig(), clipNorm: 1 });
      const p = makeParam([0.5, -0.5]);
      const q = makeParam([0.5, -0.5]);
      for (const g of grads) {
        const norm = Math.hypot(g[0], g[1]);
        setGrad(p, g);
        setGrad(q, g.map((x) => x / Math.max(norm, 1)));
        withClip.step([p]);
        plain.step([q]);
      }
      valuesOf(p.value).forEach((v, i) => expect(v).toBeCloseTo(valuesOf(q.value)[i], 14));
    });

    it.each([
      [{ clipValue: 0 }, 'SGD: clipValue must be a finite number > 0 or null, got 0'],
      [{ clipNorm: -1 }, 'SGD: clipNorm must be a finite number > 0 or null, got -1'],
      [{ globalClipNorm: Infinity }, 'SGD: globalClipNorm must be a finite number > 0 or null, got Infinity'],
    ])('rejects %p', (options, message) => {
      expect(() => new SGD(options)).toThrow(ConfigError);
      expect(() => new SGD(options)).toThrow(message);
    });
  });

  describe('state', () => {
    it('is keyed by Param identity: two Params named W keep separate state', () => {
      // Stepped together by one optimizer, each must follow its own single-param trajectory.
      const a = makeParam([1, 2], 'W', 'kernel');
      const b = makeParam([-3, 0.5], 'W', 'kernel');
      const together = new Adam({ learningRate: 0.1 });
      const aloneA = makeParam([1, 2]);
      const aloneB = makeParam([-3, 0.5]);
      const optA = new Adam({ learningRate: 0.1 });
      const optB = new Adam({ learningRate: 0.1 });
      for (let t = 0; t < 4; t++) {
        for (const [p, g] of [[a, [1, -2]], [b, [-5, 0.25 * t]], [aloneA, [1, -2]], [aloneB, [-5, 0.25 * t]]] as const) setGrad(p, g);
        together.step([a, b]);
        optA.step([aloneA]);
        optB.step([aloneB]);
      }
      expect(valuesOf(a.value)).toEqual(valuesOf(aloneA.value));
      expect(valuesOf(b.value)).toEqual(valuesOf(aloneB.value));
    });

    it('allocates no tensors once warmed up, clipping included', () => {
      for (const make of ALL) {
        const opt = new (make().constructor as new (c: object) => Optimizer)({ ...make().getConfig(), clipValue: 1, globalClipNorm: 2 });
        const p = makeParam([1, 2, 3]);
        setGrad(p, [0.5, -4, 2]);
        opt.step([p]);
        const before = tensorAllocations();
        opt.step([p]);
        opt.step([p]);
        expect(tensorAllocations()).toBe(before);
      }
    });
  });

  describe('parameter checks', () => {
    it('rejects a gradient of another shape, naming the param and both shapes', () => {
      const p: Param = { name: 'W', weightName: 'kernel', value: tensor([[1, 2, 3]], undefined, 'float64'), grad: tensor([[1], [2], [3]], undefined, 'float64') };
      expect(() => new SGD().step([p])).toThrow(ShapeError);
      expect(() => new SGD().step([p])).toThrow("SGD: param 'W' (kernel): grad must have the value's shape: expected [1, 3], got [3, 1]");
    });

    it('rejects a non-contiguous gradient and changes nothing', () => {
      const grad = tensor([[1, 2], [3, 4]], undefined, 'float64').transpose(1, 0);
      const p: Param = { name: 'W', weightName: 'kernel', value: tensor([[1, 2], [3, 4]], undefined, 'float64'), grad };
      const ok = makeParam([1]);
      setGrad(ok, [1]);
      expect(() => new SGD().step([ok, p])).toThrow(/SGD: param 'W' \(kernel\): value and grad must be contiguous/);
      expect(valuesOf(ok.value)).toEqual([1]);
    });

    it('honours value and grad offsets', () => {
      // value views [1, 2] at offset 1, grad views [10, 20] at offset 2: W = [1 − 1, 2 − 2], storage [9, 0, 0].
      const value = tensor([9, 1, 2], undefined, 'float64').lo(1);
      const grad = tensor([7, 7, 10, 20], undefined, 'float64').lo(2);
      new SGD({ learningRate: 0.1 }).step([{ name: 'b', weightName: 'bias', value, grad }]);
      expect(Array.from(value.data)).toEqual([9, 0, 0]);
    });
  });

  it('changes nothing with learningRate 0 (property, every optimizer)', () => {
    const finite = fc.double({ min: -10, max: 10, noNaN: true });
    fc.assert(fc.property(
      fc.integer({ min: 0, max: ALL.length - 1 }),
      fc.array(fc.tuple(finite, finite), { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 1, max: 3 }),
      (which, pairs, steps) => {
        const opt = new (ALL[which]().constructor as new (c: object) => Optimizer)({ ...ALL[which]().getConfig(), learningRate: 0 });
        const start = pairs.map(([w]) => w);
        const p = makeParam(start);
        setGrad(p, pairs.map(([, g]) => g));
        for (let s = 0; s < steps; s++) opt.step([p]);
        expect(valuesOf(p.value)).toEqual(start);
      },
    ), { seed: 20240611, numRuns: 40 });
  });

  it.each(ALL.map((make) => [make().className, make] as const))('%s: getConfig → new Cls(config) → getConfig is the identity', (_name, make) => {
    const opt = make();
    const Cls = opt.constructor as new (c: object) => Optimizer;
    const withSchedule = new Cls({
      ...opt.getConfig(), clipNorm: 2, clipValue: 3,
      learningRate: new ExponentialDecay({ initialLearningRate: 0.05, decaySteps: 3, decayRate: 0.5 }),
    });
    for (const config of [opt.getConfig(), withSchedule.getConfig()]) {
      const json = JSON.parse(JSON.stringify(config)) as object;
      expect(new Cls(json).getConfig()).toEqual(config);
      expect(optimizers.create(opt.className, json).getConfig()).toEqual(config);
    }
  });
});
