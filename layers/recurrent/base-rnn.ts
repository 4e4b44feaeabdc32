/**
 * {@link BaseRNN}: the time loop that {@link SimpleRNN}, {@link LSTM} and {@link GRU} share,
 * forward through the steps and back through them again (backpropagation through time).
 */
import { formatJson, isArray } from '../../lib/checks';
import { ConfigError, ShapeError } from '../../lib/errors';
import { getInitializer, serializeInitializer, type Initializer } from '../../lib/initializers';
import { addBias, matmul, sumColumns } from '../../lib/kernels';
import { getGlobalRandom, Random, type RandomState } from '../../lib/random';
import { getRegularizer, serializeRegularizer, type Regularizer } from '../../lib/regularizers';
import { formatShape, type DType, type Shape, type Tensor } from '../../lib/tensor';
import { Layer, type ApplyOutput, type MultiBackwardResult, type Param } from '../layer';
import type { SymbolicTensor } from '../symbolic-tensor';
import { asRows } from '../last-axis-input';
import type { Mask } from '../mask';
import { checkBoolean, checkRate, type RNNConfig, type RNNOptions, type StepSizes } from './rnn-options';
import { getStepActivation, type StepActivation } from './step-activation';
import { drawKeepMask, fromStepOrder, maskInStepOrder, toStepOrder } from './step-order';

export type { RNNConfig, RNNOptions, StepSizes } from './rnn-options';

/**
 * The base of the recurrent layers. For input `X` of shape `[batch, time, features]` it runs
 * the cell over the steps `s = 0 … T−1` (time `t = s`, or `t = T−1−s` with `goBackwards`):
 * the input part of every gate for all steps at once, `XW = X·W + b` (one GEMM over
 * `[batch·time, features]`), then per step the recurrent part `h_{s−1}·U` (one GEMM of
 * `[batch, units]` by `[units, k·units]`) and the cell's gates (`k` = 1, 3 or 4 gates).
 *
 * Backward is backpropagation through time: from the last step to the first, the gradient of
 * the state after step `s` (from the output at `s` and from step `s+1`) gives the gradient of
 * every gate's pre-activation `dZ_s`, which gives the state gradient before step `s` through
 * `dZ_s·Uᵀ`. Once all `dZ` are known, the weight gradients are whole-sequence GEMMs:
 * `dW = Xᵀ·dZ`, `dU = H_prevᵀ·dZ` (`H_prev` the states before each step), `db = Σ dZ`, and
 * `dAPrev = dZ·Wᵀ`. A masked step (mask 0) carries the state over unchanged: its `dZ` is 0 and
 * the state gradient passes through it.
 *
 * Input: `[batch, time, features]`. Output: `[batch, units]`, or `[batch, time, units]` with
 * `returnSequences`. Weights as Keras: `kernel` `[features, k·units]`, `recurrent_kernel`
 * `[units, k·units]`, `bias` `[k·units]`, the gates side by side in Keras's order.
 */
export abstract class BaseRNN<R extends boolean = boolean> extends Layer {
  static override readonly optionKeys: readonly string[] = [
    'units', 'activation', 'useBias', 'kernelInitializer', 'recurrentInitializer', 'biasInitializer', 'kernelRegularizer',
    'recurrentRegularizer', 'biasRegularizer', 'dropout', 'recurrentDropout', 'returnSequences', 'returnState', 'goBackwards',
    'stateful', 'unroll', 'zeroOutputForMask', 'seed',
  ];

  /** The state size. */
  readonly units: number;
  /** The candidate activation. */
  readonly activation: StepActivation;
  /** Whether the layer has biases. */
  readonly useBias: boolean;
  /** How `W` starts. */
  readonly kernelInitializer: Initializer;
  /** How `U` starts. */
  readonly recurrentInitializer: Initializer;
  /** How the bias starts. */
  readonly biasInitializer: Initializer;
  /** The penalty on `W`, or `null`. */
  readonly kernelRegularizer: Regularizer | null;
  /** The penalty on `U`, or `null`. */
  readonly recurrentRegularizer: Regularizer | null;
  /** The penalty on the bias, or `null`. */
  readonly biasRegularizer: Regularizer | null;
  /** The input dropout rate. */
  readonly dropout: number;
  /** The recurrent dropout rate. */
  readonly recurrentDropout: number;
  /** Whether the output is the whole sequence. */
  readonly returnSequences: boolean;
  /** Whether a call also outputs the final states (then `apply` returns a list). */
  readonly returnState: R;
  /** Whether the sequence runs from its end. */
  readonly goBackwards: boolean;
  /** Whether the final states carry over to the next batch. */
  readonly stateful: boolean;
  /** Accepted for Keras compatibility. */
  readonly unroll: boolean;
  /** Whether masked steps output zeros. */
  zeroOutputForMask: boolean;
  /** The own dropout seed, or `undefined`. */
  readonly seed: number | undefined;

  /** The number of gates side by side in the kernels (1 SimpleRNN, 3 GRU, 4 LSTM). */
  protected abstract readonly gateCount: number;
  /** The number of states: 1 (`h`), or 2 for LSTM (`h`, `c`); with returnState a call outputs them after its output. */
  abstract readonly stateCount: 1 | 2;

  /** `W: [features, k·units]`. */
  protected W: Param | null = null;
  /** `U: [units, k·units]`. */
  protected U: Param | null = null;
  /** The bias, or `null`. */
  protected b: Param | null = null;

  /** The sizes of the latest forward. */
  protected sizes: StepSizes = { batch: 0, steps: 0, features: 0, units: 0 };
  /** The input in step order (reversed with goBackwards) after input dropout, `[batch, time, features]`. */
  protected xs: Tensor | null = null;
  /** `XW = xs·W (+ input bias)`, `[batch, time, k·units]`. */
  protected XW: Tensor | null = null;
  /** Per state, the value before each step, `[batch, time, units]`. */
  protected before: Tensor[] = [];
  /** Per state, the value after the last step, `[batch, units]`. */
  protected last: Tensor[] = [];
  /** `h` before each step as the recurrent product sees it (after recurrent dropout), `[batch, time, units]`. */
  protected hRecurrent: Tensor | null = null;
  /** The mask in step order (`[batch·time]`, 1 = data), or `null`. */
  protected stepMask: Uint8Array | null = null;
  /** `dZ`: the gradient of each gate's pre-activation on the input side, `[batch, time, k·units]`. */
  protected dZ: Tensor | null = null;
  /** Per state, the gradient of the state after the current step while backward runs, `[batch, units]`. */
  protected dState: Tensor[] = [];

  private rng: Random | null = null;
  private inputKeep: Float64Array | null = null;
  private maskBuffer: Uint8Array | null = null;
  private recurrentKeep: Float64Array | null = null;
  private carried: Tensor[] | null = null;
  /** Whether the calls give the initial states as inputs after the sequence (`apply([x, h0])`, `apply([x, h0, c0])`). */
  private statesAsInputs = false;
  /** The gradients of the final states during a backward with returnState (`null` entries: no gradient). */
  private finalStateGradients: readonly (Tensor | null)[] | null = null;
  /** The initial states of the current call, when given as inputs. */
  private givenStates: readonly Tensor[] | null = null;
  private inputShapeSeen: readonly number[] = [];

  constructor(options: RNNOptions) {
    super(options);
    const owner = this.className;
    const {
      units, activation = 'tanh', useBias = true, kernelInitializer = 'glorotUniform', recurrentInitializer = 'orthogonal',
      biasInitializer = 'zeros', dropout = 0, recurrentDropout = 0, returnSequences = false, returnState = false,
      goBackwards = false, stateful = false, unroll = false, zeroOutputForMask = false, seed,
    } = options;
    if (typeof units !== 'number' || !Number.isInteger(units) || units <= 0) {
      throw new ConfigError(`${owner}: units must be a positive integer, got ${typeof units === 'number' ? String(units) : formatJson(units)}`);
    }
    if (seed !== undefined && (typeof seed !== 'number' || !Number.isFinite(seed))) {
      throw new ConfigError(`${owner}: seed must be a finite number, got ${formatJson(seed)}`);
    }
    this.units = units;
    this.activation = getStepActivation(activation, owner, 'activation');
    this.useBias = checkBoolean(useBias, owner, 'useBias');
    this.kernelInitializer = getInitializer(kernelInitializer, owner);
    this.recurrentInitializer = getInitializer(recurrentInitializer, owner);
    this.biasInitializer = getInitializer(biasInitializer, owner);
    this.kernelRegularizer = options.kernelRegularizer === undefined ? null : getRegularizer(options.kernelRegularizer, owner);
    this.recurrentRegularizer = options.recurrentRegularizer === undefined ? null : getRegularizer(options.recurrentRegularizer, owner);
    this.biasRegularizer = options.biasRegularizer === undefined ? null : getRegularizer(options.biasRegularizer, owner);
    this.dropout = checkRate(dropout, owner, 'dropout');
    this.recurrentDropout = checkRate(recurrentDropout, owner, 'recurrentDropout');
    this.returnSequences = checkBoolean(returnSequences, owner, 'returnSequences');
    this.returnState = checkBoolean(returnState, owner, 'returnState') as R;
    this.goBackwards = checkBoolean(goBackwards, owner, 'goBackwards');
    this.stateful = checkBoolean(stateful, owner, 'stateful');
    this.unroll = checkBoolean(unroll, owner, 'unroll');
    this.zeroOutputForMask = checkBoolean(zeroOutputForMask, owner, 'zeroOutputForMask');
    this.seed = seed;
  }

  /**
   * The recurrent layers consume the mask; with `returnSequences` the output carries the input's
   * mask on, as Keras's and TensorFlow.js's do (also with goBackwards, whose output steps are in
   * reversed order: both frameworks pass the mask unreversed).
   */
  override get supportsMasking(): boolean {
    return true;
  }

  override computeMask(inputs: readonly Tensor[], masks: readonly (Mask | null)[]): Mask | null {
    void inputs;
    return this.returnSequences ? masks[0] ?? null : null;
  }

  /** True once the layer was called with its initial states as inputs (see {@link BaseRNN.apply}). */
  override get takesInputList(): boolean {
    return this.statesAsInputs;
  }

  /**
   * Calls the layer in a graph. Given a list, the first is the sequence and the rest are the
   * initial states (`[x, h0]`; `[x, h0, c0]` for LSTM), each `[batch, units]`, as Keras's
   * `initial_state` and TensorFlow.js's list input: the first step starts from them instead of
   * zeros, and backward returns their gradients (the state gradient before step 0).
   * @throws ConfigError for a list of another length.
   */
  override apply(inputs: SymbolicTensor | readonly SymbolicTensor[]): ApplyOutput<this> {
    if (isArray(inputs) && inputs.length > 1) {
      if (inputs.length !== 1 + this.stateCount) {
        throw new ConfigError(`${this.describe()}.apply: takes the sequence and ${this.stateCount} initial state${this.stateCount > 1 ? 's' : ''} ([x, ${this.stateCount > 1 ? 'h0, c0' : 'h0'}]), got a list of ${inputs.length}`);
      }
      this.statesAsInputs = true;
    }
    return super.apply(inputs);
  }

  override buildInputs(inputShapes: readonly Shape[], dtype: DType = 'float32'): void {
    this.checkStateShapes(inputShapes);
    if (inputShapes.length > 1) this.statesAsInputs = true;
    this.build(inputShapes[0], dtype);
  }

  override computeOutputShapeOf(inputShapes: readonly Shape[]): Shape {
    this.checkStateShapes(inputShapes);
    return this.computeOutputShape(inputShapes[0]);
  }

  /** With returnState: the output, then each final state (`h`; `h`, `c` for LSTM), `[batch, units]`. */
  override get outputCount(): number {
    return this.returnState ? 1 + this.stateCount : 1;
  }

  override computeOutputShapesOf(inputShapes: readonly Shape[]): Shape[] {
    const output = this.computeOutputShapeOf(inputShapes);
    if (!this.returnState) return [output];
    return [output, ...Array.from({ length: this.stateCount }, (): Shape => [inputShapes[0][0], this.units])];
  }

  /**
   * The output and, with returnState, the final states: the states after the last step, which
   * at masked final steps are the carried ones (never zeroed, also with zeroOutputForMask).
   */
  override forwardOutputs(inputs: readonly Tensor[], training = false): Tensor[] {
    const y = this.forwardInputs(inputs, training);
    return this.returnState ? [y, ...this.last] : [y];
  }

  /**
   * Backward with a gradient for each final state too: backpropagation through time starts
   * from them, `dState = ∂L/∂state_T` (0 where `null`), instead of zeros, and adds the output's
   * gradient as usual.
   */
  override backwardOutputs(dOuts: readonly (Tensor | null)[], needInputGradients: readonly boolean[]): MultiBackwardResult {
    this.finalStateGradients = dOuts.slice(1);
    try {
      return this.backwardInputs(dOuts[0] as Tensor, needInputGradients);
    } finally {
      this.finalStateGradients = null;
    }
  }

  /** The sequence, then the initial states when the layer takes them as inputs. */
  override forwardInputs(inputs: readonly Tensor[], training = false): Tensor {
    if (inputs.length === 1) return super.forwardInputs(inputs, training);
    this.checkStateShapes(inputs.map((t) => t.shape));
    this.givenStates = inputs.slice(1);
    try {
      return this.forward(inputs[0], training);
    } finally {
      this.givenStates = null;
    }
  }

  /** With initial states as inputs, their gradients are the state gradients before the first step. */
  override backwardInputs(dOut: Tensor, needInputGradients: readonly boolean[]): MultiBackwardResult {
    if (needInputGradients.length === 1) return super.backwardInputs(dOut, needInputGradients);
    const { dAPrev, grads } = this.backward(dOut, needInputGradients[0]);
    return { dInputs: [dAPrev, ...this.dState.map((d, k) => (needInputGradients[k + 1] ? d : null))], grads };
  }

  /** Input: `[batch, time, features]`. Output: `[batch, units]`, or `[batch, time, units]` with returnSequences. */
  computeOutputShape(inputShape: Shape): Shape {
    this.sequenceInputSpec(inputShape);
    return this.returnSequences ? [inputShape[0], inputShape[1], this.units] : [inputShape[0], this.units];
  }

  override getConfig(): RNNConfig {
    const config: RNNConfig = {
      ...super.getConfig(),
      units: this.units,
      activation: this.activation.name,
      useBias: this.useBias,
      kernelInitializer: serializeInitializer(this.kernelInitializer),
      recurrentInitializer: serializeInitializer(this.recurrentInitializer),
      biasInitializer: serializeInitializer(this.biasInitializer),
      dropout: this.dropout,
      recurrentDropout: this.recurrentDropout,
      returnSequences: this.returnSequences,
      returnState: this.returnState,
      goBackwards: this.goBackwards,
      stateful: this.stateful,
      unroll: this.unroll,
      zeroOutputForMask: this.zeroOutputForMask,
    };
    if (this.kernelRegularizer) config.kernelRegularizer = serializeRegularizer(this.kernelRegularizer);
    if (this.recurrentRegularizer) config.recurrentRegularizer = serializeRegularizer(this.recurrentRegularizer);
    if (this.biasRegularizer) config.biasRegularizer = serializeRegularizer(this.biasRegularizer);
    if (this.seed !== undefined) config.seed = this.seed;
    return config;
  }

  /** Keras's `reset_states`: the carried states of a stateful layer go back to zeros (nothing to do otherwise). */
  resetStates(): void {
    if (this.carried) for (const s of this.carried) s.data.fill(0);
  }

  /** The dropout generator's state, to restore with {@link BaseRNN.setRandomState} (for a repeatable training forward). */
  getRandomState(): RandomState {
    return this.generator().getState();
  }

  /** Restores the dropout generator from {@link BaseRNN.getRandomState}. */
  setRandomState(state: RandomState): void {
    this.generator().setState(state);
  }

  protected override inputSpec(inputShape: Shape): Shape {
    return this.sequenceInputSpec(inputShape);
  }

  /** Only the sequence is checked against the build's shape; the initial states are `[batch, units]` (checked in computeOutputShapeOf). */
  protected override shapesBuiltFor(inputShapes: readonly Shape[]): readonly Shape[] {
    return inputShapes.slice(0, 1);
  }

  /** Declares `kernel` `W: [features, k·units]`, `recurrent_kernel` `U: [units, k·units]` and, with useBias, `bias` of {@link BaseRNN.biasShape}. */
  protected override createParams(inputShape: Shape, dtype: DType): void {
    void dtype;
    const features = inputShape[inputShape.length - 1];
    const width = this.gateCount * this.units;
    this.W = this.addWeight('kernel', [features, width], this.kernelInitializer, { mathName: 'W', regularizer: this.kernelRegularizer });
    this.U = this.addWeight('recurrent_kernel', [this.units, width], this.recurrentInitializer, { mathName: 'U', regularizer: this.recurrentRegularizer });
    this.b = this.useBias ? this.addWeight('bias', this.biasShape(), this.biasStart(), { mathName: 'b', regularizer: this.biasRegularizer }) : null;
  }

  protected override afterBuild(inputShape: Shape, dtype: DType): void {
    void inputShape;
    void dtype;
    this.generator();
  }

  /** The bias's shape: `[k·units]`. */
  protected biasShape(): number[] {
    return [this.gateCount * this.units];
  }

  /** How the bias starts: the bias initializer (LSTM's unitForgetBias overrides). */
  protected biasStart(): Initializer {
    return this.biasInitializer;
  }

  /** The part of the bias added to `XW` (the whole bias; GRU with resetAfter: its input row). */
  protected inputBias(): Tensor | null {
    return this.b ? this.b.value : null;
  }

  /** One step of the cell forward: reads the states before step `s` and writes those after it (see {@link BaseRNN.stateAfter}). */
  protected abstract forwardStep(s: number): void;

  /**
   * One step of the cell backward: from {@link BaseRNN.dState} (the gradient of the states
   * after step `s`) writes `dZ` at step `s` and replaces `dState` by the gradient of the
   * states before step `s`.
   */
  protected abstract backwardStep(s: number): void;

  /** `dU = H_prevᵀ·dZ` over all steps at once, and the bias gradient `db = Σ dZ` (GRU overrides both). */
  protected recurrentAndBiasGradients(): void {
    matmul((this.U as Param).grad, asRows(this.hRecurrent as Tensor).transpose(1, 0), asRows(this.dZ as Tensor));
    if (this.b) sumColumns(this.b.grad, asRows(this.dZ as Tensor));
  }

  /** The state `k` before step `s`: a `[batch, units]` view. */
  protected stateBefore(k: number, s: number): Tensor {
    return this.before[k].pick(null, s, null);
  }

  /** Where step `s` writes state `k`: the next step's "before" view, or the last state after the final step. */
  protected stateAfter(k: number, s: number): Tensor {
    return s + 1 < this.sizes.steps ? this.before[k].pick(null, s + 1, null) : this.last[k];
  }

  /** `h` before step `s` as the recurrent product sees it (`h ⊙ recurrent-dropout mask`): a `[batch, units]` view. */
  protected recurrentInput(s: number): Tensor {
    const h = this.stateBefore(0, s);
    if (!this.recurrentKeep) return h;
    const out = (this.hRecurrent as Tensor).pick(null, s, null);
    const { batch, units } = this.sizes;
    const keep = this.recurrentKeep;
    for (let bi = 0; bi < batch; bi++) {
      const src = h.offset + bi * h.stride[0];
      const dst = out.offset + bi * out.stride[0];
      for (let j = 0; j < units; j++) out.data[dst + j] = h.data[src + j] * keep[bi * units + j];
    }
    return out;
  }

  /**
   * `dh_prev += (dZ_s·Uᵀ) ⊙ recurrent-dropout mask`: the gradient of `h` before step `s`
   * through the recurrent product `h·U` (0 for masked samples, whose `dZ_s` is 0).
   */
  protected addRecurrentGradient(s: number, dZ: Tensor): void {
    const { batch, units } = this.sizes;
    const back = this.buffer('dhRecurrent', [batch, units]);
    matmul(back, dZ.pick(null, s, null), (this.U as Param).value.transpose(1, 0));
    const dh = this.dState[0].data;
    const keep = this.recurrentKeep;
    for (let b = 0; b < batch; b++) {
      for (let j = 0; j < units; j++) dh[b * units + j] += back.data[b * units + j] * (keep ? keep[b * units + j] : 1);
    }
  }

  /** The recurrent-dropout factor of unit `j` of sample `b`: the state's gradient through the recurrent product is multiplied by it (1 without recurrent dropout). */
  protected keepAt(b: number, j: number): number {
    return this.recurrentKeep ? this.recurrentKeep[b * this.units + j] : 1;
  }

  /** Whether step `s` of sample `b` is data (1) or masked padding (0). */
  protected isData(b: number, s: number): boolean {
    return this.stepMask === null || this.stepMask[b * this.sizes.steps + s] === 1;
  }

  /**
   * Forward: the input in step order, dropout, `XW = X·W + b` for all steps, the initial
   * states (zeros, or the carried ones when stateful), the steps, and the output.
   */
  protected call(x: Tensor, training: boolean): Tensor {
    const [batch, steps, features] = x.shape;
    if (steps === 0) throw new ShapeError(`${this.describe()}: the sequence is empty: expected [batch, time ≥ 1, ${features}], got ${formatShape(x.shape)}`);
    const { units } = this;
    const width = this.gateCount * units;
    this.sizes = { batch, steps, features, units };
    this.inputShapeSeen = x.shape;
    // Dropout: one keep-mask per sample for the whole sequence (training only).
    this.inputKeep = training ? drawKeepMask(this.generator(), this.dropout, batch * features, this.inputKeep) : null;
    this.recurrentKeep = training ? drawKeepMask(this.generator(), this.recurrentDropout, batch * units, this.recurrentKeep) : null;
    this.xs = this.goBackwards || this.inputKeep ? toStepOrder(this.buffer('xs', x.shape), x, this.goBackwards, this.inputKeep) : x;
    this.stepMask = this.stepOrderMask(batch, steps);
    const XW = this.buffer('XW', [batch, steps, width]);
    matmul(asRows(XW), asRows(this.xs), (this.W as Param).value);
    const bias = this.inputBias();
    if (bias) addBias(asRows(XW), asRows(XW), bias);
    this.XW = XW;
    this.before = [];
    this.last = [];
    for (let k = 0; k < this.stateCount; k++) {
      this.before.push(this.buffer(`before${k}`, [batch, steps, units]));
      this.last.push(this.buffer(`last${k}`, [batch, units]));
    }
    this.hRecurrent = this.recurrentKeep ? this.buffer('hRecurrent', [batch, steps, units]) : this.before[0];
    this.setInitialStates(batch);
    for (let s = 0; s < steps; s++) this.forwardStep(s);
    if (this.stateful) for (let k = 0; k < this.stateCount; k++) (this.carried as Tensor[])[k].data.set(this.last[k].data);
    return this.output(batch, steps);
  }

  /**
   * Backward through time: `dState` starts at 0; at each step from the last, the output's
   * gradient at that step is added to `dh` (every step with returnSequences, else the last),
   * then the cell's step turns the gradient after the step into `dZ_s` and the gradient before
   * it. The weight gradients and `dAPrev` follow as whole-sequence GEMMs.
   */
  protected backprop(dOut: Tensor, needDAPrev: boolean): Tensor | null {
    const { batch, steps, units, features } = this.sizes;
    const width = this.gateCount * units;
    this.dZ = this.buffer('dZ', [batch, steps, width]);
    this.dState = [];
    for (let k = 0; k < this.stateCount; k++) {
      const d = this.buffer(`dState${k}`, [batch, units]);
      // ∂L/∂state after the last step: from a loss on the returned state (returnState), else 0.
      const given = this.finalStateGradients?.[k] ?? null;
      if (given === null) d.data.fill(0);
      else for (let b = 0; b < batch; b++) for (let j = 0; j < units; j++) d.data[b * units + j] = given.data[given.offset + b * given.stride[0] + j * given.stride[1]];
      this.dState.push(d);
    }
    const dh = this.dState[0].data;
    for (let s = steps - 1; s >= 0; s--) {
      if (this.returnSequences || s === steps - 1) {
        for (let b = 0; b < batch; b++) {
          if (this.zeroOutputForMask && !this.isData(b, s)) continue; // a zeroed output does not depend on the state
          const src = this.returnSequences ? (b * steps + s) * units : b * units;
          for (let j = 0; j < units; j++) dh[b * units + j] += dOut.data[dOut.offset + src + j];
        }
      }
      this.backwardStep(s);
    }
    // ∂L/∂W = xsᵀ·dZ and ∂L/∂U = H_prevᵀ·dZ: every step's contribution in one product each.
    matmul((this.W as Param).grad, asRows(this.xs as Tensor).transpose(1, 0), asRows(this.dZ));
    this.recurrentAndBiasGradients();
    if (!needDAPrev) return null;
    // ∂L/∂xs = dZ·Wᵀ, then through the input dropout (× the same mask) and back to time order.
    const dXs = this.buffer('dXs', [batch, steps, features]);
    matmul(asRows(dXs), asRows(this.dZ), (this.W as Param).value.transpose(1, 0));
    return fromStepOrder(this.buffer('dAPrev', this.inputShapeSeen), dXs, this.goBackwards, this.inputKeep);
  }

  /** Input `[batch, time, features]` with any number of steps (Keras's `timesteps = None`) and the build's feature count. */
  private sequenceInputSpec(inputShape: Shape): Shape {
    if (inputShape.length !== 3) {
      throw new ShapeError(`${this.describe()}: input must have rank 3 [batch, time, features]: got ${formatShape(inputShape)}`);
    }
    return [null, null, inputShape[2]];
  }

  private generator(): Random {
    this.rng ??= new Random(this.seed ?? getGlobalRandom().nextSeed());
    return this.rng;
  }

  /** The input mask in step order, `[batch·time]` (1 = data), or `null`. */
  private stepOrderMask(batch: number, steps: number): Uint8Array | null {
    const mask = this.inputMask(0);
    if (mask === null) return null;
    if (mask.shape.length !== 2 || mask.shape[0] !== batch || mask.shape[1] !== steps) {
      throw new ShapeError(`${this.describe()}: the mask must be [batch, time] = [${batch}, ${steps}], got ${formatShape(mask.shape)}`);
    }
    // Reused while the shape stays, so a masked training step allocates nothing after the first.
    if (this.maskBuffer === null || this.maskBuffer.length !== batch * steps) this.maskBuffer = new Uint8Array(batch * steps);
    return maskInStepOrder(this.maskBuffer, mask, this.goBackwards);
  }

  /** @throws ShapeError unless a call's inputs are the sequence and, when taken, `stateCount` states of `[batch, units]`. */
  private checkStateShapes(shapes: readonly Shape[]): void {
    if (shapes.length !== 1 && shapes.length !== 1 + this.stateCount) {
      throw new ConfigError(`${this.describe()}: takes the sequence, and optionally its ${this.stateCount} initial state(s), got ${shapes.length} inputs`);
    }
    for (const shape of shapes.slice(1)) {
      if (shape.length !== 2 || (shape[1] !== null && shape[1] !== this.units) || (shapes[0][0] !== null && shape[0] !== null && shape[0] !== shapes[0][0])) {
        throw new ShapeError(`${this.describe()}: an initial state must be [batch, units] = ${formatShape([shapes[0][0], this.units])}, got ${formatShape(shape)}`);
      }
    }
  }

  /** Writes the states before step 0: the given initial states, zeros, or a stateful layer's carried states. */
  private setInitialStates(batch: number): void {
    if (this.givenStates) {
      this.givenStates.forEach((state, k) => {
        const first = this.stateBefore(k, 0);
        for (let b = 0; b < batch; b++) {
          const dst = first.offset + b * first.stride[0], src = state.offset + b * state.stride[0];
          for (let j = 0; j < this.units; j++) first.data[dst + j] = state.data[src + j * state.stride[1]];
        }
      });
      if (this.stateful) this.carried ??= Array.from({ length: this.stateCount }, (_, k) => this.buffer(`carried${k}`, [batch, this.units]));
      return;
    }
    if (this.stateful) {
      if (this.carried && this.carried[0].shape[0] !== batch) {
        throw new ShapeError(`${this.describe()}: a stateful layer needs the same batch size in every call: expected ${this.carried[0].shape[0]}, got ${batch} (call resetStates() on a new model, or keep the batch size)`);
      }
      this.carried ??= Array.from({ length: this.stateCount }, (_, k) => this.buffer(`carried${k}`, [batch, this.units]));
    }
    for (let k = 0; k < this.stateCount; k++) {
      const first = this.stateBefore(k, 0);
      const carried = this.carried?.[k];
      for (let b = 0; b < batch; b++) {
        const dst = first.offset + b * first.stride[0];
        for (let j = 0; j < this.units; j++) first.data[dst + j] = carried ? carried.data[b * this.units + j] : 0;
      }
    }
  }

  /** `[batch, time, units]` of every step's `h` (zeros at masked steps with zeroOutputForMask), or the last step's `[batch, units]`. */
  private output(batch: number, steps: number): Tensor {
    const { units } = this;
    if (!this.returnSequences) {
      if (!this.zeroOutputForMask || this.stepMask === null) return this.last[0];
      const y = this.buffer('Y', [batch, units]);
      for (let b = 0; b < batch; b++) {
        const on = this.isData(b, steps - 1) ? 1 : 0;
        for (let j = 0; j < units; j++) y.data[b * units + j] = on * this.last[0].data[b * units + j];
      }
      return y;
    }
    const y = this.buffer('Y', [batch, steps, units]);
    for (let s = 0; s < steps; s++) {
      const h = this.stateAfter(0, s);
      for (let b = 0; b < batch; b++) {
        const zero = this.zeroOutputForMask && !this.isData(b, s);
        const src = h.offset + b * h.stride[0];
        const dst = (b * steps + s) * units;
        for (let j = 0; j < units; j++) y.data[dst + j] = zero ? 0 : h.data[src + j];
      }
    }
    return y;
  }
}
