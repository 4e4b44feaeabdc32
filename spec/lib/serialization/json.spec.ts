/**
 * Models in memory: `model.toJSON()` with base64 or ArrayBuffer weights, `JSON.stringify`,
 * a structured clone (what IndexedDB stores), and `fromJSON`/`loadModel` back.
 */
import { BatchNormalization, DataError, Dense, Sequential, Softmax, setSeed, tensor, toArray } from '../../../lib';
import { fromJSON, loadModel, type SerializedModel } from '../../../lib/serialization';

const x = tensor([[1, 2, 3], [-1, 0, 0.5]]);

function makeModel(): Sequential {
  setSeed(12);
  return new Sequential([new Dense({ units: 4, activation: 'tanh', inputShape: [3] }), new BatchNormalization(), new Dense({ units: 2 }), new Softmax()]);
}

test('toJSON gives model.json content and base64 weights that fromJSON restores exactly', () => {
  const model = makeModel();
  const saved = model.toJSON();
  expect(saved.modelJson.format).toBe('layers-model');
  expect(saved.modelJson.convertedBy).toBeNull();
  expect(typeof saved.weightData).toBe('string');
  // 4·3 + 4 + 4·4 (BatchNormalization) + 4·2 + 2 = 42 float32 values = 168 bytes = 224 base64 characters.
  expect((saved.weightData as string).length).toBe(224);
  const copy = fromJSON(saved);
  expect(toArray(copy.predict(x))).toEqual(toArray(model.predict(x)));
});

test('JSON.stringify(model) and fromJSON(text) round-trip', async () => {
  const model = makeModel();
  const text = JSON.stringify(model);
  expect(toArray(fromJSON(text).predict(x))).toEqual(toArray(model.predict(x)));
  expect(toArray((await loadModel(text)).predict(x))).toEqual(toArray(model.predict(x)));
});

test('ArrayBuffer weights survive a structured clone, as IndexedDB stores them', async () => {
  const model = makeModel();
  const saved = model.toJSON({ weightData: 'arrayBuffer' });
  expect(saved.weightData).toBeInstanceOf(ArrayBuffer);
  expect((saved.weightData as ArrayBuffer).byteLength).toBe(168);
  const stored = structuredClone(saved) as SerializedModel;
  expect(toArray((await loadModel(stored)).predict(x))).toEqual(toArray(model.predict(x)));
  expect(toArray(fromJSON({ ...stored, weightData: new Uint8Array(stored.weightData as ArrayBuffer) as unknown as ArrayBuffer }).predict(x)))
    .toEqual(toArray(model.predict(x)));
});

test('bad in-memory input gives a DataError', () => {
  const saved = makeModel().toJSON();
  expect(() => fromJSON('{"modelJson": ')).toThrow(DataError);
  expect(() => fromJSON('{"modelJson": ')).toThrow(/fromJSON: invalid JSON/);
  expect(() => fromJSON({ modelJson: saved.modelJson } as SerializedModel)).toThrow(/expected \{ modelJson, weightData \}/);
  expect(() => fromJSON({ ...saved, weightData: '%%%' })).toThrow(/weightData is not valid base64/);
  expect(() => fromJSON({ ...saved, weightData: 42 as unknown as string })).toThrow(/weightData must be an ArrayBuffer/);
  expect(() => fromJSON({ ...saved, weightData: (saved.weightData as string).slice(0, 100) })).toThrow(/expected 168 bytes of weights \(from the manifest\), found 75/);
});
