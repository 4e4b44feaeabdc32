// Compares Dense and the activation layers with TensorFlow.js values recorded by
// spec/golden/layers.generate.mjs (tfjs 4.22, cpu backend, float32), rtol 1e-5 / atol 1e-6.
// Each case's reference call is recorded in its `call` field and named in the test title.
import golden from '../golden/layers.json';
import { tensor, type Tensor } from '../../lib/tensor';
import { Dense, getActivation, LeakyReLU } from '../../layers';
import { expectClose } from '../helpers/expect-close';

const f64 = (values: number[][]): Tensor => tensor(values, undefined, 'float64');
const tolerance = { rtol: 1e-5, atol: 1e-6 };

describe('Dense against TensorFlow.js', () => {
  const { x, kernel, bias, r } = golden.dense;
  // Reference: tf.layers.dense({ units: 3, activation, useBias }) with the kernel and bias set by
  // setWeights; output = apply(x); gradients = tf.variableGrads(() => sum(apply(x) * R), [x, kernel, bias]).
  // 'leakyRelu' is dense (linear) followed by tf.layers.leakyReLU() (alpha 0.3), as tfjs has no such activation string.
  it.each(golden.dense.cases.map((c) => [c.call, c] as const))('%s', (_call, c) => {
    const dense = new Dense({ units: 3, activation: c.activation, useBias: c.useBias });
    dense.build([null, 4], 'float64');
    const [W, b] = dense.params();
    W.value.data.set(kernel.flat());
    if (c.useBias) b.value.data.set(bias);
    expectClose(dense.forward(f64(x), true), c.output, tolerance);
    const { dAPrev, grads } = dense.backward(f64(r));
    expectClose(dAPrev as Tensor, c.dInput, tolerance);
    expectClose(grads.dW, c.dKernel, tolerance);
    if (c.useBias) expectClose(grads.db, c.dBias as number[], tolerance);
    else expect(grads.db).toBeUndefined();
  });
});

describe('activation layers against TensorFlow.js', () => {
  const { x, r } = golden.activations;
  // Reference: tf.layers.reLU(), tf.layers.leakyReLU({ alpha }), tf.layers.softmax() and
  // tf.layers.activation({ activation: 'sigmoid' | 'tanh' | 'linear' }); output = apply(x);
  // dInput = tf.variableGrads(() => sum(apply(x) * R), [x]).
  it.each(golden.activations.cases.map((c) => [c.call, c] as const))('%s', (_call, c) => {
    const layer = c.activation === 'leakyRelu' ? new LeakyReLU(c.config) : getActivation(c.activation);
    expectClose(layer.forward(f64(x), true), c.output, tolerance);
    expectClose(layer.backward(f64(r)).dAPrev as Tensor, c.dInput, tolerance);
  });
});
