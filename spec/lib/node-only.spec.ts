import { CSVLogger, ModelCheckpoint } from '../../lib/callbacks';
import { ConfigError } from '../../lib/errors';
import { assertNode, isNode, nodeOnlyError } from '../../lib/node-only';
import { loadModel } from '../../lib/serialization';
import { Sequential } from '../../lib/sequential';
import { Dense } from '../../layers';

/**
 * Runs `fn` as if in a browser: `process.versions` has no `node` entry while it runs (Jest
 * itself needs `process`, so only that entry goes). `fn` must be synchronous; an async
 * function's rejection is created synchronously by its first statement, as the guards are.
 */
function asInBrowser<T>(fn: () => T): T {
  const saved = Object.getOwnPropertyDescriptor(process, 'versions') as PropertyDescriptor;
  Object.defineProperty(process, 'versions', { ...saved, value: { v8: process.versions.v8 } });
  try {
    return fn();
  } finally {
    Object.defineProperty(process, 'versions', saved);
  }
}

describe('isNode and assertNode', () => {
  it('see Node under Jest, and not when process.versions.node is missing', () => {
    expect(isNode()).toBe(true);
    expect(() => assertNode('X', 'hint')).not.toThrow();
    expect(asInBrowser(isNode)).toBe(false);
    expect(isNode()).toBe(true); // restored
  });

  it('throw a ConfigError that names the feature and the hint', () => {
    expect(nodeOnlyError('CSVLogger', 'use a LambdaCallback')).toBeInstanceOf(ConfigError);
    expect(nodeOnlyError('CSVLogger', 'use a LambdaCallback').message).toBe('CSVLogger is only available in Node; use a LambdaCallback');
    expect(() => asInBrowser(() => assertNode('loadMnist', 'fetch the digits'))).toThrow(
      new ConfigError('loadMnist is only available in Node; fetch the digits'));
  });
});

describe('the file-writing features outside Node', () => {
  it('CSVLogger and ModelCheckpoint refuse to be created', () => {
    expect(() => asInBrowser(() => new CSVLogger({ filename: 'log.csv' }))).toThrow(/^CSVLogger is only available in Node; .*LambdaCallback/);
    expect(() => asInBrowser(() => new ModelCheckpoint({ filepath: 'best.json' }))).toThrow(/^ModelCheckpoint is only available in Node; .*toJSON/);
    expect(() => new CSVLogger({ filename: 'log.csv' })).not.toThrow();
  });

  it('save(path) and loadModel(path) reject with a ConfigError that points to toJSON/fromJSON', async () => {
    const model = new Sequential([new Dense({ units: 1, inputShape: [2] })]);
    const saving = asInBrowser(() => model.save('never-written'));
    await expect(saving).rejects.toThrow(ConfigError);
    await expect(saving).rejects.toThrow('save to a path is only available in Node; in a browser, use model.toJSON() and fromJSON()');
    await expect(asInBrowser(() => loadModel('never-read'))).rejects.toThrow(/^loadModel from a path is only available in Node; /);
  });
});
