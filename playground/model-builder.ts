/**
 * Builds the playground's model from its settings, with the library's public API only.
 * Each hidden layer is written out as separate layers so that every intermediate of the
 * chain rule is its own tensor in `computeGradients`: `Dense` (Z = X·W + b), then optionally
 * `BatchNormalization`, the activation (A = f(Z)), then optionally `Dropout`. The output is a
 * `Dense` of one unit per class followed by `Softmax` (classification) or a plain `Dense(1)`
 * (regression).
 */
import {
  Adagrad, Adam, BatchNormalization, Dense, Dropout, getActivation, Model, Nadam, RMSprop, Sequential, setSeed, SGD, Softmax,
  type Layer, type Optimizer,
} from '../lib/index';
import { ACTIVATIONS, effectiveLoss, isRegression, type Settings } from './settings';

/** The library's loss names for the page's loss choices. */
const LOSS_NAMES = { crossentropy: 'categoricalCrossentropy', mse: 'meanSquaredError', mae: 'meanAbsoluteError', huber: 'huber' } as const;

/** A new optimizer of the chosen kind and learning rate. */
export function makeOptimizer(settings: Settings): Optimizer {
  const learningRate = settings.learningRate;
  switch (settings.optimizer) {
    case 'sgd': return new SGD({ learningRate });
    case 'adam': return new Adam({ learningRate });
    case 'rmsprop': return new RMSprop({ learningRate });
    case 'adagrad': return new Adagrad({ learningRate });
    case 'nadam': return new Nadam({ learningRate });
  }
}

/** The layers for `settings`, from input width `inputDim` to `outputDim` outputs. */
export function makeLayers(settings: Settings, inputDim: number, outputDim: number, isRegression: boolean): Layer[] {
  const layers: Layer[] = [];
  settings.layers.forEach((spec, i) => {
    layers.push(new Dense({ units: spec.units, kernelInitializer: settings.init, ...(i === 0 ? { inputShape: [inputDim] } : {}) }));
    if (spec.isBatchNorm) layers.push(new BatchNormalization());
    layers.push(getActivation(ACTIVATIONS[spec.activation]));
    if (spec.dropout > 0) layers.push(new Dropout({ rate: spec.dropout }));
  });
  const first = layers.length === 0;
  layers.push(new Dense({ units: outputDim, kernelInitializer: 'glorotUniform', ...(first ? { inputShape: [inputDim] } : {}) }));
  if (!isRegression) layers.push(new Softmax());
  return layers;
}

/** Compiles `model` with the loss, optimizer and metric of `settings` (accuracy, or R² for the regression). */
export function compileFor(model: Model, settings: Settings): void {
  model.compile({
    optimizer: makeOptimizer(settings),
    loss: LOSS_NAMES[effectiveLoss(settings)],
    metrics: [isRegression(settings.dataset) ? 'r2Score' : 'accuracy'],
  });
}

/**
 * A compiled model for `settings`. It first calls `setSeed(settings.seed)`, so the same
 * settings give the same initial weights (and the same dropout masks) every time.
 */
export function buildModel(settings: Settings, inputDim: number, outputDim: number): Sequential {
  setSeed(settings.seed);
  const model = new Sequential(makeLayers(settings, inputDim, outputDim, isRegression(settings.dataset)));
  compileFor(model, settings);
  model.build([1, inputDim]);
  return model;
}
