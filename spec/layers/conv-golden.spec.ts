// Compares the convolution and pooling layers with TensorFlow.js values recorded by
// spec/golden/conv.generate.mjs (tfjs 4.22, cpu backend, float32), rtol 1e-5 / atol 1e-5,
// forward and backward (the gradients of sum(output ⊙ R)). Each case's reference call is in
// its `call` field; the layerwise layer is built from the same options.
import golden from '../golden/conv.json';
import { tensor, type Tensor } from '../../lib/tensor';
import { Conv2D, Dense, Flatten, MaxPooling2D, layers } from '../../layers';
import { oneHot } from '../../lib/data';
import { SGD } from '../../optimizers';
import { Sequential } from '../../lib/sequential';
import { expectClose } from '../helpers/expect-close';

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
    const { r, dInput, dWeights } = c;
    if (!r || !dInput || !dWeights) return; // forward only: tfjs has no gradient for this case
    const { dAPrev, grads } = layer.backward(tensor(r, c.output.shape, 'float64'));
    expectClose(dAPrev as Tensor, tensor(dInput, c.x.shape, 'float64'), tolerance);
    layer.params().forEach((p, i) => expectClose(grads[`d${p.name}`], tensor(dWeights[i], p.value.shape.slice(), 'float64'), tolerance));
  });
});

describe('a 5-step training trajectory against TensorFlow.js', () => {
  it(golden.trajectory.call, () => {
    const t = golden.trajectory;
    const model = new Sequential({
      dtype: 'float64',
      layers: [
        new Conv2D({ filters: 3, kernelSize: 3, padding: 'same', activation: 'relu', inputShape: [6, 6, 2] }),
        new MaxPooling2D({ poolSize: 2 }),
        new Conv2D({ filters: 4, kernelSize: 2, strides: 2, activation: 'tanh' }),
        new Flatten(),
        new Dense({ units: 3, activation: 'softmax' }),
      ],
    });
    model.compile({ optimizer: new SGD({ learningRate: 0.1, momentum: 0.9 }), loss: 'categoricalCrossentropy' });
    model.setWeights(t.weights.map((w) => tensor(w.values, w.shape, 'float64')));
    const x = tensor(t.x.values, t.x.shape, 'float64');
    const y = oneHot(tensor(t.labels), 3);
    // The reference computes in float32, so five steps agree to about 1e-6 relative.
    const losses = t.losses.map(() => model.trainOnBatch(x, y));
    losses.forEach((loss, i) => expect(Math.abs(loss - t.losses[i])).toBeLessThan(1e-5));
    model.getWeights().forEach((w, i) => expectClose(w, tensor(t.finalWeights[i], w.shape.slice(), 'float64'), { rtol: 1e-4, atol: 1e-5 }));
  });
});
