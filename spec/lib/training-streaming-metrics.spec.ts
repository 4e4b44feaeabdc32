import { Sequential } from '../../lib/sequential';
import { tensor } from '../../lib/tensor';
import { Dense } from '../../layers';
import { SGD } from '../../optimizers';
import { Precision, AUC } from '../../lib/metrics';

// A fixed model, W = 1, b = 0, sigmoid: x = logit(p) gives the prediction p. With learning rate 0
// nothing changes during fit, so training and evaluation see the same predictions.
//   p      0.9  0.8  0.3  0.6 | 0.2  0.7  0.1  0.4
//   label    1    1    1    0 |   0    1    0    1
// Over all eight: TP 3, FP 1 → precision 3/4. By batches of four: 2/3 and 1, whose mean 5/6 is
// what averaging batch values would (wrongly) report.
const p = [0.9, 0.8, 0.3, 0.6, 0.2, 0.7, 0.1, 0.4];
const x = p.map((v) => [Math.log(v / (1 - v))]);
const y = [[1], [1], [1], [0], [0], [1], [0], [1]];

function fixedModel(): Sequential {
  const model = new Sequential({ dtype: 'float64', layers: [new Dense({ units: 1, activation: 'sigmoid', inputShape: [1] })] });
  model.setWeights([tensor([[1]], undefined, 'float64'), tensor([0], undefined, 'float64')]);
  model.compile({ optimizer: new SGD({ learningRate: 0 }), loss: 'binaryCrossentropy', metrics: ['precision', 'auc', new Precision({ threshold: 0.75, name: 'p75' })] });
  return model;
}

describe('streaming metrics in fit and evaluate', () => {
  it('evaluate reports the result over all batches, not the mean of batch values', () => {
    const [, precision, auc, p75] = fixedModel().evaluate(x, y, { batchSize: 4 }) as number[];
    expect(precision).toBeCloseTo(3 / 4, 10);
    expect(auc).toBeCloseTo(new AUC().compute(tensor(p.map((v) => [v])), tensor(y)), 10);
    // Above 0.75: 0.9 and 0.8, both positive.
    expect(p75).toBe(1);
  });

  it('fit logs batch values per batch and the streaming result per epoch, for training and validation', async () => {
    const model = fixedModel();
    const batchPrecision: number[] = [];
    const history = await model.fit(x, y, {
      epochs: 2, batchSize: 4, shuffle: false, verbose: 0, validationData: [x, y],
      callbacks: [{ onBatchEnd: (_b, logs) => { batchPrecision.push(logs?.precision ?? NaN); } }],
    });
    expect(batchPrecision[0]).toBeCloseTo(2 / 3, 10);
    expect(batchPrecision[1]).toBe(1);
    // Reset each epoch: the second epoch reports the same 3/4, not counts accumulated over both.
    expect(history.history.precision).toEqual([expect.closeTo(3 / 4, 10), expect.closeTo(3 / 4, 10)]);
    expect(history.history.val_precision).toEqual([expect.closeTo(3 / 4, 10), expect.closeTo(3 / 4, 10)]);
    expect(history.history.auc[0]).toBeCloseTo(history.history.val_auc[0], 10);
  });
});
