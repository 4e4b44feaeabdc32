/** The recurrent layers: {@link SimpleRNN}, {@link LSTM} and {@link GRU} on the shared time loop of {@link BaseRNN}. */
export { BaseRNN, type RNNConfig, type RNNOptions, type StepSizes } from './base-rnn';
export { SimpleRNN } from './simple-rnn';
export { LSTM, type LSTMConfig, type LSTMOptions } from './lstm';
export { GRU, type GRUConfig, type GRUOptions } from './gru';
export { getStepActivation, type StepActivation, type StepActivationKerasName, type StepActivationName } from './step-activation';
export { Bidirectional, type BidirectionalConfig, type BidirectionalOptions, type MergeMode } from './bidirectional';
