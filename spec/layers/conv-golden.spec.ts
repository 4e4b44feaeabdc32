// Compares the convolution and pooling layers with TensorFlow.js values recorded by
// spec/golden/conv.generate.mjs (tfjs 4.22, cpu backend, float32), rtol 1e-5 / atol 1e-5,
// forward and backward (the gradients of sum(output ⊙ R)). Each case's reference call is in
// its `call` field; the layerwise layer is built from the same options.
import golden from '../golden/conv.json';
import { tensor, type Tensor } from '../../lib/tensor';
import { layers } from '../../layers';
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
