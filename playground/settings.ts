/**
 * The playground's settings and their URL form. Everything that decides a run (dataset,
 * layers, loss, optimizer, learning rate, batch size, initializer, seed) lives in the query
 * string, so a link reproduces the same run from the same seed:
 *
 * `?dataset=spirals&layers=16relu,16relu_bn_d0.1&init=heNormal&loss=crossentropy&optimizer=adam&lr=0.01&batch=16&seed=1`
 *
 * A layer token is `<units><activation>` followed by `_bn` (batch normalization after the Dense)
 * and `_d<rate>` (dropout after the activation). Pure functions, no DOM and no library import.
 */

/** The datasets the page offers (the values of the `dataset` select). */
export const DATASETS = ['xor', 'circles', 'moons', 'spirals', 'blobs', 'sine', 'mnist'] as const;
/** A dataset name. */
export type DatasetName = (typeof DATASETS)[number];

/** URL token → the library's activation name. */
export const ACTIVATIONS = { relu: 'relu', tanh: 'tanh', sigmoid: 'sigmoid', linear: 'linear', elu: 'elu', leakyrelu: 'leakyRelu' } as const;
/** An activation token as written in the URL. */
export type ActivationToken = keyof typeof ACTIVATIONS;

/** Kernel initializers the page offers (library names). */
export const INITIALIZERS = ['glorotUniform', 'heNormal', 'heUniform', 'lecunNormal'] as const;
/** Losses the page offers; `crossentropy` is for classification only (softmax output). */
export const LOSSES = ['crossentropy', 'mse', 'mae', 'huber'] as const;
/** Optimizers the page offers (library names). */
export const OPTIMIZERS = ['sgd', 'adam', 'rmsprop', 'adagrad', 'nadam'] as const;

/** One hidden layer: a Dense of `units`, optional batch normalization, the activation, optional dropout. */
export interface LayerSpec {
  units: number;
  activation: ActivationToken;
  isBatchNorm: boolean;
  /** Dropout rate in [0, 0.9]; 0 means no Dropout layer. */
  dropout: number;
}

/** Everything that decides a run. */
export interface Settings {
  dataset: DatasetName;
  layers: LayerSpec[];
  init: (typeof INITIALIZERS)[number];
  loss: (typeof LOSSES)[number];
  optimizer: (typeof OPTIMIZERS)[number];
  learningRate: number;
  batchSize: number;
  seed: number;
}

/** The default run: spirals through 2-16-16-2 ReLU with He initialization and Adam. */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze<Settings>({
  dataset: 'spirals',
  layers: [
    { units: 16, activation: 'relu', isBatchNorm: false, dropout: 0 },
    { units: 16, activation: 'relu', isBatchNorm: false, dropout: 0 },
  ],
  init: 'heNormal',
  loss: 'crossentropy',
  optimizer: 'adam',
  learningRate: 0.01,
  batchSize: 16,
  seed: 1,
});

/** Limits that keep a run small enough for a page. */
export const LIMITS = { maxLayers: 8, maxUnits: 256, maxBatch: 512, maxSeed: 2 ** 31 - 1 } as const;

/** A copy of the defaults (layers included). */
export function defaultSettings(): Settings {
  return { ...DEFAULT_SETTINGS, layers: DEFAULT_SETTINGS.layers.map((l) => ({ ...l })) };
}

/** `16relu_bn_d0.1` for a layer. */
export function formatLayer(layer: LayerSpec): string {
  return `${layer.units}${layer.activation}${layer.isBatchNorm ? '_bn' : ''}${layer.dropout > 0 ? `_d${layer.dropout}` : ''}`;
}

/** The layer a token describes, or `null` when it is not one. */
export function parseLayer(token: string): LayerSpec | null {
  const match = /^(\d+)([a-z]+)((?:_bn|_d(?:0|0?\.\d+))*)$/.exec(token.trim().toLowerCase());
  if (!match) return null;
  const units = Number(match[1]);
  const activation = match[2];
  if (!Number.isInteger(units) || units < 1 || units > LIMITS.maxUnits || !(activation in ACTIVATIONS)) return null;
  const flags = match[3].split('_').filter(Boolean);
  const rate = flags.find((f) => f.startsWith('d'));
  const dropout = rate ? Number(rate.slice(1)) : 0;
  if (!(dropout >= 0 && dropout <= 0.9)) return null;
  return { units, activation: activation as ActivationToken, isBatchNorm: flags.includes('bn'), dropout };
}

/** The settings as query parameters (every key, so that a link is explicit). */
export function settingsToParams(settings: Settings): URLSearchParams {
  return new URLSearchParams({
    dataset: settings.dataset,
    layers: settings.layers.map(formatLayer).join(','),
    init: settings.init,
    loss: settings.loss,
    optimizer: settings.optimizer,
    lr: String(settings.learningRate),
    batch: String(settings.batchSize),
    seed: String(settings.seed),
  });
}

/** What {@link settingsFromParams} found: the settings, and a message for each value it ignored. */
export interface ParsedSettings {
  settings: Settings;
  warnings: string[];
  /** `autostart=1`: start training as soon as the page is ready. */
  isAutostart: boolean;
}

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T, key: string, warnings: string[]): T {
  if (value === null) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  warnings.push(`${key}: unknown value '${value}', expected one of ${allowed.join(', ')}; using '${fallback}'`);
  return fallback;
}

function number(value: string | null, fallback: number, key: string, isOk: (n: number) => boolean, warnings: string[]): number {
  if (value === null || value === '') return fallback;
  const n = Number(value);
  if (Number.isFinite(n) && isOk(n)) return n;
  warnings.push(`${key}: '${value}' is out of range; using ${fallback}`);
  return fallback;
}

/**
 * Reads settings from query parameters; missing keys take the defaults, invalid ones too (with a
 * warning). Cross-entropy on the regression becomes `mse` (see {@link effectiveLoss}).
 */
export function settingsFromParams(params: URLSearchParams): ParsedSettings {
  const warnings: string[] = [];
  const d = defaultSettings();
  let layers = d.layers;
  const layerText = params.get('layers');
  if (layerText !== null) {
    const tokens = layerText === '' ? [] : layerText.split(',');
    const parsed = tokens.map(parseLayer);
    const bad = tokens.filter((_, i) => parsed[i] === null);
    if (bad.length > 0 || tokens.length > LIMITS.maxLayers) {
      warnings.push(`layers: cannot read '${layerText}' (at most ${LIMITS.maxLayers} tokens like 16relu or 8tanh_bn_d0.2); using the default layers`);
    } else {
      layers = parsed as LayerSpec[];
    }
  }
  const settings: Settings = {
    dataset: pick(params.get('dataset'), DATASETS, d.dataset, 'dataset', warnings),
    layers,
    init: pick(params.get('init'), INITIALIZERS, d.init, 'init', warnings),
    loss: pick(params.get('loss'), LOSSES, d.loss, 'loss', warnings),
    optimizer: pick(params.get('optimizer'), OPTIMIZERS, d.optimizer, 'optimizer', warnings),
    learningRate: number(params.get('lr'), d.learningRate, 'lr', (n) => n > 0 && n <= 10, warnings),
    batchSize: number(params.get('batch'), d.batchSize, 'batch', (n) => Number.isInteger(n) && n >= 1 && n <= LIMITS.maxBatch, warnings),
    seed: number(params.get('seed'), d.seed, 'seed', (n) => Number.isInteger(n) && n >= 0 && n <= LIMITS.maxSeed, warnings),
  };
  settings.loss = effectiveLoss(settings);
  return { settings, warnings, isAutostart: params.get('autostart') === '1' };
}

/** Whether a dataset is a regression (one real output) rather than a classification. */
export function isRegression(dataset: DatasetName): boolean {
  return dataset === 'sine';
}

/** The loss the model trains with: `crossentropy` on a regression falls back to `mse`. */
export function effectiveLoss(settings: Settings): Settings['loss'] {
  return isRegression(settings.dataset) && settings.loss === 'crossentropy' ? 'mse' : settings.loss;
}
