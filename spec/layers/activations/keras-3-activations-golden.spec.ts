// Compares the Keras 3 activations TensorFlow.js also has (relu6, mish, logSoftmax, ReLU's
// maxValue) with TensorFlow.js values recorded by spec/golden/keras-3-activations.generate.mjs
// (tfjs 4.22, cpu backend, float32), rtol 1e-5 / atol 1e-6. Each case's reference call is in its `call` field.
import golden from '../../golden/keras-3-activations.json';
import { tensor, type Tensor } from '../../../lib/tensor';
import { getActivation, ReLU, type Layer } from '../../../layers';
import { expectClose } from '../../helpers/expect-close';

const f64 = (values: number[][]): Tensor => tensor(values, undefined, 'float64');
const tolerance = { rtol: 1e-5, atol: 1e-6 };

describe('Keras 3 activations against TensorFlow.js', () => {
  it.each(golden.activations.map((c) => [c.call, c] as const))('%s', (_call, c) => {
    const layer: Layer = c.activation === 'relu' ? new ReLU(c.config) : getActivation(c.activation);
    expectClose(layer.forward(f64(golden.x), true), c.output, tolerance);
    expectClose(layer.backward(f64(golden.r)).dAPrev as Tensor, c.dInput, tolerance);
  });
});
