/**
 * {@link ModelSnapshot}: a copy of everything training changes in a model, so that a `fit`
 * that throws part-way (a callback's error, a failed checkpoint write, a loss that rejects its
 * input) puts the model back exactly as it was before the call.
 */
import { getGlobalRandom, type RandomState } from './random';
import { clone, copyInto, type Tensor } from './tensor';
import { hasRandomState } from './serialization/training-state';
import type { LearningRateSchedule } from '../optimizers/schedules';
import type { EngineModel } from './engine/engine-model';

/** A live tensor and its saved copy. */
interface SavedTensor {
  readonly live: Tensor;
  readonly copy: Tensor;
}

/**
 * What `fit` changes, saved: every weight (parameters, and non-trainable weights such as
 * BatchNormalization's moving statistics), the optimizer's iteration count, learning rate
 * (callbacks such as ReduceLROnPlateau change it) and per-weight state (momenta, moment
 * estimates), each layer's own random generator (Dropout's masks), the global generator
 * (which `fit` draws its shuffling seed from) and `stopTraining`. Restoring writes the copies
 * back into the same tensors, so nothing that holds a reference to a weight goes stale.
 *
 * @example
 * ```ts
 * const snapshot = ModelSnapshot.take(model);
 * try { await trainSomehow(model); } catch (error) { snapshot.restore(); throw error; }
 * ```
 */
export class ModelSnapshot {
  private constructor(
    private readonly model: EngineModel,
    private readonly tensors: readonly SavedTensor[],
    private readonly iterations: number | null,
    private readonly learningRate: number | LearningRateSchedule | null,
    private readonly layerRandom: readonly (() => void)[],
    private readonly globalRandom: RandomState,
    private readonly stopTraining: boolean,
  ) {}

  /**
   * Saves the current state of `model` (copies of its weights and optimizer state). With
   * `withTrainable` false it saves only what a forward pass changes (non-trainable weights such
   * as moving statistics, the random generators): the cheap guard of one step that fails
   * before its update.
   */
  static take(model: EngineModel, withTrainable = true): ModelSnapshot {
    const live: Tensor[] = [];
    for (const layer of model.layers) {
      for (const w of [...(withTrainable ? layer.params() : []), ...layer.nonTrainableWeights()]) live.push(w.value);
    }
    const optimizer = model.optimizer;
    if (optimizer && withTrainable) {
      for (const layer of model.layers) {
        for (const p of layer.trainableParams()) live.push(...Object.values(optimizer.stateTensors(p)));
      }
      live.push(...Object.values(optimizer.globalStateTensors()));
    }
    const layerRandom = callLayers(model).filter(hasRandomState).filter((layer) => layer.built).map((layer) => {
      const saved = layer.getRandomState();
      return () => layer.setRandomState(saved);
    });
    return new ModelSnapshot(
      model,
      live.map((t) => ({ live: t, copy: clone(t) })),
      optimizer ? optimizer.iterations : null,
      optimizer ? optimizer.learningRate : null,
      layerRandom,
      getGlobalRandom().getState(),
      model.stopTraining,
    );
  }

  /** Puts every saved value back. */
  restore(): void {
    for (const { live, copy } of this.tensors) copyInto(live, copy);
    const optimizer = this.model.optimizer;
    if (optimizer && this.iterations !== null && this.learningRate !== null) {
      optimizer.iterations = this.iterations;
      optimizer.learningRate = this.learningRate;
    }
    for (const restore of this.layerRandom) restore();
    getGlobalRandom().setState(this.globalRandom);
    this.model.stopTraining = this.stopTraining;
  }
}

/** Every instance the model's calls run on: its layers, and the call instances of shared layers. */
function callLayers(model: EngineModel): EngineModel['layers'] {
  return model.inputShapes === null ? model.layers : model.ensureBuilt(model.inputShapes.map((s) => s.map((d) => d ?? 1))).callLayers;
}
