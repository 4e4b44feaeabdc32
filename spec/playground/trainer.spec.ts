import { fromJSON } from '../../lib/index';
import { Trainer } from '../../playground/trainer';
import { defaultSettings, settingsFromParams, type Settings } from '../../playground/settings';

const settingsOf = (query: string): Settings => settingsFromParams(new URLSearchParams(query)).settings;

describe('the playground Trainer', () => {
  it('the default network learns spirals: ≥ 95% training accuracy within 400 steps', () => {
    const trainer = new Trainer(defaultSettings());
    for (let i = 0; i < 400; i++) trainer.step();
    const report = trainer.report(false, 0);
    expect(report.step).toBe(400);
    expect(report.epoch).toBe(Math.floor((400 * 16) / 240));
    expect(report.trainMetric).toBeGreaterThanOrEqual(0.95);
    expect(report.view.kind).toBe('classes');
  });

  it('the same settings give the same losses step by step, and tracing in between changes nothing', () => {
    const query = 'dataset=moons&seed=7&layers=8tanh,8tanh_bn_d0.1&optimizer=sgd&lr=0.1&batch=8';
    const a = new Trainer(settingsOf(query)), b = new Trainer(settingsOf(query));
    for (let i = 0; i < 25; i++) {
      expect(b.step()).toBe(a.step());
      b.trace(i);
    }
    expect(b.report(false, 0).trainLoss).toBe(a.report(false, 0).trainLoss);
    const other = new Trainer(settingsOf(query.replace('seed=7', 'seed=8')));
    for (let i = 0; i < 25; i++) other.step();
    expect(other.report(false, 0).trainLoss).not.toBe(a.report(false, 0).trainLoss);
  });

  it('traces Z, A, dZ, dA, dW, db and dAPrev of 2-16-16-2 for one sample, as computeGradients gives them', () => {
    const trainer = new Trainer(defaultSettings());
    const trace = trainer.trace(3);
    expect(trace.sample).toBe(3);
    expect(trace.input.shape).toEqual([1, 2]);
    expect(trace.layers.map((l) => `${l.className}: ${l.tensors.map((t) => `${t.label}[${t.shape}]`).join(' ')}`)).toEqual([
      'Dense: Z[1,16] dZ[1,16] dW[2,16] db[16] dAPrev[1,2]',
      'ReLU: A[1,16] dA[1,16] dAPrev[1,16]',
      'Dense: Z[1,16] dZ[1,16] dW[16,16] db[16] dAPrev[1,16]',
      'ReLU: A[1,16] dA[1,16] dAPrev[1,16]',
      'Dense: Z[1,2] dZ[1,2] dW[16,2] db[2] dAPrev[1,16]',
      'Softmax: A[1,2] dA[1,2] dAPrev[1,2]',
    ]);
    // Known answers of the chain rule: ReLU's dAPrev is dA where Z > 0 and 0 elsewhere, and
    // the softmax output sums to 1.
    const [dense1, relu1] = trace.layers;
    const z = dense1.tensors[0].values, dA = relu1.tensors[1].values, dZ = relu1.tensors[2].values;
    for (let k = 0; k < 16; k++) expect(dZ[k]).toBe(z[k] > 0 ? dA[k] : 0);
    const p = trace.layers[5].tensors[0].values;
    expect(p[0] + p[1]).toBeCloseTo(1, 6);
  });

  it('6 sigmoid layers: the first Dense ‖dW‖ is below 1/100 of the last; 6 ReLU layers with He init: not', () => {
    const ratio = (query: string): number => {
      const trainer = new Trainer(settingsOf(query));
      trainer.step();
      const dW = (trainer.report(false, 0).gradients ?? []).filter((g) => g.className === 'Dense').map((g) => g.grads.dW);
      expect(dW).toHaveLength(7);
      return dW[0] / dW[6];
    };
    expect(ratio(`layers=${Array(6).fill('16sigmoid').join(',')}&init=glorotUniform`)).toBeLessThan(0.01);
    expect(ratio(`layers=${Array(6).fill('16relu').join(',')}&init=heNormal`)).toBeGreaterThan(0.01);
  });

  it('exports a model (one JSON, or model.json + weights.bin) that reads back with the same predictions, and imports it', () => {
    const trainer = new Trainer(defaultSettings());
    for (let i = 0; i < 20; i++) trainer.step();
    const text = trainer.exportModel();
    const probe = trainer.probe();
    const copy = fromJSON(text);
    expect(Array.from(copy.predict({ data: probe.input, shape: probe.shape }).data)).toEqual(Array.from(probe.output));
    const other = new Trainer({ ...defaultSettings(), seed: 2 });
    other.importModel(text);
    expect(Array.from(other.model.predict({ data: probe.input, shape: probe.shape }).data)).toEqual(Array.from(probe.output));
    expect(Number.isFinite(other.step())).toBe(true);
    const pair = trainer.exportTfjs();
    expect(JSON.parse(pair.modelJson).weightsManifest[0].paths).toEqual(['weights.bin']);
    expect(pair.weights.byteLength).toBe(4 * (2 * 16 + 16 + 16 * 16 + 16 + 16 * 2 + 2));
    const third = new Trainer({ ...defaultSettings(), seed: 3 });
    third.importModel(pair);
    expect(Array.from(third.model.predict({ data: probe.input, shape: probe.shape }).data)).toEqual(Array.from(probe.output));
    const sine = new Trainer(settingsOf('dataset=sine'));
    expect(() => sine.importModel(text)).toThrow(/maps 2 inputs to 2 outputs; the sine data needs 1 → 1/);
  });

  it('reports a fitted curve for the regression, and R² as its metric', () => {
    const sine = new Trainer(settingsOf('dataset=sine&layers=16tanh&lr=0.02'));
    for (let i = 0; i < 300; i++) sine.step();
    const report = sine.report(false, 0);
    expect(report.view.kind).toBe('regression');
    expect(report.trainMetric).toBeGreaterThan(0.8); // R²
  });
});
