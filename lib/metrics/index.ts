/** The metrics reported during training: batch means and streaming metrics, resolved from names by {@link resolveMetric}. */
export { type Metric, type StreamingMetric, isStreamingMetric, checkSameShape } from './metric';
export { binaryAccuracy } from './binary-accuracy';
export { categoricalAccuracy } from './categorical-accuracy';
export { argmax } from './argmax';
export { sparseCategoricalAccuracy } from './sparse-categorical-accuracy';
export { meanSquaredError } from './mean-squared-error';
export { meanAbsoluteError } from './mean-absolute-error';
export { metrics, resolveMetric, chooseAccuracy, type MetricContext } from './resolve-metric';
export { ConfusionMetric, addConfusion, type ConfusionCounts, type ThresholdMetricOptions } from './confusion-metric';
export { Precision } from './precision';
export { Recall } from './recall';
export { AUC, type AUCOptions } from './auc';
export { F1Score, type F1ScoreOptions } from './f1-score';
export { TopKCategoricalAccuracy, type TopKCategoricalAccuracyOptions } from './top-k-categorical-accuracy';
export { RootMeanSquaredError } from './root-mean-squared-error';
export { R2Score } from './r2-score';
