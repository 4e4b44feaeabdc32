/**
 * {@link Graph}: the layers of a model in the order they run, and the two passes over them:
 * forward from the inputs to the outputs, backward from the outputs' gradients to the inputs.
 */
import { addInto, kernelZeros } from '../kernels';
import { ConfigError } from '../errors';
import { copyInto, toContiguous, type Shape, type Tensor } from '../tensor';
import type { Layer, MultiBackwardResult } from '../../layers/layer';
import type { Mask } from '../../layers/mask';
import type { LayerNode, SymbolicTensor } from '../../layers/symbolic-tensor';
import type { TrainStepObserver } from './train-step-observer';

/** One call of a layer in a {@link Graph}: which values it reads and which it writes. */
export interface GraphStep {
  /** The layer as the user built it (its weights are the ones trained and saved). */
  readonly layer: Layer;
  /**
   * The instance this call runs on: `layer` itself for its first call, and for each further
   * call of a shared layer an instance with the same weight values but its own caches and
   * gradient buffers (`Layer.callInstance`).
   */
  readonly callLayer: Layer;
  /** The value slots of the call's inputs. */
  readonly inputs: readonly number[];
  /** The value slot of its output (its first, for a layer of several). */
  readonly output: number;
  /** The value slots of all its outputs, `output` first: more than one for a recurrent layer with returnState (its final states follow). */
  readonly outputs: readonly number[];
}

/**
 * A model's layers as a list of calls in topological order over numbered value slots: slots
 * `0…inputs−1` hold the model's inputs, each step writes one more. A chain (Sequential) is
 * the graph where step `i` reads slot `i` and writes slot `i + 1`.
 */
export class Graph {
  /** The consumers of each slot: a slot read by more than one call gets its gradient summed. */
  private readonly uses: Int32Array;
  private readonly values: (Tensor | null)[];
  private readonly grads: (Tensor | null)[];
  /** Each slot's mask from the latest forward (`null`: unmasked), as Keras's `_keras_mask`. */
  private readonly masks: (Mask | null)[];
  /** Each step's input masks, in arrays reused from pass to pass. */
  private readonly stepMasks: (Mask | null)[][];
  private readonly sums = new Map<number, Tensor>();
  /** Each step's input values, in arrays reused from pass to pass. */
  private readonly stepInputs: Tensor[][];
  /** Which inputs of each step need a gradient: `[0]` when the data needs none, `[1]` when it does. */
  private readonly needs: readonly (readonly boolean[][])[];

  constructor(
    /** The calls in the order the forward pass runs them. */
    readonly steps: readonly GraphStep[],
    /** The slots of the model's inputs, in input order. */
    readonly inputSlots: readonly number[],
    /** The slots of the model's outputs, in output order. */
    readonly outputSlots: readonly number[],
    /** Every slot's shape with a `null` batch axis. */
    readonly shapes: readonly Shape[],
  ) {
    this.uses = new Int32Array(shapes.length);
    for (const step of steps) for (const slot of step.inputs) this.uses[slot]++;
    for (const slot of outputSlots) this.uses[slot]++;
    this.values = new Array(shapes.length).fill(null);
    this.grads = new Array(shapes.length).fill(null);
    this.masks = new Array(shapes.length).fill(null);
    this.stepMasks = steps.map((step) => new Array<Mask | null>(step.inputs.length).fill(null));
    this.stepInputs = steps.map((step) => new Array<Tensor>(step.inputs.length));
    const isData = (slot: number) => inputSlots.includes(slot);
    this.needs = [steps.map((step) => step.inputs.map((slot) => !isData(slot))), steps.map((step) => step.inputs.map(() => true))];
  }

  /** A chain of built layers on one input of `inputShape`: step `i` reads slot `i`. */
  static chain(layers: readonly Layer[], inputShape: Shape): Graph {
    const shapes: Shape[] = [inputShape];
    const steps = layers.map((layer, i) => {
      shapes.push(layer.computeOutputShape(shapes[i]));
      return { layer, callLayer: layer, inputs: [i], output: i + 1, outputs: [i + 1] };
    });
    return new Graph(steps, [0], [layers.length], shapes);
  }

  /**
   * The graph between symbolic `inputs` and `outputs` (Keras's functional model): every layer
   * call that an output depends on, in an order where each call comes after the calls it reads.
   * @throws ConfigError when an output depends on a symbolic tensor that is not among `inputs`.
   */
  static between(inputs: readonly SymbolicTensor[], outputs: readonly SymbolicTensor[]): Graph {
    const inputSlotOf = new Map<SymbolicTensor, number>();
    const shapes: Shape[] = [];
    inputs.forEach((t) => {
      inputSlotOf.set(t, shapes.length);
      shapes.push(t.shape);
    });
    const steps: GraphStep[] = [];
    /** The output slots of each call already placed: a call of several outputs is one step, whichever output is reached first. */
    const slotsOf = new Map<LayerNode, readonly number[]>();
    const callsSeen = new Map<Layer, number>();
    const visiting = new Set<LayerNode>();
    // Depth-first from each output: a call gets its slots once everything it reads has one.
    const visit = (t: SymbolicTensor): number => {
      const given = inputSlotOf.get(t);
      if (given !== undefined) return given;
      const known = slotsOf.get(t.node);
      if (known !== undefined) return known[t.outputIndex];
      if (t.node.inputs.length === 0) {
        throw new ConfigError(`Model: ${t.toString()} is an input of the graph that is not among the model's inputs; pass it in inputs`);
      }
      if (visiting.has(t.node)) throw new ConfigError(`Model: the graph has a cycle through ${t.toString()}`);
      visiting.add(t.node);
      const inputSlots = t.node.inputs.map(visit);
      visiting.delete(t.node);
      const layer = t.node.layer as Layer;
      const calls = callsSeen.get(layer) ?? 0;
      callsSeen.set(layer, calls + 1);
      const inputShapes = t.node.inputs.map((s) => s.shape);
      const callLayer = calls === 0 ? layer : layer.callInstance(inputShapes, calls);
      const slots = layer.computeOutputShapesOf(inputShapes).map((shape) => shapes.push(shape) - 1);
      slotsOf.set(t.node, slots);
      steps.push({ layer, callLayer, inputs: inputSlots, output: slots[0], outputs: slots });
      return slots[t.outputIndex];
    };
    const outputSlots = outputs.map(visit);
    return new Graph(steps, inputs.map((t) => inputSlotOf.get(t) as number), outputSlots, shapes);
  }

  /** The distinct layers, in the order of their first call. */
  get layers(): Layer[] {
    return [...new Set(this.steps.map((s) => s.layer))];
  }

  /** Every instance a call runs on: the layers, then the call instances of shared layers. */
  get callLayers(): Layer[] {
    return [...new Set(this.steps.map((s) => s.callLayer))];
  }

  /**
   * The forward pass: each call reads its inputs' values and writes its output, in order. With
   * `training` each layer caches what its backward needs. Returns the outputs' values, buffers
   * the layers own (valid until their next forward).
   *
   * Masks travel with the values (Keras's mask propagation): the model's inputs are unmasked,
   * each call gets its inputs' masks (`Layer.setInputMasks`) before its forward, and its
   * output's slot the mask `Layer.computeMask` returns after it ({@link Graph.outputMasks}).
   * While no slot has a mask (a model without `Embedding({ maskZero })` or `Masking`) this
   * costs a few assignments per call: every layer sees `null` masks and returns `null`.
   */
  forward(inputs: readonly Tensor[], training: boolean, observer: TrainStepObserver | null = null): Tensor[] {
    const values = this.values;
    const masks = this.masks;
    this.inputSlots.forEach((slot, k) => { values[slot] = inputs[k]; masks[slot] = null; });
    let anyMask = false;
    for (let s = 0; s < this.steps.length; s++) {
      const step = this.steps[s];
      const xs = this.stepInputs[s];
      const ms = this.stepMasks[s];
      for (let k = 0; k < xs.length; k++) xs[k] = values[step.inputs[k]] as Tensor;
      for (let k = 0; k < ms.length; k++) ms[k] = anyMask ? masks[step.inputs[k]] : null;
      step.callLayer.setInputMasks(ms);
      if (step.outputs.length > 1) {
        // A recurrent layer with returnState: its output, then its final states, each in its slot.
        const ys = step.callLayer.forwardOutputs(xs, training);
        const outMasks = step.callLayer.computeMasks(xs, ms);
        step.outputs.forEach((slot, k) => { values[slot] = ys[k]; masks[slot] = outMasks[k]; });
        if (outMasks.some((m) => m !== null)) anyMask = true;
        if (observer) observer.afterForward(step.layer, ys[0]);
        continue;
      }
      const y = step.callLayer.forwardInputs(xs, training);
      values[step.output] = y;
      const mask = step.callLayer.computeMask(xs, ms);
      masks[step.output] = mask;
      if (mask !== null) anyMask = true;
      if (observer) observer.afterForward(step.layer, y);
    }
    return this.outputSlots.map((slot) => values[slot] as Tensor);
  }

  /**
   * The masks of the model's outputs after the latest {@link Graph.forward}, in output order
   * (`null` for an unmasked output): `[batch, time]`, what the losses weight each step by.
   */
  outputMasks(): (Mask | null)[] {
    return this.outputSlots.map((slot) => this.masks[slot]);
  }

  /**
   * The backward pass, from `dOutputs` (`∂loss/∂output` per output, `null` for an output that no
   * loss reads) to the inputs: each call, last to first, turns the gradient of its output into
   * one for each of its inputs and fills its parameter gradients. Returns `∂loss/∂input` per
   * model input when `needInputGradients`, else `null`s (the data needs no gradient).
   */
  backward(dOutputs: readonly (Tensor | null)[], needInputGradients = false, observer: TrainStepObserver | null = null): (Tensor | null)[] {
    const grads = this.grads;
    grads.fill(null);
    this.outputSlots.forEach((slot, k) => { if (dOutputs[k]) this.receive(slot, dOutputs[k] as Tensor); });
    const needs = this.needs[needInputGradients ? 1 : 0];
    for (let s = this.steps.length - 1; s >= 0; s--) {
      const step = this.steps[s];
      const several = step.outputs.length > 1;
      const dOut = several ? this.firstOutputGradient(step) : grads[step.output];
      if (dOut === null) {
        // No loss depends on this call: its parameters get no gradient this step.
        for (const p of step.callLayer.params()) p.grad.data.fill(0, p.grad.offset, p.grad.offset + p.grad.size);
        continue;
      }
      const result: MultiBackwardResult = several
        ? step.callLayer.backwardOutputs(step.outputs.map((slot, k) => (k === 0 ? dOut : grads[slot])), needs[s])
        : step.callLayer.backwardInputs(dOut, needs[s]);
      if (observer) observer.afterBackward(step.layer, dOut, result);
      step.inputs.forEach((slot, k) => { if (result.dInputs[k]) this.receive(slot, result.dInputs[k] as Tensor); });
    }
    // A shared layer's calls each filled their own gradients; the layer's gradient is their sum.
    for (const step of this.steps) {
      if (step.callLayer === step.layer) continue;
      const own = step.layer.params();
      step.callLayer.params().forEach((p, i) => addInto(own[i].grad, p.grad));
    }
    return this.inputSlots.map((slot) => (needInputGradients ? grads[slot] : null));
  }

  /**
   * The gradient of the first output of a call of several outputs: the one that arrived, or
   * zeros when only its states feed a loss (`∂L/∂output = 0`), or `null` when none of its
   * outputs does.
   */
  private firstOutputGradient(step: GraphStep): Tensor | null {
    const arrived = this.grads[step.output];
    if (arrived !== null) return arrived;
    if (step.outputs.every((slot) => this.grads[slot] === null)) return null;
    const zero = this.sumBuffer(step.output, this.values[step.output] as Tensor);
    zero.data.fill(0, zero.offset, zero.offset + zero.size);
    return zero;
  }

  /**
   * Adds one gradient arriving at `slot`. A value that feeds several calls (fan-out) gets the
   * sum of their gradients, by the chain rule's sum over paths: `∂L/∂a = Σ_c ∂L/∂c · ∂c/∂a`
   * over the calls `c` that read `a`. It is summed in a buffer of the graph's own, since the
   * arriving tensors belong to the layers that returned them.
   */
  private receive(slot: number, g: Tensor): void {
    const current = this.grads[slot];
    if (this.uses[slot] <= 1 && current === null) {
      this.grads[slot] = g;
      return;
    }
    if (current === null) {
      this.grads[slot] = copyInto(this.sumBuffer(slot, g), toContiguous(g));
      return;
    }
    addInto(current, toContiguous(g));
  }

  /** The graph's reused summing buffer for `slot`, sized like `g`. */
  private sumBuffer(slot: number, g: Tensor): Tensor {
    const existing = this.sums.get(slot);
    if (existing && existing.shape.length === g.shape.length && existing.shape.every((d, i) => d === g.shape[i]) && existing.data.constructor === g.data.constructor) return existing;
    const buffer = kernelZeros(g.shape, g.data instanceof Float64Array ? 'float64' : 'float32');
    this.sums.set(slot, buffer);
    return buffer;
  }
}
