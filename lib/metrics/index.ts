/** The metrics reported during training: batch means, resolved from names by {@link resolveMetric}. */
export { type Metric, checkSameShape } from './metric';
export { binaryAccuracy } from './binary-accuracy';
export { categoricalAccuracy } from './categorical-accuracy';
export { argmax } from './argmax';
export { sparseCategoricalAccuracy } from './sparse-categorical-accuracy';
export { meanSquaredError } from './mean-squared-error';
export { meanAbsoluteError } from './mean-absolute-error';
export { metrics, resolveMetric, chooseAccuracy, type MetricContext } from './resolve-metric';
