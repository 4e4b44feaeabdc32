import { gradCheck } from '../../lib/grad-check';
import { ConfigError } from '../../lib/errors';
import { Sequential } from '../../lib/sequential';
import { setSeed } from '../../lib/random';
import { tensor, type Shape, type Tensor } from '../../lib/tensor';
import { Dense, Layer } from '../../layers';
import { MeanSquaredError } from '../../losses';
import { randomTensor } from '../helpers/random';

/** y = x², with a backward that forgets to multiply by dOut: the bug a ones-upstream check would miss. */
class ForgetfulSquare extends Layer {
  static override readonly className = 'ForgetfulSquare';
  private x: Tensor | null = null;
  computeOutputShape(inputShape: Shape): Shape {
    return inputShape;
  }
  protected call(x: Tensor): Tensor {
    this.x = x;
    const y = this.buffer('y', x.shape);
    for (let i = 0; i < x.size; i++) y.data[i] = x.data[i] * x.data[i];
    return y;
  }
  protected backprop(): Tensor {
    const x = this.x as Tensor;
    const d = this.buffer('d', x.shape);
    for (let i = 0; i < x.size; i++) d.data[i] = 2 * x.data[i]; // should be dOut[i] · 2x[i]
    return d;
  }
}

describe('gradCheck', () => {
  it('passes a correct layer and reports every tensor', () => {
    setSeed(1);
    const report = gradCheck(new Dense({ units: 3, activation: 'tanh' }), randomTensor([4, 5], 1));
    expect(report.passed).toBe(true);
    expect(report.results.map((r) => r.name)).toEqual(['dAPrev', 'dW', 'db']);
    expect(report.maxRelativeError).toBeLessThan(1e-6);
  });

  it('with isInputDifferentiable: false checks only the parameters (integer inputs such as indices)', () => {
    setSeed(1);
    const x = randomTensor([4, 5], 1);
    expect(gradCheck(new Dense({ units: 3 }), x, undefined, { isInputDifferentiable: false }).results.map((r) => r.name)).toEqual(['dW', 'db']);
    const model = new Sequential({ layers: [new Dense({ units: 2, inputShape: [5] })], dtype: 'float64' });
    model.compile({ optimizer: 'sgd', loss: 'mse' });
    const report = gradCheck(model, x, randomTensor([4, 2], 2), { isInputDifferentiable: false });
    expect(report.passed).toBe(true);
    expect(report.results.map((r) => r.name)).toEqual([`${model.layers[0].name}/dW`, `${model.layers[0].name}/db`]);
  });

  it('catches a backward that ignores the upstream gradient', () => {
    const report = gradCheck(new ForgetfulSquare(), randomTensor([3, 4], 2));
    expect(report.passed).toBe(false);
    expect(report.results[0].maxRelativeError).toBeGreaterThan(1e-2);
  });

  it('checks a whole float64 model through its loss', () => {
    setSeed(2);
    const model = new Sequential({ layers: [new Dense({ units: 4, activation: 'sigmoid', inputShape: [3] }), new Dense({ units: 2 })], dtype: 'float64' });
    model.compile({ optimizer: 'sgd', loss: new MeanSquaredError() });
    const report = gradCheck(model, randomTensor([5, 3], 3), randomTensor([5, 2], 4));
    expect(report.passed).toBe(true);
    const [first, second] = model.layers.map((l) => l.name);
    expect(report.results.map((r) => r.name)).toEqual(['dAPrev', `${first}/dW`, `${first}/db`, `${second}/dW`, `${second}/db`]);
  });

  it('refuses float32 targets and a model without a loss', () => {
    const dense = new Dense({ units: 2 });
    dense.forward(tensor([[1, 2]]));
    expect(() => gradCheck(dense, [[1, 2]])).toThrow(ConfigError);
    const model = new Sequential({ layers: [new Dense({ units: 1, inputShape: [2] })], dtype: 'float64' });
    expect(() => gradCheck(model, [[1, 2]], [[1]])).toThrow('compile it first');
  });
});
