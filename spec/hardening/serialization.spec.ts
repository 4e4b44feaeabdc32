/**
 * Hardening of loading and saving: `fromJSON`, `loadModel` and `loadCheckpoint` on random
 * bytes, random JSON and a real saved model whose `model.json` or weights were mutated, and
 * `save`/`toJSON` with bad arguments. Each call either succeeds with a model that predicts or
 * throws a LayerwiseError with a message; a failed save leaves the model intact.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Model } from '../../lib/model';
import {
  BatchNormalization, Dense, Dropout, fromJSON, loadCheckpoint, loadModel, Sequential, type SerializedModel,
} from '../../lib';
import { attempt, attemptAsync, exoticNames, expectIntact, junk, makeExotic, plainJunk, runs, snapshot, weirdNumbers } from './harness';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A trained model with Dense, BatchNormalization and Dropout, compiled with Adam, as saved. */
async function savedModel(): Promise<{ model: Sequential; serialized: SerializedModel }> {
  const model = new Sequential([
    new Dense({ units: 4, activation: 'relu', inputShape: [3], kernelInitializer: { className: 'GlorotUniform', config: { seed: 1 } } }),
    new BatchNormalization(),
    new Dropout({ rate: 0.25, seed: 2 }),
    new Dense({ units: 2, activation: 'softmax', kernelInitializer: { className: 'GlorotUniform', config: { seed: 3 } } }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  await model.fit([[0, 1, 2], [2, 1, 0], [1, 1, 1]], [[1, 0], [0, 1], [1, 0]], { epochs: 1, verbose: 0, seed: 4 });
  return { model, serialized: model.toJSON({ includeOptimizer: true }) };
}

/** Every path to a value inside `value` (keys and indices), the root included. */
function paths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

/**
 * Values a mutation writes: junk, weird numbers, and plausible but wrong JSON (never mid-size
 * counts that allocate gigabytes). Only values JSON can carry: mutated models are copied and
 * written as JSON.
 */
const replacement: fc.Arbitrary<unknown> = fc.oneof(
  plainJunk.filter((v) => !(typeof v === 'number' && v > 64 && v < 2 ** 40)),
  fc.constantFrom<unknown>(...weirdNumbers.filter((v) => !(v > 64 && v < 2 ** 40)), 'Dense', 'Nope', 'float16', 'int32', 'string', [null, 3], [null, -1], [null, 0],
    [[1, 2]], { class_name: 'Nope', config: {} }, { class_name: 'Dense', config: { units: 2 } }, '../model.json', '/etc/hostname', 'AAAA', ''),
);

type Mutation = { kind: 'replace' | 'delete' | 'duplicate'; at: number; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.record({ kind: fc.constantFrom('replace', 'delete', 'duplicate'), at: fc.nat(), value: replacement });

/** Objects as JSON copies (so the pool's shared constants are never mutated or made cyclic); anything else as is. */
function detached(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? JSON.parse(JSON.stringify(value)) : value;
}

/** A deep copy of `json` with each mutation applied at a path picked by `at`. */
function mutate(json: Json, mutations: readonly Mutation[]): Json {
  let copy = JSON.parse(JSON.stringify(json)) as Json;
  for (const { kind, at, value } of mutations) {
    const all = paths(copy);
    const path = all[at % all.length];
    if (path.length === 0) {
      copy = kind === 'replace' ? (detached(value) as Json) : copy;
      continue;
    }
    const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string | number, Json>)[key], copy) as Record<string | number, Json>;
    const key = path[path.length - 1];
    if (kind === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (kind === 'duplicate' && Array.isArray(parent)) {
      parent.splice(key as number, 0, JSON.parse(JSON.stringify(parent[key as number])) as Json);
    } else {
      parent[key] = detached(value) as Json;
    }
  }
  return copy;
}

/** Bytes changed by flipping, truncating or extending. */
const byteEdit = fc.record({ kind: fc.constantFrom('flip', 'truncate', 'extend', 'none'), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) });

function editBytes(bytes: Uint8Array, { kind, at, byte }: { kind: string; at: number; byte: number }): Uint8Array {
  if (kind === 'none' || bytes.length === 0) return bytes;
  const i = at % bytes.length;
  if (kind === 'truncate') return bytes.slice(0, i);
  if (kind === 'extend') return Uint8Array.from([...bytes, byte]);
  const copy = bytes.slice();
  copy[i] ^= byte || 1;
  return copy;
}

/** A model that loaded must predict `[?, 3] → [?, 2]` (or say why not with a LayerwiseError). */
function expectUsable(model: Model): void {
  attempt(() => model.predict([[0.5, -0.5, 1]]), 'predict after load');
}

let saved: { model: Sequential; serialized: SerializedModel };
let dir: string;

beforeAll(async () => {
  saved = await savedModel();
  dir = mkdtempSync(join(tmpdir(), 'layerwise-hardening-'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('hardening: fromJSON', () => {
  it('rejects random strings and values with a LayerwiseError', () => {
    const input = fc.oneof(fc.string({ maxLength: 40 }), fc.json({ maxDepth: 3 }), junk,
      fc.record({ modelJson: fc.oneof(junk, fc.json({ maxDepth: 2 })), weightData: fc.oneof(junk, fc.string({ maxLength: 12 })) }, { requiredKeys: [], noNullPrototype: true }));
    fc.assert(fc.property(input, (value) => {
      const out = attempt(() => fromJSON(value as never), value);
      if (out.ok) expectUsable(out.value);
    }), runs(701, 150));
  });

  it('loads a mutated model.json and weights, or throws a LayerwiseError', () => {
    const bytes = new Uint8Array(Buffer.from(saved.serialized.weightData as string, 'base64'));
    fc.assert(fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), byteEdit, (mutations, edit) => {
      const modelJson = mutate(saved.serialized.modelJson as unknown as Json, mutations);
      const weightData = Buffer.from(editBytes(bytes, edit)).toString('base64');
      const out = attempt(() => fromJSON({ modelJson, weightData } as never), { mutations, edit });
      if (out.ok) expectUsable(out.value);
    }), runs(702, 300));
  });

  it('loads the unmutated model with the same predictions', () => {
    const copy = fromJSON(saved.serialized);
    expect(Array.from(copy.predict([[0.5, -0.5, 1]]).data)).toEqual(Array.from(saved.model.predict([[0.5, -0.5, 1]]).data));
  });
});

describe('hardening: loadModel and loadCheckpoint from files', () => {
  it('rejects random bytes as model.json or weights with a LayerwiseError', async () => {
    const target = join(dir, 'random');
    const { modelJsonPath, weightsPath } = await saved.model.save(target);
    const original = { json: readFileSync(modelJsonPath), weights: readFileSync(weightsPath) };
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 64 }), fc.constantFrom('model.json', 'weights', 'both'), async (random, which) => {
      writeFileSync(modelJsonPath, which === 'weights' ? original.json : random);
      writeFileSync(weightsPath, which === 'model.json' ? original.weights : random);
      const out = await attemptAsync(() => loadModel(target), { random, which });
      if (out.ok) expectUsable(out.value);
    }), runs(711, 40));
  });

  it('loads a mutated model.json from disk or throws a LayerwiseError', async () => {
    const target = join(dir, 'mutated');
    await saved.model.save(target, { includeOptimizer: true, epoch: 1 });
    const json = JSON.parse(readFileSync(join(target, 'model.json'), 'utf-8')) as Json;
    await fc.assert(fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 2 }), async (mutations) => {
      writeFileSync(join(target, 'model.json'), JSON.stringify(mutate(json, mutations)));
      const out = await attemptAsync(() => loadCheckpoint(target), mutations);
      if (out.ok) expectUsable(out.value.model);
    }), runs(712, 60));
  });

  it('rejects paths that are not strings, do not exist or are not models', async () => {
    const bad = fc.oneof(junk, fc.constantFrom(join(dir, 'missing'), dir, '', 'file://', 'file:///nonexistent/x', '\u0000'));
    await fc.assert(fc.asyncProperty(bad, async (path) => {
      await attemptAsync(() => loadModel(path as never), path);
    }), runs(713, 40));
  });
});

describe('hardening: serialization with exotic values', () => {
  it('fromJSON, loadModel, save and toJSON reject every exotic value with a LayerwiseError', async () => {
    const model = saved.model;
    const { modelJson, weightData } = saved.serialized;
    const calls: [string, (v: unknown) => unknown][] = [
      ['fromJSON(v)', (v) => fromJSON(v as never)],
      ['fromJSON({ modelJson: v })', (v) => fromJSON({ modelJson: v, weightData } as never)],
      ['fromJSON({ weightData: v })', (v) => fromJSON({ modelJson, weightData: v } as never)],
      ['fromJSON(json, v)', (v) => fromJSON(saved.serialized, v as never)],
      ['loadModel(v)', (v) => loadModel(v as never)],
      ['save(v)', (v) => model.save(v as never)],
      ['save(path, v)', (v) => model.save(join(dir, 'exotic'), v as never)],
      ['save(path, { epoch: v })', (v) => model.save(join(dir, 'exotic'), { epoch: v } as never)],
      ['toJSON(v)', (v) => model.toJSON(v as never)],
    ];
    for (const [call, fn] of calls) {
      for (const name of exoticNames) {
        const value = makeExotic(name);
        await attemptAsync(async () => fn(value), `${call} with ${name}`);
      }
    }
  });
});

describe('hardening: save and toJSON', () => {
  it('reject bad paths and options with a LayerwiseError, leaving the model intact', async () => {
    const model = saved.model;
    const before = snapshot(model);
    // Never a random string: save would create it as a directory wherever it points.
    const path = fc.oneof(
      junk.filter((v) => typeof v !== 'string'),
      fc.constantFrom('', 'file://', 'FILE://', '\u0000', 'a\u0000b', 'ftp://x', join(dir, 'ok-save'), `file://${join(dir, 'ok-url')}`, join(dir, 'ok-json', 'model.json')),
    );
    const options = fc.oneof(junk, fc.record({ includeOptimizer: fc.oneof(fc.boolean(), junk), epoch: fc.oneof(fc.nat(), junk) }, { requiredKeys: [], noNullPrototype: true }));
    await fc.assert(fc.asyncProperty(path, options, async (p, o) => {
      await attemptAsync(() => model.save(p as never, o as never), { p, o });
      attempt(() => model.toJSON(o as never), o);
      expectIntact(model, before);
    }), runs(721, 40));
  });

  it('an unbuilt model cannot be saved, with a LayerwiseError', async () => {
    const model = new Sequential([new Dense({ units: 2 })]);
    const out = await attemptAsync(() => model.save(join(dir, 'unbuilt')));
    expect(out.ok).toBe(false);
  });
});
