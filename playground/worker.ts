/**
 * The training worker: owns the {@link Trainer}, trains in slices of about 40 ms while
 * running (so commands are answered between slices), and posts a report after each slice.
 * It imports the library's public API only (through trainer.ts), the same entry users import.
 */
import { getKernelBackend, getKernelThreads, initWasm, isWasmReady } from '../lib/index';
import mnistBase64 from 'playground-mnist-data';
import { base64ToBytes, decodeDigits, type Digits } from './digits';
import type { Command, Message } from './protocol';
import { Trainer } from './trainer';

/** The worker's global scope, typed as much as this file needs. */
const scope = self as unknown as {
  postMessage(message: Message): void;
  onmessage: ((event: MessageEvent<Command>) => void) | null;
};

/** How long one slice of training runs before the worker reports and reads its messages. */
const SLICE_MS = 40;

let trainer: Trainer | null = null;
let isRunning = false;
let digits: Digits | null = null;
let sliceTimer: ReturnType<typeof setTimeout> | null = null;
/** The WebAssembly kernels, compiled ahead of the first run (false where they cannot load). */
const wasmLoaded = initWasm().catch(() => false);
/** Commands run one after another, in order (a reset waits for the kernels). */
let queue: Promise<void> = Promise.resolve();

const post = (message: Message): void => scope.postMessage(message);

function fail(error: unknown): void {
  isRunning = false;
  post({ type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
}

function report(stepsPerSecond: number): void {
  if (trainer) post({ type: 'report', report: trainer.report(isRunning, stepsPerSecond) });
}

/** Trains for one slice, reports, and schedules the next slice while running. */
function slice(): void {
  sliceTimer = null;
  if (!isRunning || !trainer) return;
  try {
    const start = performance.now();
    let steps = 0;
    while (performance.now() - start < SLICE_MS) {
      trainer.step();
      steps++;
    }
    report((steps * 1000) / (performance.now() - start));
    sliceTimer = setTimeout(slice, 0);
  } catch (error) {
    fail(error);
  }
}

async function handle(command: Command): Promise<void> {
  switch (command.type) {
    case 'reset': {
      isRunning = false;
      if (command.settings.dataset === 'mnist' && !digits) digits = decodeDigits(base64ToBytes(mnistBase64));
      await wasmLoaded;
      trainer = new Trainer(command.settings, digits);
      post({
        type: 'ready', data: trainer.dataInfo(), layers: trainer.layerInfo(),
        backend: isWasmReady() ? `${getKernelBackend()} (WebAssembly SIMD ready)` : `${getKernelBackend()} (TypeScript kernel)`,
        threads: String(getKernelThreads()), isIsolated: Boolean((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated),
      });
      report(0);
      return;
    }
    case 'start':
      isRunning = true;
      if (sliceTimer === null) sliceTimer = setTimeout(slice, 0);
      return;
    case 'pause':
      isRunning = false;
      report(0);
      return;
    case 'step':
      isRunning = false;
      trainer?.step();
      report(0);
      return;
    case 'trace':
      if (trainer) post({ type: 'trace', trace: trainer.trace(command.sample) });
      return;
    case 'export':
      if (trainer) {
        const probe = trainer.probe();
        post({ type: 'exported', text: trainer.exportModel(), ...trainer.exportTfjs(), probe: probe.output, probeInput: probe.input, probeShape: probe.shape });
      }
      return;
    case 'import':
      if (trainer) {
        isRunning = false;
        trainer.importModel(command.file);
        post({ type: 'imported', layers: trainer.layerInfo() });
        report(0);
      }
      return;
  }
}

scope.onmessage = (event) => {
  queue = queue.then(() => handle(event.data)).catch(fail);
};
