// Compares SimpleRNN, LSTM and GRU with TensorFlow.js values recorded by
// spec/golden/recurrent.generate.mjs (tfjs 4.22, cpu backend, float32), rtol 1e-5 / atol 1e-5,
// forward and backward (the gradients of sum(output ⊙ R)), and a 5-step training trajectory of
// a masked model. GRU with resetAfter (Keras 3's default, which tfjs lacks) is checked against
// values derived by hand below.
import golden from '../../golden/recurrent.json';
import { tensor, toArray, type Tensor } from '../../../lib/tensor';
import { Dense, GRU, LSTM, Masking, layers } from '../../../layers';
import { oneHot } from '../../../lib/data';
import { SGD } from '../../../optimizers';
import { Sequential } from '../../../lib/sequential';
import { expectClose } from '../../helpers/expect-close';

const tolerance = { rtol: 1e-5, atol: 1e-5 };

describe.each(golden.cases.map((c) => [`${c.className} ${c.name}`, c] as const))('%s against TensorFlow.js', (_, c) => {
  it(c.call, () => {
    const layer = layers.create(c.className, c.options);
    layer.build([null, ...c.x.shape.slice(1)], 'float64');
    layer.params().forEach((p, i) => {
      expect(p.value.shape).toEqual(c.weights[i].shape);
      p.value.data.set(c.weights[i].values);
    });
    const x = tensor(c.x.values, c.x.shape, 'float64');
    expectClose(layer.forward(x, true), tensor(c.output.values, c.output.shape, 'float64'), tolerance);
    const { dAPrev, grads } = layer.backward(tensor(c.r, c.output.shape, 'float64'));
    expectClose(dAPrev as Tensor, tensor(c.dInput, c.x.shape, 'float64'), tolerance);
    layer.params().forEach((p, i) => expectClose(grads[`d${p.name}`], tensor(c.dWeights[i], p.value.shape.slice(), 'float64'), tolerance));
  });
});

describe('a 5-step training trajectory of a masked recurrent model against TensorFlow.js', () => {
  it(golden.trajectory.call, () => {
    const t = golden.trajectory;
    const model = new Sequential({
      dtype: 'float64',
      layers: [
        new Masking({ maskValue: 0, inputShape: [5, 3] }),
        new LSTM({ units: 4, returnSequences: true }),
        new GRU({ units: 3, resetAfter: false }),
        new Dense({ units: 2, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: new SGD({ learningRate: 0.2, momentum: 0.9 }), loss: 'categoricalCrossentropy' });
    model.setWeights(t.weights.map((w) => tensor(w.values, w.shape, 'float64')));
    const x = tensor(t.x.values, t.x.shape, 'float64');
    const y = oneHot(tensor(t.labels), 2);
    const losses = t.losses.map(() => model.trainOnBatch(x, y));
    losses.forEach((loss, i) => expect(Math.abs(loss - t.losses[i])).toBeLessThan(1e-5));
    model.getWeights().forEach((w, i) => expectClose(w, tensor(t.finalWeights[i], w.shape.slice(), 'float64'), { rtol: 1e-4, atol: 1e-5 }));
  });
});

describe('GRU with resetAfter (Keras 3), derived by hand', () => {
  it('one unit, one feature, two steps', () => {
    // kernel [1, 3] = [w_z, w_r, w_h], recurrent_kernel [1, 3] = [u_z, u_r, u_h],
    // bias [2, 3]: input row [b_z, b_r, b_h], recurrent row [c_z, c_r, c_h].
    const gru = new GRU({ units: 1, returnSequences: true });
    gru.build([null, 2, 1], 'float64');
    const [W, U, b] = gru.params();
    W.value.data.set([0.5, -0.4, 0.3]);
    U.value.data.set([0.2, 0.6, -0.7]);
    b.value.data.set([0.1, -0.2, 0.05, 0.3, 0.15, -0.25]);
    const xs = [1.5, -0.5];
    const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
    let h = 0;
    const expected: number[] = [];
    for (const x of xs) {
      const z = sigmoid(0.5 * x + 0.1 + 0.2 * h + 0.3);
      const r = sigmoid(-0.4 * x - 0.2 + 0.6 * h + 0.15);
      // The reset gate multiplies the recurrent product with its bias: r·(u_h·h + c_h).
      const hh = Math.tanh(0.3 * x + 0.05 + r * (-0.7 * h - 0.25));
      h = z * h + (1 - z) * hh;
      expected.push(h);
    }
    const y = toArray(gru.forward(tensor([[[xs[0]], [xs[1]]]], undefined, 'float64'))) as number[][][];
    expect(y[0][0][0]).toBeCloseTo(expected[0], 14);
    expect(y[0][1][0]).toBeCloseTo(expected[1], 14);
    // The reset-before form (bias [3·units]) gives another second step from the same kernels.
    const before = new GRU({ units: 1, returnSequences: true, resetAfter: false });
    before.build([null, 2, 1], 'float64');
    before.params()[0].value.data.set([0.5, -0.4, 0.3]);
    before.params()[1].value.data.set([0.2, 0.6, -0.7]);
    before.params()[2].value.data.set([0.4, -0.05, -0.2]);
    const y2 = toArray(before.forward(tensor([[[xs[0]], [xs[1]]]], undefined, 'float64'))) as number[][][];
    expect(Math.abs(y2[0][1][0] - expected[1])).toBeGreaterThan(1e-3);
  });
});
