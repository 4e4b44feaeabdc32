/** layerwise itself, through its public API (and its `matmul` kernel for the product cases). */
import ndarray from 'ndarray';
import { Add, Dense, Model, ReLU, Random, Sequential, SGD, input, oneHot, setSeed, toContiguous, zeros, type Tensor } from '../../lib';
import * as kernels from '../../lib/kernels';
import { CLASSES, INPUTS, type MatmulShape, type MlpSpec, type TrainSettings } from '../tasks';
import type { BenchData } from '../data';
import type { MatmulProduct, Peer, PeerModel } from './peer';

/** `setKernelBackend` when lib/kernels exports it, else `undefined` (the kernels have one path). */
export function kernelBackendSetter(): ((backend: string) => unknown) | undefined {
  const candidate = (kernels as unknown as Record<string, unknown>).setKernelBackend;
  return typeof candidate === 'function' ? (candidate as (backend: string) => unknown) : undefined;
}

/**
 * The layerwise peer. With `backend`, selects that kernel backend first.
 * @throws Error when a backend is asked for and lib/kernels has no `setKernelBackend`.
 */
export function createLayerwisePeer(backend?: string): Peer {
  const notes = backend === undefined
    ? ["layerwise: the plain 'layerwise' row uses the library's default kernel selection; a 'layerwise [x]' row pins setKernelBackend('x')"]
    : [];
  if (backend !== undefined) {
    const setBackend = kernelBackendSetter();
    if (!setBackend) throw new Error(`layerwise peer: backend '${backend}' asked for, but lib/kernels exports no setKernelBackend`);
    setBackend(backend);
  }
  return { notes, createMlp, createMatmul };
}

async function createMlp(spec: MlpSpec, data: BenchData, settings: TrainSettings): Promise<PeerModel> {
  if (spec.convnet) return (await import('./layerwise-cnn')).createLayerwiseCnn(spec, data, settings);
  setSeed(settings.seed);
  const model = spec.residual ? residualMlp(spec) : new Sequential([
    ...spec.hidden.map((units, i) => new Dense(i === 0 ? { units, activation: 'relu', inputShape: [INPUTS] } : { units, activation: 'relu' })),
    new Dense({ units: CLASSES, activation: 'softmax' }),
  ]);
  model.compile({ optimizer: new SGD({ learningRate: settings.learningRate }), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  // Zero-copy tensors over the shared typed arrays.
  const xTrain = ndarray(data.xTrain, [data.trainSamples, INPUTS]);
  const yTrain = oneHot(data.yTrain, CLASSES);
  const xTest = ndarray(data.xTest, [data.testSamples, INPUTS]);
  let epoch = 0;
  return {
    async fitEpoch() {
      await model.fit(xTrain, yTrain, { epochs: 1, batchSize: settings.batchSize, verbose: 0, seed: settings.seed + epoch++ });
    },
    predict() {
      const scores = toContiguous(model.predict(xTest, { batchSize: data.testSamples }) as Tensor);
      return scores.data.subarray(scores.offset, scores.offset + scores.size);
    },
  };
}

/** The residual MLP of `spec` (see `MlpSpec.residual`) with the functional API. */
function residualMlp(spec: MlpSpec): Model {
  const [first, inner, outer] = spec.hidden;
  const x = input({ shape: [INPUTS] });
  const h = new Dense({ units: first, activation: 'relu' }).apply(x);
  const branch = new Dense({ units: outer }).apply(new Dense({ units: inner, activation: 'relu' }).apply(h));
  const joined = new ReLU().apply(new Add().apply([h, branch]));
  return new Model({ inputs: x, outputs: new Dense({ units: CLASSES, activation: 'softmax' }).apply(joined) });
}

function createMatmul(shape: MatmulShape, transposeA: boolean, seed: number): MatmulProduct {
  const { m, k, n } = shape;
  const rng = new Random(seed);
  const fill = (t: Tensor) => {
    for (let i = 0; i < t.data.length; i++) t.data[i] = rng.uniformRange(-1, 1);
    return t;
  };
  // Aᵀ·B reads A stored [K, M] through a zero-copy transposed view, as Dense's dW = Xᵀ·dZ does.
  const a = transposeA ? fill(zeros([k, m])).transpose(1, 0) : fill(zeros([m, k]));
  const b = fill(zeros([k, n]));
  const out = zeros([m, n]);
  return { run: () => kernels.matmul(out, a, b) };
}
