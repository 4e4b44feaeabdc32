/**
 * Functional models in Keras 3 `.keras` files: `model.save('m.keras')` writes Keras 3's
 * `Functional` config (keras/src/models/functional.py `get_config`, `serialize_node`) with the
 * layers in Keras's `model.layers` order (keras/src/ops/function.py `map_graph`) and their
 * variables at the paths `saving_lib` gives them in that order; `loadModel('m.keras')` rebuilds
 * the graph with its weights. The expected configs and paths are derived by hand in each test
 * from those rules.
 */
import * as fs from 'fs';
import * as path from 'path';
import { zipSync } from 'fflate';
import { Model, input, layers, tensor, toArray, type Shape, type SymbolicTensor, type Tensor } from '../../../lib';
import { Add, Concatenate, Dense, LSTM, MergeLayer, SimpleRNN } from '../../../layers';
import { DataError } from '../../../lib/errors';
import { loadModel } from '../../../lib/serialization';
import { kerasSnakeCase } from '../../../lib/serialization/keras3';
import { kerasLayerOrder } from '../../../lib/serialization/keras3-functional';
import { Random } from '../../../lib/random';
import { layerSample } from '../../helpers/layer-samples';
import { h5Layout, h5Ready, unzipKeras, type H5Entry } from '../../helpers/keras3-files';
import { makeTempDir, removeTempDir } from '../../helpers/tfjs-files';

let dir: string;
beforeAll(h5Ready);
beforeEach(() => {
  dir = makeTempDir();
});
afterEach(() => removeTempDir(dir));

/** Values in [-1, 1) for `shape` (a `null` batch is 3), from a seeded generator. */
function randomInput(shape: Shape, seed: number): Tensor {
  const rng = new Random(seed);
  const dims = shape.map((d) => d ?? 3) as number[];
  const t = tensor(new Float32Array(dims.reduce((a, b) => a * b, 1)), dims);
  for (let i = 0; i < t.size; i++) t.data[i] = rng.uniformRange(-1, 1);
  return t;
}

/** Sets every weight to seeded values in [-1, 1). */
function randomizeWeights(model: Model, seed: number): void {
  const rng = new Random(seed);
  model.setWeights(model.getWeights().map((w) => {
    const t = tensor(new Float32Array(w.size), w.shape.slice());
    for (let k = 0; k < t.size; k++) t.data[k] = rng.uniformRange(-1, 1);
    return t;
  }));
}

/** A Keras 3 `__keras_tensor__` as `serialize_keras_object` writes a KerasTensor. */
function kt(layer: string, node: number, shape: Shape, tensor = 0): Record<string, unknown> {
  return { class_name: '__keras_tensor__', config: { shape, dtype: 'float32', keras_history: [layer, node, tensor] } };
}

/** The outputs of `predict`, as nested arrays, one per output. */
function predictions(model: Model, xs: Tensor[]): unknown[] {
  const out = model.predict(xs.length === 1 ? xs[0] : xs) as Tensor | Tensor[];
  return (Array.isArray(out) ? out : [out]).map((t) => toArray(t));
}

/** Saves `model`, loads it back, and checks that every weight (rounded to float32) and every prediction is the same. */
async function roundTrip(model: Model, xs: Tensor[]): Promise<{ loaded: Model; file: string }> {
  const file = path.join(dir, `${model.name}.keras`);
  await model.save(file);
  const loaded = await loadModel(file);
  expect(loaded).toBeInstanceOf(Model);
  expect(loaded.name).toBe(model.name);
  expect([...loaded.layers.map((l) => l.name)].sort()).toEqual([...model.layers.map((l) => l.name)].sort());
  const byName = new Map(loaded.layers.map((l) => [l.name, l]));
  for (const layer of model.layers) {
    const other = byName.get(layer.name)!;
    expect(other.className).toBe(layer.className);
    expect(other.getConfig()).toEqual(layer.getConfig());
    const a = [...layer.params(), ...layer.nonTrainableWeights()].map((w) => Array.from(Float32Array.from(w.value.data.subarray(w.value.offset, w.value.offset + w.value.size))));
    const b = [...other.params(), ...other.nonTrainableWeights()].map((w) => Array.from(w.value.data.subarray(w.value.offset, w.value.offset + w.value.size)));
    expect(b).toEqual(a);
  }
  expect(predictions(loaded, xs)).toEqual(predictions(model, xs));
  return { loaded, file };
}

/** The `vars` groups and datasets a layer's weights give: `<base>/vars` named `name`, and `<base>/vars/<i>` of each shape. */
function varsLayout(base: string, name: string, shapes: number[][] = []): [string, H5Entry][] {
  return [
    [base, { kind: 'group' }],
    [`${base}/vars`, { kind: 'group', name }],
    ...shapes.map((shape, i): [string, H5Entry] => [`${base}/vars/${i}`, { kind: 'dataset', shape }]),
  ];
}

describe('functional models in .keras files', () => {
  // Every merge layer class layerwise registers, between two inputs.
  const MERGE = layers.names().filter((n) => layers.create(n, layerSample(n).options) instanceof MergeLayer);

  it('covers the merge layers', () => {
    expect([...MERGE].sort()).toEqual(['Add', 'Average', 'Concatenate', 'Dot', 'Maximum', 'Minimum', 'Multiply', 'Subtract']);
  });

  it.each(MERGE)('%s: writes Keras 3\'s Functional config and paths, and round trips', async (name) => {
    const { options, inputShapes } = layerSample(name);
    const a = input({ shape: inputShapes[0].slice(1) as number[], name: 'a' });
    const b = input({ shape: inputShapes[1].slice(1) as number[], name: 'b' });
    const merged = layers.create(name, { ...options, name: 'merged' }).apply([a, b]) as SymbolicTensor;
    const out = new Dense({ units: 2, name: 'out' }).apply(merged);
    const model = new Model({ inputs: [a, b], outputs: out, name: 'merge_model' });
    randomizeWeights(model, 1);
    const { file } = await roundTrip(model, [randomInput(inputShapes[0], 2), randomInput(inputShapes[1], 3)]);

    const { config, h5 } = unzipKeras(file);
    // Functional is not exported under keras.*: serialize_keras_object gives its Python module and registered name.
    expect(config).toMatchObject({ module: 'keras.src.models.functional', class_name: 'Functional', registered_name: 'Functional', build_config: { input_shape: null } });
    expect(Object.keys(config.config)).toEqual(['name', 'trainable', 'layers', 'input_layers', 'output_layers']);
    // map_graph from `out`: out (depth 0) reads merged (1), which reads a then b (2): deepest first, ties in the order met.
    expect(config.config.layers.map((l: { name: string }) => l.name)).toEqual(['a', 'b', 'merged', 'out']);
    // Inputs given as a list, the output as one tensor.
    expect(config.config.input_layers).toEqual([['a', 0, 0], ['b', 0, 0]]);
    expect(config.config.output_layers).toEqual(['out', 0, 0]);
    const [aEntry, , mergedEntry, outEntry] = config.config.layers;
    expect(aEntry).toEqual({
      module: 'keras.layers', class_name: 'InputLayer',
      config: { batch_shape: inputShapes[0], dtype: 'float32', sparse: false, ragged: false, name: 'a' },
      registered_name: null, name: 'a', inbound_nodes: [],
    });
    // A merge layer is called on a list: args holds the list; its build(input_shape) gets the list of shapes.
    expect(mergedEntry).toMatchObject({
      module: 'keras.layers', class_name: name, registered_name: null, name: 'merged',
      build_config: { input_shape: [inputShapes[0], inputShapes[1]] },
      inbound_nodes: [{ args: [[kt('a', 0, inputShapes[0]), kt('b', 0, inputShapes[1])]], kwargs: {} }],
    });
    const mergedShape = merged.shape;
    expect(outEntry).toMatchObject({ class_name: 'Dense', name: 'out', build_config: { input_shape: mergedShape }, inbound_nodes: [{ args: [kt('merged', 0, mergedShape)], kwargs: {} }] });

    // saving_lib: layers/<snake_case class>[_n] in that order, InputLayers included, each with a vars group.
    const width = mergedShape[mergedShape.length - 1] as number;
    const expected = new Map<string, H5Entry>([
      ['layers', { kind: 'group' }],
      ...varsLayout('layers/input_layer', 'a'),
      ...varsLayout('layers/input_layer_1', 'b'),
      ...varsLayout(`layers/${kerasSnakeCase(name)}`, 'merged'),
      ...varsLayout('layers/dense', 'out', [[width, 2], [2]]),
      ['vars', { kind: 'group', name: 'merge_model' }],
    ]);
    expect(h5Layout(h5)).toEqual(expected);
  });

  it('a multi-input, multi-output model with a shared layer and an LSTM given its initial states', async () => {
    const a = input({ shape: [3], name: 'a' });
    const b = input({ shape: [3], name: 'b' });
    const seq = input({ shape: [4, 2], name: 'seq' });
    const shared = new Dense({ units: 3, name: 'shared' });
    const sum = new Add({ name: 'sum' }).apply([shared.apply(a), shared.apply(b)]);
    const h0 = new Dense({ units: 2, name: 'h0' }).apply(a);
    const c0 = new Dense({ units: 2, name: 'c0' }).apply(b);
    const encoded = new LSTM({ units: 2, name: 'lstm' }).apply([seq, h0, c0]);
    const joined = new Concatenate({ name: 'joined' }).apply([sum, encoded]);
    const y1 = new Dense({ units: 1, name: 'y1' }).apply(joined);
    const y2 = new Dense({ units: 2, activation: 'softmax', name: 'y2' }).apply(sum);
    const model = new Model({ inputs: [a, b, seq], outputs: [y1, y2], name: 'two_heads' });
    model.compile({ optimizer: 'adam', loss: { y1: 'meanSquaredError', y2: 'categoricalCrossentropy' }, lossWeights: { y1: 1, y2: 0.5 }, metrics: { y1: ['mae'], y2: ['accuracy'] } });
    randomizeWeights(model, 4);
    const xs = [randomInput([null, 3], 5), randomInput([null, 3], 6), randomInput([null, 4, 2], 7)];
    const { loaded, file } = await roundTrip(model, xs);

    const { config, h5 } = unzipKeras(file);
    const entries = config.config.layers as Record<string, any>[];
    // map_graph: the walk from y1 meets y1, joined, sum, shared (call 0), a, (call 1) b, lstm, seq,
    // h0, c0, then from y2 only y2 is new. Depths from the outputs: y1 and y2 0; joined 1; sum and
    // lstm 2 (sum is read by joined at 1 and y2 at 0); shared, seq, h0, c0 3; a and b 4.
    expect(entries.map((l) => l.name)).toEqual(['a', 'b', 'shared', 'seq', 'h0', 'c0', 'sum', 'lstm', 'joined', 'y1', 'y2']);
    expect(config.config.input_layers).toEqual([['a', 0, 0], ['b', 0, 0], ['seq', 0, 0]]);
    expect(config.config.output_layers).toEqual([['y1', 0, 0], ['y2', 0, 0]]);
    const entry = (n: string): Record<string, any> => entries.find((l) => l.name === n)!;
    // The shared layer: two nodes, one per call, each reading one input; sum reads them as nodes 0 and 1.
    expect(entry('shared').inbound_nodes).toEqual([{ args: [kt('a', 0, [null, 3])], kwargs: {} }, { args: [kt('b', 0, [null, 3])], kwargs: {} }]);
    expect(entry('sum').inbound_nodes).toEqual([{ args: [[kt('shared', 0, [null, 3]), kt('shared', 1, [null, 3])]], kwargs: {} }]);
    // lstm(seq, initial_state=[h0, c0]): the states are a keyword argument, and RNN.build(sequences_shape, initial_state_shape) records both.
    expect(entry('lstm').inbound_nodes).toEqual([{ args: [kt('seq', 0, [null, 4, 2])], kwargs: { initial_state: [kt('h0', 0, [null, 2]), kt('c0', 0, [null, 2])] } }]);
    expect(entry('lstm').build_config).toEqual({ shapes_dict: { sequences_shape: [null, 4, 2], initial_state_shape: [[null, 2], [null, 2]] } });
    expect(entry('joined').build_config).toEqual({ input_shape: [[null, 3], [null, 2]] });
    expect(entry('shared').build_config).toEqual({ input_shape: [null, 3] });
    // compile_config: a loss and a weight per output name (a loss with options as a Keras object with its module).
    expect(config.compile_config).toMatchObject({
      loss: { y1: 'mean_squared_error', y2: { module: 'keras.losses', class_name: 'CategoricalCrossentropy', config: { from_logits: false, label_smoothing: 0 }, registered_name: null } },
      loss_weights: { y1: 1, y2: 0.5 },
      metrics: { y1: ['mae'], y2: ['accuracy'] },
      optimizer: { module: 'keras.optimizers', class_name: 'Adam' },
    });

    // Paths counted by class in that order: shared is the first Dense, h0, c0, y1, y2 the next; the LSTM's weights are in its cell.
    const expected = new Map<string, H5Entry>([
      ['layers', { kind: 'group' }],
      ...varsLayout('layers/input_layer', 'a'),
      ...varsLayout('layers/input_layer_1', 'b'),
      ...varsLayout('layers/dense', 'shared', [[3, 3], [3]]),
      ...varsLayout('layers/input_layer_2', 'seq'),
      ...varsLayout('layers/dense_1', 'h0', [[3, 2], [2]]),
      ...varsLayout('layers/dense_2', 'c0', [[3, 2], [2]]),
      ...varsLayout('layers/add', 'sum'),
      ...varsLayout('layers/lstm', 'lstm'),
      ['layers/lstm/cell', { kind: 'group' }],
      ['layers/lstm/cell/vars', { kind: 'group', name: 'lstm_cell' }],
      ['layers/lstm/cell/vars/0', { kind: 'dataset', shape: [2, 8] }],
      ['layers/lstm/cell/vars/1', { kind: 'dataset', shape: [2, 8] }],
      ['layers/lstm/cell/vars/2', { kind: 'dataset', shape: [8] }],
      ...varsLayout('layers/concatenate', 'joined'),
      ...varsLayout('layers/dense_3', 'y1', [[5, 1], [1]]),
      ...varsLayout('layers/dense_4', 'y2', [[3, 2], [2]]),
      ['vars', { kind: 'group', name: 'two_heads' }],
    ]);
    expect(h5Layout(h5)).toEqual(expected);

    // The compile settings come back: the same losses per output, weights and optimizer.
    expect(loaded.optimizer?.getConfig()).toEqual(model.optimizer?.getConfig());
    const labels = [randomInput([null, 1], 8), tensor([[1, 0], [0, 1], [1, 0]])];
    // The same loss and metrics, in the same order (loss, y1_loss, y2_loss, y1_mae, y2_accuracy or as evaluate lists them).
    const evaluated = model.evaluate(xs, labels) as number[];
    expect(evaluated.length).toBeGreaterThan(3);
    expect(loaded.evaluate(xs, labels)).toEqual(evaluated);
  });

  it('an encoder\'s states (returnState) start a decoder: keras_history and output_layers name the state by its tensor index', async () => {
    const source = input({ shape: [4, 2], name: 'source' });
    const target = input({ shape: [3, 2], name: 'target' });
    const [, h, c] = new LSTM({ units: 2, returnState: true, name: 'encoder' }).apply(source);
    const decoded = new LSTM({ units: 2, name: 'decoder' }).apply([target, h, c]);
    const model = new Model({ inputs: [source, target], outputs: [decoded, c], name: 'seq2seq' });
    randomizeWeights(model, 8);
    const { file } = await roundTrip(model, [randomInput([null, 4, 2], 9), randomInput([null, 3, 2], 10)]);
    const { config } = unzipKeras(file);
    const entry = (n: string): Record<string, any> => (config.config.layers as Record<string, any>[]).find((l) => l.name === n)!;
    expect(entry('encoder').config.return_state).toBe(true);
    expect(entry('decoder').inbound_nodes).toEqual([{ args: [kt('target', 0, [null, 3, 2])], kwargs: { initial_state: [kt('encoder', 0, [null, 2], 1), kt('encoder', 0, [null, 2], 2)] } }]);
    expect(config.config.output_layers).toEqual([['decoder', 0, 0], ['encoder', 0, 2]]);
  });

  it('lists the layers in Keras\'s order, not the order of their first call, and names the paths by it', async () => {
    // y = Add([c(x), b(a(x))]): layerwise meets c first; Keras puts a (depth 2) before c and b (depth 1).
    const x = input({ shape: [4], name: 'x' });
    const c = new Dense({ units: 2, name: 'c' }).apply(x);
    const ab = new Dense({ units: 2, name: 'b' }).apply(new Dense({ units: 3, name: 'a' }).apply(x));
    const model = new Model({ inputs: x, outputs: new Add({ name: 'y' }).apply([c, ab]), name: 'reordered' });
    expect(model.layers.map((l) => l.name)).toEqual(['x', 'c', 'a', 'b', 'y']);
    // The walk from y numbers y 0, c 1, x 2, b 3, a 4; depths y 0, c and b 1, a 2, x 3.
    const connections = model.connections()!;
    expect(kerasLayerOrder(connections).map((i) => connections.layers[i].layer.name)).toEqual(['x', 'a', 'c', 'b', 'y']);
    randomizeWeights(model, 9);
    const { file } = await roundTrip(model, [randomInput([null, 4], 10)]);
    const { config, h5 } = unzipKeras(file);
    expect(config.config.layers.map((l: { name: string }) => l.name)).toEqual(['x', 'a', 'c', 'b', 'y']);
    const layout = h5Layout(h5);
    // a is the first Dense in that order, c the second, b the third.
    expect(layout.get('layers/dense/vars')).toEqual({ kind: 'group', name: 'a' });
    expect(layout.get('layers/dense/vars/0')).toEqual({ kind: 'dataset', shape: [4, 3] });
    expect(layout.get('layers/dense_1/vars')).toEqual({ kind: 'group', name: 'c' });
    expect(layout.get('layers/dense_1/vars/0')).toEqual({ kind: 'dataset', shape: [4, 2] });
    expect(layout.get('layers/dense_2/vars')).toEqual({ kind: 'group', name: 'b' });
    expect(layout.get('layers/dense_2/vars/0')).toEqual({ kind: 'dataset', shape: [3, 2] });
  });

  it('puts an input no output reads at depth 0 before the outputs, as map_graph does', async () => {
    const x = input({ shape: [2], name: 'x' });
    const unused = input({ shape: [3], name: 'unused' });
    const y = new Dense({ units: 1, name: 'y' }).apply(new Dense({ units: 2, name: 'h' }).apply(x));
    const model = new Model({ inputs: [x, unused], outputs: y, name: 'with_unused' });
    randomizeWeights(model, 20);
    const { file } = await roundTrip(model, [randomInput([null, 2], 21), randomInput([null, 3], 22)]);
    // y 0, h 1, x 2; unused gets depth 0 and number -1.
    expect(unzipKeras(file).config.config.layers.map((l: { name: string }) => l.name)).toEqual(['x', 'h', 'unused', 'y']);
    const layout = h5Layout(unzipKeras(file).h5);
    expect(layout.get('layers/input_layer_1/vars')).toEqual({ kind: 'group', name: 'unused' });
    expect(layout.get('layers/dense_1/vars')).toEqual({ kind: 'group', name: 'y' });
  });

  it('a layer shared at two depths (s(t(s(x))), as functional_from_config\'s comment has it) and a SimpleRNN given its state', async () => {
    const x = input({ shape: [4], name: 'x' });
    const s = new Dense({ units: 4, name: 's' });
    const twice = s.apply(new Dense({ units: 4, name: 't' }).apply(s.apply(x)));
    const sequence = input({ shape: [3, 2], name: 'sequence' });
    const rnn = new SimpleRNN({ units: 4, name: 'rnn' }).apply([sequence, twice]);
    const model = new Model({ inputs: [x, sequence], outputs: [rnn], name: 'deep_share' });
    randomizeWeights(model, 11);
    const { file, loaded } = await roundTrip(model, [randomInput([null, 4], 12), randomInput([null, 3, 2], 13)]);
    const { config } = unzipKeras(file);
    // From rnn: s's call 1 (depth 1) reads t (2), which reads s's call 0, raised to 3, which reads x (4); sequence is read at depth 1.
    expect(config.config.layers.map((l: { name: string }) => l.name)).toEqual(['x', 's', 't', 'sequence', 'rnn']);
    const s2 = config.config.layers[1];
    expect(s2.inbound_nodes).toEqual([{ args: [kt('x', 0, [null, 4])], kwargs: {} }, { args: [kt('t', 0, [null, 4])], kwargs: {} }]);
    expect(config.config.layers[4].inbound_nodes).toEqual([{ args: [kt('sequence', 0, [null, 3, 2])], kwargs: { initial_state: [kt('s', 1, [null, 4])] } }]);
    // A list of one output stays a list.
    expect(config.config.output_layers).toEqual([['rnn', 0, 0]]);
    const again = path.join(dir, 'again.keras');
    await loaded.save(again);
    expect(unzipKeras(again).config.config).toEqual(config.config);
  });

  it('numbers a shared layer\'s calls in the order they were made, as Keras\'s get_config does, not the order they run', async () => {
    const a = input({ shape: [2], name: 'a' });
    const b = input({ shape: [2], name: 'b' });
    const s = new Dense({ units: 2, name: 's' });
    const onB = s.apply(b); // node 0
    const onA = s.apply(a); // node 1
    // Also called in another model: that call is not this model's and does not count.
    const other = input({ shape: [2], name: 'other' });
    s.apply(other);
    const model = new Model({ inputs: [a, b], outputs: new Add({ name: 'sum' }).apply([onA, onB]), name: 'called_in_order' });
    randomizeWeights(model, 15);
    const { file } = await roundTrip(model, [randomInput([null, 2], 16), randomInput([null, 2], 17)]);
    const { config } = unzipKeras(file);
    const entry = (n: string): Record<string, any> => config.config.layers.find((l: { name: string }) => l.name === n);
    expect(entry('s').inbound_nodes).toEqual([{ args: [kt('b', 0, [null, 2])], kwargs: {} }, { args: [kt('a', 0, [null, 2])], kwargs: {} }]);
    expect(entry('sum').inbound_nodes).toEqual([{ args: [[kt('s', 1, [null, 2]), kt('s', 0, [null, 2])]], kwargs: {} }]);
    // The build_config is the first call's: s(b).
    expect(entry('s').build_config).toEqual({ input_shape: [null, 2] });
  });

  it('writes mask: null for the layers whose Keras call takes a mask, called on one tensor', async () => {
    const x = input({ shape: [4, 2], name: 'x' });
    const sequence = new LSTM({ units: 3, returnSequences: true, name: 'lstm' }).apply(x);
    const pooled = layers.create('GlobalAveragePooling1D', { name: 'pool' }).apply(sequence);
    const probabilities = layers.create('Softmax', { name: 'softmax' }).apply(new Dense({ units: 3, name: 'logits' }).apply(pooled));
    const model = new Model({ inputs: x, outputs: probabilities, name: 'masks' });
    randomizeWeights(model, 18);
    const { file } = await roundTrip(model, [randomInput([null, 4, 2], 19)]);
    const kwargs = Object.fromEntries(unzipKeras(file).config.config.layers.map((l: Record<string, any>) => [l.name, l.inbound_nodes.map((n: { kwargs: unknown }) => n.kwargs)]));
    // RNN.call, GlobalAveragePooling1D.call and Softmax.call take mask=None; Dense.call does not.
    expect(kwargs).toEqual({ x: [], lstm: [{ mask: null }], pool: [{ mask: null }], logits: [{}], softmax: [{ mask: null }] });
  });

  it('writes a lone input and output as one reference, a list of one as a list, and keeps the form through loading', async () => {
    const make = (asLists: boolean): Model => {
      const x = input({ shape: [2], name: 'x' });
      const y = new Dense({ units: 1, name: 'y' }).apply(x);
      return new Model({ inputs: asLists ? [x] : x, outputs: asLists ? [y] : y, name: asLists ? 'lists' : 'lone' });
    };
    for (const asLists of [false, true]) {
      const { file, loaded } = await roundTrip(make(asLists), [randomInput([null, 2], 14)]);
      const { config } = unzipKeras(file);
      const form = (ref: unknown[]): unknown => (asLists ? [ref] : ref);
      expect(config.config.input_layers).toEqual(form(['x', 0, 0]));
      expect(config.config.output_layers).toEqual(form(['y', 0, 0]));
      const again = path.join(dir, `again-${asLists}.keras`);
      await loaded.save(again);
      expect(unzipKeras(again).config.config.input_layers).toEqual(config.config.input_layers);
      expect(unzipKeras(again).config.config.output_layers).toEqual(config.config.output_layers);
    }
  });

  it('refuses a keyword argument it does not know, an optional input, and a model used as a layer', async () => {
    const x = input({ shape: [2], name: 'x' });
    const model = new Model({ inputs: x, outputs: new Dense({ units: 1, name: 'y' }).apply(x), name: 'small' });
    const file = path.join(dir, 'small.keras');
    await model.save(file);
    const { metadata, config, h5 } = unzipKeras(file);
    const text = (v: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(v));
    const bad = path.join(dir, 'bad.keras');
    const withKwargs = (kwargs: unknown): void => {
      const changed = JSON.parse(JSON.stringify(config));
      changed.config.layers[1].inbound_nodes[0].kwargs = kwargs;
      fs.writeFileSync(bad, zipSync({ 'metadata.json': text(metadata), 'config.json': text(changed), 'model.weights.h5': h5 }));
    };
    // mask: null is what Keras writes for layers whose call takes a mask: ignored.
    withKwargs({ mask: null });
    expect(predictions(await loadModel(bad), [tensor([[1, 2]])])).toEqual(predictions(model, [tensor([[1, 2]])]));
    withKwargs({ training: true });
    await expect(loadModel(bad)).rejects.toThrow(DataError);
    await expect(loadModel(bad)).rejects.toThrow(`${bad}: layer 1 ('y') inbound_nodes[0].kwargs: the keyword argument 'training' is not supported (only a recurrent layer's initial_state, and mask: null)`);
    const optional = JSON.parse(JSON.stringify(config));
    optional.config.layers[0].config.optional = true;
    fs.writeFileSync(bad, zipSync({ 'metadata.json': text(metadata), 'config.json': text(optional), 'model.weights.h5': h5 }));
    await expect(loadModel(bad)).rejects.toThrow(`${bad}: layer 0 ('x'): optional inputs (Keras 3's InputLayer optional: true) are not supported`);
    withKwargs({ mask: kt('x', 0, [null, 2]) });
    await expect(loadModel(bad)).rejects.toThrow(`${bad}: layer 1 ('y') inbound_nodes[0].kwargs.mask: a mask given as a tensor is not supported (layerwise propagates masks from Embedding and Masking itself)`);

    const inner = new Model({ inputs: x, outputs: new Dense({ units: 1, name: 'inner_y' }).apply(x), name: 'inner' });
    const z = input({ shape: [2], name: 'z' });
    const outer = new Model({ inputs: z, outputs: inner.apply(z) as SymbolicTensor, name: 'outer' });
    await expect(outer.save(path.join(dir, 'outer.keras'))).rejects.toThrow("outer: Model 'inner' is a model used as a layer, which saving does not support yet");
  });
});
