import { Constant } from '../../../lib/initializers';
import { tensor, type Tensor } from '../../../lib/tensor';
import { PReLU, layers } from '../../../layers';
import { expectClose } from '../../helpers/expect-close';
import { expectGradientsCorrect } from '../../helpers/gradcheck';
import { randomAwayFromZero, randomTensor } from '../../helpers/random';

const f64 = (values: number[][]): Tensor => tensor(values, undefined, 'float64');
const exact = { rtol: 0, atol: 1e-15 };

/** A float64 PReLU built for `[?, …sample]` with its slopes set to `alpha`. */
function preluWith(sample: number[], alpha: number[]): PReLU {
  const prelu = new PReLU();
  prelu.build([null, ...sample], 'float64');
  prelu.params()[0].value.data.set(alpha);
  return prelu;
}

describe('PReLU', () => {
  it('forward and backward by hand: slopes per unit, dα summed over the batch', () => {
    // α = [0.25, 0.5], X = [[−2, 3], [4, −1]] → Y = [[−0.5, 3], [4, −0.5]].
    const prelu = preluWith([2], [0.25, 0.5]);
    expectClose(prelu.forward(f64([[-2, 3], [4, -1]]), true), [[-0.5, 3], [4, -0.5]], exact);
    // dOut = [[1, 2], [3, 4]]: dα_j = Σ_i dOut_ij·min(x_ij, 0) = [1·(−2) + 3·0, 2·0 + 4·(−1)] = [−2, −4];
    // dX = dOut ⊙ (α where x < 0, else 1) = [[0.25, 2], [3, 2]].
    const { dAPrev, grads } = prelu.backward(f64([[1, 2], [3, 4]]));
    expectClose(grads.dalpha, [-2, -4], exact);
    expectClose(dAPrev as Tensor, [[0.25, 2], [3, 2]], exact);
    expect(grads.dalpha).toBe(prelu.params()[0].grad);
  });

  it("starts as ReLU: α is zeros (Keras's default), weight name 'alpha', shaped like one sample", () => {
    const prelu = new PReLU();
    expectClose(prelu.forward(f64([[-2, 3]])), [[0, 3]], exact);
    expect(prelu.params().map((p) => [p.name, p.weightName, p.value.shape])).toEqual([['alpha', 'alpha', [2]]]);
    const rank3 = new PReLU();
    rank3.build([null, 3, 4], 'float64');
    expect(rank3.params()[0].value.shape).toEqual([3, 4]);
    expect(rank3.countParams()).toBe(12);
  });

  it('passes a float64 gradient check for the input and α, on rank 2, rank 3 and a transposed view', () => {
    const check = (x: Tensor, seed: number) => {
      const prelu = new PReLU();
      prelu.build([null, ...x.shape.slice(1)], 'float64');
      prelu.params()[0].value.data.set(randomTensor(x.shape.slice(1), seed).data);
      expectGradientsCorrect(prelu, x);
    };
    check(randomAwayFromZero([6, 4], 21), 22);
    check(randomAwayFromZero([2, 3, 4], 23), 24);
    check(randomAwayFromZero([4, 6], 25).transpose(1, 0), 26);
  });

  it('round-trips its config, initializer included, through the layers registry', () => {
    const prelu = new PReLU({ alphaInitializer: new Constant({ value: 0.25 }), name: 'p' });
    const config = prelu.getConfig();
    expect(config).toEqual({ name: 'p', trainable: true, alphaInitializer: { className: 'Constant', config: { value: 0.25 } } });
    const again = layers.create('PReLU', config) as PReLU;
    expect(again.getConfig()).toEqual(config);
    expectClose(again.forward(f64([[-4, 1]])), [[-1, 1]], exact);
    expect(new PReLU({ name: 'q' }).getConfig().alphaInitializer).toBe('zeros');
  });

  it('names the unknown initializer', () => {
    expect(() => new PReLU({ alphaInitializer: 'nope' })).toThrow(/^PReLU: unknown initializer 'nope'/);
  });
});
