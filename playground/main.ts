/**
 * The playground page: reads the settings from the address, drives the training worker
 * (worker.js) with the Start, Pause, Step and Reset buttons, and redraws the views from the
 * worker's reports on animation frames. The page itself does no training.
 */
import { Controls } from './controls';
import { drawCurves, thin } from './draw-curves';
import { drawDataView } from './draw-data';
import { drawGradientFlow, fillGradientTable } from './draw-gradients';
import { drawNetwork } from './draw-network';
import type { Command, DataInfo, LayerInfo, Message, Report, TraceInfo } from './protocol';
import { settingsFromParams, settingsToParams, type Settings } from './settings';
import { renderStepView } from './step-view';

const byId = <T extends HTMLElement = HTMLElement>(id: string): T => document.getElementById(id) as T;

/** What the data view shows, per kind of data. */
const CAPTIONS: Record<DataInfo['kind'], string> = {
  classes: 'Decision boundary: background by predicted class, filled dots training points, rings validation points.',
  regression: 'The fitted curve (red) over the training points (filled) and validation points (rings).',
  digits: 'Misclassified validation digits: the predicted class, and the true one in brackets.',
};

/** Points kept per curve before thinning. */
const MAX_POINTS = 400;

interface CurvePoint { step: number; trainLoss: number; valLoss: number; trainMetric: number; valMetric: number }

const state = {
  settings: null as Settings | null,
  data: null as DataInfo | null,
  layers: [] as readonly LayerInfo[],
  report: null as Report | null,
  trace: null as TraceInfo | null,
  history: [] as CurvePoint[],
  isRunning: false,
  isDirty: false,
  isTraceDirty: false,
  /** What the next 'exported' message is downloaded as: one JSON file, or model.json + weights.bin. */
  exportFormat: 'json' as 'json' | 'tfjs',
};

/** The training worker, a classic script next to the page (worker.js). */
const worker = new Worker('./worker.js');
const send = (command: Command): void => worker.postMessage(command);

function setStatus(status: 'loading' | 'ready' | 'error'): void {
  document.body.dataset.status = status;
}

function showError(message: string): void {
  byId('error').textContent = message;
  setStatus('error');
  setRunning(false);
}

function setRunning(isRunning: boolean): void {
  state.isRunning = isRunning;
  byId<HTMLButtonElement>('start').disabled = isRunning;
  byId<HTMLButtonElement>('pause').disabled = !isRunning;
}

/** Applies new settings: the address, the share link, and a fresh run in the worker. */
function apply(settings: Settings, isAutostart = false): void {
  state.settings = settings;
  const query = `?${settingsToParams(settings)}`;
  history.replaceState(null, '', query);
  byId<HTMLAnchorElement>('share').href = query;
  state.history = [];
  state.report = null;
  state.trace = null;
  byId('error').textContent = '';
  setRunning(false);
  setStatus('loading');
  send({ type: 'reset', settings });
  if (isAutostart) start();
}

function start(): void {
  setRunning(true);
  send({ type: 'start' });
}

function requestTrace(): void {
  const sample = Math.max(0, Math.floor(Number(byId<HTMLInputElement>('sample').value) || 0));
  send({ type: 'trace', sample });
}

const plain = (v: number, digits: number): string => (Number.isFinite(v) ? v.toFixed(digits) : String(v));

function showNumbers(report: Report): void {
  const isRegression = state.data?.kind === 'regression';
  const set = (id: string, text: string, value: number): void => {
    const element = byId(id);
    element.textContent = text;
    element.dataset.value = String(value);
  };
  set('epoch', String(report.epoch), report.epoch);
  set('step-count', String(report.step), report.step);
  set('loss', plain(report.trainLoss, 5), report.trainLoss);
  byId('loss').dataset.step = String(report.step);
  set('accuracy', plain(report.trainMetric, 4), report.trainMetric);
  set('val-loss', plain(report.valLoss, 5), report.valLoss);
  set('val-accuracy', plain(report.valMetric, 4), report.valMetric);
  set('speed', String(Math.round(report.stepsPerSecond)), report.stepsPerSecond);
  byId('metric-name').textContent = isRegression ? 'R² (train)' : 'Accuracy (train)';
  byId('val-metric-name').textContent = isRegression ? 'R² (validation)' : 'Accuracy (validation)';
}

/** The views on screen: only those are redrawn (an IntersectionObserver keeps this up to date). */
const visible = new Set<string>();
const observer = new IntersectionObserver((entries) => {
  for (const entry of entries) {
    if (entry.isIntersecting) visible.add(entry.target.id);
    else visible.delete(entry.target.id);
  }
  state.isDirty = true;
});
for (const id of ['decision-boundary', 'loss-curve', 'metric-curve', 'network', 'gradient-flow', 'gradient-table']) observer.observe(byId(id));

function draw(): void {
  const { report, data } = state;
  if (!report || !data) return;
  showNumbers(report);
  // While training, only the views on screen; once paused, all of them (once: a report per pause).
  const shows = (id: string): boolean => visible.has(id) || !report.isRunning;
  if (shows('decision-boundary')) drawDataView(byId<HTMLCanvasElement>('decision-boundary'), data, report.view);
  const steps = state.history.map((p) => p.step);
  if (shows('loss-curve')) {
    drawCurves(byId<HTMLCanvasElement>('loss-curve'), 'loss', steps, [
      { label: 'train', color: '#0072b2', isDashed: false, values: state.history.map((p) => p.trainLoss) },
      { label: 'validation', color: '#d55e00', isDashed: true, values: state.history.map((p) => p.valLoss) },
    ]);
  }
  if (shows('metric-curve')) {
    drawCurves(byId<HTMLCanvasElement>('metric-curve'), data.kind === 'regression' ? 'R²' : 'accuracy', steps, [
      { label: 'train', color: '#0072b2', isDashed: false, values: state.history.map((p) => p.trainMetric) },
      { label: 'validation', color: '#d55e00', isDashed: true, values: state.history.map((p) => p.valMetric) },
    ]);
  }
  if (shows('network')) drawNetwork(byId<HTMLCanvasElement>('network'), data.inputDim, state.layers, report.weights);
  if (byId<HTMLInputElement>('show-backward').checked) {
    if (shows('gradient-flow')) drawGradientFlow(byId<HTMLCanvasElement>('gradient-flow'), report.gradients);
    const now = performance.now();
    if (shows('gradient-table') && (!report.isRunning || now - tableDrawnAt > TABLE_INTERVAL_MS)) {
      tableDrawnAt = now;
      fillGradientTable(byId<HTMLTableElement>('gradient-table'), report.gradients);
    }
  }
}

/** The gradient table is rebuilt at most this often while training (DOM work is dearer than canvas). */
const TABLE_INTERVAL_MS = 250;
let tableDrawnAt = 0;

/** Frames drawn in the current one-second window, and the longest gap between two frames. */
const frames = { count: 0, windowStart: 0, last: 0, maxGap: 0, drawMs: 0, draws: 0 };

function frame(now: number): void {
  if (frames.last > 0) frames.maxGap = Math.max(frames.maxGap, now - frames.last);
  frames.last = now;
  frames.count++;
  if (now - frames.windowStart >= 1000) {
    const fps = byId('fps');
    const rate = (frames.count * 1000) / (now - frames.windowStart);
    fps.textContent = String(Math.round(rate));
    fps.dataset.value = String(rate);
    fps.dataset.maxFrameMs = String(Math.round(frames.maxGap));
    fps.dataset.drawMs = frames.draws > 0 ? (frames.drawMs / frames.draws).toFixed(1) : '0';
    frames.drawMs = 0;
    frames.draws = 0;
    frames.count = 0;
    frames.windowStart = now;
    frames.maxGap = 0;
  }
  if (state.isDirty) {
    state.isDirty = false;
    const begin = performance.now();
    draw();
    frames.drawMs += performance.now() - begin;
    frames.draws++;
  }
  if (state.isTraceDirty && state.trace) {
    state.isTraceDirty = false;
    renderStepView(byId('step-view'), state.trace);
  }
  requestAnimationFrame(frame);
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

worker.onmessage = (event: MessageEvent<Message>) => {
  const message = event.data;
  switch (message.type) {
    case 'ready':
      state.data = message.data;
      state.layers = message.layers;
      byId('boundary-caption').textContent = CAPTIONS[message.data.kind];
      byId('decision-boundary').setAttribute('aria-label', CAPTIONS[message.data.kind]);
      byId('engine').textContent = `Kernels: ${message.backend}; threads: ${message.threads}; cross-origin isolated: ${message.isIsolated ? 'yes' : 'no'}.`;
      byId('sample').setAttribute('max', String(Math.max(message.data.labelsTrain.length, message.data.yTrain.length) - 1));
      return;
    case 'report': {
      const report = message.report;
      state.report = report;
      const last = state.history[state.history.length - 1];
      if (!last || last.step !== report.step) {
        state.history.push({ step: report.step, trainLoss: report.trainLoss, valLoss: report.valLoss, trainMetric: report.trainMetric, valMetric: report.valMetric });
        thin(state.history, MAX_POINTS);
      }
      state.isDirty = true;
      document.body.dataset.step = String(report.step);
      if (document.body.dataset.status === 'loading') setStatus('ready');
      if (!report.isRunning && !state.isRunning) requestTrace();
      return;
    }
    case 'trace':
      state.trace = message.trace;
      state.isTraceDirty = true;
      return;
    case 'exported': {
      const button = byId('export');
      button.dataset.probe = JSON.stringify(Array.from(message.probe));
      button.dataset.probeInput = JSON.stringify(Array.from(message.probeInput));
      button.dataset.probeShape = JSON.stringify(message.probeShape);
      const name = `layerwise-${state.settings?.dataset ?? 'model'}`;
      if (state.exportFormat === 'tfjs') {
        download(new Blob([message.modelJson], { type: 'application/json' }), 'model.json');
        download(new Blob([message.weights], { type: 'application/octet-stream' }), 'weights.bin');
      } else {
        download(new Blob([message.text], { type: 'application/json' }), `${name}.json`);
      }
      return;
    }
    case 'imported':
      state.layers = message.layers;
      state.history = [];
      setRunning(false);
      byId('warnings').textContent = 'Model loaded from the file; Reset goes back to the settings.';
      return;
    case 'error':
      showError(message.message);
      return;
  }
};
worker.onerror = (event) => showError(`the training worker failed: ${event.message}`);

const controls = new Controls((params) => {
  const parsed = settingsFromParams(params);
  byId('warnings').textContent = parsed.warnings.join('\n');
  controls.write(parsed.settings);
  apply(parsed.settings);
});

byId('start').addEventListener('click', start);
byId('pause').addEventListener('click', () => {
  setRunning(false);
  send({ type: 'pause' });
});
byId('step').addEventListener('click', () => {
  setRunning(false);
  send({ type: 'step' });
});
byId('reset').addEventListener('click', () => state.settings && apply(state.settings));
byId('trace').addEventListener('click', requestTrace);
byId('sample').addEventListener('change', requestTrace);
byId('show-backward').addEventListener('change', (event) => {
  byId('backward').hidden = !(event.target as HTMLInputElement).checked;
  state.isDirty = true;
});
byId('export').addEventListener('click', () => {
  state.exportFormat = 'json';
  send({ type: 'export' });
});
byId('export-tfjs').addEventListener('click', () => {
  state.exportFormat = 'tfjs';
  send({ type: 'export' });
});
byId('import').addEventListener('change', async (event) => {
  const files = Array.from((event.target as HTMLInputElement).files ?? []);
  const weights = files.find((f) => f.name.endsWith('.bin'));
  const json = files.find((f) => f !== weights);
  if (!json) {
    showError('choose a model file: the .json that Export writes, or model.json with its weights.bin');
    return;
  }
  send({ type: 'import', file: weights ? { modelJson: await json.text(), weights: await weights.arrayBuffer() } : await json.text() });
});

const initial = settingsFromParams(new URLSearchParams(location.search));
byId('warnings').textContent = initial.warnings.join('\n');
controls.write(initial.settings);
apply(initial.settings, initial.isAutostart);
requestAnimationFrame(frame);
