/**
 * Data helpers: one-hot labels, train/test splitting, standardization, seeded toy datasets,
 * and the MNIST digits shipped by the `mnist` package.
 */
export { oneHot, type LabelsLike } from './one-hot';
export { trainTestSplit, type TrainTestSplit, type TrainTestSplitOptions } from './train-test-split';
export { randomShift, type RandomShiftOptions } from './random-shift';
export { StandardScaler, type StandardScalerJSON } from './standard-scaler';
export * from './datasets';
export {
  loadMnist, mnistSplit, MNIST_PIXELS,
  type LoadMnistOptions, type Mnist, type MnistSplit, type MnistSplitOptions,
} from './mnist';
export { renderDigit, type RenderDigitOptions } from './render-digit';
