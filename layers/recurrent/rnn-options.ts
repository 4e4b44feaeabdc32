/** The options every recurrent layer takes ({@link RNNOptions}), their saved form, and their checks. */
import { formatJson } from '../../lib/checks';
import { ConfigError } from '../../lib/errors';
import type { InitializerIdentifier, SerializedInitializer } from '../../lib/initializers';
import type { RegularizerIdentifier, SerializedRegularizer } from '../../lib/regularizers';
import type { LayerConfig, LayerOptions } from '../layer';
import type { StepActivationKerasName, StepActivationName } from './step-activation';

/** Options every recurrent layer takes (Keras 3's names and defaults). */
export interface RNNOptions extends LayerOptions {
  /** The size of the state `h` (and of `c` for LSTM); a positive integer. */
  units: number;
  /** The activation of the candidate state (and of `c` in LSTM's output): `'tanh'`, `'sigmoid'`, `'hard_sigmoid'`, `'relu'`, `'softsign'` or `'linear'`. @defaultValue 'tanh' */
  activation?: StepActivationName;
  /** Whether to add the biases. @defaultValue true */
  useBias?: boolean;
  /** How the input kernel `W` starts. @defaultValue 'glorotUniform' */
  kernelInitializer?: InitializerIdentifier;
  /** How the recurrent kernel `U` starts. @defaultValue 'orthogonal' */
  recurrentInitializer?: InitializerIdentifier;
  /** How the bias starts. @defaultValue 'zeros' */
  biasInitializer?: InitializerIdentifier;
  /** A penalty on `W`. @defaultValue none */
  kernelRegularizer?: RegularizerIdentifier;
  /** A penalty on `U`. @defaultValue none */
  recurrentRegularizer?: RegularizerIdentifier;
  /** A penalty on the bias. @defaultValue none */
  biasRegularizer?: RegularizerIdentifier;
  /** The fraction of input features dropped in training (one mask per sample, the same at every step, as Keras). @defaultValue 0 */
  dropout?: number;
  /** The fraction of the state's units dropped from the recurrent product in training (one mask per sample for all steps). @defaultValue 0 */
  recurrentDropout?: number;
  /** Return the output of every step, `[batch, time, units]`, instead of the last, `[batch, units]`. @defaultValue false */
  returnSequences?: boolean;
  /**
   * Also return the final states (Keras's `return_state`): `apply` gives `[output, h]`
   * (`[output, h, c]` for LSTM), each state `[batch, units]`, in a functional model. @defaultValue false
   */
  returnState?: boolean;
  /** Process the sequence from its last step to its first; the output sequence is in that (reversed) order, as Keras's. @defaultValue false */
  goBackwards?: boolean;
  /** Keep the final state of each sample as the initial state of the same sample in the next batch, until {@link BaseRNN.resetStates}. @defaultValue false */
  stateful?: boolean;
  /** Keras's `unroll`: accepted for compatibility; the loop is always a loop here. @defaultValue false */
  unroll?: boolean;
  /** At masked steps output zeros instead of the carried state (Keras's `zero_output_for_mask`; Bidirectional sets it with returnSequences). @defaultValue false */
  zeroOutputForMask?: boolean;
  /** Seeds the dropout masks. @defaultValue none: drawn from the global generator at build */
  seed?: number;
}

/** The JSON form of a recurrent layer: its options with defaults resolved. */
export interface RNNConfig extends LayerConfig {
  units: number;
  activation: StepActivationKerasName;
  useBias: boolean;
  kernelInitializer: string | SerializedInitializer;
  recurrentInitializer: string | SerializedInitializer;
  biasInitializer: string | SerializedInitializer;
  kernelRegularizer?: SerializedRegularizer;
  recurrentRegularizer?: SerializedRegularizer;
  biasRegularizer?: SerializedRegularizer;
  dropout: number;
  recurrentDropout: number;
  returnSequences: boolean;
  returnState: boolean;
  goBackwards: boolean;
  stateful: boolean;
  unroll: boolean;
  zeroOutputForMask: boolean;
  seed?: number;
}

/** The shape of one recurrent layer's step data: batch, steps, input features, units. */
export interface StepSizes {
  readonly batch: number;
  readonly steps: number;
  readonly features: number;
  readonly units: number;
}

/** The rate `value` of option `option`, a number in [0, 1). @throws ConfigError naming `owner` otherwise. */
export function checkRate(value: unknown, owner: string, option: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new ConfigError(`${owner}: ${option} must be a number in [0, 1), got ${formatJson(value)}`);
  }
  return value;
}

/** The boolean `value` of option `option`. @throws ConfigError naming `owner` otherwise. */
export function checkBoolean(value: unknown, owner: string, option: string): boolean {
  if (typeof value !== 'boolean') throw new ConfigError(`${owner}: ${option} must be a boolean, got ${formatJson(value)}`);
  return value;
}
