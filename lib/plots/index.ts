/** Plots people look at: learning curves and per-layer gradient norms, as SVG files. */
export { plotHistory, type PlotHistoryOptions } from './plot-history';
export { plotGradients, type PlotGradientsOptions } from './plot-gradients';
export { asciiLossChart } from './ascii-loss-chart';
