/**
 * The new layers in `model.json`'s Keras form: their config keys are the Keras and
 * TensorFlow.js ones (`axis`, `axes`, `normalize`, `dims`, `n`, `cropping`, `activation`), so
 * the generic camelCase → snake_case mapping of `layerToKeras` needs no special case, and
 * `layerFromKeras` reads them back (also as Keras 3 writes them, with a `dtype`).
 */
import { layerFromKeras, layerToKeras } from '../../../lib/serialization/layer-json';
import {
  Activation, Add, Average, Concatenate, Cropping1D, Dot, Identity, Maximum, Minimum, Multiply, Permute, RepeatVector, Subtract, Tanh,
  type Layer,
} from '../../../layers';

describe('Keras form of the merge and graph-utility layers', () => {
  const cases: [Layer, Record<string, unknown>][] = [
    [new Add({ name: 'add' }), {}],
    [new Subtract({ name: 'subtract' }), {}],
    [new Multiply({ name: 'multiply' }), {}],
    [new Average({ name: 'average' }), {}],
    [new Maximum({ name: 'maximum' }), {}],
    [new Minimum({ name: 'minimum' }), {}],
    [new Concatenate({ axis: 1, name: 'concatenate' }), { axis: 1 }],
    [new Dot({ axes: [2, 1], normalize: true, name: 'dot' }), { axes: [2, 1], normalize: true }],
    [new Dot({ axes: -1, name: 'dot_1' }), { axes: -1, normalize: false }],
    [new Permute({ dims: [2, 1], name: 'permute' }), { dims: [2, 1] }],
    [new RepeatVector({ n: 3, name: 'repeat_vector' }), { n: 3 }],
    [new Cropping1D({ cropping: 2, name: 'cropping1d' }), { cropping: [2, 2] }],
    [new Identity({ name: 'identity' }), {}],
  ];

  test.each(cases.map(([layer, own]) => [layer.className, layer, own] as const))('%s: Keras keys, and back to the same config', (className, layer, own) => {
    const warnings: string[] = [];
    const json = layerToKeras(layer, warnings);
    expect(json).toEqual({ class_name: className, config: { ...own, name: layer.name, trainable: true } });
    expect(warnings).toEqual([]);
    const loaded = layerFromKeras(json);
    expect(loaded.className).toBe(className);
    expect(loaded.getConfig()).toEqual(layer.getConfig());
  });

  it('reads the configs Keras 3 writes (dtype and all)', () => {
    const dot = layerFromKeras({ class_name: 'Dot', config: { name: 'dot', trainable: true, dtype: 'float32', axes: [1, 1], normalize: false } });
    expect(dot.getConfig()).toEqual({ name: 'dot', trainable: true, axes: [1, 1], normalize: false });
    const crop = layerFromKeras({ class_name: 'Cropping1D', config: { name: 'c', trainable: true, dtype: 'float32', cropping: [1, 1] } });
    expect(crop.getConfig()).toEqual({ name: 'c', trainable: true, cropping: [1, 1] });
  });

  it('Activation is written as Keras\'s Activation layer; reading it builds the activation layer of that name', () => {
    const warnings: string[] = [];
    const json = layerToKeras(new Activation({ activation: 'tanh', name: 'act' }), warnings);
    expect(json).toEqual({ class_name: 'Activation', config: { activation: 'tanh', name: 'act', trainable: true } });
    expect(warnings).toEqual([]);
    const loaded = layerFromKeras(json);
    expect(loaded).toBeInstanceOf(Tanh);
    expect(loaded.name).toBe('act');
  });
});
