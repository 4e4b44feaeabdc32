/** The settings form: writes a {@link Settings} into the controls and reads it back. */
import { ACTIVATIONS, formatLayer, LIMITS, type ActivationToken, type LayerSpec, type Settings } from './settings';

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
};

let uid = 0;

/** One `<li>` of the hidden-layer list, with labelled controls. */
function layerRow(spec: LayerSpec, index: number, onChange: () => void, onRemove: () => void): HTMLLIElement {
  const li = document.createElement('li');
  const id = `layer-${uid++}`;
  const title = document.createElement('div');
  title.className = 'layer-title';
  title.textContent = `Layer ${index + 1}`;
  const remove = document.createElement('button');
  remove.type = 'button';
  remove.textContent = 'Remove';
  remove.setAttribute('aria-label', `Remove layer ${index + 1}`);
  remove.addEventListener('click', onRemove);
  title.append(remove);
  li.append(title);
  const add = (text: string, control: HTMLInputElement | HTMLSelectElement, name: string, isCheck = false): void => {
    control.id = `${id}-${name}`;
    control.dataset.field = name;
    control.addEventListener('change', onChange);
    const label = document.createElement('label');
    label.htmlFor = control.id;
    label.textContent = text;
    const cell = document.createElement('div');
    if (isCheck) {
      cell.className = 'check';
      cell.append(control, label);
    } else {
      cell.append(label, control);
    }
    li.append(cell);
  };
  const units = document.createElement('input');
  Object.assign(units, { type: 'number', min: '1', max: String(LIMITS.maxUnits), step: '1', value: String(spec.units) });
  add('Units', units, 'units');
  const activation = document.createElement('select');
  for (const token of Object.keys(ACTIVATIONS)) activation.add(new Option(token === 'leakyrelu' ? 'leaky ReLU' : token, token));
  activation.value = spec.activation;
  add('Activation', activation, 'activation');
  const dropout = document.createElement('input');
  Object.assign(dropout, { type: 'number', min: '0', max: '0.9', step: '0.05', value: String(spec.dropout) });
  add('Dropout rate', dropout, 'dropout');
  const batchNorm = document.createElement('input');
  batchNorm.type = 'checkbox';
  batchNorm.checked = spec.isBatchNorm;
  add('Batch norm', batchNorm, 'batchNorm', true);
  return li;
}

/** The settings form and its events. */
export class Controls {
  private layers: LayerSpec[] = [];

  /** `onChange` runs after any edit, with the form's values as URL parameters. */
  constructor(private readonly onChange: (params: URLSearchParams) => void) {
    for (const id of ['dataset', 'seed', 'init', 'loss-fn', 'optimizer', 'lr', 'batch']) byId(id).addEventListener('change', () => this.changed());
    byId('add-layer').addEventListener('click', () => {
      if (this.layers.length >= LIMITS.maxLayers) return;
      const last = this.layers[this.layers.length - 1];
      this.layers.push(last ? { ...last } : { units: 8, activation: 'relu', isBatchNorm: false, dropout: 0 });
      this.renderLayers();
      this.changed();
    });
  }

  /** Puts `settings` into the form. */
  write(settings: Settings): void {
    byId<HTMLSelectElement>('dataset').value = settings.dataset;
    byId<HTMLInputElement>('seed').value = String(settings.seed);
    byId<HTMLSelectElement>('init').value = settings.init;
    byId<HTMLSelectElement>('loss-fn').value = settings.loss;
    byId<HTMLSelectElement>('optimizer').value = settings.optimizer;
    byId<HTMLInputElement>('lr').value = String(settings.learningRate);
    byId<HTMLInputElement>('batch').value = String(settings.batchSize);
    this.layers = settings.layers.map((l) => ({ ...l }));
    this.renderLayers();
  }

  /** The form's values as URL parameters (validated by `settingsFromParams`). */
  params(): URLSearchParams {
    this.readLayers();
    const value = (id: string): string => byId<HTMLInputElement | HTMLSelectElement>(id).value;
    return new URLSearchParams({
      dataset: value('dataset'), layers: this.layers.map(formatLayer).join(','), init: value('init'), loss: value('loss-fn'),
      optimizer: value('optimizer'), lr: value('lr'), batch: value('batch'), seed: value('seed'),
    });
  }

  private changed(): void {
    this.onChange(this.params());
  }

  private readLayers(): void {
    const rows = byId('layer-list').querySelectorAll('li');
    this.layers = Array.from(rows, (li, i) => {
      const get = (name: string): HTMLInputElement => li.querySelector(`[data-field="${name}"]`) as HTMLInputElement;
      const old = this.layers[i];
      return {
        units: Math.round(Number(get('units').value)) || old.units,
        activation: get('activation').value as ActivationToken,
        dropout: Math.min(0.9, Math.max(0, Number(get('dropout').value) || 0)),
        isBatchNorm: get('batchNorm').checked,
      };
    });
  }

  private renderLayers(): void {
    const list = byId('layer-list');
    list.replaceChildren(...this.layers.map((spec, i) => layerRow(spec, i, () => this.changed(), () => {
      this.readLayers();
      this.layers.splice(i, 1);
      this.renderLayers();
      this.changed();
    })));
  }
}
