/** {@link Bidirectional}: a recurrent layer run over the sequence in both directions, its two outputs merged. */
import { formatJson, isInstance, isReadableObject } from '../../lib/checks';
import { ConfigError } from '../../lib/errors';
import type { DType, Shape, Tensor } from '../../lib/tensor';
import { disposeObject } from '../disposal';
import { Layer, type LayerConfig, type LayerOptions, type MultiBackwardResult, type NonTrainableWeight, type Param, type WeightShape } from '../layer';
import { layers } from '../layer-registry';
import type { Mask } from '../mask';
import type { SerializedLayer } from '../time-distributed';
import { BaseRNN } from './base-rnn';

/** How {@link Bidirectional} joins the two directions' outputs `F` and `B`. */
export type MergeMode = 'concat' | 'sum' | 'mul' | 'ave';

const MERGE_MODES: readonly MergeMode[] = ['concat', 'sum', 'mul', 'ave'];

/** Options of {@link Bidirectional}. */
export interface BidirectionalOptions extends LayerOptions {
  /** The recurrent layer (SimpleRNN, LSTM or GRU) or its saved `{ className, config }`; it is copied for each direction. */
  layer: Layer | SerializedLayer;
  /** `'concat'` (`[F, B]` on the last axis), `'sum'` (`F + B`), `'mul'` (`F ⊙ B`) or `'ave'` (`(F + B)/2`). @defaultValue 'concat' */
  mergeMode?: MergeMode;
}

/** The JSON form of a {@link Bidirectional}. */
export interface BidirectionalConfig extends LayerConfig {
  layer: SerializedLayer;
  mergeMode: MergeMode;
}

/**
 * Keras's `Bidirectional`: two copies of a recurrent layer, `forward_<name>` reading the sequence
 * from its first step and `backward_<name>` (goBackwards flipped) from its last, with their
 * outputs merged. With returnSequences the backward copy's output is flipped back in time, so
 * step `t` of both describes input step `t`, and both output zeros at masked steps (Keras
 * forces `zero_output_for_mask` there).
 *
 * Backward: the merge's gradient goes to each direction — concat splits `dOut` on the last
 * axis; sum gives `dOut` to both; ave `dOut/2`; mul `dF = dOut ⊙ B`, `dB = dOut ⊙ F` — each
 * direction back-propagates through time, and `dAPrev = dX_forward + dX_backward`.
 *
 * Weights: the forward copy's, then the backward copy's, named `forward_<name>/kernel`, … as in
 * TensorFlow.js; their gradients come back from backward as `dW_forward`, `dU_forward`, …,
 * `db_backward`. Input `[batch, time, features]`; output `[batch, (time,) units]`, with `2·units`
 * for concat.
 *
 * @throws ConfigError when `layer` is not a recurrent layer or `mergeMode` is unknown.
 * @example
 * ```ts
 * new Bidirectional({ layer: new LSTM({ units: 16, returnSequences: true }), inputShape: [20, 8] });
 * ```
 */
export class Bidirectional<R extends boolean = false> extends Layer {
  static override readonly className: string = 'Bidirectional';
  static override readonly optionKeys: readonly string[] = ['layer', 'mergeMode'];

  /** The layer reading the sequence forward. */
  readonly forwardLayer: BaseRNN;
  /** The layer reading it backward. */
  readonly backwardLayer: BaseRNN;
  /** How the two outputs join. */
  readonly mergeMode: MergeMode;

  private readonly layerConfig: SerializedLayer;
  private ownParams: Param[] = [];
  private yForward: Tensor | null = null;
  private yBackward: Tensor | null = null;
  /** With returnState: each direction's final states from the latest forward. */
  private statesForward: Tensor[] = [];
  private statesBackward: Tensor[] = [];
  /** With returnState, during a backward: the gradients of each direction's final states. */
  private dStatesForward: readonly (Tensor | null)[] = [];
  private dStatesBackward: readonly (Tensor | null)[] = [];

  constructor(options: BidirectionalOptions & { layer: BaseRNN<R> | SerializedLayer } = {} as BidirectionalOptions & { layer: BaseRNN<R> }) {
    super(options);
    const { layer, mergeMode = 'concat' } = options;
    if (!MERGE_MODES.includes(mergeMode)) {
      throw new ConfigError(`Bidirectional: mergeMode must be one of ${MERGE_MODES.map((m) => `'${m}'`).join(', ')}, got ${formatJson(mergeMode)}`);
    }
    this.mergeMode = mergeMode;
    this.layerConfig = serializedRecurrentLayer(layer);
    const config = this.layerConfig.config as Record<string, unknown>;
    const name = typeof config.name === 'string' ? config.name : this.layerConfig.className.toLowerCase();
    const copy = (prefix: string, goBackwards: boolean): BaseRNN => {
      const made = layers.create(this.layerConfig.className, { ...config, name: `${prefix}_${name}`, goBackwards }) as BaseRNN;
      made.zeroOutputForMask = made.returnSequences;
      return made;
    };
    this.forwardLayer = copy('forward', config.goBackwards === true);
    this.backwardLayer = copy('backward', config.goBackwards !== true);
  }

  /** `new Bidirectional(config)`: rebuilds a layer from {@link Bidirectional.getConfig}. */
  static fromConfig(config: BidirectionalConfig): Bidirectional<boolean> {
    return new Bidirectional<boolean>(config);
  }

  /** Whether a call also outputs both directions' final states (the wrapped layer's returnState). */
  get returnState(): R {
    return this.forwardLayer.returnState as R;
  }

  /** With returnState: the merged output, then the forward direction's final states, then the backward one's (Keras's order). */
  override get outputCount(): number {
    return 1 + 2 * (this.forwardLayer.outputCount - 1);
  }

  override computeOutputShapesOf(inputShapes: readonly Shape[]): Shape[] {
    const states = this.forwardLayer.computeOutputShapesOf(inputShapes).slice(1);
    return [this.computeOutputShapeOf(inputShapes), ...states, ...states];
  }

  override forwardOutputs(inputs: readonly Tensor[], training = false): Tensor[] {
    const y = this.forwardInputs(inputs, training);
    return [y, ...this.statesForward, ...this.statesBackward];
  }

  /** Backward with gradients for the final states too: each direction's go to its own backpropagation through time. */
  override backwardOutputs(dOuts: readonly (Tensor | null)[], needInputGradients: readonly boolean[]): MultiBackwardResult {
    const n = this.forwardLayer.outputCount - 1;
    this.dStatesForward = dOuts.slice(1, 1 + n);
    this.dStatesBackward = dOuts.slice(1 + n);
    try {
      return this.backwardInputs(dOuts[0] as Tensor, needInputGradients);
    } finally {
      this.dStatesForward = [];
      this.dStatesBackward = [];
    }
  }

  /** Masks go to both directions; with returnSequences the output keeps the input's mask. */
  override get supportsMasking(): boolean {
    return true;
  }

  override computeMask(inputs: readonly Tensor[], masks: readonly (Mask | null)[]): Mask | null {
    void inputs;
    return this.forwardLayer.returnSequences ? masks[0] ?? null : null;
  }

  /** `[batch, (time,) units]` of the wrapped layer, with the last axis doubled for concat. */
  computeOutputShape(inputShape: Shape): Shape {
    const shape = this.forwardLayer.computeOutputShape(inputShape);
    if (this.mergeMode !== 'concat') return shape;
    return [...shape.slice(0, -1), 2 * (shape[shape.length - 1] as number)];
  }

  override getConfig(): BidirectionalConfig {
    return { ...super.getConfig(), layer: { className: this.layerConfig.className, config: { ...this.layerConfig.config } }, mergeMode: this.mergeMode };
  }

  /** Both directions' weights, forward first, named `forward_<name>/<weight>` and `backward_<name>/<weight>`. */
  override params(): Param[] {
    return this.ownParams;
  }

  override trainableParams(): Param[] {
    return this.trainable ? this.ownParams : [];
  }

  override nonTrainableWeights(): NonTrainableWeight[] {
    return [];
  }

  override weightShapes(inputShape: Shape | null): WeightShape[] | null {
    const forward = this.forwardLayer.weightShapes(inputShape);
    const backward = this.backwardLayer.weightShapes(inputShape);
    if (forward === null || backward === null) return null;
    return [
      ...forward.map((w) => ({ weightName: `${this.forwardLayer.name}/${w.weightName}`, shape: w.shape })),
      ...backward.map((w) => ({ weightName: `${this.backwardLayer.name}/${w.weightName}`, shape: w.shape })),
    ];
  }

  override regularizationLoss(): number {
    return this.trainable ? this.forwardLayer.regularizationLoss() + this.backwardLayer.regularizationLoss() : 0;
  }

  /** Resets both directions' carried states (stateful layers). */
  resetStates(): void {
    this.forwardLayer.resetStates();
    this.backwardLayer.resetStates();
  }

  /** @internal Always throws: a Bidirectional layer cannot be shared by several calls in a graph. @throws ConfigError */
  override callInstance(inputShapes: readonly Shape[], index: number): Layer {
    void inputShapes;
    void index;
    throw new ConfigError(`${this.describe()}: a Bidirectional layer cannot be called twice in a graph; make one per call`);
  }

  override dispose(): void {
    this.forwardLayer.dispose();
    this.backwardLayer.dispose();
    disposeObject(this, this.describe(), [], ['describe', 'getConfig', 'constructorName']);
  }

  protected override inputSpec(inputShape: Shape): Shape {
    this.forwardLayer.computeOutputShape(inputShape);
    return [null, null, inputShape[2]];
  }

  /** Builds both directions and names their weights for this layer (the same tensors: the directions fill their gradients). */
  protected override afterBuild(inputShape: Shape, dtype: DType): void {
    this.forwardLayer.build(inputShape, dtype);
    this.backwardLayer.build(inputShape, dtype);
    const named = (inner: BaseRNN, direction: string): Param[] => inner.params().map((p) => ({ ...p, name: `${p.name}_${direction}`, weightName: `${inner.name}/${p.weightName}` }));
    // The same value and grad tensors under the wrapper's names, made once so the optimizer's per-parameter state stays keyed.
    this.ownParams = [...named(this.forwardLayer, 'forward'), ...named(this.backwardLayer, 'backward')];
  }

  /** Both directions over `x` (with the input's mask), the backward output flipped back in time with returnSequences, then the merge. */
  protected call(x: Tensor, training: boolean): Tensor {
    const mask = this.inputMask(0);
    this.forwardLayer.setInputMasks([mask]);
    this.backwardLayer.setInputMasks([mask]);
    let F: Tensor, yB: Tensor;
    if (this.returnState) {
      [F, ...this.statesForward] = this.forwardLayer.forwardOutputs([x], training);
      [yB, ...this.statesBackward] = this.backwardLayer.forwardOutputs([x], training);
    } else {
      // One output each: the plain forward, with no lists made per step.
      F = this.forwardLayer.forward(x, training);
      yB = this.backwardLayer.forward(x, training);
    }
    const B = this.flipTime(yB, 'yBackward');
    this.yForward = F;
    this.yBackward = B;
    const units = F.shape[F.shape.length - 1];
    const rows = F.size / units;
    const out = this.buffer('Y', this.mergeMode === 'concat' ? [...F.shape.slice(0, -1), 2 * units] : F.shape);
    const f = F.data, b = B.data, o = out.data;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < units; j++) {
        const i = r * units + j;
        switch (this.mergeMode) {
          case 'concat':
            o[r * 2 * units + j] = f[i];
            o[r * 2 * units + units + j] = b[i];
            break;
          case 'sum': o[i] = f[i] + b[i]; break;
          case 'mul': o[i] = f[i] * b[i]; break;
          case 'ave': o[i] = (f[i] + b[i]) / 2; break;
        }
      }
    }
    return out;
  }

  /** The merge's gradient to each direction (see the class comment), each direction's backward, and the sum of their input gradients. */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    const F = this.yForward as Tensor, B = this.yBackward as Tensor;
    const units = F.shape[F.shape.length - 1];
    const rows = F.size / units;
    const dF = this.buffer('dF', F.shape), dB = this.buffer('dB', F.shape);
    const d = dOut.data, o = dOut.offset;
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < units; j++) {
        const i = r * units + j;
        switch (this.mergeMode) {
          case 'concat':
            dF.data[i] = d[o + r * 2 * units + j];
            dB.data[i] = d[o + r * 2 * units + units + j];
            break;
          case 'sum': dF.data[i] = d[o + i]; dB.data[i] = d[o + i]; break;
          case 'mul': dF.data[i] = d[o + i] * B.data[i]; dB.data[i] = d[o + i] * F.data[i]; break;
          case 'ave': dF.data[i] = d[o + i] / 2; dB.data[i] = d[o + i] / 2; break;
        }
      }
    }
    const dBInTime = this.flipTime(dB, 'dBackwardInTime');
    const fromForward = this.returnState ? this.forwardLayer.backwardOutputs([dF, ...this.dStatesForward], [needDAPrev]).dInputs[0] : this.forwardLayer.backward(dF, needDAPrev).dAPrev;
    const fromBackward = this.returnState ? this.backwardLayer.backwardOutputs([dBInTime, ...this.dStatesBackward], [needDAPrev]).dInputs[0] : this.backwardLayer.backward(dBInTime, needDAPrev).dAPrev;
    if (!needDAPrev) return null;
    const dAPrev = this.buffer('dAPrev', (fromForward as Tensor).shape);
    const a = (fromForward as Tensor).data, c = (fromBackward as Tensor).data;
    for (let i = 0; i < dAPrev.size; i++) dAPrev.data[i] = a[i] + c[i];
    return dAPrev;
  }

  /** `y` with its time axis reversed into the buffer `key` when the output is a sequence; `y` itself otherwise. */
  private flipTime(y: Tensor, key: string): Tensor {
    if (!this.forwardLayer.returnSequences) return y;
    const [batch, steps, units] = y.shape;
    const out = this.buffer(key, y.shape);
    for (let b = 0; b < batch; b++) {
      for (let t = 0; t < steps; t++) {
        const src = y.offset + (b * steps + steps - 1 - t) * units, dst = (b * steps + t) * units;
        for (let j = 0; j < units; j++) out.data[dst + j] = y.data[src + j];
      }
    }
    return out;
  }
}

/** The `{ className, config }` of a recurrent layer given as a layer or in saved form. */
function serializedRecurrentLayer(identifier: unknown): SerializedLayer {
  if (isInstance(identifier, Layer)) {
    if (!(identifier instanceof BaseRNN)) throw new ConfigError(`Bidirectional: layer must be a recurrent layer (SimpleRNN, LSTM, GRU), got ${identifier.describe()}`);
    return { className: identifier.className, config: identifier.getConfig() };
  }
  if (!isReadableObject(identifier) || typeof identifier.className !== 'string') {
    throw new ConfigError(`Bidirectional: layer must be a recurrent layer or its saved { className, config }, got ${formatJson(identifier)}`);
  }
  const config = identifier.config ?? {};
  if (!isReadableObject(config)) throw new ConfigError(`Bidirectional: layer.config must be an object, got ${formatJson(config)}`);
  const made = layers.create(identifier.className, config as never);
  return serializedRecurrentLayer(made);
}
