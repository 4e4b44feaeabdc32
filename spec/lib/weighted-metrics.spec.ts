/**
 * compile({ weightedMetrics }): Keras 3's `weighted_metrics`. Metrics listed there receive the
 * sample weights of fit and evaluate; plain metrics stay unweighted; log keys follow Keras 3's
 * CompileMetrics.result (a name, `weighted_<name>` when taken, `_1` for a repeated plain name).
 */
import { Identity, Model, Sequential, input, tensor, type Tensor } from '../../lib';
import { fromJSON } from '../../lib/serialization';
import { PearsonCorrelation, R2Score, RootMeanSquaredError, TopKCategoricalAccuracy, categoricalAccuracy, meanAbsoluteError, meanSquaredError, sparseCategoricalAccuracy } from '../../lib/metrics';
import { ConfigError, ShapeError } from '../../lib/errors';

const f64 = (values: number[][] | number[]): Tensor => tensor(values, undefined, 'float64');

/** The predictions are the inputs. */
function identityModel(options: { metrics?: string[]; weightedMetrics?: string[] }): Sequential {
  const model = new Sequential({ dtype: 'float64', layers: [new Identity({ inputShape: [2] })] });
  model.compile({ optimizer: 'sgd', loss: 'mse', ...options });
  return model;
}

// keras/src/trainers/compile_utils_test.py, test_single_output_case: two update_state calls on
// the same labels with predictions p1 then p2, sample_weight [1, 0, 1]:
// result["mean_squared_error"] 0.055833336, result["weighted_mean_squared_error"] 0.0725.
// By hand: per-sample MSEs 0.05, 0.025, 0.13 then 0.02, 0.02, 0.09; unweighted 0.335/6,
// weighted (0.05 + 0.13 + 0.02 + 0.09)/4 = 0.0725.
const yTrue = [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]];
const p1 = [[0.4, 0.1], [0.2, 0.6], [0.6, 0.1]];
const p2 = [[0.3, 0.2], [0.1, 0.4], [0.2, 0.3]];
const X = f64([...p1, ...p2]);
const Y = f64([...yTrue, ...yTrue]);
const W = [1, 0, 1, 1, 0, 1];

describe('compile({ weightedMetrics })', () => {
  it('evaluate: Keras 3 test_single_output_case, both batches streamed', () => {
    const model = identityModel({ metrics: ['mean_squared_error'], weightedMetrics: ['mean_squared_error'] });
    const logs = model.evaluate(X, Y, { batchSize: 3, sampleWeight: W, returnDict: true });
    expect(Object.keys(logs)).toEqual(['loss', 'mean_squared_error', 'weighted_mean_squared_error']);
    expect(logs.mean_squared_error).toBeCloseTo(0.055833336, 7);
    expect(logs.weighted_mean_squared_error).toBeCloseTo(0.0725, 7);
    // One batch of 6 gives the same totals.
    const whole = model.evaluate(X, Y, { batchSize: 6, sampleWeight: W, returnDict: true });
    expect(whole.weighted_mean_squared_error).toBeCloseTo(0.0725, 12);
  });

  it('keeps the metric\'s own name when metrics does not have it, and is unweighted without sampleWeight', () => {
    const model = identityModel({ metrics: ['mae'], weightedMetrics: ['mse'] });
    const logs = model.evaluate(X, Y, { batchSize: 3, sampleWeight: W, returnDict: true });
    expect(Object.keys(logs)).toEqual(['loss', 'mae', 'mse']);
    expect(logs.mse).toBeCloseTo(0.0725, 7);
    expect(model.evaluate(X, Y, { batchSize: 3, returnDict: true }).mse).toBeCloseTo(0.335 / 6, 12);
    // The array form lists the weighted metrics after the plain ones.
    expect(model.evaluate<number[]>(X, Y, { batchSize: 3, sampleWeight: W })[2]).toBeCloseTo(0.0725, 7);
  });

  it('names repeats as Keras 3 does: mse, mse_1, weighted_mse, weighted_mse_1', () => {
    const model = identityModel({ metrics: ['mse', 'mse'], weightedMetrics: ['mse', 'mse'] });
    const logs = model.evaluate(X, Y, { batchSize: 3, sampleWeight: W, returnDict: true });
    expect(Object.keys(logs)).toEqual(['loss', 'mse', 'mse_1', 'weighted_mse', 'weighted_mse_1']);
    expect(logs.mse_1).toBeCloseTo(logs.mse, 12);
    expect(logs.weighted_mse_1).toBeCloseTo(0.0725, 7);
  });

  it('fit: History and batch logs show the weighted metrics, validation included, with the weights of each shuffled batch', async () => {
    const model = identityModel({ metrics: ['mse'], weightedMetrics: ['mse', 'rmse'] });
    const batches: Record<string, number>[] = [];
    const history = await model.fit(X, Y, {
      epochs: 2, batchSize: 2, seed: 3, verbose: 0, sampleWeight: W, validationData: [X, Y],
      callbacks: [{ onBatchEnd: (_, logs) => { batches.push({ ...logs } as Record<string, number>); } }],
    });
    expect(Object.keys(history.history).sort()).toEqual(['learning_rate', 'loss', 'mse', 'rmse', 'val_loss', 'val_mse', 'val_rmse', 'val_weighted_mse', 'weighted_mse'].sort());
    for (const epoch of [0, 1]) {
      expect(history.history.mse[epoch]).toBeCloseTo(0.335 / 6, 12);
      expect(history.history.weighted_mse[epoch]).toBeCloseTo(0.0725, 12);
      // RMSE streams Σ w·e² / Σ w over the elements: the root of the weighted MSE.
      expect(history.history.rmse[epoch]).toBeCloseTo(Math.sqrt(0.0725), 12);
      // validationData has no weights: the weighted metrics are then unweighted.
      expect(history.history.val_weighted_mse[epoch]).toBeCloseTo(0.335 / 6, 12);
    }
    expect(batches.every((b) => typeof b.weighted_mse === 'number' && typeof b.rmse === 'number')).toBe(true);
  });

  it('sees the weights classWeight gives', async () => {
    const model = new Sequential({ dtype: 'float64', layers: [new Identity({ inputShape: [2] })] });
    model.compile({ optimizer: 'sgd', loss: 'categoricalCrossentropy', metrics: ['accuracy'], weightedMetrics: ['accuracy'] });
    // Predictions = inputs: samples 0 and 1 right, 2 wrong; classes 0, 1, 1.
    const x = f64([[0.9, 0.1], [0.2, 0.8], [0.7, 0.3]]);
    const y = f64([[1, 0], [0, 1], [0, 1]]);
    const history = await model.fit(x, y, { epochs: 1, batchSize: 3, verbose: 0, classWeight: { 0: 3, 1: 1 } });
    expect(history.history.accuracy[0]).toBeCloseTo(2 / 3, 12);
    // Weights 3, 1, 1: (3 + 1)/5.
    expect(history.history.weighted_accuracy[0]).toBeCloseTo(0.8, 12);
  });

  it('prefixes the output name for several outputs: out_weighted_mse (Keras 3 test_dict_output_case keys)', () => {
    const a = input({ shape: [2], name: 'a' });
    const one = new Identity({ name: 'one' }).apply(a);
    const two = new Identity({ name: 'two' }).apply(a);
    const model = new Model({ inputs: a, outputs: [one, two] });
    model.compile({ optimizer: 'sgd', loss: 'mse', metrics: ['mse'], weightedMetrics: { one: ['mse'], two: [] } });
    const logs = model.evaluate(X, [Y, Y], { batchSize: 3, sampleWeight: W, returnDict: true });
    expect(Object.keys(logs)).toEqual(['loss', 'one_loss', 'two_loss', 'one_mse', 'two_mse', 'one_weighted_mse']);
    expect(logs.one_weighted_mse).toBeCloseTo(0.0725, 6);
  });

  it('survives a saved trainingConfig as weighted_metrics', () => {
    const model = identityModel({ metrics: ['mse'], weightedMetrics: ['mse'] });
    for (const includeOptimizer of [false, true]) {
      const json = model.toJSON({ includeOptimizer });
      const config = includeOptimizer ? json.modelJson.trainingConfig : json.modelJson.userDefinedMetadata?.layerwise?.compile;
      expect(config?.weighted_metrics).toEqual(['mse']);
      const copy = fromJSON(json);
      const logs = copy.evaluate(X, Y, { batchSize: 3, sampleWeight: W, returnDict: true });
      expect(Object.keys(logs)).toEqual(['loss', 'mse', 'weighted_mse']);
      expect(logs.weighted_mse).toBeCloseTo(0.0725, 6);
    }
    // Without weighted metrics nothing is written.
    expect(identityModel({ metrics: ['mse'] }).toJSON({ includeOptimizer: true }).modelJson.trainingConfig).not.toHaveProperty('weighted_metrics');
  });

  it('rejects what metrics rejects, naming weightedMetrics', () => {
    const model = identityModel({});
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse', weightedMetrics: 'mse' as never })).toThrow(new ConfigError('compile: weightedMetrics must be an array, got string'));
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse', weightedMetrics: ['nope' as never] })).toThrow(/compile: unknown metric 'nope'/);
    expect(() => model.compile({ optimizer: 'sgd', loss: 'mse', weightedMetrics: { other: ['mse'] } })).toThrow("compile: weightedMetrics names no output 'other'");
  });
});

describe('batch-mean metrics with sampleWeight', () => {
  it('CategoricalAccuracy: Keras 3 accuracy_metrics_test.py CategoricalAccuracyTest.test_weighted (0.3)', () => {
    const yPred = f64([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]);
    const labels = f64([[0, 0, 1], [0, 1, 0]]);
    expect(categoricalAccuracy.compute(yPred, labels)).toBeCloseTo(0.5, 12); // test_unweighted
    expect(categoricalAccuracy.compute(yPred, labels, f64([0.7, 0.3]))).toBeCloseTo(0.3, 12);
  });

  it('SparseCategoricalAccuracy: Keras 3 SparseCategoricalAccuracyTest.test_weighted (0.3)', () => {
    const yPred = f64([[0.1, 0.6, 0.3], [0.05, 0.95, 0]]);
    expect(sparseCategoricalAccuracy.compute(yPred, f64([[2], [1]]))).toBeCloseTo(0.5, 12); // test_unweighted
    expect(sparseCategoricalAccuracy.compute(yPred, f64([[2], [1]]), f64([0.7, 0.3]))).toBeCloseTo(0.3, 12);
  });

  it('R2Score: Keras 3 regression_metrics_test.py test_r2_tfa_comparison, uniform_average, sample_weights [0.8, 0.1, 0.4] (−3.0615368)', () => {
    const yTrueR2 = f64([[0, 0, 1], [0, 1, 0], [1, 0, 0]]);
    const yPredR2 = f64([[0.4, 0.9, 1.6], [0.1, 1.2, 0.6], [1.5, 0.8, 0.6]]);
    const weights = f64([0.8, 0.1, 0.4]);
    expect(new R2Score().compute(yPredR2, yTrueR2, weights)).toBeCloseTo(-3.0615367889404297, 6);
    // Streaming: one sample per batch merges to the same weighted sums.
    const streamed = new R2Score();
    for (let i = 0; i < 3; i++) streamed.update(yPredR2.lo(i).hi(1), yTrueR2.lo(i).hi(1), weights.lo(i).hi(1));
    expect(streamed.result()).toBeCloseTo(-3.0615367889404297, 6);
    // All weights 1 is the unweighted score.
    expect(new R2Score().compute(yPredR2, yTrueR2, f64([1, 1, 1]))).toBeCloseTo(new R2Score().compute(yPredR2, yTrueR2), 12);
    expect(() => new R2Score().compute(yPredR2, yTrueR2, f64([1, 1]))).toThrow(/r2Score: sampleWeight must have one weight per sample/);
  });

  it('TopKCategoricalAccuracy: Keras 3 TopKCategoricalAccuracyTest.test_weighted (k 1, 0.3)', () => {
    const yPred = f64([[0.1, 0.9, 0.8], [0.05, 0.95, 0]]);
    const labels = f64([[0, 0, 1], [0, 1, 0]]);
    expect(new TopKCategoricalAccuracy({ k: 1 }).compute(yPred, labels, f64([0.7, 0.3]))).toBeCloseTo(0.3, 12);
  });

  it('MSE, MAE, RMSE and the per-row correlations weigh each sample: Σ w_i·v_i / Σ w_i', () => {
    // Rows: squared errors [1, 4] and [9, 0], abs errors [1, 2] and [3, 0]; weights 3 and 1.
    const p = f64([[1, 2], [3, 0]]);
    const t = f64([[0, 0], [0, 0]]);
    const w = f64([3, 1]);
    expect(meanSquaredError.compute(p, t, w)).toBeCloseTo((3 * 2.5 + 1 * 4.5) / 4, 12);
    expect(meanAbsoluteError.compute(p, t, w)).toBeCloseTo((3 * 1.5 + 1 * 1.5) / 4, 12);
    expect(new RootMeanSquaredError().compute(p, t, w)).toBeCloseTo(Math.sqrt((3 * 5 + 9) / 8), 12);
    // Pearson per row: [1, 2, 3] vs [1, 2, 3] is 1, [1, 2, 3] vs [3, 2, 1] is −1; weights 3 and 1 give 0.5.
    const pearson = new PearsonCorrelation();
    const rows = f64([[1, 2, 3], [3, 2, 1]]);
    const targets = f64([[1, 2, 3], [1, 2, 3]]);
    expect(pearson.compute(rows, targets)).toBeCloseTo(0, 12);
    expect(pearson.compute(rows, targets, w)).toBeCloseTo(0.5, 12);
  });

  it('SparseCategoricalAccuracy takes sequence outputs [N, T, C] with labels [N, T] (Keras 3 test_reshape_matches values)', () => {
    // test_reshape_matches: predictions [[0.9, 0.1, 0.0], [0.8, 0.15, 0.05]] for two steps of label 0: both hits.
    const yPred = tensor([[[0.9, 0.1, 0.0], [0.8, 0.15, 0.05]]], [1, 2, 3], 'float64');
    expect(sparseCategoricalAccuracy.compute(yPred, f64([[0, 0]]))).toBe(1);
    expect(sparseCategoricalAccuracy.compute(yPred, tensor([0, 0], [1, 2, 1], 'float64'))).toBe(1);
    // Two samples of two steps: hits [1, 0] and [1, 1]; weights 1 and 3 give (1·1 + 3·2)/(1·2 + 3·2) = 7/8.
    const two = tensor([0.9, 0.1, 0.2, 0.8, 0.3, 0.7, 0.6, 0.4], [2, 2, 2], 'float64');
    expect(sparseCategoricalAccuracy.compute(two, f64([[0, 0], [1, 0]]))).toBeCloseTo(0.75, 12);
    expect(sparseCategoricalAccuracy.compute(two, f64([[0, 0], [1, 0]]), f64([1, 3]))).toBeCloseTo(7 / 8, 12);
    expect(() => sparseCategoricalAccuracy.compute(two, f64([0, 1]))).toThrow(ShapeError);
    expect(() => sparseCategoricalAccuracy.compute(two, f64([0, 1]))).toThrow(
      'sparseCategoricalAccuracy: yPred must be [N, T, C] and yTrue [N, T] or [N, T, 1]: expected [2, 2] or [2, 2, 1] for yPred [2, 2, 2], got [2]',
    );
  });

  it('a fit on a sequence output reports sparse categorical accuracy per time step', () => {
    const model = new Sequential({ dtype: 'float64', layers: [new Identity({ inputShape: [2, 2] })] });
    model.compile({ optimizer: 'sgd', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
    const x = tensor([0.9, 0.1, 0.2, 0.8, 0.3, 0.7, 0.6, 0.4], [2, 2, 2], 'float64');
    const logs = model.evaluate(x, f64([[0, 0], [1, 0]]), { returnDict: true });
    expect(logs.accuracy).toBeCloseTo(0.75, 12);
  });
});
