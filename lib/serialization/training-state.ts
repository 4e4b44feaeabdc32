/**
 * What resuming training needs beyond the weights: the optimizer's iteration count and
 * per-weight state (moment estimates, accumulators), stored in the weights binary as
 * TensorFlow.js stores them (`group: 'optimizer'`, `iter`, an optimizer's global state such as
 * `dynamic_scale`, then each slot for every weight, named `<layer>/<weight>/<slot>`), and the
 * random generators' states.
 */
import { formatValue } from '../safe-format';
import { DataError } from '../errors';
import { getGlobalRandom, randomStateProblem, type RandomState } from '../random';
import { zeros } from '../tensor';
import type { Layer } from '../../layers';
import type { SavableModel } from '../engine/engine-model';
import type { JsonObject, TrainingState } from './format';
import { brief, isJsonObject } from './json-value';
import { assignWeights, type DecodedWeight, type NamedTensor } from './weights';

/** The name of the iteration count among the optimizer weights (TensorFlow.js's). */
const ITERATIONS = 'iter';

/** A layer with a random generator of its own (Dropout), whose state resuming must restore. */
export interface RandomLayer extends Layer {
  getRandomState(): RandomState;
  setRandomState(state: RandomState): void;
}

/** True for a layer with a random generator of its own (`getRandomState`/`setRandomState`). */
export function hasRandomState(layer: Layer): layer is RandomLayer {
  const l = layer as Partial<RandomLayer>;
  return typeof l.getRandomState === 'function' && typeof l.setRandomState === 'function';
}

/**
 * The optimizer state of a compiled model as named tensors: `iter` (int32), then, slot by
 * slot, each trainable weight's state (`dense_1/kernel/m`, …, `dense_1/kernel/v`, …), the
 * order TensorFlow.js's Adam uses. The tensors are live: assigning into them restores state.
 */
export function optimizerWeights(model: SavableModel): NamedTensor[] {
  const optimizer = model.optimizer;
  if (!optimizer) return [];
  const iterations = zeros([], 'float64');
  iterations.data[0] = optimizer.iterations;
  const bySlot = new Map<string, NamedTensor[]>();
  for (const layer of model.layers) {
    for (const p of layer.trainableParams()) {
      for (const [slot, value] of Object.entries(optimizer.stateTensors(p))) {
        const list = bySlot.get(slot) ?? [];
        list.push({ name: `${layer.name}/${p.weightName}/${slot}`, value, group: 'optimizer' });
        bySlot.set(slot, list);
      }
    }
  }
  // State beyond the per-weight slots (LossScaleOptimizer's loss scale), after the count.
  const global = Object.entries(optimizer.globalStateTensors()).map(([name, value]): NamedTensor => ({ name, value, group: 'optimizer' }));
  return [{ name: ITERATIONS, value: iterations, dtype: 'int32', group: 'optimizer' }, ...global, ...[...bySlot.values()].flat()];
}

/**
 * Restores the optimizer state saved by {@link optimizerWeights} into a compiled model.
 * Everything is checked before anything is written.
 * @throws DataError naming `source` and the missing, unexpected or mis-shaped entry.
 */
export function restoreOptimizerWeights(model: SavableModel, decoded: ReadonlyMap<string, DecodedWeight>, source: string): void {
  const optimizer = model.optimizer;
  if (!optimizer) return;
  const targets = optimizerWeights(model);
  assignWeights(targets, decoded, source, 'optimizer');
  const iterations = targets[0].value.data[0];
  if (!Number.isInteger(iterations) || iterations < 0) throw new DataError(`${source}: optimizer weight ${formatValue(ITERATIONS)} must be a non-negative integer, got ${iterations}`);
  optimizer.iterations = iterations;
}

/** The training position and every random generator's state, for the layerwise metadata. */
export function trainingStateOf(model: SavableModel, epoch: number | null): TrainingState {
  const layerRandomStates: Record<string, RandomState> = {};
  for (const layer of model.layers) if (hasRandomState(layer) && layer.built) layerRandomStates[layer.name] = layer.getRandomState();
  return { epoch, randomState: getGlobalRandom().getState(), layerRandomStates };
}

/**
 * Restores the generators saved by {@link trainingStateOf}: the global one (see `setSeed`)
 * and each layer's own (Dropout's masks), so training continues with the same random draws.
 * @throws DataError naming `source` for a malformed state or a layer the model lacks.
 */
export function restoreTrainingState(model: SavableModel, state: unknown, source: string): void {
  if (!isJsonObject(state)) throw new DataError(`${source}: userDefinedMetadata.layerwise.training must be an object, got ${brief(state)}`);
  const layerStates = (state.layerRandomStates ?? {}) as JsonObject;
  const byName = new Map(model.layers.map((l) => [l.name, l]));
  const restores: (() => void)[] = [];
  for (const [name, s] of Object.entries(layerStates)) {
    const layer = byName.get(name);
    if (!layer || !hasRandomState(layer)) throw new DataError(`${source}: saved random state for layer ${formatValue(name)}, which the model has not (or which has no generator)`);
    const problem = randomStateProblem(s);
    if (problem !== null) throw new DataError(`${source}: userDefinedMetadata.layerwise.training.layerRandomStates[${formatValue(name)}]: ${problem}`);
    const layerState = s as unknown as RandomState;
    restores.push(() => layer.setRandomState(layerState));
  }
  const problem = randomStateProblem(state.randomState);
  if (problem !== null) throw new DataError(`${source}: userDefinedMetadata.layerwise.training.randomState (the global generator): ${problem}`);
  const global = state.randomState as unknown as RandomState;
  for (const restore of restores) restore();
  getGlobalRandom().setState(global);
}
