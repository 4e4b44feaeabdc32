import {
  DATASETS, defaultSettings, effectiveLoss, formatLayer, parseLayer, settingsFromParams, settingsToParams, type Settings,
} from '../../playground/settings';

describe('playground settings ⇄ URL', () => {
  it('round-trips every setting through the query string', () => {
    const settings: Settings = {
      dataset: 'moons',
      layers: [
        { units: 8, activation: 'tanh', isBatchNorm: true, dropout: 0.2 },
        { units: 3, activation: 'leakyrelu', isBatchNorm: false, dropout: 0 },
      ],
      init: 'lecunNormal', loss: 'huber', optimizer: 'rmsprop', learningRate: 0.003, batchSize: 7, seed: 42,
    };
    const query = settingsToParams(settings).toString();
    expect(query).toBe('dataset=moons&layers=8tanh_bn_d0.2%2C3leakyrelu&init=lecunNormal&loss=huber&optimizer=rmsprop&lr=0.003&batch=7&seed=42');
    const parsed = settingsFromParams(new URLSearchParams(query));
    expect(parsed.settings).toEqual(settings);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.isAutostart).toBe(false);
  });

  it('takes the defaults for missing keys: spirals through 2-16-16-2 ReLU, He init, Adam', () => {
    const parsed = settingsFromParams(new URLSearchParams(''));
    expect(parsed.settings).toEqual(defaultSettings());
    expect(parsed.settings.layers.map(formatLayer)).toEqual(['16relu', '16relu']);
    expect(parsed.settings).toMatchObject({ dataset: 'spirals', init: 'heNormal', optimizer: 'adam', seed: 1 });
  });

  it('reads the test contract: dataset, seed and autostart=1', () => {
    const parsed = settingsFromParams(new URLSearchParams('dataset=xor&seed=9&autostart=1'));
    expect(parsed.settings.dataset).toBe('xor');
    expect(parsed.settings.seed).toBe(9);
    expect(parsed.isAutostart).toBe(true);
    expect(settingsFromParams(new URLSearchParams('autostart=true')).isAutostart).toBe(false);
  });

  it('accepts every dataset name of the select', () => {
    for (const name of DATASETS) expect(settingsFromParams(new URLSearchParams({ dataset: name })).settings.dataset).toBe(name);
  });

  it('ignores invalid values with a warning that names the key and the value', () => {
    const parsed = settingsFromParams(new URLSearchParams('dataset=iris&lr=-1&batch=2.5&seed=x&optimizer=lbfgs&layers=16relu,banana'));
    expect(parsed.settings).toEqual(defaultSettings());
    expect(parsed.warnings).toHaveLength(6);
    expect(parsed.warnings[0]).toMatch(/layers: cannot read '16relu,banana'/);
    expect(parsed.warnings.join('\n')).toMatch(/dataset: unknown value 'iris'.*xor, circles/);
    expect(parsed.warnings.join('\n')).toMatch(/lr: '-1' is out of range; using 0\.01/);
    expect(parsed.warnings.join('\n')).toMatch(/optimizer: unknown value 'lbfgs'/);
  });

  it('an empty layers value means no hidden layer', () => {
    expect(settingsFromParams(new URLSearchParams('layers=')).settings.layers).toEqual([]);
  });

  it('parses layer tokens and rejects bad ones', () => {
    expect(parseLayer('32sigmoid')).toEqual({ units: 32, activation: 'sigmoid', isBatchNorm: false, dropout: 0 });
    expect(parseLayer('4relu_d0.5_bn')).toEqual({ units: 4, activation: 'relu', isBatchNorm: true, dropout: 0.5 });
    for (const bad of ['relu', '0relu', '16swishy', '16relu_d0.95', '999relu', '16relu_x']) expect(parseLayer(bad)).toBeNull();
    const spec = { units: 5, activation: 'elu' as const, isBatchNorm: true, dropout: 0.25 };
    expect(parseLayer(formatLayer(spec))).toEqual(spec);
  });

  it('falls back to mse when cross-entropy is asked for the regression', () => {
    expect(effectiveLoss({ ...defaultSettings(), dataset: 'sine' })).toBe('mse');
    expect(effectiveLoss({ ...defaultSettings(), dataset: 'sine', loss: 'mae' })).toBe('mae');
    expect(effectiveLoss(defaultSettings())).toBe('crossentropy');
    expect(settingsFromParams(new URLSearchParams('dataset=sine')).settings.loss).toBe('mse');
  });
});
